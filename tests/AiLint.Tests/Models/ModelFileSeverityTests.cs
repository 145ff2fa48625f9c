using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// The severity a project configures for AIL0501-AIL0503 and AIL0506 in <c>.editorconfig</c> (<c>[*.cs]</c>, the
/// sections the rule pages show) reaches the diagnostics AiLint places in <c>appsettings*.json</c> and
/// <c>*.ailint-models.json</c> files. The compiler applies <c>.editorconfig</c> sections only to diagnostics in syntax
/// trees (dotnet/roslyn#31916): before AdditionalFileSeverity served this family, <c>AIL0503.severity = warning</c> left a
/// retired model id in appsettings.json an error that failed the build, and <c>none</c> did not silence it.
/// Unconfigured, each rule keeps its descriptor's default.
/// </summary>
public class ModelFileSeverityTests
{
    private const string SettingsPath = "/0/appsettings.json";

    // "Model" holds an alias (AIL0501, a warning by default), "FallbackModel" a retired id (AIL0503, an error).
    private const string Settings = "{\n  \"OpenAI\": { \"Model\": \"gpt-4o\", \"FallbackModel\": \"gpt-4\" }\n}\n";

    // The app reads its models from configuration through a settings class: only the file shows the ids. (The file check
    // reads keys named like a model; the class links them to the model slot as real apps do.)
    private const string SettingsApp = """
        using OpenAI;
        using OpenAI.Chat;
        public class OpenAISettings
        {
            public string Model { get; set; } = "";
            public string FallbackModel { get; set; } = "";
        }
        class Chat(OpenAIClient client, OpenAISettings settings)
        {
            ChatClient Main() => client.GetChatClient(settings.Model);
            ChatClient Fallback() => client.GetChatClient(settings.FallbackModel);
        }
        """;

    // The same alias written in C# (the control: a C# location always took the .editorconfig severity).
    private const string AppWithLiteral = """
        using OpenAI;
        using OpenAI.Chat;
        public class OpenAISettings
        {
            public string Model { get; set; } = "";
            public string FallbackModel { get; set; } = "";
        }
        class Chat(OpenAIClient client, OpenAISettings settings)
        {
            ChatClient Main() => client.GetChatClient(settings.Model);
            ChatClient Fallback() => client.GetChatClient(settings.FallbackModel);
            ChatClient Pinned() => client.GetChatClient({|#0:"gpt-4o"|});
        }
        """;

