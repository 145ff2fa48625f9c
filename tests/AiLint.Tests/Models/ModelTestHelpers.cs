using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Models;

internal static class ModelTestHelpers
{
    public static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyAsync(code, Array.Empty<(string, string)>(), expected);

    public static Task VerifyAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A project that references no LLM SDK (the framework only): raw HttpClient requests and settings files.</summary>
    public static Task VerifyWithoutSdkAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<ModelAnalyzer>.Diagnostic(id);
}
