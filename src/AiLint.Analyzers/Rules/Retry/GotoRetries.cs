using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A retry written with a label and <c>goto</c>: <c>retry: try { return await Call(); } catch (...) { await Task.Delay(d); goto retry; }</c>.
    /// The label sits on the <c>try</c>, or on a statement before it in the same block with only expression statements
    /// (<c>attempt++;</c>) in between; every <c>goto</c> to it is inside one of the try's catches, so a success never goes
    /// back. Whether it repeats a given call with the same inputs is decided as for a loop (see
    /// <see cref="LoopRetryClassifier.GotoRetriesCall"/>).
    /// </summary>
    internal static class GotoRetries
    {
        /// <summary>The labeled statement the try's catches jump back to, when the try has that shape; null otherwise.</summary>
        public static ILabeledOperation? RetryLabel(ITryOperation @try)
        {
            var labeled = FindLabel(@try, out _);
            if (labeled is null)
            {
                return null;
            }

            var jumps = 0;
            foreach (var operation in ValueOrigins.Root(@try).Descendants())
            {
                if (operation is IBranchOperation { BranchKind: BranchKind.GoTo } branch && SymbolEqualityComparer.Default.Equals(branch.Target, labeled.Label))
                {
                    if (!@try.Catches.Any(c => IsWithin(branch, c.Handler)))
                    {
                        return null; // jumped to from elsewhere: a success may go back too
                    }

                    jumps++;
                }
            }

            return jumps > 0 ? labeled : null;
        }

        /// <summary>The catches of <paramref name="try"/> that jump back to <paramref name="label"/>.</summary>
        public static IEnumerable<ICatchClauseOperation> JumpingCatches(ITryOperation @try, ILabelSymbol label) =>
            @try.Catches.Where(c => RetryContextFinder.DescendantsInSameFunction(c.Handler)
                .Any(o => o is IBranchOperation { BranchKind: BranchKind.GoTo } branch && SymbolEqualityComparer.Default.Equals(branch.Target, label)));

        /// <summary>The statements run again before the try on each pass (from the label's statement up to the try).</summary>
        public static List<IOperation> StatementsBefore(ITryOperation @try)
        {
            var statements = new List<IOperation>();
            if (FindLabel(@try, out var before) is not null)
            {
                statements.AddRange(before);
            }

            return statements;
        }

        private static ILabeledOperation? FindLabel(ITryOperation @try, out List<IOperation> before)
        {
            before = new List<IOperation>();
            if (@try.Parent is ILabeledOperation direct)
            {
                return direct;
            }

            if (@try.Parent is not IBlockOperation block)
            {
                return null;
            }

            for (var i = block.Operations.IndexOf(@try) - 1; i >= 0; i--)
            {
                var statement = block.Operations[i];
                if (statement is ILabeledOperation { Operation: IExpressionStatementOperation or null } labeled)
                {
                    if (labeled.Operation is not null)
                    {
                        before.Insert(0, labeled.Operation);
                    }

                    return labeled;
                }

                if (statement is not IExpressionStatementOperation)
                {
                    return null;
                }

                before.Insert(0, statement);
            }

            return null;
        }

        private static bool IsWithin(IOperation inner, IOperation outer)
        {
            for (var current = inner; current is not null; current = current.Parent)
            {
                if (current == outer)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
