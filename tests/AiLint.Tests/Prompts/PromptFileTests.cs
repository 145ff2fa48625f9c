using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>Prompts kept in files (skprompt.txt, *.prompty, *.prompt.yaml): id = path relative to the project, diagnostics on the file.</summary>
public class PromptFileTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";

    // A C# file that makes no prompt: the files are prompts by their names alone.
    private const string NoCode = "namespace Shop; public static class Empty { }";

    private static Task VerifyFilesAsync((string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = NoCode };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Expects <paramref name="id"/> on the characters <paramref name="text"/> of the file (computed here, not by the analyzer).</summary>
    private static DiagnosticResult OnText(string id, string path, string content, string text)
    {
        var start = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + text);
        return Diagnostic(id).WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(start, text.Length));
    }

    private const string Skprompt = "Summarize the text below.\n- Never invent facts.\n- Keep it under\n  three sentences.\n{{$input}}\n";

    [Fact]
    public Task A_semantic_kernel_skprompt_without_cases_is_reported_on_its_first_line_with_its_relative_path() =>
        VerifyFilesAsync(
            new[] { ("Plugins/Writer/Summarize/skprompt.txt", Skprompt) },
            OnText("AIL0301", "Plugins/Writer/Summarize/skprompt.txt", Skprompt, "Summarize the text below.").WithArguments("Plugins/Writer/Summarize/skprompt.txt"));

    [Fact]
    public Task A_covered_skprompt_reports_its_uncovered_instruction_on_the_files_text() =>
        VerifyFilesAsync(
            new[]
            {
                ("Plugins/Writer/Summarize/skprompt.txt", Skprompt),
                ("evals/writer.evals.jsonl", Case("Plugins/Writer/Summarize/skprompt.txt", rule: "Never invent facts")),
            },
            OnText("AIL0303", "Plugins/Writer/Summarize/skprompt.txt", Skprompt, "Keep it under\n  three sentences.")
                .WithArguments("Keep it under three sentences.", "Plugins/Writer/Summarize/skprompt.txt"));

    private const string Prompty = "---\nname: Support\nmodel:\n  api: chat\n---\nsystem:\nYou are the Contoso assistant. You must answer in English.\n\nuser:\n{{question}}\n";

    [Fact]
    public Task A_prompty_body_after_the_front_matter_is_the_prompt() =>
        VerifyFilesAsync(
            new[]
            {
                ("prompts/support.prompty", Prompty),
                ("evals/support.evals.jsonl", Case("prompts/support.prompty")),
            },
            OnText("AIL0303", "prompts/support.prompty", Prompty, "You must answer in English.").WithArguments("You must answer in English.", "prompts/support.prompty"));

    private const string Yaml = "name: Triage\ntemplate: |\n  Classify the ticket.\n  - Only answer with one word.\ntemplate_format: semantic-kernel\ndescription: You must not be read.\n";

    [Fact]
    public Task A_yaml_prompt_template_block_is_the_prompt() =>
        VerifyFilesAsync(
            new[]
            {
                ("prompts/triage.prompt.yaml", Yaml),
                ("evals/triage.evals.jsonl", Case("prompts/triage.prompt.yaml")),
            },
            OnText("AIL0303", "prompts/triage.prompt.yaml", Yaml, "Only answer with one word.").WithArguments("Only answer with one word.", "prompts/triage.prompt.yaml"));

    [Fact]
    public Task A_yaml_prompt_without_cases_is_reported_on_the_templates_first_line() =>
        VerifyFilesAsync(
            new[] { ("prompts/triage.prompt.yaml", Yaml) },
            OnText("AIL0301", "prompts/triage.prompt.yaml", Yaml, "  Classify the ticket.").WithArguments("prompts/triage.prompt.yaml"));

    [Fact]
    public Task Covered_prompt_files_and_files_that_are_not_prompts_have_no_diagnostic() =>
        VerifyFilesAsync(
            new[]
            {
                ("Plugins/Writer/Summarize/skprompt.txt", "Summarize the text below.\n{{$input}}\n"),
                ("Plugins/Writer/Summarize/config.json", "{\"description\":\"Summarize\"}"),
                ("prompts/readme.txt", "You must read this."),
                ("prompts/settings.yaml", "template: |\n  You must not be read.\n"),
                ("prompts/empty.prompty", "---\nname: Empty\n---\n"),
                ("evals/writer.evals.jsonl", Case("Plugins/Writer/Summarize/skprompt.txt")),
            });

    private const string Crlf = "Answer billing questions.\r\n- Never quote\r\n  card numbers.\r\n";
    private const string OneLine = "name: Short\ntemplate: \"You must answer in French.\"\n";

    [Fact]
    public Task Crlf_files_one_line_yaml_values_and_broken_front_matter() =>
        VerifyFilesAsync(
            new[]
            {
                ("Plugins/Billing/Answer/skprompt.txt", Crlf),
                ("prompts/short.prompt.yml", OneLine),
                ("prompts/broken.prompty", "---\nname: Broken\nYou must not be read: the front matter never ends.\n"),
                ("prompts/blank.prompt.yaml", "name: Blank\ntemplate: |\n\n"),
                ("evals/p.evals.jsonl", Case("Plugins/Billing/Answer/skprompt.txt") + "\n" + Case("prompts/short.prompt.yml")),
            },
            OnText("AIL0303", "Plugins/Billing/Answer/skprompt.txt", Crlf, "Never quote\r\n  card numbers.")
                .WithArguments("Never quote card numbers.", "Plugins/Billing/Answer/skprompt.txt"),
            OnText("AIL0303", "prompts/short.prompt.yml", OneLine, "You must answer in French.")
                .WithArguments("You must answer in French.", "prompts/short.prompt.yml"));

    [Fact]
    public void Ids_are_relative_to_the_project_with_forward_slashes_and_full_paths_outside_it()
    {
        Assert.Equal("Plugins/Writer/Summarize/skprompt.txt", PromptFiles.Id(@"C:\src\App\Plugins\Writer\Summarize\skprompt.txt", @"C:\src\App"));
        Assert.Equal("prompts/a.prompty", PromptFiles.Id("/src/App/prompts/a.prompty", "/src/App/"));
        Assert.Equal("/elsewhere/a.prompty", PromptFiles.Id("/elsewhere/a.prompty", "/src/App"));
    }
}
