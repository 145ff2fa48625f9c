using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Runtime.RuntimeTestSupport;

namespace AiLint.Tests.Runtime;

/// <summary>AIL0001's AiLint.Runtime fix: wrap a keyless Microsoft.Extensions.AI call in RunOnceAsync, key made before the retry.</summary>
public class RunOnceWithRuntimeFixTests
{
    private static CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider> Test(string before, string after) => new()
    {
        MarkupDiagnosticId = "AIL0001",
        References = WithRuntime,
        TestCode = Usings + before,
        FixedCode = Usings + after,
    };

    [Fact]
    public Task Wraps_the_call_and_creates_the_key_before_the_retry() => Test(
        """
        class Triage(IChatClient client, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> ClassifyAsync(string subject, CancellationToken ct)
            {
                var response = await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject, cancellationToken: token), ct);
                return response.Text;
            }
        }
        """,
        """
        class Triage(IChatClient client, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> ClassifyAsync(string subject, CancellationToken ct)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var response = await pipeline.ExecuteAsync(async token => await IdempotentCalls.RunOnceAsync(idempotencyKey, _ => client.GetResponseAsync(subject, cancellationToken: token), cache, cancellationToken: token), ct);
                return response.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Two_calls_in_one_retry_get_two_keys_one_by_one_and_with_Fix_All() => Test(
        """
        class Drafter(IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task DraftAsync(IIdempotencyStore store, string text)
            {
                await pipeline.ExecuteAsync(async token =>
                {
                    var summary = await client.[|GetResponseAsync|](text);
                    await client.[|GetResponseAsync|]("Reply to: " + summary.Text, new ChatOptions { Temperature = 0 });
                });
            }
        }
        """,
        """
        class Drafter(IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task DraftAsync(IIdempotencyStore store, string text)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var idempotencyKey2 = Guid.NewGuid().ToString();
                await pipeline.ExecuteAsync(async token =>
                {
                    var summary = await IdempotentCalls.RunOnceAsync(idempotencyKey, _ => client.GetResponseAsync(text), store);
                    await IdempotentCalls.RunOnceAsync(idempotencyKey2, _ => client.GetResponseAsync("Reply to: " + summary.Text, new ChatOptions { Temperature = 0 }), store);
                });
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_project_wrapper_returning_text_is_wrapped_too() => Test(
        """
        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, CancellationToken ct) =>
                (await chat.CompleteChatAsync([new UserChatMessage(text)], cancellationToken: ct)).Value.Content[0].Text;
        }

        class Assistant(Gateway gateway, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> M(string text, CancellationToken ct)
            {
                return await pipeline.ExecuteAsync(async token => await gateway.[|SummarizeAsync|](text, token), ct);
            }
        }
        """,
        """
        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, CancellationToken ct) =>
                (await chat.CompleteChatAsync([new UserChatMessage(text)], cancellationToken: ct)).Value.Content[0].Text;
        }

        class Assistant(Gateway gateway, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> M(string text, CancellationToken ct)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return await pipeline.ExecuteAsync(async token => await IdempotentCalls.RunOnceAsync(idempotencyKey, _ => gateway.SummarizeAsync(text, token), cache, cancellationToken: token), ct);
            }
        }
        """).RunAsync();

    [Fact]
    public Task In_a_retry_loop_the_key_goes_before_the_loop() => Test(
        """
        class Drafter(IChatClient client, IDistributedCache cache)
        {
            public async Task<ChatResponse> DraftAsync(string text, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await client.[|GetResponseAsync|](text, cancellationToken: ct);
                    }
                    catch (HttpRequestException) when (attempt < 2)
                    {
                    }
                }
            }
        }
        """.Replace("HttpRequestException", "System.Net.Http.HttpRequestException"),
        """
        class Drafter(IChatClient client, IDistributedCache cache)
        {
            public async Task<ChatResponse> DraftAsync(string text, CancellationToken ct)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await IdempotentCalls.RunOnceAsync(idempotencyKey, _ => client.GetResponseAsync(text, cancellationToken: ct), cache, cancellationToken: ct);
                    }
                    catch (System.Net.Http.HttpRequestException) when (attempt < 2)
                    {
                    }
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task Without_a_using_the_runtime_type_is_qualified() => new CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider>
    {
        MarkupDiagnosticId = "AIL0001",
        References = WithRuntime,
        TestCode = Usings.Replace("using AiLint.Runtime;", "") + """
            class Triage(IChatClient client, ResiliencePipeline pipeline, IDistributedCache cache)
            {
                public async Task M(string subject)
                {
                    await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject));
                }
            }
            """,
        FixedCode = Usings.Replace("using AiLint.Runtime;", "") + """
            class Triage(IChatClient client, ResiliencePipeline pipeline, IDistributedCache cache)
            {
                public async Task M(string subject)
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    await pipeline.ExecuteAsync(async token => await AiLint.Runtime.IdempotentCalls.RunOnceAsync(idempotencyKey, _ => client.GetResponseAsync(subject), cache));
                }
            }
            """,
    }.RunAsync();

    // ---- Not offered --------------------------------------------------------------------------------------------

    private static CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider> NoFix(string source, bool runtime = true) => new()
    {
        MarkupDiagnosticId = "AIL0001",
        References = runtime ? WithRuntime : ReferenceAssemblies.Default,
        TestCode = (runtime ? Usings : Usings.Replace("using AiLint.Runtime;", "")) + source,
        FixedCode = (runtime ? Usings : Usings.Replace("using AiLint.Runtime;", "")) + source,
    };

    [Fact]
    public Task Not_offered_without_the_runtime_referenced() => NoFix(
        """
        class Triage(IChatClient client, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task M(string subject)
            {
                await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject, cancellationToken: token));
            }
        }
        """,
        runtime: false).RunAsync();

    [Fact]
    public Task Not_offered_without_a_store_in_scope() => NoFix(
        """
        class Triage(IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task M(string subject)
            {
                await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject, cancellationToken: token));
            }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_for_results_the_default_serializer_cannot_round_trip() => NoFix(
        """
        class Drafter(ChatClient chat, IChatClient client, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task M(List<ChatMessage> messages, string subject)
            {
                // A discarded ClientResult<ChatCompletion> (no .Value read to follow) and a structured ChatResponse<T> are not stored.
                await pipeline.ExecuteAsync(async token => await chat.[|CompleteChatAsync|](messages, cancellationToken: token));
                await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|]<string[]>(subject, cancellationToken: token));
            }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_when_the_call_awaits_inside_its_arguments_or_has_no_insertion_point() => NoFix(
        """
        class Drafter(IChatClient client, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            private static Task<string> PromptAsync() => Task.FromResult("p");

            public async Task M()
            {
                await pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](await PromptAsync(), cancellationToken: token));
            }

            public Task N(string subject) => pipeline.ExecuteAsync(async token => await client.[|GetResponseAsync|](subject)).AsTask();
        }
        """).RunAsync();
}
