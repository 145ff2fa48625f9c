using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Named HttpClients registered as keyed services (.NET 9+): <c>services.AddHttpClient("name").AddAsKeyed()</c>
    /// registers the factory's client "name" as the keyed service <c>HttpClient</c> with key "name", read back with
    /// <c>sp.GetRequiredKeyedService&lt;HttpClient&gt;("name")</c>, <c>GetKeyedService&lt;HttpClient&gt;("name")</c> or a
    /// <c>[FromKeyedServices("name")] HttpClient</c> parameter. Those lookups are the factory's <c>CreateClient("name")</c>,
    /// handlers included. Only constant names and keys are read; a key AiLint cannot read matches nothing.
    /// </summary>
    /// <remarks>
    /// The keyed registration belongs to the name, not to one builder chain: any <c>AddHttpClient(name)</c> builder
    /// given <c>AddAsKeyed()</c> (fluent, before or after the handler, or on a builder kept in a local) registers it.
    /// A name some builder calls <c>RemoveAsKeyed()</c> for is treated as not keyed (call order is not read).
    /// Keyed clients made so by <c>ConfigureHttpClientDefaults(b =&gt; b.AddAsKeyed())</c> are not read. Symbols are
    /// resolved and the compilation is scanned once per compilation (one instance per <see cref="HttpClientLlmUse"/>).
    /// </remarks>
    internal sealed class KeyedHttpClients
    {
        private const int MaxChain = 16;

        private static readonly HashSet<string> RegistrationNames = new(StringComparer.Ordinal) { "AddAsKeyed", "RemoveAsKeyed" };
        private static readonly HashSet<string> LookupNames = new(StringComparer.Ordinal) { "GetRequiredKeyedService", "GetKeyedService" };
        private static readonly string[] AttributeNames = { "FromKeyedServices", "FromKeyedServicesAttribute" };

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol httpClient;
        private readonly INamedTypeSymbol? builderExtensions;
        private readonly INamedTypeSymbol? factoryExtensions;
        private readonly INamedTypeSymbol? keyedServiceExtensions;
        private readonly INamedTypeSymbol? fromKeyedServices;

        // One entry each (key 0), computed on first use.
        private readonly ConcurrentDictionary<int, HashSet<string>> keyedNames = new();
        private readonly ConcurrentDictionary<int, ILookup<string, IInvocationOperation>> lookups = new();
        private readonly ConcurrentDictionary<int, ILookup<string, IParameterSymbol>> parameters = new();

        public KeyedHttpClients(Compilation compilation, INamedTypeSymbol httpClient)
        {
            this.compilation = compilation;
            this.httpClient = httpClient;
            builderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions");
            factoryExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions");
            keyedServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions");
            fromKeyedServices = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute");
        }

        /// <summary>Some <c>AddHttpClient(name)</c> builder of the compilation calls <c>AddAsKeyed()</c> (and none <c>RemoveAsKeyed()</c>).</summary>
        public bool IsRegisteredAsKeyed(string name, CancellationToken cancellationToken) =>
            keyedNames.GetOrAdd(0, _ => FindKeyedNames(cancellationToken)).Contains(name);

        /// <summary><c>GetRequiredKeyedService&lt;HttpClient&gt;(name)</c> / <c>GetKeyedService&lt;HttpClient&gt;(name)</c> calls.</summary>
        public IEnumerable<IInvocationOperation> Lookups(string name, CancellationToken cancellationToken) =>
            lookups.GetOrAdd(0, _ => FindLookups(cancellationToken))[name];

        /// <summary><c>[FromKeyedServices(name)] HttpClient</c> parameters declared in the compilation.</summary>
        public IEnumerable<IParameterSymbol> Parameters(string name, CancellationToken cancellationToken) =>
            parameters.GetOrAdd(0, _ => FindParameters(cancellationToken))[name];

        /// <summary>The body a method, local function or lambda parameter belongs to; null when it cannot be bound.</summary>
        public static IOperation? OwnerBody(IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken)
        {
            if (parameter.DeclaringSyntaxReferences.Length != 1
                || parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ParameterSyntax { Parent.Parent: { } owner })
            {
                return null;
            }

            return SourceBodies.GetOperation(owner, compilation, cancellationToken) switch
            {
                IAnonymousFunctionOperation lambda => lambda.Body,
                { } body and (IMethodBodyBaseOperation or ILocalFunctionOperation) => body,
                _ => null,
            };
        }

        private HashSet<string> FindKeyedNames(CancellationToken cancellationToken)
        {
            var added = new HashSet<string>(StringComparer.Ordinal);
            var removed = new HashSet<string>(StringComparer.Ordinal);
            if (builderExtensions is null)
            {
                return added;
            }

            foreach (var call in SourceBodies.InvocationsNamed(compilation, RegistrationNames, cancellationToken))
            {
                var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, builderExtensions)
                    && ValueOrigins.Receiver(call) is { } builder
                    && BuilderName(builder) is { } name)
                {
                    (method.Name == "AddAsKeyed" ? added : removed).Add(name);
                }
            }

            added.ExceptWith(removed);
            return added;
        }

        /// <summary>
        /// The constant name of the <c>AddHttpClient("name", ...)</c> a builder comes from, through builder calls that
        /// return their receiver (<c>ConfigureHttpClient</c>, <c>AddResilienceHandler</c>...) and locals assigned once.
        /// Typed clients and names AiLint cannot read give null.
        /// </summary>
        private string? BuilderName(IOperation builder)
        {
            IOperation? current = builder;
            for (var depth = 0; current is not null && depth < MaxChain; depth++)
            {
                current = ValueOrigins.Unwrap(current);
                if (current is ILocalReferenceOperation local)
                {
                    current = ValueOrigins.LocalValue(local);
                    continue;
                }

                if (current is not IInvocationOperation call)
                {
                    return null;
                }

                var target = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                if (target.Name == "AddHttpClient" && SymbolEqualityComparer.Default.Equals(target.ContainingType, factoryExtensions))
                {
                    var name = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "name" && a.ArgumentKind == ArgumentKind.Explicit);
                    return call.TargetMethod.TypeArguments.Length == 0 && name is not null ? ValueOrigins.ConstantString(name.Value) : null;
                }

                if (call.Type?.Name != "IHttpClientBuilder" || !SymbolEqualityComparer.Default.Equals(call.Type, ValueOrigins.Receiver(call)?.Type))
                {
                    return null;
                }

                current = ValueOrigins.Receiver(call);
            }

            return null;
        }

        private ILookup<string, IInvocationOperation> FindLookups(CancellationToken cancellationToken)
        {
            var found = new List<(string Key, IInvocationOperation Call)>();
            if (keyedServiceExtensions is not null)
            {
                foreach (var call in SourceBodies.InvocationsNamed(compilation, LookupNames, cancellationToken))
                {
                    var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType, keyedServiceExtensions)
                        && call.TargetMethod.TypeArguments.Length == 1
                        && SymbolEqualityComparer.Default.Equals(call.TargetMethod.TypeArguments[0], httpClient)
                        && call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "serviceKey") is { } key
                        && ValueOrigins.ConstantString(ValueOrigins.Unwrap(key.Value)) is { } name)
                    {
                        found.Add((name, call));
                    }
                }
            }

            return found.ToLookup(f => f.Key, f => f.Call, StringComparer.Ordinal);
        }

        private ILookup<string, IParameterSymbol> FindParameters(CancellationToken cancellationToken)
        {
            var found = new List<(string Key, IParameterSymbol Parameter)>();
            if (fromKeyedServices is not null)
            {
                var spelling = FileWords.For(compilation).Spelling(AttributeNames);
                foreach (var tree in compilation.SyntaxTrees)
                {
                    if (!spelling.Contains(tree, cancellationToken))
                    {
                        continue;
                    }

                    foreach (var attribute in tree.GetRoot(cancellationToken).DescendantNodes().OfType<AttributeSyntax>())
                    {
                        var simple = attribute.Name switch
                        {
                            QualifiedNameSyntax qualified => qualified.Right,
                            AliasQualifiedNameSyntax alias => alias.Name,
                            SimpleNameSyntax name => name,
                            _ => null,
                        };

                        if (simple is null || Array.IndexOf(AttributeNames, simple.Identifier.ValueText) < 0
                            || attribute.Parent?.Parent is not ParameterSyntax syntax
                            || SourceBodies.GetSemanticModel(compilation, tree).GetDeclaredSymbol(syntax, cancellationToken) is not IParameterSymbol parameter
                            || !SymbolEqualityComparer.Default.Equals(parameter.Type, httpClient))
                        {
                            continue;
                        }

                        foreach (var data in parameter.GetAttributes())
                        {
                            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, fromKeyedServices)
                                && data.ConstructorArguments.Length == 1
                                && data.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                                && data.ConstructorArguments[0].Value is string key)
                            {
                                found.Add((key, parameter));
                            }
                        }
                    }
                }
            }

            return found.ToLookup(f => f.Key, f => f.Parameter, StringComparer.Ordinal);
        }
    }
}
