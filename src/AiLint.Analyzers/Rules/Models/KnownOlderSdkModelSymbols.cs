using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The model slots of the community SDKs that 2023-2024 apps were written against (docs/design/sdk-facts.md),
    /// resolved once per compilation: Betalgo.Ranul.OpenAI 9.x (<c>ChatCompletionCreateRequest.Model</c>, the
    /// <c>modelId</c> argument of <c>CreateCompletion</c>, <c>OpenAIOptions.DefaultModelId</c>, and its <c>Models.*</c>
    /// ids) and OkGoDoIt's OpenAI_API 1.x (<c>ChatRequest.Model</c>, <c>CompletionRequest.Model</c>,
    /// <c>Conversation.Model</c>, the <c>model</c> arguments of its chat and completion endpoints, and its
    /// <c>Model.ChatGPTTurbo</c>-style ids). Azure.AI.OpenAI 1.0 beta's <c>deploymentOrModelName</c> is a model id only
    /// on a client the code shows was built for OpenAI's own endpoint (<see cref="AzureBeta"/>); elsewhere it is an Azure
    /// deployment name. Azure.AI.Inference sends to Azure or GitHub Models, whose model lifecycles are not OpenAI's: it
    /// is not read here.
    /// </summary>
    internal sealed class KnownOlderSdkModelSymbols
    {
        /// <summary>
        /// Betalgo's <c>Models</c> static class: get-only static properties, each returning one fixed id (as
        /// Betalgo.Ranul.OpenAI 9.2.6 ships them; tests/AiLint.Tests/Models/OlderSdkModelTableTests.cs reads each one
        /// from the real assembly). Ids of chat and completion models, and of the image and moderation models the table lists (retired ones).
        /// </summary>
        internal static readonly IReadOnlyDictionary<string, string> BetalgoModelIds = new Dictionary<string, string>
        {
            ["Gpt_4"] = "gpt-4",
            ["Dall_e_2"] = "dall-e-2",
            ["Dall_e_3"] = "dall-e-3",
            ["TextModeration007"] = "text-moderation-007",
            ["TextModerationLatest"] = "text-moderation-latest",
            ["TextModerationStable"] = "text-moderation-stable",
            ["Gpt_4_32k"] = "gpt-4-32k",
            ["Gpt_4_0314"] = "gpt-4-0314",
            ["Gpt_4_32k_0314"] = "gpt-4-32k-0314",
            ["Gpt_4_0613"] = "gpt-4-0613",
            ["Gpt_4_32k_0613"] = "gpt-4-32k-0613",
            ["Gpt_4_1106_preview"] = "gpt-4-1106-preview",
            ["Gpt_4_0125_preview"] = "gpt-4-0125-preview",
            ["Gpt_4_vision_preview"] = "gpt-4-vision-preview",
            ["Gpt_4_turbo_preview"] = "gpt-4-turbo-preview",
            ["Gpt_4_turbo"] = "gpt-4-turbo",
            ["Gpt_4_turbo_2024_04_09"] = "gpt-4-turbo-2024-04-09",
            ["Gpt_4_1"] = "gpt-4.1",
            ["Gpt_4_1_2025_04_14"] = "gpt-4.1-2025-04-14",
            ["Gpt_4_1_mini"] = "gpt-4.1-mini",
            ["Gpt_4_1_mini_2025_04_14"] = "gpt-4.1-mini-2025-04-14",
            ["Gpt_4_1_nano"] = "gpt-4.1-nano",
            ["Gpt_4_1_nano_2025_04_14"] = "gpt-4.1-nano-2025-04-14",
            ["Gpt_4o"] = "gpt-4o",
            ["Gpt_4o_2024_05_13"] = "gpt-4o-2024-05-13",
            ["Gpt_4o_2024_08_06"] = "gpt-4o-2024-08-06",
            ["Gpt_4o_mini"] = "gpt-4o-mini",
            ["Gpt_4o_mini_2024_07_18"] = "gpt-4o-mini-2024-07-18",
            ["Chatgpt_4o_latest"] = "chatgpt-4o-latest",
            ["Ada"] = "ada",
            ["Babbage"] = "babbage",
            ["Curie"] = "curie",
            ["Davinci"] = "davinci",
            ["TextDavinciV1"] = "text-davinci-001",
            ["TextDavinciV2"] = "text-davinci-002",
            ["TextDavinciV3"] = "text-davinci-003",
            ["TextAdaV1"] = "text-ada-001",
            ["TextBabbageV1"] = "text-babbage-001",
            ["TextCurieV1"] = "text-curie-001",
            ["TextEditDavinciV1"] = "text-davinci-edit-001",
            ["CodeEditDavinciV1"] = "code-davinci-edit-001",
            ["ChatGpt3_5Turbo"] = "gpt-3.5-turbo",
            ["Gpt_3_5_Turbo"] = "gpt-3.5-turbo",
            ["Gpt_3_5_Turbo_16k"] = "gpt-3.5-turbo-16k",
            ["ChatGpt3_5Turbo0301"] = "gpt-3.5-turbo-0301",
            ["Gpt_3_5_Turbo_0301"] = "gpt-3.5-turbo-0301",
            ["Gpt_3_5_Turbo_0613"] = "gpt-3.5-turbo-0613",
            ["Gpt_3_5_Turbo_1106"] = "gpt-3.5-turbo-1106",
            ["Gpt_3_5_Turbo_0125"] = "gpt-3.5-turbo-0125",
            ["Gpt_3_5_Turbo_16k_0613"] = "gpt-3.5-turbo-16k-0613",
            ["Gpt_3_5_Turbo_Instruct"] = "gpt-3.5-turbo-instruct",
            ["O1_preview"] = "o1-preview",
            ["O1_mini"] = "o1-mini",
            ["O1_preview_2024_09_12"] = "o1-preview-2024-09-12",
            ["O1_mini_2024_09_12"] = "o1-mini-2024-09-12",
            ["O1"] = "o1",
            ["O1_2024_12_17"] = "o1-2024-12-17",
            ["O3_mini"] = "o3-mini",
            ["O3_mini_2025_01_31"] = "o3-mini-2025-01-31",
            ["O1_pro_2025_03_19"] = "o1-pro-2025-03-19",
            ["O3_2025_04_16"] = "o3-2025-04-16",
            ["O4_mini_2025_04_16"] = "o4-mini-2025-04-16",
        };

        /// <summary>
        /// OpenAI_API's <c>Model</c> class: get-only static properties that each build a <c>Model</c> from one fixed id
        /// (as OpenAI_API 1.11 ships them; checked against the real assembly by the same tests). The settable
        /// <c>Model.DefaultModel</c>/<c>DefaultChatModel</c> are not fixed and are not listed. Chat, completion
        /// and (retired) image and moderation models only.
        /// </summary>
        internal static readonly IReadOnlyDictionary<string, string> OpenAIApiModelIds = new Dictionary<string, string>
        {
            ["GPT4"] = "gpt-4",
            ["DALLE2"] = "dall-e-2",
            ["DALLE3"] = "dall-e-3",
            ["TextModerationLatest"] = "text-moderation-latest",
            ["TextModerationStable"] = "text-moderation-stable",
            ["GPT4_32k_Context"] = "gpt-4-32k",
            ["GPT4_Vision"] = "gpt-4-vision-preview",
            ["GPT4_Turbo"] = "gpt-4-turbo-preview",
            ["ChatGPTTurbo"] = "gpt-3.5-turbo",
            ["ChatGPTTurbo_1106"] = "gpt-3.5-turbo-1106",
            ["ChatGPTTurbo_16k"] = "gpt-3.5-turbo-16k",
            ["ChatGPTTurboInstruct"] = "gpt-3.5-turbo-instruct",
            ["Babbage"] = "babbage-002",
            ["Davinci"] = "davinci-002",
            ["AdaText"] = "text-ada-001",
            ["BabbageText"] = "text-babbage-001",
            ["CurieText"] = "text-curie-001",
            ["DavinciText"] = "text-davinci-003",
            ["CushmanCode"] = "code-cushman-001",
            ["DavinciCode"] = "code-davinci-002",
        };

        // Betalgo's OpenAIOptions members that send requests to Azure (a deployment, whatever the body's model says) or
        // to another OpenAI-compatible server (its own model names); OpenAI_API's equivalents on OpenAIAPI.
        private static readonly string[] BetalgoRedirectingOptions = { "ProviderType", "DeploymentId", "ResourceName", "BaseDomain" };
        private static readonly string[] OpenAIApiRedirectingMembers = { "ForAzure", "ApiUrlFormat" };

        private readonly Compilation compilation;

        // Whether the project points a community SDK client at Azure or another server (ProjectSendsElsewhere), boxed once known.
        private System.Runtime.CompilerServices.StrongBox<bool>? sendsElsewhere;

        public KnownOlderSdkModelSymbols(Compilation compilation)
        {
            this.compilation = compilation;
            BetalgoModels = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.ObjectModels.Models");
            BetalgoChatRequest = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatCompletionCreateRequest");
            BetalgoCompletionRequest = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.CompletionCreateRequest");
            BetalgoChatService = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Interfaces.IChatCompletionService");
            BetalgoCompletionService = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Interfaces.ICompletionService");
            BetalgoOptions = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.OpenAIOptions");
            BetalgoService = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Interfaces.IOpenAIService");
            OpenAIApiModel = compilation.GetTypeByMetadataName("OpenAI_API.Models.Model");
            OpenAIApiChatRequest = compilation.GetTypeByMetadataName("OpenAI_API.Chat.ChatRequest");
            OpenAIApiCompletionRequest = compilation.GetTypeByMetadataName("OpenAI_API.Completions.CompletionRequest");
            OpenAIApiConversation = compilation.GetTypeByMetadataName("OpenAI_API.Chat.Conversation");
            OpenAIApiChatEndpoint = compilation.GetTypeByMetadataName("OpenAI_API.Chat.ChatEndpoint");
            OpenAIApiChatEndpointInterface = compilation.GetTypeByMetadataName("OpenAI_API.Chat.IChatEndpoint");
            OpenAIApiCompletionEndpoint = compilation.GetTypeByMetadataName("OpenAI_API.Completions.CompletionEndpoint");
            OpenAIApiCompletionEndpointInterface = compilation.GetTypeByMetadataName("OpenAI_API.Completions.ICompletionEndpoint");
            OpenAIApi = compilation.GetTypeByMetadataName("OpenAI_API.OpenAIAPI");
            AzureBeta = new AzureBetaOpenAIEndpointClients(compilation);
            HasAny = BetalgoChatRequest != null || OpenAIApiChatRequest != null;
        }

        public INamedTypeSymbol? BetalgoModels { get; }

        public INamedTypeSymbol? BetalgoChatRequest { get; }

        public INamedTypeSymbol? BetalgoCompletionRequest { get; }

        /// <summary><c>IChatCompletionService.CreateCompletion(request, modelId)</c>: the <c>modelId</c> replaces the request's model.</summary>
        public INamedTypeSymbol? BetalgoChatService { get; }

        public INamedTypeSymbol? BetalgoCompletionService { get; }

        /// <summary><c>OpenAIOptions.DefaultModelId</c>: the model of every request that names none.</summary>
        public INamedTypeSymbol? BetalgoOptions { get; }

        /// <summary><c>IOpenAIService.SetDefaultModelId(modelId)</c>: like <c>DefaultModelId</c>, set after the service is built.</summary>
        public INamedTypeSymbol? BetalgoService { get; }

        public INamedTypeSymbol? OpenAIApiModel { get; }

        public INamedTypeSymbol? OpenAIApiChatRequest { get; }

        public INamedTypeSymbol? OpenAIApiCompletionRequest { get; }

        public INamedTypeSymbol? OpenAIApiConversation { get; }

        public INamedTypeSymbol? OpenAIApiChatEndpoint { get; }

        public INamedTypeSymbol? OpenAIApiChatEndpointInterface { get; }

        public INamedTypeSymbol? OpenAIApiCompletionEndpoint { get; }

        public INamedTypeSymbol? OpenAIApiCompletionEndpointInterface { get; }

        /// <summary><c>OpenAIAPI</c>: <c>ForAzure(...)</c> and <c>ApiUrlFormat</c> send its requests elsewhere.</summary>
        public INamedTypeSymbol? OpenAIApi { get; }

        /// <summary>Azure.AI.OpenAI 1.0 beta's clients built for OpenAI's own endpoint, whose <c>deploymentOrModelName</c> is a model id.</summary>
        public AzureBetaOpenAIEndpointClients AzureBeta { get; }

        /// <summary>
        /// Whether either community SDK is referenced. Not the Azure.AI.OpenAI 1.0 beta (<see cref="AzureBeta"/>): a
        /// project with only the beta may address Azure deployments, so it does not make settings files' model keys
        /// model ids (the family's <c>HasAnySdk</c>); its slots are read only at calls on a proven OpenAI-endpoint client.
        /// </summary>
        public bool HasAny { get; }

        /// <summary>
        /// Whether <paramref name="property"/> is a model slot of these SDKs: <c>Model</c> of their chat and completion
        /// requests (a <c>string</c>, or OpenAI_API's <c>Model</c> on a <c>Conversation</c>), Betalgo's
        /// <c>OpenAIOptions.DefaultModelId</c>.
        /// </summary>
        public bool IsModelProperty(IPropertySymbol property)
        {
            if (!HasAny)
            {
                return false;
            }

            var type = property.ContainingType;
            return property.Name switch
            {
                "Model" => Is(type, BetalgoChatRequest) || Is(type, BetalgoCompletionRequest)
                    || Is(type, OpenAIApiChatRequest) || Is(type, OpenAIApiCompletionRequest) || Is(type, OpenAIApiConversation),
                "DefaultModelId" => Is(type, BetalgoOptions),
                _ => false,
            };
        }

        /// <summary>
        /// Whether <paramref name="parameter"/> receives a model id: Betalgo's <c>string modelId</c> of
        /// <c>CreateCompletion</c>/<c>CreateCompletionAsStream</c> and <c>SetDefaultModelId</c>, OpenAI_API's <c>Model model</c> of its chat and
        /// completion endpoints, of <c>new CompletionRequest(...)</c> and of <c>new Conversation(...)</c>.
        /// </summary>
        public bool IsModelParameter(IParameterSymbol? parameter)
        {
            if (!HasAny || parameter?.ContainingSymbol is not IMethodSymbol method)
            {
                return false;
            }

            var type = method.ContainingType;
            if (parameter.Name == "modelId" && parameter.Type.SpecialType == SpecialType.System_String)
            {
                return method.Name == "SetDefaultModelId"
                    ? IsOrImplements(type, BetalgoService)
                    : method.Name.StartsWith("CreateCompletion", System.StringComparison.Ordinal)
                        && (IsOrImplements(type, BetalgoChatService) || IsOrImplements(type, BetalgoCompletionService));
            }

            return parameter.Name == "model"
                && Is(parameter.Type, OpenAIApiModel)
                && (Is(type, OpenAIApiChatEndpoint) || Is(type, OpenAIApiChatEndpointInterface) || Is(type, OpenAIApiCompletionEndpoint)
                    || Is(type, OpenAIApiCompletionEndpointInterface) || Is(type, OpenAIApiCompletionRequest) || Is(type, OpenAIApiConversation));
        }

        /// <summary>Whether <paramref name="type"/> is a request whose sampling parameters go to the model it names.</summary>
        public bool IsSamplingRequestType(ITypeSymbol? type) =>
            HasAny && (Is(type, BetalgoChatRequest) || Is(type, BetalgoCompletionRequest) || Is(type, OpenAIApiChatRequest) || Is(type, OpenAIApiCompletionRequest));

        /// <summary>Whether <paramref name="member"/> is declared by one of these SDKs' assemblies.</summary>
        public bool IsOlderSdkMember(ISymbol member)
        {
            var assembly = member.ContainingAssembly;
            return assembly != null
                && (SymbolEqualityComparer.Default.Equals(assembly, BetalgoChatRequest?.ContainingAssembly)
                    || SymbolEqualityComparer.Default.Equals(assembly, BetalgoOptions?.ContainingAssembly)
                    || SymbolEqualityComparer.Default.Equals(assembly, OpenAIApiModel?.ContainingAssembly));
        }

        /// <summary>
        /// The id a value names through these SDKs' own catalogs: <c>Models.Gpt_4</c> (Betalgo), <c>Model.ChatGPTTurbo</c>
        /// (OpenAI_API, also through its implicit conversion to <c>string</c>) or <c>new Model("gpt-4")</c>. Null otherwise.
        /// </summary>
        public string? CatalogId(IOperation value, CancellationToken cancellationToken)
        {
            if (!HasAny)
            {
                return null;
            }

            switch (ModelIdValue.Unwrap(value))
            {
                case IPropertyReferenceOperation { Instance: null, Property: { IsStatic: true, SetMethod: null } property }:
                    if (Is(property.ContainingType, BetalgoModels) && BetalgoModelIds.TryGetValue(property.Name, out var betalgoId))
                    {
                        return betalgoId;
                    }

                    return Is(property.ContainingType, OpenAIApiModel) && OpenAIApiModelIds.TryGetValue(property.Name, out var openAIApiId)
                        ? openAIApiId
                        : null;
                case IObjectCreationOperation { Arguments.Length: 1 } creation when Is(creation.Type, OpenAIApiModel):
                    return ModelIdValue.Fold(creation.Arguments[0].Value, cancellationToken);
                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether the project points a community SDK client at Azure or another OpenAI-compatible server anywhere:
        /// Betalgo's <c>OpenAIOptions.ProviderType</c>, <c>DeploymentId</c>, <c>ResourceName</c> or <c>BaseDomain</c>,
        /// OpenAI_API's <c>OpenAIAPI.ForAzure(...)</c> or <c>ApiUrlFormat</c>. Such a client sends the request to a
        /// deployment or to a server with its own model names, and which requests go there is not visible at the slot,
        /// so no slot of that SDK is checked. Scanned once per compilation, on first need: names first, then binding.
        /// </summary>
        public bool ProjectSendsElsewhere(CancellationToken cancellationToken)
        {
            var found = Volatile.Read(ref sendsElsewhere);
            if (found == null)
            {
                found = new System.Runtime.CompilerServices.StrongBox<bool>(ScanForRedirects(cancellationToken));
                found = Interlocked.CompareExchange(ref sendsElsewhere, found, null) ?? found;
            }

            return found.Value;
        }

        private bool ScanForRedirects(CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var identifier in tree.GetRoot(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    var name = identifier.Identifier.ValueText;
                    if (!BetalgoRedirectingOptions.Contains(name) && !OpenAIApiRedirectingMembers.Contains(name))
                    {
                        continue;
                    }

                    model ??= compilation.GetSemanticModel(tree);
                    var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                    if (symbol is IPropertySymbol or IMethodSymbol
                        && (Is(symbol.ContainingType, BetalgoOptions) || Is(symbol.ContainingType, OpenAIApi)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Keys of a bound settings section that send Betalgo's requests elsewhere (<c>"OpenAIServiceOptions": { "BaseDomain": ... }</c>).</summary>
        public static IEnumerable<string> RedirectingSettingsKeys => BetalgoRedirectingOptions;

        private static bool IsOrImplements(INamedTypeSymbol? type, INamedTypeSymbol? known) =>
            type != null && known != null && (Is(type, known) || type.AllInterfaces.Any(i => Is(i, known)));

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);
    }
}