    private static AnalyzerTest<ModelAnalyzer> Test(string code, string? editorconfig, params (string Path, string Content)[] files)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code };
        if (editorconfig != null)
        {
            test.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n" + editorconfig));
        }

        test.AdditionalFiles.AddRange(files);
        return test;
    }

    /// <summary>The diagnostic on <paramref name="text"/> (its first occurrence) in the file.</summary>
    private static DiagnosticResult At(string id, string path, string content, string text)
    {
        var start = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + text);
        return Diagnostic(id).WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(start, text.Length));
    }

    private static DiagnosticResult Alias(DiagnosticSeverity severity, string path = SettingsPath) =>
        At("AIL0501", path, Settings, "\"gpt-4o\"").WithSeverity(severity);

    private static DiagnosticResult Retired(DiagnosticSeverity severity, string path = SettingsPath) =>
        At("AIL0503", path, Settings, "\"gpt-4\"").WithSeverity(severity);

    // The gap: the page's "[*.cs] dotnet_diagnostic.AIL0503.severity = warning" lowered the rule in C# and left the
    // settings file's retired id an error. Also from [*] and from a section naming the nearest C# file (the kit's Test0.cs).
    [Theory]
    [InlineData("[*.cs]\ndotnet_diagnostic.AIL0503.severity = warning\n")]
    [InlineData("[*]\ndotnet_diagnostic.AIL0503.severity = warning\n")]
    [InlineData("[{Program,Test0}.cs]\ndotnet_diagnostic.AIL0503.severity = warning\n")]
    public Task The_cs_section_lowers_AIL0503_in_appsettings(string editorconfig) =>
        Run(Test(SettingsApp, editorconfig, ("appsettings.json", Settings)),
            Alias(DiagnosticSeverity.Warning),
            Retired(DiagnosticSeverity.Warning));

    // The twin: unconfigured, each keeps its default (AIL0503 an error, AIL0501 a warning).
    [Fact]
    public Task Without_configuration_appsettings_keeps_the_defaults() =>
        Run(Test(SettingsApp, null, ("appsettings.json", Settings)),
            Alias(DiagnosticSeverity.Warning),
            Retired(DiagnosticSeverity.Error));

    // "none" for one id silences that id in the file; the other id beside it still reports.
    [Fact]
    public Task None_in_the_cs_section_silences_that_id_in_appsettings() =>
        Run(Test(SettingsApp, "[*.cs]\ndotnet_diagnostic.AIL0501.severity = none\n", ("appsettings.json", Settings)),
            Retired(DiagnosticSeverity.Error));

    [Fact]
    public Task Suggestion_and_error_reach_appsettings() =>
        Run(Test(SettingsApp, "[*.cs]\ndotnet_diagnostic.AIL0501.severity = error\ndotnet_diagnostic.AIL0503.severity = suggestion\n", ("appsettings.json", Settings)),
            Alias(DiagnosticSeverity.Error),
            Retired(DiagnosticSeverity.Info));

    // AIL0502 (a deprecated id, a warning by default) takes its own line the same way.
    private const string DeprecatedSettings = "{\n  \"Summaries\": { \"Model\": \"gpt-5-mini\" }\n}\n";

    [Theory]
    [InlineData("[*.cs]\ndotnet_diagnostic.AIL0502.severity = suggestion\n", DiagnosticSeverity.Info)]
    [InlineData(null, DiagnosticSeverity.Warning)]
    public Task AIL0502_in_appsettings_takes_the_cs_sections_severity(string? editorconfig, DiagnosticSeverity expected) =>
        Run(Test(SettingsApp, editorconfig, ("appsettings.json", DeprecatedSettings)),
            At("AIL0502", SettingsPath, DeprecatedSettings, "\"gpt-5-mini\"").WithSeverity(expected));

    [Fact]
    public Task None_silences_AIL0502_in_appsettings() =>
        Run(Test(SettingsApp, "[*.cs]\ndotnet_diagnostic.AIL0502.severity = none\n", ("appsettings.json", DeprecatedSettings)));

    // The C# diagnostic of the same rule honours its own line (unchanged), and the file's follows it. (Raised to error,
    // the test kit's workspace leaves the C# diagnostic a warning; the compiler raises both, checked with dotnet build
    // on this shape. The file's own error is covered above.)
    [Theory]
    [InlineData("[*.cs]\ndotnet_diagnostic.AIL0501.severity = suggestion\n", DiagnosticSeverity.Info)]
    [InlineData(null, DiagnosticSeverity.Warning)]
    public Task The_cs_literal_and_the_settings_value_take_the_same_severity(string? editorconfig, DiagnosticSeverity expected) =>
        Run(Test(AppWithLiteral, editorconfig, ("appsettings.json", Settings)),
            Diagnostic("AIL0501").WithLocation(0).WithSeverity(expected),
            Alias(expected),
            Retired(DiagnosticSeverity.Error));

    [Fact]
    public Task None_silences_the_cs_literal_and_the_settings_value() =>
        Run(Test(AppWithLiteral, "[*.cs]\ndotnet_diagnostic.AIL0501.severity = none\n", ("appsettings.json", Settings)),
            Retired(DiagnosticSeverity.Error));

    // The category line (the descriptors' category is AiLint.Models) and the all-analyzers line, in the C# section or in
    // a section naming the settings file itself. (The compiler applies them to C# locations itself; the test kit's
    // workspace does not, so no C# literal here.)
    [Theory]
    [InlineData("[*.cs]\ndotnet_analyzer_diagnostic.category-AiLint.Models.severity = warning\n")]
    [InlineData("[*.json]\ndotnet_analyzer_diagnostic.category-AiLint.Models.severity = warning\n")]
    [InlineData("[*]\ndotnet_analyzer_diagnostic.severity = warning\n")]
    [InlineData("[*.cs]\ndotnet_analyzer_diagnostic.severity = warning\n")]
    public Task The_models_category_and_all_analyzers_lines_reach_appsettings(string editorconfig) =>
        Run(Test(SettingsApp, editorconfig, ("appsettings.json", Settings)),
            Alias(DiagnosticSeverity.Warning),
            Retired(DiagnosticSeverity.Warning));

    // Another family's category names other rules: the file keeps the defaults.
    [Fact]
    public Task Another_category_leaves_appsettings_at_the_defaults() =>
        Run(Test(SettingsApp, "[*.cs]\ndotnet_analyzer_diagnostic.category-AiLint.Evaluation.severity = none\n", ("appsettings.json", Settings)),
            Alias(DiagnosticSeverity.Warning),
            Retired(DiagnosticSeverity.Error));

    // The id's own line wins over the category line, as Roslyn orders them for C#.
    [Fact]
    public Task The_ids_own_line_wins_over_the_category() =>
        Run(Test(SettingsApp, "[*.cs]\ndotnet_analyzer_diagnostic.category-AiLint.Models.severity = none\ndotnet_diagnostic.AIL0503.severity = warning\n", ("appsettings.json", Settings)),
            Retired(DiagnosticSeverity.Warning));

    // A .globalconfig reached the settings file before this change (the compiler applies it to every location) and still does.
    [Fact]
    public Task A_globalconfig_still_configures_appsettings()
    {
        var test = Test(SettingsApp, null, ("appsettings.json", Settings));
        test.AnalyzerConfigFiles.Add(("/0/.globalconfig", "is_global = true\ndotnet_diagnostic.AIL0503.severity = warning\ndotnet_diagnostic.AIL0501.severity = none\n"));
        return Run(test, Retired(DiagnosticSeverity.Warning));
    }

    // A settings file of a sub-folder takes the configuration of the C# files of its folder; the project's stays as is.
    [Fact]
    public Task The_configuration_of_the_nearest_cs_file_applies()
    {
        const string nested = "/0/Worker/appsettings.json";
        var test = Test(SettingsApp, null, ("appsettings.json", Settings), (nested, Settings));
        test.TestState.Sources.Add(("/0/Worker/Job.cs", "namespace Worker; public static class Job { }"));
        test.AnalyzerConfigFiles.Add(("/0/Worker/.editorconfig", "[*.cs]\ndotnet_diagnostic.AIL0503.severity = none\n"));
        return Run(test,
            Alias(DiagnosticSeverity.Warning),
            Retired(DiagnosticSeverity.Error),
            Alias(DiagnosticSeverity.Warning, nested));
    }

    // A value the file check does not read by its key's name ("Writer"), checked because the code hands the bound
    // property to a model slot (LinkedSettingsValues): reported from the C# member's analysis, located in the file.
    private const string LinkedApp = """
        using OpenAI;
        using OpenAI.Chat;
        public class AiSettings { public string Writer { get; set; } = ""; }
        class Agents(OpenAIClient client, AiSettings settings)
        {
            ChatClient Writer() => client.GetChatClient(settings.Writer);
        }
        """;

    private const string LinkedSettings = "{\n  \"Ai\": { \"Writer\": \"gpt-4\" }\n}\n";

    [Theory]
    [InlineData("[*.cs]\ndotnet_diagnostic.AIL0503.severity = warning\n", DiagnosticSeverity.Warning)]
    [InlineData("[*.cs]\ndotnet_analyzer_diagnostic.category-AiLint.Models.severity = suggestion\n", DiagnosticSeverity.Info)]
    [InlineData(null, DiagnosticSeverity.Error)]
    public Task A_linked_settings_value_takes_the_cs_sections_severity(string? editorconfig, DiagnosticSeverity expected) =>
        Run(Test(LinkedApp, editorconfig, ("appsettings.json", LinkedSettings)),
            At("AIL0503", SettingsPath, LinkedSettings, "\"gpt-4\"").WithSeverity(expected));

    [Fact]
    public Task None_silences_a_linked_settings_value() =>
        Run(Test(LinkedApp, "[*.cs]\ndotnet_diagnostic.AIL0503.severity = none\n", ("appsettings.json", LinkedSettings)));

    // AIL0506 on a malformed model table: its row is reported at its line with the configured severity.
    private const string TablePath = "/0/models/team.ailint-models.json";
    private const string Table = "{\n  \"models\": [\n    { \"id\": \"no-provider\" }\n  ]\n}\n";

    private static DiagnosticResult MalformedRow(DiagnosticSeverity severity) =>
        Diagnostic("AIL0506").WithLocation(TablePath, 3).WithArguments("the required field \"provider\" is missing").WithSeverity(severity);

    [Theory]
    [InlineData("[*.cs]\ndotnet_diagnostic.AIL0506.severity = warning\n", DiagnosticSeverity.Warning)]
    [InlineData("[*.cs]\ndotnet_analyzer_diagnostic.category-AiLint.Models.severity = suggestion\n", DiagnosticSeverity.Info)]
    [InlineData("[*.json]\ndotnet_diagnostic.AIL0506.severity = warning\n", DiagnosticSeverity.Error)] // the id's line is read for C# files only, as the compiler keeps it
    [InlineData(null, DiagnosticSeverity.Error)]
    public Task A_malformed_model_table_row_takes_the_cs_sections_severity(string? editorconfig, DiagnosticSeverity expected) =>
        Run(Test("class C { }", editorconfig, ("models/team.ailint-models.json", Table)), MalformedRow(expected));

    [Fact]
    public Task None_silences_a_malformed_model_table() =>
        Run(Test("class C { }", "[*.cs]\ndotnet_diagnostic.AIL0506.severity = none\n", ("models/team.ailint-models.json", Table)));

    private static Task Run(AnalyzerTest<ModelAnalyzer> test, params DiagnosticResult[] expected)
    {
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
