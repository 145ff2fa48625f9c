using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Follows a value back to where the code visibly creates it, for the recognisers that look at arguments (prompt
    /// functions, raw HTTP calls): a local written exactly once in its body, a source field or get-only auto-property
    /// with a single value (<see cref="SourceFieldValues"/>: its initializer or its one constructor write, when nothing
    /// else writes it). Anything else is "not visible", and the recognisers then say no.
    /// </summary>
    internal static class OperationValues
    {
        private const int MaxDepth = 6;

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
                    IPropertyReferenceOperation { Property.IsIndexer: false } property => PropertyValue(property.Property, compilation, cancellationToken),
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

        /// <summary>The value of a local written exactly once (initializer or one simple assignment) in its body.</summary>
        public static IOperation? LocalValue(ILocalReferenceOperation reference)
        {
            var root = reference;
            IOperation top = reference;
            while (top.Parent is { } parent)
            {
                top = parent;
            }

            IOperation? value = null;
            var writes = 0;
            foreach (var operation in top.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, root.Local):
                        if (declarator.GetVariableInitializer() is { } initializer)
                        {
                            value = initializer.Value;
                            writes++;
                        }

                        break;
                    case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Local, root.Local):
                        value = assignment is ISimpleAssignmentOperation ? assignment.Value : null;
                        writes++;
                        break;
                }
            }

            return writes == 1 ? value : null;
        }

        /// <summary>The single value a source field can hold (<see cref="SourceFieldValues.Of"/>).</summary>
        private static IOperation? FieldValue(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken) =>
            SourceFieldValues.Of(field, compilation, cancellationToken);

        /// <summary>
        /// A source property that can hold only one value the code shows: a get-only auto-property with an initializer
        /// (<c>KernelFunction Summarize { get; } = kernel.CreateFunctionFromPrompt(...)</c>) or an expression-bodied
        /// getter (<c>string Url => $"{baseUrl}/chat/completions"</c>). Virtual and settable properties are not followed.
        /// </summary>
        private static IOperation? PropertyValue(IPropertySymbol property, Compilation compilation, CancellationToken cancellationToken)
        {
            property = property.OriginalDefinition;
            if (property.SetMethod is not null || property.IsVirtual || property.IsAbstract || property.IsOverride
                || property.DeclaringSyntaxReferences.Length != 1 || !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly))
            {
                return null;
            }

            if (property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration)
            {
                return null;
            }

            if (declaration.Initializer is { } initializer)
            {
                // A constructor may replace the initializer (`Url = settings.Url;`): then the property holds no single value.
                var initialized = (SourceBodies.GetOperation(initializer, compilation, cancellationToken) as IPropertyInitializerOperation)?.Value;
                return initialized is null ? null : SourceFieldValues.OnlyConstructionWrite(property, initialized, compilation, cancellationToken);
            }

            return declaration.ExpressionBody is { } arrow ? SourceBodies.GetOperation(arrow.Expression, compilation, cancellationToken) : null;
        }

        /// <summary>The argument bound to the parameter named <paramref name="name"/>, if any.</summary>
        public static IOperation? Argument(IInvocationOperation invocation, string name)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The receiver of an instance or extension method call (the `this` argument of the latter).</summary>
        public static IOperation? Receiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return instance;
            }

            if (invocation.TargetMethod.IsExtensionMethod || invocation.TargetMethod.ReducedFrom is not null)
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
    }
}
