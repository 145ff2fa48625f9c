using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// The types the project registers as services without a key (<c>services.AddScoped&lt;RequestTiming&gt;()</c>,
    /// <c>AddSingleton&lt;TService, TImpl&gt;</c>, <c>TryAddTransient(typeof(T))</c>, <c>AddSingleton(instance)</c>).
    /// ASP.NET Core asks the container (<c>IServiceProviderIsService</c>) before binding a minimal-API handler parameter,
    /// an <c>[ApiController]</c> action parameter (.NET 7+) or a SignalR hub method argument, and fills a registered
    /// type from DI, not from the request. Found once per compilation, on first use: registrations made in another
    /// project are not seen.
    /// </summary>
    internal sealed class RegisteredServiceTypes
    {
        private static readonly HashSet<string> RegistrationNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient",
        };

        private readonly Compilation compilation;
        private readonly KnownSpanSymbols symbols;
        private readonly Lazy<Registered> registered;

        public RegisteredServiceTypes(Compilation compilation, KnownSpanSymbols symbols)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            registered = new Lazy<Registered>(FindAll);
        }

        /// <summary>Whether <paramref name="type"/> is registered as a service (exactly, or through an open generic <c>typeof(Repo&lt;&gt;)</c>).</summary>
        public bool Contains(ITypeSymbol type)
        {
            if (symbols.ServiceCollectionServiceExtensions is null && symbols.ServiceCollectionDescriptorExtensions is null)
            {
                return false;
            }

            var found = registered.Value;
            return found.Exact.Contains(type)
                || (type is INamedTypeSymbol { IsGenericType: true } generic && found.OpenGeneric.Contains(generic.OriginalDefinition));
        }

        private Registered FindAll()
        {
            var exact = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
            var open = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    // A name test first: only calls spelled like a registration need the model.
                    if (node is not InvocationExpressionSyntax call || !RegistrationNames.Contains(InvokedName(call.Expression)))
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetOperation(call) is not IInvocationOperation invocation || !IsRegistration(invocation.TargetMethod))
                    {
                        continue;
                    }

                    Add(invocation, exact, open);
                }
            }

            return new Registered(exact.ToImmutable(), open.ToImmutable());
        }

        private bool IsRegistration(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            return type is not null
                && (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionServiceExtensions)
                    || SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionDescriptorExtensions));
        }

        /// <summary>The service type is the first type argument (also when inferred from an instance), else the first <c>typeof</c>.</summary>
        private static void Add(IInvocationOperation invocation, ImmutableHashSet<ITypeSymbol>.Builder exact, ImmutableHashSet<ITypeSymbol>.Builder open)
        {
            var method = invocation.TargetMethod;
            if (method.TypeArguments.Length > 0)
            {
                if (method.TypeArguments[0].TypeKind != TypeKind.Error)
                {
                    exact.Add(method.TypeArguments[0]);
                }

                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value is ITypeOfOperation { TypeOperand: INamedTypeSymbol service } && service.TypeKind != TypeKind.Error)
                {
                    if (service.IsUnboundGenericType)
                    {
                        open.Add(service.OriginalDefinition);
                    }
                    else
                    {
                        exact.Add(service);
                    }

                    return;
                }
            }
        }

        private static string InvokedName(ExpressionSyntax expression)
        {
            var name = expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name?.Identifier.ValueText ?? string.Empty;
        }

        private sealed class Registered
        {
            public Registered(ImmutableHashSet<ITypeSymbol> exact, ImmutableHashSet<ITypeSymbol> openGeneric)
            {
                Exact = exact;
                OpenGeneric = openGeneric;
            }

            public ImmutableHashSet<ITypeSymbol> Exact { get; }

            public ImmutableHashSet<ITypeSymbol> OpenGeneric { get; }
        }
    }
}
