using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 84 M1 (jsgalaxy29-hash/AionMemory <c>AiHttpRetryPolicy.SendWithRetryAsync(HttpClient client,
/// Func&lt;HttpRequestMessage&gt; requestFactory, ...)</c>, six call sites): .NET will not send one request message twice,
/// so the shared retry helper takes a factory and calls it on every attempt of a status loop (429 or &gt;= 500). The
/// callers that pass <c>() =&gt; new HttpRequestMessage(HttpMethod.Post, "chat/completions") {...}</c> have their generation
/// re-sent after a 5xx: AIL0001 at that lambda argument. Quiet: the same helper given an embeddings, transcription or
/// models GET request, a helper that calls the factory once before its loop, a 429-only helper, a non-LLM URL, a
/// request carrying an idempotency key, and half-typed code.
/// </summary>
public class RequestFactoryRetryTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string StatusLoop = "for loop that sends again after a failed status in AiHttpRetryPolicy.SendWithRetryAsync";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult At(int location, string retry = StatusLoop) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments("SendAsync", retry);

    /// <summary>The real helper (AiHttpRetryPolicy.cs, reduced: its metrics and logging dropped); <paramref name="retryTest"/> is ShouldRetry's body.</summary>
    private static string Helper(string retryTest = "statusCode == HttpStatusCode.TooManyRequests || (int)statusCode >= 500") => $$"""
        internal static class AiHttpRetryPolicy
        {
            internal static async Task<HttpResponseMessage> SendWithRetryAsync(HttpClient client, Func<HttpRequestMessage> requestFactory, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var request = requestFactory();
                    var response = await client.SendAsync(request, ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode || !ShouldRetry(response.StatusCode))
                    {
                        return response;
                    }

                    response.Dispose();
                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct).ConfigureAwait(false);
                }

                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            private static bool ShouldRetry(HttpStatusCode statusCode) => {{retryTest}};
        }
        """;

    /// <summary>A provider method of the real app calling the helper with a factory building <paramref name="request"/>.</summary>
    private static string Provider(string name, string request) => $$"""
            public async Task<string> {{name}}(string input, CancellationToken ct)
            {
                var payload = new { model = "gpt-4o-mini", input };
                var response = await AiHttpRetryPolicy.SendWithRetryAsync(
                    client,
                    {{request}},
                    ct);
                return await response.Content.ReadAsStringAsync(ct);
            }
        """;

    private const string ChatFactory = """
        () => new HttpRequestMessage(HttpMethod.Post, "chat/completions")
                    {
                        Content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json")
                    }
        """;

    /// <summary>The real code (OpenAiProviders.cs): relative "chat/completions" on a client whose base address is OpenAI's. Failed before (no diagnostic).</summary>
    [Fact]
    public Task Chat_completion_factory_given_to_a_status_loop_helper_is_reported() => VerifyAsync(
        Helper() + $$"""

        public sealed class OpenAiTextGenerationProvider(HttpClient client)
        {
        {{Provider("GenerateAsync", "{|#0:" + ChatFactory + "|}")}}
        {{Provider("GenerateJsonAsync", "{|#1:() => new HttpRequestMessage(HttpMethod.Post, \"https://api.openai.com/v1/chat/completions\") { Content = JsonContent.Create(payload) }|}")}}
        }
        """,
        At(0),
        At(1));

    /// <summary>
    /// The same app's other callers of the same helper: embeddings, transcription and a models GET are not generations,
    /// and a URL that names no LLM endpoint is not one either.
    /// </summary>
    [Fact]
    public Task Embedding_transcription_models_and_non_llm_factories_are_quiet() => VerifyAsync(
        Helper() + $$"""

        public sealed class OtherProviders(HttpClient client)
        {
        {{Provider("EmbedAsync", "() => new HttpRequestMessage(HttpMethod.Post, \"embeddings\") { Content = JsonContent.Create(payload) }")}}
        {{Provider("TranscribeAsync", "() => new HttpRequestMessage(HttpMethod.Post, \"audio/transcriptions\") { Content = new MultipartFormDataContent() }")}}
        {{Provider("ListModelsAsync", "() => new HttpRequestMessage(HttpMethod.Get, \"https://api.openai.com/v1/models\")")}}
        {{Provider("SubmitOrderAsync", "() => new HttpRequestMessage(HttpMethod.Post, \"https://shop.example.com/api/orders\") { Content = JsonContent.Create(payload) }")}}
        }
        """);

    /// <summary>
    /// The helper's loop written inline around a spelled POST: <c>response.Dispose();</c> before the wait drops the failed
    /// response, so the loop is still a status retry. Failed before (the Dispose read counted as keeping the answer).
    /// </summary>
    [Fact]
    public Task Inline_status_loop_that_disposes_the_failed_response_is_reported() => VerifyAsync(
        """
        public static class Completions
        {
            public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string json, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions") { Content = new StringContent(json) };
                    var response = await client.{|#0:SendAsync|}(request, ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode < 500)
                    {
                        return response;
                    }

                    response.Dispose();
                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct).ConfigureAwait(false);
                }

                throw new HttpRequestException("failed after retries");
            }
        }
        """,
        At(0, "for loop that sends again after a failed status"));

    /// <summary>A catch loop (HttpRequestException, as the real helper's other branch) and a block-bodied factory lambda are read too.</summary>
    [Fact]
    public Task Catch_loop_helper_and_block_lambda_factory_are_reported() => VerifyAsync(
        $$"""
        internal static class Http
        {
            internal static async Task<string> PostWithRetriesAsync(HttpClient client, Func<HttpRequestMessage> makeRequest)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var response = await client.SendAsync(makeRequest());
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }

        public sealed class GeminiClient(HttpClient client)
        {
            public Task<string> AskAsync(string prompt) => Http.PostWithRetriesAsync(client, {|#0:() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
                request.Content = JsonContent.Create(new { contents = new[] { new { parts = new[] { new { text = prompt } } } } });
                return request;
            }|});
        }
        """,
        At(0, "for loop in Http.PostWithRetriesAsync"));

    /// <summary>
    /// The factory called once, before the loop: every attempt sends the same message, and .NET throws on the second send
    /// (not a re-sent generation). A helper that only goes round on a 429 re-sends only a refused request (the page's
    /// rate-limit waits).
    /// </summary>
    [Fact]
    public Task Factory_called_before_the_loop_and_rate_limit_only_helper_are_quiet() => VerifyAsync(
        $$"""
        internal static class OnceBuilt
        {
            internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> requestFactory, CancellationToken ct)
            {
                using var request = requestFactory();
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var response = await client.SendAsync(request, ct);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode < 500)
                    {
                        return response;
                    }

                    await Task.Delay(1000, ct);
                }

                throw new HttpRequestException("failed");
            }
        }

        internal static class RateLimited
        {
            internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> requestFactory, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var request = requestFactory();
                    var response = await client.SendAsync(request, ct);
                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        return response;
                    }

                    await Task.Delay(1000, ct);
                }

                throw new HttpRequestException("rate limited");
            }
        }

        public sealed class Chat(HttpClient client)
        {
            public Task<HttpResponseMessage> OnceAsync(string json, CancellationToken ct) =>
                OnceBuilt.SendAsync(client, () => new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions") { Content = new StringContent(json) }, ct);

            public Task<HttpResponseMessage> RateLimitedAsync(string json, CancellationToken ct) =>
                RateLimited.SendAsync(client, () => new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions") { Content = new StringContent(json) }, ct);
        }
        """);

    /// <summary>An Idempotency-Key header set by the factory travels with every attempt (the page's key): quiet.</summary>
    [Fact]
    public Task Factory_setting_an_idempotency_key_is_quiet() => VerifyAsync(
        Helper() + """

        public sealed class KeyedProvider(HttpClient client)
        {
            public async Task<string> GenerateAsync(string json, CancellationToken ct)
            {
                var key = Guid.NewGuid().ToString();
                var response = await AiHttpRetryPolicy.SendWithRetryAsync(client, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent(json) };
                    request.Headers.Add("Idempotency-Key", key);
                    return request;
                }, ct);
                return await response.Content.ReadAsStringAsync(ct);
            }
        }
        """);

    /// <summary>Half-typed code: a helper whose factory parameter's type does not resolve, and a helper still being written.</summary>
    [Fact]
    public Task Half_typed_helpers_do_not_crash_or_report() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
        internal static class Broken
        {
            internal static async Task<HttpResponseMessage> SendWithRetryAsync(HttpClient client, Func<HttpRequestMesage> requestFactory, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var request = requestFactory();
                    var response = await client.SendAsync(request, ct);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode < 500)
                    {
                        return response;
                    }

                    await Task.Delay(1000, ct);
                }
            }

            internal static async Task<HttpResponseMessage> UnfinishedAsync(HttpClient client, Func<HttpRequestMessage> requestFactory)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var response = await client.SendAsync(requestFactory(), );
                    if (response.IsSuccessStatusCode
                }
            }
        }

        public sealed class Caller(HttpClient client)
        {
            public Task<HttpResponseMessage> AskAsync(string json) =>
                Broken.SendWithRetryAsync(client, () => new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent(json) }, default);

            public Task<HttpResponseMessage> AskAgainAsync(string json) =>
                Broken.UnfinishedAsync(client, () => new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent(json) });
        }
        """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
