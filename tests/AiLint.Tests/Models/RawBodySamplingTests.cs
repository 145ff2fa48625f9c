using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0504 on a request an app sends over plain <c>HttpClient</c>: the body's <c>model</c> is a reasoning model the
/// table knows, and the same body sets a sampling member the provider's JSON spells (<c>temperature</c>, <c>top_p</c>,
/// the penalties, <c>logprobs</c>, <c>top_logprobs</c>; Anthropic's <c>top_k</c>) to a value other than its default. The
/// model id is read as for AIL0501-AIL0503 (RawHttpModelIds). Quiet twins: a classic model, default values, a model
/// from configuration, a URL that is no LLM endpoint.
/// </summary>
public class RawBodySamplingTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        """;

    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Anonymous_body_with_a_temperature_for_an_OpenAI_reasoning_model_is_reported() =>
        VerifyNoSdkAsync("""
            class Extractor
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-6-astra",
                        {|#0:temperature = 0.2|},
                        {|#1:top_p = 0.9|},
                        {|#2:frequency_penalty = 0.5|},
                        {|#3:logprobs = true|},
                        messages = new[] { new { role = "user", content = question } },
                    });
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_p"),
            Diagnostic("AIL0504").WithLocation(2).WithArguments("gpt-6-astra", "frequency_penalty"),
            Diagnostic("AIL0504").WithLocation(3).WithArguments("gpt-6-astra", "logprobs"));

    [Fact]
    public Task Dictionary_and_JsonObject_bodies_are_read_too() =>
        VerifyNoSdkAsync("""
            class Extractor
            {
                private const string Model = "gpt-6-astra";
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> IndexedAsync(string question)
                {
                    var body = new Dictionary<string, object>
                    {
                        ["model"] = Model,
                        {|#0:["presence_penalty"] = 0.4|},
                        ["messages"] = new[] { new { role = "user", content = question } },
                    };
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                }

                public Task<HttpResponseMessage> AddedAsync(string question)
                {
                    var body = new Dictionary<string, object>
                    {
                        { "model", "gpt-6-astra" },
                        {|#1:{ "top_logprobs", 3 }|},
                        { "messages", new[] { new { role = "user", content = question } } },
                    };
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                }

                public Task<HttpResponseMessage> NodeAsync(string question)
                {
                    var body = new JsonObject
                    {
                        ["model"] = "gpt-6-astra",
                        {|#2:["temperature"] = 0.7|},
                    };
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "presence_penalty"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_logprobs"),
            Diagnostic("AIL0504").WithLocation(2).WithArguments("gpt-6-astra", "temperature"));

    [Fact]
    public Task Anthropic_messages_body_for_claude_sonnet_5_reports_top_k_too() =>
        VerifyNoSdkAsync("""
            class Claude
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                    {
                        model = "claude-sonnet-5",
                        max_tokens = 1024,
                        {|#0:temperature = 0.3|},
                        {|#1:top_k = 40|},
                        messages = new[] { new { role = "user", content = question } },
                    });
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("claude-sonnet-5", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("claude-sonnet-5", "top_k"));

    // Quiet twins: a classic model, the defaults a reasoning model accepts, a model from configuration, an OpenAI
    // member name in an Anthropic body (Anthropic spells no penalties), and the same body posted to the app's own API.
    [Fact]
    public Task Classic_models_defaults_configured_models_and_other_urls_are_quiet() =>
        VerifyNoSdkAsync("""
            class Quiet
            {
                private readonly HttpClient http = new HttpClient();
                private readonly IConfiguration config;

                public Quiet(IConfiguration config) => this.config = config;

                public Task<HttpResponseMessage> ClassicAsync(string q) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-5.5-2026-04-23", temperature = 0.2, messages = new[] { new { role = "user", content = q } } });

                public Task<HttpResponseMessage> DefaultsAsync(string q) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-6-astra", temperature = 1.0, top_p = 1, frequency_penalty = 0, logprobs = false, messages = new[] { new { role = "user", content = q } } });

                public Task<HttpResponseMessage> ConfiguredAsync(string q) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = config["OpenAI:Model"], temperature = 0.2, messages = new[] { new { role = "user", content = q } } });

                public Task<HttpResponseMessage> UnknownAsync(string q) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "acme-large", temperature = 0.2, messages = new[] { new { role = "user", content = q } } });

                public Task<HttpResponseMessage> AnthropicAsync(string q) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-sonnet-5", max_tokens = 100, frequency_penalty = 0.5, messages = new[] { new { role = "user", content = q } } });

                public Task<HttpResponseMessage> OwnApiAsync(string q) =>
                    http.PostAsJsonAsync("https://example.com/api/orders", new { model = "gpt-6-astra", temperature = 0.2 });
            }
            """);

    // Half-typed code: an unresolved model constant, a missing value and an unknown content type report nothing and do
    // not crash.
    [Fact]
    public Task Half_typed_bodies_do_not_crash() =>
        new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                class Broken
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> AskAsync(string q) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = {|CS0103:MissingModel|}, temperature = 0.2 });

                    public Task<HttpResponseMessage> OtherAsync(string q) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-6-astra", temperature = {|CS0103:Missing|} });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        }.RunAsync();
}
