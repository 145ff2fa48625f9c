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
        /// The report delegate itself, for a rule that hands it on: a method group of this struct
        /// (<c>(Action&lt;Diagnostic&gt;)member.ReportDiagnostic</c>) boxes a copy of the struct and makes a delegate per member.
        /// </summary>
        public Action<Diagnostic> Report => report;

        /// <summary>
        /// Registers <paramref name="analyze"/> for every member's operation blocks in the files <paramref name="gate"/>
        /// says are relevant, through one semantic-model action: nothing per type or member for the driver to keep,
        /// and an irrelevant file costs one dictionary lookup. The blocks of a file are enumerated once for all the
        /// analyzers registered here (<see cref="OperationBlocksOfFile.Of"/>). Diagnostics in generated code are dropped by the driver
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

                // The blocks are enumerated once per file for every analyzer registered here (OperationBlocksOfFile.Of).
                var options = modelContext.Options;
                Action<Diagnostic> report = modelContext.ReportDiagnostic;
                var declarations = OperationBlocksOfFile.Of(model, cancellationToken);
                for (var i = 0; i < declarations.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (symbol, blocks) = declarations[i];
                    try
                    {
                        analyze(new MemberBlocksContext(symbol, blocks, model, options, report, cancellationToken));
                    }
                    catch (InsufficientExecutionStackException)
                    {
                        // A member nested too deeply to follow is unknown: nothing reported, the file's other members go on (TooDeepInputs).
                    }
                }
            });
        }
    }
}
