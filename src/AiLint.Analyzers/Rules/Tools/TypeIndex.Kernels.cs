// TypeIndex: Semantic Kernel plugin registrations grouped by the kernel, builder or container they go to; separate because the kernel-wide plugin counts (KernelPlugins, the container-kernel report) read them, not the catalog sinks.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    internal sealed partial class TypeIndex
    {
        /// <summary>
        /// The kernel a registration goes to, keyed by what holds it: <c>kernel.Plugins.AddFromType&lt;T&gt;()</c>,
        /// <c>kernel.ImportPluginFromType&lt;T&gt;()</c> and <c>builder.Plugins.AddFromType&lt;T&gt;()</c> by the local,
        /// field, parameter or own property holding <c>kernel</c> or <c>builder</c>; a fluent chain
        /// (<c>builder.Plugins.AddFromType&lt;A&gt;().AddFromType&lt;B&gt;()</c>) by its start; a lone
        /// <c>KernelPluginFactory</c> call, or a receiver nothing holds, by itself.
        /// </summary>
        private KernelCatalog KernelOf(IInvocationOperation registration, IOperation? receiver)
        {
            while (receiver is IInvocationOperation chained && KernelPlugins.IsRegistration(chained.TargetMethod) && !KernelPlugins.IsFactory(chained.TargetMethod))
            {
                receiver = Strip(Receiver(chained));
            }

            if (KernelPlugins.IsPluginsProperty(receiver))
            {
                receiver = Strip(((IPropertyReferenceOperation)receiver!).Instance);
            }

            var holder = Holder(receiver)
                ?? (receiver is IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } own && IsAutoProperty(own.Property) ? own.Property : null);
            object key = (object?)holder ?? KernelPlugins.AddKernelChainKey(receiver) ?? (object?)receiver ?? registration;
            if (!_kernels.TryGetValue(key, out var kernel))
            {
                kernel = new KernelCatalog(holder);
                _kernels.Add(key, kernel);
                Kernels.Add(kernel);
            }

            // services.AddKernel().Plugins..., or a builder local written once with services.AddKernel().
            var built = holder is ILocalSymbol && Writes.TryGetValue(holder, out var writes) && writes.Count == 1 ? Strip(writes[0]) : receiver;
            if (built is IInvocationOperation addKernel && ProjectContainerKernel.IsAddKernel(addKernel.TargetMethod))
            {
                kernel.FromAddKernel = true;
                CallsAddKernel = true;
            }

            return kernel;
        }

        /// <summary>Semantic Kernel plugins registered in the container by <see cref="Add"/>, as one kernel (null when none).</summary>
        public KernelCatalog? ContainerPlugins { get; set; }

        /// <summary>The type calls Semantic Kernel's <c>services.AddKernel()</c>.</summary>
        public bool CallsAddKernel { get; private set; }

        /// <summary>
        /// <c>services.AddSingleton(KernelPluginFactory.CreateFromType&lt;T&gt;())</c>, <c>AddSingleton&lt;KernelPlugin&gt;(...)</c>,
        /// <c>AddTransient(sp =&gt; KernelPluginFactory.CreateFromType&lt;T&gt;(serviceProvider: sp))</c>: a plugin the
        /// container hands to every kernel it builds. Keyed registrations are not (Semantic Kernel reads unkeyed ones).
        /// </summary>
        internal static IInvocationOperation? ContainerRegistration(IOperation created)
        {
            var parent = created.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            // sp => KernelPluginFactory.CreateFromType<T>(serviceProvider: sp)
            if (parent is IReturnOperation { Parent: IBlockOperation { Operations.Length: 1, Parent: IAnonymousFunctionOperation lambda } })
            {
                parent = lambda.Parent is IDelegateCreationOperation delegateCreation ? delegateCreation.Parent : null;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "AddSingleton" or "AddTransient" or "AddScoped", TypeArguments.Length: 1 } } register }
                && register.TargetMethod.TypeArguments[0].Name == "KernelPlugin"
                && register.TargetMethod.ContainingType?.Name == "ServiceCollectionServiceExtensions"
                ? register
                : null;
        }

        /// <summary>
        /// The kernel builder whose <c>Services</c> a registration writes to (<c>builder.Services.AddSingleton(...)</c>);
        /// null for any other service collection. A <c>Kernel.CreateBuilder()</c> builder has a container of its own, so
        /// its plugins are not the ones <c>services.AddKernel()</c> hands to the app's kernel.
        /// </summary>
        private static IOperation? KernelBuilderOfServices(IInvocationOperation register)
        {
            var services = register.Instance ?? (register.Arguments.Length > 0 ? register.Arguments[0].Value : null);
            return Strip(services) is IPropertyReferenceOperation { Property.Name: "Services", Instance: { } builder }
                && builder.Type is { Name: "IKernelBuilder" } builderType
                && builderType.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel"
                ? Strip(builder)
                : null;
        }

        // kernel.Plugins.Add(KernelPluginFactory.CreateFromType<T>()): the Add is the registration and counts the plugin.
        private static bool IsAddedToPlugins(IOperation created)
        {
            var parent = created.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" } add } && KernelPlugins.IsPluginsProperty(Receiver(add));
        }
    }
}
