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
    /// Model slots of the OpenAI SDK or Semantic Kernel's OpenAI connector that send the id to a server other than
    /// OpenAI's: LM Studio, Ollama's <c>/v1</c>, Groq, OpenRouter, DeepSeek, vLLM. Apps point the client there with
    /// <c>OpenAIClientOptions.Endpoint</c> (or a custom <c>Transport</c>), Semantic Kernel's <c>endpoint</c>
    /// <c>Uri</c>, or an <c>HttpClient</c> whose base address or handler redirects the requests. The model name then
    /// belongs to that server, which keeps its own models and dates ("gpt-4" may be a local model's alias), so the
    /// OpenAI table does not apply. Where the code does not show what the options or the HTTP client hold (a parameter,
    /// a field, a factory), the slot is taken as elsewhere: a miss costs less than a failed build.
    /// </summary>
    internal static class OtherEndpoints
    {
        /// <summary>Whether the call's model argument goes to a server other than OpenAI's, through the call's own arguments or its receiver.</summary>
        public static bool SendsElsewhere(IOperation call, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            switch (call)
            {
                case IInvocationOperation invocation:
                    return (invocation.Instance != null && ClientElsewhere(invocation.Instance, symbols, cancellationToken, depth: 0, inScan: false))
                        || ArgumentsSendElsewhere(invocation.Arguments, symbols, cancellationToken, depth: 0, inScan: false);
                case IObjectCreationOperation creation:
                    return ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth: 0, inScan: false);
                default:
                    return false;
            }
        }

        private static bool ArgumentsSendElsewhere(IEnumerable<IArgumentOperation> arguments, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth, bool inScan)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.Type is not { } type)
                {
                    continue;
                }

                var value = ModelIdValue.Unwrap(argument.Value);
                if (IsNull(value))
                {
                    continue;
                }

                if (symbols.IsOpenAIClientOptions(type))
                {
                    if (OptionsRedirect(value, symbols, cancellationToken))
                    {
                        return true;
                    }
                }
                else if (symbols.IsHttpClient(type))
                {
                    if (HttpClientRedirects(value, symbols, cancellationToken))
                    {
                        return true;
                    }
                }
                else if (type.Name == "Uri" && type.ContainingNamespace?.ToDisplayString() == "System")
                {
                    // Semantic Kernel's AddOpenAIChatCompletion(modelId, endpoint, apiKey): any endpoint but OpenAI's own.
                    if (!IsOpenAIUrl(value, cancellationToken))
                    {
                        return true;
                    }
                }
                else if (symbols.IsOpenAIClientType(type) && ClientElsewhere(value, symbols, cancellationToken, depth, inScan))
                {
                    // Semantic Kernel's AddOpenAIChatCompletion(modelId, openAIClient); MEAI's client.AsChatClient(modelId).
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The project's OpenAI clients for another server: <c>new OpenAIClient(credential, new OpenAIClientOptions {
        /// Endpoint = ... })</c> in a DI registration or a factory, or Semantic Kernel's OpenAI connector registered with
        /// another endpoint, or an <c>AzureOpenAIClient</c> (its ids are deployment names); followed to where the code
        /// hands them out (<see cref="RedirectedClients"/>). Only files that name <c>OpenAIClientOptions</c>, an
        /// <c>Endpoint</c>, <c>AzureOpenAIClient</c> or a <c>*ChatCompletion</c> registration are bound.
        /// </summary>
        public static RedirectedClients ProjectCreatesClientElsewhere(Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.OpenAIClientOptions == null)
            {
                return RedirectedClients.None;
            }

            var found = new List<IOperation>();
            var azure = new List<IOperation>();
            var aspire = symbols.AspireRegistrations;
            var aspireAzureOnly = false;
            var aspireMayBeOpenAI = false;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                if (!root.DescendantTokens().Any(token => token.ValueText is "OpenAIClientOptions" or "Endpoint" or "AzureOpenAIClient"
                    || token.ValueText.EndsWith("ChatCompletion", StringComparison.Ordinal)
                    || (aspire.Any && AspireOpenAIRegistrations.MayBeRegistration(token.ValueText))))
                {
                    continue;
                }

                var model = SourceBodies.GetSemanticModel(compilation, tree);
                foreach (var node in root.DescendantNodes())
                {
                    switch (node)
                    {
                        case BaseObjectCreationExpressionSyntax
                                when model.GetOperation(node, cancellationToken) is IObjectCreationOperation creation
                                && symbols.IsOpenAIClientType(creation.Type)
                                && ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth: 1, inScan: true):
                            found.Add(creation);
                            break;
                        case BaseObjectCreationExpressionSyntax
                                when model.GetOperation(node, cancellationToken) is IObjectCreationOperation creation
                                && symbols.IsAzureClient(creation.Type):
                            // services.AddSingleton<OpenAIClient>(sp => new AzureOpenAIClient(endpoint, credential)) (eShop):
                            // every client taken from the container then sends deployment names, whatever its type says.
                            azure.Add(creation);
                            break;
                        case InvocationExpressionSyntax
                                when model.GetOperation(node, cancellationToken) is IInvocationOperation registration
                                && KnownModelSymbols.IsChatCompletionRegistration(registration.TargetMethod)
                                && ArgumentsSendElsewhere(registration.Arguments, symbols, cancellationToken, depth: 1, inScan: true):
                            // builder.AddOpenAIChatCompletion("llama3", new Uri("http://localhost:11434/v1"), null)
                            found.Add(registration);
                            break;
                        case InvocationExpressionSyntax { Expression: var called }
                                when aspire.Any && AspireOpenAIRegistrations.MayBeRegistration(CalledName(called))
                                && model.GetOperation(node, cancellationToken) is IInvocationOperation registration:
                            // builder.AddAzureOpenAIClient("openai") (Aspire.Azure.AI.OpenAI): an Azure client handed out
                            // as OpenAIClient, unless the project also registers Aspire's OpenAI client.
                            switch (aspire.Classify(registration.TargetMethod))
                            {
                                case AspireOpenAIRegistrations.Registration.AzureOnly:
                                    aspireAzureOnly = true;
                                    break;
                                case AspireOpenAIRegistrations.Registration.MayBeOpenAI:
                                    aspireMayBeOpenAI = true;
                                    break;
                            }

                            break;
                    }
                }
            }

            var registeredAzure = aspireAzureOnly && !aspireMayBeOpenAI && symbols.OpenAIClient != null
                ? new ITypeSymbol[] { symbols.OpenAIClient }
                : Array.Empty<ITypeSymbol>();
            return RedirectedClients.Follow(found, azure, registeredAzure, symbols, compilation, cancellationToken);
        }

        private static string CalledName(ExpressionSyntax called) => called switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => string.Empty,
        };

        /// <summary>
        /// Whether a client of the OpenAI SDK was created for another server: created here with such options, or held
        /// in a local or field that the code writes with one (any write, any branch). A client the code does not create
        /// (a parameter, a property, a factory call, a field written from one) is one for another server when the
        /// project hands out such a client as this type, or as an <c>OpenAIClient</c> it may be got from
        /// (<see cref="ProjectCreatesClientElsewhere"/>): DI may hand it here.
        /// </summary>
        private static bool ClientElsewhere(IOperation client, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth, bool inScan)
        {
            client = ModelIdValue.Unwrap(client);
            if (depth > 3 || !symbols.IsOpenAIClientType(client.Type))
            {
                return false;
            }

            switch (client)
            {
                case IObjectCreationOperation creation:
                    return ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1, inScan);
                case IInvocationOperation invocation:
                    // openAIClient.GetChatClient("x") as the receiver of AsIChatClient(): the client it was got from.
                    if (invocation.Instance != null)
                    {
                        return ClientElsewhere(invocation.Instance, symbols, cancellationToken, depth + 1, inScan);
                    }

                    // A factory of the project whose every return creates the client (`static OpenAIClient CreatePlain(key)
                    // => new OpenAIClient(key)`) is read; a service locator (sp.GetRequiredService<OpenAIClient>()) or
                    // any other factory does not show which client it gives.
                    return FactoryCreations(invocation, cancellationToken) is { } creations
                        ? creations.Any(creation => symbols.IsAzureClient(creation.Type)
                            || ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1, inScan))
                        : ProjectRedirects(client.Type, symbols, inScan, cancellationToken);
                case ILocalReferenceOperation { Local: var local } when client.SemanticModel?.Compilation is { } compilation:
                    return WrittenValues.Of(local, compilation, cancellationToken).Any(written => CreatesElsewhere(written, client.Type, symbols, cancellationToken, depth, inScan));
                case IFieldReferenceOperation { Field: var field } when client.SemanticModel?.Compilation is { } compilation:
                    var writes = WrittenValues.Of(field, compilation, cancellationToken).ToList();
                    return writes.Count == 0
                        ? ProjectRedirects(client.Type, symbols, inScan, cancellationToken)
                        : writes.Any(written => CreatesElsewhere(written, client.Type, symbols, cancellationToken, depth, inScan));
                default:
                    return ProjectRedirects(client.Type, symbols, inScan, cancellationToken);
            }
        }

        // The clients a source factory returns, when each return (either arm of a choice included) creates one there.
        private static List<IObjectCreationOperation>? FactoryCreations(IInvocationOperation call, CancellationToken cancellationToken)
        {
            if (call.SemanticModel?.Compilation is not { } compilation || !SourceBodies.IsInSource(call.TargetMethod, compilation))
            {
                return null;
            }

            var creations = new List<IObjectCreationOperation>();
            var pending = new Stack<IOperation>(SourceBodies.ReturnedValues(call.TargetMethod, compilation, cancellationToken));
            while (pending.Count > 0)
            {
                switch (ModelIdValue.Unwrap(pending.Pop()))
                {
                    case IObjectCreationOperation creation:
                        creations.Add(creation);
                        break;
                    case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                        pending.Push(choice.WhenTrue);
                        pending.Push(whenFalse);
                        break;
                    default:
                        return null;
                }
            }

            return creations.Count == 0 ? null : creations;
        }

        // A written value that creates a client for another server, or that creates no client at all (`_client = client;`
        // from a constructor parameter): then it may be the project's other client.
        private static bool CreatesElsewhere(IOperation written, ITypeSymbol? holderType, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth, bool inScan)
        {
            var createsClient = false;
            foreach (var operation in written.DescendantsAndSelf())
            {
                if (operation is IObjectCreationOperation creation && symbols.IsOpenAIClientType(creation.Type))
                {
                    createsClient = true;
                    if (ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1, inScan))
                    {
                        return true;
                    }
                }
            }

            return !createsClient && ProjectRedirects(holderType, symbols, inScan, cancellationToken);
        }

        /// <summary>
        /// Whether client options set an <c>Endpoint</c> other than OpenAI's, or a <c>Transport</c> that may redirect.
        /// Options the code does not build in view (a parameter, a property, a call) count as redirecting: apps pass
        /// options around mostly to point the client somewhere.
        /// </summary>
        // Inside the project scan its answer is not known yet: a client of unknown origin there counts as OpenAI's.
        private static bool ProjectRedirects(ITypeSymbol? receiver, KnownModelSymbols symbols, bool inScan, CancellationToken cancellationToken) =>
            !inScan && symbols.ProjectRedirectedClients(cancellationToken).CanReach(receiver, symbols);

        private static bool OptionsRedirect(IOperation options, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (BuiltInView(options, cancellationToken) is not { } built)
            {
                return true;
            }

            foreach (var (property, value) in built.Sets)
            {
                var set = ModelIdValue.Unwrap(value);
                if (!IsNull(set)
                    && ((property == "Endpoint" && !IsOpenAIUrl(set, cancellationToken))
                        || (property == "Transport" && TransportRedirects(set, symbols, cancellationToken))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether an <c>HttpClient</c> may send the requests elsewhere: a base address other than OpenAI's, or a message
        /// handler declared in the project (a <c>DelegatingHandler</c> that rewrites api.openai.com to localhost is the
        /// documented way to point Semantic Kernel at LM Studio). A client whose origin the code does not show (a
        /// parameter, <c>IHttpClientFactory.CreateClient</c>) is one the project's <c>AddHttpClient</c> registrations
        /// configure (<see cref="ConfiguredHttpClients"/>).
        /// </summary>
        private static bool HttpClientRedirects(IOperation httpClient, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (BuiltInView(httpClient, cancellationToken) is not { } built)
            {
                return ConfiguredHttpClients.Redirects(httpClient, symbols, cancellationToken);
            }

            foreach (var creation in built.Creations)
            {
                if (creation.Arguments.Length > 0 && HandlerRedirects(creation.Arguments[0].Value, cancellationToken))
                {
                    return true;
                }
            }

            foreach (var (property, value) in built.Sets)
            {
                if (property == "BaseAddress" && SetsAnotherServer(value, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        // A handler of the project's own (or one the code does not show) may rewrite the URL; the framework's handlers
        // (HttpClientHandler, SocketsHttpHandler, resilience handlers) do not.
        private static bool HandlerRedirects(IOperation handler, CancellationToken cancellationToken)
        {
            handler = ModelIdValue.Unwrap(handler);
            if (IsNull(handler))
            {
                return false;
            }

            if (BuiltInView(handler, cancellationToken) is not { } built)
            {
                return IsDeclaredInSource(handler.Type) || handler.Type is { IsAbstract: true };
            }

            return built.Creations.Any(creation => creation.DescendantsAndSelf().Any(operation => operation is IObjectCreationOperation nested && IsDeclaredInSource(nested.Type)))
                || built.Sets.Any(set => set.Value.DescendantsAndSelf().Any(operation => operation is IObjectCreationOperation nested && IsDeclaredInSource(nested.Type)));
        }

        // new HttpClientPipelineTransport(httpClient): as redirecting as the HTTP client it sends through; a transport
        // of the project's own, or one the code does not show, may send anywhere.
        private static bool TransportRedirects(IOperation transport, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (transport is not IObjectCreationOperation creation)
            {
                return true;
            }

            if (IsDeclaredInSource(creation.Type))
            {
                return true;
            }

            return creation.Arguments.Any(argument => symbols.IsHttpClient(argument.Parameter?.Type) && HttpClientRedirects(argument.Value, symbols, cancellationToken));
        }

        /// <summary>Whether a URL written to an endpoint or base address is set and is not OpenAI's own.</summary>
        internal static bool SetsAnotherServer(IOperation value, CancellationToken cancellationToken = default)
        {
            var set = ModelIdValue.Unwrap(value);
            return !IsNull(set) && !IsOpenAIUrl(set, cancellationToken);
        }

        internal static bool IsDeclaredInSource(ITypeSymbol? type) => type != null && !type.DeclaringSyntaxReferences.IsEmpty;

        /// <summary>
        /// How the code builds an object it passes: created right there, or held in a local or field that every write
        /// fills with a creation; with the properties set on it, in initializers or as <c>holder.Property = value</c>.
        /// Null when the code does not show it (a parameter, a property, a call, a write that is not a creation).
        /// </summary>
        private static Built? BuiltInView(IOperation value, CancellationToken cancellationToken)
        {
            value = ModelIdValue.Unwrap(value);
            var built = new Built();
            switch (value)
            {
                case IObjectCreationOperation creation:
                    built.Add(creation);
                    return built;
                case ILocalReferenceOperation { Local: var holder } when value.SemanticModel?.Compilation is { } compilation:
                    return Collect(holder, built, compilation, cancellationToken);
                case IFieldReferenceOperation { Field: var holder } when value.SemanticModel?.Compilation is { } compilation:
                    return Collect(holder, built, compilation, cancellationToken);
                default:
                    return null;
            }
        }

        private static Built? Collect(ISymbol holder, Built built, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var written in WrittenValues.Of(holder, compilation, cancellationToken))
            {
                if (ModelIdValue.Unwrap(written) is not IObjectCreationOperation creation)
                {
                    return null;
                }

                built.Add(creation);
            }

            foreach (var set in WrittenValues.MembersSetOn(holder, compilation, cancellationToken))
            {
                built.Sets.Add(set);
            }

            return built.Creations.Count == 0 ? null : built;
        }

        private sealed class Built
        {
            public List<IObjectCreationOperation> Creations { get; } = new List<IObjectCreationOperation>(1);

            public List<(string Property, IOperation Value)> Sets { get; } = new List<(string Property, IOperation Value)>();

            public void Add(IObjectCreationOperation creation)
            {
                Creations.Add(creation);
                if (creation.Initializer == null)
                {
                    return;
                }

                foreach (var member in creation.Initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } assignment)
                    {
                        Sets.Add((name, assignment.Value));
                    }
                }
            }
        }

        /// <summary>
        /// <c>new Uri("https://api.openai.com/v1")</c> or the string itself: OpenAI's own server. A local, a
        /// <c>readonly</c> field or a constant holding either is read as the value written in place
        /// (<see cref="EndpointHolders"/>): <c>var endpoint = new Uri("https://api.openai.com/v1");</c> then
        /// <c>AddOpenAIChatCompletion(modelId, endpoint: endpoint, apiKey)</c> is OpenAI's, and so is the <c>??</c> fallback of
        /// an environment variable or a configuration read (RawHttpBaseAddresses.SdkEndpointFallbacks.cs). Anything else (a
        /// parameter, a local written again, a property, a call) is not shown to be OpenAI's.
        /// </summary>
        private static bool IsOpenAIUrl(IOperation value, CancellationToken cancellationToken, int depth = 0)
        {
            value = ModelIdValue.Unwrap(value);
            if (value is IObjectCreationOperation { Arguments.Length: 1 } uri)
            {
                value = ModelIdValue.Unwrap(uri.Arguments[0].Value);
            }

            if (value.ConstantValue is { HasValue: true, Value: string url })
            {
                return Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                    && string.Equals(parsed.Host, "api.openai.com", StringComparison.OrdinalIgnoreCase);
            }

            // `Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "https://api.openai.com/v1"` (review86): the
            // fallback counts, as it does for model ids and raw base addresses; a configuration read adds its files' values.
            if (value is ICoalesceOperation fallback && RawHttpBaseAddresses.FallbackEndpointIsOpenAI(fallback, cancellationToken) is { } decided)
            {
                return decided;
            }

            // A holder's value may itself be a holder (`new Uri(baseUrl)`), a few steps at most.
            return depth < 3
                && EndpointHolders.HeldValues(value, cancellationToken) is { Count: > 0 } held
                && held.All(written => IsOpenAIUrl(written, cancellationToken, depth + 1));
        }

        private static bool IsNull(IOperation value) =>
            (value.ConstantValue.HasValue && value.ConstantValue.Value == null) || value is IDefaultValueOperation;
    }
}
