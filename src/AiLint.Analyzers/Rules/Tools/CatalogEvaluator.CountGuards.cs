using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// <c>tools.Count &gt; Max ? tools.Take(Max).ToList() : tools</c>: the branch that hands on the collection itself runs
        /// only when its count is at most a constant within the cap, so it holds no unbounded source there. Returns the
        /// content of <paramref name="conditional"/> with that branch read as a bounded, unknown count; null when the
        /// condition is no such count test.
        /// </summary>
        private CatalogContent? CountGuarded(IConditionalOperation conditional, IOperation entry)
        {
            if (conditional.WhenFalse != null && TypeIndex.Strip(conditional.Condition) is IIsPatternOperation isPattern)
            {
                return PatternGuarded(conditional, isPattern, entry);
            }

            if (conditional.WhenFalse == null || TypeIndex.Strip(conditional.Condition) is not IBinaryOperation test)
            {
                return null;
            }

            var (counted, limit, kind) = CountOf(test.LeftOperand) is { } left && IntConstant(test.RightOperand) is { } right
                ? (left, right, test.OperatorKind)
                : CountOf(test.RightOperand) is { } rightCount && IntConstant(test.LeftOperand) is { } leftLimit
                    ? (rightCount, leftLimit, Flip(test.OperatorKind))
                    : (null, 0, BinaryOperatorKind.None);
            if (counted == null)
            {
                return null;
            }

            // Which branch runs with count <= bound.
            var (small, bound) = kind switch
            {
                BinaryOperatorKind.GreaterThan => (conditional.WhenFalse, limit),
                BinaryOperatorKind.GreaterThanOrEqual => (conditional.WhenFalse, limit - 1),
                BinaryOperatorKind.LessThanOrEqual => (conditional.WhenTrue, limit),
                BinaryOperatorKind.LessThan => (conditional.WhenTrue, limit - 1),
                _ => (null, 0),
            };
            if (small == null || bound > _cap || !SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(SpreadOf(small)), counted))
            {
                return null;
            }

            var other = small == conditional.WhenTrue ? conditional.WhenFalse : conditional.WhenTrue;
            return Collection(other, entry).Or(CatalogContent.Unknown);
        }

        /// <summary><c>[.. tools]</c> or <c>tools.ToList()</c> copies the collection; the collection itself otherwise.</summary>
        private static IOperation? SpreadOf(IOperation? operation)
        {
            var value = TypeIndex.Strip(operation);
            if (value?.Syntax is CollectionExpressionSyntax { Elements.Count: 1 } collection && collection.Elements[0] is SpreadElementSyntax spread)
            {
                return SpreadOperand(value.SemanticModel, spread);
            }

            return value is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" } copy ? TypeIndex.Receiver(copy) : value;
        }

        /// <summary>The local, field or parameter whose <c>Count</c>, <c>Length</c> or <c>Count()</c> is read.</summary>
        private static ISymbol? CountOf(IOperation operand)
        {
            switch (TypeIndex.Strip(operand))
            {
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length" } property:
                    return TypeIndex.Holder(property.Instance);
                case IInvocationOperation { TargetMethod.Name: "Count", Arguments.Length: 1 } count when count.TargetMethod.IsExtensionMethod:
                    return TypeIndex.Holder(count.Arguments[0].Value);
                default:
                    return null;
            }
        }

        private static int? IntConstant(IOperation operand) => TypeIndex.Strip(operand)?.ConstantValue is { HasValue: true, Value: int value } ? value : null;

        /// <summary>What a false <c>count &gt; n</c> (<c>&gt;=</c>) says: <c>count &lt;= n</c> (<c>&lt;</c>); None for other tests.</summary>
        private static BinaryOperatorKind NegatedUpperTest(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
            _ => BinaryOperatorKind.None,
        };

        private static BinaryOperatorKind Flip(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            _ => kind,
        };
    }
}
