using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The default a prompt parameter or local is given in the method body when the caller left it null or empty
    /// (review87 Repo 4, KernelHost.GetRewriteFunction: <c>if (String.IsNullOrWhiteSpace(prompt)) { prompt = """You are a
    /// helpful editor ..."""; }</c>, and the statement form <c>prompt ??= "..."</c>). It is the same value as the fallback
    /// of <c>p ?? "..."</c> at the slot, written one statement earlier, so it is followed the same way. Only an assignment
    /// directly under an <c>if</c> whose condition tests that same variable for null or empty (<c>x == null</c>, <c>x is
    /// null</c>, <c>x == ""</c>, <c>x.Length == 0</c>, <c>string.IsNullOrEmpty(x)</c>, <c>string.IsNullOrWhiteSpace(x)</c>,
    /// or an <c>||</c> of those) counts: any other write (an unguarded <c>=</c>, <c>+=</c>, <c>ref</c>/<c>out</c>, a
    /// deconstruction, a write inside a lambda) may replace the caller's text with anything, so nothing is followed.
    /// </summary>
    internal static class GuardedDefaults
    {
        /// <summary>The variable's declared initializer (a local's; null for a parameter) and its defaults written before the read.</summary>
        internal sealed class Found
        {
            public Found(IOperation? initializer, List<IOperation> defaults)
            {
                Initializer = initializer;
                Defaults = defaults;
            }

            public IOperation? Initializer { get; }

            public List<IOperation> Defaults { get; }
        }

        /// <summary>
        /// Null when the variable has a write that is not a guarded default, or when nothing of it is read in this body.
        /// Looks only inside the body that holds <paramref name="reference"/> (one walk, at a slot that reads a variable).
        /// </summary>
        public static Found? Before(IOperation reference, ISymbol variable, CancellationToken cancellationToken)
        {
            var root = reference;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            var readerFunction = EnclosingFunction(reference);
            IOperation? initializer = null;
            var defaults = new List<IOperation>();
            foreach (var operation in root.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, variable))
                {
                    initializer = declarator.Initializer?.Value;
                    continue;
                }

                if (!IsVariable(operation, variable) || operation.Parent == null)
                {
                    continue;
                }

                switch (operation.Parent)
                {
                    case ICoalesceAssignmentOperation coalesce when coalesce.Target == operation:
                        if (!SameFunction(coalesce, readerFunction))
                        {
                            return null;
                        }

                        AddIfBefore(coalesce, coalesce.Value, reference, defaults);
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target == operation:
                        if (!SameFunction(assignment, readerFunction) || !IsGuarded(assignment, variable))
                        {
                            return null;
                        }

                        AddIfBefore(assignment, assignment.Value, reference, defaults);
                        break;
                    case ICompoundAssignmentOperation compound when compound.Target == operation:
                    case IIncrementOrDecrementOperation:
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                    case ITupleOperation:
                    case IDeclarationExpressionOperation:
                        return null;
                }
            }

            return new Found(initializer, defaults);
        }

        private static void AddIfBefore(IOperation assignment, IOperation value, IOperation reference, List<IOperation> defaults)
        {
            // A default written after the slot read the variable is not this slot's value.
            if (assignment.Syntax.SyntaxTree == reference.Syntax.SyntaxTree && assignment.Syntax.Span.End <= reference.Syntax.SpanStart)
            {
                defaults.Add(value);
            }
        }

        private static bool IsVariable(IOperation operation, ISymbol variable) => operation switch
        {
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable),
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, variable),
            _ => false,
        };

        /// <summary><c>if (test) x = ...;</c> or <c>if (test) { x = ...; }</c>, the test being a null/empty test of x.</summary>
        private static bool IsGuarded(ISimpleAssignmentOperation assignment, ISymbol variable)
        {
            if (!(assignment.Parent is IExpressionStatementOperation statement))
            {
                return false;
            }

            IOperation branch = statement;
            if (statement.Parent is IBlockOperation block)
            {
                branch = block;
            }

            return branch.Parent is IConditionalOperation conditional
                && conditional.WhenTrue == branch
                && TestsEmpty(conditional.Condition, variable);
        }

        private static bool TestsEmpty(IOperation condition, ISymbol variable)
        {
            condition = Unwrap(condition);
            switch (condition)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return TestsEmpty(either.LeftOperand, variable) && TestsEmpty(either.RightOperand, variable);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return (IsEmptyRead(equals.LeftOperand, variable) && IsEmptyValue(equals.RightOperand))
                        || (IsEmptyRead(equals.RightOperand, variable) && IsEmptyValue(equals.LeftOperand));
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern:
                    return IsVariable(Unwrap(pattern.Value), variable) && IsNullOrEmptyText(constant.Value);
                case IInvocationOperation { Arguments.Length: 1 } invocation:
                    var method = invocation.TargetMethod;
                    return method.IsStatic
                        && method.ContainingType?.SpecialType == SpecialType.System_String
                        && (method.Name == "IsNullOrEmpty" || method.Name == "IsNullOrWhiteSpace")
                        && IsVariable(Unwrap(invocation.Arguments[0].Value), variable);
                default:
                    return false;
            }
        }

        /// <summary>The variable itself (compared with null or "") or its <c>Length</c> (compared with 0).</summary>
        private static bool IsEmptyRead(IOperation operand, ISymbol variable)
        {
            operand = Unwrap(operand);
            return IsVariable(operand, variable)
                || (operand is IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance } length
                    && length.Property.ContainingType.SpecialType == SpecialType.System_String
                    && IsVariable(Unwrap(instance), variable));
        }

        private static bool IsEmptyValue(IOperation value) =>
            IsNullOrEmptyText(value) || Unwrap(value).ConstantValue is { HasValue: true, Value: 0 };

        private static bool IsNullOrEmptyText(IOperation value)
        {
            value = Unwrap(value);
            return value.ConstantValue is { HasValue: true, Value: null or "" }
                || (value is IFieldReferenceOperation { Field.Name: "Empty" } field && field.Field.ContainingType.SpecialType == SpecialType.System_String);
        }

        private static bool SameFunction(IOperation write, IOperation? readerFunction) =>
            EnclosingFunction(write) == readerFunction;

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }
    }
}
