using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The hand-written <c>await foreach</c> with its enumerator made before the try (see
    /// <see cref="LoopRetryClassifier.RemadeBeforeTry"/>): the loop is the retry, named and anchored as a try's retry loop.
    /// </summary>
    internal sealed partial class RetryContextFinder
    {
        /// <summary>
        /// The retry loop around <paramref name="call"/> when it is remade before the try by a catch that counts: not a
        /// rate-limit-only catch, not one that goes round only when the user asks, not one that ends the loop.
        /// </summary>
        private RetryContext? KeptStreamRemadeBeforeTry(IInvocationOperation call, ILoopOperation loop)
        {
            if (!LoopRetryClassifier.RemadeBeforeTry(call, loop, c => c.Parent is ITryOperation @try
                && !rateLimits.CatchesOnlyRateLimits(c)
                && !UserConfirmedRetries.GoesRoundOnlyWhenUserAsks(c, @try, loop)
                && !LoopEndingCatches.EndsLoop(c, loop)))
            {
                return null;
            }

            var (name, attempts) = LoopNameAndAttempts(loop);
            var anchor = loop.Syntax.Parent is BlockSyntax ? loop.Syntax : null;
            return new RetryContext(RetryKind.Loop, name, loop.Body, anchor, attempts, unbounded: false);
        }
    }
}
