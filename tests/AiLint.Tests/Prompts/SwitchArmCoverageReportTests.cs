using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>The coverage report for an id that holds several texts (review87 D1): a pass for another arm is not an "older text".</summary>
public class SwitchArmCoverageReportTests
{
    private const string Formal = "You are a formal writing assistant. Never use slang.";
    private const string Casual = "You are a casual writing assistant. Always keep it short.";

    [Fact]
    public async Task Report_names_a_pass_for_another_arm_and_does_not_say_changed()
    {
        var project = TestProjectBuilder.Create(
            new[]
            {
                ("/0/Prompts.cs", $$"""
                    using Microsoft.Extensions.AI;
                    namespace Writer;
                    public static class Prompts
                    {
                        public static string System(bool formal) => formal
                            ? "{{Formal}}"
                            : "{{Casual}}";

                        public static ChatMessage Message(bool formal) => new ChatMessage(ChatRole.System, System(formal));
                    }
                    """),
            },
            new[] { ("/0/evals/p.evals.jsonl", Case("Writer.Prompts.System", "formal", sha: Sha256(Formal))) },
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);

        var coverage = ImmutableArray<PromptCoverage>.Empty;
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new PromptEvalCoverageAnalyzer(c => coverage = c)));
        var report = PromptCoverageReport.Render("Writer", "/0/", coverage, diagnostics.Where(d => d.Id == "AIL0304"));

        Assert.Equal(2, coverage.Length);
        Assert.Single(diagnostics, d => d.Id == "AIL0302");
        Assert.Contains("| `formal` <sub>evals/p.evals.jsonl:1</sub> |  | current text |", report);
        Assert.Contains("| `formal` <sub>evals/p.evals.jsonl:1</sub> |  | another of the id's texts (`" + Sha256(Formal)[..12] + "…`) |", report);
        Assert.Contains("- Status: ⚠️ no recorded pass for this text, one of the id's 2 texts (AIL0302): run a case on it and record its pass", report);
        Assert.DoesNotContain("changed since", report);
        Assert.DoesNotContain("older text", report);
    }
}
