// AiLint package-consumer check: AIL0001 on a call whose callee has an [IdempotencyKey] parameter. `dotnet format
// analyzers` creates the key before the retry and passes it as `requestId: idempotencyKey`.
using System;
using System.Threading.Tasks;
using AiLint;
using OpenAI.Chat;
using Polly;

namespace AiLintConsumer;

public sealed class Gateway(ChatClient chat)
{
    public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
        (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
}

public sealed class Summaries(Gateway gateway, ResiliencePipeline pipeline)
{
    public async Task<string> SummarizeAsync(string text)
    {
        return await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text));
    }
}
