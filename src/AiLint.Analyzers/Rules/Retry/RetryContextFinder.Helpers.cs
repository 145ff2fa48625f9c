using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The project's retry helpers: which delegate parameters of a method of the compilation it retries, computed once per
    /// method on demand (<see cref="HelperInfo"/>).
    /// </summary>
    internal sealed partial class RetryContextFinder
    {
        // ---- Project retry helpers ----------------------------------------------------------------------------------

        /// <summary>
        /// A method of the compilation that invokes one of its delegate parameters inside a retry (or hands it to a
        /// Polly pipeline/policy or another helper) retries every lambda passed for that parameter. Computed once per
        /// method, on demand.
        /// </summary>
        private HelperInfo? GetHelper(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (!method.Parameters.Any(p => p.Type.TypeKind == TypeKind.Delegate))
            {
                return null;
            }

            if (helpers.TryGetValue(method, out var known))
            {
                return known.RetriedParameters.Count == 0 ? null : known;
            }

            lock (helperGate)
            {
                if (helpers.TryGetValue(method, out known))
                {
                    return known.RetriedParameters.Count == 0 ? null : known;
                }

                // Helpers calling helpers are followed; a cycle between them counts as "not a helper".
                if (!helpersInProgress.Add(method))
                {
                    return null;
                }

                try
                {
                    known = ComputeHelper(method, cancellationToken);
                    helpers[method] = known;
                    return known.RetriedParameters.Count == 0 ? null : known;
                }
                finally
                {
                    helpersInProgress.Remove(method);
                }
            }
        }

        private HelperInfo ComputeHelper(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var retried = new Dictionary<int, RetryContext>();

            // Per retried parameter, the ordinals of the delegate's own parameters handed a per-attempt value, merged
            // over every retry of it (absent: the delegate is re-run with the same arguments).
            var perAttempt = new Dictionary<int, int[]>();
            var unconditional = new HashSet<int>();

            // Per retried parameter, the predicate parameter every retry of it asks (null once one retry does not).
            var callerPredicates = new Dictionary<int, int?>();
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var reference in body.Descendants().OfType<IParameterReferenceOperation>())
                {
                    var parameter = reference.Parameter;
                    if (parameter.Type.TypeKind != TypeKind.Delegate || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                        || (retried.ContainsKey(parameter.Ordinal) && callerPredicates[parameter.Ordinal] is null && unconditional.Contains(parameter.Ordinal)))
                    {
                        continue;
                    }

                    // `action(ct)` / `action.Invoke(ct)` inside a retry, or `pipeline.ExecuteAsync(action, ct)`.
                    var invoke = reference.Parent as IInvocationOperation;
                    int[]? handed = null;
                    RetryContext? context;
                    if (invoke is { TargetMethod.MethodKind: MethodKind.DelegateInvoke })
                    {
                        context = Find(invoke, method, cancellationToken);

                        // `return await operation(attempt);`: the counter the loop advances is an argument, so the call
                        // is not the same call each time; the delegate is re-run all the same, and the callback decides
                        // whether the request changes (review 63 M1). The delegate itself is what the retry repeats.
                        if (context is null && PerAttemptArguments.Of(invoke, method) is { Length: > 0 } varying
                            && Find(reference, method, cancellationToken) is { } rerun)
                        {
                            context = rerun;
                            handed = varying;
                        }
                    }
                    else
                    {
                        // Handed on to another helper that gives it the attempt: this helper's callers inherit that.
                        context = CallbackRetry(reference, reference, cancellationToken, out handed);
                    }

                    if (context is null)
                    {
                        continue;
                    }

                    if (handed is null)
                    {
                        unconditional.Add(parameter.Ordinal);
                    }
                    else
                    {
                        perAttempt[parameter.Ordinal] = perAttempt.TryGetValue(parameter.Ordinal, out var known) ? known.Union(handed).OrderBy(o => o).ToArray() : handed;
                    }

                    var predicate = invoke is { TargetMethod.MethodKind: MethodKind.DelegateInvoke } ? CallerPredicateOf(invoke, method, context) : null;
                    if (!retried.ContainsKey(parameter.Ordinal))
                    {
                        retried[parameter.Ordinal] = context;
                        callerPredicates[parameter.Ordinal] = predicate;
                    }
                    else if (callerPredicates[parameter.Ordinal] != predicate)
                    {
                        callerPredicates[parameter.Ordinal] = null;
                    }
                }
            }

            var asked = new Dictionary<int, int>();
            foreach (var pair in callerPredicates)
            {
                if (pair.Value is { } predicateOrdinal)
                {
                    asked[pair.Key] = predicateOrdinal;
                }
            }

            // One retry that re-runs the delegate with the same arguments repeats the same request whatever the callback reads.
            foreach (var ordinal in unconditional)
            {
                perAttempt.Remove(ordinal);
            }

            return new HelperInfo(retried, asked, perAttempt);
        }

        private sealed class HelperInfo
        {
            public HelperInfo(Dictionary<int, RetryContext> retriedParameters, Dictionary<int, int> callerPredicates, Dictionary<int, int[]> perAttemptArguments)
            {
                RetriedParameters = retriedParameters;
                CallerPredicates = callerPredicates;
                PerAttemptArguments = perAttemptArguments;
            }

            /// <summary>
            /// Retried parameter ordinal → ordinals of the delegate's parameters the helper hands a per-attempt value
            /// (<c>operation(attempt)</c>); a parameter absent here is re-run with the same arguments.
            /// </summary>
            public Dictionary<int, int[]> PerAttemptArguments { get; }

            /// <summary>Retried delegate parameters by ordinal, with the retry inside the helper.</summary>
            public Dictionary<int, RetryContext> RetriedParameters { get; }

            /// <summary>
            /// Retried parameter ordinal → ordinal of the predicate parameter that decides, in every retry of it, whether the
            /// helper goes round (see <c>RetryContextFinder.HelperPredicates.cs</c>).
            /// </summary>
            public Dictionary<int, int> CallerPredicates { get; }
        }
    }
}
