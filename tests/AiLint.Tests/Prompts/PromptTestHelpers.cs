using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Prompts;

/// <summary>Shared helpers for the prompt eval-coverage tests (AIL0301–AIL0304).</summary>
internal static class PromptTestHelpers
{
    /// <summary>The SHA-256 the contract asks for, computed independently of the analyzer.</summary>
    public static string Sha256(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public static Task VerifyAsync(string code, params (string Path, string Content)[] evalFiles) =>
        VerifyAsync(code, evalFiles, Array.Empty<DiagnosticResult>());

    public static Task VerifyAsync(string code, (string Path, string Content)[] evalFiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        test.AdditionalFiles.AddRange(evalFiles);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<PromptEvalCoverageAnalyzer>.Diagnostic(id);

    /// <summary>A covering case line for <paramref name="prompt"/>.</summary>
    public static string Case(string prompt, string id = "c1", string? rule = null, string? sha = null) =>
        "{\"prompt\":\"" + prompt + "\",\"id\":\"" + id + "\",\"input\":\"hi\",\"expect\":{\"contains\":\"hello\"}"
        + (rule is null ? string.Empty : ",\"rule\":\"" + rule + "\"")
        + (sha is null ? string.Empty : ",\"promptSha256\":\"" + sha + "\"")
        + "}";
}
