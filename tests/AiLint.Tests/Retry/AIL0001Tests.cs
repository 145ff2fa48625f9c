using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>AIL0001: an LLM generation call inside a retry without an idempotency key.</summary>
public class AIL0001Tests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    // ---- Retry contexts -------------------------------------------------------------------------------------------

    [Fact]
    public Task Polly_v8_pipeline_of_unknown_construction() => VerifyAsync(
        """
        class Assistant(ChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task<string> AnswerAsync(string question, CancellationToken ct)
            {
                var result = await pipeline.ExecuteAsync(async token => await chat.{|#0:CompleteChatAsync|}([new UserChatMessage(question)], cancellationToken: token), ct);
                return result.Value.Content[0].Text;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Polly_v8_generic_pipeline_built_with_retry_and_sync_execute() => VerifyAsync(
        """
        class Assistant(ChatClient chat)
        {
            private readonly ResiliencePipeline<ClientResult<ChatCompletion>> pipeline = new ResiliencePipelineBuilder<ClientResult<ChatCompletion>>()
                .AddRetry(new Polly.Retry.RetryStrategyOptions<ClientResult<ChatCompletion>> { MaxRetryAttempts = 2 })
                .Build();

            public ClientResult<ChatCompletion> Answer(string question) =>
                pipeline.Execute(() => chat.{|#0:CompleteChat|}(new UserChatMessage(question)));
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChat", "ResiliencePipeline.Execute"));

    [Fact]
    public Task Polly_v8_pipeline_built_visibly_without_retry_or_hedging_is_not_a_retry() => VerifyAsync(
        """
        class Assistant(ChatClient chat)
        {
            private readonly ResiliencePipeline timeoutOnly = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();

            public async Task M(string q)
            {
                await timeoutOnly.ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
                await ResiliencePipeline.Empty.ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));

                var builder = new ResiliencePipelineBuilder();
                builder.AddTimeout(TimeSpan.FromSeconds(5));
                var local = builder.Build();
                await local.ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));
            }
        }
        """);

    [Fact]
    public Task Polly_v8_local_builder_with_retry_is_a_retry() => VerifyAsync(
        """
        class Assistant(ChatClient chat)
        {
            public async Task M(string q)
            {
                var builder = new ResiliencePipelineBuilder();
                builder.AddRetry(new Polly.Retry.RetryStrategyOptions());
                var pipeline = builder.Build();
                await pipeline.ExecuteAsync(async ct => await chat.[|CompleteChatAsync|]([new UserChatMessage(q)], cancellationToken: ct));
            }
        }
        """);

    [Fact]
    public Task Polly_v7_retry_policy_and_generic_policy_of_unknown_construction() => VerifyAsync(
        """
        class Assistant(ChatClient chat, IAsyncPolicy injected, ISyncPolicy sync)
        {
            public async Task M(string q)
            {
                var retry = Policy.Handle<ClientResultException>().RetryAsync(3);
                await retry.ExecuteAsync(() => chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q)));
                await injected.ExecuteAsync(async () => await chat.{|#1:CompleteChatAsync|}(new UserChatMessage(q)));
                sync.Execute(() => chat.{|#2:CompleteChat|}(new UserChatMessage(q)));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "AsyncRetryPolicy.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "IAsyncPolicy.ExecuteAsync"),
        Diagnostic(Id).WithLocation(2).WithArguments("CompleteChat", "ISyncPolicy.Execute"));

    [Fact]
    public Task Hedging_generic_v7_policies_and_wraps_run_the_callback_again() => VerifyAsync(
        """
        using OpenAI.Responses;
        class Assistant(ChatClient chat, ResponsesClient responses, IAsyncPolicy<ClientResult<ChatCompletion>> typed, ResiliencePipeline<ClientResult<ResponseResult>> injected)
        {
            private readonly ResiliencePipeline<ClientResult<ChatCompletion>> hedged = new ResiliencePipelineBuilder<ClientResult<ChatCompletion>>()
                .AddHedging(new Polly.Hedging.HedgingStrategyOptions<ClientResult<ChatCompletion>>())
                .Build();

            public async Task M(string q)
            {
                await hedged.ExecuteAsync(async ct => await chat.{|#0:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
                await typed.ExecuteAsync(() => chat.{|#1:CompleteChatAsync|}(new UserChatMessage(q)));
                var wrap = Policy.WrapAsync(Policy.Handle<Exception>().RetryAsync(1), Policy.TimeoutAsync(5));
                await wrap.ExecuteAsync(() => chat.{|#2:CompleteChatAsync|}(new UserChatMessage(q)));
                await injected.ExecuteOutcomeAsync(async (context, state) => Outcome.FromResult(await responses.{|#3:CreateResponseAsync|}("gpt-4o", state)), ResilienceContextPool.Shared.Get(), q);
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "IAsyncPolicy.ExecuteAsync"),
        Diagnostic(Id).WithLocation(2).WithArguments("CompleteChatAsync", "AsyncPolicyWrap.ExecuteAsync"),
        Diagnostic(Id).WithLocation(3).WithArguments("CreateResponseAsync", "ResiliencePipeline.ExecuteOutcomeAsync"));

    [Fact]
    public Task Polly_v7_policies_that_do_not_retry() => VerifyAsync(
        """
        class Assistant(ChatClient chat)
        {
            public async Task M(string q)
            {
                IAsyncPolicy timeout = Policy.TimeoutAsync(TimeSpan.FromSeconds(10));
                await timeout.ExecuteAsync(() => chat.CompleteChatAsync(new UserChatMessage(q)));
                var breaker = Policy.Handle<Exception>().CircuitBreakerAsync(2, TimeSpan.FromSeconds(1));
                await breaker.ExecuteAsync(() => chat.CompleteChatAsync(new UserChatMessage(q)));
            }
        }
        """);

    [Fact]
    public Task Hand_written_retry_loops() => VerifyAsync(
        """
        class Assistant(ChatClient chat)
        {
            public async Task<ChatCompletion> ForLoop(string q)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q));
                    }
                    catch (ClientResultException) when (attempt < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task<ChatCompletion?> WhileFlag(string q)
            {
                var done = false;
                var tries = 0;
                ChatCompletion? result = null;
                while (!done && tries < 3)
                {
                    try
                    {
                        result = await chat.{|#1:CompleteChatAsync|}(new UserChatMessage(q));
                        done = true;
                    }
                    catch (ClientResultException)
                    {
                        tries++;
                    }
                }

                return result;
            }

            public async Task<ChatCompletion> DoLoop(string q)
            {
                var attempt = 0;
                do
                {
                    try
                    {
                        return await chat.{|#2:CompleteChatAsync|}(new UserChatMessage(q));
                    }
                    catch (ClientResultException)
                    {
                        if (++attempt == 3) throw;
                        continue;
                    }
                }
                while (true);
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "for loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "while loop"),
        Diagnostic(Id).WithLocation(2).WithArguments("CompleteChatAsync", "do loop"));

    [Fact]
    public Task Loops_that_do_not_retry() => VerifyAsync(
        """
        class Assistant(ChatClient chat)
        {
            // A batch: each iteration handles another ticket; nothing leaves the loop on success.
            public async Task Batch(List<string> tickets)
            {
                foreach (var ticket in tickets)
                {
                    try { await chat.CompleteChatAsync(new UserChatMessage(ticket)); }
                    catch (ClientResultException) { Console.WriteLine("skipped"); }
                }

                for (var i = 0; i < tickets.Count; i++)
                {
                    try { await chat.CompleteChatAsync(new UserChatMessage(tickets[i])); }
                    catch (ClientResultException) { }
                }
            }

            // The catch leaves the loop: no attempt is repeated.
            public async Task<ChatCompletion?> Rethrows(string q)
            {
                while (true)
                {
                    try { return await chat.CompleteChatAsync(new UserChatMessage(q)); }
                    catch (ClientResultException) { throw; }
                }
            }

            // Not in a try at all, and every answer is kept: a sampling loop, not a retry. (A loop that drops an answer
            // it rejects and asks again, `if (text.Length > 0) return text;`, is a retry: see ResultRetryLoopTests.)
            public async Task<List<string>> Sample(string q)
            {
                var texts = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    var text = (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text;
                    texts.Add(text);
                    if (texts.Count > 1 && texts[0] == text) return texts;
                }

                return texts;
            }
        }
        """);

    [Fact]
    public Task Method_calling_itself_from_its_catch() => VerifyAsync(
        """
        class Assistant(ChatClient chat)
        {
            public async Task<ChatCompletion> AskAsync(string q, int attempt = 0)
            {
                try
                {
                    return await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q));
                }
                catch (ClientResultException) when (attempt < 3)
                {
                    return await AskAsync(q, attempt + 1);
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "recursive call to AskAsync"));

    [Fact]
    public Task Project_retry_helpers_make_every_lambda_passed_a_retry() => VerifyAsync(
        """
        static class Retry
        {
            public static async Task<T> WithRetriesAsync<T>(Func<Task<T>> action, int attempts = 3)
            {
                for (var i = 1; ; i++)
                {
                    try { return await action(); }
                    catch (Exception) when (i < attempts) { await Task.Delay(100 * i); }
                }
            }

            public static ValueTask<T> ViaPipelineAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, ValueTask<T>> action) =>
                pipeline.ExecuteAsync(action);

            // Forwards to another helper.
            public static Task<T> OuterAsync<T>(Func<Task<T>> action) => WithRetriesAsync(() => action());

            // Invokes the delegate once, outside any retry: not a helper.
            public static Task<T> OnceAsync<T>(Func<Task<T>> action) => action();
        }

        class Assistant(ChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task M(string q)
            {
                await Retry.WithRetriesAsync(() => chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q)));
                await Retry.ViaPipelineAsync(pipeline, async ct => await chat.{|#1:CompleteChatAsync|}(new UserChatMessage(q)));
                await Retry.OuterAsync(() => chat.{|#2:CompleteChatAsync|}(new UserChatMessage(q)));
                await Retry.OnceAsync(() => chat.CompleteChatAsync(new UserChatMessage(q)));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "Retry.WithRetriesAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "Retry.ViaPipelineAsync"),
        Diagnostic(Id).WithLocation(2).WithArguments("CompleteChatAsync", "Retry.OuterAsync"));

    [Fact]
    public Task Method_groups_passed_as_the_retried_callback() => VerifyAsync(
        """
        class Assistant(ChatClient chat, ResiliencePipeline pipeline, IAsyncPolicy policy)
        {
            private async ValueTask<string> CallModelAsync(CancellationToken ct) => (await chat.CompleteChatAsync([new UserChatMessage("q")], cancellationToken: ct)).Value.Content[0].Text;
            private Task<string> CallModelTaskAsync() => CallModelAsync(default).AsTask();
            private ValueTask<int> CountAsync(CancellationToken ct) => ValueTask.FromResult(1);

            public async Task M(CancellationToken ct)
            {
                await pipeline.ExecuteAsync({|#0:CallModelAsync|}, ct);
                await policy.ExecuteAsync(this.{|#1:CallModelTaskAsync|});
                await pipeline.ExecuteAsync(CountAsync, ct);
                Func<CancellationToken, ValueTask<string>> notRetried = CallModelAsync;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CallModelAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("CallModelTaskAsync", "IAsyncPolicy.ExecuteAsync"));

    [Fact]
    public Task Delegating_chat_client_override_wrapping_base_in_a_retry() => VerifyAsync(
        """
        using MChat = Microsoft.Extensions.AI.ChatMessage;
        sealed class RetryingChatClient(IChatClient inner, ResiliencePipeline pipeline) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<MChat> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                await pipeline.ExecuteAsync(async ct => await base.{|#0:GetResponseAsync|}(messages, options, ct), cancellationToken);
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Project_methods_annotated_methods_and_configured_methods_inside_a_retry() => VerifyAsync(
        """
        class Assistant(ChatClient chat, ResiliencePipeline pipeline)
        {
            private async Task<string> SummarizeAsync(string q) => (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text;

            [LlmCall]
            private Task<string> ExternalModelAsync(string q) => Task.FromResult(q);

            public async Task M(string q)
            {
                await pipeline.ExecuteAsync(async ct => await {|#0:SummarizeAsync|}(q));
                await pipeline.ExecuteAsync(async ct => await {|#1:ExternalModelAsync|}(q));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("ExternalModelAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public async Task Configured_method_inside_a_retry()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + """
                class Gateway { public Task<string> SendAsync(string q) => Task.FromResult(q); }
                class C(Gateway gateway, ResiliencePipeline pipeline)
                {
                    Task M() => pipeline.ExecuteAsync(async ct => await gateway.[|SendAsync|]("q")).AsTask();
                }
                """,
            MarkupDiagnosticId = Id,
        };
        test.AnalyzerConfigFiles.Add(("/0/.globalconfig", "is_global = true\nailint.llm_call_methods = Gateway.SendAsync\n"));
        await test.RunAsync();
    }

    [Fact]
    public Task Anthropic_and_meai_calls_inside_a_retry() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Models.Messages;
        class Assistant(IAnthropicClient claude, IChatClient client, ResiliencePipeline pipeline)
        {
            public async Task M(MessageCreateParams p)
            {
                await pipeline.ExecuteAsync(async ct => await claude.Messages.{|#0:Create|}(p, ct));
                await pipeline.ExecuteAsync(async ct => await client.{|#1:GetResponseAsync|}("hi", cancellationToken: ct));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("Create", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    // ---- Compliant shapes -----------------------------------------------------------------------------------------

    [Fact]
    public Task Calls_outside_any_retry_and_embeddings_inside_one() => VerifyAsync(
        """
        using OpenAI.Embeddings;
        class Assistant(ChatClient chat, EmbeddingClient embeddings, ResiliencePipeline pipeline)
        {
            public async Task M(string q)
            {
                await chat.CompleteChatAsync(new UserChatMessage(q));
                await pipeline.ExecuteAsync(async ct => await embeddings.GenerateEmbeddingAsync(q, cancellationToken: ct));
                // A lambda that is not handed to a retry is not retried.
                Func<Task> later = () => chat.CompleteChatAsync(new UserChatMessage(q));
                await later();
            }
        }
        """);

    [Fact]
    public Task Idempotency_key_parameter_and_property_with_a_key_created_outside() => VerifyAsync(
        """
        record SummaryRequest
        {
            public string Text { get; init; } = "";
            [IdempotencyKey] public string? RequestId { get; init; }
        }

        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;

            public async Task<string> SummarizeAsync(SummaryRequest request) =>
                (await chat.CompleteChatAsync(new UserChatMessage(request.Text))).Value.Content[0].Text;
        }

        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task M(string text, string requestId)
            {
                var key = Guid.NewGuid().ToString();
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, key));
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, requestId: requestId));
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(new SummaryRequest { Text = text, RequestId = key }));
                var request = new SummaryRequest { Text = text };
                await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(request with { RequestId = key }));
            }

            // A request built elsewhere: we cannot see whether its key is set, so we assume it is.
            public Task N(SummaryRequest request) => pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(request)).AsTask();
        }
        """);

    [Fact]
    public Task Slots_left_empty_are_reported() => VerifyAsync(
        """
        class SummaryRequest
        {
            public string Text { get; init; } = "";
            [IdempotencyKey] public string? RequestId { get; init; }
        }

        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;

            public async Task<string> SummarizeAsync(SummaryRequest request) =>
                (await chat.CompleteChatAsync(new UserChatMessage(request.Text))).Value.Content[0].Text;
        }

        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task M(string text)
            {
                await pipeline.ExecuteAsync(async ct => await gateway.[|SummarizeAsync|](text));
                await pipeline.ExecuteAsync(async ct => await gateway.[|SummarizeAsync|](text, null));
                await pipeline.ExecuteAsync(async ct => await gateway.[|SummarizeAsync|](new SummaryRequest { Text = text }));
            }
        }
        """);

    [Fact]
    public Task OpenAI_protocol_overload_with_idempotency_key_header() => VerifyAsync(
        """
        class Assistant(ChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task M(BinaryContent body, string requestId)
            {
                var options = new RequestOptions();
                options.AddHeader("Idempotency-Key", requestId);
                await pipeline.ExecuteAsync(async ct => await chat.CompleteChatAsync(body, options));

                await pipeline.ExecuteAsync(async ct =>
                {
                    var inner = new RequestOptions();
                    inner.SetHeader("idempotency-key", requestId);
                    return await chat.CompleteChatAsync(body, inner);
                });

                // Protocol overload without the header: still unkeyed.
                await pipeline.ExecuteAsync(async ct => await chat.[|CompleteChatAsync|](body, new RequestOptions()));
            }
        }
        """);

    [Fact]
    public Task Anthropic_extra_headers_through_WithOptions() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Models.Messages;
        class Assistant(IAnthropicClient claude, ResiliencePipeline pipeline)
        {
            public async Task M(MessageCreateParams p, string requestId)
            {
                var keyed = claude.WithOptions(o => o with { ExtraHeaders = new Dictionary<string, string> { ["Idempotency-Key"] = requestId } });
                await pipeline.ExecuteAsync(async ct => await keyed.Messages.Create(p, ct));
                await pipeline.ExecuteAsync(async ct => await claude.Messages
                    .WithOptions(o => o with { ExtraHeaders = new Dictionary<string, string> { { "Idempotency-Key", requestId } } })
                    .Create(p, ct));
            }
        }
        """);

    [Fact]
    public Task First_result_stores_consulted_inside_the_retry() => VerifyAsync(
        """
        using Microsoft.Extensions.Caching.Distributed;
        using Microsoft.Extensions.Caching.Memory;
        class Assistant(ChatClient chat, IMemoryCache memory, IDistributedCache distributed, ResiliencePipeline pipeline)
        {
            public async Task M(string ticketId, string q)
            {
                await pipeline.ExecuteAsync(async ct => await memory.GetOrCreateAsync($"answer:{ticketId}", async entry => await chat.CompleteChatAsync(new UserChatMessage(q))));

                await pipeline.ExecuteAsync(async ct =>
                {
                    if (memory.TryGetValue($"answer:{ticketId}", out string? cached)) return cached!;
                    var text = (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text;
                    memory.Set($"answer:{ticketId}", text);
                    return text;
                });

                await pipeline.ExecuteAsync(async ct =>
                {
                    var cached = await distributed.GetStringAsync(ticketId, ct);
                    return cached ?? (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text;
                });
            }
        }
        """);

    [Fact]
    public Task HybridCache_GetOrCreateAsync_inside_the_retry_keeps_the_first_answer() => VerifyAsync(
        """
        class Assistant(ChatClient chat, Microsoft.Extensions.Caching.Hybrid.HybridCache cache, ResiliencePipeline pipeline)
        {
            public Task M(string ticketId, string q) =>
                pipeline.ExecuteAsync(async ct => await cache.GetOrCreateAsync($"answer:{ticketId}", async c => (await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: c)).Value.Content[0].Text, cancellationToken: ct)).AsTask();

            // The same retry without the store samples again on each attempt.
            public Task Uncached(string q) =>
                pipeline.ExecuteAsync(async ct => (await chat.[|CompleteChatAsync|]([new UserChatMessage(q)], cancellationToken: ct)).Value.Content[0].Text).AsTask();
        }
        """);

    [Fact]
    public async Task Half_typed_code_does_not_crash()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + """
                class Assistant(ChatClient chat, ResiliencePipeline pipeline)
                {
                    public async Task M(string q)
                    {
                        await pipeline.ExecuteAsync(async ct => await chat.[|CompleteChatAsync|](
                        for (var i = 0; i < ; i++) { try { await chat.[|CompleteChatAsync|](q); return; } catch { }
                        await Unknown.ExecuteAsync(() => chat.CompleteChatAsync(q));
                        await pipeline.ExecuteAsync(async ct => await chat.Missing(q));
                        try { await chat.CompleteChatAsync(q) } catch { M(
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }

    // ---- Code fix -------------------------------------------------------------------------------------------------

    private const string KeyedGateway = """
        record SummaryRequest
        {
            public string Text { get; init; } = "";
            [IdempotencyKey] public Guid? RequestId { get; init; }
        }

        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;

            public async Task<string> SummarizeAsync(SummaryRequest request) =>
                (await chat.CompleteChatAsync(new UserChatMessage(request.Text))).Value.Content[0].Text;
        }

        """;

    [Fact]
    public Task Fix_creates_a_key_before_the_retry_and_passes_it_to_the_slot() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + KeyedGateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task<string> Omitted(string text)
                {
                    return await pipeline.ExecuteAsync(async ct => await gateway.[|SummarizeAsync|](text));
                }

                public async Task Null(string text)
                {
                    await pipeline.ExecuteAsync(async ct => await gateway.[|SummarizeAsync|](text, null));
                }

                public async Task Property(string text)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            await gateway.[|SummarizeAsync|](new SummaryRequest { Text = text });
                            return;
                        }
                        catch (ClientResultException) when (attempt < 2)
                        {
                        }
                    }
                }
            }
            """,
        FixedCode = Usings + KeyedGateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task<string> Omitted(string text)
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    return await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, requestId: idempotencyKey));
                }

                public async Task Null(string text)
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text, idempotencyKey));
                }

                public async Task Property(string text)
                {
                    var idempotencyKey = Guid.NewGuid();
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            await gateway.SummarizeAsync(new SummaryRequest { Text = text, RequestId = idempotencyKey });
                            return;
                        }
                        catch (ClientResultException) when (attempt < 2)
                        {
                        }
                    }
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Two_calls_in_one_retry_get_two_keys_one_by_one_and_with_Fix_All() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + KeyedGateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task M(string text)
                {
                    await pipeline.ExecuteAsync(async ct =>
                    {
                        await gateway.[|SummarizeAsync|](text);
                        await gateway.[|SummarizeAsync|](text + "!");
                    });
                }
            }
            """,
        FixedCode = Usings + KeyedGateway + """
            class Assistant(Gateway gateway, ResiliencePipeline pipeline)
            {
                public async Task M(string text)
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    var idempotencyKey2 = Guid.NewGuid().ToString();
                    await pipeline.ExecuteAsync(async ct =>
                    {
                        await gateway.SummarizeAsync(text, requestId: idempotencyKey);
                        await gateway.SummarizeAsync(text + "!", requestId: idempotencyKey2);
                    });
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task No_fix_without_a_slot_or_an_insertion_point() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + KeyedGateway + """
            class Assistant(ChatClient chat, Gateway gateway, ResiliencePipeline pipeline)
            {
                public Task NoSlot(string q) => pipeline.ExecuteAsync(async ct => await chat.[|CompleteChatAsync|](new UserChatMessage(q))).AsTask();

                public Task ExpressionBodied(string text) => pipeline.ExecuteAsync(async ct => await gateway.[|SummarizeAsync|](text)).AsTask();
            }
            """,
        FixedCode = Usings + KeyedGateway + """
            class Assistant(ChatClient chat, Gateway gateway, ResiliencePipeline pipeline)
            {
                public Task NoSlot(string q) => pipeline.ExecuteAsync(async ct => await chat.[|CompleteChatAsync|](new UserChatMessage(q))).AsTask();

                public Task ExpressionBodied(string text) => pipeline.ExecuteAsync(async ct => await gateway.[|SummarizeAsync|](text)).AsTask();
            }
            """,
    }.RunAsync();
}
