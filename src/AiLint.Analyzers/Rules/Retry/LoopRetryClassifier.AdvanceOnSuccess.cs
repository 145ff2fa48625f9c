using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A loop over work items whose index only advances after a success:
    /// <c>while (i &lt; n) { try { await Call(chunks[i]); i++; } catch when (++failures &lt; 5) { await Task.Delay(d); } }</c>.
    /// A failure goes round with the same index, so the failed item is sent again unchanged: a retry, although the
    /// loop as a whole walks a batch.
    /// </summary>
    /// <remarks>
    /// Read only when the <c>try</c> is a statement of the loop body and the call a statement of the try block; the
    /// statements after the call in the try block (the success path) must advance a local that the loop condition
    /// and the call both read. Every other part of the loop (the catches, a <c>finally</c>, the rest of the body, the
    /// condition and a <c>for</c> loop's increment) must leave the call's inputs unchanged: an index advanced in the
    /// catch (skip the item) or in a <c>finally</c> sends the next item after a failure.
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>True when <paramref name="loop"/> re-sends <paramref name="call"/> after a failure and advances only after a success.</summary>
        public static bool RetriesCallAdvancingOnSuccess(IOperation call, ILoopOperation loop, ITryOperation @try)
        {
            if (loop is IForEachLoopOperation || loop.SemanticModel is not { } model
                || @try.Syntax is not TryStatementSyntax tryStatement
                || tryStatement.Parent is not BlockSyntax body || !ReferenceEquals(body, LoopBody(loop.Syntax))
                || SuccessPath(call.Syntax, tryStatement.Block) is not { Count: > 0 } success)
            {
                return false;
            }

            var inputs = new Inputs(loop.Body.Syntax, model.Compilation);
            if (!inputs.Collect(call, loop))
            {
                return false;
            }

            var conditionSymbols = ConditionSymbols(loop);
            var advanced = AdvancedLocals(success, model);
            if (!advanced.Any(a => conditionSymbols.Contains(a) && inputs.Symbols.Contains(a)))
            {
                return false;
            }

            var scanned = RetryContextFinder.DescendantsInSameFunction(loop.Body)
                .Where(o => !success.Any(s => s.Span.Contains(o.Syntax.Span)));
            scanned = loop switch
            {
                IForLoopOperation forLoop => scanned.Concat(forLoop.AtLoopBottom.SelectMany(RetryContextFinder.DescendantsInSameFunction))
                    .Concat(forLoop.Condition is null ? Enumerable.Empty<IOperation>() : RetryContextFinder.DescendantsInSameFunction(forLoop.Condition)),
                IWhileLoopOperation whileLoop when whileLoop.Condition is not null => scanned.Concat(RetryContextFinder.DescendantsInSameFunction(whileLoop.Condition)),
                _ => scanned,
            };

            var list = OutsideLeavingCatches(scanned, loop).ToList();
            return !inputs.ChangedIn(list, loop) && !inputs.HandedToOtherCode(list, call);
        }

        private static StatementSyntax? LoopBody(SyntaxNode loop) => loop switch
        {
            ForStatementSyntax forLoop => forLoop.Statement,
            WhileStatementSyntax whileLoop => whileLoop.Statement,
            DoStatementSyntax doLoop => doLoop.Statement,
            _ => null,
        };

        /// <summary>The statements of the try block after the one holding the call (not in a lambda); null when the call is nested deeper.</summary>
        private static List<StatementSyntax>? SuccessPath(SyntaxNode call, BlockSyntax tryBlock)
        {
            for (var node = call; node is not null && node != tryBlock; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return null;
                }

                if (node.Parent == tryBlock && node is StatementSyntax statement)
                {
                    return tryBlock.Statements.Skip(tryBlock.Statements.IndexOf(statement) + 1).ToList();
                }
            }

            return null;
        }

        /// <summary>Locals advanced by statements of their own (<c>i++;</c>, <c>i += 1;</c>, <c>i = i + 1;</c>).</summary>
        private static HashSet<ISymbol> AdvancedLocals(List<StatementSyntax> statements, SemanticModel model)
        {
            var advanced = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var statement in statements)
            {
                var target = model.GetOperation(statement) switch
                {
                    IExpressionStatementOperation { Operation: IIncrementOrDecrementOperation increment } => increment.Target,
                    IExpressionStatementOperation { Operation: ICompoundAssignmentOperation compound } => compound.Target,
                    IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment } => assignment.Target,
                    _ => null,
                };

                if (target is ILocalReferenceOperation local)
                {
                    advanced.Add(local.Local);
                }
            }

            return advanced;
        }
    }
}
