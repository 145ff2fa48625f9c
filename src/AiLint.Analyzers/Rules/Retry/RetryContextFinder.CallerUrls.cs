using System;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal sealed partial class RetryContextFinder
    {
        // Built on first use: most compilations never retry a POST whose URL is a parameter.
        private readonly Lazy<CallerSuppliedUrls> callerUrls;

        // Built on first use too: a retried send of a copy of a request (ClonedRequestSends).
        private readonly Lazy<ClonedRequestSends> clonedSends;

        private readonly MiddlewareNextCalls middlewareNext;

        /// <summary>A delegate call that may be the <c>next</c> of inline chat-client or agent middleware (<see cref="MiddlewareNextCalls"/>).</summary>
        public bool MayBeMiddlewareNext(Microsoft.CodeAnalysis.IMethodSymbol method) => middlewareNext.IsCandidate(method);

        /// <summary>
        /// What <paramref name="recognizer"/> says of a retried call; when it is not an LLM call, whether it is a POST to a URL
        /// its callers fill with a generation endpoint, or a call of a project POST helper given a generation endpoint
        /// (<see cref="CallerSuppliedUrls"/>), or a send of a copy of a generation request (<see cref="ClonedRequestSends"/>).
        /// </summary>
        public LlmCall RecognizeRetried(LlmCallRecognizer recognizer, IInvocationOperation call, CancellationToken cancellationToken)
        {
            var llmCall = recognizer.Recognize(call, cancellationToken);
            if (llmCall.IsLlmCall)
            {
                return llmCall;
            }

            if (middlewareNext.IsCandidate(call.TargetMethod))
            {
                return middlewareNext.Recognize(call);
            }

            var post = callerUrls.Value.Recognize(call, cancellationToken);
            if (post.IsLlmCall)
            {
                return post;
            }

            var helper = callerUrls.Value.RecognizeHelperCall(call, cancellationToken);
            return helper.IsLlmCall ? helper : clonedSends.Value.Recognize(call, cancellationToken);
        }
    }
}
