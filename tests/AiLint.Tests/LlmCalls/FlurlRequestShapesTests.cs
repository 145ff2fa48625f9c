using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// Flurl.Http shapes beyond the fluent chain on a URL string: <c>PostStringAsync(jsonText)</c> (the text read as a
/// <c>StringContent</c>'s), <c>new FlurlRequest(url)</c> / <c>new FlurlRequest(new Url(...))</c> posted with
/// <c>PostJsonAsync</c>, and <c>PostAsync(JsonContent.Create(body))</c> / <c>PostAsync(new StringContent(json))</c>.
/// Quiet twins: the same shapes to the app's own API, a GET, a string posted as JSON (a JSON string, not an object).
/// </summary>
public class FlurlRequestShapesTests
{
    private const string Usings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Flurl;
        using Flurl.Http;

        """;

    private static readonly ImmutableArray<MetadataReference> FrameworkAndFlurl = ReferenceAssemblies.FrameworkOnly.AddRange(
        ReferenceAssemblies.Default.Where(r => Path.GetFileName(r.Display ?? "").StartsWith("Flurl", StringComparison.OrdinalIgnoreCase)));

    private static Task VerifyAsync(string code, bool compiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = FrameworkAndFlurl };
        if (!compiles)
        {
            test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flurl_string_bodies_new_requests_and_content_posts_report_the_retired_id() =>
        VerifyAsync("""
            class OpenAIService
            {
                const string Url = "https://api.openai.com/v1/chat/completions";

                public Task<IFlurlResponse> TextAsync() =>
                    Url.WithOAuthBearerToken("key").PostStringAsync("{\"model\":\"{|#0:gpt-4.5-preview|}\",\"messages\":[]}");

                public Task<IFlurlResponse> SerializedAsync(string question) =>
                    Url.PostStringAsync(JsonSerializer.Serialize(new { model = {|#1:"gpt-4.5-preview"|}, messages = new[] { question } }));

                public Task<IFlurlResponse> NewRequestAsync(string question) =>
                    new FlurlRequest(Url).WithHeader("Authorization", "Bearer key")
                        .PostJsonAsync(new { model = {|#2:"gpt-4.5-preview"|}, messages = new[] { question } });

                public Task<IFlurlResponse> NewRequestOnUrlAsync(string question) =>
                    new FlurlRequest(new Url("https://api.openai.com").AppendPathSegments("v1", "chat", "completions"))
                        .PostJsonAsync(new { model = {|#3:"gpt-4.5-preview"|}, messages = new[] { question } });

                public Task<IFlurlResponse> JsonContentAsync(string question) =>
                    Url.PostAsync(JsonContent.Create(new { model = {|#4:"gpt-4.5-preview"|}, messages = new[] { question } }));

                public Task<IFlurlResponse> StringContentAsync() =>
                    new FlurlRequest(Url).PostAsync(new StringContent("{\"model\":\"{|#5:gpt-4.5-preview|}\"}", Encoding.UTF8, "application/json"));
            }
            """,
            compiles: true,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(5).WithArguments("gpt-4.5-preview", "2025-07-14", ""));

    [Fact]
    public Task Flurl_shapes_to_the_apps_api_a_get_and_a_json_string_are_quiet() =>
        VerifyAsync("""
            class Client
            {
                public async Task M(string question)
                {
                    await "https://example.com/api/orders".PostStringAsync("{\"model\":\"gpt-4.5-preview\",\"messages\":[]}");
                    await new FlurlRequest("https://example.com/api/orders").PostJsonAsync(new { model = "gpt-4.5-preview", messages = new[] { question } });
                    await new FlurlRequest("https://api.openai.com/v1/chat/completions").GetAsync();
                    await new FlurlRequest("https://example.com").PostAsync(JsonContent.Create(new { model = "gpt-4.5-preview" }));
                    await "https://api.openai.com/v1/chat/completions".PostJsonAsync("{\"model\":\"gpt-4.5-preview\"}");
                }
            }
            """,
            compiles: true);

    [Fact]
    public Task Half_typed_flurl_request_shapes_are_quiet_and_do_not_crash() =>
        VerifyAsync("""
            class Client
            {
                public async Task M()
                {
                    await new FlurlRequest(.PostJsonAsync(new { model = "gpt-4.5-preview" });
                    await new FlurlRequest("https://api.openai.com/v1/chat/completions").PostStringAsync(;
                    await "https://api.openai.com/v1/chat/completions".PostStringAsync(Missing.Json);
                    await new FlurlRequest(new Url(), "chat/completions").PostAsync(JsonContent.Create());
                }
            }
            """,
            compiles: false);
}
