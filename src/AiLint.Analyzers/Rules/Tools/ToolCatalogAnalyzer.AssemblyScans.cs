using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    // AIL0202 on Semantic Kernel plugins imported by scanning an assembly's types (AssemblyTypeScans).
    public sealed partial class ToolCatalogAnalyzer
    {
        /// <summary>
        /// One AIL0202 per loop that imports a plugin for every type of an uncapped assembly scan, on the scan where it
        /// enters the loop. Only in a project that offers kernels whole (automatic function choice): otherwise no request
        /// sees the registered plugins (see KernelFunctionChoice).
        /// </summary>
        private static void ReportAssemblyScans(List<IOperation> blocks, TypeIndex index, AnalyzerOptions options, KnownToolSymbols symbols, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            // The word question first: the project-wide function-choice question is a scan of the project's files, which
            // a type whose files list no assembly's types need not start.
            if (!AssemblyTypeScans.MayHoldScan(blocks) || !symbols.FunctionChoice.OffersWholeKernels)
            {
                return;
            }

            foreach (var (source, cap) in AssemblyTypeScans.Find(blocks, symbols.Enumerable, new AllowListRecognizer(index, symbols), tree => AiLintOptions.GetMaxTools(options, tree)))
            {
                ReportUnbounded(CatalogContent.From(source, fromMcp: false), cap, report, reported);
            }
        }
    }
}
