using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Review 59 (N1, meatz89/Wayfarer <c>ClaudeProvider</c>): a retry that switches to a fallback model only after some
    /// same-model attempts,
    /// <code>
    /// var attempts = 0;
    /// while (true)
    /// {
    ///     if (attempts &gt;= 5) currentModel = fallbackModel;
    ///     try { ... POST with model = currentModel ... } catch (HttpRequestException) { ++attempts; await Task.Delay(d); }
    /// }
    /// </code>
    /// changes an input, but not on its first passes: they send the identical request again, a plain retry. An input
    /// change counts as "not yet" when it sits under an <c>if</c> on an attempt counter that keeps it from running on the
    /// counter's first two values, and the counter is compared with a constant of at least 2 (<c>attempts &gt;= 5</c>,
    /// <c>attempt &gt; 2</c>, <c>attempt == 3</c>, <c>attempt &lt; 3</c> in the <c>else</c>). A switch guarded by
    /// <c>attempt &gt; 0</c> or <c>attempt &gt;= 1</c> (failover: the second pass already differs), by the exception's kind,
    /// or a loop that also edits the prompt on every pass, still changes the request between the first passes.
    /// </summary>
    /// <remarks>
    /// The attempt counter is a local with a constant initial value that, inside this method, is written only by
    /// <c>++</c> or <c>+= 1</c> in the loop (a <c>for</c> loop's increment included). When one of those increments comes
    /// before the guard in the loop's text (other than the <c>for</c> increment), the guard already sees the counter one
    /// up on the first pass, and is read at the initial value plus one and plus two.
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>True when <paramref name="change"/> cannot run on the first two passes of <paramref name="loop"/> (see the class remarks).</summary>
        private static bool SkippedOnFirstPasses(IOperation change, ILoopOperation loop)
        {
            for (var node = change; node.Parent is { } parent && node != loop.Body; node = parent)
            {
                if (parent is IConditionalOperation conditional && node != conditional.Condition
                    && IsDecided(conditional.Condition, wanted: node != conditional.WhenTrue, loop))
                {
                    return true;
                }

                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation || parent == loop)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>The condition is <paramref name="wanted"/> on the first two passes, by an attempt-counter test in it.</summary>
        private static bool IsDecided(IOperation condition, bool wanted, ILoopOperation loop)
        {
            condition = ValueOrigins.Unwrap(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return IsDecided(not.Operand, !wanted, loop);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return wanted
                        ? IsDecided(and.LeftOperand, true, loop) && IsDecided(and.RightOperand, true, loop)
                        : IsDecided(and.LeftOperand, false, loop) || IsDecided(and.RightOperand, false, loop);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return wanted
                        ? IsDecided(or.LeftOperand, true, loop) || IsDecided(or.RightOperand, true, loop)
                        : IsDecided(or.LeftOperand, false, loop) && IsDecided(or.RightOperand, false, loop);
                case IBinaryOperation comparison:
                    return CounterTest(comparison, loop) is { } test
                        && test.Evaluate(test.First) == wanted && test.Evaluate(test.First + 1) == wanted;
                default:
                    return false;
            }
        }

        /// <summary><c>counter OP K</c> or <c>K OP counter</c> with an attempt counter and a constant K of at least 2.</summary>
        private static CounterComparison? CounterTest(IBinaryOperation comparison, ILoopOperation loop)
        {
            var (counterSide, constantSide, flipped) = ValueOrigins.Unwrap(comparison.LeftOperand) is ILocalReferenceOperation
                ? (comparison.LeftOperand, comparison.RightOperand, false)
                : (comparison.RightOperand, comparison.LeftOperand, true);
            if (ValueOrigins.Unwrap(counterSide) is not ILocalReferenceOperation counter
                || constantSide.ConstantValue is not { HasValue: true, Value: int bound } || bound < 2
                || FirstGuardValue(counter.Local, comparison, loop) is not { } first)
            {
                return null;
            }

            var kind = comparison.OperatorKind;
            if (flipped)
            {
                kind = kind switch
                {
                    BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                    BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                    BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                    BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                    _ => kind,
                };
            }

            return kind is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan
                or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
                ? new CounterComparison(kind, bound, first)
                : null;
        }

        /// <summary>
        /// The value the guard sees on the first pass: the counter's constant initial value, plus one when an increment
        /// precedes the guard in the loop. Null when the local is no attempt counter.
        /// </summary>
        private static int? FirstGuardValue(ILocalSymbol counter, IOperation guard, ILoopOperation loop)
        {
            int? initial = null;
            var incrementBefore = false;
            var bottom = loop is IForLoopOperation forLoop ? forLoop.AtLoopBottom : ImmutableArray<IOperation>.Empty;
            foreach (var operation in ValueOrigins.Root(loop).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, counter):
                        if (declarator.GetVariableInitializer()?.Value.ConstantValue is not { HasValue: true, Value: int start })
                        {
                            return null;
                        }

                        initial = start;
                        break;
                    case IIncrementOrDecrementOperation step when IsCounter(step.Target, counter):
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Value.ConstantValue: { HasValue: true, Value: 1 } } addOne when IsCounter(addOne.Target, counter):
                        if (operation.Kind == OperationKind.Decrement || !loop.Syntax.Span.Contains(operation.Syntax.Span))
                        {
                            return null;
                        }

                        if (operation.Syntax.SpanStart < guard.Syntax.SpanStart && !bottom.Any(b => b.Syntax.Span.Contains(operation.Syntax.Span)))
                        {
                            incrementBefore = true;
                        }

                        break;
                    case IAssignmentOperation other when IsCounter(other.Target, counter):
                        return null;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None } byRef when IsCounter(byRef.Value, counter):
                        return null;
                    case IAnonymousFunctionOperation or ILocalFunctionOperation when operation.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, counter)):
                        return null; // captured: a lambda may change it at any time
                }
            }

            return initial + (incrementBefore ? 1 : 0);
        }

        private static bool IsCounter(IOperation target, ILocalSymbol counter) =>
            ValueOrigins.Unwrap(target) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, counter);

        private sealed class CounterComparison
        {
            private readonly BinaryOperatorKind kind;
            private readonly int bound;

            public CounterComparison(BinaryOperatorKind kind, int bound, int first)
            {
                this.kind = kind;
                this.bound = bound;
                First = first;
            }

            /// <summary>The counter's value when the guard is read on the first pass.</summary>
            public int First { get; }

            public bool Evaluate(int value) => kind switch
            {
                BinaryOperatorKind.GreaterThan => value > bound,
                BinaryOperatorKind.GreaterThanOrEqual => value >= bound,
                BinaryOperatorKind.LessThan => value < bound,
                BinaryOperatorKind.LessThanOrEqual => value <= bound,
                BinaryOperatorKind.Equals => value == bound,
                _ => value != bound,
            };
        }
    }
}
