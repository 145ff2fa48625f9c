using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The one method of the project that a call through an interface of the project can run: DocTranslator.LLM's
    /// <c>chatClientFactory.CreateOpenAi(key, model)</c> on <c>IChatClientFactory</c>, whose only implementation is the
    /// sealed <c>ChatClientFactory</c> (review61). Only a plain abstract method of a non-generic interface declared in
    /// the project counts (the method itself may be generic, as StoryGenerator's
    /// <c>GenerateStructuredOutputAsync&lt;T&gt;(..., string model = "gpt-3.5-turbo")</c>: its type arguments do not
    /// change which method runs), and only when every class or struct of the project that implements the interface
    /// maps the method to the same non-virtual method with a body: a second implementation (a fake, a decorator, another
    /// provider's factory), a virtual or abstract one (a subclass may override it), or none leaves the call unread.
    /// Implementations in other projects (a consumer of a library's interface) are not seen.
    /// </summary>
    internal sealed class SoleImplementations
    {
        // The project's classes and structs by the source interfaces they implement, built on first use (most
        // compilations never follow a call through an interface).
        private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>? implementers;

        /// <summary>Whether <paramref name="method"/> is an interface method a call may be followed through (cheap test, no type scan).</summary>
        public static bool IsCandidate(IMethodSymbol method, Compilation compilation) =>
            method.MethodKind == MethodKind.Ordinary
            && method.IsAbstract && !method.IsStatic
            && method.ContainingType is { TypeKind: TypeKind.Interface, IsGenericType: false }
            && SourceBodies.IsInSource(method, compilation);

        /// <summary>The only implementation of <paramref name="method"/> in the project, or null (see the class summary).</summary>
        public IMethodSymbol? Of(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (!IsCandidate(method, compilation))
            {
                return null;
            }

            // Two threads may both build it; either index is the same, and a reference write is atomic.
            var index = implementers ??= Index(compilation, cancellationToken);
            if (!index.TryGetValue(method.ContainingType, out var types))
            {
                return null;
            }

            IMethodSymbol? found = null;
            foreach (var type in types)
            {
                if (type.FindImplementationForInterfaceMember(method) is not IMethodSymbol implementation
                    || (found != null && !SymbolEqualityComparer.Default.Equals(found, implementation)))
                {
                    return null;
                }

                found = implementation;
            }

            return found is { IsAbstract: false, IsVirtual: false, IsOverride: false, IsExtern: false }
                && found.DeclaringSyntaxReferences.Length == 1
                && SourceBodies.IsInSource(found, compilation)
                    ? found
                    : null;
        }

        private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> Index(Compilation compilation, CancellationToken cancellationToken)
        {
            var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in SourceBodies.SourceTypes(compilation, cancellationToken))
            {
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    continue;
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (implemented.IsGenericType || implemented.DeclaringSyntaxReferences.IsEmpty)
                    {
                        continue;
                    }

                    if (!index.TryGetValue(implemented, out var types))
                    {
                        types = new List<INamedTypeSymbol>(1);
                        index.Add(implemented, types);
                    }

                    types.Add(type);
                }
            }

            return index;
        }
    }
}
