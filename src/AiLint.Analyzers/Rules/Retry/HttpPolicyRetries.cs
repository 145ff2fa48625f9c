using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Microsoft.Extensions.Http.Polly's handlers: <c>AddTransientHttpErrorPolicy(p =&gt; p.WaitAndRetryAsync(...))</c> and
    /// <c>AddPolicyHandler(policy)</c> with a visible Polly v7 retry policy. The handler re-sends the request, whatever
    /// its method, so a POST to a model is sent again on every failure the policy handles.
    /// </summary>
    /// <remarks>
    /// Precision first (docs/rules/AIL0001.md): <c>AddTransientHttpErrorPolicy</c> always handles 5xx, 408 and network
    /// errors, so a retry made from its builder is a retry of a processed request. For <c>AddPolicyHandler</c> the policy
    /// must be built visibly (inline, in a local or field, or returned by a one-return helper in the project) as a
    /// <c>Polly.Retry</c> policy whose every <c>Handle*</c>/<c>Or*</c> link AiLint can read, and not only for 429. Silent
    /// for a policy selector (<c>AddPolicyHandler(request =&gt; ...)</c>, the documented way to retry only GETs), a
    /// registry lookup, a wrap, a policy from a parameter or DI, and a retry count of 0.
    /// </remarks>
    internal sealed class HttpPolicyRetries
    {
        private const int MaxDepth = 8;

        private readonly Compilation compilation;
        private readonly RateLimitOnlyRetries rateLimits;

        public HttpPolicyRetries(Compilation compilation)
        {
            this.compilation = compilation;
            rateLimits = new RateLimitOnlyRetries(compilation);
        }

        /// <summary>The handler added by <paramref name="invocation"/> re-sends requests other than rate-limited ones.</summary>
        public bool RetriesPosts(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1 && a.ArgumentKind == ArgumentKind.Explicit);
            if (argument?.Parameter is not { } parameter)
            {
                return false;
            }

            switch (invocation.TargetMethod.Name)
            {
                case "AddTransientHttpErrorPolicy":
                    // p => p.WaitAndRetryAsync(...): the builder handles 5xx, 408 and HttpRequestException, never 429 alone.
                    return ValueOrigins.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                        && SingleReturnedValue(lambda.Body) is { } returned
                        && ValueOrigins.Trace(returned, compilation, cancellationToken) is IInvocationOperation policy
                        && IsRetryCreation(policy)
                        && ChainStartsAt(policy, lambda.Symbol.Parameters.FirstOrDefault(), cancellationToken);
                case "AddPolicyHandler":
                    // The overloads taking a selector (request => ..., (services, request) => ...) are not followed.
                    return parameter.Type.TypeKind != TypeKind.Delegate && IsPostRetryingPolicy(argument.Value, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>
        /// A policy value (an <c>AddPolicyHandler</c> argument, or the policy a <c>new PolicyHttpMessageHandler(policy)</c> is
        /// given, <see cref="ComposedPolicyHandlers"/>) visibly built as a retry that handles more than rate limits.
        /// </summary>
        public bool IsPostRetryingPolicy(IOperation policy, CancellationToken cancellationToken) =>
            PolicyOrigin(policy, cancellationToken) is IInvocationOperation created
            && IsRetryCreation(created)
            && HandlesMoreThanRateLimits(created, cancellationToken);

        /// <summary>A <c>Polly.Retry</c> policy creation (<c>WaitAndRetryAsync</c>, <c>RetryAsync</c>, ...) that retries at least once.</summary>
        private static bool IsRetryCreation(IInvocationOperation creation) =>
            (creation.Type ?? creation.TargetMethod.ReturnType).ContainingNamespace?.ToDisplayString() == "Polly.Retry"
            && !(creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "retryCount" && a.ArgumentKind == ArgumentKind.Explicit) is { } count
                 && ValueOrigins.ConstantInt(count.Value) == 0);

        /// <summary>The policy built right there, in a local or field, or returned by a one-return method of the project.</summary>
        private IOperation PolicyOrigin(IOperation value, CancellationToken cancellationToken)
        {
            var origin = ValueOrigins.Trace(value, compilation, cancellationToken);
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                if (origin is not IInvocationOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } call
                    || !SourceBodies.IsInSource(call.TargetMethod, compilation)
                    || SourceBodies.GetBodies(call.TargetMethod, compilation, cancellationToken).ToList() is not { Count: 1 } bodies
                    || Body(bodies[0]) is not { } body
                    || SingleReturnedValue(body) is not { } returned)
                {
                    return origin;
                }

                origin = ValueOrigins.Trace(returned, compilation, cancellationToken);
            }

            return origin;
        }

        private static IBlockOperation? Body(IOperation body) => body switch
        {
            IMethodBodyOperation method => method.BlockBody ?? method.ExpressionBody,
            ILocalFunctionOperation local => local.Body ?? local.IgnoredBody,
            IBlockOperation block => block,
            _ => null,
        };

        /// <summary>The value of the body's only <c>return</c>, when it is the body's last statement.</summary>
        private static IOperation? SingleReturnedValue(IBlockOperation body)
        {
            if (body.Operations.Length == 0 || body.Operations[body.Operations.Length - 1] is not IReturnOperation { ReturnedValue: { } value })
            {
                return null;
            }

            return body.Operations.Count(o => o is IReturnOperation) == 1 ? value : null;
        }

        /// <summary>The policy builder chain under the retry leads back to the lambda's <c>PolicyBuilder</c> parameter.</summary>
        private bool ChainStartsAt(IInvocationOperation creation, IParameterSymbol? builder, CancellationToken cancellationToken)
        {
            var current = ValueOrigins.Receiver(creation);
            for (var depth = 0; current is not null && depth < MaxDepth; depth++)
            {
                current = ValueOrigins.Trace(current, compilation, cancellationToken);
                if (current is IParameterReferenceOperation reference)
                {
                    return SymbolEqualityComparer.Default.Equals(reference.Parameter, builder);
                }

                // p.OrResult(r => ...).WaitAndRetryAsync(...): more handled outcomes, still 5xx and network errors.
                if (current is not IInvocationOperation { TargetMethod.Name: "Or" or "OrResult" or "OrInner" } link)
                {
                    return false;
                }

                current = ValueOrigins.Receiver(link);
            }

            return false;
        }

        /// <summary>
        /// Every link of the builder chain (<c>HandleTransientHttpError()</c>, <c>Policy.Handle&lt;T&gt;()</c>,
        /// <c>HandleResult(r =&gt; ...)</c>, <c>.Or...</c>) is readable, and one of them admits more than a 429.
        /// </summary>
        private bool HandlesMoreThanRateLimits(IInvocationOperation creation, CancellationToken cancellationToken)
        {
            var moreThanRateLimits = false;
            var current = ValueOrigins.Receiver(creation);
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                if (current is null || ValueOrigins.Trace(current, compilation, cancellationToken) is not IInvocationOperation link
                    || link.TargetMethod.ContainingNamespace?.ToDisplayString() is not ("Polly" or "Polly.Extensions.Http"))
                {
                    return false;
                }

                var method = link.TargetMethod;
                switch (method.Name)
                {
                    case "HandleTransientHttpError" or "OrTransientHttpError" or "OrTransientHttpStatusCode" or "HandleInner" or "OrInner":
                        moreThanRateLimits = true;
                        break;
                    case "Handle" or "Or" or "HandleResult" or "OrResult":
                        var exceptionType = method.Name is "Handle" or "Or" && method.TypeArguments.Length == 1 ? method.TypeArguments[0] : null;
                        var predicate = link.Arguments.FirstOrDefault(a => a.Parameter?.Type.TypeKind == TypeKind.Delegate && a.ArgumentKind == ArgumentKind.Explicit);
                        moreThanRateLimits |= !rateLimits.IsRateLimitPredicate(exceptionType, predicate?.Value);
                        break;
                    default:
                        return false;
                }

                // The chain starts at a static Policy.Handle... / HttpPolicyExtensions.HandleTransientHttpError().
                if (method.Name.StartsWith("Handle", System.StringComparison.Ordinal))
                {
                    return moreThanRateLimits;
                }

                current = ValueOrigins.Receiver(link);
            }

            return false;
        }
    }
}
