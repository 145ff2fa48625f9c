using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retry around a call of the project's own POST helper (<c>pipeline.ExecuteAsync(ct => PostAsync(url, body))</c>,
/// where <c>PostAsync(string url, object body)</c> posts to <c>url</c>): a generation call when this call gives the helper
/// a generation endpoint, judged at the call site. Before, only a retry inside such a helper was seen.
/// </summary>
public class PostHelperCallTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using Polly.Retry;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    /// <summary>The same helper serves chat and embeddings: only the retry that sends it the chat URL is reported.</summary>
    [Fact]
    public Task A_retried_post_helper_call_is_reported_for_the_chat_url_and_not_for_embeddings() => VerifyAsync(
        """
        sealed class Gateway(HttpClient http)
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            private async Task<string> PostAsync(string url, object body)
            {
                var response = await http.PostAsJsonAsync(url, body);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }

            public async Task<string> AskAsync(string q) =>
                await Pipeline.ExecuteAsync(async ct => await [|PostAsync|]("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", messages = new[] { new { role = "user", content = q } } }));

            public async Task<string> EmbedAsync(string q) =>
                await Pipeline.ExecuteAsync(async ct => await PostAsync("https://api.openai.com/v1/embeddings", new { input = q }));

            public async Task<string> UnretriedAsync(string q) =>
                await PostAsync("https://api.openai.com/v1/chat/completions", new { input = q });
        }
        """);

    /// <summary>
    /// The URL reaches the POST through a second helper (an <c>HttpClient</c> extension that sends a
    /// <c>new HttpRequestMessage(HttpMethod.Post, url)</c>); a retried call that forwards its own <c>url</c> parameter is
    /// reported when a caller of it passes a generation endpoint; a GET-like path (<c>api/tags</c>) is not.
    /// </summary>
    [Fact]
    public Task A_post_helper_reached_through_another_helper_or_a_forwarded_url_is_reported() => VerifyAsync(
        """
        static class HttpJson
        {
            public static async Task<string> SendJsonAsync(this HttpClient http, string url, object body)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }

        sealed class Ollama(HttpClient http)
        {
            private const string ChatEndpoint = "http://localhost:11434/api/chat";
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            private Task<string> CallAsync(string url, object body) => http.SendJsonAsync(url, body);

            public Task<string> ChatAsync(object body) => pipeline.ExecuteAsync(async ct => await [|CallAsync|](ChatEndpoint, body)).AsTask();

            public Task<string> ForwardAsync(string url, object body) => pipeline.ExecuteAsync(async ct => await [|CallAsync|](url, body)).AsTask();

            public Task<string> GenerateAsync(object body) => ForwardAsync("http://localhost:11434/api/generate", body);

            public Task<string> ShowAsync() => pipeline.ExecuteAsync(async ct => await CallAsync("http://localhost:11434/api/show", new { model = "llama3" })).AsTask();
        }
        """);

    /// <summary>The correct code next to it: a helper that sends an <c>Idempotency-Key</c> header is assumed keyed.</summary>
    [Fact]
    public Task A_post_helper_that_sends_an_idempotency_key_is_not_reported() => VerifyAsync(
        """
        sealed class KeyedGateway(HttpClient http)
        {
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            private async Task<string> PostAsync(string url, object body, string key)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }

            public Task<string> ChatAsync(object body, string key) =>
                pipeline.ExecuteAsync(async ct => await PostAsync("https://api.openai.com/v1/chat/completions", body, key)).AsTask();
        }
        """);

    [Fact]
    public async Task Half_typed_and_recursive_post_helpers_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                sealed class Broken(HttpClient http)
                {
                    private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
                    private Task<string> Ping(string url, object body) => Pong(url, body);
                    private Task<string> Pong(string url, object body) => Ping(url, body);
                    private async Task<string> Half(string url, object body) { var r = await http.PostAsJsonAsync(url, ; return ""; }
                    public async Task M()
                    {
                        await pipeline.ExecuteAsync(async ct => await Ping("https://api.openai.com/v1/chat/completions", new { }));
                        await pipeline.ExecuteAsync(async ct => await Half("https://api.openai.com/v1/chat/completions", new { }));
                        await pipeline.ExecuteAsync(async ct => await Half());
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
