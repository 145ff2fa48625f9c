// AiLint package-consumer check: AIL0003 (the retried OpenAI client retries on its own). The call carries an
// idempotency key made before the retry, so only AIL0003 fires; `dotnet format analyzers` gives the client
// options with `RetryPolicy = new ClientRetryPolicy(0)`, which builds cleanly.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using Polly;

namespace AiLintConsumer;

public sealed class OwnClientReplies(ResiliencePipeline pipeline)
{
    public async Task<ClientResult> DraftAsync(string apiKey, BinaryContent body, CancellationToken cancellationToken)
    {
        var chat = new ChatClient("gpt-4o", apiKey);
        var key = Guid.NewGuid().ToString();
        return await pipeline.ExecuteAsync(
            async ct =>
            {
                var options = new RequestOptions { CancellationToken = ct };
                options.AddHeader("Idempotency-Key", key);
                return await chat.CompleteChatAsync(body, options);
            },
            cancellationToken);
    }
}
