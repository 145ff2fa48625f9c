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
    // What redirects a client: its options, its HttpClient, a handler or a transport, and the OpenAI URL test.
    internal static partial class OtherEndpoints
    {
        /// <summary>
        /// Whether client options set an <c>Endpoint</c> other than OpenAI's, or a <c>Transport</c> that may redirect.
        /// Options the code does not build in view (a parameter, a property, a call) count as redirecting: apps pass
        /// options around mostly to point the client somewhere.
        /// </summary>
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
