using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>Retries made by a Semantic Kernel function-invocation filter (see <see cref="SemanticKernelFilterRetries"/>).</summary>
    internal sealed partial class RetryContextFinder
    {
        private SemanticKernelFilterRetries? kernelFilters;

        /// <summary>
        /// The retrying filter the kernel of <paramref name="operation"/> visibly carries. Asked only when
        /// <see cref="Find(IOperation, IMethodSymbol?, CancellationToken)"/> found no retry closer to the call.
        /// </summary>
        public RetryContext? FindFilterRetry(IOperation operation, CancellationToken cancellationToken) =>
            LazyInitializer.EnsureInitialized(ref kernelFilters, () => new SemanticKernelFilterRetries(compilation, rateLimits))!.Find(operation, cancellationToken);
    }
}
