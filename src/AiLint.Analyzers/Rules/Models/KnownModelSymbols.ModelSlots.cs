// KnownModelSymbols: the request slots AIL0501-AIL0505 read (model parameters and properties, SDK model enums, sampling options types and their clones); separate from the symbol table as the tests every call's arguments go through.
using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    internal sealed partial class KnownModelSymbols
    {
        /// <summary>
        /// The id a member of Anthropic's <c>Model</c> enum stands for (<see cref="ModelEnumNames"/>): the SDK's JSON
        /// converter writes <c>Model.ClaudeSonnet4_5_20250929</c> as "claude-sonnet-4-5-20250929", the same convention
        /// for every member. Also an id named through a community SDK's catalog (<see cref="KnownOlderSdkModelSymbols.CatalogId"/>):
        /// Betalgo's <c>Models.Gpt_4</c>, OpenAI_API's <c>Model.ChatGPTTurbo</c>. Null for anything else.
        /// </summary>
        public string? SdkModelEnumId(IOperation value) =>
            AnthropicModel != null
            && ModelIdValue.Unwrap(value) is IFieldReferenceOperation { Field: { HasConstantValue: true } field }
            && Is(field.ContainingType, AnthropicModel)
                ? ModelEnumNames.ToModelId(field.Name)
                : OlderSdks.CatalogId(value, System.Threading.CancellationToken.None);

        /// <summary>Whether <paramref name="parameter"/> of an SDK method or constructor receives a model id.</summary>
        /// <remarks>
        /// The name first: it is called for every argument of every call a member makes, and only three names pass it,
        /// where the type test lets every string through (prompts, keys, paths). Same answers in either order.
        /// </remarks>
        public static bool IsModelParameter(IParameterSymbol? parameter) =>
            parameter != null
            && (string.Equals(parameter.Name, "model", StringComparison.OrdinalIgnoreCase)
                || string.Equals(parameter.Name, "modelId", StringComparison.OrdinalIgnoreCase)
                || (parameter.Name == "defaultModelId" && IsClientAdapter(parameter.ContainingSymbol)))
            && parameter.Type.SpecialType == SpecialType.System_String
            && IsSdkMember(parameter.ContainingSymbol, SdkRoots)
            && !IsResponseFactory(parameter.ContainingType)
            && !TakesDeployment(parameter.ContainingSymbol)
            && !AdaptsUngovernedClient(parameter.ContainingSymbol);

        // Semantic Kernel's Azure OpenAI registrations (AddAzureOpenAIChatCompletion(deploymentName, endpoint, apiKey,
        // serviceId, modelId)) send every request to the deployment; their modelId only labels it, and Azure retires
        // model versions on its own schedule, so the OpenAI dates in the table do not apply to it.
        private static bool TakesDeployment(ISymbol member) =>
            member is IMethodSymbol method && method.Parameters.Any(p => string.Equals(p.Name, "deploymentName", StringComparison.OrdinalIgnoreCase));

        // OpenAIChatModelFactory and friends build fake responses for tests; their "model" is not a request.
        internal static bool IsResponseFactory(INamedTypeSymbol? type) =>
            type?.Name.EndsWith("ModelFactory", StringComparison.Ordinal) ?? false;

        // AsIChatClient(defaultModelId) adapters pick the model every request uses unless its options name another.
        private static bool IsClientAdapter(ISymbol method) =>
            method.Name.StartsWith("As", StringComparison.Ordinal) && method.Name.EndsWith("Client", StringComparison.Ordinal);

        // Clients whose ids the model table governs: the OpenAI SDK's (ResponsesClient, OpenAIClient, ChatClient, ...)
        // and Anthropic's (IAnthropicClient, its beta service).
        private static readonly string[] GovernedClientRoots = { "OpenAI", "Anthropic" };

        /// <summary>
        /// Whether <paramref name="member"/> is an <c>As*Client</c> adapter extension over a client whose ids the table
        /// does not govern: Microsoft.Extensions.AI.AzureAIInference's <c>ChatCompletionsClient.AsIChatClient(defaultModelId)</c>
        /// (<c>AsChatClient(modelId)</c> in its 9.0-9.3 previews) sends the id to GitHub Models or Azure AI Foundry,
        /// which retire models on their own schedules. Only the extended type decides: the adapter is declared in
        /// Microsoft.Extensions.AI whichever client it wraps.
        /// </summary>
        private static bool AdaptsUngovernedClient(ISymbol member)
        {
            if (member is not IMethodSymbol method || !IsClientAdapter(method))
            {
                return false;
            }

            var definition = method.ReducedFrom ?? method;
            if (!definition.IsExtensionMethod || definition.Parameters.Length == 0)
            {
                return false;
            }

            var receiver = definition.Parameters[0].Type;
            return receiver.TypeKind != TypeKind.Error
                && !IsUnder(receiver.ContainingNamespace?.ToDisplayString(), GovernedClientRoots);
        }

        /// <summary>Whether <paramref name="property"/> is the model property of an SDK request/options type.</summary>
        public static bool IsModelProperty(IPropertySymbol property) =>
            IsModelPropertyOf(property, SdkRoots);

        /// <summary>
        /// Whether <paramref name="property"/> is the model property of a request/options type of any SDK the
        /// inventory knows (<see cref="IsModelProperty"/> plus Azure AI Inference, OllamaSharp, Google GenAI, Mistral).
        /// </summary>
        public static bool IsInventoryModelProperty(IPropertySymbol property) =>
            IsModelPropertyOf(property, SdkRoots) || IsModelPropertyOf(property, InventoryOnlySdkRoots);

        /// <summary>Whether <paramref name="member"/> is declared in a namespace of any SDK the inventory knows.</summary>
        public static bool IsInventorySdkMember(ISymbol? member) =>
            IsSdkMember(member, SdkRoots) || IsSdkMember(member, InventoryOnlySdkRoots);

        private static bool IsModelPropertyOf(IPropertySymbol property, string[] roots) =>
            (property.Name == "Model" || property.Name == "ModelId") && IsSdkMember(property, roots) && IsRequestType(property.ContainingType.Name);

        // Requests are *Options, *Params, *Settings or *Request types; ChatResponse.ModelId and the like report which
        // model answered and are set by fakes and tests, not by code choosing a model.
        private static bool IsRequestType(string name) =>
            name.EndsWith("Options", StringComparison.Ordinal) || name.EndsWith("Params", StringComparison.Ordinal)
            || name.EndsWith("Settings", StringComparison.Ordinal) || name.EndsWith("Request", StringComparison.Ordinal);

        /// <summary>Whether <paramref name="type"/> is an options type whose sampling parameters AIL0504/AIL0505 check.</summary>
        /// <remarks>
        /// Asked for every argument of every call a member makes (ModelUses.MayCarryOptions): the type's original
        /// definition is read once here, not once per known type as <see cref="Is"/> would.
        /// </remarks>
        public bool IsSamplingOptionsType(ITypeSymbol? type)
        {
            if (type?.OriginalDefinition is not { } definition)
            {
                return false;
            }

            return Same(definition, OpenAIChatCompletionOptions) || Same(definition, OpenAICreateResponseOptions) || Same(definition, MeaiChatOptions)
                || Same(definition, AnthropicMessageCreateParams) || Same(definition, AnthropicBetaMessageCreateParams)
                || Same(definition, SemanticKernelOpenAISettings) || OlderSdks.IsSamplingRequestType(type);
        }

        /// <summary>
        /// Whether a call copies an options object: <c>ChatOptions.Clone()</c> of Microsoft.Extensions.AI, Semantic
        /// Kernel's <c>PromptExecutionSettings.Clone()</c>. The copy starts with every value the source holds.
        /// </summary>
        public bool IsOptionsClone(IInvocationOperation invocation) =>
            invocation.TargetMethod is { Name: "Clone", Parameters.Length: 0, IsStatic: false }
            && invocation.Instance != null
            && IsSamplingOptionsType(ModelIdValue.Unwrap(invocation.Instance).Type);
    }
}
