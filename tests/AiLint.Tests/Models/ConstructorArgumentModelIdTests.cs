using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review81 U-1 (KikiAI's provider factory): <c>new OpenAIProvider(http, key, "gpt-4o-mini")</c> and
/// <c>new ClaudeProvider(http, key, "claude-3-haiku-20240307", tavily)</c> in the same project, where each provider's
/// constructor stores the argument (<c>_model = model;</c>) in a <c>readonly</c> field that its raw request body (or an
/// SDK slot) sends as the model. The constant argument is the id every instance built there sends: reported at the
/// argument, when the class's slots say whose ids count (a body posted to api.openai.com or Anthropic's API, an SDK
/// slot) and the constructors alone fix the field. Quiet twins: an argument from configuration, a class whose host is
/// chosen at run time, a field a method also writes, an argument stored in another field, an OpenAI id handed to the
/// Claude class.
/// </summary>
public class ConstructorArgumentModelIdTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        """;

    // KikiAI's providers, reduced (OpenAIProvider.cs, ClaudeProvider.cs, MistralProvider.cs): one class per provider,
    // the endpoint a constant, the model stored as it is.
    private const string Providers = Usings + """
        public record Message(string Role, string Content);

        public interface IAIProvider
        {
            Task<string> GetResponseAsync(IEnumerable<Message> messages);
        }

        public class OpenAIProvider : IAIProvider
        {
            private readonly HttpClient _httpClient;
            private readonly string _apiKey;
            private readonly string _model;
            private const string Endpoint = "https://api.openai.com/v1/chat/completions";

            public OpenAIProvider(IHttpClientFactory httpClientFactory, string apiKey, string model = {|#9:"gpt-4o"|})
            {
                _httpClient = httpClientFactory.CreateClient();
                _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
                _model = model;
            }

            public async Task<string> GetResponseAsync(IEnumerable<Message> messages)
            {
                var request = new { model = _model, messages = messages.Select(m => new { role = m.Role, content = m.Content }).ToArray() };
                var response = await _httpClient.PostAsJsonAsync(Endpoint, request);
                return await response.Content.ReadAsStringAsync();
            }
        }

        public class ClaudeProvider : IAIProvider
        {
            private readonly HttpClient _httpClient;
            private readonly string _model;
            private readonly object _tavilyService;
            private const string Endpoint = "https://api.anthropic.com/v1/messages";

            public ClaudeProvider(IHttpClientFactory httpClientFactory, string apiKey, string model, object tavilyService = null)
            {
                _httpClient = httpClientFactory.CreateClient();
                _model = model;
                _tavilyService = tavilyService;
                _httpClient.DefaultRequestHeaders.Add("x-api-key", apiKey);
            }

            public async Task<string> GetResponseAsync(IEnumerable<Message> messages)
            {
                var request = new { model = _model, max_tokens = 4096, messages = messages.Select(m => new { role = m.Role, content = m.Content }).ToArray() };
                var response = await _httpClient.PostAsJsonAsync(Endpoint, request);
                TrackUsage(_model.Contains("haiku"));
                return await response.Content.ReadAsStringAsync();
            }

            private static void TrackUsage(bool isHaiku) { }
        }

        public class MistralProvider : IAIProvider
        {
            private readonly HttpClient _httpClient;
            private readonly string _model;
            private const string Endpoint = "https://api.mistral.ai/v1/chat/completions";

            public MistralProvider(IHttpClientFactory httpClientFactory, string apiKey, string model)
            {
                _httpClient = httpClientFactory.CreateClient();
                _model = model;
            }

            public async Task<string> GetResponseAsync(IEnumerable<Message> messages)
            {
                var payload = new Dictionary<string, object> { { "model", _model }, { "messages", messages.ToArray() } };
                var response = await _httpClient.PostAsJsonAsync(Endpoint, payload);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private static Task VerifyRawAsync((string Path, string Code)[] sources, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { References = ReferenceAssemblies.FrameworkOnly };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // KikiAI/Program.cs's factory, reduced to a method (the real one is a lambda in top-level statements).
    [Fact]
    public Task KikiAIs_provider_factory_arguments_are_reported_where_the_provider_is_known() =>
        VerifyRawAsync(
            new[]
            {
                ("Providers.cs", Providers),
                ("Factory.cs", Usings + """
                    public static class ProviderFactory
                    {
                        public static Func<string, IAIProvider> Create(IHttpClientFactory httpFactory, IConfiguration config) => key =>
                        {
                            string GetKey(string configKey) => config[configKey] ?? "";

                            return key?.ToLower() switch
                            {
                                "openai" => new OpenAIProvider(httpFactory, GetKey("OpenAI:ApiKey"), {|#0:"gpt-4o"|}),
                                "openai-test" => new OpenAIProvider(httpFactory, GetKey("OpenAI:TestKey"), {|#1:"gpt-4o-mini"|}),
                                "claude" => new ClaudeProvider(httpFactory, GetKey("Claude:ApiKey"), {|#2:"claude-3-haiku-20240307"|}, null),
                                "claude-haiku" => new ClaudeProvider(httpFactory, GetKey("Claude:ApiKey"), {|#3:"claude-3-5-haiku-20241022"|}, null),
                                "mistral" => new MistralProvider(httpFactory, GetKey("Mistral:ApiKey"), "mistral-small-latest"),
                                // Mistral's host: an OpenAI-compatible server the table has no rows for, so whose ids count is not known.
                                "mistral-claude" => new MistralProvider(httpFactory, GetKey("Mistral:ApiKey"), "claude-3-haiku-20240307"),
                                _ => new OpenAIProvider(httpFactory, GetKey("OpenAI:ApiKey")),
                            };
                        };
                    }
                    """),
            },
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2),
            Diagnostic("AIL0503").WithLocation(3),
            Diagnostic("AIL0501").WithLocation(9));

    // The argument in the providers' own file, and a target-typed `new(...)`, each read the same way.
    [Fact]
    public Task Arguments_in_the_providers_file_and_target_typed_creations_are_reported() =>
        VerifyRawAsync(
            new[]
            {
                ("Providers.cs", Providers + """

                    public static class Defaults
                    {
                        public const string Fast = "gpt-4o-mini";
                        public static OpenAIProvider Fast_(IHttpClientFactory f) => new OpenAIProvider(f, "key", {|#0:Fast|});
                        public static ClaudeProvider Claude(IHttpClientFactory f)
                        {
                            ClaudeProvider provider = new(f, "key", model: {|#1:"claude-3-haiku-20240307"|});
                            return provider;
                        }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0501").WithLocation(9));

    [Fact]
    public Task Arguments_whose_provider_or_value_is_not_fixed_are_not_reported() =>
        VerifyRawAsync(
            new[]
            {
                ("Providers.cs", Providers.Replace("{|#9:\"gpt-4o\"|}", "\"gpt-5.2-2025-12-11\"")),
                ("Others.cs", Usings + """
                    // The host comes from the caller: an OpenAI-compatible server keeps its own names.
                    public class CompatibleProvider
                    {
                        private readonly HttpClient _http = new HttpClient();
                        private readonly string _baseUrl;
                        private readonly string _model;
                        public CompatibleProvider(string baseUrl, string model) { _baseUrl = baseUrl; _model = model; }
                        public Task<HttpResponseMessage> Send(string q) =>
                            _http.PostAsJsonAsync($"{_baseUrl}/v1/chat/completions", new { model = _model, messages = new[] { q } });
                    }

                    // The whole URL comes from the caller.
                    public class RuntimeEndpoint
                    {
                        private readonly HttpClient _http = new HttpClient();
                        private readonly string _endpoint;
                        private readonly string _model;
                        public RuntimeEndpoint(string endpoint, string model) { _endpoint = endpoint; _model = model; }
                        public Task<HttpResponseMessage> Send(string q) =>
                            _http.PostAsJsonAsync(_endpoint, new { model = _model, messages = new[] { q } });
                    }

                    // A method may switch the model: the constructor's argument is not what every request sends.
                    public class Switchable
                    {
                        private readonly HttpClient _http = new HttpClient();
                        private string _model;
                        public Switchable(string model) { _model = model; }
                        public void UseModel(string model) => _model = model;
                        public Task<HttpResponseMessage> Send(string q) =>
                            _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
                    }

                    // Sent to OpenAI and to a local server: in the local server's terms there.
                    public class TwoHosts
                    {
                        private readonly HttpClient _http = new HttpClient();
                        private readonly string _model;
                        public TwoHosts(string model) { _model = model; }
                        public Task<HttpResponseMessage> Cloud(string q) =>
                            _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
                        public Task<HttpResponseMessage> Local(string q) =>
                            _http.PostAsJsonAsync("http://localhost:1234/v1/chat/completions", new { model = _model, messages = new[] { q } });
                    }

                    // Only logged: no request sends it.
                    public class LoggedOnly
                    {
                        private readonly string _model;
                        public LoggedOnly(string model) { _model = model; }
                        public override string ToString() => "model: " + _model;
                    }

                    // The constructor trims the parameter before storing it.
                    public class Trimmed
                    {
                        private readonly HttpClient _http = new HttpClient();
                        private readonly string _model;
                        public Trimmed(string model) { model = model.Trim(); _model = model; }
                        public Task<HttpResponseMessage> Send(string q) =>
                            _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
                    }

                    public static class Factory
                    {
                        public static object[] Build(IHttpClientFactory f, IConfiguration config, string baseUrl) => new object[]
                        {
                            new OpenAIProvider(f, "key", config["OpenAI:Model"]),
                            new OpenAIProvider(f, "key", config["OpenAI:Model"] ?? "gpt-4o"),
                            new OpenAIProvider(f, "gpt-4o"),                        // the API key's slot, not the model's
                            new ClaudeProvider(f, "key", "gpt-4o"),                 // an OpenAI id at Anthropic's API
                            new CompatibleProvider(baseUrl, "gpt-4o"),
                            new CompatibleProvider(baseUrl, "claude-3-haiku-20240307"),
                            new RuntimeEndpoint("https://api.openai.com/v1/chat/completions", "gpt-4o"),
                            new Switchable("gpt-4o"),
                            new TwoHosts("gpt-4o"),
                            new LoggedOnly("gpt-4o"),
                            new Trimmed("gpt-4o"),
                        };
                    }
                    """),
            });

    // probes/ctor-default-sdk/Q.cs: the same path through an SDK slot, and Anthropic's own slot (only Claude ids count).
    [Fact]
    public Task Arguments_stored_for_an_SDK_slot_are_reported() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            using OpenAI.Chat;

            public class SdkProvider2
            {
                private readonly string _apiKey;
                private readonly string _model;
                public SdkProvider2(string apiKey, string model) { _apiKey = apiKey; _model = model; }
                public ChatClient Chat() => new ChatClient(_model, _apiKey);
            }

            public class AnthropicProvider
            {
                private readonly string _model;
                public AnthropicProvider(string model) { _model = model; }
                public MessageCreateParams Build(string text) => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = _model,
                    Messages = new MessageParam[] { new UserMessageParam { Content = text } },
                };
            }

            public static class Factory
            {
                public static SdkProvider2 Make(string key, string provider) => provider switch
                {
                    "openai" => new SdkProvider2(key, {|#0:"gpt-4o"|}),
                    _ => new SdkProvider2(key, {|#1:"gpt-3.5-turbo-0613"|}),
                };

                public static AnthropicProvider Claude() => new AnthropicProvider({|#2:"claude-3-haiku-20240307"|});
                public static AnthropicProvider NotClaude() => new AnthropicProvider("gpt-4o");
                public static SdkProvider2 Pinned(string key) => new SdkProvider2(key, "gpt-5.2-2025-12-11");
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2));

    [Fact]
    public Task Half_typed_factories_do_not_crash_or_report() =>
        new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Providers + """

                public static class Broken
                {
                    public static object A(IHttpClientFactory f) => new OpenAIProvider(f, "key", "gpt-4o"
                    public static object B(IHttpClientFactory f) => new MissingProvider(f, "key", "gpt-4o");
                    public static object C(IHttpClientFactory f) => new OpenAIProvider(f, "key", "gpt-4o", 42);
                    public static object D(Unknown f) => new OpenAIProvider(f, "key", "gpt-4o-mini");
                }

                public class HalfProvider
                {
                    private readonly HttpClient _http = new HttpClient();
                    private readonly string _model;
                    public HalfProvider(Strin model) { _model = model; }
                    public Task<HttpResponseMessage> Send(string q) =>
                        _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
                    public static HalfProvider Make() => new HalfProvider("gpt-4o");
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            ExpectedDiagnostics = { Diagnostic("AIL0501").WithLocation(9) },
        }.RunAsync();
}
