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
    /// same with an Azure client argument. A deployment can have any name and Azure retires model versions on its own
    /// schedule, so such a slot is never checked against the model table.
    /// </summary>
    internal static class AzureDeployments
    {
        /// <summary>
        /// Whether the call's model argument goes to Azure: its receiver, or an OpenAI client passed with it, is an Azure
        /// client or a local or field that the code may have given one (any write of an Azure client, in any branch).
        /// A client whose origin the code does not show (a parameter, a property) is taken as what its type says.
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

        private static bool MayBeAzure(IOperation value, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            value = ModelIdValue.Unwrap(value);
            if (symbols.IsAzureDeploymentType(value.Type))
            {
                return true;
            }

            // Only a value typed as a base of Azure's client (OpenAIClient, object) can be one without saying so.
            if (value.Type is not INamedTypeSymbol type || !IsBaseOf(type, symbols.AzureOpenAIClient!)
                || value.SemanticModel?.Compilation is not { } compilation)
            {
                return false;
            }

            switch (value)
            {
                case ILocalReferenceOperation { Local: var local }:
                    return WrittenValues.Of(local, compilation, cancellationToken).Any(written => CreatesAzure(written, symbols, compilation, cancellationToken));
                case IFieldReferenceOperation { Field: var field }:
                    return WrittenValues.Of(field, compilation, cancellationToken).Any(written => CreatesAzure(written, symbols, compilation, cancellationToken));
                case IInvocationOperation invocation:
                    return ReturnsAzure(invocation, symbols, compilation, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether a written value creates an Azure client in any branch, itself or through a factory method of the
        /// project it calls (<c>_client = CreateClient(config);</c> whose body builds an <c>AzureOpenAIClient</c>).
        /// </summary>
        private static bool CreatesAzure(IOperation written, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken) =>
            written.DescendantsAndSelf().Any(operation =>
                symbols.IsAzureDeploymentType(operation.Type)
                || (operation is IInvocationOperation call && ReturnsAzure(call, symbols, compilation, cancellationToken)));

        // One level into the project's own factory methods: a body that creates an Azure client anywhere.
        private static bool ReturnsAzure(IInvocationOperation call, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken) =>
            call.Type is INamedTypeSymbol returned
            && IsBaseOf(returned, symbols.AzureOpenAIClient!)
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
