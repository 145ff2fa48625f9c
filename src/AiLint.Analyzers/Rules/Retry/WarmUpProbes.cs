using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>Warm-up and liveness probes inside a hand-written retry: the answer is dropped and the request is fixed text.</summary>
    internal static class WarmUpProbes
    {
        /// <summary>
        /// A warm-up or liveness probe: <c>try { await chat.GetResponseAsync("ping"); break; } catch (HttpRequestException) { await Task.Delay(d); }</c>.
        /// The answer is thrown away and the request is built from constants only, so the app keeps nothing a second
        /// sample could change and sends nothing of its own: the same "not a retry" as the warm-up loop without a
        /// <c>try</c> (docs/rules/AIL0001.md, "Sampling, evaluation and shrinking").
        /// </summary>
        public static bool IsDiscardedProbe(IInvocationOperation invocation, LlmCall llmCall)
        {
            // Only a plain SDK chat call: an agent run, a Semantic Kernel function or a project method may act (run tools,
            // store, send) whatever happens to the answer.
            if (invocation.TargetMethod.ReturnsVoid
                || llmCall.Sdk is not (LlmSdk.OpenAI or LlmSdk.Anthropic or LlmSdk.MicrosoftExtensionsAI or LlmSdk.Ollama
                    or LlmSdk.AzureOpenAIBeta or LlmSdk.AzureAIInference or LlmSdk.Betalgo or LlmSdk.OpenAIApi))
            {
                return false;
            }

            // The call (or its await) is a statement of its own: nothing reads the answer.
            var parent = invocation.Parent;
            while (parent is IAwaitOperation or IConversionOperation || parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
            {
                parent = parent.Parent;
            }

            if (parent is not IExpressionStatementOperation)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                // The receiver of an extension (`chat.GetResponseAsync("ping")`) is not part of the request.
                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || (invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
                    || (argument.Value.Type is { } type && type.ToDisplayString() == "System.Threading.CancellationToken"))
                {
                    continue;
                }

                if (!BuiltFromConstants(argument.Value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A constant, or an object, array or collection made only of constants and static members (<c>ChatRole.User</c>).</summary>
        private static bool BuiltFromConstants(IOperation value)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation or IParameterReferenceOperation or IInvocationOperation or IAwaitOperation or IAnonymousFunctionOperation:
                        return false;

                    // `this`, but not the implicit receiver of an object initializer (`new ChatOptions { ModelId = "x" }`).
                    case IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ImplicitReceiver }:
                        return false;
                    case IMemberReferenceOperation { Instance: not null } member when member.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        return false;
                    case IFieldReferenceOperation { Field.IsStatic: true, Field.IsConst: false, Field.IsReadOnly: false }:
                        return false;
                }
            }

            return true;
        }
    }
}
