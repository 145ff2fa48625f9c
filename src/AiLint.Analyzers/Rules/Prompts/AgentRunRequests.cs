using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// An agent run given its message as a string (review64 daniel-maurer/MafWorkflowTests ResolutionExecutor, scfido
    /// FeedbackExecutor): Microsoft Agent Framework's <c>agent.RunAsync(message)</c>, <c>RunAsync&lt;T&gt;(message)</c>
    /// and <c>RunStreamingAsync(message)</c> on an <c>AIAgent</c> (a <c>ChatClientAgent</c> or any other subtype). The
    /// string is judged like the one string of a single-turn chat request (<see cref="SingleTurnInstruction"/>): a
    /// per-request instruction template (<c>$"Summarize the following ticket in three bullet points: {ticket}"</c>)
    /// carries the task and the output contract the agent's own instructions do not, and is a prompt of its own; the
    /// user's text (<c>agent.RunAsync(userInput)</c>) or a demo question (<c>"What is the weather?"</c>) is not. The
    /// agent's instructions do not make the string the user's message here, as <c>ChatOptions.Instructions</c> does for
    /// a chat request: agents always carry instructions, and the template is written for this one run.
    /// </summary>
    internal static class AgentRunRequests
    {
        public static void FindSlotValues(IInvocationOperation invocation, KnownPromptSymbols symbols, List<PromptSlot> results)
        {
            var method = invocation.TargetMethod;
            if (symbols.AgentsAIAgent == null
                || !(method.Name == "RunAsync" || method.Name == "RunStreamingAsync")
                || !method.DeclaringSyntaxReferences.IsEmpty
                || !IsAgent(method.ContainingType, symbols.AgentsAIAgent))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { Name: "message" } parameter && parameter.Type.SpecialType == SpecialType.System_String)
                {
                    results.Add(new PromptSlot(argument.Value, isSingleTurn: true));
                }
                else
                {
                    // RunAsync(ChatMessage) / RunAsync(IEnumerable<ChatMessage>) with one user message: the same request.
                    symbols.OneUserMessages.FindAgentRunSlotValues(invocation, argument, symbols, results);
                }
            }
        }

        /// <summary>
        /// <c>AIAgent</c> or an SDK subtype (the string overloads are <c>AIAgent</c>'s; a preview or provider package may
        /// declare its own on a subtype). The project's own methods of that name are not matched: not SDK calls.
        /// </summary>
        private static bool IsAgent(INamedTypeSymbol? type, INamedTypeSymbol agent)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (KnownPromptSymbols.Is(current, agent))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
