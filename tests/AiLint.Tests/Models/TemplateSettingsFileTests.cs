using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// .NET's host loads <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c> only. A template a repository
/// ships for users to copy (<c>appsettings.example.json</c>, <c>.sample.</c>, <c>.template.</c>, <c>.tpl.</c>,
/// <c>.dist.</c>, <c>.default.</c>) is never loaded unless the code names it in <c>AddJsonFile</c>: its key does not
/// override a settings default the app sends, though its own model values are still checked (they are what users copy).
/// Shape cut from a Semantic Kernel proof of concept that ships only <c>appsettings.example.json</c> and git-ignores
/// <c>appsettings.json</c>.
/// </summary>
public class TemplateSettingsFileTests
{
    private const string Provider = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;
        using Microsoft.SemanticKernel;

        public class OpenAISettings
        {
            public string ApiKey { get; set; } = string.Empty;
            public string Model { get; set; } = "gpt-4o";
        }

        public class OpenAIProvider
        {
            public Kernel Kernel { get; }
            public OpenAIProvider(IOptions<OpenAISettings> settings)
            {
                var b = Kernel.CreateBuilder();
                b.AddOpenAIChatCompletion(modelId: {|#0:settings.Value.Model|}, apiKey: settings.Value.ApiKey);
                Kernel = b.Build();
            }
        }
        """;

    private const string PinnedModel = """
        {
          "AISettings": {
            "OpenAI": {
              "ApiKey": "YOUR_OPENAI_API_KEY_HERE",
              "Model": "gpt-5.4-2026-03-05"
            }
          }
        }
        """;

    [Theory]
    [InlineData("appsettings.example.json")]
    [InlineData("appsettings.Example.json")]
    [InlineData("appsettings.sample.json")]
    [InlineData("appsettings.template.json")]
    [InlineData("appsettings.tpl.json")]
    [InlineData("appsettings.dist.json")]
    [InlineData("appsettings.default.json")]
    [InlineData("appsettings.Development.example.json")]
    public Task A_template_does_not_override_the_default_the_app_sends(string template) =>
        VerifyAsync(Provider, new[] { (template, PinnedModel) },
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // The template's own value is still read: it is what users copy into appsettings.json.
    [Fact]
    public Task A_template_is_still_checked_for_its_own_model_values() =>
        VerifyAsync(Provider, new[] { ("appsettings.example.json", """
            {
              "AISettings": { "OpenAI": { "Model": "gpt-4o" } }
            }
            """) },
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0501").WithSpan("/0/appsettings.example.json", 2, 40, 2, 48).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // Environment files are loaded by the host for their environment: they still override the default.
    [Theory]
    [InlineData("appsettings.json")]
    [InlineData("appsettings.Development.json")]
    [InlineData("appsettings.Production.json")]
    [InlineData("appsettings.Local.json")]
    public Task An_environment_file_still_overrides_the_default(string file) =>
        VerifyAsync(Provider.Replace("{|#0:settings.Value.Model|}", "settings.Value.Model"), new[] { (file, PinnedModel) });

    // A template beside the real file: the real file overrides the default.
    [Fact]
    public Task A_template_beside_the_loaded_file_changes_nothing() =>
        VerifyAsync(Provider.Replace("{|#0:settings.Value.Model|}", "settings.Value.Model"),
            new[] { ("appsettings.json", PinnedModel), ("appsettings.example.json", PinnedModel) });

    // The code names the file: then the host loads it, whatever its name says.
    [Fact]
    public Task A_file_the_code_loads_by_name_overrides_the_default() =>
        VerifyAsync(Provider.Replace("{|#0:settings.Value.Model|}", "settings.Value.Model") + """

            public static class Startup
            {
                public static IConfiguration Load() =>
                    new ConfigurationBuilder()
                        .AddJsonFile("appsettings.json", optional: true)
                        .AddJsonFile("config/appsettings.example.json", optional: false)
                        .Build();
            }
            """,
            new[] { ("appsettings.example.json", PinnedModel) });

    // Broken JSON in the loaded file adds nothing (the host would reject it); a call still being typed loads nothing.
    [Fact]
    public Task Broken_json_and_half_typed_loads_neither_crash_nor_override()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = Provider + """

                public static class Startup
                {
                    public static object Load() =>
                        new ConfigurationBuilder().AddJsonFile();
                    public static object Typing() =>
                        new ConfigurationBuilder().AddJsonFile("appsettings.sample.json
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.AdditionalFiles.Add(("appsettings.json", """{ "AISettings": { "OpenAI": { "Model": "gpt-5.4-2026-03-05" """));
        test.AdditionalFiles.Add(("appsettings.sample.json", PinnedModel));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));
        return test.RunAsync();
    }
}
