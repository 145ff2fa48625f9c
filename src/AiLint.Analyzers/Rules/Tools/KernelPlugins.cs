using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The plugins registered on one Semantic Kernel (a kernel, a kernel builder, or their <c>Plugins</c> collection held
    /// in a local, field, parameter or property of the type). With automatic function choice the kernel advertises every
    /// function of every plugin, so the catalog AIL0201 counts is their sum.
    /// </summary>
    internal sealed class KernelCatalog
    {
        public KernelCatalog(ISymbol? holder)
        {
            Holder = holder;
        }

        /// <summary>The local, field, parameter or property holding the kernel or builder; null for a lone factory call.</summary>
        public ISymbol? Holder { get; }

        /// <summary>Plugin registrations, in the order the type's blocks were indexed.</summary>
        public List<IInvocationOperation> Registrations { get; } = new List<IInvocationOperation>();

        /// <summary>A plugin is removed or the collection cleared somewhere: the sum is no lower bound.</summary>
        public bool Shrinks { get; set; }

        /// <summary>The builder <c>services.AddKernel()</c> returns: its kernel is the one the container builds.</summary>
        public bool FromAddKernel { get; set; }
    }

    /// <summary>
    /// Semantic Kernel plugin registrations and the number of functions each adds. Matched by name on
    /// <c>KernelExtensions</c> and <c>KernelPluginFactory</c> in the <c>Microsoft.SemanticKernel</c> namespace (checked
    /// against Semantic Kernel 1.82).
    /// </summary>
    internal static partial class KernelPlugins
    {
        /// <summary>Registrations that take a function list (their list is also a catalog sink of its own).</summary>
        public static readonly HashSet<string> FunctionListRegistrations = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddFromFunctions", "ImportPluginFromFunctions", "CreateFromFunctions",
        };

        /// <summary>Registrations that reflect over a class for its <c>[KernelFunction]</c> methods.</summary>
        public static readonly HashSet<string> ClassRegistrations = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddFromType", "AddFromObject", "ImportPluginFromType", "ImportPluginFromObject", "CreateFromType", "CreateFromObject",
        };

        private const string Namespace = "Microsoft.SemanticKernel";

        /// <summary>A registration (or, for <c>KernelPluginFactory</c>, the creation) of a plugin.</summary>
        public static bool IsRegistration(IMethodSymbol method) =>
            (FunctionListRegistrations.Contains(method.Name) || ClassRegistrations.Contains(method.Name))
            && method.ContainingType is { Name: "KernelExtensions" or "KernelPluginFactory" } type
            && type.ContainingNamespace?.ToDisplayString() == Namespace;

        /// <summary>
        /// The type's kernels, with a kernel built from a builder counted together with it: after
        /// <c>builder.Plugins.AddFromType&lt;A&gt;(); var kernel = builder.Build(); kernel.ImportPluginFromType&lt;B&gt;();</c>
        /// the kernel holds both plugins. Only when the kernel's holder is written once, by that <c>Build()</c>.
        /// </summary>
        public static List<KernelCatalog> MergeBuiltKernels(TypeIndex index)
        {
            // Only a kernel whose functions some request is told to choose from is a catalog (see KernelFunctionChoice).
            if (index.Kernels.Count == 0 || !index.Symbols.FunctionChoice.OffersWholeKernels)
            {
                return new List<KernelCatalog>();
            }

            MergeContainerPlugins(index);

            var byHolder = new Dictionary<ISymbol, KernelCatalog>(SymbolEqualityComparer.Default);
            foreach (var kernel in index.Kernels)
            {
                if (kernel.Holder != null)
                {
                    byHolder[kernel.Holder] = kernel;
                }
            }

            var result = new List<KernelCatalog>(index.Kernels.Count);
            foreach (var kernel in index.Kernels)
            {
                if (kernel.Holder != null
                    && index.Writes.TryGetValue(kernel.Holder, out var writes) && writes.Count == 1
                    && TypeIndex.Strip(writes[0]) is IInvocationOperation { TargetMethod.Name: "Build" } build
                    && TypeIndex.Holder(TypeIndex.Receiver(build)) is { } builderHolder
                    && byHolder.TryGetValue(builderHolder, out var builder)
                    && !ReferenceEquals(builder, kernel))
                {
                    builder.Registrations.AddRange(kernel.Registrations);
                    builder.Shrinks |= kernel.Shrinks;
                    continue;
                }

                result.Add(kernel);
            }

            // After the merge, so that a builder's catalog holds the registrations of the kernel it builds.
            result.RemoveAll(kernel => NeverOffersItsFunctions(kernel, index));

            var split = new List<KernelCatalog>(result.Count);
            foreach (var kernel in result)
            {
                split.AddRange(SplitExclusiveBranches(kernel));
            }

            return split;
        }

        /// <summary>
        /// Plugins registered in the container (<c>services.AddSingleton(KernelPluginFactory.CreateFromType&lt;T&gt;())</c>)
        /// all go to the kernel the container builds: Semantic Kernel's <c>AddKernel()</c> gives it every registered
        /// <c>KernelPlugin</c>, together with those added on the builder <c>AddKernel()</c> returns. They are summed with
        /// that builder's plugins when the type makes exactly one such builder, summed on their own when the type calls
        /// <c>AddKernel()</c> without registering on the builder, and left one catalog each otherwise (no <c>AddKernel()</c>
        /// in the type: the kernel may be built some other way, or from a few of them).
        /// </summary>
        private static void MergeContainerPlugins(TypeIndex index)
        {
            // The container's kernel offers its functions only if a whole-kernel choice is written outside the types that
            // build kernels of their own (KernelFunctionChoice.OffersWholeContainerKernels): an `Auto()` next to a
            // `Kernel.CreateBuilder()` goes with that kernel.
            if (!index.Symbols.FunctionChoice.OffersWholeContainerKernels)
            {
                index.Kernels.RemoveAll(kernel => kernel == index.ContainerPlugins || kernel.FromAddKernel);
                index.ContainerPlugins = null;
                return;
            }

            if (index.ContainerPlugins is not { } container)
            {
                return;
            }

            KernelCatalog? builder = null;
            var builders = 0;
            foreach (var kernel in index.Kernels)
            {
                if (kernel.FromAddKernel)
                {
                    builder = kernel;
                    builders++;
                }
            }

            if (builders == 1)
            {
                builder!.Registrations.AddRange(container.Registrations);
                index.Kernels.Remove(container);
            }
            else if (builders > 1 || !index.CallsAddKernel)
            {
                index.Kernels.Remove(container);
                foreach (var registration in container.Registrations)
                {
                    var alone = new KernelCatalog(null);
                    alone.Registrations.Add(registration);
                    index.Kernels.Add(alone);
                }
            }

            index.ContainerPlugins = null;
        }
    }
}
