using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The app's own wrapper around a single-turn request (review63 TennisGPT, review Talles):
    /// <c>OpenAIService.AskAsync(string prompt)</c> sends its parameter as the only user message
    /// (<c>CompleteChatAsync(new UserChatMessage(prompt))</c>, <c>GetResponseAsync(prompt)</c>), and the call sites pass
    /// the instruction template (<c>AskAsync($"Analyze the following tennis match statistics and give ...:\n{json}")</c>).
    /// The request itself cannot tell the user's question from the app's instruction, so each call site's argument is
    /// judged by the single-turn test (<see cref="SingleTurnInstruction"/>) exactly as if it were written at the SDK
    /// call: the user's text, a question or a label over data stays quiet there as it does at the SDK. Only the whole
    /// parameter is followed (not one concatenated with other text, which the request judges as assembled text), through
    /// the project's own wrappers that hand it on unchanged and an interface whose every implementation sends it
    /// (<see cref="ContractPromptParameters"/>), up to <see cref="PromptFlow.MaxDepth"/> calls. A wrapper that also sends
    /// a system message is not single-turn (<see cref="OneUserMessageRequests"/>), so its parameter is not recorded here.
    /// </summary>
    internal sealed class SingleTurnWrapperParameters
    {
        private readonly ConcurrentDictionary<IParameterSymbol, byte> parameters = new(SymbolEqualityComparer.Default);

        /// <summary>Records the wrapper parameter a single-turn request sends whole, if <paramref name="value"/> is one.</summary>
        public void Record(IOperation value, PromptFlow flow)
        {
            if (KnownPromptSymbols.Unwrap(value) is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_String } parameter }
                && flow.IsFollowable(parameter))
            {
                parameters.TryAdd(parameter.OriginalDefinition, 0);
            }
        }

        /// <summary>Adds the prompts the project's call sites pass to the recorded parameters: the arguments that pass the single-turn test.</summary>
        public void Resolve(PromptFlow flow, CallSiteIndex callSites, Compilation compilation, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            if (parameters.IsEmpty)
            {
                return;
            }

            var pending = new Queue<(IParameterSymbol Parameter, int Depth)>();
            foreach (var parameter in parameters.Keys)
            {
                pending.Enqueue((parameter, 0));
            }

            // `IAiService.AskAsync(prompt)` whose one implementation is the wrapper: calls through the interface count too.
            foreach (var contract in ContractPromptParameters.Find(parameters.Keys, compilation, callSites, cancellationToken))
            {
                pending.Enqueue((contract, 0));
            }

            var visited = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            var found = new List<PromptOrigin>();
            while (pending.Count > 0)
            {
                var (parameter, depth) = pending.Dequeue();
                if (depth >= PromptFlow.MaxDepth || !visited.Add(parameter))
                {
                    continue;
                }

                foreach (var argument in callSites.Get(parameter, cancellationToken))
                {
                    // `public Task<string> CompleteAsync(string text) => _openAI.AskAsync(text);`: the outer wrapper's callers decide.
                    if (KnownPromptSymbols.Unwrap(argument) is IParameterReferenceOperation { Parameter: var outer } && flow.IsFollowable(outer))
                    {
                        pending.Enqueue((outer.OriginalDefinition, depth + 1));
                        continue;
                    }

                    if (flow.IsPassedToProbe(argument, cancellationToken))
                    {
                        continue;
                    }

                    found.Clear();
                    flow.ResolveSingleTurn(argument, found, cancellationToken);
                    foreach (var origin in found)
                    {
                        if (origin.Declaration is { } declaration && SingleTurnInstruction.Qualifies(declaration))
                        {
                            results.Add(origin);
                        }
                    }
                }
            }
        }
    }
}
