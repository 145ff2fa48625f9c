using AiLint.Tests.Verifiers;
using static AiLint.Tests.Runtime.RuntimeTestSupport;

namespace AiLint.Tests.Runtime;

/// <summary>AIL0001/AIL0004 with AiLint.Runtime: RunOnceAsync and the UseIdempotency decorator are idempotency keys.</summary>
public class RuntimeIdempotencyAnalyzerTests
{
    // ---- IdempotentCalls.RunOnceAsync ------------------------------------------------------------------------------

    [Fact]
    public Task Call_inside_RunOnceAsync_with_a_key_made_before_the_retry_is_not_reported() => VerifyAsync(
        """
        class Drafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(int ticketId, List<ChatMessage> messages, CancellationToken ct)
            {
                var key = $"reply:{ticketId}";
                return await pipeline.ExecuteAsync(async token => await IdempotentCalls.RunOnceAsync(key,
                    async c => (await chat.CompleteChatAsync(messages, cancellationToken: c)).Value.Content[0].Text,
                    cache, cancellationToken: token), ct);
            }
        }
        """);

    [Fact]
    public Task RunOnceAsync_over_an_IIdempotencyStore_and_a_statement_lambda_counts_too() => VerifyAsync(
        """
        class Drafter(ChatClient chat, ResiliencePipeline pipeline, IIdempotencyStore store)
        {
            public async Task<string> DraftAsync(string requestId, List<ChatMessage> messages, CancellationToken ct)
            {
                return await pipeline.ExecuteAsync(async token =>
                {
                    var text = await IdempotentCalls.RunOnceAsync(requestId, async c =>
                    {
                        var completion = await chat.CompleteChatAsync(messages, cancellationToken: c);
                        return completion.Value.Content[0].Text;
                    }, store, cancellationToken: token);
                    return text.Trim();
                }, ct);
            }
        }
        """);

