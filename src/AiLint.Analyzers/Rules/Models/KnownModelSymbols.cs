using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The SDK types that carry a model id or sampling parameters, resolved once per compilation. Model slots are
    /// recognised by symbol: a <c>string</c> parameter named <c>model</c> or <c>modelId</c>, or a <c>Model</c>/<c>ModelId</c>
    /// property, of a member declared in one of the SDKs' namespaces. Azure OpenAI takes deployment names (parameters
    /// named <c>deploymentName</c>), which are not model ids, and its namespace is not one of these.
    /// </summary>
    internal sealed partial class KnownModelSymbols
    {
        private static readonly string[] SdkRoots = { "OpenAI", "Anthropic", "Microsoft.Extensions.AI", "Microsoft.SemanticKernel", "Microsoft.Agents.AI" };

        // SDKs whose slots only the inventory (ailint bom, ModelSlots) lists: the model table has no rows for their
        // providers, and Azure OpenAI takes deployment names. AIL0501-AIL0505 never look at them.
        // Semantic Kernel's registrations extend IKernelBuilder (Microsoft.SemanticKernel) and IServiceCollection
        // (Microsoft.Extensions.DependencyInjection, in Semantic Kernel's own assemblies).
        private static readonly string[] RegistrationRoots = { "Microsoft.SemanticKernel", "Microsoft.Extensions.DependencyInjection" };

        private static readonly string[] OpenAIRoot = { "OpenAI" };

        private static readonly string[] InventoryOnlySdkRoots = { "Azure.AI.OpenAI", "Azure.AI.Inference", "OllamaSharp", "Google.GenAI", "Mistral.SDK" };

        private readonly Compilation compilation;

        private KnownModelSymbols(Compilation compilation)
        {
            this.compilation = compilation;
            OpenAIChatCompletionOptions = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatCompletionOptions");
            OpenAICreateResponseOptions = compilation.GetTypeByMetadataName("OpenAI.Responses.CreateResponseOptions");
            MeaiChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
            AgentOptions = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgentOptions");
            AgentRunOptions = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgentRunOptions");
            ChatClientAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgent");
            AIAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgent");
            AnthropicMessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageCreateParams");
            AnthropicBetaMessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.MessageCreateParams");
            AnthropicModel = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.Model");
            SemanticKernelOpenAISettings = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings");
            AzureOpenAIClient = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.AzureOpenAIClient");
            AspireRegistrations = new AspireOpenAIRegistrations(compilation, AzureOpenAIClient);
            SemanticKernelAzureOpenAISettings = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAIPromptExecutionSettings");
            ConfigurationBinder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.ConfigurationBinder");
            Configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            ConfigurationKeyNameAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute");
            OpenAIClientOptions = compilation.GetTypeByMetadataName("OpenAI.OpenAIClientOptions");
            HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            HttpMessageHandler = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageHandler");
            HttpClientFactory = compilation.GetTypeByMetadataName("System.Net.Http.IHttpClientFactory");
            HttpClientFactoryExtensions = compilation.GetTypeByMetadataName("System.Net.Http.HttpClientFactoryExtensions");
            HttpClientServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions");
            HttpClientBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions");
            HttpClientBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHttpClientBuilder");
            ServiceCollection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");
            KernelBuilder = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.IKernelBuilder");
            MeaiChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
            ConfigureOptionsExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ConfigureOptionsChatClientBuilderExtensions");
            OpenAIClient = compilation.GetTypeByMetadataName("OpenAI.OpenAIClient");
            SemanticKernel = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel");
            ChatCompletionService = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
            KernelArguments = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelArguments");
            // McpServer.AsSamplingChatClient() (ModelContextProtocol 1.x-2.x); before 1.0 an extension on IMcpServer.
            McpSamplingClientSources = new[]
            {
                compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServer"),
                compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerExtensions"),
            }.OfType<INamedTypeSymbol>().ToArray();
            IsTestProject = Prompts.TestProjects.IsTestProject(compilation);
            OlderSdks = new KnownOlderSdkModelSymbols(compilation);
            HasAnthropicClient = AnthropicMessageCreateParams != null || compilation.GetTypeByMetadataName("Anthropic.AnthropicClient") != null;
            HasAnySdk = OlderSdks.HasAny || OpenAIChatCompletionOptions != null || MeaiChatOptions != null || HasAnthropicClient
                || compilation.GetTypeByMetadataName("OpenAI.OpenAIClient") != null
                || compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel") != null;
        }

        /// <summary>The compilation references Anthropic's SDK (its request type or its client), directly or through a referenced project.</summary>
        public bool HasAnthropicClient { get; }

        public INamedTypeSymbol? OpenAIChatCompletionOptions { get; }

        public INamedTypeSymbol? OpenAICreateResponseOptions { get; }

        public INamedTypeSymbol? MeaiChatOptions { get; }

        /// <summary>Whether the compilation is a unit-test project (it references a test framework's test attribute).</summary>
        public bool IsTestProject { get; }

        /// <summary>
        /// True the first time a location is offered: a diagnostic on a shared value (a dictionary entry) that several
        /// members read is reported once per compilation.
        /// </summary>
        internal bool ReportOnce(Location location) =>
            reportedShared.TryAdd((location.SourceTree, location.SourceSpan), 0);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<(SyntaxTree?, Microsoft.CodeAnalysis.Text.TextSpan), byte> reportedShared =
            new System.Collections.Concurrent.ConcurrentDictionary<(SyntaxTree?, Microsoft.CodeAnalysis.Text.TextSpan), byte>();

        /// <summary>Which parameters of the referenced projects' methods reach a model slot (their summaries), read on first use.</summary>
        internal ReferencedModelParameters ReferencedParameters => referencedParameters ??= ReferencedModelParameters.For(compilation);

        private ReferencedModelParameters? referencedParameters;

        /// <summary>Which parameters of the project's helpers reach a model slot, cached for the compilation.</summary>
        internal HelperParameterSlots HelperParameters { get; } = new HelperParameterSlots();

        /// <summary>Which parameters of the project's constructors a stored field sends to a model slot (review81 U-1), cached for the compilation.</summary>
        internal ConstructorArgumentSlots ConstructorArguments { get; } = new ConstructorArgumentSlots();

        /// <summary>Ids a project helper reads from a project enum member's attribute (<c>AIModel.Gpt4o.GetDescription()</c>), made on first need.</summary>
        internal EnumAttributeIds EnumAttributes => System.Threading.LazyInitializer.EnsureInitialized(ref enumAttributes, () => new EnumAttributeIds(compilation))!;

        private EnumAttributeIds? enumAttributes;

        /// <summary>Agent Framework's <c>ChatClientAgentOptions</c>: carries the agent's default <c>ChatOptions</c>.</summary>
        public INamedTypeSymbol? AgentOptions { get; }

        /// <summary>Agent Framework's <c>ChatClientAgentRunOptions</c>: carries one run's <c>ChatOptions</c> (constructor argument or property).</summary>
        public INamedTypeSymbol? AgentRunOptions { get; }

        /// <summary>Agent Framework's <c>ChatClientAgent</c>: its constructor's first argument is the chat client it sends to.</summary>
        public INamedTypeSymbol? ChatClientAgent { get; }

        public bool IsChatClientAgent(ITypeSymbol? type) => Is(type, ChatClientAgent);

        /// <summary>Agent Framework's <c>AIAgent</c> base type.</summary>
        public INamedTypeSymbol? AIAgent { get; }

        /// <summary>Whether a local of this type may hold a <c>ChatClientAgent</c>.</summary>
        public bool IsAgent(ITypeSymbol? type) => Is(type, AIAgent) || Is(type, ChatClientAgent);

        /// <summary>Whether <paramref name="type"/> wraps a <c>ChatOptions</c> for an agent (<see cref="AgentOptions"/>, <see cref="AgentRunOptions"/>).</summary>
        public bool IsAgentOptionsWrapper(ITypeSymbol? type) => Is(type, AgentOptions) || Is(type, AgentRunOptions);

        public INamedTypeSymbol? AnthropicMessageCreateParams { get; }

        public INamedTypeSymbol? AnthropicBetaMessageCreateParams { get; }

        /// <summary>Anthropic's model enum (<c>Model.ClaudeSonnet4_5_20250929</c>): its members name the ids the SDK sends.</summary>
        public INamedTypeSymbol? AnthropicModel { get; }

        /// <summary>Semantic Kernel's OpenAI execution settings: <c>Temperature</c>, <c>TopP</c> and the rest go to the request.</summary>
        public INamedTypeSymbol? SemanticKernelOpenAISettings { get; }

        /// <summary>Azure OpenAI's client: its <c>Get*Client</c> methods take deployment names, even when called through <c>OpenAIClient</c>.</summary>
        public INamedTypeSymbol? AzureOpenAIClient { get; }

        /// <summary>Aspire's OpenAI client integrations (<see cref="AspireOpenAIRegistrations"/>), resolved once per compilation.</summary>
        public AspireOpenAIRegistrations AspireRegistrations { get; }

        /// <summary>Semantic Kernel's Azure OpenAI settings: their <c>ModelId</c> selects an Azure deployment's label, not an OpenAI model.</summary>
        public INamedTypeSymbol? SemanticKernelAzureOpenAISettings { get; }

        /// <summary><c>configuration.GetValue("OpenAI:Model", "gpt-4o")</c>: the default is the id whenever the key is missing.</summary>
        public INamedTypeSymbol? ConfigurationBinder { get; }

        /// <summary><c>IConfiguration</c>: <c>configuration["OpenAI:Model"]</c> reads the key the settings files may set.</summary>
        public INamedTypeSymbol? Configuration { get; }

        /// <summary><c>[ConfigurationKeyName("OPENAI_MODEL")]</c>: the key configuration binds a settings property from.</summary>
        public INamedTypeSymbol? ConfigurationKeyNameAttribute { get; }

        /// <summary>The OpenAI SDK's client options: an <c>Endpoint</c> or <c>Transport</c> sends requests to another server.</summary>
        public INamedTypeSymbol? OpenAIClientOptions { get; }

        /// <summary>An <c>HttpClient</c> given to Semantic Kernel's OpenAI connector: its base address or handler may point elsewhere.</summary>
        public INamedTypeSymbol? HttpClient { get; }

        /// <summary>A message handler: one declared in the project may rewrite the request URL.</summary>
        public INamedTypeSymbol? HttpMessageHandler { get; }

        /// <summary><c>IHttpClientFactory</c>: <c>CreateClient("name")</c> hands out the client a registration configures.</summary>
        public INamedTypeSymbol? HttpClientFactory { get; }

        /// <summary><c>factory.CreateClient()</c> without a name: the default client.</summary>
        public INamedTypeSymbol? HttpClientFactoryExtensions { get; }

        /// <summary><c>services.AddHttpClient(...)</c>: named and typed client registrations.</summary>
        public INamedTypeSymbol? HttpClientServiceExtensions { get; }

        /// <summary><c>ConfigureHttpClient</c>, <c>AddHttpMessageHandler</c>, <c>ConfigurePrimaryHttpMessageHandler</c> on a client builder.</summary>
        public INamedTypeSymbol? HttpClientBuilderExtensions { get; }

        /// <summary>The builder <c>AddHttpClient</c> returns, carried along a configuration chain.</summary>
        public INamedTypeSymbol? HttpClientBuilder { get; }

        /// <summary>DI's service collection: Semantic Kernel registrations on it serve the kernel DI hands out.</summary>
        public INamedTypeSymbol? ServiceCollection { get; }

        /// <summary>Semantic Kernel's kernel builder (<c>Kernel.CreateBuilder()</c>, or <c>services.AddKernel()</c>).</summary>
        public INamedTypeSymbol? KernelBuilder { get; }

        /// <summary>Microsoft.Extensions.AI's chat client: a registered one can serve Semantic Kernel's prompts too.</summary>
        public INamedTypeSymbol? MeaiChatClient { get; }

        /// <summary>The OpenAI SDK's root client, which hands out chat, responses and other sub-clients.</summary>
        public INamedTypeSymbol? OpenAIClient { get; }

        /// <summary>Semantic Kernel's kernel: settings sent to one the member did not build may go to any model.</summary>
        public INamedTypeSymbol? SemanticKernel { get; }

        /// <summary>Semantic Kernel's chat completion service, which execution settings are also sent to.</summary>
        public INamedTypeSymbol? ChatCompletionService { get; }

        /// <summary>The types declaring the MCP server's <c>AsSamplingChatClient()</c> (<see cref="McpSamplingHints"/>).</summary>
        public INamedTypeSymbol[] McpSamplingClientSources { get; }

        /// <summary>The model slots of the community SDKs 2023-2024 apps were written against (Betalgo, OpenAI_API).</summary>
        public KnownOlderSdkModelSymbols OlderSdks { get; }

        /// <summary>Whether the compilation references any SDK with a model slot; otherwise the family does nothing.</summary>
        public bool HasAnySdk { get; }

        public static KnownModelSymbols Create(Compilation compilation) => PerCompilation.GetValue(compilation, c => new KnownModelSymbols(c));

        // One instance per compilation: its lazily scanned registrations are then shared by the Models analyzer and the
        // base-address reading the LLM-call recognizer prepares (RawHttpBaseAddresses), whichever comes first.
        private static readonly ConditionalWeakTable<Compilation, KnownModelSymbols> PerCompilation = new ConditionalWeakTable<Compilation, KnownModelSymbols>();

        private static bool IsSdkMember(ISymbol? member, string[] roots) =>
            IsUnder(member?.ContainingType?.ContainingNamespace?.ToDisplayString(), roots);

        private static bool IsUnder(string? ns, string[] roots)
        {
            if (ns == null)
            {
                return false;
            }

            foreach (var root in roots)
            {
                if (ns == root || (ns.Length > root.Length && ns.StartsWith(root, StringComparison.Ordinal) && ns[root.Length] == '.'))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);

        // Is, for a type whose original definition the caller already read.
        private static bool Same(ITypeSymbol definition, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(definition, known);
    }
}
