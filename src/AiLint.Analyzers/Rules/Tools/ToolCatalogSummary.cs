using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Tool catalogs across projects (AIL0201): a library declares <c>public static readonly IReadOnlyList&lt;AITool&gt; All = [...]</c>
    /// and an app sends <c>Tools = [.. AdminTools.All]</c>. The app sees only the library's metadata, so the library
    /// records what its own <see cref="CatalogEvaluator"/> counts in such a member (key <see cref="Key"/>, value
    /// <c>docId|min|exact|strict|conditional</c>), and the app's evaluator reads the record where it reads the member, as
    /// it reads a static registry of its own project. Recorded: a public <c>static readonly</c> field, or a public static
    /// get-only auto-property, of a public type, typed as an array, <c>IEnumerable&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>,
    /// <c>IReadOnlyCollection&lt;T&gt;</c> or <c>ImmutableArray&lt;T&gt;</c> of tools (no other project can change its count),
    /// written with a collection (a collection expression, an array, a collection creation), holding at least one counted
    /// tool and no unbounded source.
    /// </summary>
    internal static class ToolCatalogSummary
    {
        /// <summary>Value: the member's documentation-comment id, then <c>|min|exact|strict|conditional</c>.</summary>
        public const string Key = "AiLint.ToolCatalog";

        private static readonly ConditionalWeakTable<Compilation, Dictionary<string, CatalogContent>> Referenced = new ConditionalWeakTable<Compilation, Dictionary<string, CatalogContent>>();

        /// <summary>
        /// The library side. Found by syntax first; the tool symbols are built only when a candidate exists, and a type's
        /// bodies are bound only when one of its candidates is a tool collection.
        /// </summary>
        public static List<SummaryEntry> Entries(Compilation compilation, CancellationToken cancellationToken)
        {
            var entries = new List<SummaryEntry>();
            KnownToolSymbols? symbols = null;
            ProjectCatalogs? project = null;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                foreach (var node in root.DescendantNodes(descendIntoChildren: child => child is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (!(CandidateInitializer(node) is { } written))
                    {
                        continue;
                    }

                    if (symbols == null)
                    {
                        symbols = KnownToolSymbols.TryCreate(compilation);
                        if (symbols == null)
                        {
                            return entries;
                        }

                        project = new ProjectCatalogs(compilation, symbols, cancellationToken);
                    }

                    var model = AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, tree);
                    var declared = node is FieldDeclarationSyntax field
                        ? model.GetDeclaredSymbol(field.Declaration.Variables[0], cancellationToken)
                        : model.GetDeclaredSymbol((PropertyDeclarationSyntax)node, cancellationToken);
                    var type = declared is IFieldSymbol f ? f.Type : (declared as IPropertySymbol)?.Type;
                    if (declared == null || !IsVisible(declared) || !HasFixedCount(type) || !symbols.IsToolCollection(type)
                        || declared.GetDocumentationCommentId() is not { } docId
                        || model.GetOperation(written, cancellationToken) is not { } entry)
                    {
                        continue;
                    }

                    var content = new CatalogEvaluator(symbols, project!.IndexOf(declared.ContainingType), AiLintOptions.DefaultMaxTools, project, depth: 1).Member(declared, entry);
                    if (content.Min > 0 && content.Unbounded.IsEmpty)
                    {
                        entries.Add(new SummaryEntry(Key, string.Join("|",
                            docId,
                            content.Min.ToString(CultureInfo.InvariantCulture),
                            content.Exact ? "1" : "0",
                            content.Strict.ToString(CultureInfo.InvariantCulture),
                            content.Conditional ? "1" : "0")));
                    }
                }
            }

            return entries;
        }

        /// <summary>
        /// The app side: what a referenced assembly recorded for a field or property of its own; null for a member of this
        /// compilation (read from its declaration instead) or one nothing was recorded for.
        /// </summary>
        public static CatalogContent? ReferencedContent(ISymbol member, Compilation compilation)
        {
            member = member.OriginalDefinition;
            if (member.DeclaringSyntaxReferences.Length != 0 || !member.IsStatic || !(member.ContainingAssembly is { } assembly))
            {
                return null;
            }

            var recorded = Referenced.GetValue(compilation, Read);
            return recorded.Count > 0 && member.GetDocumentationCommentId() is { } docId
                && recorded.TryGetValue(assembly.Identity.Name + "|" + docId, out var content)
                ? content
                : null;
        }

        /// <summary>The value a candidate member is written with; null for any other declaration.</summary>
        private static ExpressionSyntax? CandidateInitializer(SyntaxNode node)
        {
            switch (node)
            {
                case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.PublicKeyword) && field.Modifiers.Any(SyntaxKind.StaticKeyword)
                        && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword) && field.Declaration.Variables.Count == 1:
                    return IsCollection(field.Declaration.Variables[0].Initializer?.Value);
                case PropertyDeclarationSyntax property when property.Modifiers.Any(SyntaxKind.PublicKeyword) && property.Modifiers.Any(SyntaxKind.StaticKeyword)
                        && property.AccessorList is { Accessors: { Count: 1 } accessors }
                        && accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration) && accessors[0].Body == null && accessors[0].ExpressionBody == null:
                    return IsCollection(property.Initializer?.Value);
                default:
                    return null;
            }
        }

        private static ExpressionSyntax? IsCollection(ExpressionSyntax? value) =>
            value is CollectionExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                or BaseObjectCreationExpressionSyntax ? value : null;

        /// <summary>
        /// A collection no other code can add to or remove from through the member: an array, or a read-only interface
        /// or immutable array. A public <c>List&lt;AITool&gt;</c> may be changed by any project that references the library,
        /// so its count there is not recorded.
        /// </summary>
        private static bool HasFixedCount(ITypeSymbol? type)
        {
            if (type is IArrayTypeSymbol)
            {
                return true;
            }

            if (!(type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named))
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            var space = definition.ContainingNamespace?.ToDisplayString();
            return space == "System.Collections.Generic" && definition.Name is "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection"
                || space == "System.Collections.Immutable" && definition.Name == "ImmutableArray";
        }

        private static bool IsVisible(ISymbol member)
        {
            if (member.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            for (var type = member.ContainingType; type != null; type = type.ContainingType)
            {
                if (type.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static Dictionary<string, CatalogContent> Read(Compilation compilation)
        {
            var recorded = new Dictionary<string, CatalogContent>(StringComparer.Ordinal);
            foreach (var (assembly, value) in SummaryRecords.Of(compilation, Key))
            {
                var parts = value.Split('|');
                if (parts.Length == 5
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
                    && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var strict)
                    && min > 0 && strict <= min)
                {
                    recorded[assembly.Identity.Name + "|" + parts[0]] = new CatalogContent(
                        min, parts[2] == "1", strict, fromMcp: false, System.Collections.Immutable.ImmutableArray<UnboundedSource>.Empty, conditional: parts[4] == "1");
                }
            }

            return recorded;
        }
    }
}
