using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 61 N2 (Hexa-Link staffinity <c>GeminiAiClient.SendWithRetryAsync</c>): a retry helper is handed one POST to
/// Gemini's <c>:generateContent</c> and, because .NET refuses to send a request message twice, clones it on every
/// attempt (<c>new HttpRequestMessage(original.Method, original.RequestUri)</c>, the body buffered and copied), retrying
/// 429/5xx and network errors. Each attempt re-sends the same generation request: AIL0001 on the <c>SendAsync</c>. Quiet: the
/// same message re-sent as is (the second pass throws), a copy that stamps a fresh id or takes the attempt number, a
/// loop that changes the original before copying it, a batch of requests, and a helper only ever given a GET or a
/// non-generation URL.
/// </summary>
public class ClonedRequestRetryTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string GeminiUrl = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult At(int location, string kind) => RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments("SendAsync", kind);

    /// <summary>The copy of the repro: method and URI from the original, the body buffered.</summary>
    private const string Clone = """
            static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage original, CancellationToken ct)
            {
                var clone = new HttpRequestMessage(original.Method, original.RequestUri);
                foreach (var header in original.Headers)
                {
                    clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                if (original.Content is not null)
                {
                    clone.Content = new ByteArrayContent(await original.Content.ReadAsByteArrayAsync(ct));
                    foreach (var header in original.Content.Headers)
                    {
                        clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                return clone;
            }
        """;

    /// <summary>The helper of the repro; <paramref name="copy"/> makes each attempt's request from <c>request</c>.</summary>
    private static string Helper(string name, string send, string copy = "await CloneAsync(request, ct)", string beforeCopy = "") => $$"""
            static async Task<HttpResponseMessage> {{name}}(HttpClient http, HttpRequestMessage request, CancellationToken ct)
            {
                for (var attempt = 0; attempt <= 2; attempt++)
                {
                    {{beforeCopy}}
                    using var attemptRequest = {{copy}};
                    try
                    {
                        var response = await http.{{send}}(attemptRequest, ct);
                        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError && attempt < 2)
                        {
                            response.Dispose();
                            await Task.Delay(250 * (attempt + 1), ct);
                            continue;
                        }

                        return response;
                    }
                    catch (HttpRequestException) when (attempt < 2)
                    {
                        await Task.Delay(250 * (attempt + 1), ct);
                    }
                }

                throw new InvalidOperationException("failed after retries");
            }
        """;

    private static string Caller(string helper, string method = "HttpMethod.Post", string url = GeminiUrl) => $$"""
                public static async Task<string> AskAsync(HttpClient http, string prompt)
                {
                    using var request = new HttpRequestMessage({{method}}, "{{url}}")
                    {
                        Content = new StringContent("{\"contents\":[{\"parts\":[{\"text\":\"" + prompt + "\"}]}]}", Encoding.UTF8, "application/json"),
                    };
                    using var response = await {{helper}}(http, request, CancellationToken.None);
                    return await response.Content.ReadAsStringAsync();
                }
        """;

    /// <summary>The repro of review 61 (top-level program, local functions). Failed before (not reported).</summary>
    [Fact]
    public Task Retry_helper_sending_a_clone_of_its_request_parameter_is_reported() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + $$"""
        var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "{{GeminiUrl}}")
        {
            Content = new StringContent("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", Encoding.UTF8, "application/json"),
        };
        using var response = await SendWithRetryAsync(http, request, CancellationToken.None);
        Console.WriteLine(await response.Content.ReadAsStringAsync());

        {{Helper("SendWithRetryAsync", "{|#0:SendAsync|}")}}

        {{Clone}}
        """,
        OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        ExpectedDiagnostics = { At(0, "for loop") },
    }.RunAsync();

    /// <summary>
    /// The real code's shape: a class whose caller adds headers, a copy buffered once before the loop and copied again on
    /// each attempt, the copy an extension method (<c>request.CloneAsync(ct)</c>): reported, as is a status loop without a
    /// <c>try</c> that sends a copy of a request made in the same method.
    /// </summary>
    [Fact]
    public Task Clone_of_a_buffered_clone_an_extension_clone_and_a_local_request_are_reported() => VerifyAsync(
        $$"""
        public static class RequestCopies
        {
            public static async Task<HttpRequestMessage> CloneAsync(this HttpRequestMessage original, CancellationToken ct = default)
            {
                var clone = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
                if (original.Content is not null)
                {
                    var bytes = await original.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                    clone.Content = new ByteArrayContent(bytes);
                }

                return clone;
            }
        }

        public sealed class GeminiAiClient(HttpClient http)
        {
            public async Task<string> AskAsync(string prompt, string correlationId, CancellationToken ct)
            {
                using var httpRequest = new HttpRequestMessage(HttpMethod.Post, "{{GeminiUrl}}")
                {
                    Content = new StringContent(prompt, Encoding.UTF8, "application/json"),
                };
                httpRequest.Headers.TryAddWithoutValidation("X-Correlation-ID", correlationId);
                using var response = await SendWithRetryAsync(httpRequest, ct);
                return await response.Content.ReadAsStringAsync(ct);
            }

            private async Task<HttpResponseMessage> SendWithRetryAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var buffered = await request.CloneAsync(cancellationToken);
                for (var attempt = 0; attempt <= 3; attempt++)
                {
                    using var attemptRequest = await buffered.CloneAsync(cancellationToken);
                    try
                    {
                        var response = await http.{|#0:SendAsync|}(attemptRequest, cancellationToken);
                        if ((int)response.StatusCode >= 500 && attempt < 3)
                        {
                            response.Dispose();
                            await Task.Delay(500, cancellationToken);
                            continue;
                        }

                        return response;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(500, cancellationToken);
                        continue;
                    }
                }

                throw new InvalidOperationException("Gemini request failed after retries.");
            }

            public async Task<string> AskOnceMoreAsync(string prompt, CancellationToken ct)
            {
                using var template = new HttpRequestMessage(HttpMethod.Post, "{{GeminiUrl}}") { Content = new StringContent(prompt) };
                for (var attempt = 1; ; attempt++)
                {
                    using var copy = await template.CloneAsync(ct);
                    using var response = await http.{|#1:SendAsync|}(copy, ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync(ct);
                    }

                    if (attempt >= 3 || (int)response.StatusCode < 500)
                    {
                        throw new HttpRequestException("Gemini failed.");
                    }

                    await Task.Delay(1000, ct);
                }
            }
        }
        """,
        At(0, "for loop"),
        At(1, "for loop that sends again after a failed status"));

    /// <summary>
    /// The page's exclusion kept: the same message re-sent as is (no copy) throws on the second pass, so it is not a
    /// retry; the twin with the copy, in the same file, is reported.
    /// </summary>
    [Fact]
    public Task Request_re_sent_without_a_copy_is_not_reported_beside_its_cloning_twin() => VerifyAsync(
        $$"""
        public static class Gemini
        {
        {{Caller("AsIsAsync")}}

        {{Helper("AsIsAsync", "SendAsync", copy: "request")}}

            public static Task<string> AskCopyAsync(HttpClient http, string prompt) => AskAsync2(http, prompt);

            private static async Task<string> AskAsync2(HttpClient http, string prompt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "{{GeminiUrl}}") { Content = new StringContent(prompt) };
                using var response = await CopyingAsync(http, request, CancellationToken.None);
                return await response.Content.ReadAsStringAsync();
            }

        {{Helper("CopyingAsync", "{|#0:SendAsync|}")}}

        {{Clone}}
        }
        """,
        At(0, "for loop"));

    /// <summary>
    /// A copy whose request differs per attempt is not a copy: one that stamps a fresh request id, one that takes the
    /// attempt number and rewrites the body, one that reads a field: quiet.
    /// </summary>
    [Fact]
    public Task Clone_whose_content_changes_per_attempt_is_not_reported() => VerifyAsync(
        $$"""
        public sealed class Gemini
        {
            private string hint = "";

        {{Caller("StampedAsync")}}

        {{Helper("StampedAsync", "SendAsync", copy: "await StampAsync(request, ct)")}}

            static async Task<HttpRequestMessage> StampAsync(HttpRequestMessage original, CancellationToken ct)
            {
                var clone = new HttpRequestMessage(original.Method, original.RequestUri);
                clone.Headers.TryAddWithoutValidation("x-request-id", Guid.NewGuid().ToString());
                clone.Content = new ByteArrayContent(await original.Content!.ReadAsByteArrayAsync(ct));
                return clone;
            }

            public static async Task<HttpResponseMessage> EscalatingAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
            {
                for (var attempt = 0; attempt <= 2; attempt++)
                {
                    using var attemptRequest = await EscalateAsync(request, attempt);
                    try
                    {
                        return await http.SendAsync(attemptRequest, ct);
                    }
                    catch (HttpRequestException) when (attempt < 2)
                    {
                        await Task.Delay(250, ct);
                    }
                }

                throw new InvalidOperationException();
            }

            static async Task<HttpRequestMessage> EscalateAsync(HttpRequestMessage original, int attempt)
            {
                var body = await original.Content!.ReadAsStringAsync();
                return new HttpRequestMessage(original.Method, original.RequestUri)
                {
                    Content = new StringContent(attempt == 0 ? body : body.Replace("\"temperature\":0.2", "\"temperature\":0.9")),
                };
            }

            public async Task<HttpResponseMessage> HintedAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
            {
                for (var attempt = 0; attempt <= 2; attempt++)
                {
                    using var attemptRequest = await HintAsync(request, ct);
                    try
                    {
                        return await http.SendAsync(attemptRequest, ct);
                    }
                    catch (HttpRequestException) when (attempt < 2)
                    {
                        hint = "Answer in one line.";
                        await Task.Delay(250, ct);
                    }
                }

                throw new InvalidOperationException();
            }

            async Task<HttpRequestMessage> HintAsync(HttpRequestMessage original, CancellationToken ct)
            {
                var body = await original.Content!.ReadAsStringAsync(ct);
                return new HttpRequestMessage(original.Method, original.RequestUri) { Content = new StringContent(body + hint) };
            }

            public static Task<string> CallAll(HttpClient http, HttpRequestMessage request, Gemini gemini) =>
                Task.FromResult(EscalatingAsync(http, Make(), default).ToString() + gemini.HintedAsync(http, Make(), default).ToString());

            static HttpRequestMessage Make() => new HttpRequestMessage(HttpMethod.Post, "{{GeminiUrl}}") { Content = new StringContent("{}") };
        }
        """);

    /// <summary>
    /// A loop that shortens the original before copying it again (each pass a different request), and a batch that
    /// copies each of many requests once: quiet.
    /// </summary>
    [Fact]
    public Task Loop_that_changes_the_original_or_copies_each_of_a_batch_is_not_reported() => VerifyAsync(
        $$"""
        public static class Gemini
        {
        {{Caller("ShorteningAsync")}}

        {{Helper("ShorteningAsync", "SendAsync", beforeCopy: "if (attempt > 0) { request.Content = new StringContent(\"{\\\"contents\\\":[]}\"); }")}}

            public static async Task<List<string>> BatchAsync(HttpClient http, List<string> prompts, CancellationToken ct)
            {
                var answers = new List<string>();
                foreach (var prompt in prompts)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "{{GeminiUrl}}") { Content = new StringContent(prompt) };
                    using var copy = await CloneAsync(request, ct);
                    try
                    {
                        using var response = await http.SendAsync(copy, ct);
                        answers.Add(await response.Content.ReadAsStringAsync(ct));
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(250, ct);
                    }
                }

                return answers;
            }

        {{Clone}}
        }
        """);

    /// <summary>A cloning retry helper only ever given a GET, or a POST to a non-generation URL, sends no generation: quiet.</summary>
    [Fact]
    public Task Cloning_helper_given_a_get_or_another_endpoint_is_not_reported() => VerifyAsync(
        $$"""
        public static class Status
        {
        {{Caller("GetWithRetryAsync", method: "HttpMethod.Get")}}

        {{Helper("GetWithRetryAsync", "SendAsync")}}
        }

        public static class Embeddings
        {
        {{Caller("EmbedWithRetryAsync", url: "https://api.openai.com/v1/embeddings")}}

        {{Helper("EmbedWithRetryAsync", "SendAsync")}}

        {{Clone}}
        }
        """.Replace("static async Task<HttpRequestMessage> CloneAsync", "internal static async Task<HttpRequestMessage> CloneAsync", StringComparison.Ordinal)
        .Replace("await CloneAsync(request, ct)", "await Embeddings.CloneAsync(request, ct)", StringComparison.Ordinal));

    /// <summary>A caller that sets an <c>Idempotency-Key</c> header on the original, which every copy carries: quiet.</summary>
    [Fact]
    public Task Clone_of_a_request_with_an_idempotency_key_is_not_reported() => VerifyAsync(
        $$"""
        public static class Gemini
        {
            public static async Task<string> AskAsync(HttpClient http, string prompt, string key)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "{{GeminiUrl}}") { Content = new StringContent(prompt) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await SendWithRetryAsync(http, request, CancellationToken.None);
                return await response.Content.ReadAsStringAsync();
            }

        {{Helper("SendWithRetryAsync", "SendAsync")}}

        {{Clone}}
        }
        """);

    /// <summary>Half-typed code: a copy method with an unfinished body and a caller with a missing URL; no crash, nothing reported.</summary>
    [Fact]
    public Task Half_typed_clone_does_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + $$"""
            public static class Gemini
            {
            {{Caller("SendWithRetryAsync", url: "\" + MissingUrl + \"")}}

            {{Helper("SendWithRetryAsync", "SendAsync")}}

                static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage original, CancellationToken ct)
                {
                    var clone = new HttpRequestMessage(original.Method, original.Missing);
                    clone.Content = new ByteArrayContent(await original.Content.ReadAsByteArrayAsync(ct)
                    return clone;
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
