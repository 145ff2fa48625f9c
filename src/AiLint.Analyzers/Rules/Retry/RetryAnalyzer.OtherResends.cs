using System.Collections.Generic;
using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // The re-sends that are not an LLM call inside retried code: an HTTP resilience handler registered on an LLM
    // client, a hand-written hedge (Task.WhenAny over copies of one request), a method group handed to a retry pipeline.
    public sealed partial class RetryAnalyzer
    {
        /// <summary>
        /// AIL0001 at <c>AddStandardResilienceHandler</c> / <c>AddResilienceHandler</c> when the handler re-sends the
        /// POSTs of an HttpClient used for LLM calls (see <see cref="HttpResilienceRetries"/>).
        /// </summary>
        private static void AnalyzeHttpResilience(IInvocationOperation invocation, MemberBlocksContext context, HttpResilienceRetries httpRetries)
        {
            if (httpRetries.Analyze(invocation, context.CancellationToken) is not { } finding)
            {
                return;
            }

            var properties = finding.FixKind is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(RetryDiagnosticProperties.HttpRetryFix, finding.FixKind);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0001, NameLocation(invocation), properties, finding.Client, finding.Handler));
        }

        /// <summary>
        /// AIL0001 at <c>new PolicyHttpMessageHandler(retryPolicy)</c> when the HttpClient built on it is an LLM client's
        /// transport (see <see cref="ComposedPolicyHandlers"/>). No fix: the policy is the project's own.
        /// </summary>
        private static void AnalyzeComposedHandler(IObjectCreationOperation creation, MemberBlocksContext context, ComposedPolicyHandlers handlers)
        {
            if (!handlers.RetriesLlmPosts(creation, context.CancellationToken))
            {
                return;
            }

            var location = creation.Syntax is ObjectCreationExpressionSyntax { Type: var type } ? type.GetLocation() : creation.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0001, location, "HttpClient", "PolicyHttpMessageHandler"));
        }

        /// <summary>
        /// AIL0001 on each copy of a generation request raced with <c>Task.WhenAny</c> (see <see cref="HandWrittenHedging"/>),
        /// unless a retry already re-runs the call (reported above) or the copies carry an idempotency key.
        /// </summary>
        private static void AnalyzeHedging(MemberBlocksContext context, CompilationState state, List<IInvocationOperation> races)
        {
            HashSet<SyntaxNode>? reported = null;
            foreach (var race in races)
            {
                foreach (var (call, hedge) in HandWrittenHedging.Find(race, state.Recognizer, context.Compilation, context.CancellationToken))
                {
                    if (reported?.Contains(call.Syntax) == true
                        || state.Finder.Find(call, context.OwningSymbol as IMethodSymbol, context.CancellationToken) is not null
                        || state.Keys.Analyze(call, hedge, context.CancellationToken).Keyed)
                    {
                        continue;
                    }

                    (reported ??= new HashSet<SyntaxNode>()).Add(call.Syntax);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0001, NameLocation(call), call.TargetMethod.Name, hedge.Name));
                }
            }
        }

        /// <summary>
        /// <c>pipeline.ExecuteAsync(CallModelAsync, ct)</c>: the method group is the retried LLM call. No argument can
        /// carry a key, so a generation gets AIL0001 (without a fix) and a stream AIL0002.
        /// </summary>
        private static void AnalyzeMethodGroup(IMethodReferenceOperation reference, MemberBlocksContext context, CompilationState state)
        {
            if (!MayBeLlmCall(reference.Method, context.Compilation, state))
            {
                return;
            }

            if (state.Finder.FindForMethodGroup(reference, context.CancellationToken) is not { } retry)
            {
                return;
            }

            var llmCall = state.Recognizer.Recognize(reference.Method, context.CancellationToken);
            if (!llmCall.IsLlmCall || state.Swallowed.CannotResend(reference, llmCall, retry, context.CancellationToken))
            {
                return;
            }

            var syntax = reference.Syntax switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                _ => reference.Syntax,
            };
            var location = syntax is SimpleNameSyntax name ? name.Identifier.GetLocation() : syntax.GetLocation();
            var descriptor = llmCall.Kind == LlmCallKind.Streaming ? Descriptors.AIL0002 : Descriptors.AIL0001;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, reference.Method.Name, retry.Name));
        }
    }
}
