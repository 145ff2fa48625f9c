using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>The items of a collection written in code, for <see cref="RequestBodyShape.Elements"/>.</summary>
    internal static class BodyCollections
    {
        private const int MaxDepth = 4;

        public static List<IOperation> Elements(IOperation collection, Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<IOperation>();
            AddElements(collection, compilation, found, 0, cancellationToken);
            return found;
        }

        private static void AddElements(IOperation collection, Compilation compilation, List<IOperation> found, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            var unwrapped = OperationValues.Unwrap(collection);
            if (unwrapped is ILocalReferenceOperation local)
            {
                AddAddedItems(local, found);
            }
            else if (unwrapped is IFieldReferenceOperation { Field: var field })
            {
                AddFieldItems(field.OriginalDefinition, compilation, found, cancellationToken);
            }

            var traced = OperationValues.Trace(collection, compilation, cancellationToken);
            if (traced.Syntax is CollectionExpressionSyntax expression)
            {
                // ICollectionExpressionOperation is newer than the Roslyn this analyzer compiles against: read the syntax.
                foreach (var element in expression.Elements)
                {
                    if (element is ExpressionElementSyntax item && traced.SemanticModel?.GetOperation(item.Expression, cancellationToken) is { } operation)
                    {
                        found.Add(operation);
                    }
                }

                return;
            }

            switch (traced)
            {
                case IArrayCreationOperation { Initializer: { } array }:
                    found.AddRange(array.ElementValues);
                    return;

                case IObjectCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is IInvocationOperation { Arguments.Length: 1 } add)
                        {
                            found.Add(add.Arguments[0].Value);
                        }
                    }

                    return;

                case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } copy when OperationValues.Receiver(copy) is { } source:
                    AddElements(source, compilation, found, depth + 1, cancellationToken);
                    return;
            }
        }

        /// <summary><c>messages.Add(item)</c> and <c>messages.Insert(0, item)</c> on the local, anywhere in its body.</summary>
        private static void AddAddedItems(ILocalReferenceOperation local, List<IOperation> found)
        {
            IOperation top = local;
            while (top.Parent is { } parent)
            {
                top = parent;
            }

            foreach (var operation in top.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "Add" or "Insert", Instance: { } instance, Arguments.Length: > 0 } add
                    && OperationValues.Unwrap(instance) is ILocalReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
                {
                    found.Add(add.Arguments[add.Arguments.Length - 1].Value);
                }
            }
        }

        /// <summary>
        /// <c>_messages.Add(item)</c> on a field, in any member of the type declaring it: a chat class keeps its history in
        /// a field, adds the system message in its constructor and posts the list from another method.
        /// </summary>
        private static void AddFieldItems(IFieldSymbol field, Compilation compilation, List<IOperation> found, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, compilation.Assembly))
            {
                return;
            }

            foreach (var part in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var call in part.GetSyntax(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "Insert" } access
                        || !(access.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == field.Name
                            || access.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member && member.Name.Identifier.ValueText == field.Name)
                        || call.SyntaxTree is not { } tree || !compilation.ContainsSyntaxTree(tree))
                    {
                        continue;
                    }

                    if (SourceBodies.GetOperation(call, compilation, cancellationToken) is IInvocationOperation { Instance: { } instance, Arguments.Length: > 0 } add
                        && OperationValues.Unwrap(instance) is IFieldReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field))
                    {
                        found.Add(add.Arguments[add.Arguments.Length - 1].Value);
                    }
                }
            }
        }
    }
}
