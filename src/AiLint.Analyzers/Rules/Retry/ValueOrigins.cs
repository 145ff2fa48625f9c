using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Follows a value back to where it was created, as far as the code shows it: a local's only assignment in the same
    /// body, a source field's initializer or only constructor assignment. Anything else is "not visible".
    /// </summary>
    internal static class ValueOrigins
    {
        private const int MaxDepth = 8;

        public static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>The visible origin of <paramref name="operation"/>, or the operation itself when it cannot be followed.</summary>
        public static IOperation Trace(IOperation operation, Compilation compilation, CancellationToken cancellationToken)
        {
            var current = Unwrap(operation);
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                var next = current switch
                {
                    ILocalReferenceOperation local => LocalValue(local),
                    IFieldReferenceOperation field => FieldValue(field.Field, compilation, cancellationToken),
                    _ => null,
                };

                if (next is null)
                {
                    return current;
                }

                current = Unwrap(next);
            }

            return current;
        }

        /// <summary>The top of the operation tree <paramref name="operation"/> belongs to (the member body).</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent is { } parent)
            {
                operation = parent;
            }

            return operation;
        }

        /// <summary>The value a local holds if it is assigned exactly once (initializer or one assignment) in its body.</summary>
        public static IOperation? LocalValue(ILocalReferenceOperation reference)
        {
            IOperation? value = null;
            var writes = 0;
            foreach (var operation in Root(reference).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        if (declarator.GetVariableInitializer() is { } initializer)
                        {
                            value = initializer.Value;
                            writes++;
                        }

                        break;
                    case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        value = assignment is ISimpleAssignmentOperation ? assignment.Value : null;
                        writes++;
                        break;
                }
            }

            return writes == 1 ? value : null;
        }

        private static IOperation? FieldValue(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            if (field.DeclaringSyntaxReferences.Length != 1 || !SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, compilation.Assembly))
            {
                return null;
            }

            if (field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                return (SourceBodies.GetOperation(initializer, compilation, cancellationToken) as IFieldInitializerOperation)?.Value;
            }

            // A readonly field assigned once in a constructor (the usual shape for clients built from options).
            if (!field.IsReadOnly)
            {
                return null;
            }

            IOperation? value = null;
            var writes = 0;
            foreach (var constructor in field.ContainingType.InstanceConstructors.Concat(field.ContainingType.StaticConstructors))
            {
                foreach (var body in SourceBodies.GetBodies(constructor, compilation, cancellationToken))
                {
                    foreach (var assignment in body.Descendants().OfType<ISimpleAssignmentOperation>())
                    {
                        if (assignment.Target is IFieldReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field.OriginalDefinition))
                        {
                            value = assignment.Value;
                            writes++;
                        }
                    }
                }
            }

            return writes == 1 ? value : null;
        }

        /// <summary>The receiver of an instance or (reduced) extension method call.</summary>
        public static IOperation? Receiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return instance;
            }

            if (invocation.TargetMethod.IsExtensionMethod)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0)
                    {
                        return argument.Value;
                    }
                }
            }

            return null;
        }

        /// <summary>The constant string value of an operation, if any.</summary>
        public static string? ConstantString(IOperation operation) =>
            operation.ConstantValue.HasValue ? operation.ConstantValue.Value as string : null;

        public static int? ConstantInt(IOperation operation) =>
            operation.ConstantValue.HasValue && operation.ConstantValue.Value is int value ? value : null;

        /// <summary>True when <paramref name="inner"/> lies inside <paramref name="outer"/> in the same tree.</summary>
        public static bool IsWithin(SyntaxNode inner, SyntaxNode outer) =>
            inner.SyntaxTree == outer.SyntaxTree && outer.Span.Contains(inner.Span);
    }
}
