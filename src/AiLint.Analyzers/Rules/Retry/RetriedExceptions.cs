using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The exception types a retry goes round on, for <see cref="SwallowedAttempts"/>: a catch that takes all of them
    /// leaves the retry nothing to go round on. Only retries that go round on exceptions alone are answered; null means
    /// the retry may also go round on a result (the error result a swallowing catch returns is then retried), so nothing
    /// is decided.
    /// </summary>
    internal static class RetriedExceptions
    {
        /// <summary>
        /// <c>System.Exception</c> for a hand-written catch-and-retry loop (what its catches take is not narrowed here:
        /// the strictest answer). For a Polly v7 policy, the <c>Handle&lt;T&gt;</c>/<c>Or&lt;T&gt;</c> types of its visible
        /// builder chain; <c>System.Exception</c> when a non-generic policy's construction is not visible (a non-generic
        /// v7 policy cannot handle results). Null for a generic policy that handles results or whose chain is not visible,
        /// for v8 pipelines (a <c>ShouldHandle</c> may read the outcome's result) and for the project's retry helpers
        /// (which may go round on the answer), except a helper that visibly does not (<see cref="ExceptionOnlyHelpers"/>):
        /// <c>System.Exception</c>, as for a loop.
        /// </summary>
        public static ImmutableArray<ITypeSymbol>? Of(RetryContext retry, Compilation compilation, CancellationToken cancellationToken)
        {
            var types = PollyTypes.For(compilation);
            if (types.AnyException is not { } any)
            {
                return null;
            }

            return retry.Kind switch
            {
                RetryKind.Loop when !retry.AfterFailedStatus => any,
                RetryKind.PollyPolicy => PolicyHandles(retry.Region, any, types, compilation, cancellationToken),

                // A project helper whose every call of the delegate returns its value at once goes round on exceptions only.
                RetryKind.Helper when ExceptionOnlyHelpers.GoesRoundOnlyOnExceptions(retry.Region, compilation, cancellationToken) => any,
                _ => null,
            };
        }

        private static ImmutableArray<ITypeSymbol>? PolicyHandles(IOperation region, ImmutableArray<ITypeSymbol> any, PollyTypes types, Compilation compilation, CancellationToken cancellationToken)
        {
            var current = region.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current is not IArgumentOperation { Parent: IInvocationOperation execute } || ValueOrigins.Receiver(execute) is not { } receiver)
            {
                return null;
            }

            // A non-generic v7 policy (IAsyncPolicy, AsyncRetryPolicy, a wrap of them) handles exceptions only.
            var generic = ValueOrigins.Unwrap(receiver).Type is INamedTypeSymbol { IsGenericType: true };
            var origin = ValueOrigins.TraceThroughFactories(receiver, compilation, cancellationToken);
            if (origin is not IInvocationOperation creation || !types.IsRetryPolicy(origin.Type))
            {
                return generic ? null : any;
            }

            var handled = new List<ITypeSymbol>();
            var builder = ValueOrigins.Receiver(creation);
            for (var depth = 0; builder is not null; depth++)
            {
                if (depth > 16
                    || ValueOrigins.Trace(builder, compilation, cancellationToken) is not IInvocationOperation link
                    || !types.IsPolicyBuilder(link.TargetMethod.ContainingType))
                {
                    return generic ? null : any;
                }

                switch (link.TargetMethod.Name)
                {
                    // Handle<T>(predicate) retries some of T: T bounds what a catch must take.
                    case "Handle" or "Or" when link.TargetMethod.TypeArguments.Length == 1:
                        handled.Add(link.TargetMethod.TypeArguments[0]);
                        break;

                    // HandleResult/OrResult: the error result a swallowing catch returns is retried.
                    case "HandleResult" or "OrResult":
                        return null;
                    default:
                        // HandleInner<T> and other links: what reaches the policy is not narrowed; a catch must take everything.
                        return generic ? null : any;
                }

                builder = link.Instance;
            }

            return handled.Count == 0 ? (generic ? null : any) : handled.ToImmutableArray();
        }

        /// <summary>
        /// System.Exception and Polly v7's retry policy and builder types (names in KnownRetrySymbols), resolved once per
        /// compilation: compared as symbols, so a project type in a namespace named Polly or Polly.Retry is not Polly's.
        /// </summary>
        private sealed class PollyTypes
        {
            private static readonly ConditionalWeakTable<Compilation, PollyTypes> Cache = new();

            private readonly INamedTypeSymbol[] retryPolicies;
            private readonly INamedTypeSymbol[] policyBuilders;

            private PollyTypes(Compilation compilation)
            {
                AnyException = compilation.GetTypeByMetadataName("System.Exception") is { } exception ? ImmutableArray.Create<ITypeSymbol>(exception) : null;
                retryPolicies = KnownRetrySymbols.Resolve(compilation, KnownRetrySymbols.PollyRetryPolicyNames).OfType<INamedTypeSymbol>().ToArray();
                policyBuilders = KnownRetrySymbols.Resolve(compilation, KnownRetrySymbols.PollyPolicyBuilderNames).OfType<INamedTypeSymbol>().ToArray();
            }

            /// <summary>System.Exception alone: what a retry that goes round on every exception retries.</summary>
            public ImmutableArray<ITypeSymbol>? AnyException { get; }

            public static PollyTypes For(Compilation compilation) => Cache.GetValue(compilation, c => new PollyTypes(c));

            /// <summary>A retry policy (<c>AsyncRetryPolicy</c>, <c>RetryPolicy&lt;T&gt;</c>, ...), what a policy's creation returns.</summary>
            public bool IsRetryPolicy(ITypeSymbol? type) => retryPolicies.Any(known => KnownRetrySymbols.Is(type, known));

            /// <summary><c>Policy</c>, <c>Policy&lt;T&gt;</c>, <c>PolicyBuilder</c> or <c>PolicyBuilder&lt;T&gt;</c>, whose methods build what a policy handles.</summary>
            public bool IsPolicyBuilder(ITypeSymbol? type) => policyBuilders.Any(known => KnownRetrySymbols.Is(type, known));
        }
    }
}
