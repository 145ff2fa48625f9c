using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// Raw HTTP LLM calls sent with Flurl.Http: <c>url.WithOAuthBearerToken(key).PostJsonAsync(body)</c> on a string or a
/// <c>Url</c> (with path segments appended), or <c>IFlurlClient.Request(path)</c>, read as the HttpClient POST is: the
/// URL must name an LLM endpoint and the body's model id is checked (GameStutterOpenAIPrototype's OpenAIService posts
/// <c>new { model = _settings.Model, messages }</c> to api.openai.com with Flurl, the id in appsettings.json). Quiet
/// twins: the same body to another host, a GET of the models list on the provider's host, a half-typed chain.
/// </summary>
public class FlurlPostTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Flurl;
        using Flurl.Http;

        """;

    /// <summary>The framework and Flurl.Http (with Flurl), no LLM SDK: the project the repro is.</summary>
    private static readonly ImmutableArray<MetadataReference> FrameworkAndFlurl = ReferenceAssemblies.FrameworkOnly.AddRange(
        ReferenceAssemblies.Default.Where(r => Path.GetFileName(r.Display ?? "").StartsWith("Flurl", StringComparison.OrdinalIgnoreCase)));

    private static Task VerifyFlurlAsync(string code, (string Path, string Content)[] files, bool compiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = FrameworkAndFlurl };
        test.AdditionalFiles.AddRange(files);
        if (!compiles)
        {
            test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flurl_post_of_a_retired_id_to_OpenAI_chat_completions_is_reported_on_the_id() =>
        VerifyFlurlAsync("""
            class OpenAIService
            {
                const string RequestUrl = "https://api.openai.com/v1/chat/completions";

                public async Task<string> SendPromptAsync(List<object> messages, string apiKey)
                {
                    var requestBody = new { temperature = 0.2, model = {|#0:"gpt-4.5-preview"|}, messages };
                    var response = await RequestUrl
                        .WithOAuthBearerToken(apiKey)
                        .AllowAnyHttpStatus()
                        .PostJsonAsync(requestBody);
                    return await response.GetStringAsync();
                }
            }
            """,
            Array.Empty<(string, string)>(),
            compiles: true,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4.5-preview", "2025-07-14", ""));

    [Fact]
    public Task Flurl_url_with_appended_segments_headers_and_ReceiveJson_is_read_as_the_endpoint() =>
        VerifyFlurlAsync("""
            class Reply { public string id { get; set; } = ""; }
            class Chat
            {
                private readonly IFlurlClient client = new FlurlClient("https://api.openai.com/v1");

                public Task<Reply> AskAsync(string question, string key) =>
                    new Url("https://api.openai.com").AppendPathSegment("v1").AppendPathSegment("chat/completions")
                        .WithHeader("Authorization", "Bearer " + key)
                        .PostJsonAsync(new { model = {|#0:"gpt-4.5-preview"|}, messages = new[] { new { role = "user", content = question } } })
                        .ReceiveJson<Reply>();

                public Task<IFlurlResponse> AskWithClientAsync(string question) =>
                    client.Request("v1", "chat/completions")
                        .SendJsonAsync(HttpMethod.Post, new { model = {|#1:"gpt-4.5-preview"|}, messages = new[] { new { role = "user", content = question } } });
            }
            """,
            Array.Empty<(string, string)>(),
            compiles: true,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4.5-preview", "2025-07-14", ""));

    [Fact]
    public Task Flurl_post_to_another_host_a_models_list_get_and_a_non_post_send_are_quiet() =>
        VerifyFlurlAsync("""
            class Models { public List<string> data { get; set; } = new(); }
            class Client
            {
                public Task<IFlurlResponse> SaveAsync(string question) =>
                    "https://example.com/api/orders".PostJsonAsync(new { model = "gpt-4.5-preview", messages = new[] { question } });

                public Task<Models> ListAsync(string key) =>
                    "https://api.openai.com".AppendPathSegment("v1/models").WithOAuthBearerToken(key).GetJsonAsync<Models>();

                public Task<IFlurlResponse> PutAsync(string question) =>
                    "https://api.openai.com/v1/chat/completions".SendJsonAsync(HttpMethod.Put, new { model = "gpt-4.5-preview", messages = new[] { question } });
            }
            """,
            Array.Empty<(string, string)>(),
            compiles: true);

    [Fact]
    public Task Half_typed_flurl_chain_is_quiet_and_does_not_crash() =>
        VerifyFlurlAsync("""
            class Client
            {
                public async Task AskAsync(string key)
                {
                    await "https://api.openai.com/v1/chat/completions".WithOAuthBearerToken(.PostJsonAsync(new { model = "gpt-4.5-preview" });
                    await new Url().AppendPathSegment().PostJsonAsync(new { model = "gpt-4.5-preview" });
                    await "https://api.openai.com/v1/chat/completions".PostJsonAsync(;
                    await "https://api.openai.com/v1/chat/completions".SendJsonAsync(HttpMethod., new { model = "gpt-4.5-preview" });
                }
            }
            """,
            Array.Empty<(string, string)>(),
            compiles: false);

    [Fact]
    public Task Flurl_post_of_a_settings_model_reports_the_retired_id_in_appsettings() =>
        VerifyFlurlAsync("""
            using Microsoft.Extensions.Options;

            public class OpenAISettings
            {
                public string? ApiKey { get; set; }
                public string? Model { get; set; }
                public decimal Temperature { get; set; }
            }

            public class OpenAIService
            {
                readonly OpenAISettings _settings;
                public OpenAIService(IOptions<OpenAISettings> settings) => _settings = settings.Value;

                const string RequestUrl = "https://api.openai.com/v1/chat/completions";

                public async Task<string> SendPromptAsync(IEnumerable<object> messages, string apiKey)
                {
                    var requestBody = new { temperature = _settings.Temperature, model = _settings.Model, messages };
                    var response = await RequestUrl.WithOAuthBearerToken(apiKey).AllowAnyHttpStatus().PostJsonAsync(requestBody);
                    return await response.GetStringAsync();
                }
            }
            """,
            new[] { ("appsettings.json", "{\n  \"OpenAISettings\": {\n    \"ApiKey\": \"\",\n    \"Model\": \"gpt-4.5-preview\"\n  }\n}") },
            compiles: true,
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 14, 4, 31).WithArguments("gpt-4.5-preview", "2025-07-14", ""));
}
