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
    /// a system message is not single-turn (<see cref="OneUserMessageRequests"/>), so its parameter is not recorded here,
    /// except a system message added only when the caller gives it (<see cref="OneUserMessageRequests.OptionalSystem"/>):
    /// then only the calls that leave that parameter out (or pass <c>null</c>) send the text alone.
    /// </summary>
    internal sealed class SingleTurnWrapperParameters
    {
        private readonly ConcurrentDictionary<IParameterSymbol, byte> parameters = new(SymbolEqualityComparer.Default);

        /// <summary>Per user-text parameter, the optional system parameter a call must leave out for the text to be sent alone.</summary>
        private readonly ConcurrentDictionary<IParameterSymbol, IParameterSymbol> optionalSystem = new(SymbolEqualityComparer.Default);

        /// <summary>Records the wrapper's parameters when <paramref name="operation"/> is a request with an optional system message.</summary>
        public void RecordRequest(IOperation operation, KnownPromptSymbols symbols)
        {
            if (operation is IInvocationOperation invocation && symbols.OneUserMessages.OptionalSystem(invocation, symbols) is { } request)
            {
                optionalSystem.TryAdd(request.User, request.System);
            }
        }

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
            if (parameters.IsEmpty && optionalSystem.IsEmpty)
            {
                return;
            }

            var pending = new Queue<(IParameterSymbol Parameter, int Depth, IParameterSymbol? LeftOut)>();
            foreach (var parameter in parameters.Keys)
            {
                pending.Enqueue((parameter, 0, null));
            }

            // `IAiService.AskAsync(prompt)` whose one implementation is the wrapper: calls through the interface count too.
            foreach (var contract in ContractPromptParameters.Find(parameters.Keys, compilation, callSites, cancellationToken))
            {
                pending.Enqueue((contract, 0, null));
            }

            // Queued after the parameters sent alone whatever the call: a parameter that is both is visited as that.
            foreach (var pair in optionalSystem)
            {
                pending.Enqueue((pair.Key, 0, pair.Value));
            }

            var visited = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            var found = new List<PromptOrigin>();
            while (pending.Count > 0)
            {
                var (parameter, depth, leftOut) = pending.Dequeue();
                if (depth >= PromptFlow.MaxDepth || !visited.Add(parameter))
                {
                    continue;
                }

                foreach (var argument in callSites.Get(parameter, cancellationToken))
                {
                    // `AskAsync(template, Persona)`: with its system message the template is the user's turn.
                    if (leftOut != null && !LeavesOut(argument, leftOut))
                    {
                        continue;
                    }

                    // `public Task<string> CompleteAsync(string text) => _openAI.AskAsync(text);`: the outer wrapper's callers decide.
                    if (KnownPromptSymbols.Unwrap(argument) is IParameterReferenceOperation { Parameter: var outer } && flow.IsFollowable(outer))
                    {
                        pending.Enqueue((outer.OriginalDefinition, depth + 1, null));
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

        /// <summary>
        /// Whether the call that passes <paramref name="argument"/> leaves <paramref name="system"/> out: not given
        /// (its default <c>null</c> applies) or given <c>null</c> / <c>default</c>.
        /// </summary>
        private static bool LeavesOut(IOperation argument, IParameterSymbol system)
        {
            var arguments = argument.Parent?.Parent switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => default,
            };
            if (arguments.IsDefault)
            {
                return false;
            }

            foreach (var given in arguments)
            {
                if (!SymbolEqualityComparer.Default.Equals(given.Parameter?.OriginalDefinition, system))
                {
                    continue;
                }

                if (given.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    return system.HasExplicitDefaultValue && system.ExplicitDefaultValue == null;
                }

                var value = KnownPromptSymbols.Unwrap(given.Value);
                return value is IDefaultValueOperation || (value.ConstantValue.HasValue && value.ConstantValue.Value == null);
            }

            return false;
        }
    }
}
