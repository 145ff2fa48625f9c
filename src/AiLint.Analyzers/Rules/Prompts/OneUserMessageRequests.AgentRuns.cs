using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    internal sealed partial class OneUserMessageRequests
    {
        /// <summary>
        /// An agent run given its message as a <c>ChatMessage</c>, or as a list holding exactly one user message
        /// (review81 U-2, lindexi/CoursewareScriptAgent: <c>var msg = new ChatMessage(ChatRole.User, $"""You are a neutral
        /// evaluator. ... {scripts}"""); agent.RunStreamingAsync(msg, session)</c>): the same request as
        /// <c>agent.RunStreamingAsync(text)</c> (<see cref="AgentRunRequests"/>), so that user message's text is judged by
        /// the same single-turn test. The message and list shapes read are the chat requests' (the message or list written
        /// at the call, or held in a local read only here); a list with a system message is a conversation whose system
        /// text is its slot. Unlike the string, the text is left alone when this run's options carry instructions or the
        /// agent is created in view with instructions of its own: a caller who spells the user role out beside
        /// instructions writes the user's turn (the review's twin), and a miss costs less than a false report.
        /// </summary>
        public void FindAgentRunSlotValues(IInvocationOperation run, IArgumentOperation argument, KnownPromptSymbols symbols, List<PromptSlot> results)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit
                || argument.Parameter is not { } parameter
                || !CarriesMessages(parameter.Type, MeaiChatMessage)
                || Root(run) is not { } root
                || OnlyUserText(argument.Value, run, root) is not { } text
                || InstructedRequests.CarriesInstructions(run, symbols)
                || AgentHasInstructions(run.Instance, root, symbols))
            {
                return;
            }

            results.Add(new PromptSlot(text, isSingleTurn: true));
        }

        /// <summary>
        /// Whether the agent the run is called on is created with instructions where it can be seen: a local declared
        /// with its creation in this body, or a field or get-only property the project stores once (HeldSlotObjects).
        /// Any instructions slot in that creation counts (<c>AsAIAgent(instructions: ...)</c>, <c>new
        /// ChatClientAgent(client, instructions: ...)</c>, <c>ChatOptions.Instructions</c> in its options). An agent
        /// passed in is not seen: its run is judged as the string's is.
        /// </summary>
        private static bool AgentHasInstructions(IOperation? agent, IOperation root, KnownPromptSymbols symbols)
        {
            IOperation? created = null;
            switch (agent == null ? null : KnownPromptSymbols.Unwrap(agent))
            {
                case ILocalReferenceOperation local when Declarator(local.Local, root) is { Initializer.Value: { } initial }:
                    created = initial;
                    break;
                case IFieldReferenceOperation field when field.SemanticModel?.Compilation is { } compilation:
                    created = HeldSlotObjects.OnlyStore(field.Field.OriginalDefinition, compilation, System.Threading.CancellationToken.None);
                    break;
                case IPropertyReferenceOperation property when property.SemanticModel?.Compilation is { } compilation:
                    created = HeldSlotObjects.OnlyStore(property.Property.OriginalDefinition, compilation, System.Threading.CancellationToken.None);
                    break;
            }

            if (created == null)
            {
                return false;
            }

            var slots = new List<PromptSlot>();
            foreach (var part in created.DescendantsAndSelf())
            {
                slots.Clear();
                symbols.FindSlotValues(part, slots);
                foreach (var slot in slots)
                {
                    if (!slot.IsSingleTurn && !(KnownPromptSymbols.Unwrap(slot.Value).ConstantValue is { HasValue: true, Value: null }))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
