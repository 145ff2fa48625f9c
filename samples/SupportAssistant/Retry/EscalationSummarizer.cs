using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Caching.Distributed;
using Polly;
using Polly.Retry;

namespace SupportAssistant.Retry;

/// <summary>Summarises a ticket's history with Claude before it is escalated to a human.</summary>
public sealed class EscalationSummarizer(IAnthropicClient claude, IDistributedCache cache)
{
    // Written years ago with the Polly v7 API, and still in use. (Anthropic's SDK surfaces transport failures as its own
    // exceptions, so the HttpRequestException alone would never fire: the 5xx answer is what gets retried.)
    private static readonly AsyncRetryPolicy RetryPolicy = Policy
        .Handle<HttpRequestException>()
        .Or<Anthropic5xxException>()
        .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));

    public async Task<string> SummarizeAsync(SupportTicket ticket, IReadOnlyList<string> history)
    {
        var parameters = new MessageCreateParams
        {
            Model = Model.ClaudeHaiku4_5, // expect AIL0501
            MaxTokens = 400,
            System = "Summarise the conversation for the on-call engineer in five bullet points.",
            Messages = [new UserMessageParam { Content = string.Join("\n", history) }],
        };

        var message = await RetryPolicy.ExecuteAsync(() => claude.Messages.Create(parameters)); // expect AIL0001
        return string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : string.Empty)) + $" (ticket {ticket.Id})";
    }
}
