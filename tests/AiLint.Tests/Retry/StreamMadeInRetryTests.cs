using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retried delegate that only makes a stream and hands it back unread (review 78 FP-1, michele-orsini-71/minerva2
/// <c>OpenAICompatibleLlmProvider.GetStreamingResponseAsync</c>): the stream sends its request on the first
/// <c>MoveNextAsync</c>, which runs after the pipeline returned, so the retry never re-sends it (review 78's repro-1 ran it
/// against a counting transport: 1 request). Neither AIL0002 nor AIL0001/AIL0003 applies. The twins that enumerate or
/// start the stream inside the delegate, a streaming call that sends when called (OpenAI Responses'
/// <c>CreateResponseStreamingAsync</c> returns a task), and a helper that takes the stream factory itself stay reported.
/// </summary>
public class StreamMadeInRetryTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0002", Usings + "using System.Net.Http;\nusing System.Runtime.CompilerServices;\nusing Polly.Retry;\n" + source, expected);

    /// <summary>The reduced real shape: `ValueTask.FromResult(...)` in the v8 pipeline, enumeration after it; the client is built with its default retries, so AIL0003 would fire if the retry were taken for one.</summary>
    [Fact]
    public Task A_pipeline_that_only_makes_the_stream_is_quiet() => VerifyAsync(
        """
        public sealed class OpenAICompatibleLlmProvider
        {
            private readonly ChatClient _client;
            private readonly ResiliencePipeline _resiliencePipeline;

            public OpenAICompatibleLlmProvider(string apiKey)
            {
                _client = new ChatClient("gpt-4o-mini", apiKey);
                _resiliencePipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(ex => ex.Status is 429 or >= 500).Handle<TimeoutException>(),
                        MaxRetryAttempts = 3,
                    })
                    .Build();
            }

            public async IAsyncEnumerable<string> GetStreamingResponseAsync(
                List<OpenAI.Chat.ChatMessage> openAiMessages, ChatCompletionOptions? openAiOptions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                IAsyncEnumerable<StreamingChatCompletionUpdate> stream;
                stream = await _resiliencePipeline.ExecuteAsync(
                    ct => ValueTask.FromResult(_client.CompleteChatStreamingAsync(openAiMessages, openAiOptions, ct)),
                    cancellationToken);

                await foreach (var update in stream.WithCancellation(cancellationToken))
                {
                    foreach (var part in update.ContentUpdate)
                    {
                        if (part.Text is not null)
                        {
                            yield return part.Text;
                        }
                    }
                }
            }
        }
        """);

    /// <summary>Other ways real code hands the unread stream out: a block lambda through a local, Polly v7's `Task.FromResult`, `new ValueTask&lt;T&gt;`, an async iterator of the project, a generic retry helper.</summary>
    [Fact]
    public Task Streams_handed_out_unread_through_locals_wrappers_and_generic_helpers_are_quiet() => VerifyAsync(
        """
        static class Retry
        {
            public static async Task<T> ExecuteWithRetryAsync<T>(Func<Task<T>> operation, int maxRetries = 3)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await operation(); }
                    catch (Exception) when (attempt < maxRetries) { await Task.Delay(1000); }
                }
            }
        }

        class Assistant(IChatClient chat, ResiliencePipeline pipeline)
        {
            async IAsyncEnumerable<string> AnswerAsync(string q)
            {
                await foreach (var u in chat.GetStreamingResponseAsync(q)) yield return u.Text;
            }

            public async Task M(string q, CancellationToken cancellationToken)
            {
                var a = await pipeline.ExecuteAsync(ct =>
                {
                    var made = chat.GetStreamingResponseAsync(q, cancellationToken: ct);
                    return ValueTask.FromResult(made);
                }, cancellationToken);
                var b = await Policy.Handle<HttpRequestException>().RetryAsync(3).ExecuteAsync(() => Task.FromResult(chat.GetStreamingResponseAsync(q)));
                var c = await pipeline.ExecuteAsync(ct => new ValueTask<IAsyncEnumerable<string>>(AnswerAsync(q)), cancellationToken);
                var d = await Retry.ExecuteWithRetryAsync(() => Task.FromResult(chat.GetStreamingResponseAsync(q)));
                await foreach (var u in a) Console.Write(u.Text);
                await foreach (var u in b) Console.Write(u.Text);
                await foreach (var u in c) Console.Write(u);
                await foreach (var u in d) Console.Write(u.Text);
            }
        }
        """);

    /// <summary>The correct-looking twins that do send inside the retry: enumerated, or started with `MoveNextAsync`, in the delegate.</summary>
    [Fact]
    public Task A_stream_enumerated_or_started_inside_the_delegate_stays_reported() => VerifyAsync(
        """
        class Assistant(IChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task M(string q, CancellationToken cancellationToken)
            {
                await pipeline.ExecuteAsync(async ct =>
                {
                    await foreach (var u in chat.{|#0:GetStreamingResponseAsync|}(q, cancellationToken: ct)) Console.Write(u.Text);
                }, cancellationToken);

                var started = await pipeline.ExecuteAsync(async ct =>
                {
                    var e = chat.{|#1:GetStreamingResponseAsync|}(q, cancellationToken: ct).GetAsyncEnumerator(ct);
                    await e.MoveNextAsync();
                    return e;
                }, cancellationToken);
                Console.Write(started.Current.Text);
            }
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0002").WithLocation(1).WithArguments("GetStreamingResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    /// <summary>
    /// OpenAI Responses' `CreateResponseStreamingAsync` returns a task and sends when called (measured: 1 request before
    /// it was awaited), so handing its result out does not keep the request out of the retry.
    /// </summary>
    [Fact]
    public Task A_streaming_call_that_sends_when_called_stays_reported() => VerifyAsync(
        """
        using OpenAI.Responses;
        class Assistant(ResponsesClient responses, ResiliencePipeline pipeline)
        {
            public async Task M(CreateResponseOptions options, CancellationToken cancellationToken)
            {
                var stream = await pipeline.ExecuteAsync(async ct => await responses.{|#0:CreateResponseStreamingAsync|}(options, ct), cancellationToken);
                await foreach (var u in stream) Console.Write(u);
            }
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("CreateResponseStreamingAsync", "ResiliencePipeline.ExecuteAsync"));

    /// <summary>A helper typed for streams may enumerate the factory's stream inside its own loop: its callback stays reported.</summary>
    [Fact]
    public Task A_helper_that_takes_the_stream_factory_stays_reported() => VerifyAsync(
        """
        static class StreamRetry
        {
            public static async Task WriteWithRetryAsync(Func<IAsyncEnumerable<ChatResponseUpdate>> open)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await foreach (var u in open()) Console.Write(u.Text);
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3) { await Task.Delay(1000); }
                }
            }
        }

        class Assistant(IChatClient chat)
        {
            public Task M(string q) => StreamRetry.WriteWithRetryAsync(() => chat.{|#0:GetStreamingResponseAsync|}(q));
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "StreamRetry.WriteWithRetryAsync"));

    /// <summary>A project method that returns a stream without being an async iterator may do anything before it returns: stays reported.</summary>
    [Fact]
    public Task A_project_stream_method_that_is_not_an_async_iterator_stays_reported() => VerifyAsync(
        """
        class Assistant(IChatClient chat, ResiliencePipeline pipeline)
        {
            IAsyncEnumerable<ChatResponseUpdate> Open(string q)
            {
                chat.GetResponseAsync("warm up").GetAwaiter().GetResult();
                return chat.GetStreamingResponseAsync(q);
            }

            public async Task M(string q, CancellationToken cancellationToken)
            {
                var stream = await pipeline.ExecuteAsync(ct => ValueTask.FromResult({|#0:Open|}(q)), cancellationToken);
                await foreach (var u in stream) Console.Write(u.Text);
            }
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("Open", "ResiliencePipeline.ExecuteAsync"));

    /// <summary>Half-typed code: no crash, and nothing reported on error types.</summary>
    [Fact]
    public Task Half_typed_pipeline_delegates_do_not_crash() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
            class Assistant(ChatClient chat, ResiliencePipeline pipeline)
            {
                public async Task M(List<OpenAI.Chat.ChatMessage> m, CancellationToken cancellationToken)
                {
                    var a = await pipeline.ExecuteAsync(ct => ValueTask.FromResult(missing.CompleteChatStreamingAsync(m, null, ct)), cancellationToken);
                    var b = await pipeline.ExecuteAsync(ct => ValueTask.FromResult(chat.CompleteChatStreamingAsync(m, ct
                    var c = await pipeline.ExecuteAsync(ct => { var s = chat.CompleteChatStreamingAsync(m); return ValueTask.FromResult(; }, cancellationToken);
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
