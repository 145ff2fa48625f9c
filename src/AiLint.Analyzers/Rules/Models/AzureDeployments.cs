using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Model slots that receive an Azure OpenAI deployment name although they are declared by the OpenAI SDK or Semantic
    /// Kernel. <c>AzureOpenAIClient</c> derives from <c>OpenAIClient</c>: an app that supports both providers holds it
    /// in an <c>OpenAIClient</c> variable (<c>OpenAIClient client = new AzureOpenAIClient(...)</c>), and
    /// <c>client.GetChatClient("gpt-4")</c> then binds to <c>OpenAIClient.GetChatClient(string model)</c> while it sends
    /// "gpt-4" as a deployment name. Semantic Kernel's <c>AddOpenAIChatCompletion(modelId, openAIClient)</c> does the
    /// same with an Azure client argument. A sub-client got from an Azure client keeps its origin: with Azure.AI.OpenAI
    /// 2.9, <c>azure.GetResponsesClient()</c> takes no model and the deployment name goes to the adapter,
    /// <c>.AsIChatClient("gpt-5-mini")</c>, or to <c>CreateResponseAsync("gpt-5-mini", ...)</c>. A deployment can have
    /// any name and Azure retires model versions on its own schedule, so such a slot is never checked against the
    /// model table.
    /// </summary>
    internal static class AzureDeployments
    {
        // Holders and sub-client calls followed from a slot's client before its origin counts as unknown (a cycle of
        // locals written from each other ends here too).
        private const int MaxHops = 6;

        /// <summary>
        /// Whether the call's model argument goes to Azure: its receiver, or an OpenAI client passed with it, is an Azure
        /// client, a sub-client got from one (<c>azure.GetResponsesClient().AsIChatClient("gpt-5-mini")</c>), or a local,
        /// field or property of the project that the code may have given either (any write of one, in any branch).
        /// A client whose origin the code does not show (a parameter, a property from metadata) is taken as what its
        /// type says.
        /// </summary>
        public static bool TakesDeployment(IOperation call, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.AzureOpenAIClient == null)
            {
                return false;
            }

            switch (call)
            {
                case IInvocationOperation invocation:
                    if (invocation.Instance != null && MayBeAzure(invocation.Instance, symbols, cancellationToken))
                    {
                        return true;
                    }

                    return invocation.Arguments.Any(argument => MayBeAzure(argument.Value, symbols, cancellationToken));
                case IObjectCreationOperation creation:
                    return creation.Arguments.Any(argument => MayBeAzure(argument.Value, symbols, cancellationToken));
                default:
                    return false;
            }
        }

        /// <summary>Whether a settings object whose model property is set is Semantic Kernel's Azure OpenAI settings.</summary>
        public static bool IsAzureSettings(IPropertyReferenceOperation property, KnownModelSymbols symbols) =>
            property.Instance != null && symbols.IsAzureDeploymentType(ModelIdValue.Unwrap(property.Instance).Type);

        /// <summary>
        /// Whether <paramref name="value"/> may be an Azure client, or an OpenAI sub-client got from one
        /// (<c>azure.GetResponsesClient()</c>, <c>GetAssistantClient()</c>: their later model arguments are deployment
        /// names too). Followed through the call chain, locals and fields (any write, in any branch), properties of the
        /// project (initializer, getter, writes in its type), either arm of a choice, and the project's factory methods.
        /// A client whose origin the code does not show (a parameter, a metadata property) is what its type says.
        /// </summary>
        private static bool MayBeAzure(IOperation value, KnownModelSymbols symbols, CancellationToken cancellationToken, int hops = 0)
        {
            value = ModelIdValue.Unwrap(value);
            if (symbols.IsAzureDeploymentType(value.Type))
            {
                return true;
            }

            // Only a value typed as a base of Azure's client (OpenAIClient, object) can be one without saying so, and
            // only an OpenAI SDK client (ResponsesClient, ChatClient, ...) can have been got from one.
            if (hops > MaxHops
                || value.Type is not INamedTypeSymbol type
                || !(IsBaseOf(type, symbols.AzureOpenAIClient!) || symbols.IsOpenAIClientType(type))
                || value.SemanticModel?.Compilation is not { } compilation)
            {
                return false;
            }

            switch (value)
            {
                case IInvocationOperation { Instance: { } instance } invocation
                        when symbols.IsOpenAIClientType(instance.Type) || symbols.IsAzureClient(instance.Type):
                    // client.GetResponsesClient(): a sub-client sends its requests to the service of the client it came from.
                    return MayBeAzure(instance, symbols, cancellationToken, hops + 1)
                        || ReturnsAzure(invocation, symbols, compilation, cancellationToken);
                case IInvocationOperation invocation:
                    return ReturnsAzure(invocation, symbols, compilation, cancellationToken);
                case ILocalReferenceOperation { Local: var local }:
                    return WrittenValues.Of(local, compilation, cancellationToken).Any(written => GivesAzure(written, symbols, compilation, cancellationToken, hops));
                case IFieldReferenceOperation { Field: var field }:
                    return WrittenValues.Of(field, compilation, cancellationToken).Any(written => GivesAzure(written, symbols, compilation, cancellationToken, hops));
                case IPropertyReferenceOperation { Property: var property }:
                    return SourcePropertyValues.Of(property, compilation, cancellationToken).Any(written => GivesAzure(written, symbols, compilation, cancellationToken, hops));
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    return MayBeAzure(choice.WhenTrue, symbols, cancellationToken, hops + 1) || MayBeAzure(whenFalse, symbols, cancellationToken, hops + 1);
                case ICoalesceOperation coalesce:
                    return MayBeAzure(coalesce.Value, symbols, cancellationToken, hops + 1) || MayBeAzure(coalesce.WhenNull, symbols, cancellationToken, hops + 1);
                default:
                    return false;
            }
        }

        // A value written to a holder: an Azure client (or its sub-client) got any way MayBeAzure follows, or created anywhere in it.
        private static bool GivesAzure(IOperation written, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken, int hops) =>
            MayBeAzure(written, symbols, cancellationToken, hops + 1) || CreatesAzure(written, symbols, compilation, cancellationToken);

        /// <summary>
        /// Whether a written value creates an Azure client in any branch, itself or through a factory method of the
        /// project it calls (<c>_client = CreateClient(config);</c> whose body builds an <c>AzureOpenAIClient</c>).
        /// </summary>
        private static bool CreatesAzure(IOperation written, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken) =>
            written.DescendantsAndSelf().Any(operation =>
                symbols.IsAzureDeploymentType(operation.Type)
                || (operation is IInvocationOperation call && ReturnsAzure(call, symbols, compilation, cancellationToken)));

        // One level into the project's own factory methods: a body that creates an Azure client anywhere, returning it
        // (typed as a base of Azure's client) or a sub-client got from it (`static ResponsesClient CreateResponses()`).
        private static bool ReturnsAzure(IInvocationOperation call, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken) =>
            call.Type is INamedTypeSymbol returned
            && (IsBaseOf(returned, symbols.AzureOpenAIClient!) || symbols.IsOpenAIClientType(returned))
            && SourceBodies.IsInSource(call.TargetMethod, compilation)
            && SourceBodies.GetBodies(call.TargetMethod, compilation, cancellationToken)
                .Any(body => body.DescendantsAndSelf().Any(operation => symbols.IsAzureDeploymentType(operation.Type)));

        private static bool IsBaseOf(INamedTypeSymbol candidate, INamedTypeSymbol derived)
        {
            for (var current = derived.BaseType; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, candidate))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
