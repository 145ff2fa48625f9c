using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on the <c>appsettings*.json</c> model keys of a project that references no LLM SDK but posts to a
/// provider's generation endpoint over plain <c>HttpClient</c> (RawHttpSettingsView), after review 61's N4
/// (TreyWheeler/MigrationReport: <c>"OpenAI": { "Model": "gpt-5-nano", "BaseUrl": "https://api.openai.com/v1" }</c>
/// bound to an options class with the same default, posted to OpenAI's Responses API). Each reported shape has its
/// quiet twin: a project with no LLM POST at all, POSTs only to another server (localhost, OpenRouter, Azure OpenAI,
/// Ollama), a file that is not JSON.
/// </summary>
public class RawHttpSettingsFileTests
{
    private const string Usings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Options;

        """;

    // The MigrationReport shape: an options class bound from the "OpenAI" section (IOptions<T>, kept in a readonly
    // field), its Model sent in the body of a POST to the URL given.
    private static string OptionsClient(string url) => Usings + $$"""
        public sealed class OpenAIOptions
        {
            public string? ApiKey { get; set; }
            public string Model { get; set; } = "gpt-5-nano";
            public double Temperature { get; set; } = 1.0;
        }

        public sealed class AlignmentClient
        {
            private readonly HttpClient _httpClient;
            private readonly OpenAIOptions _options;

            public AlignmentClient(HttpClient httpClient, IOptions<OpenAIOptions> options)
            {
                _httpClient = httpClient;
                _options = options.Value;
            }

            public Task<HttpResponseMessage> SuggestAsync(string prompt) =>
                _httpClient.PostAsJsonAsync("{{url}}", new { model = _options.Model, input = prompt, temperature = _options.Temperature });
        }
        """;

    private static Task VerifyNoSdkAsync(string code, (string Path, string Content)[] files, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string MigrationReportSettings = """
        {
          "ReportMaintenance": { "ReportsDirectory": "reports", "MaxConcurrentReports": 6 },
          "OpenAI": {
            "Model": "gpt-5-nano",
            "Temperature": 1.0,
            "BaseUrl": "https://api.openai.com/v1"
          }
        }
        """;

    // The file sets the key: its value is the id the app sends, reported in the file (gpt-5-nano: shutdown 2026-12-11
    // in the shipped table, after its compile date, so deprecated). The class's default is overridden and stays quiet.
    [Fact]
    public Task The_settings_files_model_is_checked_in_a_project_posting_to_OpenAI() =>
        VerifyNoSdkAsync(
            OptionsClient("https://api.openai.com/v1/responses"),
            new[] { ("appsettings.json", MigrationReportSettings) },
            Diagnostic("AIL0502").WithSpan("/0/appsettings.json", 4, 14, 4, 26));

    // No file sets the key: the options class's default is the id sent, reported where the body reads it (as before
    // this change, and as at an SDK slot).
    [Fact]
    public Task The_options_default_is_checked_when_no_settings_file_sets_the_key() =>
        VerifyNoSdkAsync(
            OptionsClient("https://api.openai.com/v1/responses").Replace("model = _options.Model", "model = {|#0:_options.Model|}"),
            new[] { ("appsettings.json", """{ "OpenAI": { "Temperature": 1.0, "BaseUrl": "https://api.openai.com/v1" } }""") },
            Diagnostic("AIL0502").WithLocation(0));

    // Same file, a chat completions POST to OpenAI through a constant base URL; ids of other sections are checked too
    // (an alias, a retired id), as in an SDK project.
    [Fact]
    public Task Every_model_key_of_the_file_is_checked_as_in_an_SDK_project() =>
        VerifyNoSdkAsync(
            Usings + """
            public static class Chat
            {
                private const string BaseUrl = "https://api.openai.com/v1";

