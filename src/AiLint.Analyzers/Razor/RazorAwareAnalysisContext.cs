using System;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Razor
{
    /// <summary>
    /// An analysis context that analyses and reports in Razor-generated trees (<see cref="RazorGeneratedTrees"/>) and
    /// keeps every other generated file out exactly as <c>ConfigureGeneratedCodeAnalysis(None)</c> did. Each analyzer's
    /// <c>Initialize</c> calls <c>context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode)</c>
    /// (RS1025 wants the call in <c>Initialize</c>), then <c>context = RazorAwareAnalysisContext.Wrap(context);</c>,
    /// and registers as before.
    /// </summary>
    /// <remarks>
    /// How: the driver is told to analyse and report in all generated code, and every action registered through this
    /// context is guarded and filtered here:
    /// <list type="bullet">
    /// <item>an action on a tree (or symbol) the driver calls generated returns at once unless the tree is Razor's: an
    /// OpenAPI client or a <c>.Designer.cs</c> costs one file-name test per action, where before it cost nothing. A
    /// driver whose analyzers all analyse generated code stops telling it apart (every tree then looks hand-written),
    /// so a tree the driver calls hand-written is also asked of <see cref="GeneratedFiles"/>, the mirror of the
    /// driver's test (an options lookup, the file name and the file's leading comments);</item>
    /// <item>a diagnostic is dropped where the driver dropped it before (a generated file by its heuristic, mirrored by
    /// <see cref="GeneratedFiles"/>, a <c>#line hidden</c> span, or a <c>[GeneratedCode]</c> declaration,
    /// <see cref="GeneratedCodeDeclarations"/>), and in a Razor tree everywhere but the user's code
    /// that <c>#line</c> maps to the <c>.razor</c> file (<see cref="RazorGeneratedTrees.IsUserCode"/>), so nothing is
    /// reported in the generator's boilerplate.</item>
    /// </list>
    /// The filtered contexts are built with the public constructors Roslyn 4.8 marks obsolete (its newer ones are
    /// internal); they lose only the IDE's filter span, which AiLint's actions do not read. Only the action kinds
    /// AiLint registers are supported; another kind throws at registration (every analyzer test would show it as
    /// AD0001) rather than run unguarded.
    /// </remarks>
    internal sealed class RazorAwareAnalysisContext : AnalysisContext
    {
        private readonly AnalysisContext inner;

        private RazorAwareAnalysisContext(AnalysisContext inner)
        {
            this.inner = inner;
        }

        /// <summary>The driver analyses and reports in all generated code; this context keeps all but Razor's out.</summary>
        public const GeneratedCodeAnalysisFlags GeneratedCode = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

        /// <summary>The context to register through, once <paramref name="context"/> is configured with <see cref="GeneratedCode"/>.</summary>
        public static AnalysisContext Wrap(AnalysisContext context) => new RazorAwareAnalysisContext(context);

        /// <summary>Whether a diagnostic at <paramref name="location"/> may be reported (see the remarks).</summary>
        internal static bool MayReport(Location location, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            if (location.SourceTree is not { } tree)
            {
                return true;
            }

            if (RazorGeneratedTrees.IsRazorGenerated(tree, cancellationToken))
            {
                return RazorGeneratedTrees.IsUserCode(location);
            }

            return !RazorGeneratedTrees.IsHidden(tree, location.SourceSpan.Start)
                && !GeneratedFiles.IsGenerated(tree, options, cancellationToken)
                && !GeneratedCodeDeclarations.Contain(location, compilation, cancellationToken);
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) =>
            throw new InvalidOperationException("Generated code is configured by RazorAwareAnalysisContext.Wrap.");

        public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            inner.RegisterCompilationStartAction(start => action(new StartContext(start)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) =>
            inner.RegisterCompilationAction(context => action(Filter(context)));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
            inner.RegisterSemanticModelAction(context => Run(context, action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            inner.RegisterSymbolAction(context => Run(context, action), symbolKinds);

        // Additional files are never generated C#: their reports need no filter.
        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => inner.RegisterAdditionalFileAction(action);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported();

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Unsupported();

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported();

        private static NotSupportedException Unsupported() =>
            new NotSupportedException("RazorAwareAnalysisContext guards compilation, semantic-model, symbol and additional-file actions only; add a guard for this kind first.");

        private static void Run(SemanticModelAnalysisContext context, Action<SemanticModelAnalysisContext> action)
        {
            if (IsSkipped(context.SemanticModel.SyntaxTree, context.IsGeneratedCode, context.Options, context.CancellationToken))
            {
                return;
            }

#pragma warning disable CS0618 // The public constructor is obsolete in favour of an internal one (see the remarks).
            action(new SemanticModelAnalysisContext(context.SemanticModel, context.Options, new SemanticModelReports(context).Report, static _ => true, context.CancellationToken));
#pragma warning restore CS0618
        }

        private static void Run(SymbolAnalysisContext context, Action<SymbolAnalysisContext> action)
        {
            if (IsSkipped(context.Symbol, context.IsGeneratedCode, context.Options, context.CancellationToken))
            {
                return;
            }

#pragma warning disable CS0618 // See the remarks.
            action(new SymbolAnalysisContext(context.Symbol, context.Compilation, context.Options, new SymbolReports(context).Report, static _ => true, context.CancellationToken));
#pragma warning restore CS0618
        }

        private static CompilationAnalysisContext Filter(CompilationAnalysisContext context)
        {
#pragma warning disable CS0618 // See the remarks.
            return new CompilationAnalysisContext(context.Compilation, context.Options, Filtered(context.ReportDiagnostic, context.Compilation, context.Options, context.CancellationToken), static _ => true, context.CancellationToken);
#pragma warning restore CS0618
        }

        /// <summary>
        /// Whether an action on <paramref name="tree"/> returns at once: the driver calls it generated, or (since a
        /// driver whose analyzers all analyse generated code stops telling generated code apart) AiLint's mirror of the
        /// driver's test does; a Razor tree never is.
        /// </summary>
        private static bool IsSkipped(SyntaxTree tree, bool driverSaysGenerated, AnalyzerOptions options, CancellationToken cancellationToken) =>
            driverSaysGenerated
                ? !RazorGeneratedTrees.IsRazorGenerated(tree, cancellationToken)
                : GeneratedFiles.IsGenerated(tree, options, cancellationToken);

        /// <summary>A symbol is skipped when every declaration is in a skipped tree (or the driver says it is generated and none is Razor's).</summary>
        private static bool IsSkipped(ISymbol symbol, bool driverSaysGenerated, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            // Read once: a source symbol builds a new array of references on every read.
            var references = symbol.DeclaringSyntaxReferences;
            foreach (var reference in references)
            {
                if (!IsSkipped(reference.SyntaxTree, driverSaysGenerated, options, cancellationToken))
                {
                    return false;
                }
            }

            return driverSaysGenerated || !references.IsEmpty;
        }

        // The original context's ReportDiagnostic still checks that the rule is one the analyzer supports.
        private static Action<Diagnostic> Filtered(Action<Diagnostic> report, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
            diagnostic =>
            {
                if (MayReport(diagnostic.Location, compilation, options, cancellationToken))
                {
                    report(diagnostic);
                }
            };

        /// <summary>
        /// The filtered report of a semantic-model action. It holds the driver's context itself: the method group
        /// <c>context.ReportDiagnostic</c> of a struct boxes a copy of it and adds a second delegate, per callback.
        /// </summary>
        private sealed class SemanticModelReports
        {
            private readonly SemanticModelAnalysisContext context;

            public SemanticModelReports(SemanticModelAnalysisContext context)
            {
                this.context = context;
            }

            // The original context's ReportDiagnostic still checks that the rule is one the analyzer supports.
            public void Report(Diagnostic diagnostic)
            {
                if (MayReport(diagnostic.Location, context.SemanticModel.Compilation, context.Options, context.CancellationToken))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        /// <summary>The filtered report of a symbol action (see <see cref="SemanticModelReports"/>).</summary>
        private sealed class SymbolReports
        {
            private readonly SymbolAnalysisContext context;

            public SymbolReports(SymbolAnalysisContext context)
            {
                this.context = context;
            }

            public void Report(Diagnostic diagnostic)
            {
                if (MayReport(diagnostic.Location, context.Compilation, context.Options, context.CancellationToken))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        /// <summary>The compilation-start context: the same guards for the actions registered per compilation.</summary>
        private sealed class StartContext : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext inner;

#pragma warning disable RS1012 // 'inner' registers every action this context is given, in the overrides below.
            public StartContext(CompilationStartAnalysisContext inner)
                : base(inner.Compilation, inner.Options, inner.CancellationToken)
            {
                this.inner = inner;
            }
#pragma warning restore RS1012

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) =>
                inner.RegisterCompilationEndAction(context => action(Filter(context)));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
                inner.RegisterSemanticModelAction(context => Run(context, action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
                inner.RegisterSymbolAction(context => Run(context, action), symbolKinds);

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => inner.RegisterAdditionalFileAction(action);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported();

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported();

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Unsupported();

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unsupported();
        }
    }
}
