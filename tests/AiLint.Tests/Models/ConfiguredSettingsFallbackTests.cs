using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// The fallback of a settings property whose key the settings files set (review72 FP-1, jacobi-solutions/
/// NutritionAmbition.Backend; review69 D10-D12, albertpsi/MSAgentFrameworkRAG): <c>model = _openAiSettings.Model ?? "gpt-4"</c>
/// with <c>"OpenAiSettings": { "Model": "gpt-4o-mini" }</c> in appsettings.json never sends "gpt-4", like
/// <c>config["OpenAiSettings:Model"] ?? "gpt-4"</c>; the value in the file is what is checked. Still reported: no file
/// sets the key, the key is set empty or to a placeholder (the real value comes from elsewhere, the file proves nothing).
/// </summary>
public class ConfiguredSettingsFallbackTests
{
    private const string RawUsings = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;

        """;

    private static Task VerifyRawAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(RawUsings + code, files, expected);

    // NutritionAmbition's OpenAiService, reduced: no default on the settings class, the body posted to OpenAI.
    private const string NutritionService = """
        public class OpenAiSettings
        {
            public string ApiKey { get; set; }
            public string Model { get; set; }
        }

        public class OpenAiService
        {
            private readonly HttpClient _httpClient;
            private readonly OpenAiSettings _openAiSettings;
            private const string OpenAiApiEndpoint = "https://api.openai.com/v1/chat/completions";

            public OpenAiService(HttpClient httpClient, IOptions<OpenAiSettings> openAiSettings)
            {
                _httpClient = httpClient;
                _openAiSettings = openAiSettings.Value;
            }

            private async Task<string> GetChatResponseAsync(List<object> messages, float temperature = 0.7f)
            {
                var requestBody = new { model = _openAiSettings.Model ?? {|#0:"gpt-4"|}, messages, temperature };
                var content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                var response = await _httpClient.PostAsync(OpenAiApiEndpoint, content);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private static (string, string)[] ModelSetTo(string value) =>
        new[] { ("appsettings.json", "{\n  \"OpenAiSettings\": {\n    \"ApiKey\": \"\",\n    \"Model\": \"" + value + "\"\n  }\n}") };

    // FP-1: the file sets the key; the dead fallback is quiet and the configured value is checked in the file.
    [Fact]
    public Task The_fallback_of_a_settings_property_the_file_sets_is_quiet() =>
        VerifyRawAsync(NutritionService.Replace("{|#0:\"gpt-4\"|}", "\"gpt-4\""), ModelSetTo("gpt-4o-mini"),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 14, 4, 27).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // Next to it: no settings file sets the key, so every run sends the fallback.
    [Fact]
    public Task The_fallback_is_reported_when_no_settings_file_sets_the_key() =>
        VerifyRawAsync(NutritionService, new[] { ("appsettings.json", """{ "OpenAiSettings": { "ApiKey": "" } }""") },
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // An empty value or a placeholder is filled outside the file (user secrets, the environment): the file does not
    // show that the key is set, so the fallback stays the id the page promises to report.
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("YOUR_MODEL_HERE")]
    [InlineData("<model>")]
    [InlineData("${OPENAI_MODEL}")]
    public Task The_fallback_is_reported_when_the_key_is_empty_or_a_placeholder(string value) =>
        VerifyRawAsync(NutritionService, ModelSetTo(value),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // The control the reviewer kept: the same key read through IConfiguration was already quiet.
    [Fact]
    public Task The_configuration_read_twin_stays_quiet() =>
        VerifyRawAsync("""
            public class ConfigControl(HttpClient http, IConfiguration config)
            {
                public async Task<string> AskAsync(string q)
                {
                    var requestBody = new { model = config["OpenAiSettings:Model"] ?? "gpt-4", messages = new[] { new { role = "user", content = q } } };
                    var content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                    var response = await http.PostAsync("https://api.openai.com/v1/chat/completions", content);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            ModelSetTo("gpt-5.5-2026-04-23"));

    // MSAgentFrameworkRAG's SDK shape (D10-D12): a non-nullable settings property with a default, its key set in the
    // file, read three times with a fallback. A sibling property whose key no file sets keeps its fallback reported,
    // and one bound under another key ([ConfigurationKeyName]) is quiet when that key is set.
    [Fact]
    public Task At_an_SDK_slot_only_the_fallback_of_an_unset_key_is_reported() =>
        VerifyAsync("""
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            public class OpenAISettings
            {
                public string ApiKey { get; set; } = "";
                public string ChatModel { get; set; } = "gpt-5.5-2026-04-23";
                public string? SummaryModel { get; set; }
                [ConfigurationKeyName("TITLE_MODEL")]
                public string? TitleModel { get; set; }
            }

            public class ChatAgentService(IOptions<OpenAISettings> options)
            {
                private readonly OpenAISettings _openAiSettings = options.Value;

                public ChatClient Chat() => new ChatClient(model: _openAiSettings.ChatModel ?? "gpt-4o-mini", apiKey: _openAiSettings.ApiKey);
                public ChatClient Stream() => new ChatClient(model: _openAiSettings.ChatModel ?? "gpt-4o-mini", apiKey: _openAiSettings.ApiKey);
                public ChatClient Summary() => new ChatClient(model: _openAiSettings.SummaryModel ?? {|#0:"gpt-4o-mini"|}, apiKey: _openAiSettings.ApiKey);
                public ChatClient Title() => new ChatClient(model: _openAiSettings.TitleModel ?? "gpt-4", apiKey: _openAiSettings.ApiKey);
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "ChatModel": "gpt-5.5-2026-04-23", "ApiKey": "" }, "TITLE_MODEL": "gpt-5.5-2026-04-23" }""") },
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // A key of the property's name set only empty in one file and with a value in another (appsettings.Development.json
    // filling the blank): some file sets it, so the fallback is quiet.
    [Fact]
    public Task A_value_in_any_settings_file_counts() =>
        VerifyRawAsync(NutritionService.Replace("{|#0:\"gpt-4\"|}", "\"gpt-4\""),
            new[]
            {
                ("appsettings.json", """{ "OpenAiSettings": { "Model": "" } }"""),
                ("appsettings.Development.json", """{ "OpenAiSettings": { "Model": "gpt-5.5-2026-04-23" } }"""),
            });

    // Half-typed: a member being written after the settings read, and a settings type that does not resolve. No crash,
    // no report: the configured key keeps the complete read quiet, and an unresolved left side is no settings property.
    [Fact]
    public Task Half_typed_code_does_not_crash_or_report()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using OpenAI.Chat;
                public class OpenAISettings { public string? ChatModel { get; set; } }
                public class ChatAgentService(OpenAISettings settings, MissingSettings missing)
                {
                    public ChatClient Chat() => new ChatClient(model: settings.ChatModel ?? "gpt-4", apiKey: "k");
                    public ChatClient Broken() => new ChatClient(model: settings. ?? "gpt-4o", apiKey:
                    public ChatClient Unresolved() => new ChatClient(model: missing.ChatModel ?? "gpt-5.2-2025-12-11", apiKey: "k");
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("appsettings.json", """{ "OpenAI": { "ChatModel": "gpt-5.5-2026-04-23" } }"""));
        return test.RunAsync();
    }
}
