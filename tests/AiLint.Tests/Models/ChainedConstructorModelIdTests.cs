using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A constant model id passed through a chained constructor, <c>: this(factory, key, "claude-3-haiku-20240307")</c> or
/// <c>: base(http, "gpt-4o-mini")</c>, to a parameter that the called constructor stores for a model slot whose provider
/// is known: every instance built through that constructor sends it, exactly as for
/// <c>new ClaudeProvider(http, key, "claude-3-...")</c> (<see cref="ConstructorArgumentSlots"/>). Reported at the
/// constant. Quiet: a provider chosen at run time, a parameter stored for no model slot (logged, the API key's), an
/// OpenAI id chained into the Claude class, a value read from configuration, a derived class that overrides the base's
/// members (it may send something else).
/// </summary>
public class ChainedConstructorModelIdTests
{
    // KikiAI's ClaudeProvider with a convenience constructor that picks the cheap model, the shape review81's factory
    // would take if the model moved out of Program.cs.
    [Fact]
    public Task Claude_id_chained_with_this_to_the_storing_constructor_is_reported() =>
        VerifyRawProviderAsync("""
            public class ClaudeProvider
            {
                private readonly HttpClient _httpClient;
                private readonly string _model;
                private const string Endpoint = "https://api.anthropic.com/v1/messages";

                public ClaudeProvider(IHttpClientFactory httpClientFactory, string apiKey)
                    : this(httpClientFactory, apiKey, {|#0:"claude-3-haiku-20240307"|})
                {
                }

                public ClaudeProvider(IHttpClientFactory httpClientFactory, string apiKey, string model)
                {
                    _httpClient = httpClientFactory.CreateClient();
                    _httpClient.DefaultRequestHeaders.Add("x-api-key", apiKey);
                    _model = model;
                }

                public async Task<string> GetResponseAsync(IEnumerable<Message> messages)
                {
                    var request = new { model = _model, max_tokens = 1024, messages = messages.Select(m => new { role = m.Role, content = m.Content }).ToArray() };
                    var response = await _httpClient.PostAsJsonAsync(Endpoint, request);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    // One base class per API, one small class per model: `: base(http, "gpt-4o-mini")`.
    [Fact]
    public Task OpenAI_id_chained_with_base_to_a_provider_base_class_is_reported() =>
        VerifyRawProviderAsync("""
            public abstract class OpenAIChatBase
            {
                private readonly HttpClient _http;
                private readonly string _model;

                protected OpenAIChatBase(HttpClient http, string model)
                {
                    _http = http;
                    _model = model;
                }

                public Task<HttpResponseMessage> SendAsync(string question) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { new { role = "user", content = question } } });
            }

            public sealed class MiniChat : OpenAIChatBase
            {
                public MiniChat(HttpClient http) : base(http, {|#0:"gpt-4o-mini"|}) { }
            }

            public sealed class PinnedChat : OpenAIChatBase
            {
                public PinnedChat(HttpClient http) : base(http, "gpt-5.4-mini-2026-03-17") { }
            }

            // C# 12's primary constructor calls the base from the class header.
            public sealed class PrimaryChat(HttpClient http) : OpenAIChatBase(http, {|#1:"gpt-4o"|});
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1));

    // The same chain onto an SDK slot (the OpenAI SDK's ChatClient, Anthropic's request).
    [Fact]
    public Task Ids_chained_to_a_field_an_SDK_slot_reads_are_reported() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            using OpenAI.Chat;

            public class ChatProvider
            {
                private readonly string _apiKey;
                private readonly string _model;
                public ChatProvider(string apiKey) : this(apiKey, {|#0:"gpt-3.5-turbo-0613"|}) { }
                public ChatProvider(string apiKey, string model) { _apiKey = apiKey; _model = model; }
                public ChatClient Chat() => new ChatClient(_model, _apiKey);
            }

            public class AnthropicProvider
            {
                private readonly string _model;
                public AnthropicProvider() : this({|#1:"claude-3-haiku-20240307"|}) { }
                public AnthropicProvider(string model) { _model = model; }
                public MessageCreateParams Build(string text) => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = _model,
                    Messages = new MessageParam[] { new UserMessageParam { Content = text } },
                };
            }

            public class OpenAIAtAnthropic
            {
                private readonly string _model;
                public OpenAIAtAnthropic() : this("gpt-4o") { }
                public OpenAIAtAnthropic(string model) { _model = model; }
                public MessageCreateParams Build(string text) => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = _model,
                    Messages = new MessageParam[] { new UserMessageParam { Content = text } },
                };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1));

    [Fact]
    public Task Chains_whose_provider_or_slot_is_not_known_are_not_reported() =>
        VerifyRawProviderAsync("""
            // The host comes from the caller: an OpenAI-compatible server keeps its own names.
            public class CompatibleProvider
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _baseUrl;
                private readonly string _model;
                public CompatibleProvider(string baseUrl) : this(baseUrl, "gpt-4o") { }
                public CompatibleProvider(string baseUrl, string model) { _baseUrl = baseUrl; _model = model; }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync($"{_baseUrl}/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }

            // Posted to Ollama's own API: its tags are not the table's.
            public class OllamaProvider
            {
                private readonly HttpClient _http;
                private readonly string _model;
                public OllamaProvider(HttpClient http) : this(http, "gpt-4") { }
                public OllamaProvider(HttpClient http, string model) { _http = http; _model = model; }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("http://localhost:11434/api/chat", new { model = _model, messages = new[] { q } });
            }

            // Only logged: the chained id is a label.
            public class Labelled
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _model;
                private readonly string _label;
                public Labelled(string model) : this(model, "gpt-4o") { }
                public Labelled(string model, string label) { _model = model; _label = label; }
                public override string ToString() => _label;
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }

            // An OpenAI id at Anthropic's API, a key in the key's slot, a value from configuration.
            public class ClaudeProvider
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _model;
                public ClaudeProvider() : this("gpt-4o", "claude-key") { }
                public ClaudeProvider(IConfiguration config) : this(config["Claude:Model"]!, "claude-key") { }
                public ClaudeProvider(string model, string apiKey) { _model = model; _http.DefaultRequestHeaders.Add("x-api-key", apiKey); }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = _model, max_tokens = 256, messages = new[] { q } });
            }

            // The derived class replaces the request: the base's body is not what its instances send.
            public class OpenAIChatBase
            {
                protected readonly HttpClient Http = new HttpClient();
                private readonly string _model;
                public OpenAIChatBase(string model) { _model = model; }
                public virtual Task<HttpResponseMessage> SendAsync(string q) =>
                    Http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }

            public sealed class LocalChat : OpenAIChatBase
            {
                public LocalChat() : base("gpt-4o") { }
                public override Task<HttpResponseMessage> SendAsync(string q) =>
                    Http.PostAsJsonAsync("http://localhost:1234/v1/chat/completions", new { model = "local-model", messages = new[] { q } });
            }
            """);

    [Fact]
    public Task Half_typed_chains_do_not_crash_or_report() =>
        new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = RawProviderUsings + """
                public class ClaudeProvider
                {
                    private readonly HttpClient _http = new HttpClient();
                    private readonly string _model;
                    public ClaudeProvider() : this("claude-3-haiku-20240307" { }
                    public ClaudeProvider(int retries) : this(retries, "claude-3-haiku-20240307") { }
                    public ClaudeProvider(Missing m) : base(m, "claude-3-haiku-20240307") { }
                    public ClaudeProvider(string model) { _model = model; }
                    public Task<HttpResponseMessage> Send(string q) =>
                        _http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = _model, max_tokens = 256, messages = new[] { q } });
                }

                public class Derived : MissingBase
                {
                    public Derived() : base("gpt-4o") { }
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
