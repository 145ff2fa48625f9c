using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The methods of a compilation's own source that a call to an interface or abstract method can run: the
    /// implementations of an interface member in the project's classes and structs, the overrides of an abstract method.
    /// Used to follow <c>IChatService.AskAsync(Prompts.Triage, text)</c> (how DI'd services are called) to the
    /// implementation that puts its parameter into a system message, only when every implementation does.
    /// </summary>
    internal static class AbstractImplementations
    {
        /// <summary>
        /// The interface members and abstract methods <paramref name="method"/> implements or overrides (original definitions).
        /// </summary>
        public static List<IMethodSymbol> ImplementedBy(IMethodSymbol method)
        {
            var result = new List<IMethodSymbol>();
            method = method.OriginalDefinition;
            if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.ContainingType is not { } type)
            {
                return result;
            }

            foreach (var contract in type.AllInterfaces)
            {
                foreach (var member in contract.GetMembers())
                {
                    if (member is IMethodSymbol { IsStatic: false } interfaceMethod
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method))
                    {
                        result.Add(interfaceMethod.OriginalDefinition);
                    }
                }
            }

            for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (overridden.IsAbstract)
                {
                    result.Add(overridden.OriginalDefinition);
                }
            }

            return result;
        }

        /// <summary>
        /// Every implementation of <paramref name="contract"/> (an interface member or an abstract method) in the source of
        /// <paramref name="compilation"/>, or null when one cannot be known there: a class gets it from a referenced
        /// assembly, or from a virtual or abstract method that a subclass may override again (precision first: the rule
        /// follows the call only when it knows every body that can run).
        /// </summary>
        public static List<IMethodSymbol>? Find(IMethodSymbol contract, Compilation compilation, CancellationToken cancellationToken)
        {
            contract = contract.OriginalDefinition;
            var isInterface = contract.ContainingType?.TypeKind == TypeKind.Interface;
            if (!isInterface && !contract.IsAbstract)
            {
                return null;
            }

            var found = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

            // Only a type that implements the interface, or derives from the class, can hold an implementation; the index
            // gives them in the order a walk of the whole compilation would meet them, so the list is the same.
            foreach (var type in ImplementingTypes.For(compilation, cancellationToken).Of(contract.ContainingType))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (isInterface ? !AddInterfaceImplementation(type, contract, compilation, found, seen) : !AddOverrides(type, contract, found, seen))
                {
                    return null;
                }
            }

            return found;
        }

        private static bool AddInterfaceImplementation(INamedTypeSymbol type, IMethodSymbol contract, Compilation compilation, List<IMethodSymbol> found, HashSet<IMethodSymbol> seen)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract.ContainingType))
                {
                    continue;
                }

                foreach (var member in implemented.GetMembers(contract.Name))
                {
                    if (!(member is IMethodSymbol method) || !SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, contract))
                    {
                        continue;
                    }

                    if (!(type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation))
                    {
                        // An abstract class that leaves the member to its subclasses; they are visited in turn.
                        if (type.IsAbstract)
                        {
                            continue;
                        }

                        return false;
                    }

                    implementation = implementation.OriginalDefinition;
                    // A virtual or abstract implementation may be overridden by a body nobody lists here; one from a
                    // referenced assembly has no body to read.
                    if (implementation.IsAbstract
                        || ((implementation.IsVirtual || implementation.IsOverride) && !implementation.IsSealed && implementation.ContainingType?.IsSealed != true)
                        || !LlmCalls.SourceBodies.IsInSource(implementation, compilation))
                    {
                        return false;
                    }

                    if (seen.Add(implementation))
                    {
                        found.Add(implementation);
                    }
                }
            }

            return true;
        }

        private static bool AddOverrides(INamedTypeSymbol type, IMethodSymbol contract, List<IMethodSymbol> found, HashSet<IMethodSymbol> seen)
        {
            foreach (var member in type.GetMembers(contract.Name))
            {
                if (!(member is IMethodSymbol { IsOverride: true } method))
                {
                    continue;
                }

                for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, contract))
                    {
                        // Every override can run, an abstract one aside (its own overrides are found here too).
                        if (!method.IsAbstract && seen.Add(method.OriginalDefinition))
                        {
                            found.Add(method.OriginalDefinition);
                        }

                        break;
                    }
                }
            }

            return true;
        }
    }
}
