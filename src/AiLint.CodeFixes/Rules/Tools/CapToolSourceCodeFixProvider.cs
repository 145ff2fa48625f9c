using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Tools;
using AiLint.CodeFixes.FixAll;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.CodeFixes.Rules.Tools
{
    /// <summary>
    /// AIL0202: caps an unbounded tool source with <c>.Take(cap)</c> where it enters the catalog, materialising the
    /// result when the catalog needs a list or an array (<c>ChatOptions.Tools</c> is an <c>IList&lt;AITool&gt;</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CapToolSourceCodeFixProvider))]
    [Shared]
    public sealed class CapToolSourceCodeFixProvider : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix (stable: Fix All groups by it).</summary>
        public const string EquivalenceKey = "AIL0202.Take";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ToolCatalogFromUnboundedSource);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(FixAllProvider.Create(FixAllInDocumentAsync), EquivalenceKey, RuleIds.ToolCatalogFromUnboundedSource);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Target(root, diagnostic) is { } target && TryGetCap(diagnostic, out var cap)
                    && TakeRewriter.Rewrite(target, model, cap, context.CancellationToken) != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Cap the tool source with .Take(" + cap.ToString(CultureInfo.InvariantCulture) + ")",
                            ct => FixAllInDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            FixAllInDocumentAsync(document, diagnostics, context.CancellationToken)!;

        private static async Task<Document> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            var replacements = diagnostics
                .Select(d => (Diagnostic: d, Target: Target(root, d)))
                .Where(x => x.Target != null && TryGetCap(x.Diagnostic, out _))
                .Select(x =>
                {
                    TryGetCap(x.Diagnostic, out var cap);
                    return (Target: x.Target!, Replacement: TakeRewriter.Rewrite(x.Target!, model, cap, cancellationToken));
                })
                .Where(x => x.Replacement != null)
                .GroupBy(x => x.Target)
                .ToDictionary(g => g.Key, g => g.First().Replacement!);

            if (replacements.Count == 0)
            {
                return document;
            }

            var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            if (newRoot is CompilationUnitSyntax unit && !ImportsSystemLinq(model, root, replacements.Keys.First()))
            {
                newRoot = AddSystemLinq(unit);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static ExpressionSyntax? Target(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(ToolDiagnosticProperties.Fixable, out var fixable) || fixable != "1")
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            while (node is ArgumentSyntax || node is ExpressionElementSyntax)
            {
                node = node.ChildNodes().FirstOrDefault();
            }

            return node is ExpressionSyntax expression && expression.Span == diagnostic.Location.SourceSpan ? expression : null;
        }

        private static bool TryGetCap(Diagnostic diagnostic, out int cap)
        {
            cap = 0;
            return diagnostic.Properties.TryGetValue(ToolDiagnosticProperties.Cap, out var raw)
                && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out cap)
                && cap > 0;
        }

        /// <summary>Whether <c>Take</c> already binds at the position: a <c>using System.Linq;</c> in scope, global or local.</summary>
        private static bool ImportsSystemLinq(SemanticModel model, SyntaxNode root, SyntaxNode position)
        {
            foreach (var tree in model.Compilation.SyntaxTrees)
            {
                var treeRoot = tree == root.SyntaxTree ? root : tree.GetRoot();
                if (treeRoot is CompilationUnitSyntax unit && unit.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && IsSystemLinq(u)))
                {
                    return true;
                }
            }

            return position.AncestorsAndSelf().Any(a =>
                a is CompilationUnitSyntax unit && unit.Usings.Any(IsSystemLinq)
                || a is BaseNamespaceDeclarationSyntax ns && ns.Usings.Any(IsSystemLinq));
        }

        private static bool IsSystemLinq(UsingDirectiveSyntax directive) =>
            directive.Alias == null && directive.StaticKeyword.IsKind(SyntaxKind.None)
            && directive.Name?.ToString().Replace("global::", string.Empty) == "System.Linq";

        private static CompilationUnitSyntax AddSystemLinq(CompilationUnitSyntax unit)
        {
            var endOfLine = LineEnds.FirstIn(unit);
            if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = SyntaxFactory.LineFeed;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq")).WithTrailingTrivia(endOfLine);
            var usings = unit.Usings;
            // System namespaces first, in order (the dotnet_sort_system_directives_first convention).
            var index = 0;
            for (var i = 0; i < usings.Count; i++)
            {
                var name = usings[i].Name?.ToString() ?? string.Empty;
                var isSystem = name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
                if (isSystem && string.CompareOrdinal(name, "System.Linq") < 0 && usings[i].Alias == null && usings[i].StaticKeyword.IsKind(SyntaxKind.None))
                {
                    index = i + 1;
                }
            }

            if (usings.Count == 0)
            {
                directive = directive.WithTrailingTrivia(endOfLine, endOfLine);
                var first = unit.GetFirstToken();
                return unit.ReplaceToken(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                    .WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(first.LeadingTrivia)));
            }

            return unit.WithUsings(usings.Insert(index, directive));
        }
    }
}
