using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The SDK types that carry a model id or sampling parameters, resolved once per compilation. Model slots are
    /// recognised by symbol: a <c>string</c> parameter named <c>model</c> or <c>modelId</c>, or a <c>Model</c>/<c>ModelId</c>
    /// property, of a member declared in one of the SDKs' namespaces. Azure OpenAI takes deployment names (parameters
    /// named <c>deploymentName</c>), which are not model ids, and its namespace is not one of these.
    /// </summary>
    internal sealed class KnownModelSymbols
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

        // The project's OpenAI clients for another server and where they are handed out, computed on first need.
        private RedirectedClients? redirectedClients;

        // The project's AddHttpClient registrations (ConfiguredHttpClients), scanned on first need.
        private ConfiguredHttpClients.Registrations? httpClientRegistrations;

        // The project's only DI chat service registration (ProjectChatRegistrations), boxed: null inside is an answer too.
        private StrongBox<IInvocationOperation?>? soleChatRegistration;

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

        /// <summary>
        /// The project's OpenAI clients for another server (<see cref="OtherEndpoints"/>) and the types the code hands
        /// them out as: a client the code at hand does not create (injected, from a property) may be one of them when
        /// its type is one of those. Computed once per compilation, on first need (concurrent first calls compute the
        /// same answer).
        /// </summary>
        public RedirectedClients ProjectRedirectedClients(System.Threading.CancellationToken cancellationToken)
        {
            var found = System.Threading.Volatile.Read(ref redirectedClients);
            if (found == null)
            {
                found = OtherEndpoints.ProjectCreatesClientElsewhere(compilation, this, cancellationToken);
                found = System.Threading.Interlocked.CompareExchange(ref redirectedClients, found, null) ?? found;
            }

            return found;
        }

        /// <summary>Whether a provider-neutral request (<see cref="IsProviderNeutralRequest"/>) may reach one of the project's clients for another server.</summary>
        public bool ProjectRedirectsOpenAI(System.Threading.CancellationToken cancellationToken) =>
            ProjectRedirectedClients(cancellationToken).AnyHandedOut;

        /// <summary>The project's <c>AddHttpClient</c> registrations (<see cref="ConfiguredHttpClients.Scan"/>), scanned once per compilation on first need.</summary>
        public ConfiguredHttpClients.Registrations HttpClientRegistrations(System.Threading.CancellationToken cancellationToken)
        {
            var found = System.Threading.Volatile.Read(ref httpClientRegistrations);
            if (found == null)
            {
                found = ConfiguredHttpClients.Scan(compilation, this, cancellationToken);
                found = System.Threading.Interlocked.CompareExchange(ref httpClientRegistrations, found, null) ?? found;
            }

            return found;
        }

        /// <summary>The project's only chat service registration, made on DI (<see cref="ProjectChatRegistrations"/>); computed once per compilation.</summary>
        public IInvocationOperation? SoleChatRegistration(System.Threading.CancellationToken cancellationToken)
        {
            var found = System.Threading.Volatile.Read(ref soleChatRegistration);
            if (found == null)
            {
                found = new StrongBox<IInvocationOperation?>(ProjectChatRegistrations.SoleDiRegistration(compilation, this, cancellationToken));
                found = System.Threading.Interlocked.CompareExchange(ref soleChatRegistration, found, null) ?? found;
            }

            return found.Value;
        }

        public bool IsServiceCollection(ITypeSymbol? type) =>
            type != null && ServiceCollection != null && (Is(type, ServiceCollection) || type.AllInterfaces.Any(i => Is(i, ServiceCollection)));

        public bool IsKernelBuilder(ITypeSymbol? type) =>
            type != null && KernelBuilder != null && (Is(type, KernelBuilder) || type.AllInterfaces.Any(i => Is(i, KernelBuilder)));

        public bool IsServiceCollectionOrKernelBuilder(ITypeSymbol? type) => IsServiceCollection(type) || IsKernelBuilder(type);

        /// <summary>
        /// Whether a call registers a chat client (<c>AddChatClient</c>, <c>AddKeyedChatClient</c>, Semantic Kernel's
        /// <c>AddOpenAIChatClient</c>, <c>AddSingleton&lt;IChatClient&gt;</c>): Semantic Kernel may serve prompts through it.
        /// </summary>
        public bool RegistersChatClient(IMethodSymbol method) =>
            (method.Name.StartsWith("Add", StringComparison.Ordinal) && method.Name.EndsWith("ChatClient", StringComparison.Ordinal))
            || (MeaiChatClient != null && method.IsGenericMethod && method.TypeArguments.Any(argument => Is(argument, MeaiChatClient)));

        /// <summary><c>factory.CreateClient("name")</c> or <c>factory.CreateClient()</c>.</summary>
        public bool IsHttpClientFactoryCreate(IMethodSymbol method) =>
            method.Name == "CreateClient"
            && (Is(method.ContainingType, HttpClientFactory) || Is(method.ContainingType, HttpClientFactoryExtensions)
                || (HttpClientFactory != null && method.ContainingType.AllInterfaces.Any(i => Is(i, HttpClientFactory))));

        /// <summary><c>services.AddHttpClient("name", ...)</c>, <c>AddHttpClient&lt;TClient&gt;(...)</c>.</summary>
        public bool IsAddHttpClient(IMethodSymbol method) =>
            method.Name == "AddHttpClient" && Is(method.ContainingType, HttpClientServiceExtensions);

        /// <summary>A call that configures named or typed clients: <c>AddHttpClient</c> with a lambda, or a client builder's configuring call.</summary>
        public bool ConfiguresHttpClient(IMethodSymbol method) =>
            IsAddHttpClient(method)
            || (Is(method.ContainingType, HttpClientBuilderExtensions) && IsBuilderConfigurationName(method.Name));

        /// <summary>
        /// Whether a called name can be <see cref="IsAddHttpClient"/> or <see cref="ConfiguresHttpClient"/>: a syntax-only
        /// test, so that scans bind only the calls that spell one of these names.
        /// </summary>
        public static bool MayConfigureHttpClient(string? calledName) =>
            calledName == "AddHttpClient" || IsBuilderConfigurationName(calledName);

        private static bool IsBuilderConfigurationName(string? name) =>
            name is "ConfigureHttpClient" or "AddHttpMessageHandler" or "ConfigurePrimaryHttpMessageHandler";

        public bool IsHttpClientBuilder(ITypeSymbol? type) =>
            type != null && (Is(type, HttpClientBuilder) || (HttpClientBuilder != null && type.AllInterfaces.Any(i => Is(i, HttpClientBuilder))));

        /// <summary>Whether <paramref name="type"/> derives from <c>HttpMessageHandler</c>.</summary>
        public bool IsHttpMessageHandler(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Is(current, HttpMessageHandler))
                {
                    return true;
                }
            }

            return false;
        }

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

        /// <summary>
        /// Whether <paramref name="method"/> registers a chat completion service with Semantic Kernel
        /// (<c>AddOpenAIChatCompletion</c>, <c>AddAzureOpenAIChatCompletion</c>, <c>AddOllamaChatCompletion</c>, ...).
        /// </summary>
        public static bool IsChatCompletionRegistration(IMethodSymbol method) =>
            method.Name.StartsWith("Add", StringComparison.Ordinal)
            && method.Name.EndsWith("ChatCompletion", StringComparison.Ordinal)
            && IsSdkMember(method, RegistrationRoots)
            && method.ContainingAssembly?.Name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) == true;

        public bool IsOpenAIClientOptions(ITypeSymbol? type) => Is(type, OpenAIClientOptions);

        public bool IsHttpClient(ITypeSymbol? type) => Is(type, HttpClient);

        /// <summary>Whether <paramref name="type"/> is a client of the OpenAI SDK (<c>OpenAIClient</c>, <c>ChatClient</c>, ...), Azure's excluded.</summary>
        public bool IsOpenAIClientType(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeKind: TypeKind.Class } named
            && named.Name.EndsWith("Client", StringComparison.Ordinal)
            && IsUnder(named.ContainingNamespace?.ToDisplayString(), OpenAIRoot)
            && !IsAzureDeploymentType(named);

        /// <summary>Whether <paramref name="type"/> is the OpenAI SDK's root <c>OpenAIClient</c>, which hands out every sub-client.</summary>
        public bool IsOpenAIRootClient(ITypeSymbol? type) => Is(type, OpenAIClient);

        /// <summary>
        /// Whether a value of <paramref name="type"/> may still send requests for a client it came from: an OpenAI SDK
        /// client, a Microsoft.Extensions.AI <c>IChatClient</c>, Semantic Kernel's kernel or chat service.
        /// </summary>
        public bool IsClientLike(ITypeSymbol? type) =>
            type != null
            && (IsOpenAIClientType(type) || IsAzureDeploymentType(type as INamedTypeSymbol) || IsKernelOrChatService(type)
                || (MeaiChatClient != null && (Is(type, MeaiChatClient) || type.AllInterfaces.Any(i => Is(i, MeaiChatClient)))));

        /// <summary>Whether <paramref name="type"/> is Semantic Kernel's <c>Kernel</c> or a chat completion service.</summary>
        public bool IsKernelOrChatService(ITypeSymbol? type) => Is(type, SemanticKernel) || IsChatCompletionService(type);

        /// <summary>Whether <paramref name="type"/> is, or implements, Semantic Kernel's <c>IChatCompletionService</c>.</summary>
        public bool IsChatCompletionService(ITypeSymbol? type) =>
            type != null && ChatCompletionService != null
            && (Is(type, ChatCompletionService) || type.AllInterfaces.Any(i => Is(i, ChatCompletionService)));

        /// <summary>
        /// Whether <paramref name="type"/> names its model for whichever client or service it is sent to: Microsoft.Extensions.AI's
        /// <c>ChatOptions</c> (any <c>IChatClient</c>) and Semantic Kernel's <c>OpenAIPromptExecutionSettings</c> (picks the
        /// registered service with that model id). In a project that also points an OpenAI client at another server,
        /// their <c>ModelId</c> may be that server's name.
        /// </summary>
        public bool IsProviderNeutralRequest(ITypeSymbol? type) => Is(type, MeaiChatOptions) || Is(type, SemanticKernelOpenAISettings);

        /// <summary>
        /// Whether a generic call registers a chat completion service by hand (<c>services.AddSingleton&lt;IChatCompletionService&gt;(...)</c>,
        /// <c>AddKeyedSingleton&lt;IChatCompletionService&gt;</c>, <c>AddSingleton(chatService)</c> with the type inferred as an
        /// implementation): one more service the kernel may pick. A lookup that returns the service
        /// (<c>kernel.GetRequiredService&lt;IChatCompletionService&gt;()</c>, <c>GetAllServices&lt;T&gt;()</c>) registers nothing: it
        /// hands out the registered one.
        /// </summary>
        public bool RegistersChatService(IMethodSymbol method) =>
            ChatCompletionService != null && method.IsGenericMethod && method.TypeArguments.Any(IsChatCompletionService)
            && !ReturnsChatService(method.ReturnType);

        // T, T?, IEnumerable<T> of a chat completion service: what a service lookup returns.
        private bool ReturnsChatService(ITypeSymbol returnType) =>
            IsChatCompletionService(returnType)
            || (returnType is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Any(IsChatCompletionService));

        /// <summary>Whether <paramref name="type"/> is exactly Semantic Kernel's OpenAI execution settings (not Azure's, which derive from it).</summary>
        public bool IsSemanticKernelOpenAISettings(ITypeSymbol? type) => Is(type, SemanticKernelOpenAISettings);

        // --- Semantic Kernel's kernel-building and request API, for the settings-to-kernel link (SettingsKernels) ---

        /// <summary>Semantic Kernel's <c>KernelArguments</c>, which carries execution settings to a kernel request.</summary>
        public INamedTypeSymbol? KernelArguments { get; }

        public bool IsKernel(ITypeSymbol? type) => Is(type, SemanticKernel);

        public bool IsKernelArguments(ITypeSymbol? type) => Is(type, KernelArguments);

        /// <summary><c>Kernel.CreateBuilder()</c>: a kernel builder with no service yet.</summary>
        public bool IsKernelBuilderFactory(IMethodSymbol method) =>
            method is { Name: "CreateBuilder", IsStatic: true } && Is(method.ContainingType, SemanticKernel);

        /// <summary><c>builder.Build()</c>: the kernel made from a builder.</summary>
        public bool IsKernelBuild(IMethodSymbol method) => method.Name == "Build" && Is(method.ReturnType, SemanticKernel);

        /// <summary>Semantic Kernel's OpenAI connector registration (not Azure's, not another connector's).</summary>
        public static bool IsOpenAIConnectorRegistration(IMethodSymbol method) =>
            IsChatCompletionRegistration(method) && method.Name == "AddOpenAIChatCompletion";

        /// <summary><c>builder.Plugins</c>: plugins added there never change which chat service a request goes to.</summary>
        public static bool IsKernelPlugins(IPropertySymbol property) => property.Name == "Plugins";

        // --- end of the settings-to-kernel block ---

        /// <summary>Whether <paramref name="type"/> is, or derives from, Azure's <c>AzureOpenAIClient</c> (not Semantic Kernel's Azure settings).</summary>
        public bool IsAzureClient(ITypeSymbol? type)
        {
            for (var current = type; current != null && AzureOpenAIClient != null; current = current.BaseType)
            {
                if (Is(current, AzureOpenAIClient))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is, or derives from, a type whose model slots take Azure deployment names.</summary>
        public bool IsAzureDeploymentType(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Is(current, AzureOpenAIClient) || Is(current, SemanticKernelAzureOpenAISettings))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The default-value argument of <c>ConfigurationBinder.GetValue(configuration, key, defaultValue)</c>, the id
        /// the app sends whenever configuration has no such key; null for any other call.
        /// </summary>
        public IOperation? ConfigurationDefault(IInvocationOperation invocation)
        {
            if (ConfigurationBinder == null
                || invocation.TargetMethod.Name != "GetValue"
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, ConfigurationBinder))
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Name == "defaultValue")
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The last segment of the configuration key a value reads (<c>configuration["OpenAI:Model"]</c>,
        /// <c>GetSection("OpenAI")["Model"]</c>, <c>GetSection("OpenAI:Model").Value</c>,
        /// <c>configuration.GetValue&lt;string&gt;("OpenAI:Model", ...)</c>): "Model". Null when the value reads no
        /// constant key of an <c>IConfiguration</c>.
        /// </summary>
        public string? ConfigurationKey(IOperation value)
        {
            string? key = null;
            switch (ModelIdValue.Unwrap(value))
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsConfiguration(indexer.Instance?.Type):
                    key = indexer.Arguments[0].Value.ConstantValue.Value as string;
                    break;
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } section }
                        when IsConfiguration(section.Instance?.Type):
                    key = section.Arguments[0].Value.ConstantValue.Value as string;
                    break;
                case IInvocationOperation invocation when ConfigurationBinder != null
                        && invocation.TargetMethod.Name == "GetValue"
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, ConfigurationBinder):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name == "key")
                        {
                            key = argument.Value.ConstantValue.Value as string;
                        }
                    }

                    break;
            }

            return key == null ? null : key.Substring(key.LastIndexOf(':') + 1);
        }

        private bool IsConfiguration(ITypeSymbol? type) =>
            type != null && Configuration != null && (Is(type, Configuration) || type.AllInterfaces.Any(i => Is(i, Configuration)));

        /// <summary>The key a <c>[ConfigurationKeyName]</c> attribute binds the property from (last segment), or null.</summary>
        public string? ConfigurationKeyName(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (Is(attribute.AttributeClass, ConfigurationKeyNameAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string key)
                {
                    return key.Substring(key.LastIndexOf(':') + 1);
                }
            }

            return null;
        }

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
