using OpenAI.Chat;
using Polly;

namespace SupportAssistant.Retry;

/// <summary>Drafts the first reply to a new ticket with OpenAI.</summary>
public sealed class ReplyDrafter(ChatClient chat, ResiliencePipeline pipeline)
{
    private const string Instructions = "You are a friendly support agent for Contoso. Answer in the customer's language and keep it under 150 words.";

    public async Task<string> DraftReplyAsync(SupportTicket ticket, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage(Instructions),
            new UserChatMessage($"Ticket {ticket.Id} from {ticket.CustomerName}: {ticket.Subject}\n\n{ticket.Body}"),
        ];

        // A timeout halfway through the answer re-sends the request: the customer may get two different drafts.
        var completion = await pipeline.ExecuteAsync(
            async token => await chat.CompleteChatAsync(messages, cancellationToken: token), // expect AIL0001
            cancellationToken);

        return completion.Value.Content[0].Text;
    }
}
