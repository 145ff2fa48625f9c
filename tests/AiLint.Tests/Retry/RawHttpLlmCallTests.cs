using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Retry;

/// <summary>LLM calls made with plain HttpClient to the providers' generation endpoints.</summary>
public class RawHttpLlmCallTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private static DiagnosticResult Call(int location, string kind = "Generation") => LlmCallProbe.Call(location, kind, "Http");

    [Fact]
    public Task Post_to_each_provider_endpoint() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            private const string AnthropicUrl = "https://api.anthropic.com/v1/messages";
            private readonly string baseUrl = "https://api.openai.com/v1";
            private readonly HttpClient http = new();

            async Task M(object body, string endpoint, string deployment, string model, string key, CancellationToken ct)
            {
                await http.{|#0:PostAsJsonAsync|}("https://api.openai.com/v1/chat/completions", body, ct);
                await http.{|#1:PostAsJsonAsync|}(AnthropicUrl, body);
                await http.{|#2:PostAsync|}($"{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21", new StringContent("{}", Encoding.UTF8, "application/json"));
                await http.{|#3:PostAsJsonAsync|}($"https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent?key={key}", body);
                await http.{|#4:PostAsJsonAsync|}($"v1beta/models/{model}:streamGenerateContent?alt=sse", body);
                // Ollama's paths are generic REST names: the body real Ollama code sends corroborates them.
                await http.{|#5:PostAsJsonAsync|}("api/generate", new { model, prompt = "hi", stream = false });
                await http.{|#6:PostAsJsonAsync|}("/api/chat", new { model, messages = new[] { new { role = "user", content = "hi" } } });
                await http.{|#7:PostAsync|}(new Uri("v1/responses", UriKind.Relative), JsonContent.Create(body));
                await http.{|#8:PostAsJsonAsync|}(baseUrl + "/chat/completions", body);
                var url = $"{endpoint}/v1/completions";
                await http.{|#9:PostAsJsonAsync|}(url, body);
                await http.{|#10:PostAsJsonAsync|}(new Uri(new Uri(endpoint), "chat/completions"), body);
            }
        }
        """,
        Call(0), Call(1), Call(2), Call(3), Call(4), Call(5), Call(6), Call(7), Call(8), Call(9), Call(10));

    [Fact]
    public Task Urls_in_get_only_properties() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C(HttpClient http, string baseUrl)
        {
            private string CompletionsUrl => $"{baseUrl}/chat/completions";
            private static string MessagesUrl { get; } = "https://api.anthropic.com/v1/messages";
            public string Settable { get; set; } = "v1/chat/completions";
            private string Models => $"{baseUrl}/models";

            async Task M(object body)
            {
                await http.{|#0:PostAsJsonAsync|}(CompletionsUrl, body);
                await http.{|#1:PostAsJsonAsync|}(MessagesUrl, body);
                await http.PostAsJsonAsync(Settable, body);
                await http.PostAsJsonAsync(Models, body);
            }
        }
        """,
        Call(0), Call(1));

    [Fact]
    public Task SendAsync_of_a_visible_POST_request_streaming_with_ResponseHeadersRead() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            async Task M(HttpClient http, object body, CancellationToken ct)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
                using var response = await http.{|#0:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead, ct);

                await http.{|#1:SendAsync|}(new HttpRequestMessage(HttpMethod.Post, "https://api.anthropic.com/v1/messages"), ct);
                await http.{|#2:SendAsync|}(new HttpRequestMessage { Method = HttpMethod.Post, RequestUri = new Uri("http://localhost:11434/api/chat") });
                http.{|#3:Send|}(new HttpRequestMessage(new HttpMethod("POST"), "/v1/messages") { Content = JsonContent.Create(new { model = "claude-haiku-4-5", max_tokens = 256, messages = body }) });
            }
        }
        """,
        Call(0, "Streaming"), Call(1), Call(2), Call(3));

    [Fact]
    public Task Other_requests_and_urls_the_code_does_not_spell_are_not_llm_calls() => LlmCallProbe.VerifyAsync(
        Usings + """
        class Options { public string Endpoint { get; set; } = ""; }
        class C
        {
            async Task M(HttpClient http, object body, Options options, string endpoint, string path, HttpRequestMessage passedIn, bool flag)
            {
                await http.GetAsync("https://api.openai.com/v1/models");
                await http.GetFromJsonAsync<object>("http://localhost:11434/api/tags");
                await http.PostAsJsonAsync("https://api.openai.com/v1/embeddings", body);
                await http.PostAsJsonAsync("http://localhost:11434/api/embed", body);
                await http.PostAsJsonAsync("/api/orders", body);
                await http.PostAsJsonAsync("/api/messages", body);
                await http.PostAsJsonAsync("completions", body);
                await http.PostAsJsonAsync(options.Endpoint, body);
                await http.PostAsJsonAsync(endpoint, body);
                await http.PostAsJsonAsync($"{endpoint}/{path}", body);
                await http.PostAsJsonAsync($"{endpoint}/chat/{path}", body);
                await http.PostAsJsonAsync((string?)null, body);
                await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/chat/completions"));
                await http.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/generate"));
                await http.SendAsync(passedIn);
                var reassigned = "v1/chat/completions";
                if (flag) reassigned = path;
                await http.PostAsJsonAsync(reassigned, body);
                await http.DeleteAsync("v1/responses/resp_123");
            }
        }
        """);

    [Fact]
    public Task Project_helper_making_the_post_is_an_llm_call() => LlmCallProbe.VerifyAsync(
        Usings + """
        class OpenAICompatibleClient(HttpClient http)
        {
            public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
            {
                var response = await http.{|#0:PostAsJsonAsync|}("chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = prompt } } }, ct);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(ct);
            }

            public Task<string> SummarizeAsync(string text) => {|#1:CompleteAsync|}("Summarize: " + text, default);
        }
        """,
        Call(0),
        LlmCallProbe.Call(1, "Generation", "Project"));

    [Fact]
    public Task Without_any_sdk_an_endpoint_in_the_source_is_enough() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http, object body) => http.{|#0:PostAsJsonAsync|}("http://localhost:11434/api/generate", body);
        }
        """,
        ReferenceAssemblies.FrameworkOnly,
        Call(0));

    [Fact]
    public void Without_any_sdk_or_endpoint_there_is_no_recognizer()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoLlm",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { System.Threading.Tasks.Task M(System.Net.Http.HttpClient h) => h.PostAsync(\"/api/orders\", null); }") },
            ReferenceAssemblies.FrameworkOnly,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);
        Assert.Null(AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(compilation, options));
    }

    [Fact]
    public async Task Half_typed_requests_and_prompt_functions_do_not_crash()
    {
        var test = new AnalyzerTest<LlmCallProbeAnalyzer>
        {
            TestCode = Usings + """
                using Microsoft.SemanticKernel;
                class C
                {
                    async Task M(HttpClient http, Kernel kernel, object body)
                    {
                        await http.{|#0:PostAsJsonAsync|}("v1/chat/completions", body);
                        await http.PostAsJsonAsync(
                        await http.PostAsync($"{missing}/chat/completions", );
                        await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, ));
                        var url = ;
                        await http.PostAsJsonAsync(url, body);
                        var f = kernel.CreateFunctionFromPrompt(;
                        await kernel.InvokeAsync(f, );
                        await kernel.InvokeAsync(undefined);
                        await http.PostAsJsonAsync(new Uri(), body);
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Call(0));
        await test.RunAsync();
    }

    // ---- The retry rules -----------------------------------------------------------------------------------------

    [Fact]
    public Task Retry_loop_around_a_raw_chat_completions_post_is_AIL0001() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        class LlmClient(HttpClient http)
        {
            public async Task<string> AskAsync(string prompt, CancellationToken ct)
            {
                var body = new { model = "llama3.2", prompt, stream = false };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await http.[|PostAsJsonAsync|]("api/generate", body, ct);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync(ct);
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(500 * (attempt + 1), ct);
                    }
                }

                throw new InvalidOperationException("The model did not answer.");
            }

            // The same loop around a GET of the model list is not an LLM call.
            public async Task<string> ModelsAsync(CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("api/tags", ct);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Retried_server_sent_events_request_is_AIL0002() => RetryTestSupport.VerifyAsync(
        "AIL0002",
        Usings + """
        class LlmClient(HttpClient http, Polly.ResiliencePipeline pipeline)
        {
            public async Task StreamAsync(string json, Func<string, Task> send, CancellationToken ct)
            {
                await pipeline.ExecuteAsync(async token =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    using var response = await http.[|SendAsync|](request, HttpCompletionOption.ResponseHeadersRead, token);
                    using var reader = new System.IO.StreamReader(await response.Content.ReadAsStreamAsync(token));
                    while (await reader.ReadLineAsync(token) is { } line)
                    {
                        await send(line);
                    }
                }, ct);
            }
        }
        """);

    [Fact]
    public Task Raw_request_carrying_a_stable_idempotency_key_header_is_keyed() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        class LlmClient(HttpClient http)
        {
            public async Task<string> AskAsync(string json, CancellationToken ct)
            {
                var key = Guid.NewGuid().ToString();
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        // A request message cannot be sent twice, so real code builds it inside the loop.
                        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                        request.Headers.Add("Idempotency-Key", key);
                        using var response = await http.SendAsync(request, ct);
                        return await response.Content.ReadAsStringAsync(ct);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }

            public async Task<string> AskWithInitializerAsync(string json, string requestId, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                        {
                            Content = new StringContent(json, Encoding.UTF8, "application/json"),
                            Headers = { { "Idempotency-Key", requestId } },
                        };
                        using var response = await http.SendAsync(request, ct);
                        return await response.Content.ReadAsStringAsync(ct);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Raw_request_whose_key_header_is_made_per_attempt_is_AIL0004() => RetryTestSupport.VerifyAsync(
        "AIL0004",
        Usings + """
        class LlmClient(HttpClient http)
        {
            public async Task<string> AskAsync(string json, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                        request.Headers.Add("Idempotency-Key", [|Guid.NewGuid().ToString()|]);
                        using var response = await http.SendAsync(request, ct);
                        return await response.Content.ReadAsStringAsync(ct);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Raw_request_with_another_header_only_is_still_AIL0001() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        class LlmClient(HttpClient http)
        {
            public async Task<string> AskAsync(string json, string apiKey, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                        request.Headers.Add("Authorization", "Bearer " + apiKey);
                        using var response = await http.[|SendAsync|](request, ct);
                        return await response.Content.ReadAsStringAsync(ct);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);
}
