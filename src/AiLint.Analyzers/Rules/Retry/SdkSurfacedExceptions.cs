using System.Linq;
using System;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Which SDK calls never let an <c>HttpRequestException</c> reach their caller, as measured with a fake transport
    /// (docs/design/sdk-surfaced-exceptions.md): a 5xx answer, an <c>HttpRequestException</c> thrown by the handler (even
    /// one carrying a 503) and a connect failure all arrive wrapped in the SDK's own exception type.
    /// </summary>
    /// <remarks>
    /// Only the measured families, from the measured version on: OpenAI's <c>ChatClient</c> and <c>ResponsesClient</c>
    /// (OpenAI 2.15; <c>ClientResultException</c>) and the same clients made by Azure.AI.OpenAI (2.9 beta; its chat client
    /// derives from OpenAI's), and Anthropic's <c>Messages.Create</c> (Anthropic 13.15; <c>Anthropic5xxException</c>,
    /// <c>AnthropicIOException</c>). Not here on purpose: <c>IChatClient</c> and Semantic Kernel's
    /// <c>IChatCompletionService</c> (the implementation behind the interface decides, and OllamaSharp's passes
    /// <c>HttpRequestException</c> through), OllamaSharp itself (measured: it passes it through), and every SDK or
    /// version not measured. One instance per compilation; the symbols are resolved once.
    /// </remarks>
    internal sealed class SdkSurfacedExceptions
    {
        private static readonly Version OpenAIMeasured = new(2, 15, 0, 0);
        private static readonly Version AzureOpenAIMeasured = new(2, 9, 0, 0);
        private static readonly Version AnthropicMeasured = new(13, 15, 0, 0);

        private readonly INamedTypeSymbol? chatClient;
        private readonly INamedTypeSymbol? responsesClient;
        private readonly INamedTypeSymbol? anthropicMessages;

        public SdkSurfacedExceptions(Compilation compilation)
        {
            HttpRequestException = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestException");
            chatClient = Measured(compilation.GetTypeByMetadataName("OpenAI.Chat.ChatClient"), OpenAIMeasured);
            responsesClient = Measured(compilation.GetTypeByMetadataName("OpenAI.Responses.ResponsesClient"), OpenAIMeasured);
            anthropicMessages = Measured(compilation.GetTypeByMetadataName("Anthropic.Services.IMessageService"), AnthropicMeasured);
        }

        public INamedTypeSymbol? HttpRequestException { get; }

        /// <summary>True when <paramref name="method"/> is a call of a measured SDK client that wraps every transport failure.</summary>
        public bool HidesHttpRequestException(IMethodSymbol method)
        {
            if (HttpRequestException is null)
            {
                return false;
            }

            var type = method.ContainingType;
            if (IsAnthropicCreate(method, type))
            {
                return true;
            }

            // Azure.AI.OpenAI's AzureChatClient derives from ChatClient: its overrides are measured only from 2.9 on.
            if (type is null || (!ProjectThrows.DerivesFrom(type, chatClient) && !ProjectThrows.DerivesFrom(type, responsesClient)))
            {
                return false;
            }

            var assembly = type.ContainingAssembly?.Identity;
            return assembly?.Name switch
            {
                "OpenAI" => true,
                "Azure.AI.OpenAI" => assembly.Version >= AzureOpenAIMeasured,
                _ => false,
            };
        }

        // The SDK's message service (the interface apps hold, IAnthropicClient.Messages, or its implementation): only the
        // non-streaming Create was measured; a stream's failure arrives while it is read.
        private bool IsAnthropicCreate(IMethodSymbol method, INamedTypeSymbol? type) =>
            anthropicMessages is not null
            && type is not null
            && method.Name == "Create"
            && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, anthropicMessages.ContainingAssembly)
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, anthropicMessages) || type.AllInterfaces.Contains(anthropicMessages, SymbolEqualityComparer.Default));

        private static INamedTypeSymbol? Measured(INamedTypeSymbol? type, Version measured) =>
            type?.ContainingAssembly?.Identity.Version >= measured ? type : null;
    }
}
