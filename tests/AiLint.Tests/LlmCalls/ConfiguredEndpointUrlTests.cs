using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A raw POST whose URL is a configuration read the project's settings files set to one LLM endpoint (review76
/// repro-3, Luc1290/RootBackend's ClaudeService: <c>_httpClient.PostAsJsonAsync(_configuration["Claude:ApiUrl"], claudeRequest)</c>
/// with <c>"ApiUrl": "https://api.anthropic.com/v1/messages"</c> in appsettings.json) (LlmCalls/RawHttpLlmCalls.UnspelledUrls.cs,
/// Rules/Models/RawHttpBaseAddresses.WholeEndpoints.cs). The rules that read the body then see the call: AIL0503 on
/// the retired <c>claude-3-haiku-20240307</c> and AIL0301 on the <c>system</c> text. Quiet: the key not set in any file,
/// set to two values across files, set to a non-LLM URL, or named by a variable.
/// </summary>
/// <remarks>
/// RootBackend keeps its Groq service in the same project, posting to <c>"chat/completions"</c> on a literal base
/// address; the services here keep it. The Claude service alone in its project, whose source spells no endpoint, is read
/// too since the prefilter (<see cref="AiLint.Analyzers.LlmCalls.LlmEndpoints.MayAppearInSource"/>) also reads the
/// settings files: SettingsOnlyEndpointTests.
/// </remarks>
public class ConfiguredEndpointUrlTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        """;

    // ClaudeService.cs @025c906 and GroqService.cs @117e1fb, reduced to their requests (language detection, the HTML
    // instructions, throttling and the retry loop left out). URL is what is posted, MODEL and SYSTEM the body's fields.
    private const string Services = """
        namespace RootBackend.Services
        {
        """ + RootBackendSources.ClaudeService + """

            public class GroqService
            {
                private readonly HttpClient _httpClient;

                public GroqService(HttpClient httpClient)
                {
                    _httpClient = httpClient;
                    _httpClient.BaseAddress = new Uri("https://api.groq.com/openai/v1/");
                }

                public async Task<string> GetCompletionAsync(string message)
                {
                    var requestBody = new { model = "llama-3.1-8b-instant", messages = new[] { new { role = "user", content = message } } };
                    var content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                    var response = await _httpClient.PostAsync("chat/completions", content);
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """;

    private const string ConfiguredUrl = RootBackendSources.ConfiguredUrl;
    private const string Model = RootBackendSources.Model;
    private const string SystemText = "\"Tu es Root, une entité consciente créée par Luc. Tu n'es PAS un assistant IA générique et tu ne dois JAMAIS mentionner Claude, Anthropic ou tout rôle d'assistant.\"";

    private static string Code(string url = ConfiguredUrl, string model = Model, string system = SystemText) =>
        Usings + Services.Replace("URL", url).Replace("MODEL", model).Replace("SYSTEM", system);

    // RootBackend's appsettings.json @2debbc3, as repro-3 keeps it (API key emptied).
    private static (string, string) SettingsFile(string apiUrl, string path = "appsettings.json") =>
        (path, "{\n  \"AllowedHosts\": \"*\",\n  \"Claude\": {\n    \"ApiKey\": \"\",\n    \"ApiUrl\": \"" + apiUrl + "\",\n    \"ApiVersion\": \"2023-06-01\"\n  }\n}");

    private static readonly (string, string)[] AnthropicSettings = { SettingsFile("https://api.anthropic.com/v1/messages") };

    private static Task VerifyAsync<TAnalyzer>(string code, (string, string)[] files, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer> { TestCode = code, References = ReferenceAssemblies.FrameworkOnly, CompilerDiagnostics = compilerDiagnostics };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyModelsAsync(string code, (string, string)[] files, params DiagnosticResult[] expected) =>
        VerifyAsync<ModelAnalyzer>(code, files, CompilerDiagnostics.Errors, expected);

    private static Task VerifyPromptsAsync(string code, (string, string)[] files, params DiagnosticResult[] expected) =>
        VerifyAsync<PromptEvalCoverageAnalyzer>(code, files, CompilerDiagnostics.Errors, expected);

    private static string MarkedModel => "{|#0:" + Model + "|}";

    private static DiagnosticResult Retired => CSharpAnalyzerVerifier<ModelAnalyzer>.Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-3-haiku-20240307", "2026-04-20", "");

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task The_retired_model_posted_to_the_configured_anthropic_url_is_reported() =>
        VerifyModelsAsync(Code(model: MarkedModel), AnthropicSettings, Retired);

    [Fact]
    public Task The_system_text_posted_to_the_configured_anthropic_url_is_reported() =>
        VerifyPromptsAsync(Code(system: "{|#0:" + SystemText + "|}"), AnthropicSettings,
            CSharpAnalyzerVerifier<PromptEvalCoverageAnalyzer>.Diagnostic("AIL0301").WithLocation(0).WithArguments("RootBackend.Services.ClaudeService.GetCompletionAsync"));

    // The other ways to read one key, and the key set to the same endpoint in two files.
    [Theory]
    [InlineData("_configuration.GetSection(\"Claude\")[\"ApiUrl\"]")]
    [InlineData("_configuration.GetSection(\"Claude:ApiUrl\").Value")]
    [InlineData("_configuration.GetValue<string>(\"Claude:ApiUrl\")")]
    public Task Other_reads_of_the_key_are_reported_the_same_way(string url) =>
        VerifyModelsAsync(Code(url: url, model: MarkedModel), AnthropicSettings, Retired);

    [Fact]
    public Task The_same_endpoint_in_two_settings_files_is_reported() =>
        VerifyModelsAsync(Code(model: MarkedModel),
            new[] { AnthropicSettings[0], SettingsFile("https://api.anthropic.com/v1/messages", "appsettings.Production.json") },
            Retired);

    // ---- Quiet ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task The_key_set_in_no_settings_file_stays_quiet() =>
        VerifyModelsAsync(Code(), new[] { ("appsettings.json", """{ "Claude": { "ApiKey": "" } }""") });

    // Development points at a local stand-in: which server gets the request depends on the environment.
    [Fact]
    public Task The_key_set_to_two_values_across_files_stays_quiet() =>
        VerifyModelsAsync(Code(),
            new[] { AnthropicSettings[0], SettingsFile("http://localhost:5005/mock/claude", "appsettings.Development.json") });

    [Fact]
    public Task The_key_set_to_a_non_llm_url_stays_quiet() =>
        VerifyModelsAsync(Code(), new[] { SettingsFile("https://hooks.example.com/root/notify") });

    // The key is not a constant: which setting is read is not known.
    [Theory]
    [InlineData("_configuration[prompt]")]
    [InlineData("_configuration[Environment.GetEnvironmentVariable(\"ROOT_URL_KEY\") ?? \"Claude:ApiUrl\"]")]
    public Task The_key_read_through_a_variable_name_stays_quiet(string url) =>
        VerifyModelsAsync(Code(url: url), AnthropicSettings);

    // A default the call may send instead of the file's value.
    [Fact]
    public Task A_get_value_default_beside_the_file_value_stays_quiet() =>
        VerifyModelsAsync(Code(url: "_configuration.GetValue<string>(\"Claude:ApiUrl\", \"http://localhost:5005/mock/claude\")"), AnthropicSettings);

    // ---- Half-typed ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("_configuration[\"Claude:ApiUrl\"")]
    [InlineData("_configuration[MissingKey]")]
    [InlineData("Missing[\"Claude:ApiUrl\"]")]
    public Task Half_typed_configuration_reads_do_not_crash_or_report(string url) =>
        VerifyAsync<ModelAnalyzer>(Code(url: url), AnthropicSettings, CompilerDiagnostics.None);
}
