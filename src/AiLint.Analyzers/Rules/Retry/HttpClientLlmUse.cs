using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Whether an <c>HttpClient</c> from <c>IHttpClientFactory</c> demonstrably sends LLM generation requests: it is
    /// handed to an LLM SDK (an OpenAI/Azure OpenAI transport, an Anthropic, OllamaSharp or Semantic Kernel client), or
    /// it POSTs to a generation endpoint (<c>chat/completions</c>, <c>v1/messages</c>, <c>api/chat</c>, ...).
    /// Deliberately narrow: an HttpClient that only might reach a model is not "used for LLM calls".
    /// </summary>
    /// <remarks>
    /// This is a conservative check of its own, for the HTTP-resilience registrations only; its POSTs are judged by the
    /// raw-HTTP recognition of LLM calls in <c>LlmCalls/</c> (one endpoint test). One instance per compilation; thread-safe.
    /// </remarks>
    internal sealed partial class HttpClientLlmUse
    {
        // Namespaces of the SDKs that accept an HttpClient (or a transport wrapping one) for generation requests.
        private static readonly string[] LlmNamespaces = { "OpenAI", "Azure.AI.OpenAI", "Anthropic", "OllamaSharp" };

        private static readonly string[] SemanticKernelModelConnectors = { "OpenAI", "AzureOpenAI", "Ollama", "Google", "MistralAI", "HuggingFace", "Anthropic", "Amazon", "AzureAIInference" };

        // SDK entry points that take an HttpClient but do not sample an answer (embeddings, images, audio...).
        private static readonly string[] NonGenerationWords = { "Embedding", "Image", "Audio", "Speech", "Transcri", "Moderation", "File" };

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol httpClient;
        private readonly INamedTypeSymbol? httpClientFactory;
        private readonly INamedTypeSymbol? pipelineTransport;
        private readonly RawHttpLlmCalls rawHttp; // the shared generation-endpoint test (LlmEndpoints, LlmRequestEvidence)
        private readonly ConcurrentDictionary<ITypeSymbol, bool> types = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, bool> names = new(StringComparer.Ordinal);
        private readonly KeyedHttpClients keyed;

        // One entry (key 0): the answer of AnyFactoryClientUsedForLlm, computed once per compilation.
        private readonly ConcurrentDictionary<int, string?> anyFactoryClient = new();

        private HttpClientLlmUse(Compilation compilation, INamedTypeSymbol httpClient)
        {
            this.compilation = compilation;
            this.httpClient = httpClient;
            httpClientFactory = compilation.GetTypeByMetadataName("System.Net.Http.IHttpClientFactory");
            pipelineTransport = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.HttpClientPipelineTransport");
            keyed = new KeyedHttpClients(compilation, httpClient);
            rawHttp = new RawHttpLlmCalls(compilation);
        }

        public static HttpClientLlmUse? TryCreate(Compilation compilation) =>
            compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is { } httpClient ? new HttpClientLlmUse(compilation, httpClient) : null;

        /// <summary>
        /// A typed client (<c>AddHttpClient&lt;T&gt;</c>): a source class taking an HttpClient in its constructor whose
        /// code hands that client to an LLM SDK or POSTs generation requests with it, without an idempotency key.
        /// </summary>
        public bool TypedClientUsedForLlm(ITypeSymbol type, CancellationToken cancellationToken) =>
            types.GetOrAdd(type, t => ComputeTyped(t, cancellationToken));

        /// <summary>
        /// A named client (<c>AddHttpClient("name")</c>): some <c>IHttpClientFactory.CreateClient("name")</c> of the
        /// compilation gives its HttpClient to an LLM SDK or POSTs generation requests with it; or, when the project
        /// registers the client as a keyed service (<c>AddAsKeyed()</c>), some keyed lookup of it does
        /// (<see cref="KeyedHttpClients"/>).
        /// </summary>
        public bool NamedClientUsedForLlm(string name, CancellationToken cancellationToken) =>
            names.GetOrAdd(name, n => ComputeNamed(n, cancellationToken));

        /// <summary>
        /// For a handler added to every factory client (<c>ConfigureHttpClientDefaults</c>): how the message names the
        /// first client of the compilation that demonstrably sends LLM requests: a typed client registered with
        /// <c>AddHttpClient&lt;T&gt;</c>, or an <c>IHttpClientFactory.CreateClient(...)</c> (any name, or none) whose
        /// HttpClient goes to an LLM SDK. Null when there is none, or when some client removes the default handlers
        /// (<c>RemoveAllResilienceHandlers()</c>): AiLint does not tie that removal to a name, so it stays silent.
        /// </summary>
        public string? AnyFactoryClientUsedForLlm(CancellationToken cancellationToken) =>
            anyFactoryClient.GetOrAdd(0, _ => ComputeAnyFactoryClient(cancellationToken));

        private string? ComputeAnyFactoryClient(CancellationToken cancellationToken)
        {
            if (httpClientFactory is null)
            {
                return null;
            }

            string? found = null;
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = node.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name,
                        SimpleNameSyntax simple => simple,
                        _ => null,
                    };

                    switch (name?.Identifier.ValueText)
                    {
                        case "RemoveAllResilienceHandlers":
                            return null;
                        case "CreateClient" when found is null && node.ArgumentList.Arguments.Count <= 1:
                            if (SourceBodies.GetSemanticModel(compilation, tree).GetOperation(node, cancellationToken) is IInvocationOperation create
                                && KnownRetrySymbols.IsOrInherits(ValueOrigins.Receiver(create)?.Type, httpClientFactory)
                                && CreatedClientUsedForLlm(create))
                            {
                                var clientName = create.Arguments.Length == 1 && create.Arguments[0].ArgumentKind == ArgumentKind.Explicit
                                    ? ValueOrigins.ConstantString(create.Arguments[0].Value)
                                    : null;
                                found = clientName is null ? "HttpClient" : "HttpClient \"" + clientName + "\"";
                            }

                            break;
                        case { } registration when found is null
                            && registration.StartsWith("Add", StringComparison.Ordinal)
                            && (registration.EndsWith("ChatCompletion", StringComparison.Ordinal) || registration.EndsWith("TextGeneration", StringComparison.Ordinal)):
                            if (SourceBodies.GetSemanticModel(compilation, tree).GetOperation(node, cancellationToken) is IInvocationOperation connector
                                && TakesItsHttpClientFromTheContainer(connector))
                            {
                                found = registration + "'s HttpClient";
                            }

                            break;
                        case "AddHttpClient" when found is null && name is GenericNameSyntax:
                            if (SourceBodies.GetSemanticModel(compilation, tree).GetOperation(node, cancellationToken) is IInvocationOperation { TargetMethod.TypeArguments: { Length: > 0 } arguments }
                                && TypedClientUsedForLlm(arguments[arguments.Length - 1], cancellationToken))
                            {
                                found = arguments[arguments.Length - 1].Name;
                            }

                            break;
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// A Semantic Kernel model connector registration (<c>AddOpenAIChatCompletion(modelId, apiKey)</c>,
        /// <c>AddAzureOpenAIChatCompletion(deployment, endpoint, credential)</c>) given no HttpClient and no client object:
        /// the connector then asks the container for an <c>HttpClient</c>, and <c>ConfigureHttpClientDefaults</c> has
        /// registered the factory's default client there, handler included. A kernel builder of its own
        /// (<c>Kernel.CreateBuilder()</c>) has its own container, so it counts only when the same method configures the
        /// defaults on that builder's <c>Services</c>.
        /// </summary>
        private bool TakesItsHttpClientFromTheContainer(IInvocationOperation registration)
        {
            var method = registration.TargetMethod.ReducedFrom ?? registration.TargetMethod;
            if (!method.IsExtensionMethod
                || method.ContainingNamespace?.ToDisplayString() != "Microsoft.SemanticKernel"
                || method.ContainingAssembly?.Name is not { } assembly
                || !assembly.StartsWith("Microsoft.SemanticKernel.Connectors.", StringComparison.Ordinal)
                || method.Parameters.Any(p => p.Type.Name.EndsWith("Client", StringComparison.Ordinal) && !IsHttpClient(p.Type)))
            {
                return false;
            }

            foreach (var argument in registration.Arguments)
            {
                if (IsHttpClient(argument.Parameter?.Type) && argument.ArgumentKind == ArgumentKind.Explicit
                    && !(Unwrap(argument.Value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }))
                {
                    return false;
                }
            }

            return ValueOrigins.Receiver(registration) is not { } receiver || StandaloneKernelBuilder(receiver) is not { } builder
                || ConfiguresDefaultsOn(builder, ValueOrigins.Root(registration));
        }

        // The local a `Kernel.CreateBuilder()` result is kept in, or the call itself for a fluent chain; null for a
        // builder of the app's container (services.AddKernel()) or an IServiceCollection.
        private static ISymbol? StandaloneKernelBuilder(IOperation receiver)
        {
            receiver = Unwrap(receiver);
            var local = (receiver as ILocalReferenceOperation)?.Local;
            var origin = receiver is ILocalReferenceOperation reference ? ValueOrigins.LocalValue(reference) is { } value ? Unwrap(value) : null : receiver;
            if (origin is IInvocationOperation { TargetMethod: { Name: "CreateBuilder", IsStatic: true } create }
                && create.ContainingType is { Name: "Kernel" } kernel
                && kernel.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel")
            {
                return (ISymbol?)local ?? create;
            }

            return null;
        }

        // `builder.Services.ConfigureHttpClientDefaults(...)` on the same builder local, in the same body.
        private static bool ConfiguresDefaultsOn(ISymbol builder, IOperation body) =>
            builder is ILocalSymbol local && body.Descendants().OfType<IInvocationOperation>().Any(call =>
                call.TargetMethod.Name == "ConfigureHttpClientDefaults"
                && ValueOrigins.Receiver(call) is { } services
                && Unwrap(services) is IPropertyReferenceOperation { Property.Name: "Services", Instance: ILocalReferenceOperation owner }
                && SymbolEqualityComparer.Default.Equals(owner.Local, local));

        private bool ComputeTyped(ITypeSymbol type, CancellationToken cancellationToken)
        {
            if (type is not INamedTypeSymbol named
                || !SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, compilation.Assembly)
                || !named.InstanceConstructors.Any(c => c.Parameters.Any(p => IsHttpClient(p.Type))))
            {
                return false;
            }

            // Every HttpClient the type holds or receives is the factory's client (a typed client gets exactly one).
            bool IsOurs(IOperation value) => Unwrap(value) switch
            {
                IParameterReferenceOperation p => IsHttpClient(p.Type),
                IFieldReferenceOperation f => IsHttpClient(f.Type) && SymbolEqualityComparer.Default.Equals(f.Field.ContainingType, named),
                IPropertyReferenceOperation p => IsHttpClient(p.Type) && SymbolEqualityComparer.Default.Equals(p.Property.ContainingType, named),
                _ => false,
            };

            var used = false;
            foreach (var body in TypeBodies(named, cancellationToken))
            {
                if (MentionsIdempotency(body))
                {
                    // The request carries a key: AIL0001's bug is not there.
                    return false;
                }

                used |= body.Descendants().Any(o => UsesForLlm(o, IsOurs));
            }

            return used;
        }

        /// <summary>Method, accessor and constructor bodies and field/property initializers (clients are often built there).</summary>
        private IEnumerable<IOperation> TypeBodies(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var model = SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
                foreach (var node in declaration.DescendantNodes())
                {
                    var isRoot = node switch
                    {
                        BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => true,
                        ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
                        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax } => true,
                        _ => false,
                    };

                    if (isRoot && model.GetOperation(node, cancellationToken) is { } operation)
                    {
                        yield return operation;
                    }
                }
            }
        }

        private bool ComputeNamed(string name, CancellationToken cancellationToken)
        {
            if (httpClientFactory is null)
            {
                return false;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                foreach (var node in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    // Syntax first: only `x.CreateClient(...)` with an argument is bound.
                    if (node.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateClient" } || node.ArgumentList.Arguments.Count != 1)
                    {
                        continue;
                    }

                    var model = SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetOperation(node, cancellationToken) is not IInvocationOperation create
                        || !KnownRetrySymbols.IsOrInherits(create.TargetMethod.ContainingType, httpClientFactory)
                        || create.Arguments.Length != 1
                        || ValueOrigins.ConstantString(create.Arguments[0].Value) != name)
                    {
                        continue;
                    }

                    if (CreatedClientUsedForLlm(create))
                    {
                        return true;
                    }
                }
            }

            return KeyedClientUsedForLlm(name, cancellationToken);
        }

        /// <summary>
        /// The same client read as a keyed service, only when some <c>AddHttpClient(name)</c> builder is registered with
        /// <c>AddAsKeyed()</c> (without it the container has no keyed HttpClient): a
        /// <c>GetRequiredKeyedService&lt;HttpClient&gt;(name)</c> read like <c>CreateClient(name)</c>, or a
        /// <c>[FromKeyedServices(name)] HttpClient</c> parameter whose code hands it to an LLM SDK or POSTs generations.
        /// </summary>
        private bool KeyedClientUsedForLlm(string name, CancellationToken cancellationToken)
        {
            if (!keyed.IsRegisteredAsKeyed(name, cancellationToken))
            {
                return false;
            }

            foreach (var lookup in keyed.Lookups(name, cancellationToken))
            {
                if (CreatedClientUsedForLlm(lookup))
                {
                    return true;
                }
            }

            foreach (var parameter in keyed.Parameters(name, cancellationToken))
            {
                if (KeyedParameterUsedForLlm(parameter, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A constructor parameter: the type's bodies use it, or a field/property of the type it is stored in, for LLM
        /// calls (as a typed client's). A method or lambda parameter: its own body does. An idempotency key in view
        /// clears it, as for the other lookups.
        /// </summary>
        private bool KeyedParameterUsedForLlm(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            List<IOperation> bodies;
            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { } type })
            {
                bodies = TypeBodies(type, cancellationToken).ToList();
            }
            else if (KeyedHttpClients.OwnerBody(parameter, compilation, cancellationToken) is { } body)
            {
                bodies = new List<IOperation> { body };
            }
            else
            {
                return false;
            }

            var holders = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in bodies.SelectMany(b => b.DescendantsAndSelf()))
            {
                // `this.http = http;`, `private readonly HttpClient http = http;` (primary constructor).
                var (holder, value) = operation switch
                {
                    ISimpleAssignmentOperation { Target: IFieldReferenceOperation f } a => ((ISymbol?)f.Field, a.Value),
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation p } a => (p.Property, a.Value),
                    IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } i => (fields[0], i.Value),
                    IPropertyInitializerOperation { InitializedProperties: { Length: 1 } properties } i => (properties[0], i.Value),
                    _ => (null, null),
                };

                if (holder is not null && value is not null && IsParameter(value, parameter)
                    && SymbolEqualityComparer.Default.Equals(holder.ContainingType, (parameter.ContainingSymbol as IMethodSymbol)?.ContainingType))
                {
                    holders.Add(holder);
                }
            }

            bool IsOurs(IOperation value) => IsParameter(value, parameter) || Unwrap(value) switch
            {
                IFieldReferenceOperation f => holders.Contains(f.Field),
                IPropertyReferenceOperation p => holders.Contains(p.Property),
                _ => false,
            };

            return !bodies.Any(MentionsIdempotency) && bodies.Any(body => body.Descendants().Any(o => UsesForLlm(o, IsOurs)));
        }

        private static bool IsParameter(IOperation value, IParameterSymbol parameter) =>
            Unwrap(value) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);

        /// <summary>
        /// An HttpClient the code constructs (<c>new HttpClient(new PolicyHttpMessageHandler(retry) {...})</c>, review 84
        /// chat-copilot) that is handed to an LLM SDK or POSTs generation requests in the same body, as a factory client is read.
        /// </summary>
        public bool ConstructedClientUsedForLlm(IObjectCreationOperation creation) =>
            IsHttpClient(creation.Type) && CreatedClientUsedForLlm(creation);

        /// <summary>The client from <paramref name="create"/> goes straight to a sink, or through a local of the same body.</summary>
        private bool CreatedClientUsedForLlm(IOperation create)
        {
            IOperation value = create;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            // `new OllamaApiClient(ConfigureBaseAddress(http, uri), model)` (getcellm/cellm): a helper that returns the
            // HttpClient it is given; its result is the same client (one helper deep).
            if (value.Parent is IArgumentOperation { Parameter: { } given, Parent: IInvocationOperation helper } && ReturnsItsParameter(helper.TargetMethod, given))
            {
                value = helper;
                while (value.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    value = value.Parent;
                }
            }

            var body = ValueOrigins.Root(create);
            if (MentionsIdempotency(body))
            {
                return false;
            }

            if (value.Parent is IArgumentOperation argument && IsSink(argument))
            {
                return true;
            }

            // `new ClientOptions { HttpClient = factory.CreateClient("claude") }` (Anthropic) and other SDK properties.
            if (value.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Value, value)
                && UsesForLlm(assignment, v => ReferenceEquals(v, value) || ReferenceEquals(Unwrap(v), create)))
            {
                return true;
            }

            // `factory.CreateClient("llm").PostAsync(...)` and `_client = factory.CreateClient("llm");` (a service's constructor).
            if (ChainedCallUsesForLlm(value) || HeldInFieldUsedForLlm(value))
            {
                return true;
            }

            if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                var local = declarator.Symbol;
                return body.Descendants().Any(o => UsesForLlm(o, v => Unwrap(v) is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, local)));
            }

            return false;
        }

        /// <summary>
        /// A project method (non-virtual, one body) taking an HttpClient and returning it, every return being that
        /// parameter: <c>static HttpClient ConfigureBaseAddress(HttpClient http, Uri uri) { http.BaseAddress = uri; return http; }</c>.
        /// </summary>
        private bool ReturnsItsParameter(IMethodSymbol method, IParameterSymbol parameter)
        {
            if (!IsHttpClient(parameter.Type) || !IsHttpClient(method.ReturnType) || method.MethodKind != MethodKind.Ordinary
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsAsync
                || !SourceBodies.IsInSource(method, compilation) || method.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var returned = SourceBodies.ReturnedValues(method, compilation, CancellationToken.None);
            return returned.Count > 0 && returned.All(v => Unwrap(v) is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition));
        }

        /// <summary>One operation that hands "our" client to an LLM SDK or POSTs a generation request with it.</summary>
        private bool UsesForLlm(IOperation operation, Func<IOperation, bool> isOurs) => operation switch
        {
            IArgumentOperation argument => isOurs(argument.Value) && IsSink(argument),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment =>
                isOurs(assignment.Value) && IsHttpClient(property.Type) && IsLlmEntryPoint(property.Property.ContainingType, property.Property.Name),
            IInvocationOperation invocation => IsGenerationPost(invocation, isOurs),
            _ => false,
        };

        /// <summary>An HttpClient argument to an LLM SDK constructor or method, or to a transport an SDK options object gets.</summary>
        private bool IsSink(IArgumentOperation argument)
        {
            if (argument.Parameter is not { } parameter || !IsHttpClient(parameter.Type))
            {
                return false;
            }

            var method = parameter.ContainingSymbol as IMethodSymbol;
            if (method is null)
            {
                return false;
            }

            if (pipelineTransport is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, pipelineTransport))
            {
                // new HttpClientPipelineTransport(http) assigned to an OpenAI/Azure OpenAI options' Transport.
                IOperation creation = argument.Parent!;
                while (creation.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    creation = creation.Parent;
                }

                // The instance is the options object (an implicit receiver in an object initializer).
                return creation.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Transport", Instance: { } options } } transport
                    && IsLlmEntryPoint(options.Type, "Transport")
                    && !ServesOnlyNonGeneration(transport);
            }

            return IsLlmEntryPoint(method.ContainingType, method.Name);
        }

        /// <summary>
        /// The options whose <c>Transport</c> is set here go only to clients that sample no answer:
        /// <c>new OpenAIClient(key, options).GetEmbeddingClient(...)</c>, a local or field holding that client whose every use
        /// asks for an embedding, image, audio, moderation or file client, or <c>new EmbeddingClient(model, key, options)</c>.
        /// Anything else (a chat client, a client handed on, options kept elsewhere) counts as generation.
        /// </summary>
        private bool ServesOnlyNonGeneration(ISimpleAssignmentOperation transport)
        {
            if (transport.Parent is not IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation options })
            {
                return false;
            }

            var consumers = Uses(options).ToList();
            return consumers.Count > 0 && consumers.All(use =>
                use.Parent is IArgumentOperation { Parent: IObjectCreationOperation client }
                && (IsNonGenerationName(client.Type?.Name) || Uses(client).ToList() is { Count: > 0 } clientUses && clientUses.All(AsksForNonGenerationClient)));
        }

        /// <summary><c>client.GetEmbeddingClient("...")</c>: the value is the receiver of a call that hands out a client sampling nothing.</summary>
        private static bool AsksForNonGenerationClient(IOperation use) =>
            use.Parent is IInvocationOperation call && call.Instance is { } instance && ReferenceEquals(Unwrap(instance), Unwrap(use))
            && IsNonGenerationName(call.TargetMethod.Name);

        private static bool IsNonGenerationName(string? name) =>
            name is not null && NonGenerationWords.Any(w => name.IndexOf(w, StringComparison.Ordinal) >= 0);

        /// <summary>
        /// Where a value created here is used: the value itself when it is consumed on the spot, else every read of the
        /// local (in its body) or the field of the same type (in the type's bodies) it is stored in. Nothing when it escapes
        /// some other way, so that callers treat an unknown use as a generation.
        /// </summary>
        private IEnumerable<IOperation> Uses(IOperation created)
        {
            var value = created;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case IArgumentOperation:
                case IInvocationOperation:
                    return new[] { value };
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    var local = declarator.Symbol;
                    return ValueOrigins.Root(created).Descendants().Where(o => o is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, local));
                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } when fields[0].IsReadOnly:
                    var field = fields[0];
                    return TypeBodies(field.ContainingType, CancellationToken.None)
                        .SelectMany(b => b.Descendants())
                        .Where(o => o is IFieldReferenceOperation f && SymbolEqualityComparer.Default.Equals(f.Field, field));
                default:
                    return Enumerable.Empty<IOperation>();
            }
        }

        private static bool IsLlmEntryPoint(ITypeSymbol? type, string memberName)
        {
            if (type is null || IsNonGenerationName(type.Name) || IsNonGenerationName(memberName))
            {
                return false;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (LlmNamespaces.Any(n => InNamespace(ns, n)))
            {
                return true;
            }

            // Semantic Kernel also ships vector stores, web search and OpenAPI plugins that take an HttpClient: only the
            // model connectors count, and the root namespace's registration helpers (AddOpenAIChatCompletion...).
            if (SemanticKernelModelConnectors.Any(c => InNamespace(ns, "Microsoft.SemanticKernel.Connectors." + c)))
            {
                return true;
            }

            var generationName = memberName.IndexOf("ChatCompletion", StringComparison.Ordinal) >= 0
                || memberName.IndexOf("TextGeneration", StringComparison.Ordinal) >= 0
                || type.Name.IndexOf("ChatClient", StringComparison.Ordinal) >= 0;
            return generationName && (ns == "Microsoft.SemanticKernel" || ns == "Microsoft.Extensions.AI" || ns == "Microsoft.Extensions.DependencyInjection")
                && type.ContainingAssembly?.Name is { } assembly
                && (assembly.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) || assembly.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal));
        }

        private static bool InNamespace(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

        /// <summary><c>http.PostAsJsonAsync("v1/chat/completions", body)</c> or <c>SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://localhost:11434/api/chat"))</c>.</summary>
        private bool IsGenerationPost(IInvocationOperation invocation, Func<IOperation, bool> isOurs)
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("Post", StringComparison.Ordinal) && method.Name != "SendAsync" && method.Name != "Send")
            {
                return false;
            }

            if (ValueOrigins.Receiver(invocation) is not { } receiver || !IsHttpClient(receiver.Type) || !isOurs(receiver))
            {
                return false;
            }

            // The same test as the raw HTTP LLM calls: provider-specific endpoints by URL, the generic ones
            // (api/chat, api/generate, v1/messages) only with corroboration (a known host, an LLM-shaped body...).
            return rawHttp.IsCandidate(method.ReducedFrom ?? method) && rawHttp.Recognize(invocation, CancellationToken.None).IsLlmCall;
        }

        private static bool MentionsIdempotency(IOperation body) =>
            body.Descendants().Any(o => ValueOrigins.ConstantString(o) is { } text && text.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0);

        private bool IsHttpClient(ITypeSymbol? type) => KnownRetrySymbols.IsOrInherits(type, httpClient);

        private static IOperation Unwrap(IOperation operation) => ValueOrigins.Unwrap(operation);
    }
}
