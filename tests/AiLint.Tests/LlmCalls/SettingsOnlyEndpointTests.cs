using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A project whose only LLM endpoint is in its settings files (review76 repro-3 as the repro keeps it: Luc1290/RootBackend's
/// ClaudeService ALONE, <c>PostAsJsonAsync(_configuration["Claude:ApiUrl"], claudeRequest)</c>, and
/// <c>"ApiUrl": "https://api.anthropic.com/v1/messages"</c> in appsettings.json). No C# file spells an endpoint, so the
/// source-text prefilter alone stopped it before any call was read; the prefilter now also reads the settings files the
/// raw-HTTP reading was prepared with (LlmCalls/LlmEndpoints.cs, Rules/Models/RawHttpBaseAddresses.cs), and the POST is
/// recognised as <see cref="ConfiguredEndpointUrlTests"/> recognises it beside another service's endpoint text.
/// Quiet: the files spell an endpoint but the key read is another; no settings file; the endpoint in a file that is not
/// an appsettings*.json; half-typed code.
/// </summary>
public class SettingsOnlyEndpointTests
{
    // ClaudeService.cs of repro-3 (RootBackend @025c906), with the usings the SDK's implicit ones give it. URL is what is
    // posted, MODEL and SYSTEM the body's fields.
    private const string ClaudeService = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        """ + RootBackendSources.ClaudeService;

    private const string ConfiguredUrl = RootBackendSources.ConfiguredUrl;
    private const string Model = RootBackendSources.Model;
    private const string SystemText = "\"Tu es Root, une entité consciente créée par Luc. Tu n'es PAS un assistant IA générique.\"";

    private static string Code(string url = ConfiguredUrl, string model = Model, string system = SystemText) =>
        ClaudeService.Replace("URL", url).Replace("MODEL", model).Replace("SYSTEM", system);

    // repro-3's appsettings.json.
    private const string ReproSettings = """
        {
          "Claude": {
            "ApiKey": "",
            "ApiUrl": "https://api.anthropic.com/v1/messages",
            "ApiVersion": "2023-06-01"
          }
        }
        """;

    private static readonly (string, string)[] AnthropicSettings = { ("appsettings.json", ReproSettings) };

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

    private static DiagnosticResult Retired => CSharpAnalyzerVerifier<ModelAnalyzer>.Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-3-haiku-20240307", "2026-04-20", "");

    private static DiagnosticResult Untested => CSharpAnalyzerVerifier<PromptEvalCoverageAnalyzer>.Diagnostic("AIL0301").WithLocation(0).WithArguments("ClaudeService.GetCompletionAsync");

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task The_retired_model_of_the_service_alone_is_reported() =>
        VerifyModelsAsync(Code(model: "{|#0:" + Model + "|}"), AnthropicSettings, Retired);

    [Fact]
    public Task The_system_text_of_the_service_alone_is_reported() =>
        VerifyPromptsAsync(Code(system: "{|#0:" + SystemText + "|}"), AnthropicSettings, Untested);

    // The recognizer the retry rules use (AIL0001, AIL0002) sees the POST too: its prefilter is the same one.
    [Fact]
    public Task The_post_of_the_service_alone_is_an_llm_call() =>
        VerifyAsync<AiLint.Tests.Retry.LlmCallProbeAnalyzer>(Code().Replace("_httpClient.PostAsJsonAsync", "_httpClient.{|#0:PostAsJsonAsync|}"), AnthropicSettings, CompilerDiagnostics.Errors,
            AiLint.Tests.Retry.LlmCallProbe.Call(0, "Generation", "Http"));

    [Fact]
    public Task The_post_of_the_service_alone_without_settings_is_no_llm_call() =>
        VerifyAsync<AiLint.Tests.Retry.LlmCallProbeAnalyzer>(Code(), System.Array.Empty<(string, string)>(), CompilerDiagnostics.Errors);

    // The endpoint in an environment's file only (appsettings.Production.json): every appsettings*.json counts.
    [Fact]
    public Task The_endpoint_in_an_environment_settings_file_is_read_too() =>
        VerifyModelsAsync(Code(model: "{|#0:" + Model + "|}"), new[] { ("appsettings.Production.json", ReproSettings) }, Retired);

    // The model read from the settings too: the settings file's model key is checked (Rules/Models/RawHttpSettingsView.cs,
    // whose prefilter is the same one), on the file.
    private const string ModelSettings = """
        {
          "Claude": {
            "ApiUrl": "https://api.anthropic.com/v1/messages",
            "Model": "claude-3-haiku-20240307"
          }
        }
        """;

    [Fact]
    public Task The_retired_model_key_beside_the_settings_endpoint_is_reported_in_the_file() =>
        VerifyModelsAsync(Code(model: "_configuration[\"Claude:Model\"]"), new[] { ("appsettings.json", ModelSettings) },
            CSharpAnalyzerVerifier<ModelAnalyzer>.Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 4, 14, 4, 39).WithArguments("claude-3-haiku-20240307", "2026-04-20", ""));

    // ---- Quiet ---------------------------------------------------------------------------------------------------

    // The files spell the endpoint, but under another key than the one read: the URL stays unknown.
    [Fact]
    public Task A_settings_endpoint_under_another_key_stays_quiet_for_models() =>
        VerifyModelsAsync(Code(url: "_configuration[\"Claude:Endpoint\"]"), AnthropicSettings);

    [Fact]
    public Task A_settings_endpoint_under_another_key_stays_quiet_for_prompts() =>
        VerifyPromptsAsync(Code(url: "_configuration[\"Claude:Endpoint\"]"), AnthropicSettings);

    // The same files, the URL read from a key they do not set: no POST is recognised, so the model key is not read.
    [Fact]
    public Task The_model_key_beside_an_endpoint_the_post_does_not_read_stays_quiet() =>
        VerifyModelsAsync(Code(url: "_configuration[\"Claude:Endpoint\"]", model: "_configuration[\"Claude:Model\"]"), new[] { ("appsettings.json", ModelSettings) });

    [Fact]
    public Task No_settings_file_stays_quiet_for_models() =>
        VerifyModelsAsync(Code(), System.Array.Empty<(string, string)>());

    [Fact]
    public Task No_settings_file_stays_quiet_for_prompts() =>
        VerifyPromptsAsync(Code(), System.Array.Empty<(string, string)>());

    // Configuration reads only appsettings*.json here (ConfigurationModelIds.IsSettingsFile): another JSON file that
    // spells the endpoint opens nothing.
    [Fact]
    public Task The_endpoint_in_a_file_that_is_not_appsettings_stays_quiet() =>
        VerifyModelsAsync(Code(), new[] { ("claude.json", ReproSettings) });

    // A settings file without the endpoint: the prefilter stays shut (the key is set to a non-LLM URL).
    [Fact]
    public Task A_settings_file_without_an_endpoint_stays_quiet() =>
        VerifyPromptsAsync(Code(), new[] { ("appsettings.json", ReproSettings.Replace("https://api.anthropic.com/v1/messages", "https://hooks.example.com/root/notify")) });

    // ---- Half-typed ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("_configuration[\"Claude:ApiUrl\"")]
    [InlineData("Missing[\"Claude:ApiUrl\"]")]
    [InlineData("_configuration[MissingKey]")]
    public Task Half_typed_reads_do_not_crash_or_report_for_models(string url) =>
        VerifyAsync<ModelAnalyzer>(Code(url: url), AnthropicSettings, CompilerDiagnostics.None);

    [Theory]
    [InlineData("_configuration[\"Claude:ApiUrl\"")]
    [InlineData("Missing[\"Claude:ApiUrl\"]")]
    public Task Half_typed_reads_do_not_crash_or_report_for_prompts(string url) =>
        VerifyAsync<PromptEvalCoverageAnalyzer>(Code(url: url), AnthropicSettings, CompilerDiagnostics.None);
}
