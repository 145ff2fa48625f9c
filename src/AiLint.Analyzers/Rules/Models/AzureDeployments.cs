using System.Linq;
using System.Threading;
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

            ISymbol? holder = value switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };

            // Only a holder typed as a base of Azure's client (OpenAIClient, object) can hold one without saying so.
            if (holder == null || value.Type is not INamedTypeSymbol type || !IsBaseOf(type, symbols.AzureOpenAIClient!)
                || value.SemanticModel?.Compilation is not { } compilation)
            {
                return false;
            }

            foreach (var written in WrittenValues.Of(holder, compilation, cancellationToken))
            {
                if (written.DescendantsAndSelf().Any(o => symbols.IsAzureDeploymentType(o.Type)))
                {
                    return true;
                }
            }

            return false;
        }

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
