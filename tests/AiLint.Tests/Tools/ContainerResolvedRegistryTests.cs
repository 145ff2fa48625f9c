using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// review85 ChatWithYourData (repro-2): a tool registry resolved from the container by hand,
/// <c>var toolProvider = sp.GetRequiredService&lt;IMcpToolProvider&gt;();</c> in the factory of
/// <c>services.AddSingleton&lt;AIAgent&gt;(sp =&gt; ...)</c>, is the instance a constructor parameter of that type would
/// get: an injected registry, whose implementations in the project are read (AIL0202).
/// </summary>
public class ContainerResolvedRegistryTests
{
    private const string GatewayList = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyAsync(code, OutputKind.DynamicallyLinkedLibrary, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, OutputKind kind, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { OutputKind = kind, CompilerDiagnostics = compilerDiagnostics };
        test.TestState.Sources.Add(ToolTestCode.Usings + code);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>The registry's interface, and the project's implementation given the body of its <c>GetToolsAsync</c>.</summary>
    private static string Provider(string body) => $$"""
        public interface IMcpToolProvider
        {
            Task<IList<AITool>> GetToolsAsync(CancellationToken cancellationToken = default);
        }

        public sealed class McpToolProvider(McpClient client) : IMcpToolProvider
        {
            private static readonly string[] AllowedTools = ["get_orders", "get_customer"];
            private IList<AITool>? _cachedLiveTools;

            public async Task<IList<AITool>> GetToolsAsync(CancellationToken cancellationToken = default)
            {
                if (_cachedLiveTools != null)
                {
                    return _cachedLiveTools;
                }

                var mcpTools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        {{body}}
            }
        }
        """;

    private const string CopiesEveryTool = """
                var aiTools = new List<AITool>();
                foreach (var tool in mcpTools)
                {
                    aiTools.Add(tool);
                }

                _cachedLiveTools = aiTools;
                return _cachedLiveTools;
        """;

    /// <summary>ChatWithYourData's Program.cs, reduced: the agent registered with a factory lambda of the top-level program.</summary>
    private static string Program(string resolve, string marked) => $$"""
        using Microsoft.Agents.AI;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<IMcpToolProvider, McpToolProvider>();
        builder.Services.AddSingleton<AIAgent>(sp =>
        {
            var chatClient = sp.GetRequiredService<IChatClient>();
            var toolProvider = {{resolve}};

            IList<AITool> tools;
            try
            {
                tools = toolProvider.GetToolsAsync().GetAwaiter().GetResult();
            }
            catch
            {
                tools = [];
            }

            return new ChatClientAgent(chatClient: chatClient, name: "erp", instructions: "Answer from the ERP tools.", tools: {{marked}});
        });
        builder.Build().Run();

        """;

    [Theory]
    [InlineData("sp.GetRequiredService<IMcpToolProvider>()")]
    [InlineData("sp.GetService<IMcpToolProvider>()!")]
    [InlineData("sp.GetRequiredKeyedService<IMcpToolProvider>(\"erp\")")]
    public Task A_registry_resolved_in_the_agent_factory_lambda_is_read_through_its_implementation(string resolve) => VerifyAsync(
        Program(resolve, "{|#0:tools|}") + Provider(CopiesEveryTool),
        OutputKind.ConsoleApplication, CompilerDiagnostics.Errors,
        Unbounded(0, GatewayList + ", through 'toolProvider.GetToolsAsync()'"));

    // The correct code beside it: the implementation keeps the tools someone named, so the catalog is bounded.
    [Fact]
    public Task A_resolved_registry_whose_implementation_allow_lists_stays_quiet() => VerifyAsync(
        Program("sp.GetRequiredService<IMcpToolProvider>()", "tools") + Provider("""
                _cachedLiveTools = mcpTools.Where(t => AllowedTools.Contains(t.Name)).Cast<AITool>().ToList();
                return _cachedLiveTools;
        """),
        OutputKind.ConsoleApplication, CompilerDiagnostics.Errors);

    // A class that holds the container and resolves the registry in a method (cwyd-sp); the interface has no
    // implementation in this project (it is registered from another one), so the registry verdict stays.
    [Fact]
    public Task A_registry_resolved_from_an_injected_service_provider_is_an_injected_registry() => VerifyAsync("""
        using Microsoft.Extensions.DependencyInjection;

        public interface IToolRegistry
        {
            IReadOnlyList<AITool> GetAll();
        }

        public sealed class ChatService(IChatClient chatClient, IServiceProvider services)
        {
            private readonly IToolRegistry _registry = services.GetRequiredService<IToolRegistry>();

            public Task<ChatResponse> AskAsync(string question)
            {
                var registry = services.GetRequiredService<IToolRegistry>();
                return chatClient.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:registry.GetAll()|}] });
            }

            public Task<ChatResponse> AskFromFieldAsync(string question) =>
                chatClient.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#1:_registry.GetAll()|}] });
        }
        """,
        Unbounded(0, "the injected tool registry 'registry.GetAll()'"),
        Unbounded(1, "the injected tool registry '_registry.GetAll()'"));

    // Neighbours that stay quiet: a registry asked for the tools of one agent (a selection step), a list of every
    // registration (GetServices<T>() is not read here), and a registry created in code rather than resolved.
    [Fact]
    public Task Resolved_registries_asked_to_select_or_not_resolved_stay_quiet() => VerifyAsync("""
        using Microsoft.Extensions.DependencyInjection;

        public interface IToolRegistry
        {
            IReadOnlyList<AITool> GetAll();
            IReadOnlyList<AITool> GetFor(string agent);
        }

        public sealed class McpRegistry(McpClient client) : IToolRegistry
        {
            public IReadOnlyList<AITool> GetAll() => [.. client.ListToolsAsync().GetAwaiter().GetResult()];
            public IReadOnlyList<AITool> GetFor(string agent) => GetAll().Where(t => t.Name.StartsWith(agent)).ToList();
        }

        public sealed class ChatService(IChatClient chatClient, IServiceProvider services, Func<IToolRegistry> factory)
        {
            public Task<ChatResponse> ForAgentAsync(string question) =>
                chatClient.GetResponseAsync(question, new ChatOptions { Tools = [.. services.GetRequiredService<IToolRegistry>().GetFor("erp")] });

            public Task<ChatResponse> CreatedAsync(string question)
            {
                IToolRegistry registry = factory();
                return chatClient.GetResponseAsync(question, new ChatOptions { Tools = [.. registry.GetAll()] });
            }
        }
        """);

    // Half-typed: the registry's interface does not exist yet. No crash, nothing reported on the error type.
    [Fact]
    public Task Half_typed_resolution_does_not_crash() => VerifyAsync("""
        using Microsoft.Extensions.DependencyInjection;

        public sealed class ChatService(IChatClient chatClient, IServiceProvider services)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var registry = services.GetRequiredService<IToolRegistr>();
                return chatClient.GetResponseAsync(question, new ChatOptions { Tools = [.. registry.GetAll(] });
            }
        }
        """,
        OutputKind.DynamicallyLinkedLibrary, CompilerDiagnostics.None);
}
