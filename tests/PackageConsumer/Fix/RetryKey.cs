// AiLint package-consumer check: AIL0004 (the idempotency key is created inside the retried lambda).
// `dotnet format analyzers` hoists the key before the retry; the result builds cleanly.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using Polly;

namespace AiLintConsumer;

public sealed class RawReplies(ChatClient chat, ResiliencePipeline pipeline)
{
    public async Task<ClientResult> DraftRawAsync(BinaryContent body, CancellationToken cancellationToken)
    {
        return await pipeline.ExecuteAsync(
            async ct =>
            {
                var options = new RequestOptions { CancellationToken = ct };
                options.AddHeader("Idempotency-Key", Guid.NewGuid().ToString());
                return await chat.CompleteChatAsync(body, options);
            },
            cancellationToken);
    }
}
