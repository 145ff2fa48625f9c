using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A false-positive hunt on the retry rules' newest positives: pipelines and policies followed through the project's
/// factories, retried calls of project POST helpers, and recursion retries. Each test is the correct code an app
/// writes next to the bug.
/// </summary>
public class NewPositiveFalsePositiveTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Runtime.CompilerServices;
        using Polly.CircuitBreaker;
        using Polly.Retry;
        using Polly.Timeout;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    // ---- POST helpers ------------------------------------------------------------------------------------------------

    [Fact]
    public Task P1_caller_passes_idempotency_key_header_to_helper() => VerifyAsync(
        """
        sealed class Gateway(HttpClient http)
        {
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            private async Task<string> PostAsync(string url, object body, IReadOnlyDictionary<string, string> headers)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
                foreach (var header in headers) request.Headers.Add(header.Key, header.Value);
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }

            public Task<string> ChatAsync(object body)
            {
                var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
                return pipeline.ExecuteAsync(async ct => await PostAsync("https://api.openai.com/v1/chat/completions", body, headers)).AsTask();
            }
        }
        """);

    [Fact]
    public Task P2_streaming_helper_is_streaming() => VerifyAsync(
        """
        sealed class Gateway(HttpClient http)
        {
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            private async Task<Stream> OpenStreamAsync(string url, object body, CancellationToken ct)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStreamAsync(ct);
            }

            public Task<Stream> StreamAsync(object body) =>
                pipeline.ExecuteAsync(async ct => await {|AIL0002:OpenStreamAsync|}("https://api.openai.com/v1/chat/completions", body, ct)).AsTask();
        }
        """);

    [Fact]
    public Task P3_non_generation_routes_from_config() => VerifyAsync(
        """
        sealed class Options { public string BaseUrl { get; set; } = ""; public string WebhookUrl { get; set; } = ""; }

        sealed class Gateway(HttpClient http, Options options)
        {
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            private async Task<string> PostAsync(string url, object body)
            {
                var response = await http.PostAsJsonAsync(url, body);
                return await response.Content.ReadAsStringAsync();
            }

            public async Task RunAsync(string q)
            {
                await pipeline.ExecuteAsync(async ct => await PostAsync($"{options.BaseUrl}/v1/moderations", new { input = q }));
                await pipeline.ExecuteAsync(async ct => await PostAsync(options.BaseUrl + "/v1/embeddings", new { input = q }));
                await pipeline.ExecuteAsync(async ct => await PostAsync($"{options.BaseUrl}/v1/files", new { input = q }));
                await pipeline.ExecuteAsync(async ct => await PostAsync(options.WebhookUrl, new { text = q }));
                await pipeline.ExecuteAsync(async ct => await PostAsync("https://hooks.slack.com/services/T000/B000/XXX", new { text = q }));
                await pipeline.ExecuteAsync(async ct => await PostAsync("/api/conversations", new { text = q }));
                await pipeline.ExecuteAsync(async ct => await PostAsync("http://localhost:11434/api/embed", new { input = q }));
            }
        }
        """);

    // ---- Factories ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task F1_factory_flag_adds_retry_only_when_asked() => VerifyAsync(
        """
        static class Pipelines
        {
            public static ResiliencePipeline Create(bool withRetry)
            {
                var builder = new ResiliencePipelineBuilder();
                if (withRetry)
                {
                    builder.AddRetry(new RetryStrategyOptions());
                }

                builder.AddTimeout(TimeSpan.FromSeconds(30));
                return builder.Build();
            }
        }

        sealed class Assistant(IChatClient chat)
        {
            private readonly ResiliencePipeline pipeline = Pipelines.Create(false);

            public async Task<ChatResponse> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
        }

        sealed class Indexer(IChatClient chat)
        {
            private readonly ResiliencePipeline pipeline = Pipelines.Create(withRetry: true);

            public async Task<ChatResponse> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// The builder local starts as a chain (<c>new ResiliencePipelineBuilder().AddTimeout(...)</c>) and the retry is added
    /// only for calls that are not to the model (<c>if (!isLlm)</c>); a call with <c>isLlm: false</c> gets the retry.
    /// </summary>
    [Fact]
    public Task F1b_factory_chain_started_local_with_negated_flag() => VerifyAsync(
        """
        static class Pipelines
        {
            public static ResiliencePipeline For(bool isLlm)
            {
                var builder = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromMinutes(2));
                if (!isLlm)
                {
                    builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 5 });
                }

                return builder.Build();
            }
        }

        sealed class Assistant(IChatClient chat)
        {
            private readonly ResiliencePipeline llm = Pipelines.For(isLlm: true);
            private readonly ResiliencePipeline other = Pipelines.For(isLlm: false);

            public async Task<ChatResponse> AskAsync(string q) =>
                await llm.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> AskOtherAsync(string q) =>
                await other.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task F2_factory_conditional_per_argument() => VerifyAsync(
        """
        static class Pipelines
        {
            public static ResiliencePipeline Create(bool isLlm) =>
                isLlm
                    ? new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromMinutes(2)).Build()
                    : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
        }

        sealed class Assistant(IChatClient chat)
        {
            private readonly ResiliencePipeline pipeline = Pipelines.Create(isLlm: true);
            private readonly ResiliencePipeline other = Pipelines.Create(isLlm: false);

            public async Task<ChatResponse> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> AskOtherAsync(string q) =>
                await other.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task F3_circuit_breaker_and_generic_timeout_factories() => VerifyAsync(
        """
        sealed class Assistant(IChatClient chat)
        {
            private readonly ResiliencePipeline breaker = CreateBreaker();
            private static ResiliencePipeline<ChatResponse> Timeout { get; } = CreateTimeout<ChatResponse>();

            private static ResiliencePipeline CreateBreaker() =>
                new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions()).Build();

            private static ResiliencePipeline<T> CreateTimeout<T>() =>
                new ResiliencePipelineBuilder<T>().AddTimeout(TimeSpan.FromSeconds(60)).Build();

            public async Task<ChatResponse> AskAsync(string q) =>
                await breaker.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> AskTimedAsync(string q) =>
                await Timeout.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task F4_v7_factory_flag() => VerifyAsync(
        """
        static class Policies
        {
            public static IAsyncPolicy Create(bool retry) =>
                retry ? Policy.Handle<HttpRequestException>().RetryAsync(3) : Policy.TimeoutAsync(30);
        }

        sealed class Assistant(IChatClient chat)
        {
            private readonly IAsyncPolicy policy = Policies.Create(false);
            private readonly IAsyncPolicy retrying = Policies.Create(true);

            public async Task<ChatResponse> AskAsync(string q) =>
                await policy.ExecuteAsync(() => chat.GetResponseAsync(q));

            public async Task<ChatResponse> AskRetriedAsync(string q) =>
                await retrying.ExecuteAsync(() => chat.[|GetResponseAsync|](q));
        }
        """);

    // ---- Retries that fire only before the request is sent ----------------------------------------------------------

    /// <summary>
    /// A factory-built pipeline, a v7 policy and a catch whose retry admits only an <c>HttpRequestException</c> that failed
    /// to connect (name resolution, connection, TLS): the provider never saw the request, so nothing is generated twice.
    /// A retry on any <c>HttpRequestException</c>, or on one whose body ended early, re-sends a request that may have
    /// been processed: reported.
    /// </summary>
    [Fact]
    public Task Retries_only_on_connect_failures_are_not_reported_but_other_http_failures_are() => VerifyAsync(
        """
        sealed class Ollama(HttpClient http)
        {
            private static readonly ResiliencePipeline ConnectOnly = Create();
            private static readonly ResiliencePipeline AnyHttpFailure = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>() })
                .Build();

            private static ResiliencePipeline Create() =>
                new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }),
                    })
                    .Build();

            private readonly IAsyncPolicy<HttpResponseMessage> policy = Policy<HttpResponseMessage>
                .Handle<HttpRequestException>(e => e.HttpRequestError == HttpRequestError.ConnectionError)
                .RetryAsync(2);

            public async Task RunAsync(object body)
            {
                await ConnectOnly.ExecuteAsync(async ct => await http.PostAsJsonAsync("http://localhost:11434/api/chat", body, ct));
                await policy.ExecuteAsync(() => http.PostAsJsonAsync("http://localhost:11434/api/chat", body));
                await AnyHttpFailure.ExecuteAsync(async ct => await http.[|PostAsJsonAsync|]("http://localhost:11434/api/chat", body, ct));
            }

            public async Task<string> LoopAsync(object body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await http.PostAsJsonAsync("http://localhost:11434/api/generate", body);
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && attempt < 3)
                    {
                        await Task.Delay(500);
                    }
                }
            }

            public async Task<string> ResponseEndedLoopAsync(object body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await http.[|PostAsJsonAsync|]("http://localhost:11434/api/generate", body);
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded && attempt < 3)
                    {
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);

    // ---- Recursion ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task R1_pagination_and_chunk_recursion() => VerifyAsync(
        """
        sealed class Summarizer(IChatClient chat)
        {
            public async Task<string> SummarizeAsync(IReadOnlyList<string> chunks)
            {
                if (chunks.Count == 1)
                {
                    return (await chat.GetResponseAsync("Summarize: " + chunks[0])).Text;
                }

                try
                {
                    return (await chat.GetResponseAsync("Summarize: " + string.Join("\n", chunks))).Text;
                }
                catch (Exception)
                {
                    var half = chunks.Count / 2;
                    var left = await SummarizeAsync(new List<string>(chunks).GetRange(0, half));
                    var right = await SummarizeAsync(new List<string>(chunks).GetRange(half, chunks.Count - half));
                    return left + right;
                }
            }

            public async Task<List<string>> GetPageAsync(string? cursor, List<string> acc)
            {
                try
                {
                    var r = await chat.GetResponseAsync("page " + cursor);
                    acc.Add(r.Text);
                    return r.Text.Length == 0 ? acc : await GetPageAsync(r.Text, acc);
                }
                catch (TimeoutException)
                {
                    return acc;
                }
            }
        }
        """);

    /// <summary>
    /// Recursion from a catch that switches to the fallback model is a failover, not a retry of the same request; one
    /// whose <c>attempt</c> parameter is only logged (no bound) still re-sends the same prompt: reported.
    /// </summary>
    [Fact]
    public Task Failover_recursion_is_not_a_retry_but_a_logged_only_attempt_counter_is() => VerifyAsync(
        """
        sealed class Assistant(IChatClient primary, IChatClient fallback)
        {
            public async Task<ChatResponse> AskAsync(string q, bool useFallback = false)
            {
                var client = useFallback ? fallback : primary;
                try
                {
                    return await client.GetResponseAsync(q);
                }
                catch (Exception) when (!useFallback)
                {
                    return await AskAsync(q, useFallback: true);
                }
            }

            public async Task<ChatResponse> AskLoggedAsync(string q, int attempt = 0)
            {
                try
                {
                    return await primary.[|GetResponseAsync|](q);
                }
                catch (Exception ex)
                {
                    Console.WriteLine($"attempt {attempt} failed: {ex.Message}");
                    await Task.Delay(1000);
                    return await AskLoggedAsync(q, attempt + 1);
                }
            }
        }
        """);

    // ---- Half-typed code ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Half_typed_factories_and_helpers_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                static class Pipelines
                {
                    public static ResiliencePipeline Create(bool withRetry)
                    {
                        var builder = new ResiliencePipelineBuilder();
                        if (withRetry) builder.AddRetry(
                        return builder.Build();
                    }
                    public static ResiliencePipeline Pick(bool a) => a ? : new ResiliencePipelineBuilder().Build();
                    public static ResiliencePipeline Pick2(bool a) => a switch { true => , _ => ResiliencePipeline.Empty };
                }
                sealed class Broken(HttpClient http, IChatClient chat)
                {
                    private readonly ResiliencePipeline p1 = Pipelines.Create();
                    private readonly ResiliencePipeline p2 = Pipelines.Pick(true);
                    private readonly ResiliencePipeline p3 = Pipelines.Pick2(undefined);
                    private async Task<Stream> Open(string url, object body) { var r = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, url), HttpCompletionOption.; return null; }
                    public async Task M(Dictionary<string, string> h)
                    {
                        // Pipelines whose factory does not bind are not visible: taken for retries, as before.
                        await p1.ExecuteAsync(async ct => await chat.[|GetResponseAsync|]("q"));
                        await p2.ExecuteAsync(async ct => await chat.[|GetResponseAsync|]("q"));
                        await p3.ExecuteAsync(async ct => await chat.[|GetResponseAsync|]("q"));
                        await p1.ExecuteAsync(async ct => await Open("https://api.openai.com/v1/chat/completions", new { }));
                        await p1.ExecuteAsync(async ct => await Open("https://api.openai.com/v1/chat/completions", h[));
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
