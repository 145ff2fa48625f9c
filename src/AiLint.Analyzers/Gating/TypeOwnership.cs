using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// For an analysis that needs all of a type's operation blocks together from a per-file semantic-model action: which
    /// file analyses a type (its owning declaration), and the blocks of all its parts that the driver does not treat as
    /// generated, as a symbol-start action's block actions would have collected them.
    /// </summary>
    /// <remarks>
    /// The owner is the first declaration (in <see cref="ISymbol.DeclaringSyntaxReferences"/> order, then the unit of
    /// top-level statements) in a file that is not generated (<see cref="GeneratedFiles"/>). It is one declaration, so a
    /// type is analysed at most once; if the driver runs no action on the owner's file (its generated-code test said
    /// yes where ours said no) the type is missed, never reported twice. A nested type is a type of its own, as it is
    /// for the driver's symbol-start actions: its blocks are not its container's.
    /// </remarks>
    internal static class TypeOwnership
    {
        private const string TopLevelEntryPoint = "<Main>$";

        /// <summary>
        /// Whether a type declared in <paramref name="unit"/> may have declarations elsewhere: a partial type outside any
        /// type (a nested type's parts are all inside its container's declarations), or top-level statements (the
        /// implicit Program class may have partial parts).
        /// </summary>
        public static bool MayShareTypes(CompilationUnitSyntax unit) => MayShareTypes(unit.Members);

        /// <summary>Each class, struct, record or interface declared in the file, and the Program class of top-level statements.</summary>
        public static IEnumerable<(INamedTypeSymbol Type, SyntaxNode Declaration)> DeclaredTypes(SemanticModel model, CompilationUnitSyntax unit, CancellationToken cancellationToken)
        {
            // Enums and delegates are left out: their blocks are constant values and attributes, which hold no calls.
            foreach (var node in unit.DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax || n is TypeDeclarationSyntax))
            {
                if (node is TypeDeclarationSyntax declaration && model.GetDeclaredSymbol(declaration, cancellationToken) is { } type)
                {
                    yield return (type, declaration);
                }
            }

            if (OperationBlocksOfFile.HasTopLevelStatements(unit) && model.GetDeclaredSymbol(unit, cancellationToken) is IMethodSymbol { ContainingType: { } program })
            {
                yield return (program, unit);
            }
        }

        /// <summary>Whether <paramref name="declaration"/> is the declaration that analyses <paramref name="type"/>.</summary>
        public static bool IsOwner(INamedTypeSymbol type, SyntaxNode declaration, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            foreach (var part in Parts(type, options, cancellationToken))
            {
                return part.SyntaxTree == declaration.SyntaxTree && part.Span == declaration.Span;
            }

            return false;
        }

        /// <summary>
        /// The operation blocks of <paramref name="type"/>'s own members in all its non-generated parts, read with
        /// <paramref name="model"/> in its file and with the compilation's (driver-cached) semantic models elsewhere.
        /// </summary>
        public static List<IOperation> BlocksOfType(INamedTypeSymbol type, SemanticModel model, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var blocks = new List<IOperation>();
            foreach (var part in Parts(type, options, cancellationToken))
            {
                var partModel = part.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(part.SyntaxTree);
                OperationBlocksOfFile.ForEachOfDeclaration(
                    partModel,
                    part.GetSyntax(cancellationToken),
                    blocks,
                    static (_, operations, list) => list.AddRange(operations),
                    cancellationToken);
            }

            return blocks;
        }

        /// <summary>The type's declarations (and unit of top-level statements) in files that are not generated, owner first.</summary>
        private static List<SyntaxReference> Parts(INamedTypeSymbol type, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var parts = new List<SyntaxReference>(type.DeclaringSyntaxReferences.Length);
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                Add(parts, reference, options, cancellationToken);
            }

            // The implicit Program class: its entry point is declared by the compilation unit of top-level statements.
            foreach (var member in type.GetMembers(TopLevelEntryPoint))
            {
                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is CompilationUnitSyntax)
                    {
                        Add(parts, reference, options, cancellationToken);
                    }
                }
            }

            return parts;
        }

        private static void Add(List<SyntaxReference> parts, SyntaxReference reference, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            if (GeneratedFiles.IsGenerated(reference.SyntaxTree, options, cancellationToken))
            {
                return;
            }

            foreach (var part in parts)
            {
                if (part.SyntaxTree == reference.SyntaxTree && part.Span == reference.Span)
                {
                    return;
                }
            }

            parts.Add(reference);
        }

        private static bool MayShareTypes(SyntaxList<MemberDeclarationSyntax> members)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case GlobalStatementSyntax:
                        return true;
                    case BaseNamespaceDeclarationSyntax ns when MayShareTypes(ns.Members):
                        return true;
                    case TypeDeclarationSyntax type when type.Modifiers.Any(SyntaxKind.PartialKeyword):
                        return true;
                }
            }

            return false;
        }
    }
}
