using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// System-message slots of the pre-2.0 and community SDKs 2023-2024 apps still call the model through (names as
    /// their assemblies declare them, docs/design/sdk-facts.md C): Azure.AI.OpenAI 1.0.0-beta's
    /// <c>new ChatMessage(ChatRole.System, prompt)</c>, Azure.AI.Inference's <c>new ChatRequestSystemMessage(prompt)</c>,
    /// Betalgo.Ranul.OpenAI's <c>ChatMessage.FromSystem(prompt)</c> and OpenAI 1.x (OkGoDoIt's <c>OpenAI_API</c>)
    /// <c>conversation.AppendSystemMessage(prompt)</c> / <c>new ChatMessage(ChatMessageRole.System, prompt)</c>.
    /// Kept apart from <see cref="KnownPromptSymbols"/>' own properties: none of these packages is in the default test
    /// references, so the SDK-name meta-test checks them against each package's own assembly.
    /// </summary>
    internal sealed class OlderSdkPromptSlots
    {
        public OlderSdkPromptSlots(Compilation compilation)
        {
            AzureBetaChatMessage = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.ChatMessage");
            AzureBetaChatRole = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.ChatRole");
            InferenceSystemMessage = compilation.GetTypeByMetadataName("Azure.AI.Inference.ChatRequestSystemMessage");
            InferenceDeveloperMessage = compilation.GetTypeByMetadataName("Azure.AI.Inference.ChatRequestDeveloperMessage");
            BetalgoChatMessage = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatMessage");
            BetalgoChatCompletionRole = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Contracts.Enums.ChatCompletionRole");
            OpenAIApiConversation = compilation.GetTypeByMetadataName("OpenAI_API.Chat.Conversation");
            OpenAIApiChatMessage = compilation.GetTypeByMetadataName("OpenAI_API.Chat.ChatMessage");
            OpenAIApiChatMessageRole = compilation.GetTypeByMetadataName("OpenAI_API.Chat.ChatMessageRole");
        }

        /// <summary>Azure.AI.OpenAI 1.0.0-beta's message (the 2.x package has no such type: it uses OpenAI.Chat's).</summary>
        public INamedTypeSymbol? AzureBetaChatMessage { get; }

        public INamedTypeSymbol? AzureBetaChatRole { get; }

        public INamedTypeSymbol? InferenceSystemMessage { get; }

        public INamedTypeSymbol? InferenceDeveloperMessage { get; }

        public INamedTypeSymbol? BetalgoChatMessage { get; }

        /// <summary>A struct with static <c>System</c>/<c>Developer</c>/... properties and an implicit conversion from the wire string.</summary>
        public INamedTypeSymbol? BetalgoChatCompletionRole { get; }

        public INamedTypeSymbol? OpenAIApiConversation { get; }

        public INamedTypeSymbol? OpenAIApiChatMessage { get; }

        public INamedTypeSymbol? OpenAIApiChatMessageRole { get; }

        public bool HasAnySlot =>
            AzureBetaChatMessage != null || InferenceSystemMessage != null || BetalgoChatMessage != null
            || OpenAIApiConversation != null || OpenAIApiChatMessage != null;

        /// <summary>The types the relevance gate seeds from (Gating/RelevanceSeeds).</summary>
        public IEnumerable<INamedTypeSymbol?> Types() => new[]
        {
            AzureBetaChatMessage, AzureBetaChatRole, InferenceSystemMessage, InferenceDeveloperMessage, BetalgoChatMessage, BetalgoChatCompletionRole,
            OpenAIApiConversation, OpenAIApiChatMessage, OpenAIApiChatMessageRole,
        };

        /// <summary>Adds the system text of a message created with the system (or developer) role.</summary>
        public void FindSlotValues(INamedTypeSymbol type, IObjectCreationOperation creation, List<PromptSlot> results)
        {
            if (KnownPromptSymbols.Is(type, InferenceSystemMessage) || KnownPromptSymbols.Is(type, InferenceDeveloperMessage))
            {
                KnownPromptSymbols.AddString(creation.Arguments, "content", results);
            }
            else if (KnownPromptSymbols.Is(type, AzureBetaChatMessage))
            {
                if (KnownPromptSymbols.HasRole(creation.Arguments, "role", AzureBetaChatRole))
                {
                    KnownPromptSymbols.AddString(creation.Arguments, "content", results);
                }

                KnownPromptSymbols.AddInitializedContent(creation, AzureBetaChatRole, results);
            }
            else if (KnownPromptSymbols.Is(type, BetalgoChatMessage))
            {
                // new ChatMessage(ChatCompletionRole.System, prompt), or the wire name through the implicit conversion
                // (new ChatMessage("system", prompt)); "assistant" and "user" messages are the conversation.
                if (KnownPromptSymbols.HasRole(creation.Arguments, "role", BetalgoChatCompletionRole) || HasSystemRoleName(creation.Arguments))
                {
                    KnownPromptSymbols.AddString(creation.Arguments, "content", results);
                }

                KnownPromptSymbols.AddInitializedContent(creation, BetalgoChatCompletionRole, results);
            }
            else if (KnownPromptSymbols.Is(type, OpenAIApiChatMessage))
            {
                if (KnownPromptSymbols.HasRole(creation.Arguments, "role", OpenAIApiChatMessageRole))
                {
                    KnownPromptSymbols.AddString(creation.Arguments, "text", results);
                }

                KnownPromptSymbols.AddInitializedContent(creation, OpenAIApiChatMessageRole, results);
            }
        }

        /// <summary>The <c>role</c> argument is the constant "system" or "developer" (the roles' wire names).</summary>
        private static bool HasSystemRoleName(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "role"
                    && KnownPromptSymbols.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string name })
                {
                    return name == "system" || name == "developer";
                }
            }

            return false;
        }

        /// <summary><c>ChatMessage.FromSystem(prompt)</c> (Betalgo) and <c>conversation.AppendSystemMessage(prompt)</c> / <c>AppendMessage(ChatMessageRole.System, prompt)</c> (OpenAI_API).</summary>
        public void FindSlotValues(IInvocationOperation invocation, List<PromptSlot> results)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (method.IsStatic && method.Name == "FromSystem" && KnownPromptSymbols.Is(type, BetalgoChatMessage))
            {
                KnownPromptSymbols.AddString(invocation.Arguments, "content", results);
            }
            else if (KnownPromptSymbols.Is(type, OpenAIApiConversation))
            {
                if (method.Name == "AppendSystemMessage")
                {
                    KnownPromptSymbols.AddString(invocation.Arguments, "content", results);
                }
                else if (method.Name == "AppendMessage" && KnownPromptSymbols.HasRole(invocation.Arguments, "role", OpenAIApiChatMessageRole))
                {
                    KnownPromptSymbols.AddString(invocation.Arguments, "text", results);
                }
            }
        }
    }
}
