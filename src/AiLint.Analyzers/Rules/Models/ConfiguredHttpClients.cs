using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// <c>HttpClient</c>s that <c>IHttpClientFactory</c> hands out, configured by the project's DI registrations for a
    /// server other than OpenAI's: <c>services.AddHttpClient("ollama", c =&gt; c.BaseAddress = new Uri("http://localhost:11434/v1"))</c>
    /// read back with <c>factory.CreateClient("ollama")</c>, or a typed client (<c>AddHttpClient&lt;LocalChat&gt;(...)</c>)
    /// whose constructor takes the <c>HttpClient</c>. A base address other than OpenAI's, or a message handler of the
    /// project's own (<c>AddHttpMessageHandler&lt;T&gt;</c>, <c>ConfigurePrimaryHttpMessageHandler</c>), counts as
    /// redirecting, as it does for an <c>HttpClient</c> built in view (<see cref="OtherEndpoints"/>).
    /// A client the registration cannot be matched to (a name that is not constant, a parameter of a method) is taken as
    /// redirecting when any registration of the project redirects: a miss costs less than a failed build.
    /// </summary>
    internal static class ConfiguredHttpClients
    {
        /// <summary>Whether an <c>HttpClient</c> whose creation is not in view is one the project configures for another server.</summary>
        public static bool Redirects(IOperation httpClient, KnownModelSymbols symbols, CancellationToken cancellationToken) =>
            Redirects(httpClient, symbols, cancellationToken, depth: 0);

        private static bool Redirects(IOperation httpClient, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth)
        {
            if (depth > 3 || httpClient.SemanticModel?.Compilation is not { } compilation)
            {
                return false;
            }

            var registrations = symbols.HttpClientRegistrations(cancellationToken);
            if (registrations.Redirecting.Count == 0)
            {
                return false;
            }

            switch (ModelIdValue.Unwrap(httpClient))
            {
                case IInvocationOperation invocation when symbols.IsHttpClientFactoryCreate(invocation.TargetMethod):
                    // factory.CreateClient("ollama"); factory.CreateClient() reads the default (empty) name.
                    var nameArgument = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == "name");
                    var name = nameArgument == null ? string.Empty : nameArgument.Value.ConstantValue.Value as string;
                    return name == null || registrations.Redirecting.Any(registration => registration.Matches(name));
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } }:
                    // A typed client: the factory creates the class and passes the HttpClient its registration configures.
                    var client = constructor.ContainingType;
                    return registrations.Redirecting.Any(registration => registration.Matches(client))
                        || !registrations.TypedClients.Any(typed => SymbolEqualityComparer.Default.Equals(typed, client));
                case ILocalReferenceOperation { Local: var local }:
                    return WrittenValues.Of(local, compilation, cancellationToken).Any(written => Redirects(written, symbols, cancellationToken, depth + 1));
                case IFieldReferenceOperation { Field: var field }:
                    var writes = WrittenValues.Of(field, compilation, cancellationToken).ToList();
                    return writes.Count == 0 || writes.Any(written => Redirects(written, symbols, cancellationToken, depth + 1));
                case IObjectCreationOperation:
                    // Built in view: OtherEndpoints reads its base address and handler.
                    return false;
                default:
                    // A parameter of a method, a property, a service locator: the code does not show which registration.
                    return true;
            }
        }

        /// <summary>
        /// The project's <c>AddHttpClient</c> registrations: the typed clients, and those configured for another server.
        /// Only files that spell <c>AddHttpClient</c> or <c>ConfigureHttpClientDefaults</c> are read, and in them only the
        /// calls named like a configuring call are bound.
        /// </summary>
        public static Registrations Scan(Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            var found = new Registrations();
            if (symbols.HttpClientServiceExtensions == null)
            {
                return found;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                if (!root.DescendantTokens().Any(token => token.ValueText is "AddHttpClient" or "ConfigureHttpClientDefaults"))
                {
                    continue;
                }

                var model = SourceBodies.GetSemanticModel(compilation, tree);
                foreach (var node in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    // Only the calls both tests below can accept are bound, not every call of the file.
                    if (!KnownModelSymbols.MayConfigureHttpClient(InvokedNames.CalledName(node))
                        || model.GetOperation(node, cancellationToken) is not IInvocationOperation invocation)
                    {
                        continue;
                    }

                    if (symbols.IsAddHttpClient(invocation.TargetMethod) && invocation.TargetMethod.IsGenericMethod)
                    {
                        found.TypedClients.AddRange(invocation.TargetMethod.TypeArguments);
                    }

                    if (symbols.ConfiguresHttpClient(invocation.TargetMethod))
                    {
                        var registration = Registration.Of(Root(invocation, symbols, cancellationToken, depth: 0), symbols);
                        found.Configuring.Add((registration, invocation));
                        if (ConfiguresElsewhere(invocation, symbols, cancellationToken))
                        {
                            found.Redirecting.Add(registration);
                        }
                    }
                }
            }

            return found;
        }

        // A configuring call that sends the client elsewhere: a lambda that sets a base address other than OpenAI's, or a
        // handler of the project's own (AddHttpMessageHandler<RewriteHandler>(), a lambda that creates one).
        private static bool ConfiguresElsewhere(IInvocationOperation invocation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            // AddHttpMessageHandler<RewriteHandler>(), ConfigurePrimaryHttpMessageHandler<LocalHandler>().
            if (invocation.TargetMethod.IsGenericMethod
                && invocation.TargetMethod.TypeArguments.Any(type => symbols.IsHttpMessageHandler(type) && OtherEndpoints.IsDeclaredInSource(type)))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || ModelIdValue.Unwrap(argument.Value) is not IDelegateCreationOperation and not IAnonymousFunctionOperation)
                {
                    continue;
                }

                foreach (var operation in argument.Value.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } target } assignment
                                when symbols.IsHttpClient(target.Property.ContainingType)
                                && OtherEndpoints.SetsAnotherServer(assignment.Value):
                            return true;
                        case IObjectCreationOperation creation when symbols.IsHttpMessageHandler(creation.Type) && OtherEndpoints.IsDeclaredInSource(creation.Type):
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The <c>AddHttpClient</c> call a configuring call belongs to: the start of its builder chain
        /// (<c>services.AddHttpClient("x").AddHttpMessageHandler&lt;T&gt;()</c>), through a local that holds the builder.
        /// Null when the chain starts elsewhere (<c>ConfigureHttpClientDefaults(b =&gt; b.ConfigureHttpClient(...))</c>,
        /// a builder passed in): then it may configure any client.
        /// </summary>
        internal static IInvocationOperation? Root(IOperation builder, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth)
        {
            if (depth > 8)
            {
                return null;
            }

            switch (ModelIdValue.Unwrap(builder))
            {
                case IInvocationOperation invocation when symbols.IsAddHttpClient(invocation.TargetMethod):
                    return invocation;
                case IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } chained when symbols.IsHttpClientBuilder(chained.Arguments[0].Value.Type):
                    return Root(chained.Arguments[0].Value, symbols, cancellationToken, depth + 1);
                case ILocalReferenceOperation { Local: var local } when builder.SemanticModel?.Compilation is { } compilation:
                    var writes = WrittenValues.Of(local, compilation, cancellationToken).ToList();
                    return writes.Count == 1 ? Root(writes[0], symbols, cancellationToken, depth + 1) : null;
                default:
                    return null;
            }
        }

        /// <summary>The registrations of one project (see <see cref="Scan"/>).</summary>
        internal sealed class Registrations
        {
            /// <summary>The type arguments of every generic <c>AddHttpClient&lt;TClient(, TImplementation)&gt;</c>.</summary>
            public List<ITypeSymbol> TypedClients { get; } = new List<ITypeSymbol>();

            /// <summary>The registrations that send their client to another server.</summary>
            public List<Registration> Redirecting { get; } = new List<Registration>();

            /// <summary>
            /// Every configuring call (<c>AddHttpClient</c> with a lambda, a builder's <c>ConfigureHttpClient</c>, handlers)
            /// with the registration it belongs to: where <see cref="RawHttpBaseAddresses"/> reads base addresses.
            /// </summary>
            public List<(Registration Registration, IInvocationOperation Call)> Configuring { get; } = new List<(Registration, IInvocationOperation)>();
        }

        /// <summary>Which clients a redirecting registration configures: a name, typed clients, or any (not known).</summary>
        internal sealed class Registration
        {
            private Registration(string? name, IReadOnlyList<ITypeSymbol> types, bool any)
            {
                Name = name;
                Types = types;
                Any = any;
            }

            public string? Name { get; }

            public IReadOnlyList<ITypeSymbol> Types { get; }

            public bool Any { get; }

            public static Registration Of(IInvocationOperation? addHttpClient, KnownModelSymbols symbols)
            {
                if (addHttpClient == null)
                {
                    return new Registration(null, Array.Empty<ITypeSymbol>(), any: true);
                }

                var types = addHttpClient.TargetMethod.IsGenericMethod ? (IReadOnlyList<ITypeSymbol>)addHttpClient.TargetMethod.TypeArguments : Array.Empty<ITypeSymbol>();
                var nameArgument = addHttpClient.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == "name" && argument.ArgumentKind != ArgumentKind.DefaultValue);
                if (nameArgument != null)
                {
                    // A name that is not constant may be any client's.
                    return nameArgument.Value.ConstantValue.Value is string name
                        ? new Registration(name, types, any: false)
                        : new Registration(null, types, any: true);
                }

                // A typed client without a name is named after its client type.
                return types.Count > 0 ? new Registration(types[0].Name, types, any: false) : new Registration(null, types, any: true);
            }

            public bool Matches(string name) => Any || string.Equals(Name, name, StringComparison.Ordinal);

            public bool Matches(ITypeSymbol client) => Any || Types.Any(type => SymbolEqualityComparer.Default.Equals(type, client));
        }
    }
}
