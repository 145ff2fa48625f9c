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
}
