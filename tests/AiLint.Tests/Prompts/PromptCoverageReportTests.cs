using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>The markdown coverage report the CLI writes, fed by the analyzer's own model.</summary>
public class PromptCoverageReportTests
{
    [Fact]
    public async Task Report_lists_each_prompt_with_cases_instructions_and_staleness()
    {
        var project = TestProjectBuilder.Create(
            new[]
            {
                ("/0/Prompts.cs", """
                    using AiLint;
                    namespace Shop;
                    public static class Prompts
                    {
                        [Prompt] public const string Support = "Hi.\n- Never share secrets.\n- Always greet | wave.";
                        [Prompt("refunds")] public const string Refunds = "You must be polite.";
                    }
                    """),
            },
            new[]
            {
                ("/0/evals/p.evals.jsonl", Case("Shop.Prompts.Support", "secrets", rule: "never share", sha: Sha256("old")) + "\n"
                    + """{"prompt":"Shop.Prompts.Support","id":"greet","rule":"Always greet","status":"todo"}""" + "\nnot json\n"),
                ("/0/evals/q.evals.jsonl", Case("Shop.Prompts.Support", "secrets")),
            },
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);

        var coverage = ImmutableArray<PromptCoverage>.Empty;
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new PromptEvalCoverageAnalyzer(c => coverage = c)));
        var report = PromptCoverageReport.Render("Shop", "/0/", coverage, diagnostics.Where(d => d.Id == "AIL0304"));

        Assert.Contains("2 prompts, 1 covering case, 1 of 3 instructions covered, 2 malformed lines.", report);
        Assert.Contains("| [`Shop.Prompts.Support`](#shoppromptssupport) | ⚠️ stale | 1 | 1 | 1/2 |", report);
        Assert.Contains("| [`refunds`](#refunds) | ❌ no cases | 0 | 0 | 0/1 |", report);
        Assert.Contains("| ✅ | Never share secrets. <sub>line 5</sub> | `secrets` |", report);
        Assert.Contains("| ❌ | Always greet \\| wave. <sub>line 5</sub> | todo case only |", report);
        Assert.Contains("| `secrets` <sub>evals/p.evals.jsonl:1</sub> | never share | older text (`" + Sha256("old")[..12] + "…`) |", report);
        Assert.Contains("| `greet` <sub>evals/p.evals.jsonl:2</sub> | Always greet | todo (does not count) |", report);
        Assert.Contains("- Declared at `Prompts.cs:6`", report);
        Assert.Contains("- `evals/p.evals.jsonl:3`: Malformed eval case: the line is not a JSON object (at column 1)", report);
        Assert.Contains("- `evals/q.evals.jsonl:1`: Malformed eval case: duplicate id \"secrets\" for prompt \"Shop.Prompts.Support\" (first used at evals/p.evals.jsonl line 1)", report);
    }

    [Fact]
    public void Cases_naming_no_prompt_are_listed_with_the_id_they_probably_meant()
    {
        var cases = new[]
        {
            Located("evals/a.evals.jsonl", "CodeReviewerBot.PromptBuilder.BuildReviewerPrompt", "review", 0),
            Located("evals/a.evals.jsonl", "PromptBuilder.BuildReviewerPrompt", "matched", 1),
            Located("evals/b.evals.jsonl", "Does.Not.Exist", "orphan", 2),
        };

        var section = UnmatchedEvalCases.Render(cases, new[] { "PromptBuilder.BuildReviewerPrompt", "Shop.Prompts.Support" }, path => path);

        Assert.Contains("## Eval cases that name no prompt", section);
        Assert.Contains("| `review` <sub>evals/a.evals.jsonl:1</sub> | `CodeReviewerBot.PromptBuilder.BuildReviewerPrompt` | `PromptBuilder.BuildReviewerPrompt` |", section);
        Assert.Contains("| `orphan` <sub>evals/b.evals.jsonl:3</sub> | `Does.Not.Exist` |  |", section);
        Assert.DoesNotContain("`matched`", section);
    }

    [Fact]
    public void No_section_when_every_case_names_a_known_prompt() =>
        Assert.Equal(string.Empty, UnmatchedEvalCases.Render(new[] { Located("e.evals.jsonl", "A.B", "c", 0) }, new[] { "A.B" }, path => path));

    [Theory]
    [InlineData("Old.Shop.Prompts.Support", "Shop.Prompts.Support")]
    [InlineData("shop.prompts.support", "Shop.Prompts.Support")]
    [InlineData("Other.Support", null)] // one shared part (the member name alone) is not enough
    [InlineData("X.Prompts.Refunds", null)] // two known ids share the same two parts: no guess
    public void The_suggestion_needs_the_type_and_member_or_the_whole_id_and_one_best_match(string id, string? expected) =>
        Assert.Equal(expected, UnmatchedEvalCases.Nearest(id, new[] { "Shop.Prompts.Support", "Shop.Prompts.Refunds", "Admin.Prompts.Refunds" }));

    private static LocatedEvalCase Located(string path, string prompt, string id, int line) =>
        new(path, new AiLint.Analyzers.Rules.Prompts.EvalCase(prompt, id, null, null, null, hasInput: true, hasExpect: true, line, default));
}
