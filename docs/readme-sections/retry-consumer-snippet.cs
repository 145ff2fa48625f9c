// AiLint package-consumer check: this file compiles against OpenAI 2.x and Polly 8.x and must produce
// exactly one AIL0001 and one AIL0004 (see docs/rules/AIL0001.md and AIL0004.md).
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using Polly;

namespace AiLintConsumer;

public sealed class SupportReplies(ChatClient chat, ResiliencePipeline pipeline)
{
    // AIL0001: the retried call carries no idempotency key.
    public async Task<string> DraftAsync(string question, CancellationToken cancellationToken)
    {
        var completion = await pipeline.ExecuteAsync(
            async ct => await chat.CompleteChatAsync([new UserChatMessage(question)], cancellationToken: ct),
            cancellationToken);
        return completion.Value.Content[0].Text;
    }

    // AIL0004: the Idempotency-Key header is regenerated on every attempt.
    public async Task<ClientResult> DraftRawAsync(BinaryContent body, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(
            async ct =>
            {
                var options = new RequestOptions { CancellationToken = ct };
                options.AddHeader("Idempotency-Key", Guid.NewGuid().ToString());
                return await chat.CompleteChatAsync(body, options);
            },
            cancellationToken);
}
