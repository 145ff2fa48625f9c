using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiLint.CodeFixes.FixAll;
using AiLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.CodeFixes.Rules.Schema
{
    /// <summary>AIL0402: adds <c>partial</c> to the [LlmSchema] type and to every containing type that lacks it.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSchemaTypePartialCodeFixProvider))]
    [Shared]
    public sealed class MakeSchemaTypePartialCodeFixProvider : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix (Fix All groups by it).</summary>
        public const string EquivalenceKey = RuleIds.SchemaTypeMustBePartial + ".MakePartial";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("AIL0402");

        /// <inheritdoc />
        /// <remarks>
        /// Not BatchFixer: two nested schema types in one non-partial container would both insert <c>partial</c> on
        /// the container, and merged text changes would conflict. This provider rewrites each document once.
        /// </remarks>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(FixAllProvider.Create(async (fixAllContext, document, diagnostics) =>
        {
            var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var targets = diagnostics.SelectMany(d => Targets(root, d)).Distinct().ToList();
            return targets.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => AddPartial(rewritten)));
        }), EquivalenceKey, "AIL0402");

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var targets = Targets(root, diagnostic).ToList();
                if (targets.Count == 0)
                {
                    continue;
                }

                var name = targets[targets.Count - 1].Identifier.ValueText;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Make '" + name + "' partial",
                        cancellationToken => Fix(context.Document, targets, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The declarations that need <c>partial</c>: the type at the diagnostic and its containing types, outermost first.</summary>
        private static IEnumerable<TypeDeclarationSyntax> Targets(SyntaxNode root, Diagnostic diagnostic)
        {
            var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (declaration is null)
            {
                return Enumerable.Empty<TypeDeclarationSyntax>();
            }

            return declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)).Reverse();
        }

        private static async Task<Document> Fix(Document document, IReadOnlyList<TypeDeclarationSyntax> targets, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => AddPartial(rewritten)));
        }

        /// <summary>Inserts <c>partial</c> as the last modifier (C# requires it right before class/struct/record).</summary>
        private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
        {
            if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return declaration;
            }

            if (declaration.Modifiers.Count == 0)
            {
                var keyword = declaration.Keyword;
                var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return declaration.WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList())).WithModifiers(SyntaxFactory.TokenList(partial));
            }

            return declaration.WithModifiers(declaration.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }
    }
}
