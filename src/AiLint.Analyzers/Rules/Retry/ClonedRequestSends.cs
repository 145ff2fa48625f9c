using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A retried <c>SendAsync</c> of a copy of a request (<see cref="RequestClones"/>: review 61, staffinity's
    /// <c>SendWithRetryAsync(request)</c> sending <c>await CloneRequestAsync(request, ct)</c> on each attempt): a generation
    /// call when the request copied is a visibly created POST to a generation endpoint, in the same method or handed in by
    /// a caller of the compilation for the parameter copied (followed through up to <see cref="MaxDepth"/> parameters a
    /// caller forwards). Asked only for a send that a retry already re-runs.
    /// </summary>
    /// <remarks>
    /// Without the copy the send is left alone: .NET refuses to send one request message twice, so a loop re-sending the
    /// same message throws on its second pass (AIL0001 page, "Result retries in other shapes"). A generic endpoint (<c>/api/chat</c>,
    /// <c>/v1/messages</c>) is not enough here, and a method (or caller) that spells "idempotency" is assumed to send a key,
    /// which the copy carries along.
    /// </remarks>
    internal sealed class ClonedRequestSends
    {
        private const int MaxDepth = 3;

        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls http;
        private readonly ConcurrentDictionary<IParameterSymbol, bool> filledWithGeneration = new(SymbolEqualityComparer.Default);

        public ClonedRequestSends(Compilation compilation)
        {
            this.compilation = compilation;
            http = new RawHttpLlmCalls(compilation);
        }

        public LlmCall Recognize(IInvocationOperation call, CancellationToken cancellationToken)
        {
            if (call.TargetMethod.Name is not ("SendAsync" or "Send") || !http.IsCandidate(call.TargetMethod)
                || OperationValues.Argument(call, "request") is not { } request
                || RequestClones.Original(request, compilation, cancellationToken) is not { } original
                || MentionsIdempotency(ValueOrigins.Root(call)))
            {
                return LlmCall.None;
            }

            var generation = IsGenerationPost(original, cancellationToken)
                || (original is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } } parameter }
                    && FilledWithGeneration(parameter.OriginalDefinition, 0, cancellationToken));
            return generation
                ? new LlmCall(http.IsStreamingSend(call) ? LlmCallKind.Streaming : LlmCallKind.Generation, LlmSdk.Http, call.TargetMethod)
                : LlmCall.None;
        }

        /// <summary>A request the code creates as a POST to a generation endpoint (not a generic one).</summary>
        private bool IsGenerationPost(IOperation request, CancellationToken cancellationToken) => IsGenerationPost(http, request, cancellationToken);

        /// <summary>
        /// A request the code creates as a POST to a generation endpoint (not a generic one), by the raw-HTTP reading of
        /// <paramref name="http"/>; shared with <see cref="RequestFactoryRetries"/> (a request a factory lambda builds).
        /// </summary>
        internal static bool IsGenerationPost(RawHttpLlmCalls http, IOperation request, CancellationToken cancellationToken) =>
            http.PostRequestUrl(request, cancellationToken) is { } url
            && http.UrlText(url, cancellationToken) is { } text
            && LlmEndpoints.Classify(text) == EndpointKind.Generation;

        /// <summary>Some call of the parameter's method passes a generation POST for it (or a parameter its own callers fill with one, or a copy of either).</summary>
        private bool FilledWithGeneration(IParameterSymbol parameter, int depth, CancellationToken cancellationToken)
        {
            if (filledWithGeneration.TryGetValue(parameter, out var known))
            {
                return known;
            }

            filledWithGeneration.TryAdd(parameter, false); // provisional, so that recursion ends
            var method = (IMethodSymbol)parameter.ContainingSymbol;
            var found = false;
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, new HashSet<string> { method.Name }, cancellationToken))
            {
                if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition)
                    || OperationValues.Argument(invocation, parameter.Name) is not { } argument
                    || MentionsIdempotency(ValueOrigins.Root(invocation)))
                {
                    continue;
                }

                var value = RequestClones.Original(argument, compilation, cancellationToken) ?? ValueOrigins.Trace(argument, compilation, cancellationToken);
                if (IsGenerationPost(value, cancellationToken)
                    || (depth < MaxDepth
                        && value is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } } forwarded }
                        && !SymbolEqualityComparer.Default.Equals(forwarded.OriginalDefinition, parameter)
                        && FilledWithGeneration(forwarded.OriginalDefinition, depth + 1, cancellationToken)))
                {
                    found = true;
                    break;
                }
            }

            filledWithGeneration[parameter] = found;
            return found;
        }

        /// <summary>The code spells "idempotency" in a string (an Idempotency-Key header it sets): assumed to send a key.</summary>
        internal static bool MentionsIdempotency(IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                if (ValueOrigins.ConstantString(operation) is { } text && text.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
