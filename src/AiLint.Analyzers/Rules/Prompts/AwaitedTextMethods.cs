using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Async methods whose awaited result is text: <c>async Task&lt;string&gt;</c> and <c>async ValueTask&lt;string&gt;</c>.
    /// Their <c>return</c> statements give strings, exactly as a <c>string</c> method's do, so an awaited call of one
    /// (<c>var systemPrompt = await BuildSystemPromptAsync(ChatSystemPrompt, profile, ct);</c>, review73 valora) is followed
    /// by <see cref="PromptFlow"/> to what it returns. Only <c>async</c> methods: a method that hands back a task it did
    /// not build from its own returns (<c>=&gt; cache.GetAsync(key)</c>, <c>Task.FromResult(...)</c>) says nothing of the text.
    /// The task types are resolved once per compilation.
    /// </summary>
    internal sealed class AwaitedTextMethods
    {
        private readonly INamedTypeSymbol? taskOfT;
        private readonly INamedTypeSymbol? valueTaskOfT;

        public AwaitedTextMethods(Compilation compilation)
        {
            taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        }

        /// <summary>An <c>async</c> method returning <c>Task&lt;string&gt;</c> or <c>ValueTask&lt;string&gt;</c>.</summary>
        public bool IsAsyncTextMethod(IMethodSymbol method) =>
            method.IsAsync
            && method.ReturnType is INamedTypeSymbol { IsGenericType: true } returned
            && returned.TypeArguments.Length == 1
            && returned.TypeArguments[0].SpecialType == SpecialType.System_String
            && (KnownPromptSymbols.Is(returned, taskOfT) || KnownPromptSymbols.Is(returned, valueTaskOfT));

        /// <summary>
        /// The call an <c>await</c> waits for when it is a call of an async text method (<see cref="IsAsyncTextMethod"/>),
        /// through <c>.ConfigureAwait(...)</c>; null otherwise.
        /// </summary>
        public IInvocationOperation? AwaitedCall(IOperation? operation) =>
            AwaitedInvocation(operation) is { } call && IsAsyncTextMethod(call.TargetMethod.OriginalDefinition) ? call : null;

        /// <summary>The call an <c>await</c> waits for (<c>await F(...)</c>, <c>await F(...).ConfigureAwait(false)</c>), of any method; null otherwise.</summary>
        public static IInvocationOperation? AwaitedInvocation(IOperation? operation)
        {
            if (operation == null || !(KnownPromptSymbols.Unwrap(operation) is IAwaitOperation awaited))
            {
                return null;
            }

            var call = KnownPromptSymbols.Unwrap(awaited.Operation) as IInvocationOperation;
            return call is { TargetMethod: { Name: "ConfigureAwait", ContainingType.ContainingNamespace: { } tasks }, Instance: { } configured }
                && tasks.ToDisplayString() == "System.Threading.Tasks"
                ? KnownPromptSymbols.Unwrap(configured) as IInvocationOperation
                : call;
        }
    }
}
