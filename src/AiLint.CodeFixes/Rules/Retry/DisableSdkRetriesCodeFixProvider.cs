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
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.CodeFixes.Rules.Retry
{
    /// <summary>
    /// AIL0003: turn off the SDK's own retries where the client is built in the same method: OpenAI and Azure OpenAI
    /// <c>RetryPolicy = new ClientRetryPolicy(0)</c>, Anthropic <c>MaxRetries = 0</c> (docs/design/sdk-facts.md F).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DisableSdkRetriesCodeFixProvider)), Shared]
    public sealed class DisableSdkRetriesCodeFixProvider : CodeFixProvider
    {
        /// <summary>The stable equivalence key of this fix.</summary>
        public const string EquivalenceKey = "AIL0003.DisableSdkRetries";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.RetryOverSdkBuiltInRetries);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(WellKnownFixAllProviders.BatchFixer, EquivalenceKey, RuleIds.RetryOverSdkBuiltInRetries);

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(RetryDiagnosticProperties.SdkFix, out var kind) && kind is not null && diagnostic.AdditionalLocations.Count >= 1)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Disable the SDK client's built-in retries", ct => FixAsync(context.Document, diagnostic, kind, ct), EquivalenceKey),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, string kind, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is not { } creation)
            {
                return document;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var noRetries = "new " + RetryFixSyntax.TypeName(model, creation.SpanStart, "System.ClientModel.Primitives.ClientRetryPolicy") + "(0)";
            switch (kind)
            {
                case SdkRetryFixKinds.SetRetryPolicy:
                    editor.ReplaceNode(creation, RetryFixSyntax.SetInitializerProperty(creation, "RetryPolicy", RetryFixSyntax.Expression(noRetries)));
                    break;
                case SdkRetryFixKinds.SetMaxRetries:
                    editor.ReplaceNode(creation, RetryFixSyntax.SetInitializerProperty(creation, "MaxRetries", SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0))));
                    break;
                case SdkRetryFixKinds.AddOpenAIOptions or SdkRetryFixKinds.AddAzureOpenAIOptions when creation.ArgumentList is { } arguments:
                    if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation operation)
                    {
                        return document;
                    }

                    // new ChatClient(model, apiKey) has no options overload: the key moves into an ApiKeyCredential.
                    var rewritten = arguments.Arguments.Select(a =>
                    {
                        var parameter = operation.Arguments.FirstOrDefault(o => o.Syntax == a)?.Parameter;
                        return parameter is { Name: "apiKey", Type.SpecialType: SpecialType.System_String }
                            ? a.WithNameColon(null).WithExpression(RetryFixSyntax.Expression("new " + RetryFixSyntax.TypeName(model, creation.SpanStart, "System.ClientModel.ApiKeyCredential") + "(" + a.Expression.WithoutTrivia().ToFullString() + ")"))
                            : a;
                    }).ToList();
                    var optionsType = kind == SdkRetryFixKinds.AddAzureOpenAIOptions ? "Azure.AI.OpenAI.AzureOpenAIClientOptions" : "OpenAI.OpenAIClientOptions";
                    rewritten.Add(SyntaxFactory.Argument(RetryFixSyntax.Expression("new " + RetryFixSyntax.TypeName(model, creation.SpanStart, optionsType) + " { RetryPolicy = " + noRetries + " }")));
                    editor.ReplaceNode(creation, creation.WithArgumentList(arguments.WithArguments(SyntaxFactory.SeparatedList(rewritten))).WithAdditionalAnnotations(Formatter.Annotation));
                    break;
                default:
                    return document;
            }

            return editor.GetChangedDocument();
        }
    }
}
