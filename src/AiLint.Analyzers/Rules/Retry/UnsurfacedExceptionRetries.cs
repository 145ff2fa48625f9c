using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Retries that go round only on exceptions the retried SDK call cannot surface (review 78 FP-2, Bardin08/RAGFramework):
    /// <c>Policy.Handle&lt;HttpRequestException&gt;(ex =&gt; ex.StatusCode == ...).WaitAndRetryAsync(...)</c> around OpenAI's
    /// <c>CompleteChatAsync</c>. The SDK turns every transport failure into its own exception
    /// (<see cref="SdkSurfacedExceptions"/>), so once the request is sent nothing the retry handles can come out of the
    /// attempt: the retry never re-sends it, and its attempts do not multiply with the SDK's.
    /// </summary>
    /// <remarks>
    /// Answered only when all of these hold, else the retry is kept:
    /// <list type="bullet">
    /// <item>every handled type is known and is <c>HttpRequestException</c> or derives from it: a Polly v7
    /// <c>Handle&lt;T&gt;</c>/<c>Or&lt;T&gt;</c> chain (<see cref="RetriedExceptions"/>), a v8 pipeline built in one visible
    /// chain (<see cref="PipelineHandledExceptions"/>), or the catches of a hand-written retry loop
    /// (<see cref="LoopHandledExceptions"/>);</item>
    /// <item>the retried call is a direct call of a measured SDK client (not a stream: a stream fails while it is read);</item>
    /// <item>nothing runs after the call in the attempt: its value leaves the retried code at once, possibly through reads
    /// of the SDK's result (<c>return (await chat.CompleteChatAsync(...)).Value.Content[0].Text;</c>), the retry23 way out
    /// (<see cref="SwallowedAttempts"/>); and no catch or finally between the call and the retried code can throw a
    /// handled type (<see cref="AttemptExits"/>).</item>
    /// </list>
    /// Code before the call may throw a handled type: the retry then re-runs code that has sent nothing yet.
    /// </remarks>
    internal sealed class UnsurfacedExceptionRetries
    {
        private readonly SdkSurfacedExceptions sdks;
        private readonly Compilation compilation;

        public UnsurfacedExceptionRetries(Compilation compilation)
        {
            this.compilation = compilation;
            sdks = new SdkSurfacedExceptions(compilation);
        }

        public bool CannotFire(IInvocationOperation call, LlmCall llmCall, RetryContext retry, CancellationToken cancellationToken)
        {
            if (llmCall.Kind == LlmCallKind.Streaming || sdks.HttpRequestException is not { } httpRequestException
                || !sdks.HidesHttpRequestException(call.TargetMethod))
            {
                return false;
            }

            if (Handled(call, retry, cancellationToken) is not { IsDefaultOrEmpty: false } handled
                || !handled.All(type => type.TypeKind != TypeKind.Error && ProjectThrows.DerivesFrom(type, httpRequestException)))
            {
                return false;
            }

            var sdkAssembly = call.TargetMethod.ContainingAssembly;
            var top = AttemptExits.AfterResultReads(call, sdkAssembly);
            return SwallowedAttempts.ReturnsDirectly(top, retry.Region)
                && !AttemptExits.HandlersMayThrow(call, retry.Region, handled, sdkAssembly);
        }

        private ImmutableArray<ITypeSymbol>? Handled(IInvocationOperation call, RetryContext retry, CancellationToken cancellationToken)
        {
            switch (retry.Kind)
            {
                case RetryKind.PollyPolicy:
                    return RetriedExceptions.Of(retry, compilation, cancellationToken);
                case RetryKind.PollyPipeline:
                    return ExecuteCall(retry.Region) is { } execute ? PipelineHandledExceptions.Of(execute, compilation, cancellationToken) : null;
                case RetryKind.Loop when !retry.AfterFailedStatus:
                    return LoopHandledExceptions.Of(call, retry.Region);
                default:
                    return null;
            }
        }

        /// <summary>The <c>ExecuteAsync</c> call the retried lambda is handed to.</summary>
        private static IInvocationOperation? ExecuteCall(IOperation region)
        {
            var current = region.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation or IAnonymousFunctionOperation)
            {
                current = current.Parent;
            }

            return current is IArgumentOperation { Parent: IInvocationOperation execute } ? execute : null;
        }
    }
}
