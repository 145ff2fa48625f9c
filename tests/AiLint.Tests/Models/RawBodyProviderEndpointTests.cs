using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// At a provider's own raw endpoint only that provider's ids are reported (models11's note, as at the SDK slots since
/// SlotProviders): Anthropic's <c>/v1/messages</c> serves Claude's models and Gemini's <c>:generateContent</c> Gemini's,
/// so a Gemini or OpenAI id posted to the one, or a Claude id in the other's path, names no model that provider retires.
/// Twins: the provider's own id at the same endpoint is reported, and another provider's id at an OpenAI-compatible
/// gateway stays reported (the gateway forwards it).
/// </summary>
public class RawBodyProviderEndpointTests
{
    private const string Usings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        """;

    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task At_Anthropics_messages_endpoint_only_Claude_ids_are_reported() =>
        VerifyNoSdkAsync("""
            class Claude
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Own(string text) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = {|#0:"claude-3-opus-20240229"|}, max_tokens = 1024, messages = new[] { text } });

                public Task<HttpResponseMessage> Gemini(string text) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "gemini-2.5-pro-preview-03-25", max_tokens = 1024, messages = new[] { text } });

                public Task<HttpResponseMessage> OpenAI(string text) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "gpt-4-32k", max_tokens = 1024, messages = new[] { text } });

                // Each branch of a choice on its own: the Claude branch is reported, the Gemini branch is not.
                public Task<HttpResponseMessage> Choice(string text, bool deep)
                {
                    var model = deep ? {|#1:"claude-2.1"|} : "gemini-3-pro-preview";
                    return http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model, max_tokens = 1024, messages = new[] { text } });
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1));

    [Fact]
    public Task In_Geminis_generateContent_path_only_Gemini_ids_are_reported() =>
        VerifyNoSdkAsync("""
            class Gemini
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Own(string key, string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/{|#0:gemini-2.5-pro-preview-03-25|}:generateContent?key=" + key,
                        new { contents = new[] { new { parts = new[] { new { text } } } } });

                public Task<HttpResponseMessage> Claude(string key, string text) =>
                    http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/claude-3-opus-20240229:generateContent?key=" + key,
                        new { contents = new[] { new { parts = new[] { new { text } } } } });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    // At an OpenAI-compatible path on a host the code does not spell, Claude's and Gemini's ids are still theirs.
    [Fact]
    public Task At_an_OpenAI_compatible_gateway_other_providers_ids_stay_reported() =>
        VerifyNoSdkAsync("""
            class GatewayOptions { public string BaseUrl { get; set; } = ""; }
            class Gateway
            {
                private readonly HttpClient http = new HttpClient();
                private readonly GatewayOptions options = new GatewayOptions();

                public Task<HttpResponseMessage> Claude(string text) =>
                    http.PostAsJsonAsync($"{options.BaseUrl}/v1/chat/completions", new { model = {|#0:"claude-3-opus-20240229"|}, messages = new[] { text } });

                public Task<HttpResponseMessage> Gemini(string text) =>
                    http.PostAsJsonAsync($"{options.BaseUrl}/v1/chat/completions", new { model = {|#1:"gemini-2.5-pro-preview-03-25"|}, messages = new[] { text } });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1));
}
