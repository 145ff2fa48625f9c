using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Recognises a filter against a fixed allow-list: <c>allowed.Contains(t.Name)</c> with a compile-time-known set of
    /// string constants, <c>t.Name == "x"</c>, <c>t.Name is "a" or "b"</c>, and their <c>||</c>/<c>&amp;&amp;</c> combinations.
    /// </summary>
    internal sealed class AllowListRecognizer
    {
        private readonly TypeIndex _index;
        private readonly KnownToolSymbols? _symbols;

        public AllowListRecognizer(TypeIndex index, KnownToolSymbols? symbols = null)
        {
            _index = index;
            _symbols = symbols;
        }

        /// <summary>
        /// Whether the name list <paramref name="set"/> is taken from a tool collection (<c>tools.Select(t =&gt; t.Name).ToList()</c>,
        /// <c>new HashSet&lt;string&gt;(tools.Select(...))</c>), directly or through a local every write of which is: the
        /// server's own names, which admit every tool it lists. A list combined with configuration
        /// (<c>settings.Allowed ?? names</c>, <c>names.Intersect(settings.Allowed)</c>) or filtered first
        /// (<c>tools.Where(...).Select(t =&gt; t.Name)</c>) is the configuration's decision.
        /// </summary>
        public bool IsTakenFromTools(IOperation? set) => _symbols != null && IsTakenFromTools(set, depth: 0);

        private bool IsTakenFromTools(IOperation? set, int depth)
        {
            for (set = TypeIndex.Strip(ConditionalReceiver(set)); set != null && depth < 32; depth++)
            {
                if (set is IInvocationOperation { TargetMethod.IsExtensionMethod: true } step && !KeepsEveryName(step.TargetMethod.Name))
                {
                    return false; // a Where (perhaps an allow-list), a Take, an Intersect: no longer every tool
                }

                if (set.Type is { } type && _symbols!.IsToolCollection(type))
                {
                    return true;
                }

                switch (set)
                {
                    case ILocalReferenceOperation local:
                        return _index.Writes.TryGetValue(local.Local, out var writes) && writes.Count > 0
                            && writes.TrueForAll(write => IsTakenFromTools(write, depth + 8));
                    case IAwaitOperation awaited:
                        set = TypeIndex.Strip(awaited.Operation);
                        break;
                    case IInvocationOperation { TargetMethod.IsExtensionMethod: true } call:
                        set = TypeIndex.Strip(TypeIndex.Receiver(call));
                        break;
                    case IObjectCreationOperation { Arguments.Length: >= 1 } creation:
                        set = TypeIndex.Strip(creation.Arguments[0].Value);
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool KeepsEveryName(string method) =>
            method is "Select" or "ToList" or "ToArray" or "ToHashSet" or "AsEnumerable" or "Distinct" or "OrderBy" or "OrderByDescending";

        /// <summary>
        /// The receiver a null-conditional call stands on: for <c>allowed?.Contains(t.Name)</c> the call's instance is
        /// a placeholder, and the list is <c>allowed</c>. Any other operation is returned as it is.
        /// </summary>
        public static IOperation? ConditionalReceiver(IOperation? operation)
        {
            if (TypeIndex.Strip(operation) is not IConditionalAccessInstanceOperation instance)
            {
                return operation;
            }

            IOperation child = instance;
            for (var parent = instance.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access && ReferenceEquals(access.WhenNotNull, child))
                {
                    return access.Operation;
                }
            }

            return operation;
        }

        /// <summary>The number of names <paramref name="condition"/> admits for <paramref name="item"/>, or null when it is not an allow-list test.</summary>
        public int? Count(IOperation? condition, ISymbol item)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (TypeIndex.Strip(condition))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return Count(or.LeftOperand, item) is { } l && Count(or.RightOperand, item) is { } r ? l + r : (int?)null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    var left = Count(and.LeftOperand, item);
                    var right = Count(and.RightOperand, item);
                    return left is { } a && right is { } b ? System.Math.Min(a, b) : left ?? right;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return IsConstantString(equals.RightOperand) && IsRootedIn(equals.LeftOperand, item)
                        || IsConstantString(equals.LeftOperand) && IsRootedIn(equals.RightOperand, item) ? 1 : (int?)null;
                case IIsPatternOperation isPattern when IsRootedIn(isPattern.Value, item):
                    return CountPattern(isPattern.Pattern);
                case IInvocationOperation invocation:
                    return CountInvocation(invocation, item);
                default:
                    return null;
            }
        }

        /// <summary>The size of a set of string constants known at compile time, or null.</summary>
        public int? CountConstantSet(IOperation? operation, HashSet<ISymbol>? visited = null)
        {
            operation = TypeIndex.Strip(operation);
            if (operation == null)
            {
                return null;
            }

            if (operation.Syntax is CollectionExpressionSyntax collection)
            {
                var count = 0;
                foreach (var element in collection.Elements)
                {
                    var elementOperation = element switch
                    {
                        ExpressionElementSyntax expression => operation.SemanticModel?.GetOperation(expression.Expression),
                        SpreadElementSyntax spread => CatalogEvaluator.SpreadOperand(operation.SemanticModel, spread),
                        _ => null,
                    };
                    int? part = element is SpreadElementSyntax ? CountConstantSet(elementOperation, visited) : IsConstantString(elementOperation) ? 1 : (int?)null;
                    if (part == null)
                    {
                        return null;
                    }

                    count += part.Value;
                }

                return count;
            }

            switch (operation)
            {
                case IArrayCreationOperation array when array.Initializer != null:
                    return array.Initializer.ElementValues.All(IsConstantString) ? array.Initializer.ElementValues.Length : (int?)null;
                case IObjectCreationOperation creation:
                    return CountCreation(creation, visited);
                case IInvocationOperation invocation when invocation.TargetMethod.Name == "Create" && invocation.Syntax is InvocationExpressionSyntax call
                        && call.ArgumentList.Arguments.Count > 0
                        && call.ArgumentList.Arguments.All(a => invocation.SemanticModel?.GetConstantValue(a.Expression).Value is string):
                    // ImmutableHashSet.Create("a", "b"), whether the overload takes a params array, a span or one item.
                    return call.ArgumentList.Arguments.Count;
                case IInvocationOperation invocation when invocation.TargetMethod.Name.StartsWith("To", System.StringComparison.Ordinal) || invocation.TargetMethod.Name == "Create":
                    // ToHashSet(), ToFrozenSet(), ImmutableHashSet.Create("a", "b"): the set of its only collection argument.
                    var source = TypeIndex.Receiver(invocation) ?? (invocation.Arguments.Length == 1 ? invocation.Arguments[0].Value : null);
                    return CountConstantSet(source, visited);
                case ILocalReferenceOperation local:
                    return CountSymbol(local.Local, visited);
                case IFieldReferenceOperation field when field.Field.IsReadOnly || field.Field.IsConst:
                    return _index.Writes.ContainsKey(field.Field) || _index.Mutations.ContainsKey(field.Field)
                        ? CountSymbol(field.Field, visited)
                        : CountFieldSyntax(field.Field);
                default:
                    return null;
            }
        }

        private int? CountCreation(IObjectCreationOperation creation, HashSet<ISymbol>? visited)
        {
            var count = 0;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Value.Type is { SpecialType: not SpecialType.System_String } type && type.AllInterfaces.Any(i => i.Name == "IEnumerable"))
                {
                    if (CountConstantSet(argument.Value, visited) is not { } part)
                    {
                        return null;
                    }

                    count += part;
                }
            }

            if (creation.Initializer != null)
            {
                foreach (var element in creation.Initializer.Initializers)
                {
                    if (element is IInvocationOperation { Arguments.Length: 1 } add && IsConstantString(add.Arguments[0].Value))
                    {
                        count++;
                    }
                    else
                    {
                        return null;
                    }
                }
            }

            return count;
        }

        private int? CountSymbol(ISymbol symbol, HashSet<ISymbol>? visited)
        {
            visited ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (!visited.Add(symbol)
                || _index.Mutations.ContainsKey(symbol)
                || !_index.Writes.TryGetValue(symbol, out var writes)
                || writes.Count != 1)
            {
                return null;
            }

            return CountConstantSet(writes[0], visited);
        }

        /// <summary>
        /// A readonly field of another type: without its semantic model (RS1030), accept an initializer made only of
        /// string literals, which are constants whatever the binding.
        /// </summary>
        private static int? CountFieldSyntax(IFieldSymbol field)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer }))
            {
                return null;
            }

            IEnumerable<ExpressionSyntax>? elements = initializer.Value switch
            {
                ArrayCreationExpressionSyntax array => array.Initializer?.Expressions,
                ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.All(e => e is ExpressionElementSyntax)
                    ? collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression)
                    : null,
                BaseObjectCreationExpressionSyntax creation when creation.ArgumentList == null || creation.ArgumentList.Arguments.Count == 0 => creation.Initializer?.Expressions,
                _ => null,
            };

            if (elements == null)
            {
                return null;
            }

            var count = 0;
            foreach (var element in elements)
            {
                if (!element.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    return null;
                }

                count++;
            }

            return count;
        }

        private int? CountInvocation(IInvocationOperation invocation, ISymbol item)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "Contains")
            {
                // set.Contains(t.Name) (instance) or Enumerable.Contains(set, t.Name[, comparer]) (extension).
                var set = TypeIndex.Receiver(invocation);
                var valueIndex = invocation.Instance != null ? 0 : 1;
                if (invocation.Arguments.Length > valueIndex && IsRootedIn(invocation.Arguments[valueIndex].Value, item))
                {
                    return CountConstantSet(set);
                }

                return null;
            }

            if (method.Name == "Equals" && method.IsStatic && method.ContainingType.SpecialType == SpecialType.System_String && invocation.Arguments.Length >= 2)
            {
                var a = invocation.Arguments[0].Value;
                var b = invocation.Arguments[1].Value;
                return IsConstantString(a) && IsRootedIn(b, item) || IsConstantString(b) && IsRootedIn(a, item) ? 1 : (int?)null;
            }

            return null;
        }

        private static int? CountPattern(IPatternOperation pattern)
        {
            // `"a" or "b" or ...` nests to the left as long as the user writes it: the left spine in a loop.
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a parenthesised right side still recurses
            var count = 0;
            for (; pattern is IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or; pattern = or.LeftPattern)
            {
                if (CountPattern(or.RightPattern) is not { } right)
                {
                    return null;
                }

                count += right;
            }

            return pattern is IConstantPatternOperation constant && IsConstantString(constant.Value) ? count + 1 : (int?)null;
        }

        internal static bool IsConstantString(IOperation? operation) =>
            operation != null && operation.ConstantValue.HasValue && operation.ConstantValue.Value is string;

        /// <summary>Whether <paramref name="operation"/> reads the lambda parameter or loop variable (<c>t.Name</c>, <c>t.ProtocolTool.Name</c>).</summary>
        internal static bool IsRootedIn(IOperation? operation, ISymbol item)
        {
            for (var current = TypeIndex.Strip(operation); current != null;)
            {
                switch (current)
                {
                    case IParameterReferenceOperation parameter:
                        return SymbolEqualityComparer.Default.Equals(parameter.Parameter, item);
                    case ILocalReferenceOperation local:
                        return SymbolEqualityComparer.Default.Equals(local.Local, item);
                    case IMemberReferenceOperation member:
                        current = TypeIndex.Strip(member.Instance);
                        break;
                    case IInvocationOperation { Instance: { } text, TargetMethod: { ContainingType.SpecialType: SpecialType.System_String } method }
                        when method.Name is "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim":
                        // t.Name.ToLowerInvariant(): the same name, normalised.
                        current = TypeIndex.Strip(text);
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }
    }
}
