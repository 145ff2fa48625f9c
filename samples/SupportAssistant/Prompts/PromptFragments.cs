namespace SupportAssistant.Prompts;

/// <summary>
/// Text shared by several system prompts. Every prompt that includes a fragment gets its folded text, so editing a
/// fragment changes (and marks stale) every prompt built from it.
/// </summary>
public static class PromptFragments
{
    public const string Persona = "You are the customer support assistant of Contoso, an online electronics shop.\n";

    public const string Privacy = "Never ask for or repeat a full card number.\n";
}
