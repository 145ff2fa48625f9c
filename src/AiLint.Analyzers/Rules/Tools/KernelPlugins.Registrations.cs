using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    // Plugin registration calls: lookups on the kernel, the class a registration reflects over, exclusive branches.
    internal static partial class KernelPlugins
    {
        // kernel.Plugins["A"]["Fn"], kernel.Plugins.GetFunction("A", "Fn").
        private static bool IsLookupOn(IOperation function, ISymbol holder)
        {
            var current = TypeIndex.Strip(function);
            while (true)
            {
                switch (current)
                {
                    case IPropertyReferenceOperation { Property.Name: "Plugins" } plugins:
                        return SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(plugins.Instance), holder);
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                        current = TypeIndex.Strip(indexer.Instance);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "GetFunction" } lookup:
                        current = TypeIndex.Strip(TypeIndex.Receiver(lookup));
                        break;
                    default:
                        return false;
                }
            }
        }

        private static bool IsKernelRegistration(IInvocationOperation invocation, KernelCatalog kernel) =>
            kernel.Registrations.Contains(invocation);

        /// <summary>The call whose receiver (instance, or <c>this</c> argument of an extension method) is <paramref name="receiver"/>.</summary>
        private static IInvocationOperation? CallOn(IOperation receiver)
        {
            while (receiver.Parent is IConversionOperation conversion)
            {
                receiver = conversion;
            }

            return receiver.Parent switch
            {
                IInvocationOperation invocation when ReferenceEquals(invocation.Instance, receiver) => invocation,
                IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } invocation } argument
                    when argument.Parameter?.Ordinal == 0 => invocation,
                _ => null,
            };
        }

        /// <summary>The class a class registration reflects over, when written there.</summary>
        private static INamedTypeSymbol? PluginClass(IInvocationOperation registration)
        {
            var method = registration.TargetMethod;
            if (method.IsGenericMethod && method.TypeArguments.Length == 1)
            {
                return method.TypeArguments[0] as INamedTypeSymbol;
            }

            // AddFromObject(new LightBulbPlugin()) or AddFromObject(plugin): the object's class (a subclass that takes a
            // Kernel is not considered).
            return Argument(registration, "target") switch
            {
                IObjectCreationOperation { Type: INamedTypeSymbol created } => created,
                { Type: INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } declared } => declared,
                _ => null,
            };
        }

        // Any method of the class or its bases with a Kernel parameter (conservative: not only [KernelFunction] ones).
        private static bool TakesKernel(INamedTypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol method)
                    {
                        foreach (var parameter in method.Parameters)
                        {
                            if (parameter.Type.Name == "Kernel" || parameter.Type.TypeKind == TypeKind.Error)
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>if (support) AddFromType&lt;Support&gt;(); else AddFromType&lt;Sales&gt;();</c>, or one plugin per
        /// <c>switch</c> section: one run registers one branch only, so each alternative is counted on its own (see
        /// <see cref="ExclusiveBranches"/>).
        /// </summary>
        private static List<KernelCatalog> SplitExclusiveBranches(KernelCatalog kernel)
        {
            var declaration = kernel.Holder is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local ? local.DeclaringSyntaxReferences[0].Span : (Microsoft.CodeAnalysis.Text.TextSpan?)null;
            var alternatives = ExclusiveBranches.Split(kernel.Registrations, declaration);
            if (alternatives.Count == 1)
            {
                return new List<KernelCatalog> { kernel };
            }

            var parts = new List<KernelCatalog>(alternatives.Count);
            foreach (var alternative in alternatives)
            {
                var part = new KernelCatalog(kernel.Holder) { Shrinks = kernel.Shrinks };
                part.Registrations.AddRange(alternative);
                parts.Add(part);
            }

            return parts;
        }
    }
}
