using System.Collections.Generic;
using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Razor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// AIL0201 (a catalog holds more tools than <c>ailint.max_tools</c>) and AIL0202 (a catalog is filled from a source
    /// that can hold any number of tools). One pass per type: a catalog is followed through the locals and fields of
    /// the type that builds it, so both rules share the work.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed partial class ToolCatalogAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AIL0201, Descriptors.AIL0202);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(compilationContext =>
            {
                var symbols = KnownToolSymbols.TryCreate(compilationContext.Compilation);
                if (symbols == null)
                {
                    return;
                }

                // Per compilation (never static): the answer depends on this compilation's trees and sink names.
                // The names of other projects' recorded kernel-filling helpers too: a file whose only catalog is such a call is read.
                var sinkNames = KernelCatalogFillerSummary.WithRecordedNames(TypeIndex.SinkNames(symbols), compilationContext.Compilation);
                var prefilter = new SinkTextPrefilter(sinkNames, compilationContext.Compilation);
                var project = new ProjectCatalogs(compilationContext.Compilation, symbols, compilationContext.CancellationToken)
                {
                    PromptDirectories = PromptDirectoryFunctions.From(compilationContext.Options.AdditionalFiles),
                };

                // Why a semantic-model action and not a symbol-start action per type: the driver keeps per-type state for
                // every type of the compilation for an analyzer with a symbol-start action, about 10 MB on 1,000 plain
                // files (docs/performance.md), although most types never mention a catalog. Each type is analysed once,
                // by the file of its owning declaration (TypeOwnership), with the blocks of all its non-generated parts.
                compilationContext.RegisterSemanticModelAction(TooDeepInputs.Skipped((SemanticModelAnalysisContext modelContext) => AnalyzeFile(modelContext, symbols, prefilter, project)));
            });
        }

        private static void AnalyzeFile(SemanticModelAnalysisContext context, KnownToolSymbols symbols, SinkTextPrefilter prefilter, ProjectCatalogs project)
        {
            var model = context.SemanticModel;
            var tree = model.SyntaxTree;
            var cancellationToken = context.CancellationToken;
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                return;
            }

            // A file without partial types or top-level statements declares every part of its types itself; when its
            // text spells no sink name, none of its types can hold a sink (SinkTextPrefilter), so nothing is reported.
            if (!TypeOwnership.MayShareTypes(unit) && !prefilter.MayMentionSink(tree, cancellationToken))
            {
                return;
            }

            foreach (var (type, declaration) in TypeOwnership.DeclaredTypes(model, unit, cancellationToken))
            {
                // The text test first: it is cached per file, the owner test reads each part's options and header.
                if (!prefilter.MayMentionSink(type, cancellationToken)
                    || !TypeOwnership.IsOwner(type, declaration, context.Options, cancellationToken))
                {
                    continue;
                }

                var blocks = TypeOwnership.BlocksOfType(type, model, context.Options, cancellationToken);
                AnalyzeType(type, blocks, context.Options, context.ReportDiagnostic, symbols, project);
            }
        }

        private static void AnalyzeType(INamedTypeSymbol type, List<IOperation> blocks, AnalyzerOptions options, System.Action<Diagnostic> reportToDriver, KnownToolSymbols symbols, ProjectCatalogs project)
        {
            // A diagnostic on a caller's argument may be reached from the sinks of several types: one of them reports it.
            void ReportOnce(Diagnostic diagnostic)
            {
                if (project.IsReporter(diagnostic, type))
                {
                    reportToDriver(diagnostic);
                }
            }

            // Most types never touch a tool catalog. Indexing them (a write list per local and field) was most of this
            // analyzer's allocations, so a type is indexed only when one of its blocks can create a sink; without a sink
            // nothing is reported, so skipping the others changes no diagnostic.
            // The project's container kernel, when its plugins are registered across types, is reported by the type that
            // calls AddKernel() (which need not hold a sink itself: Program.cs calling registration helpers).
            var containerKernel = project.ContainerKernel is { } found && SymbolEqualityComparer.Default.Equals(found.Owner.OriginalDefinition, type.OriginalDefinition)
                ? found
                : null;
            // Calls of another project's helper that fills a kernel from a whole list (KernelCatalogFillerSummary): a type
            // may hold such a call and no sink of its own.
            var reported = new HashSet<(string, TextSpan, SyntaxTree)>();
            ReportReferencedKernelFillers(blocks, options, symbols, project, ReportOnce, reported);

            if (!ContainsSinkCandidate(blocks, symbols))
            {
                if (containerKernel != null)
                {
                    ReportContainerKernel(options, ReportOnce, symbols, project, containerKernel, own: null, reported);
                }

                return;
            }

            var index = new TypeIndex(symbols) { Type = type };
            foreach (var block in blocks)
            {
                index.Add(block);
            }

            project.Remember(index);

            foreach (var sink in index.Sinks)
            {
                var anchor = AnchorOf(sink);

                // A request told to call no tool, or one named tool, gives the model no choice among its catalog.
                if (anchor == null || RequestToolChoice.LeavesNoChoice(sink, index))
                {
                    continue;
                }

                var tree = anchor.Syntax.SyntaxTree;
                var cap = AiLintOptions.GetMaxTools(options, tree);
                var evaluator = new CatalogEvaluator(symbols, index, cap, project);
                var content = evaluator.EvaluateSink(sink);
                ReportUnbounded(content, cap, ReportOnce, reported);

                if (content.Min > cap)
                {
                    ReportOverCap(CatalogLocation(sink, index, anchor), sink, content, cap, ReportOnce, reported);
                }

                // One parameter at a time only: a catalog built from two parameters is left to its callers' own sinks.
                if (evaluator.Forwarded.Count == 1)
                {
                    foreach (var parameter in evaluator.Forwarded)
                    {
                        ReportCallers(sink, index, symbols, project, parameter, content, cap, ReportOnce, reported);
                    }
                }

                // An options object handed to a helper that fills its Tools: read at each call that sends it.
                ReportOptionsHelperCalls(sink, index, symbols, project, content, cap, ReportOnce, reported);
            }

            if (containerKernel != null)
            {
                // Before the per-type merge, which hands the type's own container plugins to its kernel.
                ReportContainerKernel(options, ReportOnce, symbols, project, containerKernel, index.ContainerPlugins?.Registrations, reported);
            }

            foreach (var kernel in KernelPlugins.MergeBuiltKernels(index))
            {
                ReportKernelTotal(options, ReportOnce, symbols, project, index, kernel, reported);
            }

            // Plugins imported one per type of an assembly scan (ToolCatalogAnalyzer.AssemblyScans).
            ReportAssemblyScans(blocks, index, options, symbols, ReportOnce, reported);
        }

        private static bool ContainsSinkCandidate(List<IOperation> blocks, KnownToolSymbols symbols)
        {
            foreach (var block in blocks)
            {
                if (TypeIndex.MayCreateSink(block, symbols))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
