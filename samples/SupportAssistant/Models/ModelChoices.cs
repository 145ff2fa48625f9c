using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace SupportAssistant.Models;

/// <summary>The models the assistant uses for each job, named the way teams usually name them: in code.</summary>
public static class ModelChoices
{
    // The team's proxy serves its own tier ids; models/team.ailint-models.json tells AiLint about them.
    public const string Triage = "contoso-triage-v1";

    public static ChatClient Drafting(OpenAIClient client) =>
        client.GetChatClient("gpt-4o"); // expect AIL0501

    public static ChatClient Summaries(OpenAIClient client) =>
        client.GetChatClient("gpt-5-mini-2025-08-07"); // expect AIL0502

    public static ChatClient Legacy(OpenAIClient client) =>
        client.GetChatClient(Triage); // expect AIL0503

    public static ChatOptions Classification() => new()
    {
        ModelId = "claude-sonnet-4-5-20250929", // expect AIL0503
        Temperature = 0.1f,
        TopP = 0.9f, // expect AIL0505
    };

    public static async Task<string> ExtractOrderNumberAsync(OpenAIClient client, string ticket)
    {
        var extractor = client.GetChatClient("gpt-6-astra"); // a reasoning model
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 200,
            Temperature = 0f, // expect AIL0504
        };
        var completion = await extractor.CompleteChatAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage(ticket) }, options);
        return completion.Value.Content[0].Text;
    }
}
