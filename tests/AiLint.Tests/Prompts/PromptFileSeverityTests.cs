using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The severity the rule pages configure (<c>.editorconfig</c> <c>[*.cs] dotnet_diagnostic.AIL0301.severity = warning</c>)
/// reaches diagnostics located in prompt files and eval files (AdditionalFiles), which the compiler configures only by
/// <c>.globalconfig</c> (review42 FP2, M2: Repro/PromptFileSeverity and Repro/PromptFileInstructions, IBBS.AI's
/// skprompt.txt next to constant prompts). Unconfigured, each rule keeps its default severity.
/// </summary>
public class PromptFileSeverityTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";

    private const string PromptPath = "/0/Plugins/Writer/Rewrite/skprompt.txt";
    private const string PromptId = "Plugins/Writer/Rewrite/skprompt.txt";

    private const string Skprompt =
        "You are an assistant that rewrites the user's story.\n1. Ensure that the response sounds natural.\n2. If the story contains grammatical errors, fix them subtly.\n\nInput:\n{{$input}}\n";

    // The IBBS.AI shape: a constant prompt given to kernel.InvokePromptAsync next to the prompt file (the control: a C#
    // location always took the .editorconfig severity).
    private const string Code = """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        namespace Repro;
        public static class Prompts
        {
            public const string {|#0:Genre|} = "You are an AI assistant tasked to generate the genre of the story. You will only return the genre.\n\n{{$input}}";
        }
        public static class Use
        {
            public static Task<FunctionResult> Run(Kernel kernel, string story) =>
                kernel.InvokePromptAsync(Prompts.Genre, new KernelArguments { ["input"] = story });
        }
        """;

    private static AnalyzerTest<PromptEvalCoverageAnalyzer> Test(string code, string? editorconfig, params (string Path, string Content)[] files)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        if (editorconfig != null)
        {
            test.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n" + editorconfig));
        }

        test.AdditionalFiles.AddRange(files);
        return test;
    }

    private static DiagnosticResult OnLine(string id, string path, string content, string text)
    {
        var start = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + text);
        return Diagnostic(id).WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(start, text.Length));
    }

    private const string FirstLine = "You are an assistant that rewrites the user's story.";

    [Fact]
    public Task The_pages_cs_section_lowers_AIL0301_in_the_prompt_file_as_in_the_code() =>
        Run(Test(Code, "[*.cs]\ndotnet_diagnostic.AIL0301.severity = warning\n", (PromptPath, Skprompt)),
            OnLine("AIL0301", PromptPath, Skprompt, FirstLine).WithArguments(PromptId).WithSeverity(DiagnosticSeverity.Warning),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Prompts.Genre").WithSeverity(DiagnosticSeverity.Warning));

    // The twin: without configuration both are errors (AIL0301's default).
    [Fact]
    public Task Without_configuration_the_prompt_file_keeps_AIL0301s_default_error() =>
        Run(Test(Code, null, (PromptPath, Skprompt)),
            OnLine("AIL0301", PromptPath, Skprompt, FirstLine).WithArguments(PromptId).WithSeverity(DiagnosticSeverity.Error),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Prompts.Genre").WithSeverity(DiagnosticSeverity.Error));

    [Fact]
    public Task None_in_the_cs_section_silences_the_prompt_file_too() =>
        Run(Test(Code, "[*.cs]\ndotnet_diagnostic.AIL0301.severity = none\n", (PromptPath, Skprompt)));

    // The category line of the pages, in the C# section or in a section naming the prompt file itself. (The compiler
    // applies it to C# locations itself; the test kit's workspace does not, so no C# prompt here.)
    [Theory]
    [InlineData("[*.cs]\ndotnet_analyzer_diagnostic.category-AiLint.Evaluation.severity = warning\n")]
    [InlineData("[*.txt]\ndotnet_analyzer_diagnostic.category-AiLint.Evaluation.severity = warning\n")]
    [InlineData("[*]\ndotnet_analyzer_diagnostic.severity = warning\n")]
    public Task The_evaluation_category_lowers_the_prompt_file(string editorconfig) =>
        Run(Test("namespace Shop; public static class Empty { }", editorconfig, (PromptPath, Skprompt)),
            OnLine("AIL0301", PromptPath, Skprompt, FirstLine).WithArguments(PromptId).WithSeverity(DiagnosticSeverity.Warning));

    // A section naming only other files leaves the prompt file at the default.
    [Fact]
    public Task A_section_for_other_files_leaves_the_prompt_file_at_its_default() =>
        Run(Test("namespace Shop; public static class Empty { }", "[*.md]\ndotnet_analyzer_diagnostic.category-AiLint.Evaluation.severity = warning\n[tests/**.cs]\ndotnet_diagnostic.AIL0301.severity = none\n", (PromptPath, Skprompt)),
            OnLine("AIL0301", PromptPath, Skprompt, FirstLine).WithArguments(PromptId).WithSeverity(DiagnosticSeverity.Error));

    // The id's own line wins over the category line, as Roslyn orders them for C#.
    [Fact]
    public Task The_ids_own_severity_wins_over_the_category() =>
        Run(Test(Code, "[*.cs]\ndotnet_analyzer_diagnostic.category-AiLint.Evaluation.severity = none\ndotnet_diagnostic.AIL0301.severity = warning\n", (PromptPath, Skprompt)),
            OnLine("AIL0301", PromptPath, Skprompt, FirstLine).WithArguments(PromptId).WithSeverity(DiagnosticSeverity.Warning),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Prompts.Genre").WithSeverity(DiagnosticSeverity.Warning));

    // A .globalconfig reached prompt files before this change and still does.
    [Fact]
    public Task A_globalconfig_still_configures_the_prompt_file()
    {
        var test = Test(Code, null, (PromptPath, Skprompt));
        test.AnalyzerConfigFiles.Add(("/0/.globalconfig", "is_global = true\ndotnet_diagnostic.AIL0301.severity = warning\n"));
        return Run(test,
            OnLine("AIL0301", PromptPath, Skprompt, FirstLine).WithArguments(PromptId).WithSeverity(DiagnosticSeverity.Warning),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Prompts.Genre").WithSeverity(DiagnosticSeverity.Warning));
    }

    // An .editorconfig nearer the prompt file, governing the C# files of its folder, governs the prompt file too; a
    // prompt file in another folder keeps the project's setting.
    [Fact]
    public Task The_configuration_of_the_nearest_cs_file_applies()
    {
        const string other = "/0/Other/Summarize/skprompt.txt";
        var test = Test(Code, null, (PromptPath, Skprompt), (other, Skprompt));
        test.TestState.Sources.Add(("/0/Plugins/PluginLoader.cs", "namespace Repro.Plugins; public static class PluginLoader { }"));
        test.AnalyzerConfigFiles.Add(("/0/Plugins/.editorconfig", "[*.cs]\ndotnet_diagnostic.AIL0301.severity = none\n"));
        return Run(test,
            OnLine("AIL0301", other, Skprompt, FirstLine).WithArguments("Other/Summarize/skprompt.txt").WithSeverity(DiagnosticSeverity.Error),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Prompts.Genre").WithSeverity(DiagnosticSeverity.Error));
    }

    // M2: the AIL0303 page's "[*.cs] ... = warning  # require per-instruction coverage" raises the prompt file's
    // uncovered instructions like the constant's.
    [Fact]
    public Task AIL0303_raised_in_the_cs_section_is_raised_in_the_prompt_file() =>
        Run(Test("namespace Shop; public static class Empty { }", "[*.cs]\ndotnet_diagnostic.AIL0303.severity = warning\n",
                (PromptPath, Skprompt), ("/0/evals/writer.evals.jsonl", Case(PromptId, rule: "fix them subtly"))),
            OnLine("AIL0303", PromptPath, Skprompt, "Ensure that the response sounds natural.")
                .WithArguments("Ensure that the response sounds natural.", PromptId).WithSeverity(DiagnosticSeverity.Warning));

    // The twin: unconfigured, AIL0303 stays a note (Info).
    [Fact]
    public Task AIL0303_unconfigured_stays_info_in_the_prompt_file() =>
        Run(Test("namespace Shop; public static class Empty { }", null,
                (PromptPath, Skprompt), ("/0/evals/writer.evals.jsonl", Case(PromptId, rule: "fix them subtly"))),
            OnLine("AIL0303", PromptPath, Skprompt, "Ensure that the response sounds natural.")
                .WithArguments("Ensure that the response sounds natural.", PromptId).WithSeverity(DiagnosticSeverity.Info));

    // The AIL0302 page's "dotnet_diagnostic.AIL0302.severity = error  # make a stale suite fail the build" fails it
    // for a stale prompt file too; unconfigured it stays a warning.
    [Theory]
    [InlineData("[*.cs]\ndotnet_diagnostic.AIL0302.severity = error\n", DiagnosticSeverity.Error)]
    [InlineData(null, DiagnosticSeverity.Warning)]
    public Task AIL0302_on_a_stale_prompt_file_takes_the_cs_sections_severity(string? editorconfig, DiagnosticSeverity expected)
    {
        var stale = Case(PromptId, rule: "fix them subtly", sha: Sha256("an older text"));
        var test = Test("namespace Shop; public static class Empty { }", editorconfig, (PromptPath, Skprompt), ("/0/evals/writer.evals.jsonl", stale));
        test.TestState.ExpectedDiagnostics.Add(OnLine("AIL0303", PromptPath, Skprompt, "Ensure that the response sounds natural.")
            .WithArguments("Ensure that the response sounds natural.", PromptId).WithSeverity(DiagnosticSeverity.Info));
        return Run(test,
            OnLine("AIL0302", PromptPath, Skprompt, FirstLine).WithArguments(PromptId, "1", Sha256(Skprompt)).WithSeverity(expected));
    }

    // AIL0304 is located in the eval file: the same configuration reaches it.
    [Fact]
    public Task AIL0304_in_an_eval_file_takes_the_cs_sections_severity()
    {
        const string evals = "this is not json\n";
        return Run(Test("namespace Shop; public static class Empty { }", "[*.cs]\ndotnet_diagnostic.AIL0304.severity = warning\n", ("/0/evals/writer.evals.jsonl", evals)),
            Diagnostic("AIL0304").WithLocation("/0/evals/writer.evals.jsonl", 1).WithArguments("the line is not a JSON object (at column 1)").WithSeverity(DiagnosticSeverity.Warning));
    }

    private static Task Run(AnalyzerTest<PromptEvalCoverageAnalyzer> test, params DiagnosticResult[] expected)
    {
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
