using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A lambda, delegate parameter or method group handed to a Polly <c>Execute*</c> or a project retry helper: the retry
    /// that runs it.
    /// </summary>
    internal sealed partial class RetryContextFinder
    {
        /// <summary>
        /// The retry that runs a method group handed to it as the callback (<c>pipeline.ExecuteAsync(CallModelAsync, ct)</c>).
        /// </summary>
        public RetryContext? FindForMethodGroup(IMethodReferenceOperation reference, CancellationToken cancellationToken) =>
            CallbackContext(reference, reference, cancellationToken);

        /// <summary>
        /// The retry that runs <paramref name="callback"/> (a lambda or a delegate parameter reference) when it is
        /// passed to a Polly <c>Execute*</c> or a project retry helper.
        /// </summary>
        private RetryContext? CallbackContext(IOperation callback, IOperation region, CancellationToken cancellationToken)
        {
            var context = CallbackRetry(callback, region, cancellationToken, out var perAttempt);

            // `RetryWithBackoffAsync(async attempt => ...)`: the helper hands the callback the attempt; the same request
            // goes again unless the callback uses it to change the request (see PerAttemptArguments).
            return context is not null && perAttempt is not null && !PerAttemptArguments.IgnoredBy(callback, perAttempt, compilation, cancellationToken)
                ? null
                : context;
        }

        /// <summary>
        /// As <see cref="CallbackContext"/>, without judging the callback: <paramref name="perAttempt"/> receives the
        /// ordinals of the callback's parameters that a retry helper hands a per-attempt value (null when none).
        /// </summary>
        private RetryContext? CallbackRetry(IOperation callback, IOperation region, CancellationToken cancellationToken, out int[]? perAttempt)
        {
            perAttempt = null;
            var current = callback.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current is not IArgumentOperation { Parameter: { } parameter } argument || argument.Parent is not IInvocationOperation invocation)
            {
                return null;
            }

            if (parameter.OriginalDefinition.Type.TypeKind != TypeKind.Delegate)
            {
                return null;
            }

            var anchor = AnchorOf(invocation.Syntax);
            if (polly.IsPipelineExecute(invocation))
            {
                var shape = polly.ClassifyPipeline(invocation.Instance, cancellationToken);
                return shape.Retries
                    ? new RetryContext(RetryKind.PollyPipeline, invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, region, anchor, shape.Attempts, shape.Unbounded)
                    : null;
            }

            if (polly.IsPolicyExecute(invocation))
            {
                var receiver = ValueOrigins.Receiver(invocation);
                var shape = polly.ClassifyPolicy(receiver, cancellationToken);
                var typeName = (receiver is null ? null : ValueOrigins.Unwrap(receiver).Type?.Name) ?? invocation.TargetMethod.ContainingType.Name;
                return shape.Retries
                    ? new RetryContext(RetryKind.PollyPolicy, typeName + "." + invocation.TargetMethod.Name, region, anchor, shape.Attempts, shape.Unbounded)
                    : null;
            }

            return HelperContext(invocation, parameter, region, anchor, cancellationToken, out perAttempt);
        }
    }
}
