using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// SDK objects a type keeps in a <c>readonly</c> field or a get-only property: request options built once
    /// (<c>private readonly ChatOptions _options = new() { Instructions = "..." };</c>, or assigned in the constructor)
    /// and then handed to every request (<c>chat.GetResponseAsync(text, _options)</c>), an agent or a settings object
    /// built the same way. The compiler lets only the initializer and the constructors write such a member, so its
    /// value is known when exactly one of them does.
    /// </summary>
    internal static class HeldSlotObjects
    {
        /// <summary>
        /// The <c>readonly</c> field or get-only property of <paramref name="constructor"/>'s type that the constructor
        /// stores the object holding <paramref name="value"/> into (<c>_options = new ChatOptions { Instructions = value
        /// };</c>), so text written there is named after the member, as it is in the member's initializer; null when the
        /// value goes anywhere else.
        /// </summary>
        public static ISymbol? ConstructorHolder(IOperation value, IMethodSymbol constructor)
        {
            if (constructor.MethodKind != MethodKind.Constructor && constructor.MethodKind != MethodKind.StaticConstructor)
            {
                return null;
            }

            var current = value;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IConversionOperation:
                    case IObjectOrCollectionInitializerOperation:
                    case IObjectCreationOperation:
                    case IArgumentOperation { Parent: IObjectCreationOperation }:
                    case ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation } member when member.Value == current:
                        current = parent;
                        continue;
                    case ISimpleAssignmentOperation stored when stored.Value == current:
                        return HolderOf(stored.Target, constructor);
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The one value ever stored in <paramref name="member"/> (a <c>readonly</c> field, or a get-only property of
        /// the project, auto or with an expression body): its initializer or its single constructor assignment; null
        /// when it is written in more than one place, in a way not followed, or nowhere in source.
        /// </summary>
        public static IOperation? OnlyStore(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
        {
            if (member.DeclaringSyntaxReferences.Length != 1 || member.IsAbstract || member.IsVirtual || member.IsOverride)
            {
                return null;
            }

            var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            ExpressionSyntax? initializer;
            switch (member)
            {
                case IFieldSymbol { IsReadOnly: true, IsConst: false } when declaration is VariableDeclaratorSyntax declarator:
                    initializer = declarator.Initializer?.Value;
                    break;
                case IPropertySymbol { SetMethod: null, IsIndexer: false } when declaration is PropertyDeclarationSyntax property:
                    if (property.ExpressionBody != null)
                    {
                        // `ChatOptions Options => new() { ... }`: a new object on each read, built in one place.
                        return OperationOf(property.ExpressionBody.Expression, compilation, cancellationToken);
                    }

                    if (property.AccessorList == null || !IsAutoGetter(property.AccessorList))
                    {
                        return null;
                    }

                    initializer = property.Initializer?.Value;
                    break;
                default:
                    return null;
            }

            var writes = ConstructorAssignments.Writes(member, member.IsStatic, compilation, cancellationToken);
            if (writes == null || writes.Count + (initializer == null ? 0 : 1) != 1)
            {
                return null;
            }

            return initializer != null ? OperationOf(initializer, compilation, cancellationToken) : writes[0];
        }

        private static ISymbol? HolderOf(IOperation target, IMethodSymbol constructor)
        {
            var (member, instance, isHeld) = target switch
            {
                IFieldReferenceOperation field => ((ISymbol)field.Field, field.Instance, field.Field.IsReadOnly),
                IPropertyReferenceOperation property => (property.Property, property.Instance, property.Property.SetMethod == null && !property.Property.IsIndexer),
                _ => (null, null, false),
            };

            if (member == null
                || !isHeld
                || member.IsStatic != constructor.IsStatic
                || !(instance == null || instance is IInstanceReferenceOperation)
                || !SymbolEqualityComparer.Default.Equals(member.ContainingType.OriginalDefinition, constructor.ContainingType.OriginalDefinition))
            {
                return null;
            }

            // An auto-property's backing field is named after its property.
            return member is IFieldSymbol { AssociatedSymbol: { } owner } ? owner : member;
        }

        private static bool IsAutoGetter(AccessorListSyntax accessors)
        {
            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body != null || accessor.ExpressionBody != null || !accessor.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.GetAccessorDeclaration))
                {
                    return false;
                }
            }

            return accessors.Accessors.Count == 1;
        }

        private static IOperation? OperationOf(ExpressionSyntax expression, Compilation compilation, CancellationToken cancellationToken) =>
            expression.SyntaxTree == null || !compilation.ContainsSyntaxTree(expression.SyntaxTree)
                ? null
                : SourceBodies.GetSemanticModel(compilation, expression.SyntaxTree).GetOperation(expression, cancellationToken);
    }
}
