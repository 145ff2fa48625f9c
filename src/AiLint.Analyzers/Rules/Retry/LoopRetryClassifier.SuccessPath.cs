using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The first test of <see cref="LoopRetryClassifier.RetriesCall"/>: once the call returns, the code after it always
    /// leaves the loop (returns, breaks out, or makes the loop's condition false). A loop that goes round after a success
    /// is a turn loop or a batch, whatever its catch does.
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        private static bool SuccessLeavesLoop(IOperation call, ILoopOperation loop, SemanticModel model)
        {
            var loopSyntax = loop.Syntax;
            var statement = StatementOfCall(call.Syntax, loopSyntax);
            if (statement is null)
            {
                return false;
            }

            var conditionSymbols = ConditionSymbols(loop);
            var fallThrough = new FallThroughPath();
            var first = true;
            for (SyntaxNode node = statement; node.Parent is { } parent && parent != loopSyntax; node = parent, first = false)
            {
                // At the call's own level the range starts with the call's statement; above it, only the statements
                // after the enclosing one run after the call.
                switch (parent)
                {
                    case BlockSyntax block:
                        if (RangeLeaves(block.Statements, (StatementSyntax)node, first, loopSyntax, model, conditionSymbols))
                        {
                            return true;
                        }

                        fallThrough.Add(block.Statements, (StatementSyntax)node, first, loopSyntax, model);
                        break;
                    case SwitchSectionSyntax section:
                        if (RangeLeaves(section.Statements, (StatementSyntax)node, first, loopSyntax, model, conditionSymbols))
                        {
                            return true;
                        }

                        fallThrough.Stop();
                        break;
                    case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax:
                        // A nested loop between the call and the retry: which iteration is retried is not clear.
                        return false;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                        return false;
                    default:
                        // `if (failed) continue; else return await Call();`: the embedded statement on its own.
                        if (first && node is StatementSyntax embedded && StatementsLeave(embedded, embedded, loopSyntax, model, conditionSymbols))
                        {
                            return true;
                        }

                        if (first && node is StatementSyntax alone)
                        {
                            fallThrough.Add(alone, loopSyntax, model);
                        }

                        break;
                }
            }

            // Reaching the end of the loop body goes round exactly like a `continue`.
            return fallThrough.LeavesOnAnswer(call, statement, loop, model);
        }

        /// <summary>The statement of the loop's own function that contains the call (a call inside a lambda: the statement around the lambda).</summary>
        private static StatementSyntax? StatementOfCall(SyntaxNode call, SyntaxNode loopSyntax)
        {
            StatementSyntax? statement = null;
            for (var node = call; node is not null && node != loopSyntax; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    statement = null;
                }
                else if (statement is null && node is StatementSyntax found)
                {
                    statement = found;
                }
            }

            return statement;
        }

        private static bool RangeLeaves(SyntaxList<StatementSyntax> statements, StatementSyntax current, bool includeCurrent, SyntaxNode loopSyntax, SemanticModel model, HashSet<ISymbol> conditionSymbols)
        {
            var index = statements.IndexOf(current);
            var first = includeCurrent ? index : index + 1;
            if (index < 0 || first >= statements.Count)
            {
                return false;
            }

            return StatementsLeave(statements[first], statements[statements.Count - 1], loopSyntax, model, conditionSymbols);
        }

        /// <summary>
        /// The statements from <paramref name="first"/> to <paramref name="last"/> never fall through and leave by a
        /// return or a break out of the retry loop, or they set a variable the loop condition reads.
        /// </summary>
        private static bool StatementsLeave(StatementSyntax first, StatementSyntax last, SyntaxNode loopSyntax, SemanticModel model, HashSet<ISymbol> conditionSymbols)
        {
            var flow = first == last ? model.AnalyzeControlFlow(first) : model.AnalyzeControlFlow(first, last);
            if (flow.Succeeded && !flow.EndPointIsReachable)
            {
                var breakLeavesLoop = !first.Ancestors().TakeWhile(a => a != loopSyntax).Any(a => a is SwitchStatementSyntax);
                if (flow.ExitPoints.Any(e => MethodExits.EndsMethod(e) || (breakLeavesLoop && e is BreakStatementSyntax)))
                {
                    return true;
                }
            }

            if (conditionSymbols.Count == 0)
            {
                return false;
            }

            var dataFlow = first == last ? model.AnalyzeDataFlow(first) : model.AnalyzeDataFlow(first, last);
            return dataFlow.Succeeded && dataFlow.WrittenInside.Any(conditionSymbols.Contains);
        }

        /// <summary>The condition a <c>while</c>, <c>do</c> or <c>for</c> loop tests before going round; null for <c>foreach</c> or none.</summary>
        internal static IOperation? ConditionOf(ILoopOperation loop) => loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };

        private static HashSet<ISymbol> ConditionSymbols(ILoopOperation loop)
        {
            var condition = ConditionOf(loop);
            var read = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (condition is not null)
            {
                foreach (var operation in condition.DescendantsAndSelf())
                {
                    if (operation is ILocalReferenceOperation local)
                    {
                        read.Add(local.Local);
                    }
                    else if (operation is IParameterReferenceOperation parameter)
                    {
                        read.Add(parameter.Parameter);
                    }
                }
            }

            return read;
        }
    }
}
