using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retrying HTTP helper whose URL comes from its caller: reported at the helper's POST when a caller in the project
/// passes a generation endpoint, and only then.
/// </summary>
public class CallerSuppliedUrlTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    /// <summary>
    /// ChatAIze/GenerativeCS (Utilities/RepeatingHttpClient): an extension <c>RepeatPostAsJsonAsync(url, value)</c> that
    /// posts in a <c>while (true)</c> loop, returns on success and waits and goes round after any failure. The chat
    /// provider calls it with the chat completions URL.
    /// </summary>
    private const string RepeatingClient = """
        static class RepeatingHttp
        {
            private static readonly TimeSpan[] Waits = { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5) };

            public static async Task<HttpResponseMessage> RepeatPostAsJsonAsync<T>(this HttpClient client, string url, T value, CancellationToken ct = default, int maxAttempts = 5)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        var response = await client.{|#0:PostAsJsonAsync|}(url, value, ct);
                        response.EnsureSuccessStatusCode();
                        return response;
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                        if (++attempts >= maxAttempts)
                        {
                            throw;
                        }

                        await Task.Delay(Waits[Math.Min(attempts, Waits.Length - 1)], ct);
                    }
                }
            }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = Usings + source, MarkupDiagnosticId = Id };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Retried(string call, string retry) =>
        CSharpAnalyzerVerifier<RetryAnalyzer>.Diagnostic(Id).WithLocation(0).WithArguments(call, retry);

    [Fact]
    public Task A_retrying_post_helper_called_with_the_chat_completions_url_is_reported_at_its_post() => VerifyAsync(
        RepeatingClient + """
        sealed class ChatProvider(HttpClient http)
        {
            private const string ChatUrl = "https://api.openai.com/v1/chat/completions";

            public async Task<string> CompleteAsync(object request, CancellationToken ct)
            {
                using var response = await http.RepeatPostAsJsonAsync(ChatUrl, request, ct);
                return await response.Content.ReadAsStringAsync(ct);
            }

            public Task<HttpResponseMessage> EmbedAsync(object request) => http.RepeatPostAsJsonAsync("https://api.openai.com/v1/embeddings", request);
        }
        """,
        Retried("PostAsJsonAsync", "while loop"));

    /// <summary>The same helper used only for embeddings and moderation sends no generation request: nothing to report.</summary>
    [Fact]
    public Task The_helper_used_only_for_non_generation_endpoints_is_not_reported() => VerifyAsync(
        RepeatingClient.Replace("{|#0:", "").Replace("PostAsJsonAsync|}", "PostAsJsonAsync") + """
        sealed class Embeddings(HttpClient http, string configuredUrl)
        {
            public Task<HttpResponseMessage> EmbedAsync(object request) => http.RepeatPostAsJsonAsync("https://api.openai.com/v1/embeddings", request);

            public Task<HttpResponseMessage> ModerateAsync(object request) => http.RepeatPostAsJsonAsync("https://api.openai.com/v1/moderations", request);

            public Task<HttpResponseMessage> ElsewhereAsync(object request) => http.RepeatPostAsJsonAsync(configuredUrl, request);
        }
        """);

    /// <summary>A Gemini client forwarding its own URL parameter to the helper: followed to the caller that spells it.</summary>
    [Fact]
    public Task A_url_forwarded_through_another_method_is_followed() => VerifyAsync(
        RepeatingClient + """
        sealed class Gemini(HttpClient http, string model, string key)
        {
            public Task<HttpResponseMessage> GenerateAsync(object request) =>
                PostAsync($"https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent?key={key}", request);

            private Task<HttpResponseMessage> PostAsync(string url, object request) => http.RepeatPostAsJsonAsync(url, request);
        }
        """,
        Retried("PostAsJsonAsync", "while loop"));

    /// <summary>
    /// A send helper that builds the POST request from its URL parameter inside a for loop; the one caller posts to
    /// Anthropic's messages endpoint. A second helper whose request carries an Idempotency-Key header is not reported.
    /// </summary>
    [Fact]
    public Task A_send_helper_building_the_post_from_its_url_parameter_is_reported_unless_it_sends_a_key() => VerifyAsync(
        """
        sealed class Raw(HttpClient http)
        {
            public Task<string> AskClaudeAsync(string json) => SendWithRetriesAsync("https://api.anthropic.com/v1/messages", json);

            public Task<string> AskKeyedAsync(string json, string key) => SendKeyedAsync("https://api.anthropic.com/v1/messages", json, key);

            private async Task<string> SendWithRetriesAsync(string url, string json)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                        using var response = await http.{|#0:SendAsync|}(request);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new TimeoutException();
            }

            private async Task<string> SendKeyedAsync(string url, string json, string key)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                        request.Headers.Add("Idempotency-Key", key);
                        using var response = await http.SendAsync(request);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new TimeoutException();
            }
        }
        """,
        Retried("SendAsync", "for loop"));

    /// <summary>A POST with a URL parameter that is not retried is not reported, whatever its callers pass.</summary>
    [Fact]
    public Task A_helper_without_a_retry_is_not_reported() => VerifyAsync(
        """
        sealed class Plain(HttpClient http)
        {
            public Task<HttpResponseMessage> ChatAsync(object body) => PostAsync("https://api.openai.com/v1/chat/completions", body);

            private Task<HttpResponseMessage> PostAsync(string url, object body) => http.PostAsJsonAsync(url, body);
        }
        """);

    [Fact]
    public Task Broken_caller_and_helper_code_does_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                sealed class Broken(HttpClient http)
                {
                    public Task<HttpResponseMessage> A(object body) => PostAsync("https://api.openai.com/v1/chat/completions", );
                    public Task<HttpResponseMessage> B(object body) => PostAsync(, body);
                    public Task<HttpResponseMessage> C(object body) => Missing.PostAsync("https://api.openai.com/v1/chat/completions", body);

                    private async Task<HttpResponseMessage> PostAsync(string url, object body)
                    {
                        while (true)
                        {
                            try { return await http.PostAsJsonAsync(url, body; }
                            catch { }
                        }
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
