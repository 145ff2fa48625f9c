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
    /// bounds nothing, nor is a list of names taken from the server's own tools (<c>tools.Select(t =&gt; t.Name)</c>).
    /// </remarks>
    internal static class NameFilter
    {
        public static bool Admits(AllowListRecognizer allowList, IOperation? condition, ISymbol item)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (allowList.Count(condition, item) != null)
            {
                return true;
            }

            if (NullConditionalTest(condition, negated: false) is { } access)
            {
                return AdmitsThroughNullConditional(allowList, access, item);
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
                    return IsConfiguredContains(invocation, item) && !allowList.IsTakenFromTools(TypeIndex.Receiver(invocation))
                        || IsStringEquals(invocation, item) || IsOwnSelection(invocation, item)
                        || (IsConfiguredLookup(invocation, item) || IsConfiguredAny(invocation, item)) && !allowList.IsTakenFromTools(TypeIndex.Receiver(invocation));
                case ISwitchExpressionOperation switchExpression:
                    return IsNameSwitch(switchExpression, item);
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    // settings.Enabled[t.Name]: a configured switch per tool name.
                    return indexer.Type?.SpecialType == SpecialType.System_Boolean
                        && indexer.Arguments.Length == 1
                        && IsNameOf(indexer.Arguments[0].Value, item)
                        && !AllowListRecognizer.IsRootedIn(indexer.Instance, item);
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether <paramref name="condition"/> is false only for tools a list names: <c>!allowed.Contains(t.Name)</c>, or
        /// <c>allowed?.Contains(t.Name) != true</c>. The test of a skip (<c>if (...) continue;</c>) or of a removal
        /// (<c>RemoveAll(t =&gt; ...)</c>) that keeps the tools the list names.
        /// </summary>
        public static bool AdmitsWhenFalse(AllowListRecognizer allowList, IOperation? condition, ISymbol item)
        {
            if (NullConditionalTest(condition, negated: true) is { } access)
            {
                return AdmitsThroughNullConditional(allowList, access, item);
            }

            return TypeIndex.Strip(condition) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not && Admits(allowList, not.Operand, item);
        }

        /// <summary>
        /// A test read through a null-conditional whose missing receiver gives a constant: <c>allowed?.Contains(t.Name)</c>
        /// compared with <c>true</c> (or <c>false</c> with <c>!=</c>), matched by <c>is true</c> / <c>is not false</c>, or
        /// coalesced with <c>?? false</c> / <c>?? true</c>. The settings class of an optional list
        /// (<c>List&lt;string&gt;? AllowedTools</c>) is read this way under nullable reference types. A missing list then
        /// admits no tool, or every tool: the "no list means all" switch that AiLint accepts written
        /// <c>allowed == null || allowed.Contains(t.Name)</c>. Returns the access when the condition holds exactly when the
        /// test does (<paramref name="negated"/>: when it fails, <c>!= true</c>, <c>== false</c>, <c>is false</c>), else null.
        /// </summary>
        private static IConditionalAccessOperation? NullConditionalTest(IOperation? condition, bool negated)
        {
            switch (TypeIndex.Strip(condition))
            {
                case ICoalesceOperation { Value: var coalesced, WhenNull: var whenNull } when !negated && BoolConstant(whenNull) != null:
                    return TypeIndex.Strip(coalesced) as IConditionalAccessOperation;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    // `== true` and `!= false` keep the test; `== false` and `!= true` negate it.
                    var (access, constant) = TypeIndex.Strip(comparison.LeftOperand) is IConditionalAccessOperation left
                        ? (left, BoolConstant(comparison.RightOperand))
                        : (TypeIndex.Strip(comparison.RightOperand) as IConditionalAccessOperation, BoolConstant(comparison.LeftOperand));
                    return access != null && constant is bool expected
                        && expected == (comparison.OperatorKind == BinaryOperatorKind.Equals) != negated ? access : null;
                case IIsPatternOperation { Value: var tested, Pattern: var pattern } when TypeIndex.Strip(tested) is IConditionalAccessOperation matchedAccess:
                    var (matched, isNot) = pattern is INegatedPatternOperation { Pattern: var inner } ? (inner, true) : (pattern, false);
                    return matched is IConstantPatternOperation { Value: var constantValue } && BoolConstant(constantValue) is bool matchedValue
                        && matchedValue != isNot != negated ? matchedAccess : null;
                default:
                    return null;
            }
        }

        private static bool? BoolConstant(IOperation? operation) =>
            TypeIndex.Strip(operation) is { ConstantValue: { HasValue: true, Value: bool value } } ? value : null;

        /// <summary>
        /// The test inside <c>a?.B?.Contains(t.Name)</c> admits only named tools, and no receiver of the chain reads the
        /// tool (<c>t.ProtocolTool.Annotations?.ReadOnlyHint</c> is the server's data, not a list someone wrote).
        /// </summary>
        private static bool AdmitsThroughNullConditional(AllowListRecognizer allowList, IConditionalAccessOperation access, ISymbol item)
        {
            for (var current = access; ;)
            {
                if (!IsIndependentOf(current.Operation, item))
                {
                    return false;
                }

                if (TypeIndex.Strip(current.WhenNotNull) is IConditionalAccessOperation inner)
                {
                    current = inner;
                    continue;
                }

                return Admits(allowList, current.WhenNotNull, item);
            }
        }

        /// <summary>
        /// <c>t.Name switch { "search" or "fetch" =&gt; true, _ =&gt; false }</c>: the arms that admit a tool name it with
        /// string constants, and every other arm is <c>false</c>.
        /// </summary>
        private static bool IsNameSwitch(ISwitchExpressionOperation switchExpression, ISymbol item)
        {
            if (!IsNameOf(switchExpression.Value, item))
            {
                return false;
            }

            var admitsSome = false;
            foreach (var arm in switchExpression.Arms)
            {
                switch (TypeIndex.Strip(arm.Value)?.ConstantValue.Value)
                {
                    case false:
                        continue;
                    case true when arm.Guard == null && IsConstantNames(arm.Pattern):
                        admitsSome = true;
                        continue;
                    default:
                        return false;
                }
            }

            return admitsSome;
        }

        private static bool IsConstantNames(IPatternOperation pattern) => pattern switch
        {
            IConstantPatternOperation constant => constant.Value.ConstantValue.Value is string,
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsConstantNames(or.LeftPattern) && IsConstantNames(or.RightPattern),
            _ => false,
        };

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

        /// <summary>
        /// <c>enabled.ContainsKey(t.Name)</c>, <c>enabled.TryGetValue(t.Name, out var on)</c>,
        /// <c>enabled.GetValueOrDefault(t.Name)</c>: a dictionary keyed by configured tool names.
        /// </summary>
        private static bool IsConfiguredLookup(IInvocationOperation invocation, ISymbol item)
        {
            if (invocation.TargetMethod.Name is not ("ContainsKey" or "TryGetValue" or "GetValueOrDefault"))
            {
                return false;
            }

            var set = TypeIndex.Receiver(invocation);
            var keyIndex = invocation.Instance != null ? 0 : 1;
            return set != null
                && invocation.Arguments.Length > keyIndex
                && IsNameOf(invocation.Arguments[keyIndex].Value, item)
                && !AllowListRecognizer.IsRootedIn(set, item);
        }

        /// <summary>
        /// <c>names.Any(n =&gt; n == t.Name)</c>, <c>names.Exists(n =&gt; string.Equals(n, t.Name, comparison))</c>: the
        /// same test as <c>names.Contains(t.Name)</c>, written with a lambda.
        /// </summary>
        private static bool IsConfiguredAny(IInvocationOperation invocation, ISymbol item)
        {
            if (invocation.TargetMethod.Name is not ("Any" or "Exists")
                || TypeIndex.Receiver(invocation) is not { } set
                || AllowListRecognizer.IsRootedIn(set, item)
                || invocation.Arguments.Length == 0
                || TypeIndex.Strip(invocation.Arguments[invocation.Arguments.Length - 1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                || lambda.Symbol.Parameters.Length != 1
                || lambda.Body.Operations.Length != 1
                || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } condition })
            {
                return false;
            }

            var name = lambda.Symbol.Parameters[0];
            switch (TypeIndex.Strip(condition))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return ComparesWith(equals.LeftOperand, equals.RightOperand, name, item);
                case IInvocationOperation { TargetMethod: { Name: "Equals", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } } equals
                    when equals.Arguments.Length >= 2:
                    return ComparesWith(equals.Arguments[0].Value, equals.Arguments[1].Value, name, item);
                case IInvocationOperation { TargetMethod: { Name: "Equals", IsStatic: false, ContainingType.SpecialType: SpecialType.System_String } } equals
                    when equals.Instance != null && equals.Arguments.Length >= 1:
                    return ComparesWith(equals.Instance, equals.Arguments[0].Value, name, item);
                default:
                    return false;
            }
        }

        // One side is the lambda's name, the other the tool's name.
        private static bool ComparesWith(IOperation left, IOperation right, IParameterSymbol name, ISymbol item) =>
            AllowListRecognizer.IsRootedIn(left, name) && IsNameOf(right, item)
            || AllowListRecognizer.IsRootedIn(right, name) && IsNameOf(left, item);

        // A string read from the tool (t.Name, t.ProtocolTool.Name, t.Name.ToLowerInvariant()).
        private static bool IsNameOf(IOperation value, ISymbol item) =>
            value.Type?.SpecialType == SpecialType.System_String && AllowListRecognizer.IsRootedIn(value, item);

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
