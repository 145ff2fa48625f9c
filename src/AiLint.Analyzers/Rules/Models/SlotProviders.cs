using System;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The provider a model slot sends its id to when the slot belongs to a single provider's own SDK. A multi-provider
    /// factory reads one settings value at every arm (TelegramGroupsAdmin's <c>FeatureConfig.Model = "gpt-4o-mini"</c>
    /// handed to <c>openAI.GetChatClient(model)</c> and to <c>anthropic.AsIChatClient(model)</c>): at Anthropic's slot
    /// an OpenAI id is not a model that provider serves, and "pin gpt-4o-mini-2024-07-18" is no advice for it. Such a
    /// slot reports only ids whose model-table row is that provider's. The OpenAI SDK's slots and provider-neutral ones
    /// (<c>ChatOptions.ModelId</c>, Semantic Kernel's settings, the Agent Framework) are not provider-specific: a
    /// gateway behind them forwards another provider's id to that provider, so every id stays checked there.
    /// </summary>
    internal static class SlotProviders
    {
        // The native SDKs among the slots AIL0501-AIL0503 read (KnownModelSymbols.SdkRoots), by namespace root, with the
        // provider name their model-table rows carry. Google GenAI and Mistral.SDK are read by the inventory only.
        private static readonly (string Root, string Provider)[] NativeSdks = { ("Anthropic", "anthropic") };

        /// <summary>
        /// The provider of the slot declared by <paramref name="member"/> (the method or constructor whose parameter
        /// takes the id, or the request property it is written to), or null when the slot is not a single provider's:
        /// a member of a type in Anthropic's SDK (<c>MessageCreateParams.Model</c>), or an extension method over one of
        /// its types (Microsoft.Extensions.AI's <c>AsIChatClient(this IAnthropicClient, string? defaultModelId)</c>,
        /// which Anthropic's package declares in the Microsoft.Extensions.AI namespace: the extended client decides).
        /// </summary>
        public static string? Of(ISymbol? member)
        {
            if (member == null)
            {
                return null;
            }

            if (ProviderOf(member.ContainingType) is { } provider)
            {
                return provider;
            }

            return member is IMethodSymbol method
                && (method.ReducedFrom ?? method) is { IsExtensionMethod: true, Parameters.Length: > 0 } extension
                ? ProviderOf(extension.Parameters[0].Type)
                : null;
        }

        private static string? ProviderOf(ITypeSymbol? type)
        {
            if (type == null || type.TypeKind == TypeKind.Error)
            {
                return null;
            }

            var ns = type.ContainingNamespace?.ToDisplayString();
            if (ns == null)
            {
                return null;
            }

            foreach (var (root, provider) in NativeSdks)
            {
                if (ns == root || (ns.Length > root.Length && ns.StartsWith(root, StringComparison.Ordinal) && ns[root.Length] == '.'))
                {
                    return provider;
                }
            }

            return null;
        }
    }
}
