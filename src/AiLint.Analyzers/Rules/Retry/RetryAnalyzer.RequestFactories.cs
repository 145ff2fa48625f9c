using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // A caller's request factory re-run by its helper's retry (RequestFactoryRetries): reported at the caller's lambda,
    // because the helper's own send is shared by generation and non-generation callers.
    public sealed partial class RetryAnalyzer
    {
        /// <summary>
        /// AIL0001 at each lambda argument of <paramref name="call"/> (a method of this compilation) that builds a POST to a
        /// generation endpoint for a factory parameter the helper calls and sends on every attempt of a retry. No fix: the
        /// key belongs in the lambda's request, which the code fix does not write.
        /// </summary>
        private static void AnalyzeRequestFactories(IInvocationOperation call, MemberBlocksContext context, CompilationState state)
        {
            foreach (var argument in call.Arguments)
            {
                // The cheap syntax-free test first, so that the recognizer is built only for delegate arguments.
                if (argument.Parameter is not { Type.TypeKind: TypeKind.Delegate } parameter
                    || ValueOrigins.Unwrap(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation }
                    || state.RequestFactories.Value.FactoryLambda(argument) is not { } lambda
                    || state.RequestFactories.Value.RetriedSend(parameter, state.Finder, context.CancellationToken) is not { } factorySend
                    || !state.RequestFactories.Value.BuildsGenerationPost(lambda, context.CancellationToken))
                {
                    continue;
                }

                var send = new LlmCall(LlmCallKind.Generation, LlmSdk.Http, factorySend.Send.TargetMethod);
                if (state.Swallowed.CannotResend(factorySend.Send, send, factorySend.Retry, context.CancellationToken))
                {
                    continue;
                }

                var helper = (IMethodSymbol)parameter.ContainingSymbol;
                var retryName = factorySend.Retry.Name + " in " + helper.ContainingType.Name + "." + helper.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0001, argument.Syntax.GetLocation(), factorySend.Send.TargetMethod.Name, retryName));
            }
        }
    }
}
