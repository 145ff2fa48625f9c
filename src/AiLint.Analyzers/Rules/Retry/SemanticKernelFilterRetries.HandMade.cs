using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A service whose constructor takes a <c>Kernel</c> is only known to get the container's kernel when the container
    /// is the only thing that makes it. When the project also writes <c>new ChatService(kernel)</c> itself, the kernel may
    /// be one it built without the container's filters, so the container's filters are not counted for it.
    /// </summary>
    internal sealed partial class SemanticKernelFilterRetries
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> createdInSource = new(SymbolEqualityComparer.Default);

        /// <summary>The project's code creates the type with <c>new</c> (explicit or target-typed) somewhere.</summary>
        private bool CreatedInSource(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            createdInSource.GetOrAdd(type, t => FindCreation(t, cancellationToken));

        private bool FindCreation(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var creation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
                {
                    // An explicit `new X(...)` is bound only when it names the type; a target-typed `new(...)` always.
                    if (creation is ObjectCreationExpressionSyntax { Type: var written } && RightmostName(written) != type.Name)
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol constructor
                        && SymbolEqualityComparer.Default.Equals(constructor.ContainingType.OriginalDefinition, type.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string? RightmostName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }
}
