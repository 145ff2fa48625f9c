using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Naming;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Retry helpers the finder reaches beyond a plain method of the compilation: helpers named in
    /// <c>ailint.retry_methods</c>, and helpers called through the project's own interfaces and virtual or abstract
    /// methods (an injected <c>IRetryService</c>).
    /// </summary>
    internal sealed partial class RetryContextFinder
    {
        private readonly ConfiguredRetryMethods configured;
        private readonly System.Lazy<Dictionary<IMethodSymbol, List<IMethodSymbol>>> implementations;

        /// <summary>The compilation's overrides and interface implementations (<see cref="SourceImplementations"/>), built once on first use.</summary>
        public Dictionary<IMethodSymbol, List<IMethodSymbol>> SourceImplementationMap => implementations.Value;

        // The project's implementations of referenced interface/virtual methods, found on first use per method.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, List<IMethodSymbol>> referencedImplementations = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// The retry a helper runs <paramref name="parameter"/>'s argument in, when <paramref name="invocation"/> calls
        /// a retry helper: one named in <c>ailint.retry_methods</c>, a method of the compilation that retries the
        /// delegate, or an interface/virtual/abstract method of the compilation whose every implementation does.
        /// </summary>
        /// <remarks>
        /// The out value holds the ordinals of the callback's parameters the helper hands a per-attempt value (see
        /// <see cref="PerAttemptArguments"/>); null when it re-runs the callback with the same arguments.
        /// </remarks>
        private RetryContext? HelperContext(IInvocationOperation invocation, IParameterSymbol parameter, IOperation region, SyntaxNode? anchor, CancellationToken cancellationToken, out int[]? perAttempt)
        {
            perAttempt = null;
            var target = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
            var ordinal = parameter.OriginalDefinition.Ordinal + (invocation.TargetMethod.ReducedFrom is null ? 0 : 1);
            var name = HelperNames.Of(target);

            // Configured helpers come from packages whose bodies AiLint cannot read: the option is the user's word. A
            // helper from a referenced project that uses AiLint is known from the summary that project recorded.
            if (configured.Contains(target))
            {
                return new RetryContext(RetryKind.Helper, name, region, anchor, attempts: null, unbounded: false);
            }

            // A referenced interface or virtual method may also run this project's own implementations: one that runs the
            // delegate once (a pass-through used with `--no-retry`) means the call may not be retried, as when the
            // interface is the project's own (review 13, D3).
            if (!SourceBodies.IsInSource(target, compilation) && ReferencedSummaries.For(compilation).RetriesParameter(target, ordinal, out var recordedPerAttempt))
            {
                perAttempt = recordedPerAttempt;
                return IsDispatched(invocation, target) && SomeProjectImplementationRunsOnce(target, ordinal, cancellationToken)
                    ? null
                    : new RetryContext(RetryKind.Helper, name, region, anchor, attempts: null, unbounded: false);
            }

            if (!SourceBodies.IsInSource(target, compilation))
            {
                return null;
            }

            var dispatched = IsDispatched(invocation, target);
            var inner = dispatched
                ? RetriedByEveryImplementation(target, ordinal, cancellationToken, out perAttempt)
                : RetriedBy(target, ordinal, cancellationToken, out perAttempt);

            // `RetryAsync(() => Ask(), shouldRetry: ex => ex is ClientResultException { Status: 429 })`: the helper goes
            // round only when the caller's predicate says so, and this one admits only rate limits.
            if (inner is not null && !dispatched
                && PassesRateLimitPredicate(invocation, target, ordinal, invocation.TargetMethod.ReducedFrom is null ? 0 : 1, cancellationToken))
            {
                return null;
            }

            // `ExecuteWithRetry(() => ..., maxAttempts: 1)` (or `maxRetries: 0` into `attempt <= maxRetries`): this call
            // runs the callback once, so nothing is sent twice.
            if (inner is not null && inner.Attempts is null && !dispatched && HelperAttemptArguments.RunsOnce(invocation, target, inner.AttemptsParameter))
            {
                return null;
            }

            // `ExecuteWithRetry(() => ..., maxAttempts: 5)` into `for (...; attempt <= maxAttempts; ...)`: this call's count.
            return inner is null ? null : new RetryContext(RetryKind.Helper, name, region, anchor,
                inner.Attempts ?? (dispatched ? null : HelperAttemptArguments.ForCall(invocation, target, inner.AttemptsParameter)), inner.Unbounded,
                beforeFirstPart: inner.BeforeFirstPart);
        }

        /// <summary>
        /// True when this compilation implements or overrides <paramref name="method"/> (declared in a referenced
        /// assembly) with a body that does not retry parameter <paramref name="ordinal"/>, directly or through its own
        /// overrides (every override in the project is in the list, however deep).
        /// </summary>
        private bool SomeProjectImplementationRunsOnce(IMethodSymbol method, int ordinal, CancellationToken cancellationToken)
        {
            var found = referencedImplementations.GetOrAdd(method.OriginalDefinition, m => ReferencedImplementations.Of(m, compilation, cancellationToken));
            foreach (var implementation in found)
            {
                // Abstract overrides have no body; their own overrides are in the list too.
                if (!implementation.IsAbstract && RetriedBy(implementation, ordinal, cancellationToken, out _) is null)
                {
                    return true;
                }
            }

            return false;
        }

        private RetryContext? RetriedBy(IMethodSymbol method, int ordinal, CancellationToken cancellationToken, out int[]? perAttempt)
        {
            perAttempt = null;
            if (GetHelper(method, cancellationToken) is not { } helper || !helper.RetriedParameters.TryGetValue(ordinal, out var inner))
            {
                return null;
            }

            perAttempt = helper.PerAttemptArguments.TryGetValue(ordinal, out var handed) ? handed : null;
            return inner;
        }

        /// <summary>
        /// The call runs whichever override or implementation the receiver has at run time (not a <c>base.</c> call,
        /// which runs the named body).
        /// </summary>
        private static bool IsDispatched(IInvocationOperation invocation, IMethodSymbol method) =>
            invocation.IsVirtual
            && method.MethodKind == MethodKind.Ordinary
            && (method.IsAbstract || method.IsVirtual || (method.IsOverride && !method.IsSealed) || method.ContainingType.TypeKind == TypeKind.Interface);

        /// <summary>
        /// The retry around the delegate when every body the call can run (the method's own body if it has one, and
        /// every override or implementation in the compilation, transitively) retries it, and there is at least one.
        /// </summary>
        /// <remarks>
        /// Why "every": one implementation that runs the delegate once (a pass-through used in tests or behind a
        /// feature flag) means the call may not be retried at all, and precision comes first. An interface with no
        /// implementation in the compilation (implemented in another assembly, or by a mock) tells nothing.
        /// </remarks>
        /// <remarks>
        /// <paramref name="perAttempt"/> is the union over the bodies: a callback has to leave every value any of them
        /// hands it alone to be retried unchanged by all of them.
        /// </remarks>
        private RetryContext? RetriedByEveryImplementation(IMethodSymbol method, int ordinal, CancellationToken cancellationToken, out int[]? perAttempt)
        {
            perAttempt = null;
            var bodies = SourceImplementations.RunnableBodies(method, implementations.Value);

            RetryContext? first = null;
            var sameAttempts = true;
            var unbounded = false;
            var everyBeforeFirstPart = true;
            foreach (var body in bodies)
            {
                if (RetriedBy(body, ordinal, cancellationToken, out var handed) is not { } inner)
                {
                    perAttempt = null;
                    return null;
                }

                if (handed is not null)
                {
                    perAttempt = perAttempt is null ? handed : System.Linq.Enumerable.ToArray(System.Linq.Enumerable.OrderBy(System.Linq.Enumerable.Union(perAttempt, handed), o => o));
                }

                first ??= inner;
                sameAttempts &= inner.Attempts == first.Attempts;
                everyBeforeFirstPart &= inner.BeforeFirstPart;
                unbounded |= inner.Unbounded;
            }

            if (first is null)
            {
                return null;
            }

            return new RetryContext(RetryKind.Helper, first.Name, first.Region, first.Anchor, sameAttempts ? first.Attempts : null, unbounded, beforeFirstPart: everyBeforeFirstPart);
        }
    }
}
