using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>Retries that re-run a whole method, set up by an attribute of a job framework (see <see cref="HangfireJobRetries"/>).</summary>
    internal sealed partial class RetryContextFinder
    {
        private readonly HangfireJobRetries hangfireJobs;

        /// <summary>
        /// The job retry around <paramref name="operation"/>, a call in the body of <paramref name="owningMethod"/>. Asked
        /// only when <see cref="Find(IOperation, IMethodSymbol?, CancellationToken)"/> found no retry closer to the call.
        /// </summary>
        public RetryContext? FindJobRetry(IOperation operation, IMethodSymbol? owningMethod) =>
            hangfireJobs.Find(operation, owningMethod);
    }
}
