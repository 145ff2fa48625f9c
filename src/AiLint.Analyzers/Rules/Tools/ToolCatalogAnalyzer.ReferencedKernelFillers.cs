using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    // AIL0202 at a call of another project's helper that fills the kernel it is given from a whole list (KernelCatalogFillerSummary).
    public sealed partial class ToolCatalogAnalyzer
    {
        /// <summary>
        /// One AIL0202 per call that hands a kernel, builder or plugin collection to a helper of a referenced project whose
        /// summary recorded that it registers a whole unbounded list there (<c>kernel.Plugins.AddMcpFunctionsFromStdioServerAsync(...)</c>).
        /// Only in a project that offers kernels whole (automatic function choice), as a registration written in the
        /// project is a catalog only then (see KernelFunctionChoice). Reported on the call: the cap belongs inside the
        /// helper, so no <c>Take</c> is offered.
        /// </summary>
        private static void ReportReferencedKernelFillers(List<IOperation> blocks, AnalyzerOptions options, KnownToolSymbols symbols, ProjectCatalogs project, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            var compilation = project.Compilation;
            if (!KernelCatalogFillerSummary.AnyRecorded(compilation))
            {
                return;
            }

            foreach (var block in blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is not IInvocationOperation call || call.TargetMethod.DeclaringSyntaxReferences.Length != 0)
                    {
                        continue;
                    }

                    foreach (var argument in call.Arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.Explicit || !KernelPlugins.IsKernelParameter(argument.Parameter)
                            || KernelCatalogFillerSummary.RecordedKind(call.TargetMethod, argument.Parameter!.Ordinal, compilation) is not { } kind)
                        {
                            continue;
                        }

                        if (!symbols.FunctionChoice.OffersWholeKernels)
                        {
                            return;
                        }

                        var what = kind == KernelCatalogFillerSummary.Mcp ? "an MCP server's whole tool list" : "reflection over a type's methods";
                        var source = new UnboundedSource($"'{CatalogEvaluator.Describe(call.Syntax)}' ({what}, added to the kernel by the helper)", call, fixable: false);
                        ReportUnbounded(CatalogContent.From(source, fromMcp: kind == KernelCatalogFillerSummary.Mcp), AiLintOptions.GetMaxTools(options, call.Syntax.SyntaxTree), report, reported);
                        break;
                    }
                }
            }
        }
    }
}
