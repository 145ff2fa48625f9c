using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The attempt count of a retry loop with no bound of its own whose catch goes round only while a counter is under a
    /// constant (review 70, LocalAgentTravelPlanner): <c>for (var attempt = 0; ; attempt++) { try { ... } catch (...) when
    /// (attempt &lt; MaxRetries &amp;&amp; IsTransient(ex)) { ... } }</c> with <c>const int MaxRetries = 3</c> makes 4 attempts
    /// (the catch goes round for 0, 1, 2 and lets the fourth failure out). AIL0003 then gives the product with the SDK's
    /// own attempts, as it does for Polly options.
    /// </summary>
    /// <remarks>
    /// Only what fixes the count is read: the counter is a local declared outside the loop with a constant start, written
    /// nowhere but one <c>++</c> (or <c>+= 1</c>) that runs on every pass after the filter's test (the <c>for</c> loop's
    /// incrementor or a statement of the catch block), and every catch of the try is bounded by it, ends in a throw, or
    /// never goes round (every path returns or throws: <see cref="LoopRetryClassifier.LeavesLoop(ICatchClauseOperation, ILoopOperation)"/>). A
    /// counter counted before the call, counted under an <c>if</c>, reset, or compared with a setting leaves the count
    /// unknown (the message keeps "each of its attempts").
    /// </remarks>
    internal static class LoopAttemptBounds
    {
        /// <summary>The attempts <paramref name="loop"/> makes around <paramref name="try"/>, or null when the code does not fix them.</summary>
        public static int? FromCatchFilters(ILoopOperation loop, ITryOperation @try)
        {
            var unbounded = loop switch
            {
                IForLoopOperation { Condition: null } => true,
                IWhileLoopOperation { ConditionIsTop: true, Condition.ConstantValue: { HasValue: true, Value: true } } => true,
                _ => false,
            };
            if (!unbounded || @try.Catches.IsEmpty)
            {
                return null;
            }

            ILocalSymbol? counter = null;
            var bound = 0;
            var inclusive = false;
            foreach (var @catch in @try.Catches)
            {
                // A catch whose every path returns or throws out of the loop never goes round (a 400 answered with a
                // changed request, or thrown): it adds no attempt, whatever its filter.
                if (LoopRetryClassifier.LeavesLoop(@catch, loop))
                {
                    continue;
                }

                if (@catch.Filter is null)
                {
                    if (EndsInThrow(@catch.Handler))
                    {
                        continue;
                    }

                    return null;
                }

                if (FilterBound(@catch.Filter) is not { } found
                    || (counter is not null && !SymbolEqualityComparer.Default.Equals(counter, found.Counter)))
                {
                    return null;
                }

                counter = found.Counter;
                // The catch letting the counter go highest decides (`attempt <= 2` reaches further than `attempt < 2`).
                if (found.Bound + (found.Inclusive ? 1 : 0) > bound + (inclusive ? 1 : 0))
                {
                    (bound, inclusive) = (found.Bound, found.Inclusive);
                }
            }

            if (counter is null || CountedStart(counter, loop, @try) is not { } start)
            {
                return null;
            }

            // The catch goes round for start .. bound - 1 (or .. bound); the next failure leaves: one attempt more.
            var attempts = bound - start + (inclusive ? 2 : 1);
            return attempts > 0 ? attempts : null;
        }

        private static bool EndsInThrow(IBlockOperation handler) =>
            handler.Operations.LastOrDefault() is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary>A top-level <c>&amp;&amp;</c> part of the filter that is <c>counter &lt; K</c>, <c>counter &lt;= K</c>, <c>K &gt; counter</c> or <c>K &gt;= counter</c>.</summary>
        private static (ILocalSymbol Counter, int Bound, bool Inclusive)? FilterBound(IOperation filter)
        {
            var condition = ValueOrigins.Unwrap(filter);
            if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and)
            {
                return FilterBound(and.LeftOperand) ?? FilterBound(and.RightOperand);
            }

            if (condition is not IBinaryOperation comparison)
            {
                return null;
            }

            var left = ValueOrigins.Unwrap(comparison.LeftOperand);
            var right = ValueOrigins.Unwrap(comparison.RightOperand);
            return comparison.OperatorKind switch
            {
                BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual when left is ILocalReferenceOperation local && ValueOrigins.ConstantInt(right) is { } k =>
                    (local.Local, k, comparison.OperatorKind == BinaryOperatorKind.LessThanOrEqual),
                BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual when right is ILocalReferenceOperation local && ValueOrigins.ConstantInt(left) is { } k =>
                    (local.Local, k, comparison.OperatorKind == BinaryOperatorKind.GreaterThanOrEqual),
                _ => null,
            };
        }

        /// <summary>
        /// The constant start of <paramref name="counter"/> when it is declared outside the loop body with a constant and
        /// written only by one count up by one after the catch's test; otherwise null.
        /// </summary>
        private static int? CountedStart(ILocalSymbol counter, ILoopOperation loop, ITryOperation @try)
        {
            int? start = null;
            var declarations = 0;
            var increments = 0;
            foreach (var operation in ValueOrigins.Root(loop).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, counter):
                        declarations++;
                        start = declarator.GetVariableInitializer()?.Value is { } initial && !ValueOrigins.IsWithin(declarator.Syntax, loop.Body.Syntax)
                            ? ValueOrigins.ConstantInt(initial)
                            : null;
                        break;
                    case IIncrementOrDecrementOperation { Kind: OperationKind.Increment } increment when Counts(increment.Target, counter):
                        if (!AfterTheFilter(increment, loop, @try))
                        {
                            return null;
                        }

                        increments++;
                        break;
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } add when Counts(add.Target, counter):
                        if (ValueOrigins.ConstantInt(add.Value) != 1 || !AfterTheFilter(add, loop, @try))
                        {
                            return null;
                        }

                        increments++;
                        break;
                    case IIncrementOrDecrementOperation or ICompoundAssignmentOperation or ISimpleAssignmentOperation or IDeconstructionAssignmentOperation
                        when Writes(operation, counter):
                        return null;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Counts(argument.Value, counter):
                        return null;
                }
            }

            return declarations == 1 && increments == 1 ? start : null;
        }

        private static bool Counts(IOperation target, ILocalSymbol counter) =>
            ValueOrigins.Unwrap(target) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, counter);

        private static bool Writes(IOperation operation, ILocalSymbol counter) => operation switch
        {
            IIncrementOrDecrementOperation change => Counts(change.Target, counter),
            ICompoundAssignmentOperation compound => Counts(compound.Target, counter),
            ISimpleAssignmentOperation simple => Counts(simple.Target, counter),
            IDeconstructionAssignmentOperation deconstruction => deconstruction.Target.DescendantsAndSelf().Any(o => Counts(o, counter)),
            _ => false,
        };

        /// <summary>The count runs once per pass after the catch's filter: in the <c>for</c> loop's incrementor, or inside a catch of the try.</summary>
        private static bool AfterTheFilter(IOperation increment, ILoopOperation loop, ITryOperation @try)
        {
            if (loop is IForLoopOperation forLoop && forLoop.AtLoopBottom.Any(o => ValueOrigins.IsWithin(increment.Syntax, o.Syntax)))
            {
                return true;
            }

            // A statement of the catch block itself: not under an `if` (which may skip it) or in a loop of its own.
            return increment.Parent is IExpressionStatementOperation { Parent: IBlockOperation block }
                && @try.Catches.Any(c => c.Handler == block);
        }
    }
}
