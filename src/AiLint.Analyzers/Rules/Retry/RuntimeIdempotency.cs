using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The AiLint.Runtime package's two ways to make an LLM call idempotent (issue 17), as AIL0001 key evidence:
    /// <list type="bullet">
    /// <item>The call runs inside <c>IdempotentCalls.RunOnceAsync(key, ...)</c>, itself inside the retried code: the key
    /// is RunOnceAsync's <c>key</c> argument.</item>
    /// <item>An <c>IChatClient</c> call whose options carry <c>.WithIdempotencyKey(key)</c>, on a client built with
    /// <c>.UseIdempotency(...)</c> (or a <c>new IdempotentChatClient(...)</c>), or whose construction the code does not
    /// show (injected). A client visibly built without the decorator ignores the key, so it does not count.</item>
    /// </list>
    /// The key values found go through the usual AIL0004 check: a key created inside the retried code is still fresh.
    /// Recognised by metadata name; <see cref="TryCreate"/> returns null (and costs nothing more) when the package is
    /// not referenced.
    /// </summary>
    internal sealed class RuntimeIdempotency
    {
        private const string Namespace = "AiLint.Runtime.";

        /// <summary>The value of <c>IdempotentChatClient.KeyPropertyName</c>, the ChatOptions entry that carries the key.</summary>
        private const string KeyPropertyName = "ailint.idempotency_key";

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol idempotentCalls;
        private readonly INamedTypeSymbol? optionsExtensions;
        private readonly INamedTypeSymbol? builderExtensions;
        private readonly INamedTypeSymbol? idempotentChatClient;
        private readonly INamedTypeSymbol? chatOptions;
        private readonly INamedTypeSymbol? chatClientBuilder;

        private RuntimeIdempotency(Compilation compilation, INamedTypeSymbol idempotentCalls)
        {
            this.compilation = compilation;
            this.idempotentCalls = idempotentCalls;
            optionsExtensions = compilation.GetTypeByMetadataName(Namespace + "ChatOptionsIdempotencyExtensions");
            builderExtensions = compilation.GetTypeByMetadataName(Namespace + "IdempotencyChatClientBuilderExtensions");
            idempotentChatClient = compilation.GetTypeByMetadataName(Namespace + "IdempotentChatClient");
            chatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
            chatClientBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientBuilder");
        }

        public static RuntimeIdempotency? TryCreate(Compilation compilation) =>
            compilation.GetTypeByMetadataName(Namespace + "IdempotentCalls") is { } calls ? new RuntimeIdempotency(compilation, calls) : null;

        /// <summary>The key values that make <paramref name="call"/> idempotent through the runtime, if any.</summary>
        public IEnumerable<IOperation> Keys(IInvocationOperation call, RetryContext retry, CancellationToken cancellationToken)
        {
            // Only an enclosing RunOnceAsync inside the retried code: one outside it, or beside the call, does not
            // stop this call from running again.
            for (var parent = call.Parent; parent is not null && parent != retry.Region; parent = parent.Parent)
            {
                if (parent is IInvocationOperation runOnce && IsRunOnce(runOnce.TargetMethod) && Argument(runOnce, "key") is { } key)
                {
                    yield return key;
                }
            }

            if (chatOptions is null || optionsExtensions is null)
            {
                yield break;
            }

            foreach (var argument in call.Arguments)
            {
                if (KnownRetrySymbols.Is(argument.Parameter?.Type, chatOptions)
                    && OptionsKey(argument.Value, cancellationToken) is { } key
                    && ClientMayBeIdempotent(call, cancellationToken))
                {
                    yield return key;
                }
            }
        }

        private bool IsRunOnce(IMethodSymbol method) =>
            method.Name == "RunOnceAsync" && SymbolEqualityComparer.Default.Equals(method.ContainingType, idempotentCalls);

        private bool IsWithIdempotencyKey(IMethodSymbol method) =>
            method.Name == "WithIdempotencyKey" && SymbolEqualityComparer.Default.Equals(method.ContainingType, optionsExtensions);

        private static IOperation? Argument(IInvocationOperation invocation, string parameterName) =>
            invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameterName && a.ArgumentKind != ArgumentKind.DefaultValue)?.Value;

        /// <summary>
        /// The key given to the options passed: <c>new ChatOptions().WithIdempotencyKey(key)</c> inline, as a local's
        /// value, or a <c>options.WithIdempotencyKey(key);</c> statement on the local in the same body; or the
        /// documented <c>AdditionalProperties</c> entry set in the options' initializer or on the local.
        /// </summary>
        private IOperation? OptionsKey(IOperation options, CancellationToken cancellationToken)
        {
            switch (ValueOrigins.Trace(options, compilation, cancellationToken))
            {
                case IInvocationOperation origin when IsWithIdempotencyKey(origin.TargetMethod):
                    return Argument(origin, "key");
                case IObjectCreationOperation { Initializer: { } initializer } when KeyEntry(initializer) is { } entry:
                    return entry;
            }

            if (ValueOrigins.Unwrap(options) is not ILocalReferenceOperation local)
            {
                return null;
            }

            foreach (var operation in ValueOrigins.Root(options).Descendants())
            {
                switch (operation)
                {
                    // options.WithIdempotencyKey(key);
                    case IInvocationOperation invocation when IsWithIdempotencyKey(invocation.TargetMethod)
                        && ValueOrigins.Receiver(invocation) is { } receiver && IsLocal(receiver, local):
                        return Argument(invocation, "key");

                    // options.AdditionalProperties[IdempotentChatClient.KeyPropertyName] = key;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1, Instance: IPropertyReferenceOperation { Property.Name: "AdditionalProperties", Instance: { } owner } } indexer } assignment
                        when IsLocal(owner, local) && IsKeyName(indexer.Arguments[0].Value):
                        return assignment.Value;
                }
            }

            return null;
        }

        private static bool IsLocal(IOperation operation, ILocalReferenceOperation local) =>
            ValueOrigins.Unwrap(operation) is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local.Local);

        /// <summary>
        /// The key entry written in a <c>new ChatOptions { AdditionalProperties = new() { [KeyPropertyName] = key } }</c>
        /// initializer (or the <c>{ { KeyPropertyName, key } }</c> collection form).
        /// </summary>
        private static IOperation? KeyEntry(IOperation initializer)
        {
            foreach (var operation in initializer.Descendants())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment
                        when IsKeyName(indexer.Arguments[0].Value):
                        return assignment.Value;
                    case IInvocationOperation { TargetMethod.Name: "Add" } add
                        when add.Arguments.Length == 2 && IsKeyName(add.Arguments[0].Value):
                        return add.Arguments[1].Value;
                }
            }

            return null;
        }

        /// <summary>The documented entry name, <c>IdempotentChatClient.KeyPropertyName</c>, as a constant or literal.</summary>
        private static bool IsKeyName(IOperation operation) =>
            ValueOrigins.ConstantString(operation) == KeyPropertyName;

        /// <summary>
        /// False only when the code shows the client built without the decorator: a <c>ChatClientBuilder</c> chain
        /// without <c>UseIdempotency</c>, or an SDK adapter (<c>AsIChatClient()</c>) or other construction used as is.
        /// </summary>
        private bool ClientMayBeIdempotent(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var current = ValueOrigins.Receiver(call);
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = ValueOrigins.Trace(current, compilation, cancellationToken);
                switch (current)
                {
                    case IObjectCreationOperation creation:
                        return KnownRetrySymbols.IsOrInherits(creation.Type, idempotentChatClient);
                    case IInvocationOperation invocation when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, builderExtensions):
                        return invocation.TargetMethod.Name == "UseIdempotency";
                    case IInvocationOperation invocation when IsBuilderStep(invocation.TargetMethod):
                        current = ValueOrigins.Receiver(invocation);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "AsBuilder" or "AsIChatClient" }:
                        return false;
                    default:
                        // A factory method, DI, a parameter or a field built elsewhere: the decorator may be there.
                        return true;
                }
            }

            return true;
        }

        /// <summary><c>builder.Build()</c> and the builder's <c>Use...</c> steps, whose receiver continues the chain.</summary>
        private bool IsBuilderStep(IMethodSymbol method) =>
            chatClientBuilder is not null
            && (KnownRetrySymbols.Is(method.ContainingType, chatClientBuilder) || KnownRetrySymbols.Is(method.ReturnType, chatClientBuilder))
            && (method.Name == "Build" || method.Name.StartsWith("Use", System.StringComparison.Ordinal));
    }
}
