using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace SupportAssistant.Prompts;

/// <summary>Decides whether to hand a conversation to a human; its system prompt comes from <see cref="EscalationOptions"/>.</summary>
public sealed class EscalationAdvisor(IChatClient chat, IOptions<EscalationOptions> options)
{
    public async Task<bool> ShouldEscalateAsync(string conversation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var chatOptions = new ChatOptions { Instructions = settings.SystemPrompt, ModelId = settings.ModelId }; // expect AIL0501

        // The conversation is the customer's text, not a prompt: nothing is reported for the user message.
        var response = await chat.GetResponseAsync(conversation, chatOptions, cancellationToken);
        return response.Text.Contains("ESCALATE", StringComparison.Ordinal);
    }
}
