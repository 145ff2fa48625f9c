using AiLint;

namespace SupportAssistant.Prompts;

/// <summary>The assistant's system prompts. Eval cases live in evals/SupportPrompts.evals.jsonl.</summary>
public static class SupportPrompts
{
    /// <summary>Classifies an incoming message. Most instructions have eval cases; one has only a todo case.</summary>
    [Prompt]
    public const string Triage =
        PromptFragments.Persona +
        PromptFragments.Privacy +
        "Classify each message as one of: order, refund, account, other.\n" +
        "- Reply with the category name only.\n" +
        "- If the message mentions a chargeback, always classify it as refund.\n" +
        "- Do not answer the customer's question yourself.\n"; // expect AIL0303

    /// <summary>
    /// Not annotated: it is a prompt because it is passed to ChatOptions.Instructions. Its cases passed against an
    /// older text, before the delivery-date rule was added.
    /// </summary>
    public const string OrderStatus = // expect AIL0302
        PromptFragments.Persona +
        "Answer questions about the status of an order.\n" +
        "- Only use the order data provided in the conversation.\n" +
        "- Never promise a delivery date the carrier has not confirmed.\n";

    /// <summary>
    /// A new prompt nobody has written eval cases for yet: one AIL0301 (its fix scaffolds a todo case per instruction);
    /// the per-instruction AIL0303 only starts once the prompt has cases.
    /// </summary>
    [Prompt("support.refunds")]
    public const string Refunds = // expect AIL0301
        PromptFragments.Persona +
        PromptFragments.Privacy +
        "Help customers request a refund.\n" +
        "- Always confirm the order number before discussing a refund.\n" +
        "- Refunds over $500 must be escalated to a human agent.\n";
}
