using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The summary's record of prompt parameters (<see cref="SummaryKeys.PromptParameter"/>): string parameters a
    /// project's method puts into a system/instruction slot itself (<c>new SystemChatMessage(system)</c>), and the same
    /// parameter of the interface or abstract method it implements when every implementation in the project does. A
    /// referencing project then treats the constant its call passes there as its own prompt.
    /// </summary>
    /// <remarks>
    /// Cost: only methods whose name passed the summary's model-call filter are examined, and in them only the calls,
    /// creations and assignments that take one of the method's string parameters (<see cref="MethodSyntaxFacts.StringParameterUses"/>).
    /// A parameter handed to another examined wrapper of the project is recorded when that wrapper's parameter is
    /// (<see cref="PromptParameterForwarding"/>), from the calls already bound here: no helper is bound a second time.
    /// </remarks>
    internal sealed class PromptParameterSummary
    {
        private readonly Compilation compilation;
        private readonly SummarySemanticModels models;
        private readonly Dictionary<IMethodSymbol, SortedSet<int>> recorded = new(SymbolEqualityComparer.Default);
        private KnownPromptSymbols? symbols;
        private PromptFlow? flow;
        private PromptParameterForwarding? forwarding;

        public PromptParameterSummary(Compilation compilation, SummarySemanticModels models)
        {
            this.compilation = compilation;
            this.models = models;
        }

        /// <summary>Records the string parameters of <paramref name="method"/> that reach a system/instruction slot in its own body.</summary>
        public void Examine(IMethodSymbol method, MethodSyntaxFacts declared, SyntaxTree tree, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (declared.StringParameterUses.Length == 0 || recorded.ContainsKey(method))
            {
                return;
            }

            symbols ??= KnownPromptSymbols.Create(compilation);
            if (!symbols.HasAnySlot)
            {
                return;
            }

            flow ??= new PromptFlow(compilation, symbols);
            var model = models.Get(tree);
            var slots = new List<PromptSlot>();
            var origins = new List<PromptOrigin>();
            SortedSet<int>? ordinals = null;
            foreach (var use in declared.StringParameterUses)
            {
                if (model.GetOperation(use, cancellationToken) is not { } operation)
                {
                    continue;
                }

                foreach (var part in operation.DescendantsAndSelf())
                {
                    if (part is not (IObjectCreationOperation or IInvocationOperation or ISimpleAssignmentOperation))
                    {
                        continue;
                    }

                    (forwarding ??= new PromptParameterForwarding(compilation)).Collect(method, part, flow, origins, cancellationToken);

                    slots.Clear();
                    symbols.FindSlotValues(part, slots);
                    foreach (var slot in slots)
                    {
                        if (slot.IsSingleTurn)
                        {
                            // A single-turn request string is a prompt only when its text instructs: the caller's text decides.
                            continue;
                        }

                        origins.Clear();
                        flow.Resolve(slot.Value, followParameters: true, origins, cancellationToken);
                        foreach (var origin in origins)
                        {
                            if (origin.Holder is IParameterSymbol parameter
                                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                                && !FlagChosenSlots.IsChosenByFlag(slot.Value, parameter))
                            {
                                (ordinals ??= new SortedSet<int>()).Add(parameter.Ordinal);
                            }
                        }
                    }
                }
            }

            if (ordinals is not null)
            {
                recorded[method] = ordinals;
            }
        }

        /// <summary>
        /// The entries: each recordable method examined with prompt parameters, and each recordable interface or
        /// abstract method of the project whose every implementation here has the same prompt parameter.
        /// </summary>
        public void AddEntries(List<SummaryEntry> entries, System.Func<IMethodSymbol, bool> isRecordable, CancellationToken cancellationToken)
        {
            // Forwarded parameters first (they can make an implementation agree with its contract), then the contracts,
            // then once more for a wrapper that forwards to a contract method.
            forwarding?.Apply(recorded, contracts: null);
            var contracts = Contracts(isRecordable, cancellationToken);
            if (forwarding is not null && forwarding.Apply(recorded, contracts))
            {
                contracts = Contracts(isRecordable, cancellationToken);
            }

            foreach (var pair in recorded)
            {
                if (isRecordable(pair.Key) && pair.Key.GetDocumentationCommentId() is { } id)
                {
                    entries.Add(new SummaryEntry(SummaryKeys.PromptParameter, id + "|" + string.Join(",", pair.Value)));
                }
            }

            foreach (var pair in contracts)
            {
                if (pair.Value.Count > 0 && pair.Key.GetDocumentationCommentId() is { } id)
                {
                    entries.Add(new SummaryEntry(SummaryKeys.PromptParameter, id + "|" + string.Join(",", pair.Value)));
                }
            }
        }

        /// <summary>The recordable interface or abstract methods of the project with the prompt parameters every implementation here shares.</summary>
        private Dictionary<IMethodSymbol, SortedSet<int>> Contracts(System.Func<IMethodSymbol, bool> isRecordable, CancellationToken cancellationToken)
        {
            var contracts = new Dictionary<IMethodSymbol, SortedSet<int>>(SymbolEqualityComparer.Default);
            foreach (var pair in recorded)
            {
                foreach (var contract in AbstractImplementations.ImplementedBy(pair.Key))
                {
                    if (contracts.ContainsKey(contract)
                        || !SymbolEqualityComparer.Default.Equals(contract.ContainingAssembly, compilation.Assembly)
                        || !isRecordable(contract))
                    {
                        continue;
                    }

                    var shared = new SortedSet<int>(pair.Value);
                    if (AbstractImplementations.Find(contract, compilation, cancellationToken) is not { Count: > 0 } implementations)
                    {
                        continue;
                    }

                    foreach (var implementation in implementations)
                    {
                        if (recorded.TryGetValue(implementation, out var theirs))
                        {
                            shared.IntersectWith(theirs);
                        }
                        else
                        {
                            shared.Clear();
                        }
                    }

                    contracts[contract] = shared;
                }
            }

            return contracts;
        }
    }
}
