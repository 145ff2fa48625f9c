using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// AIL0003 through <c>IChatClient</c> (review 58, CodeCafe): an <c>IChatClient</c> that is visibly the Microsoft.Extensions.AI
    /// adapter of an OpenAI or Anthropic client (<c>new OpenAIClient(key).GetChatClient(m).AsIChatClient()</c>,
    /// <c>new AnthropicClient().AsIChatClient(m)</c>) sends each request through that client, whose own retries run under
    /// any retry of the project. The SDK client is judged as for a direct call (<see cref="SdkBuiltInRetries"/>), found from the
    /// retried call's <c>IChatClient</c> in three ways:
    /// <list type="bullet">
    /// <item>the client itself, through locals, fields and a <c>.AsBuilder()...Build()</c> or <c>new ChatClientBuilder(adapter)...Build()</c> chain;</item>
    /// <item>in a <c>DelegatingChatClient</c> subclass (retry middleware calling <c>base.GetResponseAsync</c> or
    /// <c>InnerClient.GetResponseAsync</c>), the inner client some <c>new</c> of that class in the project is given, also
    /// in a builder's <c>Use(inner =&gt; new RetryChatClient(inner))</c> step (ChatClientAdapters.Builders.cs); likewise for
    /// middleware implementing <c>IChatClient</c> over the client its constructor is given (ChatClientAdapters.HeldInner.cs);</item>
    /// <item>for a client injected through a constructor parameter (no <c>[FromKeyedServices]</c>), the project's unkeyed
    /// <c>IChatClient</c> registrations (<c>AddChatClient(...)</c>, <c>AddSingleton&lt;IChatClient&gt;(...)</c>, the Scoped,
    /// Transient and TryAdd forms): only when there is one and every one of them is such an adapter with retries on.</item>
    /// </list>
    /// </summary>
    internal sealed partial class ChatClientAdapters
    {
        private const int MaxDepth = 6;

        private static readonly HashSet<string> RegistrationNames = new(StringComparer.Ordinal)
        {
            "AddChatClient", "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient",
        };

        private readonly Compilation compilation;
        private readonly Func<IOperation?, CancellationToken, SdkRetryFinding?> openAI;
        private readonly Func<IOperation?, CancellationToken, SdkRetryFinding?> anthropic;
        private readonly INamedTypeSymbol? chatClient;
        private readonly INamedTypeSymbol? delegatingChatClient;
        private readonly INamedTypeSymbol? chatClientBuilder;
        private readonly INamedTypeSymbol? chatClientAgent;
        private readonly Lazy<List<List<IOperation>>> registrations;

        public ChatClientAdapters(Compilation compilation, Func<IOperation?, CancellationToken, SdkRetryFinding?> openAI, Func<IOperation?, CancellationToken, SdkRetryFinding?> anthropic)
        {
            this.compilation = compilation;
            this.openAI = openAI;
            this.anthropic = anthropic;
            chatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
            delegatingChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.DelegatingChatClient");
            chatClientBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientBuilder");
            chatClientAgent = compilation.GetTypeByMetadataName(KnownRetrySymbols.ChatClientAgentName);
            registrations = new Lazy<List<List<IOperation>>>(FindRegistrations);
        }

        /// <summary>The SDK client under the <c>IChatClient</c> that <paramref name="call"/> is made on, when its own retries are on.</summary>
        public SdkRetryFinding? Find(IInvocationOperation call, CancellationToken cancellationToken)
        {
            if (chatClient is null || ValueOrigins.Receiver(call) is not { } receiver)
            {
                return null;
            }

            var held = ValueOrigins.Unwrap(receiver);
            if (IsInnerOfMiddleware(held) && ContainingType(call) is { } middleware
                && KnownRetrySymbols.IsOrInherits(middleware, delegatingChatClient))
            {
                return FromMiddlewareCreations(middleware, null, cancellationToken);
            }

            // A middleware implementing IChatClient over its constructor's inner client (ChatClientAdapters.HeldInner.cs).
            if (ContainingType(call) is { } holder && HeldInnerParameter(call, receiver, holder, cancellationToken) is { } heldParameter
                && FromMiddlewareCreations(holder, heldParameter, cancellationToken) is { } stacked)
            {
                return stacked;
            }

            return FromClient(receiver, 0, allowInjected: true, cancellationToken);
        }

        /// <summary>
        /// The SDK client under the Agent Framework agent that <paramref name="call"/> (<c>agent.RunAsync(...)</c>) runs, when
        /// the agent is built over an adapter (<c>chatClient.AsAIAgent(...)</c>, <c>new ChatClientAgent(chatClient, ...)</c>)
        /// whose client retries on its own: one more hop of the chain <see cref="FromClient"/> follows. An agent injected
        /// through a constructor is not looked up among the <c>IChatClient</c> registrations.
        /// </summary>
        public SdkRetryFinding? FindThroughAgent(IInvocationOperation call, CancellationToken cancellationToken) =>
            chatClient is null || chatClientAgent is null || ValueOrigins.Receiver(call) is not { } receiver
                ? null
                : FromClient(receiver, 0, allowInjected: false, cancellationToken);

        /// <summary><c>base</c> or <c>this</c> (a <c>DelegatingChatClient</c> forwards to its inner client), or <c>InnerClient</c>.</summary>
        private static bool IsInnerOfMiddleware(IOperation receiver) => receiver switch
        {
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => true,
            IPropertyReferenceOperation { Property.Name: "InnerClient", Instance: IInstanceReferenceOperation } => true,
            _ => false,
        };

        private static INamedTypeSymbol? ContainingType(IOperation call)
        {
            for (var symbol = call.SemanticModel?.GetEnclosingSymbol(call.Syntax.SpanStart); symbol is not null; symbol = symbol.ContainingSymbol)
            {
                if (symbol is INamedTypeSymbol type)
                {
                    return type;
                }
            }

            return null;
        }

        private SdkRetryFinding? FromClient(IOperation value, int depth, bool allowInjected, CancellationToken cancellationToken)
        {
            var current = (IOperation?)value;
            for (; current is not null && depth < MaxDepth; depth++)
            {
                current = ValueOrigins.Trace(current, compilation, cancellationToken);
                switch (current)
                {
                    case IInvocationOperation adapter when AdapterKind(adapter.TargetMethod) is { } kind:
                        var inner = ValueOrigins.Receiver(adapter);
                        return kind == LlmSdk.OpenAI ? openAI(inner, cancellationToken) : anthropic(inner, cancellationToken);
                    case IInvocationOperation asAgent when IsAgentOverClient(asAgent.TargetMethod):
                        // `chatClient.AsAIAgent(...)`: the agent sends through the client it wraps, which may be injected.
                        current = ValueOrigins.Receiver(asAgent);
                        allowInjected = true;
                        break;
                    case IObjectCreationOperation creation when chatClientAgent is not null && KnownRetrySymbols.Is(creation.Type, chatClientAgent):
                        // `new ChatClientAgent(chatClient, ...)`: its constructor's IChatClient parameter.
                        current = creation.Arguments.FirstOrDefault(a => KnownRetrySymbols.Is(a.Parameter?.Type, chatClient))?.Value;
                        allowInjected = true;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Build" } build when KnownRetrySymbols.Is(build.TargetMethod.ContainingType, chatClientBuilder):
                        current = BuilderInner(build.Instance, cancellationToken);
                        break;
                    case ILocalReferenceOperation local:
                        // `IChatClient client = adapter; client = new RetryChatClient(client, 3);` (the repro): a local
                        // written twice holds, where it is read, the value of the write just before that statement.
                        current = ValueBefore(local);
                        break;
                    case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } lambdaParameter:
                        // `.Use(inner => new RetryChatClient(inner, 3))`: the client the builder wraps (review 58); in
                        // a `UseRetry(this ChatClientBuilder builder)` extension, the client of any caller's builder.
                        foreach (var wrapped in UseStepInners(lambdaParameter, cancellationToken))
                        {
                            if (FromClient(wrapped, depth + 1, allowInjected: false, cancellationToken) is { } finding)
                            {
                                return finding;
                            }
                        }

                        return null;
                    case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter }
                        when allowInjected && !parameter.GetAttributes().Any(a => a.AttributeClass?.Name == "FromKeyedServicesAttribute"):
                        return FromRegistrations(cancellationToken);
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The value <paramref name="reference"/>'s local holds when it is read: the write in the last statement before the
        /// reading one, in the same block, when that statement is the local's declaration or a plain assignment to it.
        /// Null when the block is in a loop (a later write may come round), or the nearest earlier write is nested or of
        /// another kind.
        /// </summary>
        private static IOperation? ValueBefore(ILocalReferenceOperation reference)
        {
            var statement = (IOperation)reference;
            while (statement.Parent is { } parent && parent is not IBlockOperation)
            {
                if (parent is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                statement = parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return null;
            }

            for (var outer = block.Parent; outer is not null; outer = outer.Parent)
            {
                if (outer is ILoopOperation)
                {
                    return null;
                }

                if (outer is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation)
                {
                    break;
                }
            }

            var local = reference.Local;
            for (var i = block.Operations.IndexOf(statement) - 1; i >= 0; i--)
            {
                var earlier = block.Operations[i];
                var writes = earlier.DescendantsAndSelf().Any(o => o switch
                {
                    IVariableDeclaratorOperation declarator => SymbolEqualityComparer.Default.Equals(declarator.Symbol, local),
                    IAssignmentOperation { Target: ILocalReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Local, local),
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } => SymbolEqualityComparer.Default.Equals(passed.Local, local),
                    _ => false,
                });
                if (!writes)
                {
                    continue;
                }

                return earlier switch
                {
                    IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1
                        && SymbolEqualityComparer.Default.Equals(group.Declarations[0].Declarators[0].Symbol, local) => group.Declarations[0].Declarators[0].GetVariableInitializer()?.Value,
                    IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment }
                        when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                    _ => null,
                };
            }

            return null;
        }

        /// <summary>
        /// The client a <c>ChatClientBuilder</c> wraps: through <c>Use...</c>/<c>ConfigureOptions</c> calls to
        /// <c>client.AsBuilder()</c>, <c>new ChatClientBuilder(client)</c> or <c>services.AddChatClient(client)</c> (or the
        /// one client their factory returns).
        /// </summary>
        private IOperation? BuilderInner(IOperation? builder, CancellationToken cancellationToken)
        {
            var current = builder;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = ValueOrigins.Trace(current, compilation, cancellationToken);
                switch (current)
                {
                    case IInvocationOperation { TargetMethod.Name: "AsBuilder" } asBuilder:
                        return ValueOrigins.Receiver(asBuilder);
                    case IObjectCreationOperation creation when KnownRetrySymbols.Is(creation.Type, chatClientBuilder):
                        return WrappedClient(creation.Arguments);
                    case IInvocationOperation registration when IsChatClientRegistration(registration.TargetMethod):
                        return WrappedClient(registration.Arguments);
                    case IInvocationOperation step when KnownRetrySymbols.Is(step.Type, chatClientBuilder):
                        current = ValueOrigins.Receiver(step);
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// Agent Framework's <c>AsAIAgent</c> extension on <c>IChatClient</c>, which returns a <c>ChatClientAgent</c> over that
        /// client (declared in Microsoft.Agents.AI, in the <c>Microsoft.Extensions.AI</c> namespace).
        /// </summary>
        private bool IsAgentOverClient(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            return chatClientAgent is not null && method.Name == "AsAIAgent" && method.IsExtensionMethod
                && method.Parameters.Length > 0 && KnownRetrySymbols.Is(method.Parameters[0].Type, chatClient)
                && KnownRetrySymbols.IsOrInherits(method.ReturnType, chatClientAgent);
        }

        /// <summary>The Microsoft.Extensions.AI adapters of the OpenAI and Anthropic clients, by their declaring type.</summary>
        private static LlmSdk? AdapterKind(IMethodSymbol method)
        {
            if (method.Name is not ("AsIChatClient" or "AsChatClient") || method.ContainingNamespace?.ToDisplayString() != "Microsoft.Extensions.AI")
            {
                return null;
            }

            return method.ContainingType?.Name switch
            {
                "OpenAIClientExtensions" => LlmSdk.OpenAI,
                "AnthropicClientExtensions" or "AnthropicBetaClientExtensions" => LlmSdk.Anthropic,
                _ => null,
            };
        }

        /// <summary>
        /// Some <c>new</c> of the middleware class in the project gives it an inner client that is an SDK adapter with
        /// retries on: that pairing stacks the two retries. The inner client is the argument for the constructor's one
        /// <c>IChatClient</c> parameter (the one handed to <c>DelegatingChatClient</c>), or, for a middleware holding the client
        /// itself, the argument for <paramref name="heldParameter"/> when the <c>new</c> calls the constructor declaring it.
        /// </summary>
        private SdkRetryFinding? FromMiddlewareCreations(INamedTypeSymbol middleware, IParameterSymbol? heldParameter, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetText(cancellationToken).ToString().IndexOf(middleware.Name, StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
                {
                    var name = node.Type switch
                    {
                        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => null,
                    };
                    if (name != middleware.Name
                        || SourceBodies.GetOperation(node, compilation, cancellationToken) is not IObjectCreationOperation creation
                        || !SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, middleware.OriginalDefinition))
                    {
                        continue;
                    }

                    var sameConstructor = heldParameter is not null
                        && SymbolEqualityComparer.Default.Equals(creation.Constructor?.OriginalDefinition, heldParameter.ContainingSymbol.OriginalDefinition);
                    var inners = creation.Arguments.Where(a => sameConstructor
                        ? a.Parameter?.Ordinal == heldParameter!.Ordinal
                        : KnownRetrySymbols.IsOrInherits(a.Parameter?.Type, chatClient)).ToList();
                    if (inners.Count == 1 && FromClient(inners[0].Value, 1, allowInjected: false, cancellationToken) is { } finding)
                    {
                        return finding;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Every unkeyed <c>IChatClient</c> registration of the project is an SDK adapter with retries on (the first one's
        /// finding); null when there is none, or one is anything else (unknown, retries off, another client).
        /// </summary>
        private SdkRetryFinding? FromRegistrations(CancellationToken cancellationToken)
        {
            var all = registrations.Value;
            if (all.Count == 0)
            {
                return null;
            }

            SdkRetryFinding? first = null;
            foreach (var values in all)
            {
                foreach (var value in values)
                {
                    if (FromClient(value, 1, allowInjected: false, cancellationToken) is not { } finding)
                    {
                        return null;
                    }

                    first ??= finding;
                }
            }

            return first;
        }

        /// <summary>
        /// The values of the unkeyed <c>IChatClient</c> registrations: <c>AddChatClient(client)</c> or what its factory
        /// returns, and the instance or factory results of <c>AddSingleton&lt;IChatClient&gt;</c> and the like.
        /// </summary>
        private List<List<IOperation>> FindRegistrations()
        {
            var found = new List<List<IOperation>>();
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, RegistrationNames, CancellationToken.None))
            {
                var method = invocation.TargetMethod;
                if (method.ContainingNamespace?.ToDisplayString() != "Microsoft.Extensions.DependencyInjection")
                {
                    continue;
                }

                var registersChatClient = method.Name == "AddChatClient"
                    || (method.TypeArguments.Length == 1 && KnownRetrySymbols.Is(method.TypeArguments[0], chatClient));
                if (!registersChatClient)
                {
                    continue;
                }

                foreach (var argument in invocation.Arguments)
                {
                    switch (argument.Parameter?.Name)
                    {
                        case "innerClient" or "implementationInstance":
                            found.Add(new List<IOperation> { argument.Value });
                            break;
                        case "innerClientFactory" or "implementationFactory":
                            var returned = FactoryResults(argument.Value);
                            // A factory whose results are not visible (a method group) stands for an unknown client.
                            found.Add(returned.Count > 0 ? returned : new List<IOperation> { argument.Value });
                            break;
                    }
                }
            }

            return found;
        }

        /// <summary>What a factory lambda returns (every return of a block body, or the expression body).</summary>
        private static List<IOperation> FactoryResults(IOperation value)
        {
            var results = new List<IOperation>();
            if (ValueOrigins.Unwrap(value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                foreach (var operation in RetryContextFinder.DescendantsInSameFunction(lambda.Body))
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned })
                    {
                        results.Add(returned);
                    }
                }
            }

            return results;
        }
    }
}
