using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;

namespace AiLint.Analyzers.Rules.Prompts
{
    internal sealed partial class RawHttpPromptSlots
    {
        /// <summary>
        /// When <paramref name="list"/> (the body's message list) is a project helper's result
        /// (<see cref="HelperReturnedMessageLists"/>), adds the system and developer texts of the list it returns, read
        /// as a list written in the body is, each taken back to what the call gives for it (a helper's parameter is the
        /// caller's argument), and returns true; false when the list is not a helper's result. One level: the helper's
        /// own list is read as written, not through a further helper.
        /// </summary>
        private bool AddHelperReturnedMessages(BodyValue list, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (HelperReturnedMessageLists.Of(list, compilation, cancellationToken) is not { } helper)
            {
                return false;
            }

            var inside = new List<PromptSlot>();
            foreach (var element in RequestBodyShape.Elements(new BodyValue(helper.Returned), compilation, cancellationToken))
            {
                if (RequestBodyShape.ObjectOf(element, compilation, cancellationToken) is { } message
                    && message.Member("role")?.ConstantString is "system" or "developer")
                {
                    AddText(message.Member("content"), inside, cancellationToken);
                }
            }

            foreach (var slot in inside)
            {
                if (slot.Spelled is null && HelperReturnedMessageLists.AtCaller(slot.Value, helper.Call) is { } value)
                {
                    results.Add(new PromptSlot(value, isSingleTurn: false));
                }
            }

            return true;
        }
    }
}
