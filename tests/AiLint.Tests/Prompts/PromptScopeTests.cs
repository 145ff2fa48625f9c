using System.Collections.Immutable;
using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Issue 13 item 5: what one document decides is reported in document scope (editors' default), cross-document flows
/// only at compilation end.
/// </summary>
public class PromptScopeTests
{
    private const string SameDocument = """
        using AiLint;
        using Microsoft.Extensions.AI;
        namespace Shop;
        public static class Prompts
        {
            [Prompt] public const string Annotated = "You are the Contoso support assistant.";
            public const string UsedHere = "You are the Contoso billing assistant.";
            public static ChatOptions Build() => new ChatOptions { Instructions = UsedHere };
            public const string PassedDown = "You are the Contoso shipping assistant.";
            public static ChatMessage System(string prompt) => new ChatMessage(ChatRole.System, prompt);
            public static ChatMessage Shipping() => System(PassedDown);
        }
        """;

    private const string DeclaredHere = """
        namespace Shop;
        public sealed class AssistantOptions
        {
            public string SystemPrompt { get; set; } = "You are the Contoso refunds assistant.";
        }
        """;

    private const string UsedThere = """
        using Microsoft.Extensions.AI;
        namespace Shop;
        public sealed class Assistant(AssistantOptions options)
        {
            public ChatOptions Build() => new ChatOptions { Instructions = options.SystemPrompt };
        }
        """;

    [Fact]
    public async Task Same_document_prompts_come_from_document_analysis_and_cross_document_ones_only_from_the_full_run()
    {
        var (documentScope, full) = await RunAsync(SameDocument, DeclaredHere, UsedThere);

        Assert.Equal(new[] { "Annotated", "UsedHere" }, documentScope.Select(Identifier).OrderBy(x => x));
        Assert.All(documentScope, d => Assert.Equal("AIL0301", d.Id));
        // A parameter is followed to its call sites only with the whole compilation, even within one document.
        Assert.Equal(new[] { "Annotated", "PassedDown", "SystemPrompt", "UsedHere" }, full.Select(Identifier).OrderBy(x => x));
    }

    [Fact]
    public void Descriptors_reported_in_document_scope_do_not_carry_the_compilation_end_tag()
    {
        foreach (var descriptor in new[] { Descriptors.AIL0301, Descriptors.AIL0302, Descriptors.AIL0303, Descriptors.AIL0304 })
        {
            Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, descriptor.CustomTags);
        }
    }

    private static string Identifier(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    private static async Task<(ImmutableArray<Diagnostic> DocumentScope, ImmutableArray<Diagnostic> Full)> RunAsync(params string[] sources)
    {
        var project = TestProjectBuilder.Create(
            sources.Select((s, i) => (TestProjectBuilder.SourcePath(i), s)).ToList(), [], [], ReferenceAssemblies.Default, OutputKind.DynamicallyLinkedLibrary, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var documentScope = ImmutableArray.CreateBuilder<Diagnostic>();
        var perDocument = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptEvalCoverageAnalyzer()), project.AnalyzerOptions);
        foreach (var tree in compilation.SyntaxTrees)
        {
            documentScope.AddRange(await perDocument.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None));
        }

        var full = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptEvalCoverageAnalyzer()), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return (documentScope.ToImmutable(), full);
    }
}
