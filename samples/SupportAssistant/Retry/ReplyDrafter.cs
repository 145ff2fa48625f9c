using Microsoft.Extensions.Caching.Distributed;
using OpenAI.Chat;
using Polly;

namespace SupportAssistant.Retry;

/// <summary>Drafts the first reply to a new ticket with OpenAI.</summary>
public sealed class ReplyDrafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
{
    public async Task<string> DraftReplyAsync(SupportTicket ticket, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage("Draft a reply to this support ticket for a human agent to review."),
            new UserChatMessage($"Ticket {ticket.Id} from {ticket.CustomerName}: {ticket.Subject}\n\n{ticket.Body}"),
        ];

        // A timeout halfway through the answer re-sends the request: the customer may get two different drafts.
        var completion = await pipeline.ExecuteAsync(
            async token => await chat.CompleteChatAsync(messages, cancellationToken: token), // expect AIL0001
            cancellationToken);

        return completion.Value.Content[0].Text;
    }
}
