using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Raw HTTP POSTs to the generic generation paths (<c>/api/chat</c>, <c>/api/generate</c>, <c>/v1/messages</c>), which
/// ordinary REST APIs also use, count as LLM calls only with corroboration: the provider's host, an LLM-shaped body, an
/// Anthropic header or a provider named by the calling type or its typed-client registration (review 40 FP1: a
/// BlazorChatWasm-style chat app saving a chat line to its own <c>api/chat</c>, a Vonage <c>/v1/messages</c> SMS send, an
/// internal PDF service's <c>api/generate</c>, all retried). Each quiet shape has its reported twin beside it.
/// </summary>
public class GenericEndpointCorroborationTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Polly.Retry;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + HttpUsings + source, expected);

    private static DiagnosticResult Call(int location) => LlmCallProbe.Call(location, "Generation", "Http");

    private const string ChatService = """
        public record ChatLine(string FromUserId, string ToUserId, string Message);

        public class ChatService
        {
            private readonly HttpClient _httpClient;
            public ChatService(HttpClient httpClient) { _httpClient = httpClient; }
            public async Task SaveMessageAsync(ChatLine message)
            {
                await _httpClient.PostAsJsonAsync("api/chat", message);
            }
        }

        """;

    private const string OllamaChatService = """
        public record ChatLine(string Role, string Content);

        public class ChatService
        {
            private readonly HttpClient _httpClient;
            public ChatService(HttpClient httpClient) { _httpClient = httpClient; }
            public async Task<string> AskAsync(List<ChatLine> messages)
            {
                var response = await _httpClient.PostAsJsonAsync("api/chat", new { model = "llama3", messages, stream = false });
                return await response.Content.ReadAsStringAsync();
            }
        }

        """;

    // ---- The typed chat client behind the standard resilience handler -----------------------------------------------

    [Fact]
    public Task Human_chat_client_posting_to_its_own_api_chat_is_quiet() => VerifyAsync(
        ChatService + """
        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddHttpClient<ChatService>(c => c.BaseAddress = new Uri("https://chat.example.com/")).AddStandardResilienceHandler();
        }
        """);

    [Fact]
    public Task Same_api_chat_post_with_a_model_and_messages_is_reported() => VerifyAsync(
        OllamaChatService + """
        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddHttpClient<ChatService>(c => c.BaseAddress = new Uri("https://chat.example.com/")).{|#0:AddStandardResilienceHandler|}();
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("ChatService", "AddStandardResilienceHandler"));

    [Fact]
    public Task Human_chat_client_under_the_Aspire_defaults_handler_is_quiet() => VerifyAsync(
        ChatService + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                services.AddHttpClient<ChatService>(c => c.BaseAddress = new Uri("https://chat.example.com/"));
            }
        }
        """);

    [Fact]
    public Task Ollama_chat_client_under_the_Aspire_defaults_handler_is_reported() => VerifyAsync(
        OllamaChatService + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.{|#0:AddStandardResilienceHandler|}());
                services.AddHttpClient<ChatService>(c => c.BaseAddress = new Uri("https://chat.example.com/"));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("ChatService", "AddStandardResilienceHandler"));

    [Fact]
    public Task Client_registered_with_an_Ollama_base_address_is_reported() => VerifyAsync(
        """
        public class LocalModel(HttpClient http)
        {
            public Task<HttpResponseMessage> AskAsync(object request) => http.PostAsJsonAsync("api/chat", request);
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddHttpClient<LocalModel>(c => c.BaseAddress = new Uri("http://localhost:11434/")).{|#0:AddStandardResilienceHandler|}();
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("LocalModel", "AddStandardResilienceHandler"));

    // ---- Polly retries around a raw POST ------------------------------------------------------------------------

    private const string Pipeline = """
            private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();

        """;

    [Fact]
    public Task Vonage_messages_send_and_internal_pdf_generate_in_a_retry_are_quiet() => VerifyAsync(
        """
        public class SmsSender(HttpClient client)
        {
        """ + Pipeline + """
            public Task SendAsync(string to, string text) => Retry.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.nexmo.com/v1/messages");
                request.Content = JsonContent.Create(new { from = "Acme", to, message_type = "text", text, channel = "sms" });
                using var response = await client.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
            }).AsTask();

            public Task RenderInvoiceAsync(int id) => Retry.ExecuteAsync(async ct =>
            {
                using var response = await client.PostAsJsonAsync("http://invoices.internal/api/generate", new { id }, ct);
                response.EnsureSuccessStatusCode();
            }).AsTask();
        }
        """);

    [Fact]
    public Task Anthropic_messages_and_Ollama_generate_in_a_retry_are_reported() => VerifyAsync(
        """
        public class Assistant(HttpClient client)
        {
        """ + Pipeline + """
            public Task AskClaudeAsync(string text) => Retry.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.anthropic.com/v1/messages");
                request.Content = JsonContent.Create(new { model = "claude-sonnet-4-5", max_tokens = 1024, messages = new[] { new { role = "user", content = text } } });
                using var response = await client.[|SendAsync|](request, ct);
                response.EnsureSuccessStatusCode();
            }).AsTask();

            public Task GenerateAsync(string prompt) => Retry.ExecuteAsync(async ct =>
            {
                using var response = await client.[|PostAsJsonAsync|]("http://localhost:11434/api/generate", new { model = "llama3", prompt }, ct);
                response.EnsureSuccessStatusCode();
            }).AsTask();
        }
        """);

    // ---- Recognition: which corroboration counts ------------------------------------------------------------------

    private const string ProbeUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;

        """;

    [Fact]
    public Task Unknown_host_and_body_of_no_llm_shape_are_not_llm_calls() => LlmCallProbe.VerifyAsync(
        ProbeUsings + """
        record Report(string Title, string Template);
        class C(HttpClient http, string baseUrl)
        {
            async Task M(object body, Report report, string json)
            {
                await http.PostAsJsonAsync("api/chat", body);
                await http.PostAsJsonAsync($"{baseUrl}/api/generate", report);
                await http.PostAsync(baseUrl + "/v1/messages", new StringContent(json, Encoding.UTF8, "application/json"));
                await http.PostAsync("api/chat", new StringContent("{\"text\":\"hi\",\"model\":\"x\"}"));
                await http.PostAsJsonAsync("api/generate", new Dictionary<string, object> { ["model"] = "x", ["format"] = "pdf" });
                await http.PostAsJsonAsync("v1/messages", new { model = "Nokia 3310", to = "+447700900001" });
            }
        }
        """);

    [Fact]
    public Task Configured_host_with_an_llm_shaped_body_is_an_llm_call() => LlmCallProbe.VerifyAsync(
        ProbeUsings + """"
        record OllamaRequest(string Model, string Prompt, bool Stream);
        class ClaudeRequest
        {
            [JsonPropertyName("model")] public string Name { get; set; } = "";
            [JsonPropertyName("max_tokens")] public int Limit { get; set; }
        }
        class C(HttpClient http, string baseUrl)
        {
            async Task M(List<object> messages, string prompt)
            {
                await http.{|#0:PostAsJsonAsync|}($"{baseUrl}/api/chat", new { model = "llama3", messages, stream = false });
                await http.{|#1:PostAsJsonAsync|}(baseUrl + "/api/generate", new OllamaRequest("llama3", prompt, false));
                await http.{|#2:PostAsync|}($"{baseUrl}/v1/messages", JsonContent.Create(new ClaudeRequest { Name = "claude-haiku-4-5", Limit = 512 }));
                var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["model"] = "llama3", ["prompt"] = prompt });
                await http.{|#3:PostAsync|}("api/generate", new StringContent(json, Encoding.UTF8, "application/json"));
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/chat");
                request.Content = new StringContent($$"""{"model":"llama3","messages":[{"role":"user","content":"{{prompt}}"}]}""", Encoding.UTF8, "application/json");
                await http.{|#4:SendAsync|}(request);
            }
        }
        """",
        Call(0), Call(1), Call(2), Call(3), Call(4));

    // The body reader shared with the raw slots (RequestBodyShape): a concatenated JSON text and a JsonObject's
    // ToJsonString() corroborate as the other forms do; the same forms without a prompt member do not.
    [Fact]
    public Task Concatenated_json_text_and_a_json_object_string_corroborate_only_with_llm_members() => LlmCallProbe.VerifyAsync(
        ProbeUsings + """
        class C(HttpClient http, string baseUrl)
        {
            async Task M(string model, string prompt, string text)
            {
                await http.{|#0:PostAsync|}(baseUrl + "/api/generate", new StringContent("{\"model\":\"" + model + "\",\"prompt\":\"" + prompt + "\"}", Encoding.UTF8, "application/json"));
                var node = new System.Text.Json.Nodes.JsonObject { ["model"] = model, ["messages"] = new System.Text.Json.Nodes.JsonArray() };
                await http.{|#1:PostAsync|}("api/chat", new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json"));

                await http.PostAsync(baseUrl + "/api/generate", new StringContent("{\"model\":\"" + model + "\",\"format\":\"pdf\",\"text\":\"" + text + "\"}"));
                var other = new System.Text.Json.Nodes.JsonObject { ["model"] = model, ["to"] = text };
                await http.PostAsync("v1/messages", new StringContent(other.ToJsonString()));
            }
        }
        """,
        Call(0), Call(1));

    [Fact]
    public Task Provider_named_by_the_url_the_type_or_a_header_is_an_llm_call() => LlmCallProbe.VerifyAsync(
        ProbeUsings + """
        class Settings { public string OllamaUrl { get; set; } = ""; }
        class ViaSettings(HttpClient http, Settings settings)
        {
            Task M(object body) => http.{|#0:PostAsJsonAsync|}($"{settings.OllamaUrl}/api/chat", body);
        }
        class ClaudeGateway
        {
            private readonly HttpClient http;
            public ClaudeGateway(HttpClient http, string key)
            {
                this.http = http;
                http.DefaultRequestHeaders.Add("x-api-key", key);
                http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
            }
            Task M(string baseUrl, object body) => http.{|#1:PostAsJsonAsync|}($"{baseUrl}/v1/messages", body);
        }
        class Local(HttpClient http)
        {
            Task M(object body) => http.{|#2:PostAsJsonAsync|}("http://ollama:11434/api/generate", body);
        }
        class Vonage
        {
            private readonly HttpClient http;
            public Vonage(HttpClient http, string jwt)
            {
                this.http = http;
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", jwt);
            }
            Task M(string baseUrl, object body) => http.PostAsJsonAsync($"{baseUrl}/v1/messages", body);
        }
        """,
        Call(0), Call(1), Call(2));

    // Review37's getcellm/cellm Anthropic handler: the URL is a ?: between a relative Uri and one under a configured base,
    // both ending in /v1/messages; the handler's class names the provider. Its twin without a provider stays quiet, and
    // branches that reach different kinds of endpoint leave the URL unknown.
    [Fact]
    public Task Conditional_uri_under_an_optional_base_is_read_like_either_branch() => LlmCallProbe.VerifyAsync(
        ProbeUsings + """
        public class Request { public Uri? BaseAddress { get; set; } }
        internal class AnthropicRequestHandler(HttpClient http)
        {
            public Task<HttpResponseMessage> Handle(Request request, string json)
            {
                const string path = "/v1/messages";
                var address = request.BaseAddress is null ? new Uri(path, UriKind.Relative) : new Uri(request.BaseAddress, path);
                return http.{|#0:PostAsync|}(address, new StringContent(json, Encoding.UTF8, "application/json"));
            }
        }
        internal class SmsSender(HttpClient http)
        {
            public Task<HttpResponseMessage> Send(Request request, string json)
            {
                const string path = "/v1/messages";
                var address = request.BaseAddress is null ? new Uri(path, UriKind.Relative) : new Uri(request.BaseAddress, path);
                return http.PostAsync(address, new StringContent(json, Encoding.UTF8, "application/json"));
            }
        }
        internal class OpenAIOrStatus(HttpClient http)
        {
            public Task<HttpResponseMessage> Send(bool chat, HttpContent body) =>
                http.PostAsync(chat ? "v1/chat/completions" : "v1/status", body);
        }
        """,
        Call(0));

    [Fact]
    public Task Provider_specific_endpoints_need_no_corroboration() => LlmCallProbe.VerifyAsync(
        ProbeUsings + """
        class C(HttpClient http, string baseUrl)
        {
            async Task M(object body)
            {
                await http.{|#0:PostAsJsonAsync|}($"{baseUrl}/chat/completions", body);
                await http.{|#1:PostAsJsonAsync|}("v1/responses", body);
                await http.{|#2:PostAsJsonAsync|}($"{baseUrl}/v1beta/models/gemini-2.5-flash:generateContent", body);
            }
        }
        """,
        Call(0), Call(1), Call(2));

    [Fact]
    public Task Half_typed_bodies_and_urls_do_not_crash()
    {
        var test = new AnalyzerTest<LlmCallProbeAnalyzer>
        {
            TestCode = ProbeUsings + """
                class C(HttpClient http, string baseUrl)
                {
                    async Task M(string prompt)
                    {
                        await http.PostAsJsonAsync("api/chat", new Missing { model = "x", messages = 1 });
                        await http.PostAsJsonAsync($"{baseUrl}/api/generate", new { title = , prompt });
                        await http.PostAsync("v1/messages", new StringContent(Unknown()));
                        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = };
                        await http.SendAsync(request);
                    }
                }
                class Local(HttpClient http)
                {
                    Task M() => http.{|#0:PostAsJsonAsync|}("http://localhost:11434/api/chat", new { model = "llama3", messages = Undefined });
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // Only Local's call is recognised (its host is Ollama's); C's broken bodies are read as no evidence.
        test.ExpectedDiagnostics.Add(Call(0));
        return test.RunAsync();
    }
}
