using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Model slots of the OpenAI SDK or Semantic Kernel's OpenAI connector that send the id to a server other than
    /// OpenAI's: LM Studio, Ollama's <c>/v1</c>, Groq, OpenRouter, DeepSeek, vLLM. Apps point the client there with
    /// <c>OpenAIClientOptions.Endpoint</c> (or a custom <c>Transport</c>), Semantic Kernel's <c>endpoint</c>
    /// <c>Uri</c>, or an <c>HttpClient</c> whose base address or handler redirects the requests. The model name then
    /// belongs to that server, which keeps its own models and dates ("gpt-4" may be a local model's alias), so the
    /// OpenAI table does not apply. Where the code does not show what the options or the HTTP client hold (a parameter,
    /// a field, a factory), the slot is taken as elsewhere: a miss costs less than a failed build.
    /// </summary>
    internal static partial class OtherEndpoints
    {
        /// <summary>Whether the call's model argument goes to a server other than OpenAI's, through the call's own arguments or its receiver.</summary>
        public static bool SendsElsewhere(IOperation call, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            switch (call)
            {
                case IInvocationOperation invocation:
                    return (invocation.Instance != null && ClientElsewhere(invocation.Instance, symbols, cancellationToken, depth: 0, inScan: false))
                        || ArgumentsSendElsewhere(invocation.Arguments, symbols, cancellationToken, depth: 0, inScan: false);
                case IObjectCreationOperation creation:
                    return ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth: 0, inScan: false);
                default:
                    return false;
            }
        }

        private static bool ArgumentsSendElsewhere(IEnumerable<IArgumentOperation> arguments, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth, bool inScan)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.Type is not { } type)
                {
                    continue;
                }

                var value = ModelIdValue.Unwrap(argument.Value);
                if (IsNull(value))
                {
                    continue;
                }

                if (symbols.IsOpenAIClientOptions(type))
                {
                    if (OptionsRedirect(value, symbols, cancellationToken))
                    {
                        return true;
                    }
                }
                else if (symbols.IsHttpClient(type))
                {
                    if (HttpClientRedirects(value, symbols, cancellationToken))
                    {
                        return true;
                    }
                }
                else if (type.Name == "Uri" && type.ContainingNamespace?.ToDisplayString() == "System")
                {
                    // Semantic Kernel's AddOpenAIChatCompletion(modelId, endpoint, apiKey): any endpoint but OpenAI's own.
                    if (!IsOpenAIUrl(value, cancellationToken))
                    {
                        return true;
                    }
                }
                else if (symbols.IsOpenAIClientType(type) && ClientElsewhere(value, symbols, cancellationToken, depth, inScan))
                {
                    // Semantic Kernel's AddOpenAIChatCompletion(modelId, openAIClient); MEAI's client.AsChatClient(modelId).
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a client of the OpenAI SDK was created for another server: created here with such options, or held
        /// in a local or field that the code writes with one (any write, any branch). A client the code does not create
        /// (a parameter, a property, a factory call, a field written from one) is one for another server when the
        /// project hands out such a client as this type, or as an <c>OpenAIClient</c> it may be got from
        /// (<see cref="ProjectCreatesClientElsewhere"/>): DI may hand it here.
        /// </summary>
        private static bool ClientElsewhere(IOperation client, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth, bool inScan)
        {
            client = ModelIdValue.Unwrap(client);
            if (depth > 3 || !symbols.IsOpenAIClientType(client.Type))
            {
                return false;
            }

            switch (client)
            {
                case IObjectCreationOperation creation:
                    return ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1, inScan);
                case IInvocationOperation invocation:
                    // openAIClient.GetChatClient("x") as the receiver of AsIChatClient(): the client it was got from.
                    if (invocation.Instance != null)
                    {
                        return ClientElsewhere(invocation.Instance, symbols, cancellationToken, depth + 1, inScan);
                    }

                    // A factory of the project whose every return creates the client (`static OpenAIClient CreatePlain(key)
                    // => new OpenAIClient(key)`) is read; a service locator (sp.GetRequiredService<OpenAIClient>()) or
                    // any other factory does not show which client it gives.
                    return FactoryCreations(invocation, cancellationToken) is { } creations
                        ? creations.Any(creation => symbols.IsAzureClient(creation.Type)
                            || ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1, inScan))
                        : ProjectRedirects(client.Type, symbols, inScan, cancellationToken);
                case ILocalReferenceOperation { Local: var local } when client.SemanticModel?.Compilation is { } compilation:
                    return WrittenValues.Of(local, compilation, cancellationToken).Any(written => CreatesElsewhere(written, client.Type, symbols, cancellationToken, depth, inScan));
                case IFieldReferenceOperation { Field: var field } when client.SemanticModel?.Compilation is { } compilation:
                    var writes = WrittenValues.Of(field, compilation, cancellationToken).ToList();
                    return writes.Count == 0
                        ? ProjectRedirects(client.Type, symbols, inScan, cancellationToken)
                        : writes.Any(written => CreatesElsewhere(written, client.Type, symbols, cancellationToken, depth, inScan));
                default:
                    return ProjectRedirects(client.Type, symbols, inScan, cancellationToken);
            }
        }

        // The clients a source factory returns, when each return (either arm of a choice included) creates one there.
        private static List<IObjectCreationOperation>? FactoryCreations(IInvocationOperation call, CancellationToken cancellationToken)
        {
            if (call.SemanticModel?.Compilation is not { } compilation || !SourceBodies.IsInSource(call.TargetMethod, compilation))
            {
                return null;
            }

            var creations = new List<IObjectCreationOperation>();
            var pending = new Stack<IOperation>(SourceBodies.ReturnedValues(call.TargetMethod, compilation, cancellationToken));
            while (pending.Count > 0)
            {
                switch (ModelIdValue.Unwrap(pending.Pop()))
                {
                    case IObjectCreationOperation creation:
                        creations.Add(creation);
                        break;
                    case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                        pending.Push(choice.WhenTrue);
                        pending.Push(whenFalse);
                        break;
                    case ISwitchExpressionOperation providers:
                        // `provider switch { AiProvider.OpenAI => new OpenAIClient(key), ... }`: a constant argument
                        // takes one arm (HelperArguments); otherwise every arm but a throw may be the client.
                        if (HelperArguments.Of(call).ArmFor(providers, out var decided) is { } taken)
                        {
                            pending.Push(taken);
                        }
                        else if (decided)
                        {
                            return null;
                        }
                        else
                        {
                            foreach (var arm in providers.Arms)
                            {
                                if (arm.Value is not IThrowOperation)
                                {
                                    pending.Push(arm.Value);
                                }
                            }
                        }

                        break;
                    default:
                        return null;
                }
            }

            return creations.Count == 0 ? null : creations;
        }

        // A written value that creates a client for another server, or that creates no client at all (`_client = client;`
        // from a constructor parameter): then it may be the project's other client.
        private static bool CreatesElsewhere(IOperation written, ITypeSymbol? holderType, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth, bool inScan)
        {
            // `var client = CreateOpenAIClient(AiProvider.OpenAI);`: a project factory is read for what it creates.
            if (ModelIdValue.Unwrap(written) is IInvocationOperation { Instance: null } factory && FactoryCreations(factory, cancellationToken) is { } made)
            {
                return made.Any(creation => symbols.IsAzureClient(creation.Type) || ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1, inScan));
            }

            var createsClient = false;
            foreach (var operation in written.DescendantsAndSelf())
            {
                if (operation is IObjectCreationOperation creation && symbols.IsOpenAIClientType(creation.Type))
                {
                    createsClient = true;
                    if (ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1, inScan))
                    {
                        return true;
                    }
                }
            }

            return !createsClient && ProjectRedirects(holderType, symbols, inScan, cancellationToken);
        }

        // Inside the project scan its answer is not known yet: a client of unknown origin there counts as OpenAI's.
        private static bool ProjectRedirects(ITypeSymbol? receiver, KnownModelSymbols symbols, bool inScan, CancellationToken cancellationToken) =>
            !inScan && symbols.ProjectRedirectedClients(cancellationToken).CanReach(receiver, symbols);
    }
}
