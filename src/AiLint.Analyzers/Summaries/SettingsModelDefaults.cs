using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// Settings defaults across projects (AIL0501-AIL0503): a library declares <c>public class AiOptions { public string
    /// ModelId { get; set; } = "gpt-4o"; }</c> and an app reads <c>GetChatClient(options.ModelId)</c>. The app's
    /// compilation sees only the library's metadata, where an auto-property initializer is constructor IL, so the library
    /// records each such default in its summary (key <see cref="Key"/>, value <c>docId|id</c>), and the app reads it
    /// where it reads the property, exactly as it reads a settings default of its own (<see cref="ModelIdValue.SettingsDefault"/>).
    /// Recorded: a public, non-virtual <c>string</c> auto-property (or expression-bodied property) of a public type,
    /// without attributes, whose initializer is a string literal the shipped model table knows. Kept apart from the
    /// LLM-call and retry entries: it is the Models family's only entry.
    /// </summary>
    internal static class SettingsModelDefaults
    {
        /// <summary>Value: the property's documentation-comment id, <c>|</c>, and the literal model id it starts with.</summary>
        public const string Key = "AiLint.SettingsModelDefault";

        private static readonly ConditionalWeakTable<Compilation, Dictionary<string, string>> Referenced = new();

        /// <summary>The library side: one entry per recorded settings default, found by syntax first and bound only then.</summary>
        public static List<SummaryEntry> Entries(Compilation compilation, CancellationToken cancellationToken)
        {
            var entries = new List<SummaryEntry>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                foreach (var node in root.DescendantNodes(descendIntoChildren: child => child is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (node is not PropertyDeclarationSyntax property
                        || DefaultLiteral(property) is not { } id
                        || ModelTable.Shipped.Find(id) == null
                        || SourceBodies.GetSemanticModel(compilation, tree).GetDeclaredSymbol(property, cancellationToken) is not { } symbol
                        || !IsRecordable(symbol)
                        || symbol.GetDocumentationCommentId() is not { } docId)
                    {
                        continue;
                    }

                    entries.Add(new SummaryEntry(Key, docId + "|" + id));
                }
            }

            return entries;
        }

        /// <summary>
        /// The app side: the model id a property of a referenced assembly starts with, when that assembly's summary
        /// recorded one; null for a source property (read from its declaration instead) or anything else.
        /// </summary>
        public static string? ReferencedDefault(IOperation value)
        {
            if (ModelIdValue.Unwrap(value) is not IPropertyReferenceOperation { Property: { IsVirtual: false, IsAbstract: false, IsOverride: false, IsIndexer: false } property }
                || property.Type.SpecialType != SpecialType.System_String
                || property.DeclaringSyntaxReferences.Length != 0
                || value.SemanticModel?.Compilation is not { } compilation)
            {
                return null;
            }

            var recorded = Referenced.GetValue(compilation, Read);
            return recorded.Count > 0 && property.OriginalDefinition.ContainingAssembly is { } assembly
                && property.OriginalDefinition.GetDocumentationCommentId() is { } docId
                && recorded.TryGetValue(assembly.Identity.Name + "|" + docId, out var id)
                ? id
                : null;
        }

        // `public string Model { get; set; } = "gpt-4o";` or `public string Model => "gpt-4o";`.
        private static string? DefaultLiteral(PropertyDeclarationSyntax property)
        {
            if (property.Type is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword }
                || property.AttributeLists.Count > 0
                || !property.Modifiers.Any(SyntaxKind.PublicKeyword))
            {
                return null;
            }

            ExpressionSyntax? written = property.ExpressionBody?.Expression;
            if (written == null && property.AccessorList != null)
            {
                foreach (var accessor in property.AccessorList.Accessors)
                {
                    if (accessor.Body != null || accessor.ExpressionBody != null)
                    {
                        return null;
                    }
                }

                written = property.Initializer?.Value;
            }

            return written is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length > 0
                ? literal.Token.ValueText
                : null;
        }

        private static bool IsRecordable(IPropertySymbol property)
        {
            if (property.IsVirtual || property.IsAbstract || property.IsOverride || property.IsStatic
                || property.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            for (var type = property.ContainingType; type != null; type = type.ContainingType)
            {
                if (type.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static Dictionary<string, string> Read(Compilation compilation)
        {
            var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (assembly, value) in SummaryRecords.Of(compilation, Key))
            {
                if (value.IndexOf('|') is var bar && bar > 0)
                {
                    recorded[assembly.Identity.Name + "|" + value.Substring(0, bar)] = value.Substring(bar + 1);
                }
            }

            return recorded;
        }
    }
}
