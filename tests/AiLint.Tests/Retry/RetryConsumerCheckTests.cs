using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>The package-consumer check of the retry rules does what its comments say (CI builds it against the packed .nupkg).</summary>
public class RetryConsumerCheckTests
{
    [Fact]
    public async Task Consumer_snippet_compiles_and_reports_exactly_AIL0001_and_AIL0004()
    {
        var path = RepositoryPaths.Combine("tests", "PackageConsumer", "Detect", "SupportReplies.cs");
        var lines = File.ReadAllLines(path);
        DiagnosticResult At(string id, string text)
        {
            var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
            return CSharpAnalyzerVerifier<RetryAnalyzer>.Diagnostic(id).WithLocation("/0/Test0.cs", line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1);
        }

        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = File.ReadAllText(path) };
        test.ExpectedDiagnostics.Add(At("AIL0001", "CompleteChatAsync([new UserChatMessage"));
        test.ExpectedDiagnostics.Add(At("AIL0004", "Guid.NewGuid()"));
        await test.RunAsync();
    }
}
