using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using AiLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.CodeFixes.Rules.Models
{
    /// <summary>
    /// AIL0504: removes the sampling parameter the model rejects. AIL0505: removes the top_p setting, keeping
    /// temperature. Offered where the setting is an object-initializer member or an assignment statement of its own.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSamplingParameterCodeFixProvider))]
    [Shared]
    public sealed class RemoveSamplingParameterCodeFixProvider : CodeFixProvider
    {
        /// <summary>AIL0504's fix: remove the setting.</summary>
        public const string RemoveForAIL0504Key = RuleIds.ParameterRejectedByModel + ".RemoveSetting";

        /// <summary>AIL0505's fix: remove the setting.</summary>
        public const string RemoveForAIL0505Key = RuleIds.TemperatureAndTopPBothSet + ".RemoveSetting";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("AIL0504", "AIL0505");

        /// <inheritdoc />
        /// <remarks>
        /// Not BatchFixer: removing two neighbouring initializer members removes the comma between them twice, and
        /// merged text changes would overlap. This removes every target of a document in one edit.
        /// </remarks>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (fixAllContext, document, diagnostics) =>
        {
            var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var targets = diagnostics.Select(d => Target(root, d)).Where(t => t is not null).Select(t => t!).Distinct().ToList();
            return targets.Count == 0 ? document : document.WithSyntaxRoot(Remove(root, targets));
        });

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
                if (Target(root, diagnostic) is not { } target || target.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault()?.Left is not { } left)
                {
                    continue;
                }

                var name = left is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : left.ToString();
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove '" + name + "'",
                        _ => Task.FromResult(document.WithSyntaxRoot(Remove(root, new[] { target }))),
                        equivalenceKey: diagnostic.Id == RuleIds.ParameterRejectedByModel ? RemoveForAIL0504Key : RemoveForAIL0505Key),
                    diagnostic);
            }
        }

        /// <summary>The node to remove: the initializer member, or the statement holding the assignment.</summary>
        private static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax assignment)
            {
                return null;
            }

            return assignment.Parent switch
            {
                InitializerExpressionSyntax => assignment,
                ExpressionStatementSyntax statement when statement.Parent is BlockSyntax => statement,
                _ => null,
            };
        }

        /// <summary>
        /// Removes the targets one at a time (tracked by annotation). The last member of an initializer keeps its
        /// trailing trivia, so <c>{ A = 1, TopP = 2 }</c> becomes <c>{ A = 1 }</c>, not <c>{ A = 1}</c>.
        /// </summary>
        private static SyntaxNode Remove(SyntaxNode root, IEnumerable<SyntaxNode> targets)
        {
            var annotation = new SyntaxAnnotation("AiLint.RemoveSampling");
            root = root.ReplaceNodes(targets, (_, node) => node.WithAdditionalAnnotations(annotation));
            while (root.GetAnnotatedNodes(annotation).FirstOrDefault() is { } node)
            {
                var isLastMember = node.Parent is InitializerExpressionSyntax initializer
                    && initializer.Expressions.Count > 0
                    && initializer.Expressions[initializer.Expressions.Count - 1] == node
                    && initializer.Expressions.SeparatorCount < initializer.Expressions.Count;
                var removed = root.RemoveNode(node, isLastMember ? SyntaxRemoveOptions.KeepTrailingTrivia : SyntaxRemoveOptions.KeepNoTrivia);
                if (removed is null)
                {
                    break;
                }

                root = removed;
            }

            return root;
        }
    }
}
