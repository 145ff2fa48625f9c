using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review81 M-1 (KikiAI's OpenAIProvider, repro-1): a constructor parameter's default stored in a <c>readonly</c> field
/// (<c>_model = model;</c>) that a raw request body sends (<c>new { model = _model, messages }</c> posted to
/// api.openai.com) is reported once, on the default, as when an SDK slot reads the field. The body's endpoint decides
/// whose ids count, as for any value a body reads. Quiet twins: a field that is not <c>readonly</c>, a field a method
/// also writes, a default posted to a host the code does not spell, an OpenAI id posted to Anthropic's API.
/// </summary>
public class StoredDefaultRawBodyTests
{
    // KikiAI/OpenAIProvider.cs, reduced: the client from IHttpClientFactory, the key checked, the default stored as is.
    private const string KikiOpenAIProvider = """
        public class OpenAIProvider
        {
            private readonly HttpClient _httpClient;
            private readonly string _apiKey;
            private readonly string _model;
            private const string Endpoint = "https://api.openai.com/v1/chat/completions";

            public OpenAIProvider(IHttpClientFactory httpClientFactory, string apiKey, string model = {|#0:"gpt-4o"|})
            {
                _httpClient = httpClientFactory.CreateClient();
                _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
                _model = model;
                _httpClient.DefaultRequestHeaders.Add("Authorization", $"Bearer {_apiKey}");
            }

            public async Task<string> GetResponseAsync(IEnumerable<Message> messages)
            {
                var request = new
                {
                    model = _model,
                    messages = messages.Select(m => new { role = m.Role, content = m.Content }).ToArray()
                };

                var response = await _httpClient.PostAsJsonAsync(Endpoint, request);
                var node = await response.Content.ReadFromJsonAsync<JsonNode>();
                return node?["choices"]?[0]?["message"]?["content"]?.ToString() ?? string.Empty;
            }
        }
        """;

    [Fact]
    public Task KikiAIs_stored_constructor_default_posted_raw_to_OpenAI_is_reported_on_the_default() =>
        VerifyRawProviderAsync(KikiOpenAIProvider, Diagnostic("AIL0501").WithLocation(0));

    // The same class in an app that also references an SDK (ModelUses.Analyze's walk, not the raw-only one).
    [Fact]
    public Task The_stored_default_posted_raw_is_reported_beside_an_SDK_too() =>
        VerifyAsync(RawProviderUsings + KikiOpenAIProvider, Diagnostic("AIL0501").WithLocation(0));

    // Read by an SDK slot and by a raw body (two members, twice each): still one diagnostic on the default.
    [Fact]
    public Task A_default_an_SDK_slot_and_a_raw_body_both_read_is_reported_once() =>
        VerifyAsync("using OpenAI.Chat;\n" + RawProviderUsings + """
            public class Both
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _apiKey;
                private readonly string _model;

                public Both(string apiKey, string model = {|#0:"gpt-4o-mini"|})
                {
                    _apiKey = apiKey;
                    _model = model;
                }

                public ChatClient Chat() => new ChatClient(_model, _apiKey);
                public ChatClient Again() => new ChatClient(this._model, _apiKey);

                public Task<HttpResponseMessage> Raw(string q) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { new { role = "user", content = q } } });

                public Task<HttpResponseMessage> RawAgain(string q) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new Dictionary<string, object> { { "model", _model }, { "messages", q } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // KikiAI's ClaudeProvider shape with a default: a retired Claude id posted to Anthropic's Messages API.
    [Fact]
    public Task A_stored_Claude_default_posted_to_Anthropic_is_reported() =>
        VerifyRawProviderAsync("""
            public class ClaudeProvider
            {
                private readonly HttpClient _httpClient;
                private readonly string _model;
                private const string Endpoint = "https://api.anthropic.com/v1/messages";

                public ClaudeProvider(IHttpClientFactory httpClientFactory, string model = {|#0:"claude-3-haiku-20240307"|})
                {
                    _httpClient = httpClientFactory.CreateClient();
                    _model = model;
                }

                public Task<HttpResponseMessage> Send(IEnumerable<Message> messages) =>
                    _httpClient.PostAsJsonAsync(Endpoint, new { model = _model, max_tokens = 4096, messages = messages.ToArray() });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    [Fact]
    public Task Stored_defaults_that_may_change_or_go_elsewhere_are_not_reported() =>
        VerifyRawProviderAsync("""
            // Not readonly: the page follows only readonly fields for a stored default.
            public class Mutable
            {
                private readonly HttpClient _http = new HttpClient();
                private string _model;
                public Mutable(string model = "gpt-4o") { _model = model; }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }

            // A method writes the field too: the constructor does not fix it.
            public class Switchable
            {
                private readonly HttpClient _http = new HttpClient();
                private string _model;
                public Switchable(string model = "gpt-4o") { _model = model; }
                public void Use(string model) => _model = model;
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }

            // The host is chosen at run time: an OpenAI-compatible server may keep "gpt-4o" as its own name.
            public class AnyServer
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _baseUrl;
                private readonly string _model;
                public AnyServer(string baseUrl, string model = "gpt-4o") { _baseUrl = baseUrl; _model = model; }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync($"{_baseUrl}/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }

            // An OpenAI id at Anthropic's API names no model it serves.
            public class WrongProvider
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _model;
                public WrongProvider(string model = "gpt-4o") { _model = model; }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = _model, max_tokens = 100, messages = new[] { q } });
            }

            // Assigned only under a condition: instances built otherwise keep another value.
            public class Conditional
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _model;
                public Conditional(bool custom, string model = "gpt-4o") { if (custom) { _model = model; } else { _model = "gpt-5.5-2026-04-23"; } }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }

            // The constructor rewrites the parameter before storing it.
            public class Rewritten
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _model;
                public Rewritten(string model = "gpt-4o") { model = model.Trim(); _model = model; }
                public Task<HttpResponseMessage> Send(string q) =>
                    _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
            }
            """);

    [Fact]
    public Task Half_typed_providers_do_not_crash_or_report() =>
        new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = RawProviderUsings + """
                public class Broken
                {
                    private readonly HttpClient _http = new HttpClient();
                    private readonly string _model;
                    private readonly Missing _other;
                    public Broken(Missing other, string model = "gpt-4o") { _other = other; _model = model }
                    public Task<HttpResponseMessage> Send(string q) =>
                        _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model.Unknown(), messages = new[] { q } });
                }
                public class Typo
                {
                    private readonly HttpClient _http = new HttpClient();
                    private readonly Strin _model;
                    public Typo(Strin model = "gpt-4o") { _model = model; }
                    public Task<HttpResponseMessage> Send(string q) =>
                        _http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = _model, messages = new[] { q } });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
