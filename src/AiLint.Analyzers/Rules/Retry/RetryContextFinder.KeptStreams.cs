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
        /// The retry loop around <paramref name="call"/> when a catch that counts (not a rate-limit-only catch, not one
        /// that goes round only when the user asks, not one that ends the loop) makes its stream again: the enumerator
        /// kept with <c>??=</c> before the try and reset (<see cref="LoopRetryClassifier.RemadeBeforeTry"/>), or made anew
        /// on each pass of an outer loop around an inner <c>MoveNextAsync</c> loop (<see cref="LoopRetryClassifier.RemadeEachPass"/>).
        /// A loop that re-opens the stream only while nothing was yielded is marked so (AIL0001, not AIL0002).
        /// </summary>
        private RetryContext? KeptStreamRemadeBeforeTry(IInvocationOperation call, ILoopOperation loop)
        {
            System.Func<ICatchClauseOperation, bool> counts = c => c.Parent is ITryOperation @try
                && !rateLimits.CatchesOnlyRateLimits(c)
                && !UserConfirmedRetries.GoesRoundOnlyWhenUserAsks(c, @try, loop)
                && !LoopEndingCatches.EndsLoop(c, loop);
            var remade = LoopRetryClassifier.RemadeBeforeTry(call, loop, counts);
            if (remade == LoopRetryClassifier.StreamRemake.NotRemade)
            {
                remade = LoopRetryClassifier.RemadeEachPass(call, loop, counts);
            }

            if (remade == LoopRetryClassifier.StreamRemake.NotRemade)
            {
                return null;
            }

            var (name, attempts) = LoopNameAndAttempts(loop);
            var anchor = loop.Syntax.Parent is BlockSyntax ? loop.Syntax : null;
            return new RetryContext(RetryKind.Loop, name, loop.Body, anchor, attempts, unbounded: false, beforeFirstPart: remade == LoopRetryClassifier.StreamRemake.BeforeFirstPart);
        }
    }
}
