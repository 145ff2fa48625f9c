using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The SDK symbols AIL0201/AIL0202 need, resolved once per compilation (metadata names verified against
    /// MEAI Abstractions 10.11, OpenAI 2.15, Anthropic 13.15 with Anthropic.Mcp 1.0, ModelContextProtocol 2.4,
    /// Microsoft.Agents.AI 1.28 and Semantic Kernel 1.82). Semantic Kernel's registrations are extension methods
    /// spread over several static classes and overloads, so they are recognised by name within its namespace.
    /// </summary>
    internal sealed class KnownToolSymbols
    {
        private KnownToolSymbols(Compilation compilation)
        {
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            ISetOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.ISet`1");
            SystemType = compilation.GetTypeByMetadataName("System.Type");
            ArgumentOutOfRangeException = compilation.GetTypeByMetadataName("System.ArgumentOutOfRangeException");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            FromServicesAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.FromServicesAttribute");
            FromKeyedServicesAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute");
            EndpointRouteBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
            ServiceProviderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions");
            KeyedServiceProviderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions");

            // Microsoft.Extensions.AI
            ChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
            AITool = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AITool");
            HostedMcpServerTool = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.HostedMcpServerTool");

            // OpenAI
            ChatCompletionOptions = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatCompletionOptions");
            CreateResponseOptions = compilation.GetTypeByMetadataName("OpenAI.Responses.CreateResponseOptions");
            ChatTool = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatTool");
            ResponseTool = compilation.GetTypeByMetadataName("OpenAI.Responses.ResponseTool");
            OpenAIMcpTool = compilation.GetTypeByMetadataName("OpenAI.Responses.McpTool");

            // OpenAI Realtime (experimental, OPENAI002): a voice session's tools and one response's, IList<RealtimeTool>.
            RealtimeConversationSessionOptions = compilation.GetTypeByMetadataName("OpenAI.Realtime.RealtimeConversationSessionOptions");
            RealtimeResponseOptions = compilation.GetTypeByMetadataName("OpenAI.Realtime.RealtimeResponseOptions");
            RealtimeTool = compilation.GetTypeByMetadataName("OpenAI.Realtime.RealtimeTool");

            // Anthropic
            MessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageCreateParams");
            BetaMessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.MessageCreateParams");
            AnthropicTool = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.Tool");
            AnthropicBetaTool = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.BetaTool");
            ToolUnion = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.ToolUnion");
            BetaToolUnion = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.BetaToolUnion");
            BetaRunnableTool = compilation.GetTypeByMetadataName("Anthropic.Helpers.Beta.IBetaRunnableTool");
            BetaToolRunnerExtensions = compilation.GetTypeByMetadataName("Anthropic.Helpers.Beta.BetaToolRunnerExtensions");
            BetaMessageThread = compilation.GetTypeByMetadataName("Anthropic.Helpers.Beta.BetaMessageThread");
            BetaMessageThreadOfT = compilation.GetTypeByMetadataName("Anthropic.Helpers.Beta.BetaMessageThread`1");

            // MCP
            McpClient = compilation.GetTypeByMetadataName("ModelContextProtocol.Client.McpClient");

            // ModelContextProtocol before 0.4 (checked against 0.2.0-preview.3), which many public apps still build with:
            // the client is the IMcpClient interface and ListToolsAsync an extension method of McpClientExtensions.
            // Only the types the referenced version declares are kept (a list, so a version without them is no gap).
            McpClientTypes = NonNull(McpClient, compilation.GetTypeByMetadataName("ModelContextProtocol.Client.IMcpClient"));
            McpToolListers = NonNull(McpClient, compilation.GetTypeByMetadataName("ModelContextProtocol.Client.McpClientExtensions"));
            McpClientTool = compilation.GetTypeByMetadataName("ModelContextProtocol.Client.McpClientTool");

            // One page of a server's list (2.x): what the paged ListToolsAsync(ListToolsRequestParams, ct) returns.
            McpListToolsResult = compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.ListToolsResult");
            Streams = new McpToolStreams(compilation, McpToolListers);

            // What a client connects through (HttpClientTransport, StdioClientTransport, SseClientTransport before 0.4):
            // the inputs a helper only hands to it say where the server is (see ServerLocatorInputs).
            McpClientTransport = compilation.GetTypeByMetadataName("ModelContextProtocol.Client.IClientTransport");

            // An in-process MCP server reached through pipes (see InProcessMcpServer).
            StreamClientTransport = compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.StreamClientTransport");
            StreamServerTransport = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.StreamServerTransport");
            McpServer = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServer");
            McpServerOptions = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerOptions");
            McpServerToolAttribute = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerToolAttribute");
            Pipe = compilation.GetTypeByMetadataName("System.IO.Pipelines.Pipe");

            // Semantic Kernel (by metadata name, see the class remarks)
            KernelFunction = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelFunction");
            KernelFunctionAttribute = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelFunctionAttribute");
            FunctionChoice = new KernelFunctionChoice(compilation);

            // Agent Framework (Microsoft.Agents.AI 1.28) and Anthropic's MCP helpers (Anthropic.Mcp 1.0)
            ChatClientAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgent");
            AnthropicBetaMcp = compilation.GetTypeByMetadataName("Anthropic.Helpers.Beta.Mcp.BetaMcp");

            var toolTypes = new List<INamedTypeSymbol>();
            foreach (var type in new[] { AITool, ChatTool, ResponseTool, RealtimeTool, AnthropicTool, AnthropicBetaTool, ToolUnion, BetaToolUnion, BetaRunnableTool, KernelFunction })
            {
                if (type != null)
                {
                    toolTypes.Add(type);
                }
            }

            ToolTypes = toolTypes.ToImmutableArray();

            var sinks = ImmutableHashSet.CreateBuilder<IPropertySymbol>(SymbolEqualityComparer.Default);
            AddProperty(sinks, ChatOptions, "Tools");
            AddProperty(sinks, ChatCompletionOptions, "Tools");
            AddProperty(sinks, CreateResponseOptions, "Tools");
            AddProperty(sinks, RealtimeConversationSessionOptions, "Tools");
            AddProperty(sinks, RealtimeResponseOptions, "Tools");
            AddProperty(sinks, MessageCreateParams, "Tools");
            AddProperty(sinks, BetaMessageCreateParams, "Tools");
            SinkProperties = sinks.ToImmutable();

            // The tool-choice settings of the same request types (see RequestToolChoice).
            ChatToolMode = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatToolMode");
            RequiredChatToolMode = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.RequiredChatToolMode");
            ChatToolChoice = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatToolChoice");
            ResponseToolChoice = compilation.GetTypeByMetadataName("OpenAI.Responses.ResponseToolChoice");
            AnthropicToolChoice = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.ToolChoice");
            AnthropicBetaToolChoice = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.BetaToolChoice");
            AnthropicNoChoiceTypes = NonNull(
                compilation.GetTypeByMetadataName("Anthropic.Models.Messages.ToolChoiceNone"),
                compilation.GetTypeByMetadataName("Anthropic.Models.Messages.ToolChoiceTool"),
                compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.BetaToolChoiceNone"),
                compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.BetaToolChoiceTool"));

            var choices = ImmutableHashSet.CreateBuilder<IPropertySymbol>(SymbolEqualityComparer.Default);
            AddProperty(choices, ChatOptions, "ToolMode");
            AddProperty(choices, ChatCompletionOptions, "ToolChoice");
            AddProperty(choices, CreateResponseOptions, "ToolChoice");
            AddProperty(choices, MessageCreateParams, "ToolChoice");
            AddProperty(choices, BetaMessageCreateParams, "ToolChoice");
            ToolChoiceProperties = choices.ToImmutable();
        }

        /// <summary>MEAI's <c>ChatToolMode</c> (<c>None</c>, <c>RequireSpecific(name)</c>, <c>Auto</c>, <c>RequireAny</c>).</summary>
        public INamedTypeSymbol? ChatToolMode { get; }

        /// <summary><c>new RequiredChatToolMode(name)</c>: a specific tool when the name is not null.</summary>
        public INamedTypeSymbol? RequiredChatToolMode { get; }

        /// <summary>OpenAI chat completions' <c>ChatToolChoice.CreateNoneChoice()</c>/<c>CreateFunctionChoice(name)</c>.</summary>
        public INamedTypeSymbol? ChatToolChoice { get; }

        /// <summary>OpenAI Responses' <c>ResponseToolChoice.CreateNoneChoice()</c>/<c>CreateFunctionChoice(name)</c>.</summary>
        public INamedTypeSymbol? ResponseToolChoice { get; }

        /// <summary>Anthropic's tool-choice unions (<c>new ToolChoice(new ToolChoiceNone())</c>).</summary>
        public INamedTypeSymbol? AnthropicToolChoice { get; }
        public INamedTypeSymbol? AnthropicBetaToolChoice { get; }

        /// <summary>Anthropic's <c>ToolChoiceNone</c> and <c>ToolChoiceTool</c> (also Beta): no choice among the tools.</summary>
        public ImmutableArray<INamedTypeSymbol> AnthropicNoChoiceTypes { get; }

        /// <summary>The tool-choice properties of the request-option types whose <c>Tools</c> are sinks.</summary>
        public ImmutableHashSet<IPropertySymbol> ToolChoiceProperties { get; }

        public bool IsToolChoiceProperty(IPropertySymbol property) =>
            ToolChoiceProperties.Contains(property.OriginalDefinition);

        public INamedTypeSymbol? Enumerable { get; }
        public INamedTypeSymbol IEnumerableOfT { get; }
        public INamedTypeSymbol? ListOfT { get; }

        /// <summary><c>ISet&lt;T&gt;</c>: a set built from a list may hold fewer items (duplicates, or a comparer by name).</summary>
        public INamedTypeSymbol? ISetOfT { get; }

        public bool IsSet(ITypeSymbol? type)
        {
            if (type == null || ISetOfT == null)
            {
                return false;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, ISetOfT))
                {
                    return true;
                }
            }

            return false;
        }
        public INamedTypeSymbol? SystemType { get; }

        /// <summary>Its <c>ThrowIfGreaterThan(tools.Count, 20)</c> guards (.NET 8+) cap the collection they test.</summary>
        public INamedTypeSymbol? ArgumentOutOfRangeException { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? FromServicesAttribute { get; }
        public INamedTypeSymbol? FromKeyedServicesAttribute { get; }
        public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

        /// <summary><c>sp.GetRequiredService&lt;T&gt;()</c>, <c>GetService&lt;T&gt;()</c> and their keyed forms: the container's instance of T, as an injected parameter.</summary>
        public INamedTypeSymbol? ServiceProviderExtensions { get; }
        public INamedTypeSymbol? KeyedServiceProviderExtensions { get; }
        public INamedTypeSymbol? ChatOptions { get; }
        public INamedTypeSymbol? AITool { get; }
        public INamedTypeSymbol? HostedMcpServerTool { get; }
        public INamedTypeSymbol? ChatCompletionOptions { get; }
        public INamedTypeSymbol? CreateResponseOptions { get; }
        public INamedTypeSymbol? ChatTool { get; }
        public INamedTypeSymbol? ResponseTool { get; }
        public INamedTypeSymbol? OpenAIMcpTool { get; }

        /// <summary>OpenAI Realtime's session options (<c>RealtimeConversationSessionOptions.Tools</c>): a catalog sink.</summary>
        public INamedTypeSymbol? RealtimeConversationSessionOptions { get; }

        /// <summary>OpenAI Realtime's per-response options (<c>RealtimeResponseOptions.Tools</c>): a catalog sink.</summary>
        public INamedTypeSymbol? RealtimeResponseOptions { get; }

        /// <summary>The base of OpenAI Realtime's tools (<c>RealtimeFunctionTool</c>, <c>RealtimeMcpTool</c>).</summary>
        public INamedTypeSymbol? RealtimeTool { get; }
        public INamedTypeSymbol? MessageCreateParams { get; }
        public INamedTypeSymbol? BetaMessageCreateParams { get; }
        public INamedTypeSymbol? AnthropicTool { get; }
        public INamedTypeSymbol? AnthropicBetaTool { get; }
        public INamedTypeSymbol? ToolUnion { get; }
        public INamedTypeSymbol? BetaToolUnion { get; }
        public INamedTypeSymbol? BetaRunnableTool { get; }
        public INamedTypeSymbol? BetaToolRunnerExtensions { get; }
        public INamedTypeSymbol? BetaMessageThread { get; }
        public INamedTypeSymbol? BetaMessageThreadOfT { get; }
        public INamedTypeSymbol? McpClient { get; }

        /// <summary>The MCP client types of the referenced version: <c>McpClient</c> (0.4 and later) or <c>IMcpClient</c> (before).</summary>
        public ImmutableArray<INamedTypeSymbol> McpClientTypes { get; }

        /// <summary>The types whose <c>ListToolsAsync</c> lists a server's tools: <c>McpClient</c>, or <c>McpClientExtensions</c> before 0.4.</summary>
        public ImmutableArray<INamedTypeSymbol> McpToolListers { get; }

        /// <summary>The server's list read as a stream (<c>EnumerateToolsAsync</c> before 0.4) and the stream operators.</summary>
        public McpToolStreams Streams { get; }

        /// <summary><c>mcp.ListToolsAsync()</c> on any MCP client version this analyzer knows: the overload that returns every tool.</summary>
        public bool IsMcpListTools(IMethodSymbol method) => IsMcpLister(method) && !ReturnsToolPage(method);

        /// <summary>
        /// <c>mcp.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct)</c> (2.x): the overload that returns one
        /// page, a <c>ListToolsResult</c> whose <c>Tools</c> hold the page and whose <c>NextCursor</c> asks for the next.
        /// </summary>
        public bool IsMcpListToolsPage(IMethodSymbol method) => IsMcpLister(method) && ReturnsToolPage(method);

        /// <summary>The <c>Tools</c> of a <c>ListToolsResult</c> (protocol tools, not yet tools a model is given).</summary>
        public bool IsMcpPageTools(IPropertySymbol property) =>
            property.Name == "Tools" && McpListToolsResult != null
            && SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, McpListToolsResult);

        /// <summary><c>ModelContextProtocol.Protocol.ListToolsResult</c>, when the referenced version declares it.</summary>
        public INamedTypeSymbol? McpListToolsResult { get; }

        private bool IsMcpLister(IMethodSymbol method) =>
            method.Name == "ListToolsAsync" && method.ContainingType != null && McpToolListers.Contains(method.ContainingType.OriginalDefinition, SymbolEqualityComparer.Default);

        private bool ReturnsToolPage(IMethodSymbol method) =>
            McpListToolsResult != null
            && SymbolEqualityComparer.Default.Equals(CatalogEvaluator.UnwrapTask(method.ReturnType)?.OriginalDefinition, McpListToolsResult);

        /// <summary>An MCP client parameter (a builder given one still takes no input of the turn).</summary>
        public bool IsMcpClient(ITypeSymbol? type) =>
            type != null && McpClientTypes.Contains(type.OriginalDefinition, SymbolEqualityComparer.Default);
        public INamedTypeSymbol? McpClientTool { get; }

        /// <summary><c>ModelContextProtocol.Client.IClientTransport</c> (the same name in 0.2 and 2.x).</summary>
        public INamedTypeSymbol? McpClientTransport { get; }

        /// <summary>A type that implements the MCP client transport interface (<c>new HttpClientTransport(...)</c>).</summary>
        public bool IsMcpClientTransport(ITypeSymbol? type) =>
            McpClientTransport != null && type != null
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, McpClientTransport)
                || type.AllInterfaces.Contains(McpClientTransport, SymbolEqualityComparer.Default));
        public INamedTypeSymbol? StreamClientTransport { get; }
        public INamedTypeSymbol? StreamServerTransport { get; }
        public INamedTypeSymbol? McpServer { get; }
        public INamedTypeSymbol? McpServerOptions { get; }
        public INamedTypeSymbol? McpServerToolAttribute { get; }
        public INamedTypeSymbol? Pipe { get; }
        public INamedTypeSymbol? KernelFunction { get; }
        public INamedTypeSymbol? KernelFunctionAttribute { get; }

        /// <summary>Whether the project asks Semantic Kernel to offer whole kernels (scanned on first use).</summary>
        public KernelFunctionChoice FunctionChoice { get; }
        public INamedTypeSymbol? ChatClientAgent { get; }
        public INamedTypeSymbol? AnthropicBetaMcp { get; }

        /// <summary>
        /// An Agent Framework factory that takes the agent's tools: <c>chatClient.AsAIAgent(..., tools: ...)</c> and the
        /// provider packages' <c>CreateAIAgent</c>/<c>AsAIAgent</c> overloads (recognised by name within the
        /// Microsoft.Agents.AI assemblies, so every provider package's overload is covered).
        /// </summary>
        public static bool IsAgentFactory(IMethodSymbol method) =>
            (method.Name == "AsAIAgent" || method.Name == "CreateAIAgent")
            && method.ContainingAssembly?.Name.StartsWith("Microsoft.Agents.AI", System.StringComparison.Ordinal) == true;

        /// <summary>Element types that make a collection a tool catalog.</summary>
        public ImmutableArray<INamedTypeSymbol> ToolTypes { get; }

        /// <summary>The <c>Tools</c> properties of the request-option types.</summary>
        public ImmutableHashSet<IPropertySymbol> SinkProperties { get; }

        private static ImmutableArray<INamedTypeSymbol> NonNull(params INamedTypeSymbol?[] types)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var type in types)
            {
                if (type != null)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Null when no SDK with a tool catalog is referenced: the rules have nothing to look at.</summary>
        public static KnownToolSymbols? TryCreate(Compilation compilation)
        {
            var symbols = new KnownToolSymbols(compilation);
            return symbols.ToolTypes.IsEmpty ? null : symbols;
        }

        public bool IsToolType(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var tool in ToolTypes)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, tool))
                    {
                        return true;
                    }
                }
            }

            if (type != null && BetaRunnableTool != null)
            {
                foreach (var candidate in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate, BetaRunnableTool))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The element type when <paramref name="type"/> is an array or implements <c>IEnumerable&lt;T&gt;</c>.</summary>
        public ITypeSymbol? GetElementType(ITypeSymbol? type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, IEnumerableOfT))
            {
                return named.TypeArguments[0];
            }

            if (type == null || type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, IEnumerableOfT))
                {
                    return candidate.TypeArguments[0];
                }
            }

            return null;
        }

        public bool IsToolCollection(ITypeSymbol? type) => IsToolType(GetElementType(type));

        public bool IsSinkProperty(IPropertySymbol property) =>
            SinkProperties.Contains(property.OriginalDefinition);

        public bool IsOpenAISink(IPropertySymbol property) =>
            SymbolEqualityComparer.Default.Equals(property.ContainingType, ChatCompletionOptions)
            || SymbolEqualityComparer.Default.Equals(property.ContainingType, CreateResponseOptions);

        private static void AddProperty(ImmutableHashSet<IPropertySymbol>.Builder builder, INamedTypeSymbol? type, string name)
        {
            if (type == null)
            {
                return;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    builder.Add(property);
                }
            }
        }
    }
}
