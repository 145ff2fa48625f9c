using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The value a string field holds after its type is constructed, when the code makes it certain (review52 N1,
    /// WebFindLove's <c>_chatAIModel = string.IsNullOrWhiteSpace(ChatModel) ? "gpt-4o-mini" : ChatModel;</c> in the
    /// constructor, then <c>client.GetChatClient(_chatAIModel)</c>): an instance field, <c>readonly</c> or <c>private</c>
    /// (only its own type writes it), with no initializer and no attribute, that each constructor of its class assigns
    /// exactly once, unconditionally (a statement of the constructor's own body, <c>_model = ...;</c> or
    /// <c>this._model = ...;</c>), or leaves to the constructor it chains to with <c>: this(...)</c>; and that nothing else in
    /// the type writes (a method, a lambda, a branch, <c>ref</c>/<c>out</c>, an object initializer, a nested type). Any write
    /// to a name spelled the same way counts, to stay on the safe side.
    /// </summary>
    internal static class ConstructorFieldValues
    {
        /// <summary>
        /// The values the constructors assign to the field <paramref name="read"/> reads (one per assigning constructor), or
        /// empty when the field is not one the code fixes this way, or when the read is in a constructor before that
        /// constructor's write. Only assignments in the read's own file: a diagnostic goes where the value is written.
        /// </summary>
        public static IReadOnlyList<ExpressionSyntax> Of(IFieldReferenceOperation read, CancellationToken cancellationToken)
        {
            var field = read.Field;
            if (field.IsStatic
                || field.IsConst
                || field.Type.SpecialType != SpecialType.System_String
                || !(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private)
                || !field.GetAttributes().IsEmpty
                || field.ContainingType is not { TypeKind: TypeKind.Class } type
                || read.Instance is not (null or IInstanceReferenceOperation)
                || field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: null })
            {
                return System.Array.Empty<ExpressionSyntax>();
            }

            var values = new List<ExpressionSyntax>(1);
            var constructors = 0;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                // A primary constructor assigns no field but through initializers (excluded above).
                if (declaration is TypeDeclarationSyntax { ParameterList: not null })
                {
                    return System.Array.Empty<ExpressionSyntax>();
                }

                foreach (var identifier in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText != field.Name || !ModelIdValue.IsWritten(identifier))
                    {
                        continue;
                    }

                    if (UnconditionalWrite(identifier, type) is not { } value)
                    {
                        return System.Array.Empty<ExpressionSyntax>();
                    }

                    values.Add(value);
                }

                foreach (var constructor in declaration.ChildNodes().OfType<ConstructorDeclarationSyntax>())
                {
                    if (constructor.Modifiers.Any(SyntaxKind.StaticKeyword))
                    {
                        continue;
                    }

                    constructors++;
                    var writes = values.Count(value => value.Ancestors().FirstOrDefault(n => n is ConstructorDeclarationSyntax) == constructor);
                    // Each constructor assigns once, or chains to one of the type's own constructors that does.
                    if (writes > 1 || (writes == 0 && constructor.Initializer?.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) != true))
                    {
                        return System.Array.Empty<ExpressionSyntax>();
                    }
                }
            }

            if (constructors == 0 || values.Count == 0)
            {
                return System.Array.Empty<ExpressionSyntax>();
            }

            var tree = read.Syntax.SyntaxTree;
            return ReachingTheRead(read, values).Where(value => value.SyntaxTree == tree).ToList();
        }

        /// <summary>
        /// <c>_model = value;</c> or <c>this._model = value;</c> as a statement of an instance constructor's own body (or its
        /// expression body) in <paramref name="type"/>: the value. Null for any other write.
        /// </summary>
        private static ExpressionSyntax? UnconditionalWrite(IdentifierNameSyntax identifier, INamedTypeSymbol type)
        {
            var target = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier
                ? (ExpressionSyntax)access
                : identifier;
            if (target.Parent is not AssignmentExpressionSyntax assignment
                || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                || assignment.Left != target)
            {
                return null;
            }

            var constructor = assignment.Parent switch
            {
                ExpressionStatementSyntax { Parent: BlockSyntax { Parent: ConstructorDeclarationSyntax body } } => body,
                ArrowExpressionClauseSyntax { Parent: ConstructorDeclarationSyntax arrow } => arrow,
                _ => null,
            };

            // The constructor of the field's own type (not of a nested type that writes an outer instance's field).
            return constructor != null
                && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                && constructor.Parent is TypeDeclarationSyntax declaration
                && declaration.Identifier.ValueText == type.Name
                && declaration.Ancestors().OfType<TypeDeclarationSyntax>().Count() == Depth(type)
                ? assignment.Right
                : null;
        }

        // How many types contain the type (0 for a top-level type).
        private static int Depth(INamedTypeSymbol type)
        {
            var depth = 0;
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                depth++;
            }

            return depth;
        }

        /// <summary>
        /// The writes a read can see: in a constructor that writes the field, that constructor's own write, and none when
        /// the write comes after the read (the slot gets the field's default, null); anywhere else, every constructor's.
        /// </summary>
        private static IEnumerable<ExpressionSyntax> ReachingTheRead(IFieldReferenceOperation read, List<ExpressionSyntax> values)
        {
            if (read.Syntax.Ancestors().FirstOrDefault(n => n is ConstructorDeclarationSyntax) is not { } constructor)
            {
                return values;
            }

            var own = values.Where(value => value.Ancestors().Contains(constructor)).ToList();
            if (own.Count == 0)
            {
                // `: this(...)` ran the constructor that wrote it.
                return values;
            }

            return own[0].SpanStart < read.Syntax.SpanStart ? own : Enumerable.Empty<ExpressionSyntax>();
        }
    }
}
