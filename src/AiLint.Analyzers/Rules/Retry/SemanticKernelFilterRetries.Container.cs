using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Function-invocation filters of the app's container. <c>services.AddKernel()</c> registers <c>Kernel</c> as a
    /// transient the container constructs, and Semantic Kernel's <c>Kernel(IServiceProvider, ...)</c> constructor takes
    /// every <c>IFunctionInvocationFilter</c> the provider resolves (its <c>AddFilters()</c>:
    /// <c>Services.GetServices&lt;IFunctionInvocationFilter&gt;()</c>). So a filter registered in the container with
    /// <c>services.AddSingleton&lt;IFunctionInvocationFilter, RetryFilter&gt;()</c> runs around every prompt call on a
    /// kernel the container hands out: one injected into a constructor, or resolved with
    /// <c>GetRequiredService&lt;Kernel&gt;()</c>.
    /// </summary>
    /// <remarks>
    /// Found once per compilation, on the first prompt call on such a kernel. Only registrations on the app's collection
    /// count: an <c>IServiceCollection</c> parameter (<c>this IServiceCollection services</c>), <c>builder.Services</c> of
    /// a host builder, or the <c>Services</c> of the kernel builder <c>AddKernel()</c> returns, all read as one
    /// collection; a local <c>new ServiceCollection()</c> is a collection of its own, whose filters count only when a
    /// kernel is registered in it too (one that only feeds <c>new Kernel(side.BuildServiceProvider())</c> serves that
    /// kernel alone). The <c>Services</c> of <c>Kernel.CreateBuilder()</c> serve only the kernel that builder builds. A
    /// collection's kernel must be one that takes the collection's filters: <c>AddKernel()</c>,
    /// <c>AddTransient&lt;Kernel&gt;()</c>, or a factory returning <c>new Kernel(sp, ...)</c> on its own provider. Any
    /// other registration of <c>Kernel</c> (an instance, <c>builder.Build()</c>) may be the one resolved, so then no
    /// container filter is counted.
    /// </remarks>
    internal sealed partial class SemanticKernelFilterRetries
    {
        private const string DependencyInjection = "Microsoft.Extensions.DependencyInjection";

        private static readonly HashSet<string> RegistrationNames = new(StringComparer.Ordinal)
        {
            "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient", "AddKernel",
        };

        /// <summary>The app's service collection, however the code reaches it (one per app, across methods).</summary>
        private static readonly object AppContainer = new();

        private List<INamedTypeSymbol>? containerFilters;

        /// <summary>
        /// The kernel the call runs on comes from the container: a constructor parameter (directly, or through a field or
        /// get-only property it alone sets, or a local), or <c>provider.GetRequiredService&lt;Kernel&gt;()</c>.
        /// </summary>
        private bool FromContainer(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var operands = new List<IOperation>();
            if (ValueOrigins.Receiver(invocation) is { } receiver)
            {
                operands.Add(receiver);
            }

            operands.AddRange(invocation.Arguments.Select(a => a.Value));
            foreach (var operand in operands)
            {
                if (!IsKernel(ValueOrigins.Unwrap(operand).Type))
                {
                    continue;
                }

                switch (ValueOrigins.TraceThroughFactories(operand, compilation, cancellationToken))
                {
                    case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }:
                        return !CreatedInSource(constructor.ContainingType, cancellationToken);
                    case IInvocationOperation resolve when IsResolveOfKernel(resolve):
                        return true;
                }
            }

            return false;
        }

        /// <summary><c>provider.GetRequiredService&lt;Kernel&gt;()</c> or <c>GetService&lt;Kernel&gt;()</c>.</summary>
        private bool IsResolveOfKernel(IInvocationOperation call) =>
            call.TargetMethod is { Name: "GetRequiredService" or "GetService", TypeArguments.Length: 1 } method
            && IsKernel(method.TypeArguments[0])
            && method.ContainingNamespace?.ToDisplayString() == DependencyInjection;

        /// <summary>The filter types registered in the app's container, when its kernel takes them (see the remarks).</summary>
        private List<INamedTypeSymbol> ContainerFilters(CancellationToken cancellationToken) =>
            LazyInitializer.EnsureInitialized(ref containerFilters, () => FindContainerFilters(cancellationToken))!;

        private List<INamedTypeSymbol> FindContainerFilters(CancellationToken cancellationToken)
        {
            // By collection: the app's (every IServiceCollection parameter, builder.Services) is one; each local
            // `new ServiceCollection()` is its own, whose filters count only when its own kernel takes them.
            var containers = new Dictionary<object, Registered>();
            foreach (var registration in SourceBodies.InvocationsNamed(compilation, RegistrationNames, cancellationToken))
            {
                var method = registration.TargetMethod;
                if (method.Name == "AddKernel")
                {
                    if (IsKernelBuilder(method.ReturnType) && Container(ValueOrigins.Receiver(registration), 0) is { } owner)
                    {
                        Of(containers, owner).KernelTakesThem = true;
                    }

                    continue;
                }

                if (method.TypeArguments.Length == 0 || method.ContainingNamespace?.ToDisplayString() is not (DependencyInjection or DependencyInjection + ".Extensions")
                    || Container(ValueOrigins.Receiver(registration), 0) is not { } container)
                {
                    continue;
                }

                var service = method.TypeArguments[0];
                if (IsKernel(service))
                {
                    // A kernel the app built itself may be the one the container hands out: its filters are its own.
                    if (TakesContainerFilters(registration))
                    {
                        Of(containers, container).KernelTakesThem = true;
                    }
                    else
                    {
                        Of(containers, container).OtherKernel = true;
                    }
                }
                else if (SymbolEqualityComparer.Default.Equals(service, filter) && RegisteredType(registration) is { } type)
                {
                    Of(containers, container).Filters.Add(type);
                }
            }

            return containers.Values.Where(c => c.KernelTakesThem && !c.OtherKernel).SelectMany(c => c.Filters).ToList();
        }

        private static Registered Of(Dictionary<object, Registered> containers, object container)
        {
            if (!containers.TryGetValue(container, out var registered))
            {
                containers[container] = registered = new Registered();
            }

            return registered;
        }

        /// <summary>
        /// <c>AddTransient&lt;Kernel&gt;()</c> (the container constructs it from itself), or a factory whose every return
        /// is <c>new Kernel(sp, ...)</c> on the factory's own provider.
        /// </summary>
        private bool TakesContainerFilters(IInvocationOperation registration)
        {
            var method = registration.TargetMethod;
            var values = registration.Arguments.Where(a => a.Parameter?.Ordinal >= 1).ToList();
            if (values.Count == 0)
            {
                return method.TypeArguments.Length == 1 || (method.TypeArguments.Length == 2 && IsKernel(method.TypeArguments[1]));
            }

            if (values.Count != 1 || ValueOrigins.Unwrap(values[0].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation factory }
                || factory.Symbol.Parameters.Length == 0)
            {
                return false;
            }

            var provider = factory.Symbol.Parameters[0];
            var returns = RetryContextFinder.DescendantsInSameFunction(factory.Body).OfType<IReturnOperation>().ToList();
            return returns.Count > 0 && returns.All(r => r.ReturnedValue is { } value
                && Traced(value) is IObjectCreationOperation { Constructor: { } constructor } created
                && IsKernel(constructor.ContainingType)
                && created.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0) is { } services
                && ValueOrigins.Unwrap(services.Value) is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, provider));
        }

        /// <summary>A value through a local written once (<c>var kernel = new Kernel(sp); ...; return kernel;</c>).</summary>
        private static IOperation Traced(IOperation value)
        {
            var current = ValueOrigins.Unwrap(value);
            return current is ILocalReferenceOperation local && ValueOrigins.LocalValue(local) is { } written ? ValueOrigins.Unwrap(written) : current;
        }

        /// <summary>
        /// The filter a registration adds: <c>&lt;IFunctionInvocationFilter, F&gt;()</c>, <c>(new F())</c>, or a factory
        /// whose every return is <c>new F(...)</c>.
        /// </summary>
        private static INamedTypeSymbol? RegisteredType(IInvocationOperation registration)
        {
            var method = registration.TargetMethod;
            if (method.TypeArguments.Length == 2)
            {
                return method.TypeArguments[1] as INamedTypeSymbol;
            }

            if (registration.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1) is not { } argument)
            {
                return null;
            }

            if (ValueOrigins.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation factory })
            {
                var created = RetryContextFinder.DescendantsInSameFunction(factory.Body).OfType<IReturnOperation>()
                    .Select(r => r.ReturnedValue is { } value ? CreatedType(Traced(value)) : null).Distinct<INamedTypeSymbol?>(SymbolEqualityComparer.Default).ToList();
                return created.Count == 1 ? created[0] : null;
            }

            return CreatedType(argument.Value);
        }

        /// <summary>
        /// The service collection a registration is made on: <see cref="AppContainer"/> for the app's (see the remarks),
        /// the declaration of a local <c>new ServiceCollection()</c>; null for the <c>Services</c> of a kernel builder made by
        /// <c>Kernel.CreateBuilder()</c>, or anything else.
        /// </summary>
        private object? Container(IOperation? receiver, int depth)
        {
            if (receiver is null || depth > 6)
            {
                return null;
            }

            switch (ValueOrigins.Unwrap(receiver))
            {
                // `services.AddKernel()`, and calls chained on the collection or on that kernel builder.
                case IInvocationOperation call when IsServiceCollection(call.Type) || IsKernelBuilder(call.Type):
                    return Container(ValueOrigins.Receiver(call), depth + 1);
                case IPropertyReferenceOperation { Property.Name: "Services", Instance: { } holder } services:
                    return IsKernelBuilder(holder.Type) ? Container(holder, depth + 1) : IsServiceCollection(services.Type) ? AppContainer : null;
                case ILocalReferenceOperation local when ValueOrigins.LocalValue(local) is { } value:
                    // Keyed by where it is declared (a source location compares by file and span), which every binding shares.
                    return ValueOrigins.Unwrap(value) is IObjectCreationOperation created && IsServiceCollection(created.Type)
                        ? local.Local.Locations.FirstOrDefault()
                        : Container(value, depth + 1);
                case IParameterReferenceOperation parameter when IsServiceCollection(parameter.Type):
                    return AppContainer;
                default:
                    return null;
            }
        }

        /// <summary>What one service collection gets.</summary>
        private sealed class Registered
        {
            public List<INamedTypeSymbol> Filters { get; } = new();

            public bool KernelTakesThem { get; set; }

            public bool OtherKernel { get; set; }
        }

        private bool IsServiceCollection(ITypeSymbol? type) => Is(type, serviceCollection);

        private bool IsKernelBuilder(ITypeSymbol? type) => Is(type, kernelBuilder);

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? @interface) =>
            type is not null && @interface is not null
            && (SymbolEqualityComparer.Default.Equals(type, @interface) || type.AllInterfaces.Contains(@interface, SymbolEqualityComparer.Default));
    }
}
