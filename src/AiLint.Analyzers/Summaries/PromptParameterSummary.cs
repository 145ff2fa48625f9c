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
    /// A parameter handed to another method of the project that builds the message is not followed (no second binding
    /// of the helpers); the analyzer of the defining project follows such chains for its own prompts.
    /// </remarks>
    internal sealed class PromptParameterSummary
    {
        private readonly Compilation compilation;
        private readonly SummarySemanticModels models;
        private readonly Dictionary<IMethodSymbol, SortedSet<int>> recorded = new(SymbolEqualityComparer.Default);
        private KnownPromptSymbols? symbols;
        private PromptFlow? flow;

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
            var contracts = new Dictionary<IMethodSymbol, SortedSet<int>>(SymbolEqualityComparer.Default);
            foreach (var pair in recorded)
            {
                if (isRecordable(pair.Key) && pair.Key.GetDocumentationCommentId() is { } id)
                {
                    entries.Add(new SummaryEntry(SummaryKeys.PromptParameter, id + "|" + string.Join(",", pair.Value)));
                }

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

            foreach (var pair in contracts)
            {
                if (pair.Value.Count > 0 && pair.Key.GetDocumentationCommentId() is { } id)
                {
                    entries.Add(new SummaryEntry(SummaryKeys.PromptParameter, id + "|" + string.Join(",", pair.Value)));
                }
            }
        }
    }
}
