using System.ClientModel;
using System.ClientModel.Primitives;
using AiLint;
using OpenAI.Chat;
using Polly;

namespace SupportAssistant.Retry;

/// <summary>The assistant's gateway to OpenAI's raw chat endpoint, which accepts an idempotency key.</summary>
public sealed class ModelGateway(ChatClient chat)
{
    public async Task<string> CompleteAsync(string prompt, [IdempotencyKey] string requestId, CancellationToken cancellationToken)
    {
        var options = new RequestOptions { CancellationToken = cancellationToken };
        options.AddHeader("Idempotency-Key", requestId);
        using var body = BinaryContent.Create(BinaryData.FromObjectAsJson(new
        {
            model = "gpt-4o-mini",
            messages = new[] { new { role = "user", content = prompt } },
        }));

        var result = await chat.CompleteChatAsync(body, options);
        return result.GetRawResponse().Content.ToString();
    }
}

/// <summary>Writes the follow-up e-mail sent when a ticket has been quiet for three days.</summary>
public sealed class FollowUpWriter(ModelGateway gateway, ResiliencePipeline pipeline)
{
    public async Task<string> WriteFollowUpAsync(SupportTicket ticket, CancellationToken cancellationToken)
    {
        var prompt = $"Write a short, polite follow-up to {ticket.CustomerName} about '{ticket.Subject}'.";
        return await pipeline.ExecuteAsync(
            async token =>
            {
                // A new key per attempt: the provider cannot tell a retry from a new request.
                var requestId = Guid.NewGuid().ToString(); // expect AIL0004
                return await gateway.CompleteAsync(prompt, requestId, token);
            },
            cancellationToken);
    }

    /// <summary>The compliant shape: one key for all attempts.</summary>
    public async Task<string> WriteReminderAsync(SupportTicket ticket, CancellationToken cancellationToken)
    {
        var requestId = $"reminder:{ticket.Id}";
        return await pipeline.ExecuteAsync(
            async token => await gateway.CompleteAsync($"Remind {ticket.CustomerName} to rate our support.", requestId, token),
            cancellationToken);
    }
}
