using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    // `services.AddKernel().Plugins.AddFromType<A>();` written once per plugin.
    internal static partial class KernelPlugins
    {
        /// <summary>
        /// The kernel key of a registration chained on <c>services.AddKernel()</c> with nothing holding the builder: the
        /// service collection the call is made on (a parameter, local or field, or <c>builder.Services</c> of a held
        /// builder); null for anything else. Semantic Kernel's <c>AddKernel()</c> returns a builder over that same
        /// collection and its <c>Plugins.AddFromType&lt;T&gt;()</c> adds a <c>KernelPlugin</c> singleton there, so every
        /// such chain on one collection feeds the one kernel the container builds (1.82, checked at run time: three chains
        /// of 3, 12 and 12 functions give one kernel of 27). The key is the collection's symbol, so chains are merged
        /// within what one symbol denotes (one method's parameter or local, or one field of the type) and never across
        /// two collections; a collection nothing names (<c>Host.CreateApplicationBuilder().Services</c>) keeps one
        /// kernel per chain.
        /// </summary>
        public static object? AddKernelChainKey(IOperation? receiver) =>
            receiver is IInvocationOperation addKernel
            && ProjectContainerKernel.IsAddKernel(addKernel.TargetMethod)
            && ProjectContainerKernel.ServicesKey(TypeIndex.Receiver(addKernel)) is { } services
                ? new AddKernelChain(services)
                : null;

        /// <summary>The service collection whose <c>AddKernel()</c> chains make one kernel.</summary>
        internal sealed class AddKernelChain
        {
            private readonly object _services;

            public AddKernelChain(object services)
            {
                _services = services;
            }

            public override bool Equals(object? obj) =>
                obj is AddKernelChain other && ProjectContainerKernel.KeyComparer.Same(_services, other._services);

            public override int GetHashCode() => _services switch
            {
                ISymbol symbol => SymbolEqualityComparer.Default.GetHashCode(symbol),
                ProjectContainerKernel.BuilderServices builder => SymbolEqualityComparer.Default.GetHashCode(builder.Builder),
                _ => 0,
            };
        }
    }
}
