using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Interfaces and abstract classes declared in a referenced project and implemented in this one (review73 valora:
    /// <c>IAiService</c> in Valora.Application, <c>OpenRouterAiService</c> and its caller <c>ContextAnalysisService</c> in
    /// Valora.Infrastructure, the clean-architecture layout where the contract sits one layer up). A call through such a
    /// contract runs one of this project's implementations, whose bodies can be read here, unless the declaring project
    /// has an implementation of its own, whose body cannot: then the contract is not followed.
    /// </summary>
    /// <remarks>
    /// Only the declaring assembly's types this compilation can see are searched (public ones, or internal ones with
    /// <c>InternalsVisibleTo</c>); an internal implementation there is not seen. Implementations in a third project (a test
    /// double the host never registers, or another provider's adapter) are not known either: as for a contract of this
    /// project, the implementations in this project are taken to be the ones that run.
    /// </remarks>
    internal static class ReferencedContracts
    {
        // Per compilation, per contract type: whether its declaring assembly declares no type that implements it.
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<INamedTypeSymbol, bool>> NoImplementationThere =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<INamedTypeSymbol, bool>>();

        /// <summary>
        /// Whether <paramref name="method"/> is an instance member of an interface, or an abstract method, declared in a
        /// referenced assembly, whose type a class or struct of this compilation implements or derives from. Cheap after
        /// the first call (<see cref="ImplementingTypes"/>, one walk per compilation).
        /// </summary>
        public static bool IsImplementedHere(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken) =>
            !method.IsStatic
            && method.ContainingType is { } type
            && (type.TypeKind == TypeKind.Interface || method.IsAbstract)
            && !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
            && ImplementingTypes.For(compilation, cancellationToken).Of(type).Count > 0;

        /// <summary>
        /// Whether calls through <paramref name="contract"/> (an interface member or abstract method) run only bodies of this
        /// compilation, as far as it can know: it is declared here, or declared in a referenced assembly that declares no
        /// visible implementation of it.
        /// </summary>
        public static bool RunsOnlyBodiesHere(IMethodSymbol contract, Compilation compilation, CancellationToken cancellationToken)
        {
            if (SymbolEqualityComparer.Default.Equals(contract.ContainingAssembly, compilation.Assembly))
            {
                return true;
            }

            if (contract.ContainingType is not { } type || contract.ContainingAssembly is not { } declaring)
            {
                return false;
            }

            var cache = NoImplementationThere.GetValue(compilation, _ => new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default));
            return cache.GetOrAdd(type.OriginalDefinition, t => ImplementingTypes.In(declaring, cancellationToken).Of(t).Count == 0);
        }
    }
}
