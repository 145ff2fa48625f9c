using System;
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
            if (location.SourceTree is not { } tree || !compilation.ContainsSyntaxTree(tree))
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
