using System.Text;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Files whose only link to a model is a call to the project's own wrapper declared in another file, and top-level
/// statements: the cases any per-file pre-filter of the retry rules (docs/performance.md) must keep analysing.
/// </summary>
public class RetryAcrossFilesTests
{
    private const string Id = "AIL0001";

    private static Task VerifyFilesAsync(string retryFile, string otherFile, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { MarkupDiagnosticId = Id, OutputKind = outputKind };
        test.Sources.Add(Usings + retryFile);
        test.Sources.Add(Usings + otherFile);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Retry_around_a_wrapper_reached_through_an_interface_declared_in_another_file() => VerifyFilesAsync(
        """
        sealed class Caller(ISummarizer summarizer, ResiliencePipeline pipeline)
        {
            public async Task<string> M(string q) => await pipeline.ExecuteAsync(async ct => await summarizer.{|#0:SummarizeAsync|}(q));
        }
        """,
        """
        public interface ISummarizer { Task<string> SummarizeAsync(string q); }
        sealed class Summarizer(ChatClient chat) : ISummarizer
        {
            public async Task<string> SummarizeAsync(string q) => (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text;
        }
        """,
        OutputKind.DynamicallyLinkedLibrary,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Retry_around_a_wrapper_two_calls_away_from_the_model() => VerifyFilesAsync(
        """
        static class Jobs
        {
            public static async Task Run(Outer outer)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { await outer.{|#0:Handle|}("q"); return; }
                    catch (Exception) { }
                }
            }
        }
        """,
        """
        sealed class Outer(Inner inner) { public Task<string> Handle(string q) => inner.Ask(q); }
        sealed class Inner(ChatClient chat) { public async Task<string> Ask(string q) => (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text; }
        """,
        OutputKind.DynamicallyLinkedLibrary,
        Diagnostic(Id).WithLocation(0).WithArguments("Handle", "for loop"));

    [Fact]
    public Task Retry_around_a_method_annotated_through_a_using_alias_in_another_file() => VerifyFilesAsync(
        """
        sealed class Caller(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task<string> M(string q) => await pipeline.ExecuteAsync(async ct => await gateway.{|#0:AskAsync|}(q));
        }
        """,
        """
        using ModelCall = AiLint.LlmCallAttribute;
        public sealed class Gateway
        {
            [ModelCall] public Task<string> AskAsync(string q) => Task.FromResult(q);
        }
        """,
        OutputKind.DynamicallyLinkedLibrary,
        Diagnostic(Id).WithLocation(0).WithArguments("AskAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public async Task Retry_in_top_level_statements()
    {
        var source = """
            var chat = new ChatClient("gpt-4o", "key");
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try { await chat.CompleteChatAsync(new UserChatMessage(args[0])); break; }
                catch (ClientResultException) { }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "TopLevel",
            new[] { Parse("Program.cs", source), Parse("Plain.cs", "static class Plain { public static int Twice(int x) => 2 * x; }") },
            Verifiers.ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new RetryAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        var call = compilation.SyntaxTrees[0].GetText().ToString().IndexOf("CompleteChatAsync", StringComparison.Ordinal);
        var found = diagnostics.Where(d => d.Id == Id).Select(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(new[] { call }, found);
    }

    private static SyntaxTree Parse(string path, string text) =>
        CSharpSyntaxTree.ParseText(SourceText.From(Usings + text, Encoding.UTF8), new CSharpParseOptions(LanguageVersion.Latest), path);
}
