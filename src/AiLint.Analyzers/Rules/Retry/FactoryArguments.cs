using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The arguments a project factory method was called with (<c>Pipelines.Create(withRetry: false)</c>), so that a
    /// condition in its body on one of its parameters can be decided for that call. Only constant arguments decide
    /// anything; every other condition stays undecided (null).
    /// </summary>
    internal readonly struct FactoryArguments
    {
        private readonly IInvocationOperation? call;

        public FactoryArguments(IInvocationOperation call) => this.call = call;

        public static FactoryArguments None => default;

        /// <summary>
        /// The value of <paramref name="condition"/> for this call, when it reads only a parameter of the factory given a
        /// constant: <c>flag</c>, <c>!flag</c>, <c>kind == Kind.Llm</c>, <c>name != "chat"</c>. Null when undecided.
        /// </summary>
        public bool? Evaluate(IOperation? condition)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (call is null || condition is null)
            {
                return null;
            }

            switch (ValueOrigins.Unwrap(condition))
            {
                case IParameterReferenceOperation parameter:
                    return ArgumentValue(parameter) is bool flag ? flag : null;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Evaluate(not.Operand) is { } inner ? !inner : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    var equal = Compare(comparison.LeftOperand, comparison.RightOperand) ?? Compare(comparison.RightOperand, comparison.LeftOperand);
                    return equal is { } isEqual ? isEqual == (comparison.OperatorKind == BinaryOperatorKind.Equals) : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                    var left = Evaluate(logical.LeftOperand);
                    var right = Evaluate(logical.RightOperand);
                    if (logical.OperatorKind == BinaryOperatorKind.ConditionalAnd)
                    {
                        return left == false || right == false ? false : left == true && right == true ? true : null;
                    }

                    return left == true || right == true ? true : left == false && right == false ? false : null;
                default:
                    return null;
            }
        }

        private bool? Compare(IOperation parameterSide, IOperation constantSide)
        {
            var constant = ValueOrigins.Unwrap(constantSide).ConstantValue;
            if (ValueOrigins.Unwrap(parameterSide) is not IParameterReferenceOperation parameter || !constant.HasValue
                || !HasConstantArgument(parameter, out var value))
            {
                return null;
            }

            // Only like with like: a boxed int never equals a boxed long, which would decide the wrong branch.
            return value?.GetType() == constant.Value?.GetType() ? Equals(value, constant.Value) : null;
        }

        /// <summary>
        /// True when <paramref name="operation"/> lies in a branch of an <c>if</c> or <c>?:</c> (below <paramref name="root"/>)
        /// that this call's arguments visibly do not take: <c>if (withRetry) builder.AddRetry(...)</c> for <c>Create(false)</c>.
        /// </summary>
        public bool IsInBranchNotTaken(IOperation operation, IOperation root)
        {
            if (call is null)
            {
                return false;
            }

            for (var child = operation; child.Parent is { } parent && child != root; child = parent)
            {
                if (parent is IConditionalOperation conditional && child != conditional.Condition
                    && Evaluate(conditional.Condition) is { } value
                    && value != (child == conditional.WhenTrue))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="operation"/> may be skipped on some path through <paramref name="root"/>: it lies in a
        /// branch of an <c>if</c>, <c>?:</c> or <c>switch</c>, or in a loop, that this call's arguments do not visibly
        /// take (<c>if (settings.EnableRetries) builder.AddRetry(...)</c>). With no call (a builder in the method that uses
        /// it) every such branch may be skipped.
        /// </summary>
        public bool MayBeSkipped(IOperation operation, IOperation root)
        {
            for (var child = operation; child.Parent is { } parent && child != root; child = parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when child != conditional.Condition:
                        if (Evaluate(conditional.Condition) is not { } value || value != (child == conditional.WhenTrue))
                        {
                            return true;
                        }

                        break;
                    case ISwitchCaseOperation or ISwitchExpressionArmOperation or ILoopOperation or ICatchClauseOperation or ICoalesceOperation or IConditionalAccessOperation:
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when every path through <paramref name="root"/> reaches <paramref name="operation"/> (statements aside that
        /// leave first): it lies only in blocks and in branches this call's arguments visibly take.
        /// </summary>
        public bool IsSurelyReached(IOperation operation, IOperation root)
        {
            for (var child = operation; child.Parent is { } parent && child != root; child = parent)
            {
                switch (parent)
                {
                    case IBlockOperation:
                        break;
                    case IConditionalOperation conditional when child != conditional.Condition
                        && Evaluate(conditional.Condition) is { } value && value == (child == conditional.WhenTrue):
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        private object? ArgumentValue(IParameterReferenceOperation parameter) =>
            HasConstantArgument(parameter, out var value) ? value : null;

        /// <summary>The constant the call gives the factory's <paramref name="parameter"/> (explicitly, or its default value).</summary>
        private bool HasConstantArgument(IParameterReferenceOperation parameter, out object? value)
        {
            value = null;
            if (call is null
                || !SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol.OriginalDefinition, call.TargetMethod.OriginalDefinition)
                || call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Parameter.Ordinal) is not { } argument)
            {
                return false;
            }

            var constant = ValueOrigins.Unwrap(argument.Value).ConstantValue;
            if (!constant.HasValue)
            {
                return false;
            }

            value = constant.Value;
            return true;
        }
    }
}
