using System.Collections.Generic;
using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>Direct overrides and interface implementations of the compilation's own methods.</summary>
    internal static class SourceImplementations
    {
        /// <summary>
        /// Maps each source method (original definition) to the source methods that directly override or implement it.
        /// One pass over the compilation's own types; callers compute it lazily, once per compilation, and only when a
        /// delegate is passed to a virtual, abstract or interface method of the project.
        /// </summary>
        public static Dictionary<IMethodSymbol, List<IMethodSymbol>> Find(Compilation compilation)
        {
            var map = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);

            void Add(IMethodSymbol declared, IMethodSymbol implementation)
            {
                declared = declared.OriginalDefinition;
                implementation = implementation.OriginalDefinition;
                if (!SourceBodies.IsInSource(declared, compilation) || !SourceBodies.IsInSource(implementation, compilation)
                    || SymbolEqualityComparer.Default.Equals(declared, implementation))
                {
                    return;
                }

                if (!map.TryGetValue(declared, out var list))
                {
                    map[declared] = list = new List<IMethodSymbol>();
                }

                if (!list.Contains(implementation, SymbolEqualityComparer.Default))
                {
                    list.Add(implementation);
                }
            }

            var containers = new Stack<INamespaceOrTypeSymbol>();
            containers.Push(compilation.Assembly.GlobalNamespace);
            while (containers.Count > 0)
            {
                var container = containers.Pop();
                foreach (var member in container.GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol nested)
                    {
                        containers.Push(nested);
                    }
                }

                if (container is not INamedTypeSymbol type || type.TypeKind == TypeKind.Interface)
                {
                    continue;
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { OverriddenMethod: { } overridden } overriding)
                    {
                        Add(overridden, overriding);
                    }
                }

                foreach (var @interface in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(@interface.ContainingAssembly, compilation.Assembly))
                    {
                        continue;
                    }

                    foreach (var interfaceMember in @interface.GetMembers())
                    {
                        if (interfaceMember is IMethodSymbol interfaceMethod
                            && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation)
                        {
                            Add(interfaceMethod, implementation);
                        }
                    }
                }
            }

            return map;
        }

        /// <summary>
        /// The bodies a call of <paramref name="method"/> can run: the method itself unless abstract or extern, and every
        /// override or implementation of it in <paramref name="map"/> (from <see cref="Find"/>), transitively.
        /// </summary>
        public static List<IMethodSymbol> RunnableBodies(IMethodSymbol method, Dictionary<IMethodSymbol, List<IMethodSymbol>> map)
        {
            var bodies = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<IMethodSymbol>();
            pending.Push(method);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                if (!current.IsAbstract && !current.IsExtern)
                {
                    bodies.Add(current);
                }

                if (map.TryGetValue(current, out var list))
                {
                    foreach (var implementation in list)
                    {
                        pending.Push(implementation);
                    }
                }
            }

            return bodies;
        }
    }
}
