namespace SupportAssistant.Prompts;

/// <summary>
/// Settings bound from the "Escalation" configuration section. The system prompt can be overridden there, but its
/// constant default is a prompt in code: <see cref="EscalationAdvisor"/> reads <see cref="SystemPrompt"/> into
/// ChatOptions.Instructions, and AiLint follows the property to its default, <see cref="DefaultSystemPrompt"/>.
/// </summary>
public sealed class EscalationOptions
{
    public const string DefaultSystemPrompt = // expect AIL0301
        "You decide whether a support conversation needs a human agent.\n" +
        "- Escalate when the customer asks for a human\n" +
        "  or mentions a legal threat.\n" +
        "- Answer with ESCALATE or CONTINUE only.\n";

    public string SystemPrompt { get; set; } = DefaultSystemPrompt;

    /// <summary>A model id, not a prompt: it goes to ChatOptions.ModelId.</summary>
    public string ModelId { get; set; } = "gpt-4o-mini";
}
