using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An injected registry whose method returns a dictionary of tool lists, one entry per configured MCP server
/// (<c>Task&lt;IDictionary&lt;string, IList&lt;AITool&gt;&gt;&gt; GetToolsByCategoryAsync()</c>), flattened by the
/// caller (<c>toolsByCategory.Values.SelectMany(t =&gt; t)</c>) into the agent's tools: the shape of
/// howardginsburg/MicrosoftAgentSDKDemo's MCPServerManager and ChatAgentFactory (review91 repro-2, probe r2-inline).
/// The same registry returning the flat list was already reported; the dictionary is read the same way. Next to it:
/// each server's list capped or allow-listed before it is stored, and a caller that rewrites the dictionary's entries.
/// </summary>
public class RegistryDictionaryCatalogTests
{
    private const string McpList = "'mcpClient.ListToolsAsync()' (an MCP server's whole tool list), through 'mcpServerManager.GetToolsByCategoryAsync()'";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + "using Microsoft.Agents.AI;\n" + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>The registry: an interface and its one implementation, which stores <paramref name="stored"/> per server.</summary>
    private static string Manager(string stored) => $$"""
        public class ServerConfig { public string Name { get; set; } = ""; public string Endpoint { get; set; } = ""; public bool Enabled { get; set; } = true; }
        public class ServersConfiguration { public List<ServerConfig> Servers { get; set; } = new(); }

        public interface IMcpServerManager
        {
            Task<IDictionary<string, IList<AITool>>> GetToolsByCategoryAsync();
        }

        public class McpServerManager(ServersConfiguration configuration) : IMcpServerManager
        {
            private static readonly HashSet<string> Allowed = new() { "search", "lookup" };

            public async Task<IDictionary<string, IList<AITool>>> GetToolsByCategoryAsync()
            {
                var toolsByCategory = new Dictionary<string, IList<AITool>>();
                foreach (var serverConfig in configuration.Servers)
                {
                    if (!serverConfig.Enabled) continue;
                    var mcpClient = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(serverConfig.Endpoint), Name = serverConfig.Name }));
                    var tools = await mcpClient.ListToolsAsync();
                    if (tools.Any())
                    {
                        toolsByCategory[serverConfig.Name] = {{stored}};
                    }
                }

                return toolsByCategory;
            }
        }

        """;

    /// <summary>The factory: flattens the dictionary (<paramref name="flatten"/>) into ChatOptions.Tools of the agent; <paramref name="reported"/> marks the sink.</summary>
    private static string Factory(string flatten, string rewrite = "", bool reported = false) => $$$"""
        public class ChatAgentFactory(IMcpServerManager mcpServerManager, IChatClient chatClient)
        {
            public async Task<AIAgent> CreateAgentAsync(string userId)
            {
                var toolsByCategory = await mcpServerManager.GetToolsByCategoryAsync();
                {{{rewrite}}}
                IList<AITool> selectedTools = {{{flatten}}};
                // The flattened copy is a plain holder: the catalog is reported where it enters the options.
                var chatOptions = new ChatOptions { Instructions = "You are a helpful assistant.", Tools = {{{(reported ? "{|#0:selectedTools.ToArray()|}" : "selectedTools.ToArray()")}}} };
                return chatClient.AsAIAgent(new ChatClientAgentOptions { Name = userId, ChatOptions = chatOptions });
            }
        }
        """;

    // review91 repro-2 (probe r2-inline): every configured server's whole list reaches the agent.
    [Fact]
    public Task Registry_dictionary_flattened_through_Values_is_reported() => VerifyAsync(
        Manager("tools.ToList<AITool>()") + Factory("toolsByCategory.Values.SelectMany(t => t).ToList()", reported: true),
        Unbounded(0, McpList));

    [Fact]
    public Task Registry_dictionary_flattened_through_its_pairs_is_reported() => VerifyAsync(
        Manager("tools.ToList<AITool>()") + Factory("toolsByCategory.SelectMany(kv => kv.Value).ToList()", reported: true),
        Unbounded(0, McpList));

    // The call flattened where it is made, with no local in between.
    [Fact]
    public Task Registry_dictionary_flattened_at_the_call_is_reported() => VerifyAsync(
        Manager("tools.ToList<AITool>()") + Factory("(await mcpServerManager.GetToolsByCategoryAsync()).Values.SelectMany(t => t).ToList()", reported: true),
        Unbounded(0, McpList));

    // Quiet twins: each server's list capped, or allow-listed, before it is stored.
    [Fact]
    public Task Capped_server_lists_stay_quiet() => VerifyAsync(
        Manager("tools.Take(10).ToList<AITool>()") + Factory("toolsByCategory.Values.SelectMany(t => t).ToList()"));

    [Fact]
    public Task Allow_listed_server_lists_stay_quiet() => VerifyAsync(
        Manager("tools.Where(t => Allowed.Contains(t.Name)).ToList<AITool>()")
        + Factory("toolsByCategory.Values.SelectMany(t => t).ToList()"));

    // The caller picks servers by key before flattening: the existing key switch, a choice of servers, not of tools,
    // still reported (the chosen servers' lists are whole).
    [Fact]
    public Task Servers_picked_by_key_are_still_whole_lists() => VerifyAsync(
        Manager("tools.ToList<AITool>()") + Factory("toolsByCategory.Where(kv => kv.Key != \"admin\").SelectMany(kv => kv.Value).ToList()", reported: true),
        Unbounded(0, McpList));

