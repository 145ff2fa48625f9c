using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The interface side of <see cref="ModelParameterSummary"/>: a host holds an <c>IChatService</c> from DI and calls
    /// <c>chat.AskAsync(text, model: "gpt-3.5-turbo")</c>, which binds to the interface member, not to
    /// <c>OpenAiChatService.AskAsync</c>. The member of a public, non-generic interface of the project is recorded with
    /// the ordinals and providers every implementation in the project agrees on: each class or struct implementing the
    /// interface (public or internal) maps the member to a method the summary examined, and each of those hands the same
    /// parameters to slots of the same provider. One implementation that does not (a fake, a decorator, another
    /// provider's service, a virtual method) leaves the member unrecorded. Implementations in other projects are not seen.
    /// </summary>
    internal static class ModelParameterContracts
    {
        /// <summary>Adds an entry for each interface member that <paramref name="examined"/>'s methods implement and agree on.</summary>
        /// <param name="examined">Every method the summary examined, with the parameters it records (empty when none).</param>
        /// <param name="compilation">The project.</param>
        /// <param name="entries">Where the entries go.</param>
        /// <param name="cancellationToken">Cancels the run.</param>
        public static void Add(Dictionary<IMethodSymbol, SortedDictionary<int, string>> examined, Compilation compilation, List<SummaryEntry> entries, CancellationToken cancellationToken)
        {
            var contracts = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var pair in examined)
            {
                if (pair.Value.Count > 0 && pair.Key.MethodKind == MethodKind.Ordinary)
                {
                    contracts.UnionWith(ImplementedContracts(pair.Key));
                }
            }

            if (contracts.Count == 0)
            {
                return;
            }

            // The project's classes and structs, walked once, only when some recorded method implements a contract.
            var types = SourceBodies.SourceTypes(compilation, cancellationToken).Where(type => type.TypeKind is TypeKind.Class or TypeKind.Struct).ToList();
            foreach (var contract in contracts)
            {
                if (Agreed(contract, types, examined) is { Count: > 0 } agreed && contract.GetDocumentationCommentId() is { } docId)
                {
                    entries.Add(new SummaryEntry(ModelParameterSummary.Key, docId + "|" + ModelParameterSummary.Format(agreed)));
                }
            }
        }

        /// <summary>The members of public, non-generic source interfaces that <paramref name="method"/> implements.</summary>
        private static IEnumerable<IMethodSymbol> ImplementedContracts(IMethodSymbol method)
        {
            foreach (var contract in method.ContainingType.AllInterfaces)
            {
                if (contract.IsGenericType || contract.DeclaringSyntaxReferences.IsEmpty)
                {
                    continue;
                }

                foreach (var member in contract.GetMembers().OfType<IMethodSymbol>())
                {
                    if (member is { MethodKind: MethodKind.Ordinary, IsAbstract: true, IsStatic: false }
                        && ModelParameterSummary.IsRecordable(member)
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        yield return member;
                    }
                }
            }
        }

        /// <summary>The ordinal-to-provider pairs every implementation of <paramref name="contract"/> records; empty when they differ.</summary>
        private static SortedDictionary<int, string> Agreed(IMethodSymbol contract, List<INamedTypeSymbol> types, Dictionary<IMethodSymbol, SortedDictionary<int, string>> examined)
        {
            SortedDictionary<int, string>? agreed = null;
            foreach (var type in types)
            {
                if (!type.AllInterfaces.Contains(contract.ContainingType, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                if (type.FindImplementationForInterfaceMember(contract) is not IMethodSymbol implementation
                    || !examined.TryGetValue(implementation, out var reached))
                {
                    return new SortedDictionary<int, string>();
                }

                if (agreed == null)
                {
                    agreed = new SortedDictionary<int, string>(reached);
                    continue;
                }

                foreach (var ordinal in agreed.Keys.ToList())
                {
                    if (!reached.TryGetValue(ordinal, out var provider) || provider != agreed[ordinal])
                    {
                        agreed.Remove(ordinal);
                    }
                }
            }

            // The interface's own parameter must be a by-value string too (it is, for an implicit implementation).
            var result = agreed ?? new SortedDictionary<int, string>();
            foreach (var ordinal in result.Keys.ToList())
            {
                if (ordinal >= contract.Parameters.Length || contract.Parameters[ordinal] is not { RefKind: RefKind.None, Type.SpecialType: SpecialType.System_String })
                {
                    result.Remove(ordinal);
                }
            }

            return result;
        }
    }
}
