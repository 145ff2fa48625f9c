using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The exception types a Polly v8 pipeline's retry goes round on, when the whole pipeline is built in one visible
    /// fluent chain: <c>new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { ShouldHandle = new
    /// PredicateBuilder().Handle&lt;HttpRequestException&gt;() }).AddTimeout(...).Build()</c>.
    /// </summary>
    /// <remarks>
    /// Null (not known) for anything else, so that no retry is taken for narrower than it is: a builder held in a local
    /// (statements may add strategies the chain does not show), a pipeline from DI or a provider, options not created in
    /// the <c>AddRetry</c> call (they may be changed later), no <c>ShouldHandle</c> (Polly's default handles every
    /// exception but cancellation), a <c>ShouldHandle</c> that is not a <c>PredicateBuilder</c> chain or that has a
    /// <c>HandleResult</c>/<c>OrResult</c> or <c>HandleInner</c> link, and strategies other than retry, timeout, circuit
    /// breaker and limiters (a hedging or fallback strategy may run the callback again or something else).
    /// </remarks>
    internal static class PipelineHandledExceptions
    {
        private const int MaxLinks = 16;

        public static ImmutableArray<ITypeSymbol>? Of(IInvocationOperation execute, Compilation compilation, CancellationToken cancellationToken)
        {
            if (ValueOrigins.Receiver(execute) is not { } receiver
                || ValueOrigins.TraceThroughFactories(receiver, compilation, cancellationToken) is not IInvocationOperation { TargetMethod.Name: "Build" } build
                || !IsPipelineBuilder(build.TargetMethod.ContainingType))
            {
                return null;
            }

            var handled = new List<ITypeSymbol>();
            var retries = 0;
            var current = ValueOrigins.Receiver(build) is { } start ? ValueOrigins.Unwrap(start) : null;
            for (var depth = 0; current is IInvocationOperation link; depth++)
            {
                if (depth > MaxLinks || link.TargetMethod.ContainingNamespace?.ToDisplayString() is not { } ns || !ns.StartsWith("Polly", System.StringComparison.Ordinal))
                {
                    return null;
                }

                switch (link.TargetMethod.Name)
                {
                    case "AddRetry":
                        if (RetryHandles(link) is not { } types)
                        {
                            return null;
                        }

                        handled.AddRange(types);
                        retries++;
                        break;
                    case "AddTimeout" or "AddCircuitBreaker" or "AddConcurrencyLimiter" or "AddRateLimiter":
                        break;
                    default:
                        return null;
                }

                current = ValueOrigins.Receiver(link) is { } next ? ValueOrigins.Unwrap(next) : null;
            }

            // The chain must start at a `new ResiliencePipelineBuilder()` written in it, and show a retry.
            return current is IObjectCreationOperation creation && IsPipelineBuilder(creation.Type) && retries > 0
                ? handled.ToImmutableArray()
                : null;
        }

        private static bool IsPipelineBuilder(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Name: "ResiliencePipelineBuilder" or "ResiliencePipelineBuilderBase" } named
            && named.ContainingNamespace?.ToDisplayString() == "Polly";

        /// <summary>The <c>Handle&lt;T&gt;</c>/<c>Or&lt;T&gt;</c> types of an <c>AddRetry</c> options' <c>ShouldHandle</c> chain.</summary>
        private static List<ITypeSymbol>? RetryHandles(IInvocationOperation addRetry)
        {
            var options = addRetry.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1)?.Value;
            if (options is null || ValueOrigins.Unwrap(options) is not IObjectCreationOperation creation)
            {
                return null;
            }

            var shouldHandle = PollyRetries.Initializers(creation).FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "ShouldHandle" });
            var types = new List<ITypeSymbol>();
            var current = shouldHandle is null ? null : ValueOrigins.Unwrap(shouldHandle.Value);
            for (var depth = 0; current is IInvocationOperation link; depth++)
            {
                if (depth > MaxLinks || link.TargetMethod.ContainingType?.Name != "PredicateBuilder"
                    || link.TargetMethod.Name is not ("Handle" or "Or") || link.TargetMethod.TypeArguments.Length != 1)
                {
                    return null;
                }

                types.Add(link.TargetMethod.TypeArguments[0]);
                current = link.Instance is null ? null : ValueOrigins.Unwrap(link.Instance);
            }

            return types.Count > 0 && current is IObjectCreationOperation { Type.Name: "PredicateBuilder" } ? types : null;
        }
    }
}
