using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AiLint.CodeFixes.Rules.Retry
{
    /// <summary>Syntax helpers shared by the retry fixers.</summary>
    internal static class RetryFixSyntax
    {
        public const string KeyName = "idempotencyKey";

        /// <summary>
        /// A local name not used anywhere in the enclosing member (so it cannot clash at the anchor or the call) nor
        /// already chosen by another fix in the same Fix All pass; the chosen name is added to <paramref name="reserved"/>.
        /// </summary>
        public static string UniqueLocalName(SyntaxNode anchor, string baseName, ISet<string> reserved)
        {
            var member = anchor.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? anchor.SyntaxTree.GetRoot();
            var used = new HashSet<string>(member.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            // Reservations are per member: two methods may each get their own `idempotencyKey`.
            var scope = member.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":";
            var name = baseName;
            for (var i = 2; used.Contains(name) || reserved.Contains(scope + name); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            reserved.Add(scope + name);
            return name;
        }

        /// <summary>
        /// Fix All for fixes that introduce locals: all diagnostics of a document are applied to one editor in source
        /// order, sharing the reserved names, so two calls in one retry get two keys (as applying the fixes one by one
        /// does) instead of clashing declarations.
        /// </summary>
        public static FixAllProvider SequentialFixAll(Func<DocumentEditor, SyntaxNode, Diagnostic, ISet<string>, CancellationToken, bool> apply) =>
            FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                if (root is null)
                {
                    return null;
                }

                var editor = await DocumentEditor.CreateAsync(document, context.CancellationToken).ConfigureAwait(false);
                var reserved = new HashSet<string>(StringComparer.Ordinal);
                var changed = false;
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    changed |= apply(editor, root, diagnostic, reserved, context.CancellationToken);
                }

                return changed ? editor.GetChangedDocument() : null;
            });

        /// <summary><c>var name = value;</c>, formatted where it is inserted.</summary>
        public static LocalDeclarationStatementSyntax LocalDeclaration(string name, ExpressionSyntax value) =>
            SyntaxFactory.LocalDeclarationStatement(
                    SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxTriviaList.Empty, SyntaxKind.VarKeyword, "var", "var", SyntaxTriviaList.Empty)),
                        SyntaxFactory.SingletonSeparatedList(
                            SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                                .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))))
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>
        /// The short name of <paramref name="metadataName"/> when it binds to that type at <paramref name="position"/>
        /// (the file has the using), otherwise the namespace-qualified name, so the fix compiles either way.
        /// </summary>
        public static string TypeName(SemanticModel model, int position, string metadataName)
        {
            var shortName = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
            var bound = model.GetSpeculativeTypeInfo(position, SyntaxFactory.ParseTypeName(shortName), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
            return SymbolEqualityComparer.Default.Equals(bound, model.Compilation.GetTypeByMetadataName(metadataName)) ? shortName : metadataName;
        }

        public static ExpressionSyntax Expression(string text) =>
            SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation);

        /// <summary>Sets <paramref name="property"/> to <paramref name="value"/> in an object creation's initializer (adding or replacing).</summary>
        public static BaseObjectCreationExpressionSyntax SetInitializerProperty(BaseObjectCreationExpressionSyntax creation, string property, ExpressionSyntax value)
        {
            var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), value);
            var initializer = creation.Initializer;
            if (initializer is null)
            {
                var created = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment));
                var withParens = creation is ObjectCreationExpressionSyntax { ArgumentList: null } objectCreation
                    ? objectCreation.WithType(objectCreation.Type.WithoutTrailingTrivia()).WithArgumentList(SyntaxFactory.ArgumentList())
                    : creation;
                var trailing = withParens.GetTrailingTrivia();
                return withParens.WithoutTrailingTrivia().WithInitializer(created).WithTrailingTrivia(trailing).WithAdditionalAnnotations(Formatter.Annotation);
            }

            var existing = initializer.Expressions.FirstOrDefault(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } && name.Identifier.ValueText == property);
            var expressions = existing is null
                ? initializer.Expressions.Add(assignment)
                : initializer.Expressions.Replace(existing, assignment.WithTriviaFrom(existing));
            return creation.WithInitializer(initializer.WithExpressions(expressions)).WithAdditionalAnnotations(Formatter.Annotation);
        }
    }
}
