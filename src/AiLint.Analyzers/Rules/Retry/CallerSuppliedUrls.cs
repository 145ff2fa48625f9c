using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A raw HTTP POST whose URL is a parameter of the method making it (a retrying <c>PostJsonWithRetryAsync(url, body)</c>
    /// helper), recognised as a generation call when a caller in the compilation passes a generation endpoint for that
    /// parameter (<c>await http.PostJsonWithRetryAsync("https://api.openai.com/v1/chat/completions", request)</c>). Asked
    /// only for a POST that a retry already re-runs.
    /// </summary>
    /// <remarks>
    /// Precise by construction: the POST goes to whatever the caller names, and one caller names a model's generation
    /// endpoint, so the retry re-sends generation requests. The URL is followed through at most
    /// <see cref="MaxDepth"/> parameters (a caller that itself forwards its own parameter). Only <c>PostAsync</c>,
    /// <c>PostAsJsonAsync</c> and <c>SendAsync</c>/<c>Send</c> of a visibly created POST request count, read as
    /// <see cref="RawHttpLlmCalls"/> reads them, whose URL is the parameter or a <c>new Uri(parameter)</c>;
    /// a method that spells "idempotency" in a string is assumed to send a key and is left alone.
    /// </remarks>
    internal sealed class CallerSuppliedUrls
    {
        private const int MaxDepth = 3;

        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls http;
        private readonly INamedTypeSymbol? uri;
        private readonly INamedTypeSymbol? uriKind;
        private readonly ConcurrentDictionary<IParameterSymbol, bool> reachesEndpoint = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<UrlParameter>> postUrlParameters = new(SymbolEqualityComparer.Default);

        public CallerSuppliedUrls(Compilation compilation)
        {
            this.compilation = compilation;
            uri = compilation.GetTypeByMetadataName("System.Uri");
            uriKind = compilation.GetTypeByMetadataName("System.UriKind");
            http = new RawHttpLlmCalls(compilation);
        }

        /// <summary>A generation call when <paramref name="call"/> POSTs to a URL parameter that a caller fills with a generation endpoint.</summary>
        public LlmCall Recognize(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            if (!http.IsCandidate(method)
                || http.UrlOperand(call, cancellationToken) is not { } url
                || UrlOrigin(url, cancellationToken) is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } parameter }
                || MentionsIdempotency(ValueOrigins.Root(call)))
            {
                return LlmCall.None;
            }

            return ReachesEndpoint(parameter, 0, cancellationToken) ? new LlmCall(http.IsStreamingSend(call) ? LlmCallKind.Streaming : LlmCallKind.Generation, LlmSdk.Http, call.TargetMethod) : LlmCall.None;
        }

        /// <summary>
        /// A generation call when <paramref name="call"/> calls a method of the project that POSTs to one of its URL
        /// parameters (directly, or by handing it to another such method), and this call fills that parameter with a
        /// generation endpoint, or with a parameter its own callers fill with one:
        /// <c>pipeline.ExecuteAsync(ct => PostAsync("https://api.openai.com/v1/chat/completions", body))</c>.
        /// </summary>
        /// <remarks>
        /// Judged at the call site, so a helper that serves both chat and embeddings is retried as a generation only where
        /// it is given the chat URL.
        /// </remarks>
        public LlmCall RecognizeHelperCall(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (method.MethodKind != MethodKind.Ordinary || !SourceBodies.IsInSource(method, compilation))
            {
                return LlmCall.None;
            }

            var urlParameters = PostUrlParameters(method, 0, cancellationToken);
            if (urlParameters.IsEmpty
                // The caller hands the helper an Idempotency-Key header (a headers dictionary, a configure callback): the
                // same test Recognize makes of the method around the POST.
                || MentionsIdempotency(ValueOrigins.Root(call)))
            {
                return LlmCall.None;
            }

            foreach (var parameter in urlParameters)
            {
                if (call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal && a.ArgumentKind == ArgumentKind.Explicit) is { } argument
                    && IsGenerationEndpointArgument(argument.Value, parameter.Ordinal, method, cancellationToken))
                {
                    // A helper that sends with ResponseHeadersRead hands back the body while it arrives: a streaming call (AIL0002).
                    return new LlmCall(parameter.Streaming ? LlmCallKind.Streaming : LlmCallKind.Generation, LlmSdk.Http, call.TargetMethod);
                }
            }

            return LlmCall.None;
        }

        private bool IsGenerationEndpointArgument(IOperation argument, int ordinal, IMethodSymbol callee, CancellationToken cancellationToken)
        {
            var value = ValueOrigins.Trace(argument, compilation, cancellationToken);
            if (NamesGenerationEndpoint(argument, value, cancellationToken))
            {
                return true;
            }

            return value is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } forwarded }
                && !(SymbolEqualityComparer.Default.Equals(forwarded.ContainingSymbol.OriginalDefinition, callee) && forwarded.Ordinal == ordinal)
                && ReachesEndpoint(forwarded, 1, cancellationToken);
        }

        /// <summary>
        /// The ordinals of <paramref name="method"/>'s parameters that reach the URL of a POST in its body (also inside its
        /// lambdas), directly or through up to <see cref="MaxDepth"/> methods of the project it hands them to. Empty for a
        /// method that spells "idempotency" (it is assumed to send a key).
        /// </summary>
        private ImmutableArray<UrlParameter> PostUrlParameters(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            if (postUrlParameters.TryGetValue(method, out var known))
            {
                return known;
            }

            // Provisional answer while the body is walked, so that recursion ends.
            postUrlParameters.TryAdd(method, ImmutableArray<UrlParameter>.Empty);
            // Ordinal -> whether a POST it reaches streams (one streaming POST makes the parameter streaming).
            var found = new Dictionary<int, bool>();
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                if (MentionsIdempotency(body))
                {
                    found.Clear();
                    break;
                }

                foreach (var invocation in body.Descendants().OfType<IInvocationOperation>())
                {
                    var target = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
                    if (http.IsCandidate(target))
                    {
                        if (http.UrlOperand(invocation, cancellationToken) is { } url && ParameterOf(url, method, cancellationToken) is { } ordinal)
                        {
                            Add(found, ordinal, http.IsStreamingSend(invocation));
                        }

                        continue;
                    }

                    var callee = invocation.TargetMethod.OriginalDefinition;
                    if (depth >= MaxDepth || callee.MethodKind != MethodKind.Ordinary || !SourceBodies.IsInSource(callee, compilation)
                        || SymbolEqualityComparer.Default.Equals(callee, method))
                    {
                        continue;
                    }

                    foreach (var inner in PostUrlParameters(callee, depth + 1, cancellationToken))
                    {
                        if (invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == inner.Ordinal) is { } argument
                            && ParameterOf(argument.Value, method, cancellationToken) is { } ordinal)
                        {
                            Add(found, ordinal, inner.Streaming);
                        }
                    }
                }
            }

            var result = found.OrderBy(p => p.Key).Select(p => new UrlParameter(p.Key, p.Value)).ToImmutableArray();
            postUrlParameters[method] = result;
            return result;
        }

        private static void Add(Dictionary<int, bool> found, int ordinal, bool streaming) =>
            found[ordinal] = streaming || (found.TryGetValue(ordinal, out var known) && known);

        /// <summary>The ordinal of the parameter of <paramref name="method"/> that <paramref name="value"/> comes from, or null.</summary>
        private int? ParameterOf(IOperation value, IMethodSymbol method, CancellationToken cancellationToken) =>
            UrlOrigin(value, cancellationToken) is IParameterReferenceOperation { Parameter: { } parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method)
                ? parameter.Ordinal
                : null;

        /// <summary>
        /// Where a URL operand comes from (<see cref="ValueOrigins.Trace"/>), seen through <c>new Uri(url)</c> and
        /// <c>new Uri(url, UriKind.Absolute)</c>: a <c>Uri</c> made of a string is that string (review 43, MISS-1:
        /// <c>new HttpRequestMessage { RequestUri = new Uri(requestUri) }</c>). <c>new Uri(baseUri, relative)</c> is not
        /// followed: the base decides the server.
        /// </summary>
        private IOperation UrlOrigin(IOperation url, CancellationToken cancellationToken)
        {
            var origin = ValueOrigins.Trace(url, compilation, cancellationToken);
            if (origin is IObjectCreationOperation { Arguments: { Length: 1 or 2 } arguments } creation
                && SymbolEqualityComparer.Default.Equals(creation.Type, uri)
                && arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String
                && (arguments.Length == 1 || SymbolEqualityComparer.Default.Equals(arguments[1].Parameter?.Type, uriKind)))
            {
                return ValueOrigins.Trace(arguments[0].Value, compilation, cancellationToken);
            }

            return origin;
        }

        /// <summary>Some call of the parameter's method in the compilation passes a generation endpoint (or forwards a parameter that receives one).</summary>
        private bool ReachesEndpoint(IParameterSymbol parameter, int depth, CancellationToken cancellationToken)
        {
            if (reachesEndpoint.TryGetValue(parameter, out var known))
            {
                return known;
            }

            var method = (IMethodSymbol)parameter.ContainingSymbol;
            var found = false;
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, new HashSet<string> { method.Name }, cancellationToken))
            {
                if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition)
                    || invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal && a.ArgumentKind == ArgumentKind.Explicit) is not { } argument)
                {
                    continue;
                }

                var value = ValueOrigins.Trace(argument.Value, compilation, cancellationToken);
                if (NamesGenerationEndpoint(argument.Value, value, cancellationToken))
                {
                    found = true;
                    break;
                }

                if (depth < MaxDepth
                    && value is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } forwarded }
                    && !SymbolEqualityComparer.Default.Equals(forwarded, parameter)
                    && ReachesEndpoint(forwarded, depth + 1, cancellationToken))
                {
                    found = true;
                    break;
                }
            }

            reachesEndpoint.TryAdd(parameter, found);
            return found;
        }

        /// <summary>
        /// The URL argument <paramref name="argument"/> (traced to <paramref name="value"/>) of a call names a generation
        /// endpoint; a generic one (<c>/api/chat</c>, <c>/v1/messages</c>...) only when the call corroborates it (the
        /// provider's host, an LLM-shaped body among its arguments, the provider named by its type).
        /// </summary>
        private bool NamesGenerationEndpoint(IOperation argument, IOperation value, CancellationToken cancellationToken)
        {
            if (http.UrlText(value, cancellationToken) is not { } text)
            {
                return false;
            }

            return LlmEndpoints.Classify(text) switch
            {
                EndpointKind.Generation => true,
                EndpointKind.GenericGeneration => argument.Parent is IArgumentOperation { Parent: IInvocationOperation call }
                    && http.Evidence.CorroboratesHelperCall(call, value, text, cancellationToken),
                _ => false,
            };
        }

        /// <summary>A URL parameter of a POST helper, and whether a POST it reaches is sent with <c>ResponseHeadersRead</c>.</summary>
        private readonly struct UrlParameter
        {
            public UrlParameter(int ordinal, bool streaming)
            {
                Ordinal = ordinal;
                Streaming = streaming;
            }

            public int Ordinal { get; }

            public bool Streaming { get; }
        }

        private static bool MentionsIdempotency(IOperation body) =>
            body.Descendants().Any(o => ValueOrigins.ConstantString(o) is { } text && text.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
