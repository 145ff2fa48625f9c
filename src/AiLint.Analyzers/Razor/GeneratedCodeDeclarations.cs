using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Razor
{
    /// <summary>
    /// Whether a location lies inside the declaration of a symbol marked <c>[GeneratedCode]</c> (or nested in one), the
    /// driver's other test for generated code: with <c>ConfigureGeneratedCodeAnalysis(None)</c> it dropped diagnostics
    /// there even in a hand-written file, and <see cref="RazorAwareAnalysisContext"/> keeps doing so.
    /// </summary>
    /// <remarks>
    /// Only asked for a diagnostic about to be reported. The attribute's name is read from the syntax first, so the
    /// semantic model is consulted only for a declaration that spells <c>GeneratedCode</c>. As in the driver (and in
    /// Gating/OperationBlocksOfFile), a symbol with several declarations (a partial one) is not judged by its own
    /// attributes, since a generator may mark only its part.
    /// </remarks>
    internal static class GeneratedCodeDeclarations
    {
        public static bool Contain(Location location, Compilation compilation, CancellationToken cancellationToken)
        {
            if (location.SourceTree is not { } tree || !MaySpell(tree, cancellationToken) || !compilation.ContainsSyntaxTree(tree))
            {
                return false;
            }

            var node = tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            SemanticModel? model = null;
            INamedTypeSymbol? generatedCode = null;
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                if (ancestor is not MemberDeclarationSyntax member || !SpellsGeneratedCode(member.AttributeLists))
                {
                    continue;
                }

                model ??= compilation.GetSemanticModel(tree);
                generatedCode ??= compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
                if (generatedCode is null)
                {
                    return false;
                }

                var symbol = member is BaseFieldDeclarationSyntax field && field.Declaration.Variables.Count > 0
                    ? model.GetDeclaredSymbol(field.Declaration.Variables[0], cancellationToken)
                    : model.GetDeclaredSymbol(member, cancellationToken);
                if (symbol is not null && symbol.DeclaringSyntaxReferences.Length <= 1 && Carries(symbol, generatedCode))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether an attribute in <paramref name="tree"/> may be named <c>GeneratedCode</c>: its text holds the word, or a
        /// <c>\u</c>/<c>\U</c> escape that an identifier could spell it with. Most files say neither, and for them
        /// <see cref="Contain"/> answers without finding the reported node (about 3 µs a diagnostic, measured in
        /// docs/performance.md, session 36). Answered once per tree: a file with many findings asks many times.
        /// </summary>
        internal static bool MaySpell(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (Spellings.TryGetValue(tree, out var known))
            {
                return known.Value;
            }

            // A parsed file's text is usually held as one string, which ToString returns without a copy.
            var text = tree.GetText(cancellationToken).ToString();
            var answer = text.IndexOf("GeneratedCode", StringComparison.Ordinal) >= 0
                || text.IndexOf("\\u", StringComparison.Ordinal) >= 0
                || text.IndexOf("\\U", StringComparison.Ordinal) >= 0;
            Spellings.GetValue(tree, _ => new StrongBox<bool>(answer));
            return answer;
        }

        private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> Spellings = new ConditionalWeakTable<SyntaxTree, StrongBox<bool>>();

        private static bool SpellsGeneratedCode(SyntaxList<AttributeListSyntax> lists)
        {
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                        : attribute.Name is AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                        : attribute.Name is SimpleNameSyntax simple ? simple.Identifier.ValueText
                        : string.Empty;
                    if (string.Equals(name, "GeneratedCode", StringComparison.Ordinal) || string.Equals(name, "GeneratedCodeAttribute", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Carries(ISymbol symbol, INamedTypeSymbol generatedCode)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, generatedCode))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
