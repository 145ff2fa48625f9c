using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The <c>next</c> delegate of inline middleware: <c>ChatClientBuilder.Use(async (messages, options, next, ct) =&gt; ...)</c>
    /// (Microsoft.Extensions.AI) and <c>AIAgentBuilder.Use(async (messages, session, options, next, ct) =&gt; ...)</c> (Agent
    /// Framework). Calling <c>next(...)</c> runs the rest of the client or agent pipeline, down to the model, so a retry
    /// around it re-sends the request like a retry around <c>GetResponseAsync</c> or <c>RunAsync</c>.
    /// </summary>
    /// <remarks>
    /// Only a lambda written in the <c>Use</c> call is recognised (the parameter must belong to the lambda the call
    /// receives); a method group passed to <c>Use</c> is not followed. The shared function runs for streaming and
    /// non-streaming requests alike, so the call counts as a generation. Used by the retry rules only: a method that
    /// registers middleware does not itself call a model, so the project call graph does not see these calls.
    /// </remarks>
    internal sealed class MiddlewareNextCalls
    {
        private readonly INamedTypeSymbol? chatClientBuilder;
        private readonly INamedTypeSymbol? agentBuilder;

        public MiddlewareNextCalls(KnownRetrySymbols symbols)
        {
            chatClientBuilder = symbols.ChatClientBuilder;
            agentBuilder = symbols.AIAgentBuilder;
        }

        /// <summary>
        /// Cheap test on the method alone, when one of the builders is referenced: the Invoke of a delegate shaped like
        /// <c>next</c> (3 or 4 parameters, the last a cancellation token), so that other delegate calls cost nothing.
        /// </summary>
        public bool IsCandidate(IMethodSymbol method) =>
            method.MethodKind == MethodKind.DelegateInvoke
            && (chatClientBuilder is not null || agentBuilder is not null)
            && method.Parameters.Length is 3 or 4
            && method.Parameters[method.Parameters.Length - 1].Type is { Name: "CancellationToken" };

        /// <summary>
        /// A lambda passed to a builder's <c>Use</c> (either builder, any overload, the Agent Framework's
        /// function-invocation extension included) that runs per request: its last parameter is a cancellation token.
        /// Registering it runs nothing, so a loop or pipeline around the registration (a startup loop that retries
        /// building the client) does not retry the calls inside it.
        /// </summary>
        public bool RunsPerRequest(IAnonymousFunctionOperation lambda)
        {
            if ((chatClientBuilder is null && agentBuilder is null)
                || lambda.Symbol.Parameters.Length == 0
                || lambda.Symbol.Parameters[lambda.Symbol.Parameters.Length - 1].Type is not { Name: "CancellationToken" }
                || (lambda.Parent is IDelegateCreationOperation creation ? creation.Parent : lambda.Parent) is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Use" } use } })
            {
                return false;
            }

            ITypeSymbol builder = use.IsExtensionMethod && use.Parameters.Length > 0 ? use.Parameters[0].Type : use.ContainingType;
            return KnownRetrySymbols.Is(builder, chatClientBuilder) || KnownRetrySymbols.Is(builder, agentBuilder);
        }

        public LlmCall Recognize(IInvocationOperation invocation)
        {
            if (!IsCandidate(invocation.TargetMethod)
                || invocation.Instance is null
                || ValueOrigins.Unwrap(invocation.Instance) is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda } next })
            {
                return LlmCall.None;
            }

            // The lambda that declares `next`, then the Use call it is passed to.
            IOperation? current = invocation;
            while (current is not null && !(current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda)))
            {
                current = current.Parent;
            }

            var argument = current?.Parent is IDelegateCreationOperation creation ? creation.Parent as IArgumentOperation : null;
            if (argument?.Parent is not IInvocationOperation { TargetMethod: { Name: "Use", Parameters.Length: 1 } } use)
            {
                return LlmCall.None;
            }

            var builder = use.TargetMethod.ContainingType?.OriginalDefinition;

            // (messages, options, next, ct) for a chat client; (messages, session, options, next, ct) for an agent.
            if (KnownRetrySymbols.Is(builder, chatClientBuilder) && lambda.Parameters.Length == 4 && next.Ordinal == 2)
            {
                return new LlmCall(LlmCallKind.Generation, LlmSdk.MicrosoftExtensionsAI, invocation.TargetMethod);
            }

            if (KnownRetrySymbols.Is(builder, agentBuilder) && lambda.Parameters.Length == 5 && next.Ordinal == 3)
            {
                return new LlmCall(LlmCallKind.Generation, LlmSdk.AgentFramework, invocation.TargetMethod);
            }

            return LlmCall.None;
        }
    }
}
