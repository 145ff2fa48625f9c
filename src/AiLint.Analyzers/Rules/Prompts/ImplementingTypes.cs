using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The classes and structs of a compilation's source (its assembly's namespaces and their nested types, in the order
    /// <see cref="AbstractImplementations.Find"/> has always visited them) filed under every interface they implement and
    /// every class they derive from (original definitions). Only such a type can implement an interface member or
    /// override an abstract method, so a search for one contract's implementations reads its few types instead of
    /// walking every type of the compilation again (issue 16: one walk per compilation, not one per contract).
    /// </summary>
    internal sealed class ImplementingTypes
    {
        private static readonly ConditionalWeakTable<Compilation, ImplementingTypes> PerCompilation = new ConditionalWeakTable<Compilation, ImplementingTypes>();

        private readonly Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> bySupertype =
            new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);

        private ImplementingTypes()
        {
        }

        /// <summary>
        /// The index of <paramref name="compilation"/>, made on first need (concurrent first calls may each make one; the
        /// same one is kept, and they are equal). A cancelled walk leaves nothing behind.
        /// </summary>
        public static ImplementingTypes For(Compilation compilation, CancellationToken cancellationToken)
        {
            if (PerCompilation.TryGetValue(compilation, out var index))
            {
                return index;
            }

            index = Create(compilation.Assembly, cancellationToken);
            return PerCompilation.GetValue(compilation, _ => index);
        }

        /// <summary>
        /// The index of a referenced assembly's types as a compilation sees them (its public ones, or also its internal ones
        /// with <c>InternalsVisibleTo</c>), made anew on each call: callers keep what they learn (<see cref="ReferencedContracts"/>).
        /// </summary>
        public static ImplementingTypes In(IAssemblySymbol assembly, CancellationToken cancellationToken) => Create(assembly, cancellationToken);

        /// <summary>The source classes and structs that implement or derive from <paramref name="supertype"/>, in walk order.</summary>
        public IReadOnlyList<INamedTypeSymbol> Of(INamedTypeSymbol? supertype) =>
            supertype != null && bySupertype.TryGetValue(supertype.OriginalDefinition, out var types) ? types : (IReadOnlyList<INamedTypeSymbol>)System.Array.Empty<INamedTypeSymbol>();

        private static ImplementingTypes Create(IAssemblySymbol assembly, CancellationToken cancellationToken)
        {
            var index = new ImplementingTypes();
            var supertypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

            // The walk AbstractImplementations.Find made per contract: a container's own types in order, then the
            // containers pushed meanwhile, last first.
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = pending.Pop();
                if (container is INamespaceSymbol ns)
                {
                    foreach (var child in ns.GetNamespaceMembers())
                    {
                        pending.Push(child);
                    }
                }

                foreach (var type in container.GetTypeMembers())
                {
                    pending.Push(type);
                    if (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct)
                    {
                        supertypes.Clear();
                        index.File(type, supertypes);
                    }
                }
            }

            return index;
        }

        private void File(INamedTypeSymbol type, HashSet<INamedTypeSymbol> supertypes)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                Add(implemented.OriginalDefinition, type, supertypes);
            }

            // A base-class cycle in broken code ends at an error type; the set stops any other repetition.
            for (var baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
            {
                if (!Add(baseType.OriginalDefinition, type, supertypes))
                {
                    break;
                }
            }
        }

        private bool Add(INamedTypeSymbol supertype, INamedTypeSymbol type, HashSet<INamedTypeSymbol> supertypes)
        {
            if (!supertypes.Add(supertype))
            {
                return false;
            }

            if (!bySupertype.TryGetValue(supertype, out var types))
            {
                bySupertype[supertype] = types = new List<INamedTypeSymbol>();
            }

            types.Add(type);
            return true;
        }
    }
}
