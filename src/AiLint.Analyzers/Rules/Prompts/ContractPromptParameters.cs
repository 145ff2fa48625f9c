using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Parameters of interface and abstract methods that carry a prompt: <c>IChatService.AskAsync(string system, ...)</c>
    /// when at least one implementation in the project puts <c>system</c> into a system/instruction slot and every other
    /// one does too or is a stand-in that uses none of its inputs except to log them (a development mock returning a
    /// canned answer: <see cref="StandInImplementations"/>). An implementation that uses the text as something else (the
    /// user's turn, a lookup key, an echo) keeps the calls unfollowed. A call through the interface then hands its constant
    /// to the slot like a call to the implementation does. The interface may be declared in a referenced project that has
    /// no implementation of its own (valora's <c>IAiService</c>).
    /// </summary>
    internal static class ContractPromptParameters
    {
        /// <param name="fed">Parameters known to reach a slot (original definitions).</param>
        /// <param name="compilation">The project.</param>
        /// <param name="callSites">
        /// The project's call sites, when known: an implementation that hands the parameter on to the same contract (a
        /// caching or logging decorator around the real service) counts as feeding it.
        /// </param>
        /// <param name="cancellationToken">Cancels the search.</param>
        public static List<IParameterSymbol> Find(IEnumerable<ISymbol> fed, Compilation compilation, CallSiteIndex? callSites, CancellationToken cancellationToken)
        {
            var result = new List<IParameterSymbol>();
            var fedSet = new HashSet<ISymbol>(fed, SymbolEqualityComparer.Default);
            var asked = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var holder in fedSet)
            {
                if (!(holder is IParameterSymbol parameter) || !(parameter.ContainingSymbol is IMethodSymbol method))
                {
                    continue;
                }

                foreach (var contract in AbstractImplementations.ImplementedBy(method))
                {
                    // A contract of a referenced project counts when it is implemented here and not there (ReferencedContracts).
                    if (parameter.Ordinal >= contract.Parameters.Length
                        || !ReferencedContracts.RunsOnlyBodiesHere(contract, compilation, cancellationToken))
                    {
                        continue;
                    }

                    var contractParameter = contract.Parameters[parameter.Ordinal];
                    if (asked.Add(contractParameter)
                        && AbstractImplementations.Find(contract, compilation, cancellationToken) is { Count: > 0 } implementations
                        && OneFeedsAndNoneContradicts(implementations, contractParameter, fedSet, compilation, callSites, cancellationToken))
                    {
                        result.Add(contractParameter);
                    }
                }
            }

            return result;
        }

        private static bool OneFeedsAndNoneContradicts(
            List<IMethodSymbol> implementations, IParameterSymbol contractParameter, HashSet<ISymbol> fed, Compilation compilation, CallSiteIndex? callSites, CancellationToken cancellationToken)
        {
            var feeding = 0;
            foreach (var implementation in implementations)
            {
                var parameter = implementation.Parameters[contractParameter.Ordinal];
                if (fed.Contains(parameter) || (callSites != null && IsHandedOn(parameter, contractParameter, callSites, cancellationToken)))
                {
                    feeding++;
                }
                else if (!StandInImplementations.IsStandIn(implementation, compilation, cancellationToken))
                {
                    return false;
                }
            }

            return feeding > 0;
        }

        /// <summary><c>inner.AskAsync(system, user)</c> inside an implementation: the decorator passes the prompt on unchanged.</summary>
        private static bool IsHandedOn(IParameterSymbol parameter, IParameterSymbol contractParameter, CallSiteIndex callSites, CancellationToken cancellationToken)
        {
            foreach (var argument in callSites.Get(contractParameter, cancellationToken))
            {
                if (KnownPromptSymbols.Unwrap(argument) is IParameterReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
