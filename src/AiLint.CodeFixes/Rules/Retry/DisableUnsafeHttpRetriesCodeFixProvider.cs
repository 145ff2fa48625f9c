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
using Microsoft.CodeAnalysis.Formatting;

namespace AiLint.CodeFixes.Rules.Retry
{
    /// <summary>
    /// AIL0001 at <c>AddStandardResilienceHandler</c>: stop the handler from retrying POST (and the other unsafe
    /// methods) with <c>options.Retry.DisableForUnsafeHttpMethods()</c> (Microsoft.Extensions.Http.Resilience,
    /// <c>HttpRetryStrategyOptionsExtensions</c>). GETs keep their retries.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DisableUnsafeHttpRetriesCodeFixProvider)), Shared]
    public sealed class DisableUnsafeHttpRetriesCodeFixProvider : CodeFixProvider
    {
        /// <summary>The stable equivalence key of this fix.</summary>
        public const string EquivalenceKey = "AIL0001.DisableUnsafeHttpRetries";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.RetriedCallWithoutIdempotencyKey);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(WellKnownFixAllProviders.BatchFixer, EquivalenceKey, RuleIds.RetriedCallWithoutIdempotencyKey);

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(RetryDiagnosticProperties.HttpRetryFix, out var kind) && kind is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Do not retry POST and other unsafe HTTP methods", ct => FixAsync(context.Document, diagnostic, kind, ct), EquivalenceKey),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, string kind, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
            {
                return document;
            }

            var replacement = kind switch
            {
                HttpRetryFixKinds.AddConfigureLambda when invocation.ArgumentList.Arguments.Count == 0 =>
                    invocation.WithArgumentList(SyntaxFactory.ParseArgumentList("(options => options.Retry.DisableForUnsafeHttpMethods())")),
                HttpRetryFixKinds.AppendToConfigureLambda => AppendToLambda(invocation),
                _ => null,
            };

            if (replacement is null)
            {
                return document;
            }

            // The extension method lives in Microsoft.Extensions.Http.Resilience.
            var newRoot = root.ReplaceNode(invocation, replacement.WithAdditionalAnnotations(Formatter.Annotation));
            if (newRoot is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == "Microsoft.Extensions.Http.Resilience"))
            {
                newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Microsoft.Extensions.Http.Resilience")).WithAdditionalAnnotations(Formatter.Annotation));
            }

            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary><c>o =&gt; { ... }</c> gets <c>o.Retry.DisableForUnsafeHttpMethods();</c> as its last statement.</summary>
        private static InvocationExpressionSyntax? AppendToLambda(InvocationExpressionSyntax invocation)
        {
            if (invocation.ArgumentList.Arguments.Count != 1 || invocation.ArgumentList.Arguments[0].Expression is not LambdaExpressionSyntax lambda)
            {
                return null;
            }

            var parameter = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                _ => null,
            };
            if (parameter is null)
            {
                return null;
            }

            var added = SyntaxFactory.ParseStatement(parameter + ".Retry.DisableForUnsafeHttpMethods();");
            BlockSyntax block;
            if (lambda.Block is { } existing)
            {
                block = existing.AddStatements(added);
            }
            else if (lambda.ExpressionBody is { } expression)
            {
                block = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()), added);
            }
            else
            {
                return null;
            }

            var newLambda = lambda.WithExpressionBody(null).WithBlock(block.WithAdditionalAnnotations(Formatter.Annotation));
            return invocation.ReplaceNode(lambda, newLambda);
        }
    }
}
