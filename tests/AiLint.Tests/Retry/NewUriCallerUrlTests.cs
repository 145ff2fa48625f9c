using System.Globalization;
using System.Text.RegularExpressions;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 43 (MISS-1, chataize/generative-cs <c>RepeatingHttpClient</c>): a retrying POST helper that builds its request
/// from its URL parameter through <c>new Uri(requestUri)</c> (in the <c>RequestUri</c> initializer or the constructor) is
/// followed to its callers as the bare parameter is: AIL0001 for a buffered send, AIL0002 for one sent with
/// <c>ResponseHeadersRead</c>, when a caller passes a generation endpoint; quiet when the callers pass other URLs.
/// </summary>
public class NewUriCallerUrlTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    /// <summary>The review's repro: the object-initializer form, buffered and streaming, as the library writes them.</summary>
    private const string RepeatingClient = """
        internal static class RepeatingHttpClient
        {
            internal static async Task<HttpResponseMessage> RepeatPostAsJson(this HttpClient client, string requestUri, string json)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage
                        {
                            Method = HttpMethod.Post,
                            RequestUri = new Uri(requestUri),
                            Content = new StringContent(json, Encoding.UTF8, "application/json")
                        };
                        var result = await client.{|#0:SendAsync|}(request);
                        result.EnsureSuccessStatusCode();
                        return result;
                    }
                    catch (OperationCanceledException) { throw; }
                    catch (Exception)
                    {
                        if (++attempts >= 5) throw;
                        await Task.Delay(1000);
                    }
                }
            }

            internal static async Task<HttpResponseMessage> RepeatPostForStream(this HttpClient client, string requestUri, string json)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage
                        {
                            Method = HttpMethod.Post,
                            RequestUri = new Uri(requestUri),
                            Content = new StringContent(json, Encoding.UTF8, "application/json")
                        };
                        var result = await client.{|#1:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead);
                        result.EnsureSuccessStatusCode();
                        return result;
                    }
                    catch (OperationCanceledException) { throw; }
                    catch (Exception)
                    {
                        if (++attempts >= 5) throw;
                        await Task.Delay(1000);
                    }
                }
            }

            internal static async Task<HttpResponseMessage> RepeatPostAbsolute(this HttpClient client, string requestUri, string json)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(requestUri, UriKind.Absolute)) { Content = new StringContent(json) };
                        var result = await client.{|#2:SendAsync|}(request);
                        result.EnsureSuccessStatusCode();
                        return result;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new TimeoutException();
            }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = Usings + source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Retried(string id, int location, string retry) =>
        CSharpAnalyzerVerifier<RetryAnalyzer>.Diagnostic(id).WithLocation(location).WithArguments("SendAsync", retry);

    /// <summary>The source with every location marker taken out but <paramref name="kept"/> (-1: all out).</summary>
    private static string Keeping(string source, int kept) =>
        Regex.Replace(source, @"\{\|#(\d):(\w+)\|\}", m => m.Groups[1].Value == kept.ToString(CultureInfo.InvariantCulture) ? m.Value : m.Groups[2].Value);

    [Fact]
    public Task Helpers_building_the_request_with_new_Uri_of_the_parameter_are_reported_for_a_chat_caller() => VerifyAsync(
        RepeatingClient + """
        sealed class Grok(HttpClient http)
        {
            private const string ChatUrl = "https://api.x.ai/v1/chat/completions";

            public Task<HttpResponseMessage> CompleteAsync(string json) => http.RepeatPostAsJson(ChatUrl, json);

            public Task<HttpResponseMessage> StreamAsync(string json) => http.RepeatPostForStream(ChatUrl, json);

            public Task<HttpResponseMessage> AbsoluteAsync(string json) => http.RepeatPostAbsolute("https://api.openai.com/v1/chat/completions", json);
        }
        """,
        Retried("AIL0001", 0, "while loop"),
        // RepeatPostForStream sends with ResponseHeadersRead but returns the response unread: nothing of the answer has
        // been shown when its catch goes round, so it is a re-sent generation (AIL0001), not AIL0002 (UnreadStreamingSends).
        Retried("AIL0001", 1, "while loop"),
        Retried("AIL0001", 2, "for loop"));

    /// <summary>The same helpers called only with the app's own URLs (or embeddings) send no generation request.</summary>
    [Fact]
    public Task The_same_helpers_called_only_with_other_urls_are_not_reported() => VerifyAsync(
        Keeping(RepeatingClient, -1) + """
        sealed class Backend(HttpClient http, string configuredUrl)
        {
            public Task<HttpResponseMessage> SaveAsync(string json) => http.RepeatPostAsJson("https://orders.example.com/api/orders", json);

            public Task<HttpResponseMessage> FeedAsync(string json) => http.RepeatPostForStream("https://orders.example.com/api/feed", json);

            public Task<HttpResponseMessage> EmbedAsync(string json) => http.RepeatPostAbsolute("https://api.openai.com/v1/embeddings", json);

            public Task<HttpResponseMessage> ElsewhereAsync(string json) => http.RepeatPostAsJson(configuredUrl, json);
        }
        """);

    /// <summary>A helper forwarding its URL to one that wraps it in <c>new Uri</c>: followed through both.</summary>
    [Fact]
    public Task A_url_forwarded_to_a_new_Uri_helper_is_followed() => VerifyAsync(
        Keeping(RepeatingClient, 0)
        + """
        sealed class OpenAiCompletion(HttpClient http)
        {
            public Task<HttpResponseMessage> CompleteAsync(string json, string requestUri = "https://api.openai.com/v1/chat/completions") => Post(requestUri, json);

            public Task<HttpResponseMessage> AskAsync(string json) => CompleteAsync(json, "https://api.openai.com/v1/chat/completions");

            private Task<HttpResponseMessage> Post(string url, string json) => http.RepeatPostAsJson(url, json);
        }
        """,
        Retried("AIL0001", 0, "while loop"));

    [Fact]
    public Task Half_typed_new_Uri_helpers_do_not_crash() => new AnalyzerTest<RetryAnalyzer>
    {
        TestCode = Usings + """
            static class Broken
            {
                public static async Task<HttpResponseMessage> Post(this HttpClient client, string requestUri)
                {
                    while (true)
                    {
                        try
                        {
                            var request = new HttpRequestMessage { Method = HttpMethod.Post, RequestUri = new Uri( };
                            var other = new HttpRequestMessage(HttpMethod.Post, new Uri(requestUri, ));
                            var third = new HttpRequestMessage(HttpMethod.Post, new Uri(Missing));
                            await client.SendAsync(other);
                            return await client.SendAsync(request);
                        }
                        catch (Exception) { await Task.Delay(1); }
                    }
                }

                public static Task<HttpResponseMessage> Chat(HttpClient http) => http.Post("https://api.openai.com/v1/chat/completions");
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
