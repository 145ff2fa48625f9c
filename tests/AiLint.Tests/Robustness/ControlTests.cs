using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Positive controls: the robustness checks must catch a crashing analyzer, a crashing generator, a fix that breaks
/// compilation and a fix that leaves its diagnostic behind; otherwise their passing proves nothing.
/// </summary>
public class ControlTests
{
    private const string Code = """
        class C
        {
            void M() { Target(); }
            void Target() { }
        }
        """;

    [Fact]
    public async Task A_crash_on_half_typed_code_is_caught()
    {
        var project = RobustnessCorpus.CreateProject(Code.Substring(0, Code.Length / 2), Array.Empty<(string, string)>());
        var crash = await ComponentRunner.AnalyzerCrashAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowsOnMissingTokens()));
        Assert.Contains(nameof(ThrowsOnMissingTokens), crash);
    }

    [Fact]
    public async Task A_generator_crash_is_caught()
    {
        var project = RobustnessCorpus.CreateProject(Code, Array.Empty<(string, string)>());
        var run = await ComponentRunner.RunGeneratorsAsync(project, generators: ImmutableArray.Create(new ThrowingGenerator().AsSourceGenerator()));
        Assert.NotEmpty(run.Crashes);
    }

    [Fact]
    public async Task A_fix_that_breaks_compilation_is_caught()
    {
        var failures = new List<string>();
        var project = RobustnessCorpus.CreateProject(Code, Array.Empty<(string, string)>());
        await FixSafetyTests.CheckFixerAsync(project, new RenamingFix("Undefined"), "control", failures, ImmutableArray.Create<DiagnosticAnalyzer>(new FlagsTargetCalls()));
        Assert.Contains(failures, f => f.Contains("new compiler errors", StringComparison.Ordinal) && f.Contains("CS0103", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fix_that_leaves_its_diagnostic_is_caught()
    {
        var failures = new List<string>();
        var project = RobustnessCorpus.CreateProject(Code, Array.Empty<(string, string)>());
        await FixSafetyTests.CheckFixerAsync(project, new RenamingFix("Target /* still */"), "control", failures, ImmutableArray.Create<DiagnosticAnalyzer>(new FlagsTargetCalls()));
        Assert.Contains(failures, f => f.Contains("still reported", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("new compiler errors", StringComparison.Ordinal));
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowsOnMissingTokens : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(FlagsTargetCalls.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(c =>
            {
                if (c.Tree.GetRoot(c.CancellationToken).ContainsDiagnostics)
                {
                    throw new InvalidOperationException("half-typed code");
                }
            });
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class FlagsTargetCalls : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = new("CTRL0001", "Target call", "Target call", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    if (c.Node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Target" } })
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation()));
                    }
                },
                SyntaxKind.InvocationExpression);
        }
    }

    /// <summary>Replaces the called name; a fix that is unsafe in the way the test chooses.</summary>
    private sealed class RenamingFix : CodeFixProvider
    {
        private readonly string replacement;

        public RenamingFix(string replacement) => this.replacement = replacement;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("CTRL0001");

        public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Rename",
                    async ct =>
                    {
                        var text = await context.Document.GetTextAsync(ct);
                        var span = new Microsoft.CodeAnalysis.Text.TextSpan(context.Span.Start, "Target".Length);
                        return context.Document.WithText(text.Replace(span, replacement));
                    },
                    "CTRL0001"),
                context.Diagnostics);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, (_, _) => throw new InvalidOperationException("generator bug"));
    }
}
