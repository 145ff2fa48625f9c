using AiLint;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using MeaiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace SupportAssistant.Schema;

/// <summary>Triage with typed structured output, through the OpenAI SDK or any Microsoft.Extensions.AI chat client.</summary>
public sealed class TriageService(ChatClient openAI, IChatClient chatClient, ILogger<TriageService> logger)
{
    private const string Instructions = "Triage the support ticket. Answer with JSON only.";

    /// <summary>OpenAI strict structured output: the schema is enforced server-side, the parser checks it again.</summary>
    public async Task<TicketTriage?> TriageWithOpenAIAsync(string ticket, CancellationToken cancellationToken)
    {
        var options = new ChatCompletionOptions { ResponseFormat = TicketTriage.CreateOpenAIResponseFormat() };
        var completion = await openAI.CompleteChatAsync(
            [new SystemChatMessage(Instructions), new UserChatMessage(ticket)],
            options,
            cancellationToken);
        return Parse(completion.Value.Content[0].Text, LlmProvider.OpenAI);
    }

    /// <summary>Any IChatClient: the schema dialect follows the provider behind the client.</summary>
    public async Task<TicketTriage?> TriageAsync(string ticket, LlmProvider provider, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { Instructions = Instructions, ResponseFormat = TicketTriage.CreateChatResponseFormat(provider) };
        var response = await chatClient.GetResponseAsync([new MeaiChatMessage(MeaiChatRole.User, ticket)], options, cancellationToken);
        return Parse(response.Text, provider);
    }

    private TicketTriage? Parse(string json, LlmProvider provider)
    {
        // Coerce repairs lossless slips ("0.9" for 0.9, "high" for High) and reports each one.
        if (TicketTriage.TryParseLlmJson(json, provider, LlmParseMode.Coerce, out var triage, out var violations))
        {
            foreach (var repaired in violations)
            {
                logger.LogInformation("Repaired model output: {Violation}", repaired);
            }

            return triage;
        }

        logger.LogWarning("Model output rejected: {Violations}", string.Join("; ", violations));
        return null;
    }
}
