using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The system/instruction slots of the SDKs AiLint knows (sdk-api-surface.md, section C), resolved once per compilation.
    /// A type the compilation does not reference stays null and its slot is never matched.
    /// </summary>
    internal sealed class KnownPromptSymbols
    {
        private KnownPromptSymbols(Compilation compilation)
        {
            PromptAttribute = compilation.GetTypeByMetadataName("AiLint.PromptAttribute");
            MeaiChatMessage = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatMessage");
            MeaiChatRole = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatRole");
            MeaiChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
            OpenAISystemChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.SystemChatMessage");
            OpenAIDeveloperChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.DeveloperChatMessage");
            OpenAIChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatMessage");
            OpenAICreateResponseOptions = compilation.GetTypeByMetadataName("OpenAI.Responses.CreateResponseOptions");
            OpenAIResponseItem = compilation.GetTypeByMetadataName("OpenAI.Responses.ResponseItem");
            AnthropicMessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageCreateParams");
            AnthropicBetaMessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.MessageCreateParams");
        }

        public INamedTypeSymbol? PromptAttribute { get; }

        public INamedTypeSymbol? MeaiChatMessage { get; }

        public INamedTypeSymbol? MeaiChatRole { get; }

        public INamedTypeSymbol? MeaiChatOptions { get; }

        public INamedTypeSymbol? OpenAISystemChatMessage { get; }

        public INamedTypeSymbol? OpenAIDeveloperChatMessage { get; }

        public INamedTypeSymbol? OpenAIChatMessage { get; }

        public INamedTypeSymbol? OpenAICreateResponseOptions { get; }

        public INamedTypeSymbol? OpenAIResponseItem { get; }

        public INamedTypeSymbol? AnthropicMessageCreateParams { get; }

        public INamedTypeSymbol? AnthropicBetaMessageCreateParams { get; }

        /// <summary>Whether any SDK slot can occur at all (otherwise only [Prompt] declares prompts).</summary>
        public bool HasAnySlot =>
            MeaiChatMessage != null || MeaiChatOptions != null || OpenAISystemChatMessage != null || OpenAIDeveloperChatMessage != null
            || OpenAIChatMessage != null || OpenAICreateResponseOptions != null || OpenAIResponseItem != null
            || AnthropicMessageCreateParams != null || AnthropicBetaMessageCreateParams != null;

        public static KnownPromptSymbols Create(Compilation compilation) => new KnownPromptSymbols(compilation);

        /// <summary>The string argument of <paramref name="creation"/> that fills a system/developer slot, if any.</summary>
        public IOperation? GetSlotArgument(IObjectCreationOperation creation)
        {
            var type = creation.Constructor?.ContainingType;
            if (type == null)
            {
                return null;
            }

            if (Is(type, OpenAISystemChatMessage) || Is(type, OpenAIDeveloperChatMessage))
            {
                return StringArgument(creation.Arguments, "content");
            }

            if (Is(type, MeaiChatMessage) && IsSystemRole(creation.Arguments))
            {
                return StringArgument(creation.Arguments, "content");
            }

            return null;
        }

        /// <summary>The string argument of <paramref name="invocation"/> that fills a system/developer slot, if any.</summary>
        public IOperation? GetSlotArgument(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!method.IsStatic)
            {
                return null;
            }

            var type = method.ContainingType;
            if ((Is(type, OpenAIChatMessage) && (method.Name == "CreateSystemMessage" || method.Name == "CreateDeveloperMessage"))
                || (Is(type, OpenAIResponseItem) && (method.Name == "CreateSystemMessageItem" || method.Name == "CreateDeveloperMessageItem")))
            {
                return StringArgument(invocation.Arguments, null);
            }

            return null;
        }

        /// <summary>Whether <paramref name="property"/> is an instructions/system property of a request options type.</summary>
        public bool IsSlotProperty(IPropertySymbol property)
        {
            var type = property.ContainingType;
            return (property.Name == "Instructions" && (Is(type, MeaiChatOptions) || Is(type, OpenAICreateResponseOptions)))
                || (property.Name == "System" && (Is(type, AnthropicMessageCreateParams) || Is(type, AnthropicBetaMessageCreateParams)));
        }

        private bool IsSystemRole(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "role"
                    && Unwrap(argument.Value) is IPropertyReferenceOperation role
                    && role.Property.Name == "System"
                    && Is(role.Property.ContainingType, MeaiChatRole))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? StringArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string? name)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && (name == null || parameter.Name == name))
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>Strips conversions, including user-defined ones such as Anthropic's string-to-MessageCreateParamsSystem.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);
    }
}
