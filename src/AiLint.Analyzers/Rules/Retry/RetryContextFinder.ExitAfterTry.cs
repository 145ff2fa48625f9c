using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal sealed partial class RetryContextFinder
    {
        /// <summary>
        /// The try's side of a loop whose success is tested after the <c>try</c> (review 68, Phelix): <c>ChatResponse?
        /// response = null; try { response = await inner.GetResponseAsync(...); } catch (Exception ex) { last = ex; } if
        /// (response is not null) return response; await Task.Delay(d);</c>. The try is a statement of the loop body, and a
        /// statement after it leaves the loop (a <c>return</c>, <c>yield break</c> or <c>break</c> of this loop) under an
        /// <c>if</c> that reads a local the try uses or a catch writes. Whether the way out carries the call's answer is decided per
        /// call by <see cref="LoopRetryClassifier"/> (its reading of the code that falls through to the end of the body).
        /// </summary>
        private static bool LeavesOnTestAfter(ITryOperation @try, ILoopOperation loop)
        {
            if (@try.SemanticModel is not { } model
                || @try.Syntax is not TryStatementSyntax statement
                || statement.Parent is not BlockSyntax block
                || block != LoopBodySyntax(loop))
            {
                return false;
            }

            // The locals the try reads or writes (`buffered.Add(update)`), and those a catch writes (`buffered = null;`).
            var flow = model.AnalyzeDataFlow(statement.Block);
            if (flow is null || !flow.Succeeded)
            {
                return false;
            }

            var written = new HashSet<ISymbol>(flow.WrittenInside.Concat(flow.ReadInside).OfType<ILocalSymbol>(), SymbolEqualityComparer.Default);
            foreach (var @catch in statement.Catches)
            {
                if (model.AnalyzeDataFlow(@catch.Block) is { Succeeded: true } caught)
                {
                    written.UnionWith(caught.WrittenInside.OfType<ILocalSymbol>());
                }
            }

            if (written.Count == 0)
            {
                return false;
            }

            foreach (var after in block.Statements.Skip(block.Statements.IndexOf(statement) + 1))
            {
                foreach (var test in after.DescendantNodesAndSelf().OfType<IfStatementSyntax>())
                {
                    if (test.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => model.GetSymbolInfo(n).Symbol is { } read && written.Contains(read))
                        && test.Statement.DescendantNodesAndSelf().Any(n => MethodExits.EndsMethod(n) || (n is BreakStatementSyntax && BreaksOutOf(n, block))))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A <c>break</c> whose nearest enclosing loop or switch, inside <paramref name="body"/>, is none: it leaves the loop of that body.</summary>
        private static bool BreaksOutOf(SyntaxNode breakStatement, SyntaxNode body) =>
            !breakStatement.Ancestors().TakeWhile(a => a != body)
                .Any(a => a is SwitchStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax);
    }
}
