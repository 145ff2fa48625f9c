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
        int LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = File.ReadAllText(path) };
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AIL0001") { Path = "/0/Test0.cs", Line = LineOf("chat.CompleteChatAsync([new UserChatMessage") });
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AIL0004") { Path = "/0/Test0.cs", Line = LineOf("Guid.NewGuid()") });
        await test.RunAsync();
    }
}
