using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>The retry construct that re-runs a piece of code.</summary>
    internal enum RetryKind
    {
        PollyPipeline,
        PollyPolicy,
        Loop,

        /// <summary>
        /// A loop that asks again after rejecting the answer (see <see cref="LoopRetryClassifier.RetriesOnResult"/>). A key
        /// would hand every attempt the first, rejected answer, and an exception from the call usually leaves the loop, so
        /// the SDK's retries do not multiply with it: it gets AIL0001 only, without a fix.
        /// </summary>
        ResultLoop,
        Recursion,

        /// <summary>A label before a try that its catch jumps back to (see <see cref="GotoRetries"/>).</summary>
        Goto,

        /// <summary>A catch that makes the try's call again, unchanged (see <see cref="LoopRetryClassifier.ResentCall"/>).</summary>
        CatchResend,
        Helper,
    }

    /// <summary>One retry around an operation: what retries it, which code it re-runs, and where a key could be created.</summary>
    internal sealed class RetryContext
    {
        public RetryContext(RetryKind kind, string name, IOperation region, SyntaxNode? anchor, int? attempts, bool unbounded, bool afterFailedStatus = false, bool beforeFirstPart = false, ParameterAttemptBound? attemptsParameter = null)
        {
            AttemptsParameter = attemptsParameter;
            AfterFailedStatus = afterFailedStatus;
            BeforeFirstPart = beforeFirstPart;
            Kind = kind;
            Name = name;
            Region = region;
            Anchor = anchor;
            Attempts = attempts;
            Unbounded = unbounded;
        }

        public RetryKind Kind { get; }

        /// <summary>How messages name the retry: "ResiliencePipeline.ExecuteAsync", "for loop", "RetryHelper.WithRetriesAsync".</summary>
        public string Name { get; }

        /// <summary>The code re-run on every attempt (a lambda, a loop body, a method body).</summary>
        public IOperation Region { get; }

        /// <summary>A statement directly inside a block, before which code runs once per retry (null: none, e.g. recursion).</summary>
        public SyntaxNode? Anchor { get; }

        /// <summary>Total attempts, when the code shows them (3 retries = 4 attempts).</summary>
        public int? Attempts { get; }

        public bool Unbounded { get; }

        /// <summary>
        /// A loop bounded by a parameter of its method (see <see cref="HelperAttemptArguments"/>): a call of that method
        /// as a retry helper may pass the count.
        /// </summary>
        public ParameterAttemptBound? AttemptsParameter { get; }

        /// <summary>
        /// A loop that sends a raw HTTP request again after a failed status (see <see cref="LoopRetryClassifier.RetriesOnStatus"/>).
        /// A streamed response with a failed status has shown nothing yet, so such a loop around a streaming send is not AIL0002.
        /// </summary>
        public bool AfterFailedStatus { get; }

        /// <summary>
        /// A hand-written stream loop that re-opens the stream only while nothing of it was yielded (a catch filtered on
        /// <c>!yieldedAny</c>, see <see cref="LoopRetryClassifier"/>'s hand-written stream reading): the user saw nothing of
        /// the failed attempt, so the re-sent request is AIL0001's case, not AIL0002's.
        /// </summary>
        public bool BeforeFirstPart { get; }
    }
}
