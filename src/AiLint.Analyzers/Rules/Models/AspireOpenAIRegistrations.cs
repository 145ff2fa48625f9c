using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Aspire's OpenAI client integrations, recognised by symbol because the project never shows their bodies (they come
    /// from NuGet packages). Aspire.Azure.AI.OpenAI's <c>builder.AddAzureOpenAIClient("openai")</c> (and
    /// <c>AddKeyedAzureOpenAIClient</c>) registers an <c>AzureOpenAIClient</c> and the same instance as
    /// <c>OpenAIClient</c>: every <c>OpenAIClient</c> the app then resolves or is injected with takes Azure deployment
    /// names (the registration of every Aspire + Azure OpenAI sample, e.g. Azure-Samples/eShopLite). Aspire.OpenAI's
    /// <c>AddOpenAIClient("openai")</c> registers OpenAI's own client, and Aspire.Azure.AI.OpenAI's
    /// <c>AddOpenAIClientFromConfiguration</c> either one: a project that calls one of those may be handed OpenAI's client.
    /// </summary>
    internal sealed class AspireOpenAIRegistrations
    {
        /// <summary>What a call registers as the container's <c>OpenAIClient</c>.</summary>
        public enum Registration
        {
            /// <summary>Not an Aspire OpenAI integration.</summary>
            None,

            /// <summary>Only ever an <c>AzureOpenAIClient</c>.</summary>
            AzureOnly,

            /// <summary>OpenAI's own client, or one chosen from configuration.</summary>
            MayBeOpenAI,
        }

        private readonly INamedTypeSymbol? azureExtensions;
        private readonly INamedTypeSymbol? openAIExtensions;
        private readonly INamedTypeSymbol? configurableExtensions;
        private readonly INamedTypeSymbol? azureClient;

        // azureClient: Azure.AI.OpenAI's AzureOpenAIClient, already resolved by KnownModelSymbols.
        public AspireOpenAIRegistrations(Compilation compilation, INamedTypeSymbol? azureClient)
        {
            this.azureClient = azureClient;
            azureExtensions = FromPackage(compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.AspireAzureOpenAIExtensions"));
            openAIExtensions = FromPackage(compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.AspireOpenAIExtensions"));
            configurableExtensions = FromPackage(compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.AspireConfigurableOpenAIExtensions"));
        }

        /// <summary>Whether the compilation references any of the integrations.</summary>
        public bool Any => azureExtensions != null || openAIExtensions != null || configurableExtensions != null;

        /// <summary>
        /// Whether a called name can be one of the integrations' registrations: a syntax-only test, so that scans bind
        /// only the calls that spell one.
        /// </summary>
        public static bool MayBeRegistration(string name) =>
            name is "AddAzureOpenAIClient" or "AddKeyedAzureOpenAIClient" or "AddOpenAIClient" or "AddKeyedOpenAIClient"
                or "AddOpenAIClientFromConfiguration" or "AddKeyedOpenAIClientFromConfiguration";

        /// <summary>What <paramref name="method"/> registers, when it is one of the integrations' methods.</summary>
        public Registration Classify(IMethodSymbol method)
        {
            var declaring = (method.ReducedFrom ?? method).ContainingType;
            if (declaring == null)
            {
                return Registration.None;
            }

            if (Is(declaring, azureExtensions) && method.Name is "AddAzureOpenAIClient" or "AddKeyedAzureOpenAIClient")
            {
                return azureClient != null && BuildsAzureClient(method.ReducedFrom ?? method) ? Registration.AzureOnly : Registration.MayBeOpenAI;
            }

            return Is(declaring, openAIExtensions) || Is(declaring, configurableExtensions) ? Registration.MayBeOpenAI : Registration.None;
        }

        // Aspire 9+ builds the client through IAzureClientBuilder<AzureOpenAIClient, AzureOpenAIClientOptions>; Aspire
        // 8's method of the same name built Azure.AI.OpenAI 1.x's OpenAIClient, which also talked to OpenAI's own API.
        // A configuring parameter that names another client type is not taken as Azure-only.
        private bool BuildsAzureClient(IMethodSymbol method) =>
            method.Parameters.All(parameter => BuiltClient(parameter.Type, depth: 0) is not { } built || Is(built, azureClient));

        private static ITypeSymbol? BuiltClient(ITypeSymbol type, int depth)
        {
            if (depth > 3 || type is not INamedTypeSymbol { IsGenericType: true } named)
            {
                return null;
            }

            if (named.Name == "IAzureClientBuilder" && named.TypeArguments.Length == 2)
            {
                return named.TypeArguments[0];
            }

            return named.TypeArguments.Select(argument => BuiltClient(argument, depth + 1)).FirstOrDefault(built => built != null);
        }

        // The package's type, not one the project declares under the same name (its body is in view and read as code).
        private static INamedTypeSymbol? FromPackage(INamedTypeSymbol? type) =>
            type != null && type.Locations.All(location => !location.IsInSource) ? type : null;

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);
    }
}
