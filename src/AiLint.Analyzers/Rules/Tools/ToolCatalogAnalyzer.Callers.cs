using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    // A catalog read from a parameter: each caller's argument evaluated at the sink, and reported at the caller.
    public sealed partial class ToolCatalogAnalyzer
    {
        /// <summary>
        /// A catalog read from a parameter (<c>AskAsync(string q, IList&lt;AITool&gt; tools)</c> sets <c>Tools = tools</c>):
        /// the catalog is evaluated again with the parameter holding each caller's argument, and what that caller passes
        /// is reported at the call (AIL0202 where the source enters the argument, AIL0201 on the argument), since the
        /// caller chose the catalog. A caller that passes on a parameter of its own is followed to its callers once more
        /// (a controller that hands the catalog to a service that hands it to the gateway). Callers the project does not
        /// contain (another assembly, a delegate) are not seen.
        /// </summary>
        private static void ReportCallers(CatalogSink sink, TypeIndex index, KnownToolSymbols symbols, ProjectCatalogs project, IParameterSymbol parameter, CatalogContent alone, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            CatalogContent ToSink(CatalogContent passed) =>
                new CatalogEvaluator(symbols, index, cap, project, depth: 0, Bind(parameter, passed)).EvaluateSink(sink);

            ReportCallers(sink, symbols, project, parameter, ToSink, alone, cap, report, reported, level: 1);
        }

        /// <summary>How many levels of callers are read: the caller, and that caller's callers.</summary>
        private const int CallerLevels = 2;

        private static void ReportCallers(CatalogSink sink, KnownToolSymbols symbols, ProjectCatalogs project, IParameterSymbol parameter, System.Func<CatalogContent, CatalogContent> toSink, CatalogContent alone, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported, int level)
        {
            foreach (var argument in project.CallArguments(parameter))
            {
                if (argument.SemanticModel?.GetEnclosingSymbol(argument.Syntax.SpanStart, project.CancellationToken)?.ContainingType is not { } caller)
                {
                    continue;
                }

                var callerIndex = project.IndexOf(caller);
                var evaluator = new CatalogEvaluator(symbols, callerIndex, cap, project, depth: 1);
                var content = toSink(evaluator.Collection(argument, argument));
                ReportUnbounded(content, cap, report, reported);
                if (content.Min > cap && alone.Min <= cap)
                {
                    ReportOverCap(ArgumentLocation(argument, callerIndex), sink, content, cap, report, reported);
                }

                if (level < CallerLevels && evaluator.Forwarded.Count == 1)
                {
                    foreach (var outer in evaluator.Forwarded)
                    {
                        var passedOn = argument;
                        CatalogContent ThroughCaller(CatalogContent passed) =>
                            toSink(new CatalogEvaluator(symbols, callerIndex, cap, project, depth: 1, Bind(outer, passed)).Collection(passedOn, passedOn));

                        ReportCallers(sink, symbols, project, outer, ThroughCaller, content, cap, report, reported, level + 1);
                    }
                }
            }
        }

        private static Dictionary<IParameterSymbol, CatalogContent> Bind(IParameterSymbol parameter, CatalogContent content) =>
            new Dictionary<IParameterSymbol, CatalogContent>(SymbolEqualityComparer.Default) { [parameter] = content };

        /// <summary>The caller's catalog: the argument, or the collection a local it reads was initialised with.</summary>
        private static Location ArgumentLocation(IOperation argument, TypeIndex callerIndex)
        {
            var value = argument;
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            while (TypeIndex.Holder(value) is ILocalSymbol holder && seen.Add(holder)
                && callerIndex.Writes.TryGetValue(holder, out var writes) && writes.Count == 1 && !callerIndex.Mutations.ContainsKey(holder))
            {
                value = writes[0];
            }

            return value.Syntax.GetLocation();
        }
    }
}
