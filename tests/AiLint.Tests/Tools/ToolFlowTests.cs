using AiLint.Analyzers.Rules.Tools;
using AiLint.CodeFixes.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>AIL0201/AIL0202 for catalogs built in one member (a builder method, a registry class, a field) and handed to the model in another.</summary>
public class ToolFlowTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source, int cap = 20) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, cap);

    private static DiagnosticResult OverCap(int location, string count, int cap = 20) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, cap, string.Empty);

    // ---- Injected registries implemented in the project ----

    [Fact]
    public Task Registry_interface_whose_implementations_return_fixed_tools_is_counted_not_unbounded() => VerifyAsync($$"""
        interface IToolProvider { IReadOnlyList<AITool> GetTools(); IReadOnlyList<AITool> All { get; } }
        interface IBigProvider { IReadOnlyList<AITool> GetTools(); }

        class ClockTools : IToolProvider
        {
            public IReadOnlyList<AITool> GetTools() => [AIFunctionFactory.Create(() => 1, "now"), AIFunctionFactory.Create(() => 2, "zone")];
            public IReadOnlyList<AITool> All => GetTools();
        }

        class BigTools : IBigProvider
        {
            public IReadOnlyList<AITool> GetTools() => [{{string.Join(", ", Enumerable.Range(1, 21).Select(i => $"AIFunctionFactory.Create(() => {i}, \"t{i}\")"))}}];
        }

        class Assistant(IToolProvider provider, IBigProvider big)
        {
            ChatOptions ByMethod() => new() { Tools = [.. provider.GetTools()] };
            ChatOptions ByProperty() => new() { Tools = [.. provider.All] };
            ChatOptions Big() => new() { Tools = {|#0:[.. big.GetTools()]|} };
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task Registry_interface_with_an_mcp_backed_implementation_is_reported_through_the_call() => VerifyAsync("""
        interface IToolProvider { Task<IList<McpClientTool>> GetToolsAsync(CancellationToken ct); }

        class FixedTools : IToolProvider
        {
            public Task<IList<McpClientTool>> GetToolsAsync(CancellationToken ct) => Task.FromResult<IList<McpClientTool>>([]);
        }

        class ServerTools(McpClient mcp) : IToolProvider
        {
            public async Task<IList<McpClientTool>> GetToolsAsync(CancellationToken ct) => await mcp.ListToolsAsync(cancellationToken: ct);
        }

        class Assistant(IToolProvider provider)
        {
            async Task<ChatOptions> Build(CancellationToken ct) => new() { Tools = [.. {|#0:await provider.GetToolsAsync(ct)|}] };
        }
        """,
        Unbounded(0, McpList + ", through 'provider.GetToolsAsync()'"));

    [Fact]
    public Task Registry_interface_whose_implementation_is_not_countable_stays_an_injected_registry() => VerifyAsync("""
        interface IToolProvider { IReadOnlyList<AITool> GetTools(); }

        class Configured(Func<IReadOnlyList<AITool>> load) : IToolProvider
        {
            public IReadOnlyList<AITool> GetTools() => load();
        }

        class Assistant(IToolProvider provider)
        {
            ChatOptions Build() => new() { Tools = [.. {|#0:provider.GetTools()|}] };
        }
        """,
        Unbounded(0, "the injected tool registry 'provider.GetTools()'"));

    // ---- AIL0202 across members ----

    [Fact]
    public Task Builder_method_returning_the_whole_server_list() => VerifyAsync("""
        class Assistant(McpClient mcp)
        {
            private async Task<IList<AITool>> LoadToolsAsync(CancellationToken ct)
            {
                var tools = new List<AITool>();
                tools.AddRange(await mcp.ListToolsAsync(cancellationToken: ct));
                return tools;
            }

            async Task<ChatOptions> Build(CancellationToken ct) => new() { Tools = {|#0:await LoadToolsAsync(ct)|} };
        }
        """,
        Unbounded(0, McpList + ", through 'LoadToolsAsync()'"));

    [Fact]
    public Task Registry_class_of_the_project_that_lists_the_server() => VerifyAsync("""
        sealed class ToolCatalog(McpClient mcp)
        {
            public async Task<List<AITool>> GetToolsAsync(CancellationToken ct) => [.. await mcp.ListToolsAsync(cancellationToken: ct)];
        }

        class Assistant(ToolCatalog catalog)
        {
            async Task<ChatOptions> Build(CancellationToken ct) => new() { Tools = {|#0:await catalog.GetToolsAsync(ct)|} };
        }
        """,
        Unbounded(0, McpList + ", through 'catalog.GetToolsAsync()'"));

    [Fact]
    public Task Registry_class_that_allow_lists_or_caps_is_bounded() => VerifyAsync("""
        sealed class McpSettings { public string[] AllowedTools { get; set; } = []; }

        sealed class ToolCatalog(McpClient mcp, McpSettings settings)
        {
            public async Task<List<AITool>> GetToolsAsync(CancellationToken ct) =>
                [.. (await mcp.ListToolsAsync(cancellationToken: ct)).Where(t => settings.AllowedTools.Contains(t.Name))];

            public async Task<List<AITool>> FirstTenAsync(CancellationToken ct) => [.. (await mcp.ListToolsAsync(cancellationToken: ct)).Take(10)];
        }

        class Assistant(ToolCatalog catalog)
        {
            async Task<ChatOptions> Build(CancellationToken ct) => new() { Tools = await catalog.GetToolsAsync(ct) };
            async Task<ChatOptions> Capped(CancellationToken ct) => new() { Tools = await catalog.FirstTenAsync(ct) };
        }
        """);

    [Fact]
    public Task Selection_method_given_the_users_message_is_not_followed() => VerifyAsync("""
        sealed class ToolRouter(McpClient mcp)
        {
            public async Task<List<AITool>> SelectAsync(string userMessage) => [.. await mcp.ListToolsAsync()];
        }

        class Assistant(ToolRouter router)
        {
            async Task<ChatOptions> Build(string question) => new() { Tools = await router.SelectAsync(question) };
        }
        """);

    [Fact]
    public Task Field_filled_at_startup_from_the_server() => VerifyAsync("""
        class Assistant(McpClient mcp)
        {
            private readonly List<AITool> _tools = new();

            public async Task InitializeAsync()
            {
                _tools.AddRange({|#0:await mcp.ListToolsAsync()|});
            }

            ChatOptions Build() => new() { Tools = _tools };
        }
        """,
        Unbounded(0, McpList));

    [Fact]
    public Task Field_filled_at_startup_with_chosen_tools_is_fine() => VerifyAsync("""
        class Assistant(McpClient mcp)
        {
            private static readonly string[] Allowed = ["search_issues", "get_issue"];
            private readonly List<AITool> _tools = new();

            public async Task InitializeAsync()
            {
                _tools.AddRange((await mcp.ListToolsAsync()).Where(t => Allowed.Contains(t.Name)));
            }

            ChatOptions Build() => new() { Tools = _tools };
        }
        """);

    [Fact]
    public Task Property_of_a_static_registry_filled_from_the_server() => VerifyAsync("""
        static class ToolRegistry
        {
            public static List<AITool> All { get; } = new();

            public static async Task LoadAsync(McpClient mcp)
            {
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    All.Add(tool);
                }
            }
        }

        class Assistant
        {
            ChatOptions Build() => new() { Tools = {|#0:ToolRegistry.All|} };
        }
        """,
        Unbounded(0, McpList + ", through 'ToolRegistry.All'"));

    [Fact]
    public Task Registry_class_given_every_registered_tool_by_the_container() => VerifyAsync("""
        sealed class ToolRegistry(IEnumerable<AITool> registered)
        {
            public IList<AITool> All => [.. registered];
        }

        sealed class ToolBox(IList<AITool> tools)
        {
            public IList<AITool> Tools => tools;
        }

        class Assistant(ToolRegistry registry, ToolBox box)
        {
            ChatOptions Build() => new() { Tools = {|#0:registry.All|} };
            ChatOptions FromBox() => new() { Tools = box.Tools };
        }
        """,
        Unbounded(0, "the injected tool collection 'registered', through 'registry.All'"));

    // ---- AIL0201 across members ----

    [Fact]
    public Task Builder_method_returning_too_many_tools() => VerifyAsync($$"""
        class Assistant
        {
            private static IList<AITool> BuildTools() => [{{ToolTestCode.Functions(21)}}];

            ChatOptions Build() => new() { Tools = {|#0:BuildTools()|} };
            ChatOptions Few() => new() { Tools = [.. BuildTools().Take(5)] };
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task Static_registry_whose_adds_pass_the_cap() => VerifyAsync($$"""
        static class ToolRegistry
        {
            private static readonly List<AITool> Tools = new();

            static ToolRegistry()
            {
                {{string.Join("\n        ", Enumerable.Range(1, 18).Select(i => $"Tools.Add(AIFunctionFactory.Create(() => {i}, \"t{i}\"));"))}}
                if (Environment.GetEnvironmentVariable("ADMIN") == "1")
                {
                    Tools.Add(AIFunctionFactory.Create(() => 19, "t19"));
                    Tools.Add(AIFunctionFactory.Create(() => 20, "t20"));
                    Tools.Add(AIFunctionFactory.Create(() => 21, "t21"));
                }
            }

            public static IList<AITool> GetTools() => Tools;
        }

        class Assistant
        {
            ChatOptions Build() => new() { Tools = {|#0:ToolRegistry.GetTools()|} };
        }
        """,
        OverCap(0, "up to 21"));

    [Fact]
    public Task Builder_and_registry_within_the_cap_are_fine() => VerifyAsync($$"""
        static class ToolRegistry
        {
            private static readonly List<AITool> Tools = [{{ToolTestCode.Functions(20)}}];

            public static IList<AITool> GetTools() => Tools;
        }

        class Assistant
        {
            private List<AITool> BuildTools() => [{{ToolTestCode.Functions(3)}}];

            ChatOptions Build() => new() { Tools = ToolRegistry.GetTools() };
            ChatOptions Small() => new() { Tools = BuildTools() };
        }
        """);

    // ---- Agent Framework, Anthropic.Mcp ----

    [Fact]
    public Task Agent_framework_tools_arguments() => VerifyAsync("""
        using Microsoft.Agents.AI;

        class Assistant(IChatClient chatClient, McpClient mcp)
        {
            async Task<AIAgent> Create()
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatClientAgent(chatClient, "You help.", "helper", tools: [.. {|#0:tools|}]);
            }

            async Task<AIAgent> Extension() => chatClient.AsAIAgent(instructions: "You help.", tools: [.. {|#1:await mcp.ListToolsAsync()|}]);

            async Task<AIAgent> Options() => chatClient.AsAIAgent(new ChatClientAgentOptions
            {
                ChatOptions = new ChatOptions { Tools = [.. {|#2:await mcp.ListToolsAsync()|}] },
            });
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList),
        Unbounded(2, McpList));

    [Fact]
    public Task Agent_framework_with_chosen_tools_is_fine() => VerifyAsync("""
        using Microsoft.Agents.AI;

        class Assistant(IChatClient chatClient, McpClient mcp)
        {
            private static readonly HashSet<string> Allowed = ["search_issues", "get_issue"];

            async Task<AIAgent> Create()
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatClientAgent(chatClient, "You help.", "helper", tools: [.. tools.Where(t => Allowed.Contains(t.Name))]);
            }

            AIAgent Fixed() => chatClient.AsAIAgent(instructions: "You help.", tools: [AIFunctionFactory.Create(() => 1, "one")]);
        }
        """);

    [Fact]
    public Task Anthropic_mcp_helpers_list_the_whole_server() => VerifyAsync("""
        using Anthropic;
        using Anthropic.Helpers.Beta;
        using Anthropic.Helpers.Beta.Mcp;
        using Anthropic.Models.Beta.Messages;

        class Assistant(AnthropicClient client, McpClient mcp)
        {
            private static readonly string[] Allowed = ["search_issues"];

            async Task<BetaToolRunner> Listed(MessageCreateParams parameters) =>
                client.Beta.Messages.ToolRunner(parameters, {|#0:await BetaMcp.ListToolsAsync(mcp)|});

            async Task<BetaToolRunner> Converted(MessageCreateParams parameters) =>
                client.Beta.Messages.ToolRunner(parameters, {|#1:BetaMcp.Tools(await mcp.ListToolsAsync())|});

            async Task<BetaToolRunner> Chosen(MessageCreateParams parameters) =>
                client.Beta.Messages.ToolRunner(parameters, BetaMcp.Tools((await mcp.ListToolsAsync()).Where(t => Allowed.Contains(t.Name))));
        }
        """,
        Unbounded(0, "'BetaMcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, McpList));

    // ---- hosted MCP tools whose allow-list is set after creation ----

    [Fact]
    public Task Responses_mcp_tool_whose_AllowedTools_is_set_later_is_bounded() => VerifyAsync("""
        using OpenAI.Responses;

        #pragma warning disable OPENAI001
        class Assistant
        {
            CreateResponseOptions Options()
            {
                var github = ResponseTool.CreateMcpTool("github", new Uri("https://api.githubcopilot.com/mcp/"));
                github.AllowedTools = new McpToolFilter { ToolNames = { "search_issues" } };
                var open = ResponseTool.CreateMcpTool("docs", new Uri("https://docs.example.com/mcp"));
                var options = new CreateResponseOptions();
                options.Tools.Add(github);
                options.Tools.Add({|#0:open|});
                return options;
            }
        }
        """,
        Unbounded(0, "an MCP tool (ResponseTool.CreateMcpTool) with no allowedTools filter"));

    [Fact]
    public Task Fix_caps_the_catalog_where_the_builder_hands_it_over()
    {
        const string Before = """
            sealed class ToolCatalog(McpClient mcp)
            {
                public async Task<List<AITool>> GetToolsAsync(CancellationToken ct) => [.. await mcp.ListToolsAsync(cancellationToken: ct)];
            }

            class Assistant(ToolCatalog catalog)
            {
                async Task<ChatOptions> Build(CancellationToken ct) => new() { Tools = [|await catalog.GetToolsAsync(ct)|] };
            }
            """;
        const string After = """
            sealed class ToolCatalog(McpClient mcp)
            {
                public async Task<List<AITool>> GetToolsAsync(CancellationToken ct) => [.. await mcp.ListToolsAsync(cancellationToken: ct)];
            }

            class Assistant(ToolCatalog catalog)
            {
                async Task<ChatOptions> Build(CancellationToken ct) => new() { Tools = (await catalog.GetToolsAsync(ct)).Take(20).ToList() };
            }
            """;
        var test = new CodeFixTest<ToolCatalogAnalyzer, CapToolSourceCodeFixProvider>
        {
            TestCode = ToolTestCode.Usings + Before,
            FixedCode = ToolTestCode.Usings + After,
            MarkupDiagnosticId = "AIL0202",
            CodeActionEquivalenceKey = CapToolSourceCodeFixProvider.EquivalenceKey,
        };
        return test.RunAsync();
    }

    // ---- robustness ----

    [Theory]
    [InlineData("var agent = chatClient.AsAIAgent(tools: ")]
    [InlineData("var agent = new Microsoft.Agents.AI.ChatClientAgent(chatClient, tools: [.. await mcp.ListToolsAsync(")]
    [InlineData("options.Tools = BuildTools(")]
    [InlineData("options.Tools = Registry.All; } static class Registry { public static List<AITool> All { get; } = new(")]
    [InlineData("options.Tools = Recursive(); } IList<AITool> Recursive() => Recursive(); void N() {")]
    [InlineData("options.Tools = await LoadAsync(); } async Task<IList<AITool>> LoadAsync() { return")]
    public async Task Half_typed_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + "class C { IList<AITool> BuildTools() => []; async Task M(IChatClient chatClient, McpClient mcp, ChatOptions options) { " + statement + " }",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // Only "no analyzer exception" is asserted: half-typed code may or may not report.
        }
    }
}
