using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    // A catalog filled by a helper handed the options object: the helper's body read at each call that sends those options.
    public sealed partial class ToolCatalogAnalyzer
    {
        /// <summary>
        /// <c>toolsService.RegisterTools(new ChatCompletionOptions())</c> whose body adds the registry's tools to
        /// <c>options.Tools</c>: the helper's catalog is evaluated again with its inputs holding each call's arguments, and
        /// reported at the call's options argument when the options then reach a request (see
        /// <see cref="OptionsFillingHelpers"/>). What the helper reports by itself (a fixed list over the cap, a server's
        /// whole list) stays reported there, once.
        /// </summary>
        private static void ReportOptionsHelperCalls(CatalogSink sink, TypeIndex index, KnownToolSymbols symbols, ProjectCatalogs project, CatalogContent alone, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            if (OptionsFillingHelpers.OptionsParameter(sink, index, project) is not { } options)
            {
                return;
            }

            var helper = (IMethodSymbol)options.ContainingSymbol;
            foreach (var argument in project.CallArguments(options))
            {
                if (!(argument.Parent is IArgumentOperation { Parent: IInvocationOperation call })
                    || argument.SemanticModel?.GetEnclosingSymbol(argument.Syntax.SpanStart, project.CancellationToken)?.ContainingType is not { } caller
                    || !OptionsFillingHelpers.ReachesRequest(call, argument, options, project))
                {
                    continue;
                }

                var callerIndex = project.IndexOf(caller);
                var callerEvaluator = new CatalogEvaluator(symbols, callerIndex, cap, project, depth: 1);
                var content = CatalogEvaluator.ForHelperCall(symbols, index, cap, project, helper, call, callerEvaluator).EvaluateHelperSink(sink, argument);
                if (alone.Unbounded.IsEmpty)
                {
                    ReportUnbounded(content, cap, report, reported);
                }

                if (content.Min > cap && alone.Min <= cap)
                {
                    ReportOverCap(ArgumentLocation(argument, callerIndex), sink, content, cap, report, reported);
                }
            }
        }
    }
}
