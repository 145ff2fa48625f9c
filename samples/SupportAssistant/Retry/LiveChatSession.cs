using System.Threading.Channels;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SupportAssistant.Retry;

/// <summary>
/// Answers a customer's live chat one message at a time, in one agent session. A failed turn is reported to the
/// customer and the loop waits for their next message: this loop is a conversation, not a retry (every pass sends a
/// new message), so AiLint reports nothing here.
/// </summary>
public sealed class LiveChatSession(IChatClient chatClient, ILogger<LiveChatSession> logger)
{
    private readonly AIAgent agent = chatClient.AsAIAgent(
        instructions: "You are a support assistant chatting live with a customer. Keep answers short and never promise refunds.",
        name: "live-chat");

    public async Task RunAsync(ChannelReader<string> customerMessages, Func<string, Task> sendToCustomer, CancellationToken cancellationToken)
    {
        var session = await agent.CreateSessionAsync(cancellationToken);
        while (true)
        {
            try
            {
                if (!await customerMessages.WaitToReadAsync(cancellationToken))
                {
                    break;
                }

                var message = await customerMessages.ReadAsync(cancellationToken);
                if (message.Trim() == "/end")
                {
                    await sendToCustomer("Thanks for chatting with us!");
                    break;
                }

                var response = await agent.RunAsync(message, session, cancellationToken: cancellationToken);
                await sendToCustomer(response.Text);
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning(ex, "A live chat turn failed; asking the customer to send the message again");
                await sendToCustomer("Sorry, something went wrong on our side. Could you send that again?");
            }
        }
    }
}
