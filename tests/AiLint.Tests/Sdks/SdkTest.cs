using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Sdks;

/// <summary>Runs the retry rules against one of the pre-2.0 or community SDK reference sets of <see cref="OlderSdkReferences"/>.</summary>
internal static class SdkTest
{
    /// <summary><see cref="RetryAnalyzer"/>; <c>[|...|]</c> stands for <paramref name="id"/>.</summary>
    public static Task RetryAsync(ImmutableArray<MetadataReference> references, string id, string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = source, MarkupDiagnosticId = id, References = references };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id, int location, string call, string retry) =>
        CSharpAnalyzerVerifier<RetryAnalyzer>.Diagnostic(id).WithLocation(location).WithArguments(call, retry);
}
