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
    /// A request-factory retry helper (review 84, AionMemory's <c>AiHttpRetryPolicy.SendWithRetryAsync(HttpClient client,
    /// Func&lt;HttpRequestMessage&gt; requestFactory, ...)</c>): the helper calls the factory parameter on every attempt of a
    /// retry the existing readings accept (a status loop, a catch loop, a pipeline callback) and sends what it returned;
    /// a caller that passes a lambda building a POST to a generation endpoint has that generation re-sent.
    /// </summary>
    /// <remarks>
    /// Why a factory and not the request: .NET refuses to send one <c>HttpRequestMessage</c> twice, so raw-HTTP retry
    /// helpers take a delegate that builds a new one per attempt. Read from the caller's argument to the helper (one
    /// helper serves chat, embedding and transcription calls alike; only the generation callers are re-sent generations),
    /// never by walking the compilation: the helper is bound once per factory parameter and cached.
    /// Silent when the helper calls the factory only once, before its retry (the second send of the same message throws);
    /// when the send streams (<c>ResponseHeadersRead</c>: a failed status has shown nothing, as for inline status loops);
    /// when the lambda's request is not a visibly created POST to a generation endpoint (the raw-HTTP reading of
    /// <see cref="RawHttpLlmCalls.PostRequestUrl"/> and <see cref="LlmEndpoints.Classify"/>; a generic <c>/api/chat</c> is
    /// not enough); and when the lambda or the helper spells "idempotency" (a key the request carries on every attempt).
    /// </remarks>
    internal sealed class RequestFactoryRetries
    {
        private readonly Compilation compilation;
        private readonly RawHttpLlmCalls http;
        private readonly INamedTypeSymbol? requestMessage;
        private readonly ConcurrentDictionary<IParameterSymbol, FactorySend?> retriedFactories = new(SymbolEqualityComparer.Default);

        public RequestFactoryRetries(Compilation compilation)
        {
            this.compilation = compilation;
            http = new RawHttpLlmCalls(compilation);
            requestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
        }

        /// <summary>A send of the helper, re-run by <see cref="Retry"/>, of the request the factory parameter returned.</summary>
        internal sealed class FactorySend
        {
            public FactorySend(IInvocationOperation send, RetryContext retry)
            {
                Send = send;
                Retry = retry;
            }

            public IInvocationOperation Send { get; }

            public RetryContext Retry { get; }
        }

        /// <summary>
        /// Cheap test on a caller's argument: a lambda converted to a delegate that returns an <c>HttpRequestMessage</c>,
        /// given to a method of this compilation.
        /// </summary>
        public IAnonymousFunctionOperation? FactoryLambda(IArgumentOperation argument)
        {
            if (requestMessage is null || argument.Parameter is not { Type: INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } }
                || !SymbolEqualityComparer.Default.Equals(invoke.ReturnType.OriginalDefinition, requestMessage))
            {
                return null;
            }

            return ValueOrigins.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : null;
        }

        /// <summary>Every value the lambda returns is a visibly created POST to a generation endpoint, and it sets no idempotency key.</summary>
        public bool BuildsGenerationPost(IAnonymousFunctionOperation lambda, CancellationToken cancellationToken)
        {
            var returned = RetryContextFinder.DescendantsInSameFunction(lambda.Body)
                .OfType<IReturnOperation>()
                .Select(r => r.ReturnedValue)
                .ToList();
            return returned.Count > 0
                && returned.All(value => value is not null && ClonedRequestSends.IsGenerationPost(http, value, cancellationToken))
                && !ClonedRequestSends.MentionsIdempotency(lambda);
        }

        /// <summary>The retried send of what <paramref name="parameter"/> (a factory parameter of a source method) returns, or null.</summary>
        public FactorySend? RetriedSend(IParameterSymbol parameter, RetryContextFinder finder, CancellationToken cancellationToken) =>
            retriedFactories.GetOrAdd(parameter.OriginalDefinition, p => FindRetriedSend(p, finder, cancellationToken));

        private FactorySend? FindRetriedSend(IParameterSymbol parameter, RetryContextFinder finder, CancellationToken cancellationToken)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } helper
                || !SourceBodies.IsInSource(helper, compilation)
                || ValueOrigins.BodyBlock(helper, compilation, cancellationToken) is not { } body
                || ClonedRequestSends.MentionsIdempotency(body))
            {
                return null;
            }

            foreach (var operation in RetryContextFinder.DescendantsInSameFunction(body))
            {
                if (operation is not IInvocationOperation send
                    || send.TargetMethod.Name is not ("SendAsync" or "Send")
                    || !http.IsHttpClientMember(send.TargetMethod.ReducedFrom ?? send.TargetMethod)
                    || http.IsStreamingSend(send)
                    || OperationValues.Argument(send, "request") is not { } request
                    || FactoryCall(request, parameter, cancellationToken) is not { } factoryCall)
                {
                    continue;
                }

                // The factory must run on every attempt: called once before the retry, it hands the same message to every
                // send, and the second send throws instead of re-sending (not this rule).
                if (finder.Find(send, helper, cancellationToken) is { Kind: not RetryKind.ResultLoop } retry
                    && ValueOrigins.IsWithin(factoryCall.Syntax, retry.Region.Syntax))
                {
                    return new FactorySend(send, retry);
                }
            }

            return null;
        }

        /// <summary><c>requestFactory()</c> (or <c>.Invoke()</c>) of the parameter, directly or through the local that holds its result.</summary>
        private IInvocationOperation? FactoryCall(IOperation request, IParameterSymbol parameter, CancellationToken cancellationToken) =>
            ValueOrigins.Trace(request, compilation, cancellationToken) is IInvocationOperation
            {
                TargetMethod.MethodKind: MethodKind.DelegateInvoke,
                Instance: IParameterReferenceOperation reference,
            } call
            && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter)
                ? call
                : null;
    }
}