                public static Task<HttpResponseMessage> AskAsync(HttpClient http, string model, string question) =>
                    http.PostAsJsonAsync(BaseUrl + "/chat/completions", new { model, messages = new[] { new { role = "user", content = question } } });
            }
            """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "Chat": { "Model": "gpt-4o" },
                      "Summaries": { "SummaryModel": "gpt-3.5-turbo-0301" },
                      "Ollama": { "Model": "gpt-4" }
                    }
                    """),
            },
            Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 2, 22, 2, 30),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 3, 34, 3, 54));

    // Review 61's repro (RawBodyModelCheckWithoutSdk): the body's own id and the file's are both reported.
    [Fact]
    public Task The_body_and_the_settings_file_are_both_checked() =>
        VerifyNoSdkAsync(
            Usings + """
            public static class Summarizer
            {
                public static Task<HttpResponseMessage> SummarizeAsync(HttpClient http, string input) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = {|#0:"gpt-4o-mini"|},
                        messages = new[] { new { role = "user", content = input } },
                    });
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-5-nano", "Temperature": 1.0, "BaseUrl": "https://api.openai.com/v1" } }""") },
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0502").WithSpan("/0/appsettings.json", 1, 24, 1, 36));

    // No LLM POST at all: "Model" labels something else (a car, a report template), as before: nothing is read.
    [Fact]
    public Task A_project_with_no_LLM_call_reads_no_settings_file() =>
        VerifyNoSdkAsync(
            Usings + """
            public sealed class Inventory(HttpClient http)
            {
                public Task<HttpResponseMessage> SaveAsync(object car) => http.PostAsJsonAsync("https://example.com/api/cars", car);
                public Task<HttpResponseMessage> ChatAsync(string text) => http.PostAsJsonAsync("/api/chat", new { text });
            }
            """,
            new[] { ("appsettings.json", """{ "Cars": { "Model": "gpt-4" }, "Report": { "TemplateModel": "gpt-3.5-turbo" } }""") });

    // POSTs only to other servers: localhost's /v1 (a local alias), OpenRouter, a host read from settings. OpenAI ids in
    // the file are that server's names and stay quiet; another provider's id is still that provider's model (a gateway
    // forwards it), reported as at the body.
    [Theory]
    [InlineData("http://localhost:1234/v1/chat/completions")]
    [InlineData("https://openrouter.ai/api/v1/chat/completions")]
    [InlineData("v1/chat/completions")]
    public Task OpenAI_ids_are_quiet_when_the_project_posts_to_another_server(string url) =>
        VerifyNoSdkAsync(
            OptionsClient(url),
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-4" }, "Fallback": { "Model": "claude-3-opus-20240229" } }""") },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 1, 58, 1, 82));

    // A project posting to both OpenAI and another server: one POST elsewhere is enough to quiet the file's OpenAI ids
    // (which key goes where is not followed).
    [Fact]
    public Task One_POST_to_another_server_quiets_the_files_OpenAI_ids() =>
        VerifyNoSdkAsync(
            OptionsClient("https://api.openai.com/v1/chat/completions") + """

            public static class Local
            {
                public static Task<HttpResponseMessage> AskAsync(HttpClient http, string model) =>
                    http.PostAsJsonAsync("http://localhost:11434/v1/chat/completions", new { model, messages = new[] { "hi" } });
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-4" } }""") });

    // Azure OpenAI (deployment names) and Ollama's own API (local names): the file is not read at all, Claude ids included.
    [Theory]
    [InlineData("https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21")]
    [InlineData("http://localhost:11434/api/chat")]
    public Task Azure_and_Ollama_posts_leave_the_settings_file_unread(string url) =>
        VerifyNoSdkAsync(
            OptionsClient(url).Replace("input = prompt", "messages = new[] { new { role = \"user\", content = prompt } }, stream = false"),
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-4" }, "Fallback": { "Model": "claude-3-opus-20240229" } }""") });

    // At Anthropic's own API only Claude ids count, as at its SDK's slots.
    [Fact]
    public Task At_Anthropics_API_only_Claude_ids_of_the_file_count() =>
        VerifyNoSdkAsync(
            OptionsClient("https://api.anthropic.com/v1/messages").Replace("input = prompt", "max_tokens = 1024, messages = new[] { new { role = \"user\", content = prompt } }"),
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-4" }, "Claude": { "Model": "claude-3-opus-20240229" } }""") },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 1, 56, 1, 80));

    // Malformed settings files (not JSON, cut short after a trailing comma, empty) add nothing and do not crash, as in SDK projects;
    // the valid file beside them is still checked.
    [Fact]
    public Task Malformed_settings_files_are_skipped_silently() =>
        VerifyNoSdkAsync(
            OptionsClient("https://api.openai.com/v1/responses"),
            new[]
            {
                ("appsettings.Development.json", "{ \"OpenAI\": { \"Model\": \"gpt-4\", } "),
                ("appsettings.Staging.json", "Model = gpt-4"),
                ("appsettings.Local.json", ""),
                ("appsettings.json", """{ "OpenAI": { "Model": "gpt-4" } }"""),
            },
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 1, 24, 1, 31));

    // Half-typed code: an unfinished POST, a body that does not bind. No crash; the complete POST still counts.
    [Fact]
    public Task Half_typed_posts_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                public static class Broken
                {
                    public static Task<HttpResponseMessage> A(HttpClient http) => http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", );
                    public static Task<HttpResponseMessage> B(HttpClient http) => http.PostAsJsonAsync(Missing.Url + "/chat/completions", new { model = Missing.Model });
                    public static Task<HttpResponseMessage> C(HttpClient http) => http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "x" });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("appsettings.json", """{ "OpenAI": { "Model": "gpt-4" } }"""));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 1, 24, 1, 31));
        return test.RunAsync();
    }
}
