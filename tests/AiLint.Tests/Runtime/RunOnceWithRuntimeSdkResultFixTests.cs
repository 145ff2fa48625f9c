using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Runtime.RuntimeTestSupport;

namespace AiLint.Tests.Runtime;

/// <summary>
/// AIL0001's AiLint.Runtime fix on direct SDK calls: OpenAI's <c>ClientResult&lt;ChatCompletion&gt;</c> (the model is
/// stored in its own JSON, the <c>.Value</c> reads follow), Anthropic's <c>Message</c> and the Agent Framework's
/// <c>AgentResponse</c> (the default serializer; round-trips tested in AiLint.Runtime.Tests).
/// </summary>
public class RunOnceWithRuntimeSdkResultFixTests
{
    private const string SdkUsings = """
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.Agents.AI;

        """;

    private static CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider> Test(string before, string after) => new()
    {
        MarkupDiagnosticId = "AIL0001",
        References = WithRuntime,
        TestCode = Usings + SdkUsings + before,
        FixedCode = Usings + SdkUsings + after,
    };

    private static CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider> NoFix(string source) => Test(source, source);

    [Fact]
    public Task OpenAI_result_flowing_out_of_the_retry_stores_the_completion_and_drops_Value() => Test(
        """
        class ReplyDrafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                var completion = await pipeline.ExecuteAsync(
                    async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token),
                    ct);
                Console.WriteLine(completion.Value.Id);
                return completion.Value.Content[0].Text;
            }
        }
        """,
        """
        class ReplyDrafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var completion = await pipeline.ExecuteAsync(
                    async token => await IdempotentCalls.RunOnceAsync(idempotencyKey, async _ => (await chat.CompleteChatAsync(messages, cancellationToken: token)).Value, cache, serializer: IdempotentResultSerializer.FromJsonModel<ChatCompletion>(), cancellationToken: token),
                    ct);
                Console.WriteLine(completion.Id);
                return completion.Content[0].Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task OpenAI_result_read_in_place_stores_the_completion() => Test(
        """
        class ReplyDrafter(ChatClient chat, ResiliencePipeline pipeline, IIdempotencyStore store)
        {
            public async Task<string> DraftAsync(List<ChatMessage> messages)
            {
                return await pipeline.ExecuteAsync(async token =>
                {
                    var text = (await chat.[|CompleteChatAsync|](messages)).Value.Content[0].Text;
                    return text.Trim();
                });
            }
        }
        """,
        """
        class ReplyDrafter(ChatClient chat, ResiliencePipeline pipeline, IIdempotencyStore store)
        {
            public async Task<string> DraftAsync(List<ChatMessage> messages)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return await pipeline.ExecuteAsync(async token =>
                {
                    var text = (await IdempotentCalls.RunOnceAsync(idempotencyKey, async _ => (await chat.CompleteChatAsync(messages)).Value, store, serializer: IdempotentResultSerializer.FromJsonModel<ChatCompletion>())).Content[0].Text;
                    return text.Trim();
                });
            }
        }
        """).RunAsync();

    [Fact]
    public Task OpenAI_result_in_a_retry_loop_local_stores_the_completion() => Test(
        """
        class ReplyDrafter(ChatClient chat, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var completion = await chat.[|CompleteChatAsync|](messages, cancellationToken: ct);
                        return completion.Value.Content[0].Text;
                    }
                    catch (System.Net.Http.HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """,
        """
        class ReplyDrafter(ChatClient chat, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var completion = await IdempotentCalls.RunOnceAsync(idempotencyKey, async _ => (await chat.CompleteChatAsync(messages, cancellationToken: ct)).Value, cache, serializer: IdempotentResultSerializer.FromJsonModel<ChatCompletion>(), cancellationToken: ct);
                        return completion.Content[0].Text;
                    }
                    catch (System.Net.Http.HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_when_the_OpenAI_result_is_used_beyond_Value() => NoFix(
        """
        class ReplyDrafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<int> RawAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                // The raw HTTP response cannot come back from a store.
                var completion = await pipeline.ExecuteAsync(async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token), ct);
                Console.WriteLine(completion.Value.Id);
                return completion.GetRawResponse().Status;
            }

            public async Task<string> TypedAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                ClientResult<ChatCompletion> completion = await pipeline.ExecuteAsync(async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token), ct);
                return completion.Value.Content[0].Text;
            }

            public async Task<string> ExplicitTypeArgumentAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                var completion = await pipeline.ExecuteAsync<ClientResult<ChatCompletion>>(async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token), ct);
                return completion.Value.Content[0].Text;
            }

            public async Task<string> TypedLambdaAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                var completion = await pipeline.ExecuteAsync(async ValueTask<ClientResult<ChatCompletion>> (CancellationToken token) => await chat.[|CompleteChatAsync|](messages, cancellationToken: token), ct);
                return completion.Value.Content[0].Text;
            }

            public async Task<ClientResult<ChatCompletion>> ReturnedAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                var completion = await pipeline.ExecuteAsync(async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token), ct);
                Console.WriteLine(completion.Value.Id);
                return completion;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Anthropic_message_is_stored_with_the_default_serializer() => Test(
        """
        class EscalationSummarizer(IAnthropicClient claude, IDistributedCache cache)
        {
            private static readonly Polly.Retry.AsyncRetryPolicy RetryPolicy = Policy.Handle<System.Net.Http.HttpRequestException>().Or<Anthropic.Exceptions.Anthropic5xxException>().RetryAsync(3);

            public async Task<string> SummarizeAsync(MessageCreateParams parameters)
            {
                var message = await RetryPolicy.ExecuteAsync(() => claude.Messages.[|Create|](parameters));
                return message.ID;
            }
        }
        """,
        """
        class EscalationSummarizer(IAnthropicClient claude, IDistributedCache cache)
        {
            private static readonly Polly.Retry.AsyncRetryPolicy RetryPolicy = Policy.Handle<System.Net.Http.HttpRequestException>().Or<Anthropic.Exceptions.Anthropic5xxException>().RetryAsync(3);

            public async Task<string> SummarizeAsync(MessageCreateParams parameters)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var message = await RetryPolicy.ExecuteAsync(() => IdempotentCalls.RunOnceAsync(idempotencyKey, _ => claude.Messages.Create(parameters), cache));
                return message.ID;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Agent_response_is_stored_with_the_default_serializer() => Test(
        """
        class AgentReplies(AIAgent agent, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(string prompt, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var response = await agent.[|RunAsync|](prompt, cancellationToken: ct);
                        return response.Text;
                    }
                    catch (System.Net.Http.HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """,
        """
        class AgentReplies(AIAgent agent, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(string prompt, CancellationToken ct)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var response = await IdempotentCalls.RunOnceAsync(idempotencyKey, _ => agent.RunAsync(prompt, cancellationToken: ct), cache, cancellationToken: ct);
                        return response.Text;
                    }
                    catch (System.Net.Http.HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """).RunAsync();
}