    [Fact]
    public Task Key_made_inside_the_retried_code_is_AIL0004_not_AIL0001() => VerifyAsync(
        """
        class Drafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> DraftAsync(List<ChatMessage> messages, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async token => await IdempotentCalls.RunOnceAsync({|#0:Guid.NewGuid().ToString()|},
                    async c => (await chat.CompleteChatAsync(messages, cancellationToken: c)).Value.Content[0].Text,
                    cache, cancellationToken: token), ct);
        }
        """,
        Diagnostic("AIL0004").WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task RunOnceAsync_beside_the_call_does_not_cover_it() => VerifyAsync(
        """
        class Drafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task DraftAsync(string key, List<ChatMessage> messages, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async token =>
                {
                    await IdempotentCalls.RunOnceAsync(key, c => Task.FromResult(1), cache, cancellationToken: token);
                    await chat.[|CompleteChatAsync|](messages, cancellationToken: token);
                }, ct);
        }
        """);

    [Fact]
    public Task A_retry_inside_RunOnceAsync_still_resamples_within_one_run() => VerifyAsync(
        """
        class Drafter(ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public Task<string> DraftAsync(string key, List<ChatMessage> messages, CancellationToken ct) =>
                IdempotentCalls.RunOnceAsync(key, async c =>
                    (await pipeline.ExecuteAsync(async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token), c)).Value.Content[0].Text,
                    cache, cancellationToken: ct);
        }
        """);

    [Fact]
    public Task A_RunOnceAsync_of_another_type_is_not_the_runtime() => VerifyAsync(
        """
        static class MyOnce
        {
            public static Task<T> RunOnceAsync<T>(string key, Func<CancellationToken, Task<T>> call) => call(default);
        }

        class Drafter(ChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task DraftAsync(string key, List<ChatMessage> messages, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async token => await MyOnce.RunOnceAsync(key, async c => await chat.[|CompleteChatAsync|](messages, cancellationToken: c)), ct);
        }
        """);

    // ---- IChatClient decorator: UseIdempotency + WithIdempotencyKey -------------------------------------------------

    [Fact]
    public Task Client_built_with_UseIdempotency_and_a_keyed_request_is_not_reported() => VerifyAsync(
        """
        class Triage(IChatClient inner, IDistributedCache cache, ResiliencePipeline pipeline)
        {
            private readonly IChatClient client = new ChatClientBuilder(inner).UseIdempotency(cache).UseFunctionInvocation().Build();

            public async Task<string> ClassifyAsync(int ticketId, string subject, CancellationToken ct)
            {
                var options = new ChatOptions().WithIdempotencyKey($"triage:{ticketId}");
                var response = await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(subject, options, token), ct);
                var inline = await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(subject, new ChatOptions { Temperature = 0 }.WithIdempotencyKey($"triage2:{ticketId}"), token), ct);
                return response.Text + inline.Text;
            }
        }
        """);

    [Fact]
    public Task Keyed_request_on_a_local_builder_and_a_key_set_by_statement() => VerifyAsync(
        """
        class Triage(IChatClient inner, IDistributedCache cache, ResiliencePipeline pipeline)
        {
            public async Task<string> ClassifyAsync(string requestId, string subject, CancellationToken ct)
            {
                var builder = inner.AsBuilder().UseIdempotency(cache, c => c.TimeToLive = TimeSpan.FromHours(1));
                var client = builder.Build();
                var options = new ChatOptions { Temperature = 0 };
                options.WithIdempotencyKey(requestId);
                var response = await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(subject, options, token), ct);
                return response.Text;
            }
        }
        """);

    [Fact]
    public Task The_key_set_as_the_documented_additional_property_counts() => VerifyAsync(
        """
        class Triage(IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task ClassifyAsync(string requestId, string subject, CancellationToken ct)
            {
                var initialized = new ChatOptions { AdditionalProperties = new() { [IdempotentChatClient.KeyPropertyName] = requestId } };
                var collection = new ChatOptions { AdditionalProperties = new() { { "ailint.idempotency_key", requestId } } };
                var assigned = new ChatOptions { AdditionalProperties = new() };
                assigned.AdditionalProperties[IdempotentChatClient.KeyPropertyName] = requestId;
                var other = new ChatOptions { AdditionalProperties = new() { ["user"] = requestId } };

                await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(subject, initialized, token), ct);
                await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(subject, collection, token), ct);
                await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(subject, assigned, token), ct);
                await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject, other, token), ct);
            }
        }
        """);

    [Fact]
    public Task Keyed_request_on_an_injected_client_is_not_reported() => VerifyAsync(
        """
        class Triage(IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task<string> ClassifyAsync(string requestId, string subject, CancellationToken ct)
            {
                var response = await pipeline.ExecuteAsync(async token =>
                    await client.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, subject)], new ChatOptions().WithIdempotencyKey(requestId), token), ct);
                return response.Text;
            }
        }
        """);

    [Fact]
    public Task Keyed_request_on_a_client_visibly_built_without_the_decorator_is_reported() => VerifyAsync(
        """
        class Triage(IChatClient inner, ChatClient openAi, ResiliencePipeline pipeline)
        {
            private readonly IChatClient plain = new ChatClientBuilder(inner).UseFunctionInvocation().Build();
            private readonly IChatClient adapter = openAi.AsIChatClient();

            public async Task ClassifyAsync(string requestId, string subject, CancellationToken ct)
            {
                var options = new ChatOptions().WithIdempotencyKey(requestId);
                await pipeline.ExecuteAsync(async token => await plain.[|GetResponseAsync|](subject, options, token), ct);
                await pipeline.ExecuteAsync(async token => await adapter.[|GetResponseAsync|](subject, options, token), ct);
            }
        }
        """);

    [Fact]
    public Task Request_without_a_key_on_an_idempotent_client_is_reported() => VerifyAsync(
        """
        class Triage(IChatClient inner, IDistributedCache cache, ResiliencePipeline pipeline)
        {
            private readonly IChatClient client = new ChatClientBuilder(inner).UseIdempotency(cache).Build();

            public async Task ClassifyAsync(string subject, CancellationToken ct)
            {
                await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject, new ChatOptions { Temperature = 0 }, token), ct);
                await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject, cancellationToken: token), ct);
            }
        }
        """);

    [Fact]
    public Task WithIdempotencyKey_made_inside_the_retry_is_AIL0004() => VerifyAsync(
        """
        class Triage(IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task ClassifyAsync(string subject, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async token =>
                    await client.GetResponseAsync(subject, new ChatOptions().WithIdempotencyKey({|#0:Guid.NewGuid().ToString("N")|}), token), ct);
        }
        """,
        Diagnostic("AIL0004").WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    // ---- Without the package, and broken code ---------------------------------------------------------------------

    [Fact]
    public Task Without_the_runtime_referenced_the_usual_AIL0001_stands() => VerifyAsync(
        ReferenceAssemblies.Default,
        Usings.Replace("using AiLint.Runtime;", "") + """
        class Drafter(ChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task DraftAsync(List<ChatMessage> messages, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token), ct);
        }
        """);

    [Fact]
    public Task Half_typed_runtime_calls_do_not_crash_and_count_as_no_key() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        // Options whose WithIdempotencyKey() lacks its key, a builder chain cut short: no key reaches the call. A
        // RunOnceAsync without its key does not bind, and neither does the call inside it: nothing is reported there.
        TestCode = Usings + """
            class Drafter(ChatClient chat, IChatClient inner, ResiliencePipeline pipeline, IDistributedCache cache)
            {
                private readonly IChatClient broken = new ChatClientBuilder(inner).UseIdempotency(cache, ).Build();

                public async Task DraftAsync(List<ChatMessage> messages, CancellationToken ct) =>
                    await pipeline.ExecuteAsync(async token =>
                    {
                        await IdempotentCalls.RunOnceAsync(async c => await chat.CompleteChatAsync(messages, cancellationToken: c), token);
                    }, ct);

                public async Task Options(IChatClient client, CancellationToken ct)
                {
                    var options = new ChatOptions().WithIdempotencyKey();
                    await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|]("x", options, token), ct);
                    await pipeline.ExecuteAsync(async token => await broken.[|GetResponseAsync|]("x", options, token), ct);
                    await pipeline.ExecuteAsync(async token => await broken.[|GetResponseAsync|]("x", cancellationToken: token), ct);
                }
            }
            """,
        MarkupDiagnosticId = "AIL0001",
        References = WithRuntime,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
