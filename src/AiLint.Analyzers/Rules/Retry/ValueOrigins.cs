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

        /// <summary>
        /// <see cref="Trace"/>, then on through the project's own factories: the one returned value of a non-virtual
        /// method of the project (<c>CreatePipeline()</c>, <c>Pipelines.Create(retries)</c>, expression-bodied or with a
        /// single <c>return</c> as its last statement) and the value of a non-virtual get-only property (its initializer,
        /// its only constructor assignment, or its getter's one <c>return</c>). For values built once and used elsewhere,
        /// such as a Polly pipeline or policy.
        /// </summary>
        public static IOperation TraceThroughFactories(IOperation operation, Compilation compilation, CancellationToken cancellationToken) =>
            TraceThroughFactories(operation, compilation, cancellationToken, out _);

        /// <summary>
        /// <see cref="TraceThroughFactories(IOperation, Compilation, CancellationToken)"/>, also giving the arguments of the
        /// last factory call followed, so that what the factory builds under a condition on its parameters
        /// (<c>if (withRetry) builder.AddRetry(...)</c>, <c>isLlm ? timeoutOnly : withRetry</c>) is read for this call.
        /// A factory returning <c>flag ? a : b</c> is followed into the branch a constant argument picks.
        /// </summary>
        public static IOperation TraceThroughFactories(IOperation operation, Compilation compilation, CancellationToken cancellationToken, out FactoryArguments arguments) =>
            TraceThroughFactories(operation, FactoryArguments.None, compilation, cancellationToken, out arguments);

        /// <summary>
        /// <see cref="TraceThroughFactories(IOperation, Compilation, CancellationToken, out FactoryArguments)"/> for a value
        /// inside a factory body (one of its <c>return</c>s), read for the call <paramref name="initial"/> describes.
        /// </summary>
        public static IOperation TraceThroughFactories(IOperation operation, FactoryArguments initial, Compilation compilation, CancellationToken cancellationToken, out FactoryArguments arguments)
        {
            arguments = initial;
            var current = Trace(operation, compilation, cancellationToken);
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                IOperation? next = null;
                switch (current)
                {
                    case IInvocationOperation call when IsFollowable(call.TargetMethod, compilation):
                        next = ReturnedValue(call.TargetMethod, compilation, cancellationToken);
                        if (next is not null)
                        {
                            arguments = new FactoryArguments(call);
                        }

                        break;
                    case IPropertyReferenceOperation { Property: { IsIndexer: false } property } when IsFollowable(property, compilation):
                        next = PropertyValue(property, compilation, cancellationToken);
                        if (next is not null)
                        {
                            arguments = FactoryArguments.None;
                        }

                        break;
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional when arguments.Evaluate(conditional.Condition) is { } picked:
                        next = picked ? conditional.WhenTrue : whenFalse;
                        break;
                }

                if (next is null)
                {
                    return current;
                }

                current = Trace(next, compilation, cancellationToken);
            }

            return current;
        }

        public static bool IsFollowable(ISymbol member, Compilation compilation) =>
            !member.IsVirtual && !member.IsAbstract && !member.IsOverride && !member.IsExtern
            && member.ContainingType?.TypeKind is TypeKind.Class or TypeKind.Struct
            && SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly)
            && member.DeclaringSyntaxReferences.Length == 1;

        /// <summary>The value of a method's only <c>return</c> (lambdas and local functions aside), when it is the body's last statement.</summary>
        private static IOperation? ReturnedValue(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet) || method.IsAsync)
            {
                return null;
            }

            var block = BodyBlock(method, compilation, cancellationToken);
            if (block is null || block.Operations.Length == 0 || block.Operations[block.Operations.Length - 1] is not IReturnOperation { ReturnedValue: { } value })
            {
                return null;
            }

            return RetryContextFinder.DescendantsInSameFunction(block).Count(o => o is IReturnOperation) == 1 ? value : null;
        }

        /// <summary>The block of a method's one source body (an expression body is a block with one <c>return</c>), or null.</summary>
        public static IBlockOperation? BodyBlock(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var bodies = SourceBodies.GetBodies(method, compilation, cancellationToken).ToList();
            if (bodies.Count != 1)
            {
                return null;
            }

            return bodies[0] switch
            {
                IMethodBodyOperation body => body.BlockBody ?? body.ExpressionBody,
                IBlockOperation b => b,
                var other => other.ChildOperations.OfType<IBlockOperation>().FirstOrDefault(),
            };
        }

        /// <summary>A get-only property's value: its getter's one return, or for an auto-property its initializer or only constructor assignment.</summary>
        private static IOperation? PropertyValue(IPropertySymbol property, Compilation compilation, CancellationToken cancellationToken)
        {
            if (property.SetMethod is not null || property.GetMethod is null)
            {
                return null;
            }

            if (property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration)
            {
                return null;
            }

            var isAuto = declaration.ExpressionBody is null
                && declaration.AccessorList is { } accessors && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null);
            if (!isAuto)
            {
                return ReturnedValue(property.GetMethod, compilation, cancellationToken);
            }

            var initialized = declaration.Initializer is { } initializer
                ? (SourceBodies.GetOperation(initializer, compilation, cancellationToken) as IPropertyInitializerOperation)?.Value
                : null;
            return OnlyWrite(property, initialized, compilation, cancellationToken);
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

        /// <summary>
        /// The single value a source field can hold (<see cref="SourceFieldValues.Of"/>): a readonly field's initializer
        /// or only constructor assignment (the usual shape for clients built from options), a mutable field's initializer
        /// that nothing in its type writes again (<c>pipeline = BuildRetry();</c> in an Enable method leaves it none).
        /// </summary>
        private static IOperation? FieldValue(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken) =>
            SourceFieldValues.Of(field, compilation, cancellationToken);

        /// <summary>The one value a get-only auto-property is given (<see cref="SourceFieldValues.OnlyConstructionWrite"/>).</summary>
        private static IOperation? OnlyWrite(ISymbol member, IOperation? initialized, Compilation compilation, CancellationToken cancellationToken) =>
            SourceFieldValues.OnlyConstructionWrite(member, initialized, compilation, cancellationToken);

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
