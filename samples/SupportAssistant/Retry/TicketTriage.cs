using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Polly;

namespace SupportAssistant.Retry;

/// <summary>Classifies tickets and streams live answers to the chat widget through Microsoft.Extensions.AI.</summary>
public sealed class TicketTriage(IChatClient client, ResiliencePipeline pipeline, ILogger<TicketTriage> logger, IDistributedCache cache)
{
    public async Task<string> ClassifyAsync(SupportTicket ticket, CancellationToken cancellationToken)
    {
        var response = await RetryHelper.WithBackoffAsync(
            token => client.GetResponseAsync($"Classify this ticket as billing, shipping or other: {ticket.Subject}", cancellationToken: token), // expect AIL0001
            logger,
            cancellationToken);

        return response.Text.Trim().ToLowerInvariant();
    }

    /// <summary>Pushes tokens to the customer as they arrive.</summary>
    public async Task StreamAnswerAsync(SupportTicket ticket, Func<string, Task> sendToWidget, CancellationToken cancellationToken)
    {
        // If the stream breaks after 200 tokens, the retry starts a brand-new answer after the ones already shown.
        await pipeline.ExecuteAsync(
            async token =>
            {
                await foreach (var update in client.GetStreamingResponseAsync(ticket.Body, cancellationToken: token)) // expect AIL0002
                {
                    await sendToWidget(update.Text);
                }
            },
            cancellationToken);
    }
}
