using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on the model id of a request an app sends over plain <c>HttpClient</c> (RawHttpModelIds): the body's
/// <c>model</c> member (an anonymous object, a DTO, a dictionary, JSON text; serialized, in <c>JsonContent</c> or
/// <c>StringContent</c>) or Gemini's path, when the POST reaches an LLM endpoint as AIL0001 decides it. Shapes from hobby
/// and older apps on GitHub calling <c>api.openai.com/v1/chat/completions</c>, <c>/v1/completions</c>, Anthropic's
/// <c>/v1/messages</c> and Gemini's <c>models/...:generateContent</c> directly. Each reported shape has its quiet twin:
/// the same body to the app's own API, an id the table does not know or a current snapshot, Ollama's and Azure's
/// endpoints (their names are local names or deployments), a host the code does not spell for an OpenAI id.
/// </summary>
public class RawHttpModelIdTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;

        """;

    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Anonymous_body_posted_to_OpenAI_chat_completions_is_reported_on_the_id() =>
        VerifyNoSdkAsync("""
            class ChatGpt
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = {|#0:"gpt-3.5-turbo-0301"|},
                        messages = new[] { new { role = "user", content = question } },
                        temperature = 0.7,
                    });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0301", "2024-09-13", ""));

    [Fact]
    public Task Anonymous_body_to_the_apps_own_api_or_with_a_current_snapshot_is_quiet() =>
        VerifyNoSdkAsync("""
            class Orders
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> SaveAsync(string question) =>
                    http.PostAsJsonAsync("https://example.com/api/orders", new
                    {
                        model = "gpt-3.5-turbo-0301",
                        messages = new[] { new { role = "user", content = question } },
                    });

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-6-astra",
                        messages = new[] { new { role = "user", content = question } },
                    });
            }
            """);

    [Fact]
    public Task Dto_bodies_are_read_through_their_json_names_defaults_and_positional_parameters() =>
        VerifyNoSdkAsync("""
            class ChatRequest
            {
                public string Model { get; set; } = "";
                public List<Message> Messages { get; set; } = new();
            }
            class Message { public string role { get; set; } = ""; public string content { get; set; } = ""; }
            class CompletionRequest
            {
                [JsonPropertyName("model")] public string Engine { get; set; } = "";
                [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
            }
            class LegacyRequest
            {
                public string Model { get; set; } = {|#2:"text-davinci-003"|};
                public string Prompt { get; set; } = "";
            }
            record PositionalRequest(string Model, List<Message> Messages);

            class Client
            {
                private const string Url = "https://api.openai.com/v1/chat/completions";
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Chat() =>
                    http.PostAsJsonAsync(Url, new ChatRequest { Model = {|#0:"gpt-4-32k"|}, Messages = new() });

                public Task<HttpResponseMessage> Complete(string prompt) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/completions", new CompletionRequest { Engine = {|#1:"text-davinci-003"|}, Prompt = prompt });

                public Task<HttpResponseMessage> Legacy(string prompt) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/completions", new LegacyRequest { Prompt = prompt });

                public Task<HttpResponseMessage> Positional() =>
                    http.PostAsJsonAsync(Url, new PositionalRequest({|#3:"gpt-4"|}, new()));
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2),
            Diagnostic("AIL0503").WithLocation(3));

    // The DTO's default is replaced by the initializer; a body whose model the member writes after creating it; the
    // same DTOs sent to the app's own API.
    [Fact]
    public Task Dto_defaults_replaced_rewritten_models_and_other_urls_are_quiet() =>
        VerifyNoSdkAsync("""
            class LegacyRequest
            {
                public string Model { get; set; } = "text-davinci-003";
                public string Prompt { get; set; } = "";
            }
            class ChatRequest
            {
                public string Model { get; set; } = "";
                public string[] Messages { get; set; } = new string[0];
            }

            class Client
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Replaced(string prompt) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/completions", new LegacyRequest { Model = "gpt-6-astra", Prompt = prompt });

                public Task<HttpResponseMessage> Rewritten(string model)
                {
                    var request = new ChatRequest { Model = "gpt-4-32k", Messages = new[] { "hi" } };
                    request.Model = model;
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", request);
                }

                public Task<HttpResponseMessage> Own(string prompt) =>
                    http.PostAsJsonAsync("https://example.com/api/orders", new LegacyRequest { Prompt = prompt });
            }
            """);

    // The request model's constructor takes the model with a default (a ChatGPTRequestModel-style class), or sets it
    // itself: the constructor's default is sent; a property initializer the constructor replaces is not.
    [Fact]
    public Task Dto_constructor_defaults_are_reported_and_initializers_the_constructor_replaces_are_not() =>
        VerifyNoSdkAsync("""
            class ChatGPTRequestModel
            {
                public ChatGPTRequestModel(string input, string model = {|#0:"gpt-3.5-turbo-0301"|})
                {
                    Model = model;
                    Messages = new[] { input };
                }
                public string Model { get; set; } = "text-davinci-003";
                public string[] Messages { get; set; }
            }
            class FixedRequestModel
            {
                public FixedRequestModel(string input)
                {
                    Model = "gpt-6-astra";
                    Messages = new[] { input };
                }
                public string Model { get; set; } = "text-davinci-003";
                public string[] Messages { get; set; }
            }
            class Client
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> A(string text) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new ChatGPTRequestModel(text));

                public Task<HttpResponseMessage> B(string text) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new FixedRequestModel(text));
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    [Fact]
    public Task Dto_held_in_a_local_not_written_again_is_reported() =>
        VerifyNoSdkAsync("""
            class ChatRequest
            {
                public string Model { get; set; } = "";
                public string[] Messages { get; set; } = new string[0];
            }

            class Client
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Send(string text)
                {
                    var request = new ChatRequest { Model = {|AIL0503:"gpt-4-32k"|}, Messages = new[] { text } };
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", request);
                }
            }
            """);

    [Fact]
    public Task Dictionary_serialized_into_StringContent_is_reported() =>
        VerifyNoSdkAsync("""
            class Completions
            {
                private static readonly HttpClient Http = new HttpClient();

                public async Task<string> CompleteAsync(string prompt)
                {
                    var body = new Dictionary<string, object>
                    {
                        ["model"] = {|#0:"text-davinci-003"|},
                        ["prompt"] = prompt,
                        ["max_tokens"] = 256,
                    };
                    var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                    var response = await Http.PostAsync("https://api.openai.com/v1/completions", content);
                    return await response.Content.ReadAsStringAsync();
                }

                public async Task<string> SaveAsync(string prompt)
                {
                    var body = new Dictionary<string, object> { { "model", "text-davinci-003" }, { "prompt", prompt } };
                    var response = await Http.PostAsync("https://example.com/api/orders", new StringContent(JsonSerializer.Serialize(body)));
                    return await response.Content.ReadAsStringAsync();
                }

                public async Task<string> AddStyleAsync(string prompt)
                {
                    var body = new Dictionary<string, object> { { "model", {|#1:"gpt-3.5-turbo-0301"|} }, { "messages", new[] { prompt } } };
                    var response = await Http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(JsonSerializer.Serialize(body)));
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1));

    [Fact]
    public Task JsonContent_in_a_request_message_is_reported_and_an_Azure_deployment_url_is_not() =>
        VerifyNoSdkAsync("""
            class Client
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> OpenAI(string text)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/responses")
                    {
                        Content = JsonContent.Create(new { model = {|#0:"gpt-4o"|}, input = text }),
                    };
                    return http.SendAsync(request);
                }

                public Task<HttpResponseMessage> Azure(string text)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "https://contoso.openai.azure.com/openai/deployments/gpt-4/chat/completions?api-version=2024-02-01")
                    {
                        Content = JsonContent.Create(new { model = "gpt-4", messages = new[] { text } }),
                    };
                    return http.SendAsync(request);
                }

                // Azure AI Foundry deploys other providers' models too: the name is still a deployment's.
                public Task<HttpResponseMessage> AzureClaude(string text)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "https://contoso.openai.azure.com/openai/deployments/claude/chat/completions?api-version=2024-02-01")
                    {
                        Content = JsonContent.Create(new { model = "claude-3-5-sonnet-latest", messages = new[] { text } }),
                    };
                    return http.SendAsync(request);
                }

                public Task<HttpResponseMessage> AzureHole(string endpoint, string deployment, string text) =>
                    http.PostAsJsonAsync($"{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-02-01", new { model = "gpt-4", messages = new[] { text } });

                public Task<HttpResponseMessage> AzureV1(string endpoint, string text) =>
                    http.PostAsJsonAsync($"{endpoint}/openai/v1/chat/completions", new { model = "claude-2.1", messages = new[] { text } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    [Fact]
    public Task JSON_text_bodies_are_reported_inside_the_literal() =>
        VerifyNoSdkAsync(""""
            class Client
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Raw() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("""
                        {"model": "{|#0:gpt-3.5-turbo-0301|}", "messages": [{"role": "user", "content": "hi"}]}
                        """, Encoding.UTF8, "application/json"));

                public Task<HttpResponseMessage> Escaped(string question) =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent($"{{\"model\": \"{|#1:gpt-4-32k|}\", \"messages\": [{{\"role\": \"user\", \"content\": \"{question}\"}}]}}"));

                public Task<HttpResponseMessage> Own() =>
                    http.PostAsync("https://example.com/api/orders", new StringContent("""{"model": "gpt-3.5-turbo-0301", "messages": []}"""));
            }
            """",
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1));

    [Fact]
    public Task Anthropic_messages_are_reported_with_corroboration_only() =>
        VerifyNoSdkAsync("""
            class Claude
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Ask(string text) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = {|#0:"claude-2.1"|}, max_tokens = 1024, messages = new[] { new { role = "user", content = text } } });

                // The provider's host corroborates a body that is not LLM-shaped by itself.
                public Task<HttpResponseMessage> Host(string text) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = {|#1:"claude-3-opus-20240229"|}, text });

                public Task<HttpResponseMessage> Current(string text) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-sonnet-4-6", max_tokens = 1024, messages = new[] { text } });
            }

            // A generic path on an unknown host with a body that does not look like a model request (a Vonage-style send),
            // in a type that names no provider.
            class Sms
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Send(string text) =>
                    http.PostAsJsonAsync("https://example.com/v1/messages", new { model = "claude-2.1", text });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-2.1", "2025-07-21", ""),
            Diagnostic("AIL0503").WithLocation(1));

    [Fact]
    public Task Gemini_ids_in_the_path_are_reported_on_the_id() =>
        VerifyNoSdkAsync("""
            class Gemini
            {
                private const string Model = "gemini-2.0-flash-live-001";
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Literal(string key, string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/{|#0:gemini-2.5-pro-preview-03-25|}:generateContent?key=" + key,
                        new { contents = new[] { new { parts = new[] { new { text } } } } });

                public Task<HttpResponseMessage> Interpolated(string key, string text) =>
                    http.PostAsJsonAsync($"https://generativelanguage.googleapis.com/v1beta/models/{{|#1:Model|}}:generateContent?key={key}",
                        new { contents = new[] { new { parts = new[] { new { text } } } } });

                public Task<HttpResponseMessage> Split(string key, string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/{|#3:gemini-3-pro-preview|}" + ":generateContent?key=" + key,
                        new { contents = new[] { new { parts = new[] { new { text } } } } });

                public Task<HttpResponseMessage> Concatenated(string key, string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/" + {|#2:Model|} + ":streamGenerateContent?key=" + key,
                        new { contents = new[] { new { parts = new[] { new { text } } } } });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gemini-2.5-pro-preview-03-25", "2025-12-02", "; the provider recommends 'gemini-3.1-pro-preview'"),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2),
            Diagnostic("AIL0503").WithLocation(3));

    [Fact]
    public Task Gemini_ids_the_table_does_not_retire_and_unknown_paths_are_quiet() =>
        VerifyNoSdkAsync("""
            class Gemini
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Current(string key, string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/gemini-3.1-pro-preview:generateContent?key=" + key, new { text });

                public Task<HttpResponseMessage> Unknown(string key, string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent?key=" + key, new { text });

                public Task<HttpResponseMessage> Configured(string model, string key, string text) =>
                    http.PostAsJsonAsync($"https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent?key={key}", new { text });

                public Task<HttpResponseMessage> Own(string text) =>
                    http.PostAsJsonAsync("https://example.com/api/models/gemini-2.5-pro-preview-03-25", new { text });

                // Vertex AI retires model versions on its own schedule.
                public Task<HttpResponseMessage> Vertex(string project, string text) =>
                    http.PostAsJsonAsync($"https://us-central1-aiplatform.googleapis.com/v1/projects/{project}/locations/us-central1/publishers/google/models/gemini-2.5-pro-preview-03-25:generateContent", new { text });
            }
            """);

    // Ollama's names are its own ("gpt-4" may be a local model, "gemini-3-pro-preview" its cloud model), and "llama3" is
    // in no table.
    [Fact]
    public Task Ollama_endpoints_are_quiet() =>
        VerifyNoSdkAsync("""
            class Local
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Chat(string text) =>
                    http.PostAsJsonAsync("http://localhost:11434/api/chat", new { model = "llama3", messages = new[] { new { role = "user", content = text } } });

                public Task<HttpResponseMessage> Alias(string text) =>
                    http.PostAsJsonAsync("http://localhost:11434/api/generate", new { model = "gpt-4", prompt = text });

                // Ollama's cloud models reuse other providers' names.
                public Task<HttpResponseMessage> Cloud(string text) =>
                    http.PostAsJsonAsync("http://localhost:11434/api/chat", new { model = "gemini-3-pro-preview", messages = new[] { text } });
            }
            """);

    // An OpenAI id counts only where the URL spells OpenAI's host: a compatible server (Groq, LM Studio) or a base URL
    // from settings may keep "gpt-4" as its own alias. Another provider's id through a gateway is still that model.
    [Fact]
    public Task OpenAI_ids_need_OpenAIs_host_other_providers_ids_do_not() =>
        VerifyNoSdkAsync("""
            class GatewayOptions { public string BaseUrl { get; set; } = ""; }
            class Client
            {
                private const string OpenAIBase = "https://api.openai.com/v1";
                private readonly HttpClient http = new HttpClient();
                private readonly GatewayOptions options = new GatewayOptions();

                public Task<HttpResponseMessage> ConstBase(string text) =>
                    http.PostAsJsonAsync(OpenAIBase + "/chat/completions", new { model = {|#0:"gpt-4-32k"|}, messages = new[] { text } });

                public Task<HttpResponseMessage> InterpolatedBase(string text) =>
                    http.PostAsJsonAsync($"{OpenAIBase}/chat/completions", new { model = {|#1:"gpt-3.5-turbo-0301"|}, messages = new[] { text } });

                public Task<HttpResponseMessage> SettingsBase(string text) =>
                    http.PostAsJsonAsync($"{options.BaseUrl}/chat/completions", new { model = "gpt-3.5-turbo-0301", messages = new[] { text } });

                public Task<HttpResponseMessage> Relative(string text) =>
                    http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-3.5-turbo-0301", messages = new[] { text } });

                public Task<HttpResponseMessage> Groq(string text) =>
                    http.PostAsJsonAsync("https://api.groq.com/openai/v1/chat/completions", new { model = "gpt-4", messages = new[] { text } });

                public Task<HttpResponseMessage> GatewayClaude(string text) =>
                    http.PostAsJsonAsync($"{options.BaseUrl}/v1/chat/completions", new { model = {|#2:"claude-3-5-sonnet-latest"|}, messages = new[] { text } });

                public Task<HttpResponseMessage> GeminiCompatible(string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/openai/chat/completions", new { model = {|#3:"gemini-3-pro-preview"|}, messages = new[] { text } });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2),
            Diagnostic("AIL0503").WithLocation(3));

    // Hobby apps set the client's BaseAddress in the constructor and post to a relative path.
    [Fact]
    public Task Relative_url_on_a_client_whose_base_address_is_OpenAIs_is_reported() =>
        VerifyNoSdkAsync("""
            using System;
            class OpenAIService
            {
                private readonly HttpClient _http;

                public OpenAIService(HttpClient http, string key)
                {
                    _http = http;
                    _http.BaseAddress = new Uri("https://api.openai.com/");
                    _http.DefaultRequestHeaders.Add("Authorization", "Bearer " + key);
                }

                public Task<HttpResponseMessage> Ask(string text) =>
                    _http.PostAsJsonAsync("v1/chat/completions", new { model = {|#0:"gpt-4-32k"|}, messages = new[] { text } });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    [Fact]
    public Task Relative_url_on_a_client_whose_base_address_is_another_server_or_configured_is_quiet() =>
        VerifyNoSdkAsync("""
            using System;
            class LocalService
            {
                private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("http://localhost:1234/") };

                public Task<HttpResponseMessage> Ask(string text) =>
                    _http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4-32k", messages = new[] { text } });
            }
            class ConfiguredService
            {
                private readonly HttpClient _http;

                public ConfiguredService(HttpClient http, string baseUrl)
                {
                    _http = http;
                    _http.BaseAddress = new Uri(baseUrl);
                }

                public Task<HttpResponseMessage> Ask(string text) =>
                    _http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4-32k", messages = new[] { text } });
            }
            """);

    [Fact]
    public Task Model_from_a_constant_a_local_or_a_settings_default_is_reported_where_it_is_read() =>
        VerifyNoSdkAsync("""
            class OpenAISettings { public string Model { get; set; } = "gpt-3.5-turbo-0301"; }
            class Client
            {
                private const string Model = "gpt-4-32k";
                private readonly HttpClient http = new HttpClient();
                private readonly OpenAISettings settings = new OpenAISettings();

                public Task<HttpResponseMessage> Const(string text) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = {|#0:Model|}, messages = new[] { text } });

                public Task<HttpResponseMessage> Local(string text)
                {
                    // Reported at the read, as for an SDK slot given the local.
                    var model = "text-davinci-003";
                    return http.PostAsJsonAsync("https://api.openai.com/v1/completions", new { model = {|#1:model|}, prompt = text });
                }

                public Task<HttpResponseMessage> Settings(string text) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = {|#2:settings.Model|}, messages = new[] { text } });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2));

    // The settings file gives the key a value: that value, not the class's default, is the id the app sends.
    [Fact]
    public Task Settings_default_overridden_by_the_settings_file_is_quiet()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                class OpenAISettings { public string Model { get; set; } = "gpt-3.5-turbo-0301"; }
                class Client
                {
                    private readonly HttpClient http = new HttpClient();
                    private readonly OpenAISettings settings = new OpenAISettings();

                    public Task<HttpResponseMessage> Settings(string text) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = settings.Model, messages = new[] { text } });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        test.AdditionalFiles.Add(("appsettings.json", """{ "OpenAI": { "Model": "gpt-6-astra" } }"""));
        return test.RunAsync();
    }

    // With an SDK referenced the raw requests are checked too, once, beside the SDK's own slots.
    [Fact]
    public Task Raw_requests_are_checked_in_an_app_that_also_references_an_SDK() =>
        VerifyAsync(Usings + """
            using OpenAI.Chat;
            class Mixed
            {
                private readonly HttpClient http = new HttpClient();
                public ChatClient Sdk(string key) => new ChatClient({|#0:"gpt-4o"|}, key);

                public Task<HttpResponseMessage> Raw(string text)
                {
                    var body = new { model = {|#1:"gpt-3.5-turbo-0301"|}, messages = new[] { text } };
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1));

    // ModelUses' one walk of a member hands each invocation to the raw-HTTP check (docs/performance.md, session 32): an
    // SDK slot and a raw request in the same member, and a raw request inside a lambda of that member, are each
    // reported once; the same member's request to the app's own API and a current snapshot stay quiet.
    [Fact]
    public Task Sdk_slot_and_raw_requests_in_one_member_are_each_reported_once() =>
        VerifyAsync(Usings + """
            using System;
            using OpenAI.Chat;
            class Mixed
            {
                private readonly HttpClient http = new HttpClient();

                public async Task Both(string key, string text)
                {
                    var client = new ChatClient({|#0:"gpt-4o"|}, key);
                    await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = {|#1:"gpt-3.5-turbo-0301"|}, messages = new[] { text } });
                    Func<Task<HttpResponseMessage>> later = () =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = {|#2:"gpt-4-0314"|}, messages = new[] { text } });
                    await later();
                    await http.PostAsJsonAsync("https://example.com/api/orders", new { model = "gpt-3.5-turbo-0301", messages = new[] { text } });
                    await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-6-astra", messages = new[] { text } });
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2));

    [Fact]
    public async Task Half_typed_requests_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                class Broken
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> A(string text) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = {|#0:"text-davinci-003"|}, messages = });

                    public Task<HttpResponseMessage> B(string text) =>
                        http.PostAsJsonAsync(, new { model = "gpt-4-32k" });

                    public Task<HttpResponseMessage> C(string key) =>
                        http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/:generateContent?key=" + key, new Unknown { Model = "gpt-4" });

                    public Task<HttpResponseMessage> D() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(JsonSerializer.Serialize(new Dictionary<string, object> { ["model"] = })));

                    public Task<HttpResponseMessage> E() =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new Missing("gpt-4-32k", ));
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // A: the anonymous body still binds its model member; the others are too broken to read.
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0));
        await test.RunAsync();
    }
}
