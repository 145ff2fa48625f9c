using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.CodeFixes.Rules.Models
{
    /// <summary>
    /// AIL0501: pins an alias to the snapshot the model table names. AIL0502/AIL0503: replaces the id with the
    /// provider's recommended successor. Offered only when the table names the replacement and the id is a string
    /// literal at the diagnostic: an id held in a constant may be used elsewhere, so the fix does not edit it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceModelIdCodeFixProvider))]
    [Shared]
    public sealed class ReplaceModelIdCodeFixProvider : CodeFixProvider
    {
        /// <summary>AIL0501's fix: pin the alias to its snapshot.</summary>
        public const string PinSnapshotKey = RuleIds.ModelIdIsFloatingAlias + ".PinSnapshot";

        /// <summary>AIL0502's fix: move to the successor.</summary>
        public const string UseSuccessorBeforeShutdownKey = RuleIds.ModelIsDeprecated + ".UseSuccessor";

        /// <summary>AIL0503's fix: move to the successor.</summary>
        public const string UseSuccessorAfterShutdownKey = RuleIds.ModelIsRetired + ".UseSuccessor";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("AIL0501", "AIL0502", "AIL0503");

        /// <inheritdoc />
        /// <remarks>Each fix rewrites one literal of its own, so batched text changes never overlap.</remarks>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
                var replacement = Replacement(diagnostic);
                if (replacement is null
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                    || !literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    continue;
                }

                var title = diagnostic.Id == "AIL0501"
                    ? "Pin to the snapshot '" + replacement + "'"
                    : "Use the successor '" + replacement + "'";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => ReplaceAsync(context.Document, literal, replacement, ct),
                        equivalenceKey: KeyFor(diagnostic.Id)),
                    diagnostic);
            }
        }

        // One key per id, so Fix All started from one rule's fix fixes that rule only.
        private static string KeyFor(string diagnosticId) => diagnosticId switch
        {
            RuleIds.ModelIdIsFloatingAlias => PinSnapshotKey,
            RuleIds.ModelIsDeprecated => UseSuccessorBeforeShutdownKey,
            _ => UseSuccessorAfterShutdownKey,
        };

        private static string? Replacement(Diagnostic diagnostic)
        {
            var key = diagnostic.Id == "AIL0501" ? ModelDiagnosticProperties.Snapshot : ModelDiagnosticProperties.Successor;
            return diagnostic.Properties.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        }

        private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var updated = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
                .WithTriviaFrom(literal);
            return document.WithSyntaxRoot(root.ReplaceNode(literal, updated));
        }
    }
}
