using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.FixAll;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AiLint.CodeFixes.Rules.Retry
{
    /// <summary>AIL0004: create the idempotency key once, before the retry.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HoistIdempotencyKeyCodeFixProvider)), Shared]
    public sealed class HoistIdempotencyKeyCodeFixProvider : CodeFixProvider
    {
        /// <summary>The stable equivalence key of this fix.</summary>
        public const string EquivalenceKey = "AIL0004.HoistKey";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.IdempotencyKeyCreatedInsideRetry);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(RetryFixSyntax.SequentialFixAll(Apply), EquivalenceKey, RuleIds.IdempotencyKeyCreatedInsideRetry);

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(RetryDiagnosticProperties.KeyFix, out var kind) && kind is not null && diagnostic.AdditionalLocations.Count >= 1)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Create the idempotency key before the retry", ct => FixAsync(context.Document, diagnostic, ct), EquivalenceKey),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            return root is not null && Apply(editor, root, diagnostic, new HashSet<string>(), cancellationToken) ? editor.GetChangedDocument() : document;
        }

        private static bool Apply(DocumentEditor editor, SyntaxNode root, Diagnostic diagnostic, ISet<string> reserved, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(RetryDiagnosticProperties.KeyFix, out var kind) || diagnostic.AdditionalLocations.Count < 1
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan) is not StatementSyntax anchor)
            {
                return false;
            }

            if (kind == RetryDiagnosticProperties.MoveDeclaration && diagnostic.AdditionalLocations.Count >= 2
                && root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan) is LocalDeclarationStatementSyntax declaration)
            {
                // Comments travel with the declaration; the old indentation and blank lines do not. Line ends are the
                // file's own (LF or CRLF), taken from the declaration or else from anywhere in the document.
                var newLine = LineEnd(declaration, root);
                var leading = new[] { SyntaxFactory.ElasticMarker }.Concat(declaration.GetLeadingTrivia()
                    .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    .SelectMany(t => new[] { t, newLine }));
                var trailing = declaration.GetTrailingTrivia().Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia))
                    .Concat(new[] { newLine });
                editor.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia);
                editor.InsertBefore(anchor, declaration.WithLeadingTrivia(leading).WithTrailingTrivia(trailing).WithAdditionalAnnotations(Formatter.Annotation));
                return true;
            }

            if (kind == RetryDiagnosticProperties.ExtractLocal
                && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax creation)
            {
                var name = RetryFixSyntax.UniqueLocalName(anchor, RetryFixSyntax.KeyName, reserved);
                editor.InsertBefore(anchor, RetryFixSyntax.LocalDeclaration(name, creation));
                editor.ReplaceNode(creation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(creation));
                return true;
            }

            return false;
        }

        private static SyntaxTrivia LineEnd(SyntaxNode declaration, SyntaxNode root)
        {
            var existing = declaration.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!existing.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                existing = LineEnds.FirstIn(root);
            }

            return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.ElasticEndOfLine(existing.ToString()) : SyntaxFactory.ElasticCarriageReturnLineFeed;
        }
    }
}
