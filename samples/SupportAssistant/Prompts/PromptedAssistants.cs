using Anthropic;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace SupportAssistant.Prompts;

/// <summary>Classifies support messages with OpenAI; the system message is <see cref="SupportPrompts.Triage"/>.</summary>
public sealed class TriageClassifier(ChatClient client)
{
    public async Task<string> ClassifyAsync(string message, CancellationToken cancellationToken)
    {
        OpenAIChatMessage[] messages = [new SystemChatMessage(SupportPrompts.Triage), new UserChatMessage(message)];
        ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
        return completion.Content[0].Text.Trim();
    }
}

/// <summary>Answers order-status questions through Microsoft.Extensions.AI.</summary>
public sealed class OrderStatusAssistant(IChatClient chat)
{
    public async Task<string> AnswerAsync(string question, string orderJson, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { Instructions = SupportPrompts.OrderStatus };
        var response = await chat.GetResponseAsync($"{question}\n\nOrder data:\n{orderJson}", options, cancellationToken);
        return response.Text;
    }
}

/// <summary>Drafts refund replies with Anthropic; System converts implicitly from the prompt string.</summary>
public sealed class RefundAssistant(IAnthropicClient client)
{
    public Task<Message> DraftAsync(string request, CancellationToken cancellationToken) =>
        client.Messages.Create(
            new MessageCreateParams
            {
                MaxTokens = 1024,
                Model = Model.ClaudeHaiku4_5, // expect AIL0501
                System = SupportPrompts.Refunds,
                Messages = [new UserMessageParam { Content = request }],
            },
            cancellationToken);
}
