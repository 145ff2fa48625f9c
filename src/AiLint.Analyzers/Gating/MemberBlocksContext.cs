using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// One member's operation blocks in a relevant file, with what an operation-block action would have been given:
    /// the owning symbol, the blocks, the semantic model, the options, a report delegate and the cancellation token.
    /// </summary>
    internal readonly struct MemberBlocksContext
    {
        private readonly Action<Diagnostic> report;

        public MemberBlocksContext(ISymbol owningSymbol, ImmutableArray<IOperation> operationBlocks, SemanticModel semanticModel, AnalyzerOptions options, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            OwningSymbol = owningSymbol;
            OperationBlocks = operationBlocks;
            SemanticModel = semanticModel;
            Options = options;
            this.report = report;
            CancellationToken = cancellationToken;
        }

        public ISymbol OwningSymbol { get; }

        public ImmutableArray<IOperation> OperationBlocks { get; }

        public SemanticModel SemanticModel { get; }

        public Compilation Compilation => SemanticModel.Compilation;

        public AnalyzerOptions Options { get; }

        public CancellationToken CancellationToken { get; }

        public void ReportDiagnostic(Diagnostic diagnostic) => report(diagnostic);

        /// <summary>
        /// Registers <paramref name="analyze"/> for every member's operation blocks in the files <paramref name="gate"/>
        /// says are relevant, through one semantic-model action: nothing per type or member for the driver to keep,
        /// and an irrelevant file costs one dictionary lookup. Diagnostics in generated code are dropped by the driver
        /// (ConfigureGeneratedCodeAnalysis(None)) as for any action; #pragma and suppressions apply as usual.
        /// </summary>
        /// <remarks>
        /// A file with top-level statements is always analysed, as the implicit Program type always was when these
        /// rules registered per type. Semantic-model actions run concurrently per file: <paramref name="analyze"/> must
        /// only share thread-safe state.
        /// </remarks>
        public static void RegisterForRelevantFiles(CompilationStartAnalysisContext context, RelevantFiles gate, Action<MemberBlocksContext> analyze)
        {
            context.RegisterSemanticModelAction(modelContext =>
            {
                var model = modelContext.SemanticModel;
                var cancellationToken = modelContext.CancellationToken;
                if (!gate.IsRelevant(model.SyntaxTree)
                    && !(model.SyntaxTree.GetRoot(cancellationToken) is CompilationUnitSyntax unit && OperationBlocksOfFile.HasTopLevelStatements(unit)))
                {
                    return;
                }

                var file = new FileScope(model, modelContext.Options, modelContext.ReportDiagnostic, analyze, cancellationToken);
                OperationBlocksOfFile.ForEach(
                    model,
                    file,
                    static (symbol, blocks, file) => file.Analyze(new MemberBlocksContext(symbol, blocks, file.Model, file.Options, file.Report, file.CancellationToken)),
                    cancellationToken);
            });
        }

        private sealed class FileScope
        {
            public FileScope(SemanticModel model, AnalyzerOptions options, Action<Diagnostic> report, Action<MemberBlocksContext> analyze, CancellationToken cancellationToken)
            {
                Model = model;
                Options = options;
                Report = report;
                Analyze = analyze;
                CancellationToken = cancellationToken;
            }

            public SemanticModel Model { get; }

            public AnalyzerOptions Options { get; }

            public Action<Diagnostic> Report { get; }

            public Action<MemberBlocksContext> Analyze { get; }

            public CancellationToken CancellationToken { get; }
        }
    }
}
