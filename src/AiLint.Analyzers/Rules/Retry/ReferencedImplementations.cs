using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The compilation's own implementations and overrides of a method declared in a referenced assembly (a library's
    /// <c>IRetryService.ExecuteAsync</c> implemented by the app's <c>PassThroughRetryService</c>).
    /// <see cref="SourceImplementations"/> maps only the compilation's own methods.
    /// </summary>
    internal static class ReferencedImplementations
    {
        /// <summary>
        /// The source methods that directly implement <paramref name="method"/> (an interface member) or override it (a
        /// virtual or abstract method); one walk over the compilation's types, asked only for a call of a referenced
        /// method that the referenced project recorded as a retry helper.
        /// </summary>
        public static List<IMethodSymbol> Of(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var definition = method.OriginalDefinition;
            var found = new List<IMethodSymbol>();
            var containers = new Stack<INamespaceOrTypeSymbol>();
            containers.Push(compilation.Assembly.GlobalNamespace);
            while (containers.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = containers.Pop();
                foreach (var member in container.GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol nested)
                    {
                        containers.Push(nested);
                    }
                }

                if (container is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type)
                {
                    continue;
                }

                if (definition.ContainingType.TypeKind == TypeKind.Interface)
                {
                    foreach (var @interface in type.AllInterfaces)
                    {
                        if (!SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, definition.ContainingType))
                        {
                            continue;
                        }

                        foreach (var interfaceMember in @interface.GetMembers(definition.Name))
                        {
                            if (interfaceMember is IMethodSymbol interfaceMethod
                                && SymbolEqualityComparer.Default.Equals(interfaceMethod.OriginalDefinition, definition)
                                && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation
                                && SourceBodies.IsInSource(implementation.OriginalDefinition, compilation))
                            {
                                found.Add(implementation.OriginalDefinition);
                            }
                        }
                    }

                    continue;
                }

                foreach (var member in type.GetMembers(definition.Name))
                {
                    for (var overridden = (member as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, definition))
                        {
                            found.Add(((IMethodSymbol)member).OriginalDefinition);
                            break;
                        }
                    }
                }
            }

            return found;
        }
    }
}
