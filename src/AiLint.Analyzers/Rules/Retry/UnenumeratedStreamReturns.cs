using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A retried delegate that only makes a stream and hands it back unread (review 78 FP-1, minerva2's
    /// <c>stream = await pipeline.ExecuteAsync(ct => ValueTask.FromResult(_client.CompleteChatStreamingAsync(m, o, ct)), ct);
    /// await foreach (var u in stream) ...</c>): the request goes out on the stream's first <c>MoveNextAsync</c>, which runs
    /// after the retry has returned, so a failure of it is never retried and nothing is sent again (AIL0002's "making a
    /// stream sends nothing", as <see cref="OnceCreatedEnumerators"/> reads it for hand-written loops).
    /// </summary>
    /// <remarks>
    /// All of these must hold, or the call stays reported:
    /// <list type="bullet">
    /// <item>The call returns an <c>IAsyncEnumerable&lt;T&gt;</c> that sends nothing until enumerated. Measured with a
    /// counting transport (0 requests after the call and after <c>GetAsyncEnumerator</c>, 1 after <c>MoveNextAsync</c>):
    /// OpenAI <c>CompleteChatStreamingAsync</c> (an <c>AsyncCollectionResult</c>), Microsoft.Extensions.AI
    /// <c>GetStreamingResponseAsync</c> (the OpenAI adapter and <c>FunctionInvokingChatClient</c>), Anthropic
    /// <c>Messages.CreateStreaming</c>, Semantic Kernel <c>GetStreamingChatMessageContentsAsync</c> (OpenAI connector),
    /// OllamaSharp <c>ChatAsync</c>/<c>GenerateAsync</c>, Agent Framework <c>RunStreamingAsync</c>. Streaming calls that
    /// return a task send when called (OpenAI 2.15's <c>CreateResponseStreamingAsync</c> sent its request before being
    /// awaited; Azure.AI.OpenAI 1.0 betas, Azure.AI.Inference, raw <c>ResponseHeadersRead</c> sends): not this shape.
    /// A method of the project, <c>[LlmCall]</c> or configured method counts only when it is an async iterator (the
    /// compiler runs none of its body before the first <c>MoveNextAsync</c>).</item>
    /// <item>The call's value goes straight to a <c>return</c> of the retried lambda: returned as is, through
    /// <c>ValueTask.FromResult</c>/<c>Task.FromResult</c>/<c>new ValueTask&lt;T&gt;(...)</c>, or through a local that
    /// nothing but such returns reads. A stream enumerated, or whose <c>MoveNextAsync</c> is called, in the delegate is
    /// sent there and stays reported.</item>
    /// <item>The retry receives the value as an unconstrained type parameter (<c>Func&lt;CancellationToken,
    /// ValueTask&lt;TResult&gt;&gt;</c> of Polly, <c>Func&lt;Task&lt;T&gt;&gt;</c> of a generic helper): it cannot
    /// enumerate what it does not know is a stream. A helper taking <c>Func&lt;IAsyncEnumerable&lt;T&gt;&gt;</c> may
    /// enumerate it inside its own retry loop, so it stays reported.</item>
    /// </list>
    /// </remarks>
    internal static class UnenumeratedStreamReturns
    {
        /// <summary>True when the retry around <paramref name="call"/> only makes its stream and hands it out unread.</summary>
        public static bool OnlyMadeByRetry(IInvocationOperation call, LlmCall llmCall, RetryContext retry)
        {
            return llmCall.Kind == LlmCallKind.Streaming
                && retry.Region is IAnonymousFunctionOperation lambda
                && RetryCannotReadResult(lambda)
                && SendsOnlyWhenEnumerated(call.TargetMethod, llmCall)
                && FlowsOnlyToReturn(call, lambda, followLocal: true);
        }

        private static bool SendsOnlyWhenEnumerated(IMethodSymbol method, LlmCall llmCall)
        {
            if (!CollectedStreams.IsAsyncStream(method.ReturnType))
            {
                return false;
            }

            return llmCall.Sdk switch
            {
                LlmSdk.Project or LlmSdk.Referenced or LlmSdk.Annotated or LlmSdk.Configured or LlmSdk.Http or LlmSdk.None => IsAsyncIterator(method),
                _ => true,
            };
        }

        /// <summary>An async iterator: in source an <c>async</c> method returning a stream, in metadata its state-machine attribute.</summary>
        private static bool IsAsyncIterator(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.Length > 0)
            {
                return method.IsAsync;
            }

            return method.GetAttributes().Any(a => a.AttributeClass is { Name: "AsyncIteratorStateMachineAttribute" } attribute
                && attribute.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices");
        }

        /// <summary>The lambda is passed where the retry sees its result only as <c>T</c>, <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
        private static bool RetryCannotReadResult(IAnonymousFunctionOperation lambda)
        {
            var current = lambda.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current is not IArgumentOperation { Parameter: { } parameter }
                || parameter.OriginalDefinition.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke })
            {
                return false;
            }

            var returned = invoke.ReturnType;
            if (returned is INamedTypeSymbol { Arity: 1, Name: "Task" or "ValueTask" } task
                && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                returned = task.TypeArguments[0];
            }

            return returned is ITypeParameterSymbol { ConstraintTypes.Length: 0 };
        }

        /// <summary>
        /// <paramref name="value"/> reaches a <c>return</c> of <paramref name="lambda"/> itself, seen through conversions and
        /// the task wrappers; with <paramref name="followLocal"/>, also through a local of the lambda every read of which does.
        /// </summary>
        private static bool FlowsOnlyToReturn(IOperation value, IAnonymousFunctionOperation lambda, bool followLocal)
        {
            var current = value;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                        current = parent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation wrapper } when IsFromResult(wrapper.TargetMethod):
                        current = wrapper;
                        continue;
                    case IArgumentOperation { Parent: IObjectCreationOperation creation } when IsValueTask(creation.Type) && creation.Arguments.Length == 1:
                        current = creation;
                        continue;
                    case IReturnOperation @return:
                        return ReturnsFrom(@return, lambda);
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when followLocal:
                        return OnlyReturned(declarator.Symbol, lambda);
                    default:
                        return false;
                }
            }
        }

        /// <summary>Every reference to <paramref name="local"/> in the lambda is a value it returns (no second write, no other read).</summary>
        private static bool OnlyReturned(ILocalSymbol local, IAnonymousFunctionOperation lambda)
        {
            var references = lambda.Body.Descendants().OfType<ILocalReferenceOperation>()
                .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local)).ToList();
            return references.Count > 0 && references.All(r => FlowsOnlyToReturn(r, lambda, followLocal: false));
        }

        private static bool ReturnsFrom(IReturnOperation @return, IAnonymousFunctionOperation lambda)
        {
            for (var parent = @return.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return parent == lambda;
                }
            }

            return false;
        }

        private static bool IsFromResult(IMethodSymbol method) =>
            method is { Name: "FromResult", IsStatic: true, Parameters.Length: 1 }
            && method.ContainingType is { Name: "Task" or "ValueTask", Arity: 0 } type
            && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        private static bool IsValueTask(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Name: "ValueTask", Arity: 1 } valueTask
            && valueTask.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
    }
}
