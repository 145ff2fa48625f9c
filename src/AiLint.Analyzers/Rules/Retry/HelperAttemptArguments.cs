using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A retry loop bounded by a parameter of its method: <c>for (int attempt = 1; attempt &lt;= maxAttempts; attempt++)</c>
    /// in a helper <c>ExecuteWithRetry(Func&lt;Task&lt;T&gt;&gt; operation, int maxAttempts = 5, ...)</c> (Bardin08/docify).
    /// The loop alone shows no count, but each call of the helper does: <c>maxAttempts: 5</c>, or the parameter's constant
    /// default when the call leaves it out. AIL0003 then gives that call's product, as for a loop with a constant bound.
    /// </summary>
    /// <remarks>
    /// Only what fixes the count is read: a <c>for</c> loop whose counter is declared in it with a constant start, counted
    /// up by one in its incrementor alone and compared with <c>&lt;</c> or <c>&lt;=</c> to a parameter of the method the
    /// loop is written in (not a lambda's or a local function's), which nothing in the method writes. A value the call
    /// does not spell as a constant leaves the count unknown (the message keeps "each of its attempts").
    /// </remarks>
    internal static class HelperAttemptArguments
    {
        /// <summary>The parameter bounding <paramref name="loop"/>'s attempts, or null when the loop is not read as above.</summary>
        public static ParameterAttemptBound? BoundOf(IForLoopOperation loop)
        {
            if (loop.Condition is not IBinaryOperation { LeftOperand: ILocalReferenceOperation counter } condition
                || ValueOrigins.Unwrap(condition.RightOperand) is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } parameter }
                || parameter.RefKind != RefKind.None
                || condition.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual))
            {
                return null;
            }

            if (ConstantStart(loop, counter.Local) is not { } first
                || loop.AtLoopBottom.Length != 1 || !CountsUpByOne(loop.AtLoopBottom[0], counter.Local))
            {
                return null;
            }

            // The loop is the method's own (a lambda's loop could read a parameter of the method it sits in), and neither
            // the counter (in the body) nor the parameter (anywhere) is written.
            var root = ValueOrigins.Root(loop);
            if (!RetryContextFinder.DescendantsInSameFunction(root).Contains(loop)
                || loop.Body.DescendantsAndSelf().Any(o => Writes(o, counter.Local))
                || root.DescendantsAndSelf().Any(o => Writes(o, parameter)))
            {
                return null;
            }

            return new ParameterAttemptBound(parameter, (condition.OperatorKind == BinaryOperatorKind.LessThanOrEqual ? 1 : 0) - first);
        }

        /// <summary>
        /// The attempts the helper <paramref name="target"/> makes for <paramref name="invocation"/>: the constant passed
        /// for the bounding parameter of its retry (or that parameter's constant default), plus the loop's offset.
        /// </summary>
        public static int? ForCall(IInvocationOperation invocation, IMethodSymbol target, ParameterAttemptBound? bound) =>
            Passed(invocation, target, bound) is > 1 and var attempts ? attempts : null;

        /// <summary>
        /// True when <paramref name="invocation"/> fixes the helper's attempts at one or none (<c>maxAttempts: 1</c>,
        /// <c>maxRetries: 0</c> into <c>attempt &lt;= maxRetries</c> from 0, or such a constant default): the helper runs
        /// the callback once, so the call is no retry.
        /// </summary>
        /// <remarks>A half-typed count (<c>maxAttempts: </c>, an unknown name) says nothing either way: quiet too.</remarks>
        public static bool RunsOnce(IInvocationOperation invocation, IMethodSymbol target, ParameterAttemptBound? bound) =>
            BoundArgument(invocation, target, bound) is { } argument
            && (ValueOrigins.ConstantInt(argument.Value) + bound!.Offset is <= 1
                || argument.Value is IInvalidOperation || argument.Value.Type is null or IErrorTypeSymbol);

        /// <summary>
        /// The attempts a <c>for (var i = a; i &lt; b; ...)</c> with constants states: b - a (b - a + 1 for <c>&lt;=</c>);
        /// null when the start or the bound is not a constant. The count the retry's message gives.
        /// </summary>
        public static int? ConstantAttempts(IForLoopOperation loop)
        {
            if (loop.Condition is not IBinaryOperation { LeftOperand: ILocalReferenceOperation counter } condition
                || ValueOrigins.ConstantInt(condition.RightOperand) is not { } bound
                || ConstantStart(loop, counter.Local) is not { } first)
            {
                return null;
            }

            return condition.OperatorKind switch
            {
                BinaryOperatorKind.LessThan => bound - first,
                BinaryOperatorKind.LessThanOrEqual => bound - first + 1,
                _ => null,
            };
        }

        /// <summary>
        /// An inline <c>for (var i = 0; i &lt; 1; i++)</c> whose constant bound (<see cref="ConstantAttempts"/>) lets it run
        /// once or not at all: the counter counts up by one in the incrementor alone and the body never writes it.
        /// </summary>
        public static bool LoopRunsOnce(IForLoopOperation loop) =>
            ConstantAttempts(loop) is <= 1
            && loop.Condition is IBinaryOperation { LeftOperand: ILocalReferenceOperation counter }
            && loop.AtLoopBottom.Length == 1 && CountsUpByOne(loop.AtLoopBottom[0], counter.Local)
            && !loop.Body.DescendantsAndSelf().Any(o => Writes(o, counter.Local));

        /// <summary>The attempts the call fixes (the passed constant or constant default plus the loop's offset), or null.</summary>
        private static int? Passed(IInvocationOperation invocation, IMethodSymbol target, ParameterAttemptBound? bound) =>
            BoundArgument(invocation, target, bound) is { } argument ? ValueOrigins.ConstantInt(argument.Value) + bound!.Offset : null;

        /// <summary>The argument (passed or defaulted) of <paramref name="invocation"/> for the bounding parameter.</summary>
        private static IArgumentOperation? BoundArgument(IInvocationOperation invocation, IMethodSymbol target, ParameterAttemptBound? bound)
        {
            if (bound is null || !SymbolEqualityComparer.Default.Equals(bound.Parameter.ContainingSymbol, target))
            {
                return null;
            }

            var offset = invocation.TargetMethod.ReducedFrom is null ? 0 : 1;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.OriginalDefinition.Ordinal + offset == bound.Parameter.Ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The constant the loop's own declaration of <paramref name="counter"/> starts it at, or null.</summary>
        private static int? ConstantStart(IForLoopOperation loop, ILocalSymbol counter) =>
            loop.Before.SelectMany(b => b.DescendantsAndSelf()).OfType<IVariableDeclaratorOperation>()
                .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, counter))?.GetVariableInitializer()?.Value is { } start
                ? ValueOrigins.ConstantInt(start)
                : null;

        private static bool CountsUpByOne(IOperation step, ILocalSymbol counter)
        {
            step = step is IExpressionStatementOperation statement ? statement.Operation : step;
            return step switch
            {
                IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Local, counter),
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation target } add =>
                    SymbolEqualityComparer.Default.Equals(target.Local, counter) && ValueOrigins.ConstantInt(add.Value) == 1,
                _ => false,
            };
        }

        private static bool Writes(IOperation operation, ISymbol symbol)
        {
            var target = operation switch
            {
                IIncrementOrDecrementOperation change => change.Target,
                ICompoundAssignmentOperation compound => compound.Target,
                ISimpleAssignmentOperation simple => simple.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                IDeconstructionAssignmentOperation deconstruction => deconstruction.Target,
                _ => null,
            };

            return target is not null && target.DescendantsAndSelf().Any(t => t switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
                _ => false,
            });
        }
    }

    /// <summary>A retry loop's attempts as a parameter of its method plus a fixed offset (<c>attempt &lt;= max</c> from 1: +0).</summary>
    internal sealed class ParameterAttemptBound
    {
        public ParameterAttemptBound(IParameterSymbol parameter, int offset)
        {
            Parameter = parameter;
            Offset = offset;
        }

        public IParameterSymbol Parameter { get; }

        public int Offset { get; }
    }
}
