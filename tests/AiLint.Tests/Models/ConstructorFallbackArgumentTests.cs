using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// MikolajKocik/Claude-AI-MCP: <c>ClaudeClient</c> stores its <c>model</c> parameter behind its own blank fallback
/// (<c>_model = string.IsNullOrWhiteSpace(model) ? "claude-3-haiku-20240307" : model!;</c>) and posts
/// <c>new { model = _model, ... }</c> to Anthropic's Messages API; Program.cs passes
/// <c>Environment.GetEnvironmentVariable("CLAUDE_MODEL") ?? "claude-3-haiku-20240307"</c>. That literal is what every run
/// without the variable sends: reported at the call, as a constant argument is, besides the constructor's own fallback.
/// Quiet twins: an argument read from configuration, a class posting to a host from settings, a local written again.
/// </summary>
public class ConstructorFallbackArgumentTests
{
    private const string Client = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        public class ClaudeClient
        {
            private readonly HttpClient _httpClient;
            private readonly string _baseUrl = "https://api.anthropic.com/v1/messages";
            private readonly string _model;

            public ClaudeClient(HttpClient httpClient, string apiKey, string? model = null)
            {
                _httpClient = httpClient;
                _httpClient.DefaultRequestHeaders.Add("x-api-key", apiKey);
                _model = string.IsNullOrWhiteSpace(model) ? {|#0:"claude-3-haiku-20240307"|} : model!;
            }

            public Task<HttpResponseMessage> AskClaudeAsync(string prompt, CancellationToken ct)
            {
                var requestBody = new { model = _model, max_tokens = 2000, messages = new[] { new { role = "user", content = prompt } } };
                return _httpClient.PostAsJsonAsync(_baseUrl, requestBody, cancellationToken: ct);
            }
        }

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(code, Array.Empty<(string, string)>(), expected);

    // Before: only #0 (the constructor's own fallback); the caller's fallbacks and constant were not read.
    [Fact]
    public Task The_callers_fallback_is_reported_at_the_call() =>
        VerifyAsync(Client + """
            public static class Startup
            {
                public static ClaudeClient Create(HttpClient http, string key)
                {
                    var claudeModel = Environment.GetEnvironmentVariable("CLAUDE_MODEL")
                        ?? "claude-3-haiku-20240307";
                    return new ClaudeClient(http, key, {|#1:claudeModel|});
                }

                public static ClaudeClient Inline(HttpClient http, string key) =>
                    new ClaudeClient(http, key, {|#2:Environment.GetEnvironmentVariable("CLAUDE_MODEL") ?? "claude-3-5-sonnet-20241022"|});

                public static ClaudeClient Constant(HttpClient http, string key) => new ClaudeClient(http, key, {|#3:"claude-3-opus-20240229"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2),
            Diagnostic("AIL0503").WithLocation(3));

    // The other blank tests a constructor writes: `model ?? "..."`, `model != null ? model : "..."`, `IsNullOrEmpty`,
    // `is null` (the constructor's own fallback a current snapshot here, so only the caller's is reported).
    [Theory]
    [InlineData("model ?? \"claude-haiku-4-5-20251001\"")]
    [InlineData("model != null ? model : \"claude-haiku-4-5-20251001\"")]
    [InlineData("!string.IsNullOrEmpty(model) ? model : \"claude-haiku-4-5-20251001\"")]
    [InlineData("model is null ? \"claude-haiku-4-5-20251001\" : model")]
    public Task Other_blank_fallbacks_of_the_constructor_are_followed(string stored) =>
        VerifyAsync(Client.Replace("string.IsNullOrWhiteSpace(model) ? {|#0:\"claude-3-haiku-20240307\"|} : model!", stored) + """
            public static class Startup
            {
                public static ClaudeClient Create(HttpClient http, string key) =>
                    new ClaudeClient(http, key, {|#1:Environment.GetEnvironmentVariable("CLAUDE_MODEL") ?? "claude-3-opus-20240229"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(1));

    // Quiet twins: configuration only (the files decide), a local written again, a stored value that is not the
    // parameter behind a blank test, and a class whose host comes from settings.
    [Fact]
    public Task Configured_rewritten_and_unfollowed_arguments_stay_quiet() =>
        VerifyAsync(Client.Replace("{|#0:", "").Replace("\"|}", "\"").Replace("\"claude-3-haiku-20240307\"", "\"claude-haiku-4-5-20251001\"") + """
            public class OtherHostClient
            {
                private readonly HttpClient _http;
                private readonly string _url;
                private readonly string _model;

                public OtherHostClient(HttpClient http, IConfiguration config, string? model)
                {
                    _http = http;
                    _url = config["Llm:Url"]!;
                    _model = string.IsNullOrWhiteSpace(model) ? "gpt-5.2-2025-12-11" : model!;
                }

                public Task<HttpResponseMessage> Ask(string prompt) => _http.PostAsJsonAsync(_url, new { model = _model, prompt });
            }

            public class LongClient
            {
                private readonly HttpClient _http;
                private readonly string _model;

                public LongClient(HttpClient http, string? model)
                {
                    _http = http;
                    _model = model?.Length > 3 ? model : "claude-haiku-4-5-20251001";
                }

                public Task<HttpResponseMessage> Ask(string prompt) =>
                    _http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = _model, max_tokens = 10, messages = new[] { new { role = "user", content = prompt } } });
            }

            public static class Startup
            {
                public static ClaudeClient Configured(HttpClient http, string key, IConfiguration config) =>
                    new ClaudeClient(http, key, config["Claude:Model"]);

                public static ClaudeClient Rewritten(HttpClient http, string key, bool big)
                {
                    var model = Environment.GetEnvironmentVariable("CLAUDE_MODEL") ?? "claude-3-haiku-20240307";
                    if (big)
                    {
                        model = "claude-haiku-4-5-20251001";
                    }

                    return new ClaudeClient(http, key, model);
                }

                public static OtherHostClient Elsewhere(HttpClient http, IConfiguration config) =>
                    new OtherHostClient(http, config, Environment.GetEnvironmentVariable("MODEL") ?? "gpt-3.5-turbo");

                public static LongClient Long(HttpClient http) => new LongClient(http, Environment.GetEnvironmentVariable("MODEL") ?? "claude-3-haiku-20240307");
            }
            """);

    // Half-typed constructors and calls: no crash, nothing from the unfinished parts.
    [Fact]
    public Task Half_typed_constructor_fallbacks_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using System;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;

                public class Half
                {
                    private readonly HttpClient _http;
                    private readonly string _model;

                    public Half(HttpClient http, string? model)
                    {
                        _http = http;
                        _model = string.IsNullOrWhiteSpace(model) ? : model!;
                    }

                    public Task<HttpResponseMessage> Ask(string prompt) =>
                        _http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = _model, max_tokens = 10 });
                }

                public static class Startup
                {
                    public static Half A(HttpClient http) => new Half(http, Environment.GetEnvironmentVariable("M") ?? );
                    public static Half B(HttpClient http) => new Half(http, Missing.Model ?? "claude-3-haiku-20240307");
                    public static Half C(HttpClient http) => new Half(http, );
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
