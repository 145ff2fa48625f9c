using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
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

namespace AiLint.CodeFixes.Rules.Retry
{
    /// <summary>
    /// AIL0001: create a key before the retry and pass it through the callee's <c>[IdempotencyKey]</c> parameter or
    /// property. Offered only where such a slot exists (the analyzer says so through the diagnostic's properties).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddIdempotencyKeyCodeFixProvider)), Shared]
    public sealed class AddIdempotencyKeyCodeFixProvider : CodeFixProvider
    {
        /// <summary>The stable equivalence key of this fix.</summary>
        public const string EquivalenceKey = "AIL0001.AddKey";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.RetriedCallWithoutIdempotencyKey);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(RetryFixSyntax.SequentialFixAll(Apply), EquivalenceKey, RuleIds.RetriedCallWithoutIdempotencyKey);

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var properties = diagnostic.Properties;
                if (properties.TryGetValue(RetryDiagnosticProperties.SlotKind, out var slot) && slot is not null
                    && properties.TryGetValue(RetryDiagnosticProperties.Member, out var member) && member is not null
                    && properties.TryGetValue(RetryDiagnosticProperties.KeyType, out var keyType) && keyType is not null
                    && diagnostic.AdditionalLocations.Count >= 2)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Create an idempotency key before the retry and pass it as '{member}'", ct => FixAsync(context.Document, diagnostic, ct), EquivalenceKey),
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
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(RetryDiagnosticProperties.SlotKind, out var slot) || slot is null
                || !properties.TryGetValue(RetryDiagnosticProperties.Member, out var member) || member is null
                || !properties.TryGetValue(RetryDiagnosticProperties.KeyType, out var keyType) || keyType is null
                || diagnostic.AdditionalLocations.Count < 2
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan) is not StatementSyntax anchor)
            {
                return false;
            }

            var target = root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true);
            var name = RetryFixSyntax.UniqueLocalName(anchor, RetryFixSyntax.KeyName, reserved);
            var key = SyntaxFactory.IdentifierName(name);

            switch (slot)
            {
                case nameof(KeySlotKind.OmittedParameter) when target.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                    var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon(member), default, key);
                    editor.ReplaceNode(invocation, (current, _) => current is InvocationExpressionSyntax call ? call.WithArgumentList(call.ArgumentList.AddArguments(argument)) : current);
                    break;
                case nameof(KeySlotKind.EmptyArgument) when target is ExpressionSyntax expression:
                    editor.ReplaceNode(expression, key.WithTriviaFrom(expression));
                    break;
                case nameof(KeySlotKind.UnsetProperty) when target.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation:
                    editor.ReplaceNode(creation, (current, _) => current is BaseObjectCreationExpressionSyntax c ? RetryFixSyntax.SetInitializerProperty(c, member, key) : current);
                    break;
                default:
                    return false;
            }

            var guid = RetryFixSyntax.TypeName(editor.SemanticModel, anchor.SpanStart, "System.Guid");
            var value = keyType == "string" ? guid + ".NewGuid().ToString()" : guid + ".NewGuid()";
            editor.InsertBefore(anchor, RetryFixSyntax.LocalDeclaration(name, RetryFixSyntax.Expression(value)));
            return true;
        }
    }
}