    // A caller that rewrites the entries it was given (here: each list allow-listed) changes what the dictionary holds:
    // AiLint does not follow writes to a dictionary it did not see filled, and stays quiet.
    [Fact]
    public Task A_dictionary_rewritten_by_the_caller_stays_quiet() => VerifyAsync(
        Manager("tools.ToList<AITool>()") + Factory(
            "toolsByCategory.Values.SelectMany(t => t).ToList()",
            """
            var allowed = new HashSet<string> { "search" };
            foreach (var key in toolsByCategory.Keys.ToList()) toolsByCategory[key] = toolsByCategory[key].Where(t => allowed.Contains(t.Name)).ToList();
            """));

    // howardginsburg's ChatAgentFactory as written: the caller adds its own category, counts the tools, and hands the
    // dictionary to a router (a project class that only reads it) when there are too many; otherwise every list.
    [Fact]
    public Task Caller_adds_a_category_and_hands_the_dictionary_to_a_reading_router() => VerifyAsync(
        Manager("tools.ToList<AITool>()") + Router("var total = toolsByCategory.Values.Sum(t => t.Count); foreach (var kvp in toolsByCategory) { if (kvp.Key == query) return Task.FromResult(kvp.Value); }")
        + Factory("toolsByCategory.Values.SelectMany(t => t).ToList()", RoutedRewrite, reported: true),
        Unbounded(0, McpList));

    // The same with a router that removes categories from the dictionary it is given: not followed, quiet.
    [Fact]
    public Task A_router_that_removes_entries_stays_quiet() => VerifyAsync(
        Manager("tools.ToList<AITool>()") + Router("toolsByCategory.Remove(\"admin\");")
        + Factory("toolsByCategory.Values.SelectMany(t => t).ToList()", RoutedRewrite));

    private const string RoutedRewrite = """
        toolsByCategory["Image Generation"] = new List<AITool> { AIFunctionFactory.Create(() => "img", "generate_image") };
        if (toolsByCategory.Values.Sum(t => t.Count) > 128) { var routed = await new ToolRouter().SelectAsync(userId, toolsByCategory); }
        """;

    private static string Router(string body) => $$"""
        public class ToolRouter
        {
            public Task<IList<AITool>> SelectAsync(string query, IDictionary<string, IList<AITool>> toolsByCategory)
            {
                {{body}}
                return Task.FromResult<IList<AITool>>(toolsByCategory.Values.SelectMany(t => t).Take(10).ToList());
            }
        }

        """;

    // No implementation in the project (another assembly's): the flat list's "injected registry" verdict, as for
    // `Task<IList<AITool>> GetToolsAsync()`.
    [Fact]
    public Task A_registry_dictionary_with_no_implementation_in_view_is_an_injected_registry() => VerifyAsync("""
        public interface IMcpServerManager
        {
            Task<IReadOnlyDictionary<string, IList<AITool>>> GetToolsByCategoryAsync();
        }

        """ + Factory("toolsByCategory.Values.SelectMany(t => t).ToList()", reported: true),
        Unbounded(0, "the injected tool registry 'mcpServerManager.GetToolsByCategoryAsync()'"));

    // A dictionary the caller filled itself from elsewhere (not the registry's) keeps the in-class rule's verdict: a
    // parameter's dictionary is not in view, quiet.
    [Fact]
    public Task A_dictionary_parameter_stays_quiet() => VerifyAsync("""
        public class Chat(IChatClient chatClient)
        {
            public Task<ChatResponse> AskAsync(string q, IDictionary<string, IList<AITool>> toolsByCategory) =>
                chatClient.GetResponseAsync(q, new ChatOptions { Tools = [.. toolsByCategory.Values.SelectMany(t => t)] });
        }
        """);

    // Half-typed code: an unresolved value type and a broken flatten do not crash, and an error type reports nothing.
    [Fact]
    public Task Half_typed_registry_dictionary_does_not_crash() => new AnalyzerTest<ToolCatalogAnalyzer>
    {
        TestCode = ToolTestCode.Usings + """
            public interface IMcpServerManager { Task<IDictionary<string, IList<Missing>>> GetToolsByCategoryAsync(); }
            public class McpServerManager(McpClient mcpClient) : IMcpServerManager
            {
                public async Task<IDictionary<string, IList<Missing>>> GetToolsByCategoryAsync()
                {
                    var d = new Dictionary<string, IList<Missing>>();
                    d[] = await mcpClient.ListToolsAsync();
                    return d;
                }
            }
            public class Factory(IMcpServerManager m, IChatClient c)
            {
                public async Task<ChatResponse> A(string q)
                {
                    var byCategory = await m.GetToolsByCategoryAsync();
                    return await c.GetResponseAsync(q, new ChatOptions { Tools = [.. byCategory.Values.SelectMany(t => t)] });
                }
                public async Task<ChatResponse> B(string q) =>
                    await c.GetResponseAsync(q, new ChatOptions { Tools = [.. (await m.GetToolsByCategoryAsync()).Values.SelectMany(] });
            }
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        MarkupDiagnosticId = "AIL0202",
    }.RunAsync();
}
