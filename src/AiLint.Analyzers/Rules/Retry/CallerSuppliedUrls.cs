using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    /// <see cref="RawHttpLlmCalls"/> reads them;
    /// a method that spells "idempotency" in a string is assumed to send a key and is left alone.
    /// </remarks>
    internal sealed class CallerSuppliedUrls
    {
        private const int MaxDepth = 3;

        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls http;
        private readonly ConcurrentDictionary<IParameterSymbol, bool> reachesEndpoint = new(SymbolEqualityComparer.Default);

        public CallerSuppliedUrls(Compilation compilation)
        {
            this.compilation = compilation;
            http = new RawHttpLlmCalls(compilation);
        }

        /// <summary>A generation call when <paramref name="call"/> POSTs to a URL parameter that a caller fills with a generation endpoint.</summary>
        public LlmCall Recognize(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            if (!http.IsCandidate(method)
                || http.UrlOperand(call, cancellationToken) is not { } url
                || ValueOrigins.Trace(url, compilation, cancellationToken) is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } parameter }
                || MentionsIdempotency(ValueOrigins.Root(call)))
            {
                return LlmCall.None;
            }

            return ReachesEndpoint(parameter, 0, cancellationToken) ? new LlmCall(LlmCallKind.Generation, LlmSdk.Http, call.TargetMethod) : LlmCall.None;
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
                if (http.UrlText(value, cancellationToken) is { } text && LlmEndpoints.IsGenerationEndpoint(text))
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

        private static bool MentionsIdempotency(IOperation body) =>
            body.Descendants().Any(o => ValueOrigins.ConstantString(o) is { } text && text.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
