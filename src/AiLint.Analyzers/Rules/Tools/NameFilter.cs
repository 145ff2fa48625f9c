using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Whether a condition on a tool admits only tools named in a list: the fixed allow-lists of
    /// <see cref="AllowListRecognizer"/>, and also lists whose names come from configuration
    /// (<c>settings.AllowedTools.Contains(t.Name)</c>, <c>t.Name == options.Tool</c>).
    /// </summary>
    /// <remarks>
    /// Why a configured list counts as a bound: the catalog holds at most the tools someone named, and the people who
    /// write that configuration chose them; its size is a deployment decision AiLint cannot see, not a source that grows
    /// by itself. Reporting it would fail the build of code written the recommended way (an allow-list), so AiLint
    /// treats it as bounded. A substring or prefix test (<c>t.Name.StartsWith("git")</c>) is not a list of names and
    /// bounds nothing.
    /// </remarks>
    internal static class NameFilter
    {
        public static bool Admits(AllowListRecognizer allowList, IOperation? condition, ISymbol item)
        {
            if (allowList.Count(condition, item) != null)
            {
                return true;
            }

            switch (TypeIndex.Strip(condition))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    // `allowed.Count == 0 || allowed.Contains(t.Name)`: a side that does not look at the tool is a
                    // configuration switch ("an empty list means every tool"), decided where the list is.
                    var left = Admits(allowList, or.LeftOperand, item);
                    var right = Admits(allowList, or.RightOperand, item);
                    return left && right || left && IsIndependentOf(or.RightOperand, item) || right && IsIndependentOf(or.LeftOperand, item);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return Admits(allowList, and.LeftOperand, item) || Admits(allowList, and.RightOperand, item);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return IsNameComparedWithOtherValue(equals.LeftOperand, equals.RightOperand, item);
                case IInvocationOperation invocation:
                    return IsConfiguredContains(invocation, item) || IsStringEquals(invocation, item) || IsOwnSelection(invocation, item);
                default:
                    return false;
            }
        }

        /// <summary><c>names.Contains(t.Name)</c> (instance or <c>Enumerable.Contains</c>) on a collection of strings that is not the tool itself.</summary>
        private static bool IsConfiguredContains(IInvocationOperation invocation, ISymbol item)
        {
            if (invocation.TargetMethod.Name != "Contains")
            {
                return false;
            }

            var set = TypeIndex.Receiver(invocation);
            var valueIndex = invocation.Instance != null ? 0 : 1;
            return set != null
                && invocation.Arguments.Length > valueIndex
                && AllowListRecognizer.IsRootedIn(invocation.Arguments[valueIndex].Value, item)
                && !AllowListRecognizer.IsRootedIn(set, item)
                && invocation.Arguments[valueIndex].Value.Type?.SpecialType == SpecialType.System_String
                && set.Type?.SpecialType != SpecialType.System_String;
        }

        /// <summary>
        /// <c>policy.IsAllowed(t.Name)</c>, <c>IsEnabled(t)</c>: a method of the project given the tool (or its name)
        /// decides. Like a selection method the tools pass through, it is where the choice is made, and AiLint does not
        /// look inside it. Negated (<c>!policy.IsBlocked(t.Name)</c>) it reads as a deny-list, and is not a bound.
        /// </summary>
        private static bool IsOwnSelection(IInvocationOperation invocation, ISymbol item)
        {
            if (!IsOwnMethod(invocation.TargetMethod) || invocation.TargetMethod.ReturnType.SpecialType != SpecialType.System_Boolean)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (AllowListRecognizer.IsRootedIn(argument.Value, item))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A method declared in source (the project's own, including local functions), not an SDK or BCL one.</summary>
        public static bool IsOwnMethod(IMethodSymbol method) =>
            method.DeclaringSyntaxReferences.Length > 0 || method.OriginalDefinition.DeclaringSyntaxReferences.Length > 0
            || method.ReducedFrom?.DeclaringSyntaxReferences.Length > 0;

        /// <summary><c>string.Equals(t.Name, options.Tool[, comparison])</c>.</summary>
        private static bool IsStringEquals(IInvocationOperation invocation, ISymbol item) =>
            invocation.TargetMethod is { Name: "Equals", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String }
            && invocation.Arguments.Length >= 2
            && IsNameComparedWithOtherValue(invocation.Arguments[0].Value, invocation.Arguments[1].Value, item);

        private static bool IsNameComparedWithOtherValue(IOperation left, IOperation right, ISymbol item) =>
            left.Type?.SpecialType == SpecialType.System_String && right.Type?.SpecialType == SpecialType.System_String
            && (AllowListRecognizer.IsRootedIn(left, item) && !AllowListRecognizer.IsRootedIn(right, item) && !IsNullConstant(right)
                || AllowListRecognizer.IsRootedIn(right, item) && !AllowListRecognizer.IsRootedIn(left, item) && !IsNullConstant(left));

        private static bool IsIndependentOf(IOperation operation, ISymbol item)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, item)
                    || descendant is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, item))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsNullConstant(IOperation operation) =>
            TypeIndex.Strip(operation) is { ConstantValue: { HasValue: true, Value: null } };
    }
}
