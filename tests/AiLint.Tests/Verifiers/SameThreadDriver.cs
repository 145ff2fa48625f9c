using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// Runs an analyzer's compilation-start and semantic-model actions on the calling thread, for tests that need the
/// analysis on a stack of known size (Roslyn's driver hands actions to thread-pool threads even when not concurrent).
/// Only the registrations the analyzers under such tests make are supported; any other throws, so a test cannot pass
/// by silently skipping an action. An exception an action throws reaches the caller, as AD0001 would reach a user.
/// </summary>
internal static class SameThreadDriver
{
    public static ImmutableArray<Diagnostic> Run(DiagnosticAnalyzer analyzer, Compilation compilation, AnalyzerOptions options)
    {
        var root = new Recorder();
        analyzer.Initialize(root);
        var diagnostics = new List<Diagnostic>();
        foreach (var start in root.CompilationStartActions)
        {
            var startContext = new StartRecorder(compilation, options);
            start(startContext);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var action in startContext.SemanticModelActions)
                {
                    // Obsolete for analyzers' own use (dotnet/roslyn#63440 asks for CompilationWithAnalyzers), which is exactly
                    // what cannot run the actions on this thread.
#pragma warning disable CS0618
                    action(new SemanticModelAnalysisContext(model, options, diagnostics.Add, _ => true, CancellationToken.None));
#pragma warning restore CS0618
                }
            }
        }

        return diagnostics.ToImmutableArray();
    }

    private static NotSupportedException Unsupported(string what) =>
        new($"SameThreadDriver does not run {what}; extend it before using it with this analyzer.");

    private sealed class Recorder : AnalysisContext
    {
        public List<Action<CompilationStartAnalysisContext>> CompilationStartActions { get; } = new();

        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => CompilationStartActions.Add(action);

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported("compilation actions");

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported("root semantic-model actions");

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported("symbol actions");

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported("code-block actions");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported("code-block actions");

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported("syntax-tree actions");

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported("syntax-node actions");
    }

    private sealed class StartRecorder : CompilationStartAnalysisContext
    {
        public StartRecorder(Compilation compilation, AnalyzerOptions options)
            : base(compilation, options, CancellationToken.None)
        {
        }

        public List<Action<SemanticModelAnalysisContext>> SemanticModelActions { get; } = new();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => SemanticModelActions.Add(action);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported("compilation-end actions");

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported("symbol actions");

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported("code-block actions");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported("code-block actions");

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported("syntax-tree actions");

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported("syntax-node actions");
    }
}
