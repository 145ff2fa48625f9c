using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Prompts;

/// <summary>Runs the eval-coverage analyzer for AIL0302 tests, with AIL0303 turned off.</summary>
internal static class RecordedPassTestHelpers
{
    /// <summary>
    /// The AIL0302 tests use real prompts with many instructions; the per-instruction AIL0303 (info) they would also get
    /// is another rule's business, so the project turns it off the way a user would.
    /// </summary>
    public static Task VerifyPassesAsync(string code, string evalFile, params DiagnosticResult[] expected) =>
        VerifyPassesAsync(code, evalFile, CompilerDiagnostics.Errors, expected);

    public static Task VerifyPassesAsync(string code, string evalFile, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code, CompilerDiagnostics = compilerDiagnostics };
        test.AdditionalFiles.Add(("evals/prompts.evals.jsonl", evalFile));
        test.AddEditorConfig("dotnet_diagnostic.AIL0303.severity = none");
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
