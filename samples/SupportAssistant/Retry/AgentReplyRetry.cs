using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace SupportAssistant.Retry;

/// <summary>Drafts ticket replies with an Agent Framework agent built on the chat client, retrying transient failures.</summary>
public sealed class AgentReplyRetry(IChatClient chatClient, ILogger<AgentReplyRetry> logger, IDistributedCache cache)
{
    private const int MaxAttempts = 3;

    private readonly AIAgent agent = chatClient.AsAIAgent(
        instructions: "You draft short, friendly replies to customer support tickets. Never promise refunds.",
        name: "reply-drafter");

    public async Task<string> DraftAsync(SupportTicket ticket, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A timeout after the model has answered runs the agent again: a second, different reply (and its tools).
                var response = await agent.RunAsync($"Ticket {ticket.Id} from {ticket.CustomerName}: {ticket.Subject}\n\n{ticket.Body}", cancellationToken: cancellationToken); // expect AIL0001
                return response.Text;
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts)
            {
                logger.LogWarning(ex, "Drafting the reply to {TicketId} failed (attempt {Attempt}); retrying", ticket.Id, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
            }
        }
    }
}
