using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Prompt slots of wrappers declared in referenced projects: the library's summary records that parameter N of
    /// <c>ChatService.AskAsync</c> (or of the <c>IChatService</c> method it implements) goes into a system/instruction
    /// slot (<see cref="SummaryKeys.PromptParameter"/>), so the value this project passes there is a prompt of this
    /// project, found, reported and judged against its eval files like one written at an SDK slot.
    /// </summary>
    internal sealed class ReferencedPromptWrappers
    {
        private readonly Compilation compilation;
        private readonly ReferencedSummaries summaries;

        // Per interface or abstract method: whether this project declares no implementation of its own (which the
        // library's record cannot speak for).
        private readonly ConcurrentDictionary<IMethodSymbol, bool> onlyLibraryImplementations = new(SymbolEqualityComparer.Default);

        public ReferencedPromptWrappers(Compilation compilation)
        {
            this.compilation = compilation;
            summaries = ReferencedSummaries.For(compilation);
        }

        public bool Any => summaries.HasPromptParameters;

        /// <summary>Adds the arguments <paramref name="operation"/> passes to a referenced wrapper's recorded prompt parameters.</summary>
        public void FindSlotValues(IOperation operation, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (!summaries.HasPromptParameters)
            {
                return;
            }

            var (method, arguments) = operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                IObjectCreationOperation creation when creation.Constructor != null => (creation.Constructor, creation.Arguments),
                _ => (null, default),
            };

            if (method == null || SourceBodies.IsInSource(method, compilation) || !(summaries.PromptParameterOrdinals(method) is { } ordinals))
            {
                return;
            }

            if ((method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface)
                && !onlyLibraryImplementations.GetOrAdd(method.OriginalDefinition, contract => AbstractImplementations.Find(contract, compilation, cancellationToken) is { Count: 0 }))
            {
                return;
            }

            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter is { } parameter
                    && Array.IndexOf(ordinals, parameter.Ordinal) >= 0)
                {
                    results.Add(new PromptSlot(argument.Value, isSingleTurn: false));
                }
            }
        }
    }
}
