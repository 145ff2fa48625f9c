using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Caching.Memory;
using OpenAI;
using OpenAI.Chat;

namespace SupportAssistant.Retry;

/// <summary>Summarises the day's tickets for the support lead; runs from a nightly job.</summary>
public sealed class NightlyDigest(IConfiguration configuration, IMemoryCache cache, ILogger<NightlyDigest> logger)
{
    public async Task<string> SummarizeDayAsync(IReadOnlyList<SupportTicket> tickets, CancellationToken cancellationToken)
    {
        // Built here because the job runs with its own key; the SDK's default of 3 retries stays on.
        var chat = new ChatClient("gpt-4o-mini", configuration["OpenAI:NightlyKey"] ?? string.Empty); // expect AIL0501
        var digestKey = $"digest:{DateOnly.FromDateTime(DateTime.UtcNow):O}";
        var prompt = "Summarise today's support tickets:\n" + string.Join("\n", tickets.Select(t => $"- {t.Subject}"));

        // The cache makes retries return the first digest; but each of our 3 attempts is itself up to 4 requests.
        return await RetryHelper.WithBackoffAsync(
            async token => await cache.GetOrCreateAsync(digestKey, async _ =>
                (await chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: token)).Value.Content[0].Text) ?? string.Empty, // expect AIL0003
            logger,
            cancellationToken);
    }
}
