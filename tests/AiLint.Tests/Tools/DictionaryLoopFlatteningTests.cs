using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A dictionary of per-server tool lists (filled from MCP <c>ListToolsAsync</c>, or returned by an injected registry)
/// flattened by a loop instead of <c>SelectMany</c>: <c>foreach (var list in toolsByServer.Values) tools.AddRange(list);</c>,
/// <c>foreach (var (server, list) in dict) tools.AddRange(list);</c>, <c>foreach (var kv in dict) tools.AddRange(kv.Value);</c>.
/// The loop copies the union of the stored lists, read as the <c>SelectMany</c> forms are (ServerDictionaryCatalogTests,
/// RegistryDictionaryCatalogTests). The diagnostic goes on the loop's collection and offers no fix: a <c>Take</c> there
/// would cap the number of servers, not of tools. Beside each positive, the code real apps write there stays quiet.
/// </summary>
public class DictionaryLoopFlatteningTests
{
    private const string Listed = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + "using Microsoft.Agents.AI;\n" + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>A hub that keeps each connected server's list under its name; <paramref name="stored"/> is what it stores.</summary>
    private static string Hub(string stored = "await client.ListToolsAsync()", string members = "") => $$"""
        public sealed class McpHub(IChatClient chat)
        {
            private static readonly HashSet<string> Allowed = ["search", "fetch"];
            private readonly Dictionary<string, IList<McpClientTool>> _toolsByServer = new();

            public async Task ConnectAsync(IReadOnlyDictionary<string, McpClient> clients)
            {
                foreach (var (name, client) in clients)
                {
                    _toolsByServer[name] = {{stored}};
                }
            }

        {{members}}
        }
        """;

    // The three loop forms, each handing the catalog to ChatOptions.Tools in the same method.
    [Fact]
    public Task Values_loop_with_AddRange_is_reported_on_the_loop_collection() => VerifyAsync(Hub(members: """
            public Task<ChatResponse> AskAsync(string q)
            {
                var tools = new List<AITool>();
                foreach (var list in {|#0:_toolsByServer.Values|}) tools.AddRange(list);
                return chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
            }
        """),
        Unbounded(0, Listed));

    [Fact]
    public Task Deconstructing_loop_is_reported() => VerifyAsync(Hub(members: """
            public Task<ChatResponse> AskAsync(string q)
            {
                var tools = new List<AITool>();
                foreach (var (server, list) in {|#0:_toolsByServer|})
                {
                    tools.AddRange(list);
                }

                return chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
            }
        """),
        Unbounded(0, Listed));

    [Fact]
    public Task Pair_loop_reading_Value_is_reported() => VerifyAsync(Hub(members: """
            public Task<ChatResponse> AskAsync(string q)
            {
                var tools = new List<AITool>();
                foreach (var kv in {|#0:_toolsByServer|}) tools.AddRange(kv.Value);
                return chat.GetResponseAsync(q, new ChatOptions { Tools = [.. tools] });
            }
        """),
        Unbounded(0, Listed));

    // The catalog built by a no-input method of the hub and handed to an agent by a caller in another class: reported
    // on the call, through the builder, as a SelectMany in the builder would be.
    [Fact]
    public Task Catalog_built_in_a_builder_reaches_an_agent_in_another_class() => VerifyAsync(Hub(members: """
            public List<AITool> AllTools()
            {
                var tools = new List<AITool>();
                foreach (var list in _toolsByServer.Values) tools.AddRange(list);
                return tools;
            }
        """) + """

        public sealed class AgentFactory(IChatClient chatClient, McpHub hub)
        {
            public AIAgent Create() => chatClient.AsAIAgent(instructions: "You help.", tools: {|#0:hub.AllTools()|});
        }
        """,
        Unbounded(0, Listed + ", through 'hub.AllTools()'"));

    // Quiet twins: the flattened catalog capped, guarded by a count check that throws, or allow-listed; each list
    // allow-listed in the loop; only selected tools added by an inner loop; the lists capped before they are stored.
    [Theory]
    [InlineData("foreach (var list in _toolsByServer.Values) tools.AddRange(list);", "[.. tools.Take(20)]")]
    [InlineData("foreach (var list in _toolsByServer.Values) tools.AddRange(list); if (tools.Count > 20) throw new InvalidOperationException(\"too many tools\");", "tools")]
    [InlineData("foreach (var list in _toolsByServer.Values) tools.AddRange(list);", "[.. tools.Where(t => Allowed.Contains(t.Name))]")]
    [InlineData("foreach (var (server, list) in _toolsByServer) tools.AddRange(list.Where(t => Allowed.Contains(t.Name)));", "tools")]
    [InlineData("foreach (var list in _toolsByServer.Values) foreach (var t in list) if (Allowed.Contains(t.Name)) tools.Add(t);", "tools")]
    [InlineData("foreach (var list in _toolsByServer.Values) foreach (var t in list) { if (!Allowed.Contains(t.Name)) continue; tools.Add(t); }", "tools")]
    [InlineData("foreach (var list in _toolsByServer.Values) { tools.AddRange(list); if (tools.Count >= 20) break; }", "tools")]
    public Task Bounded_flattenings_stay_quiet(string fill, string catalog) => VerifyAsync(Hub(members: $$"""
            public Task<ChatResponse> AskAsync(string q)
            {
                var tools = new List<AITool>();
                {{fill}}
                return chat.GetResponseAsync(q, new ChatOptions { Tools = {{catalog}} });
            }
        """));

    // A server switch in the loop picks servers, not tools: the chosen servers' lists are whole (as with a Where on
    // the key before SelectMany). An inner loop that copies every tool is the same copy.
    [Theory]
    [InlineData("foreach (var (server, list) in {|#0:_toolsByServer|}) if (enabled.Contains(server)) tools.AddRange(list);")]
    [InlineData("foreach (var list in {|#0:_toolsByServer.Values|}) foreach (var t in list) tools.Add(t);")]
    public Task Server_switches_and_inner_copy_loops_are_reported(string fill) => VerifyAsync(Hub(members: $$"""
            public Task<ChatResponse> AskAsync(string q, IReadOnlySet<string> enabled)
            {
                var tools = new List<AITool>();
                {{fill}}
                return chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
            }
        """),
        Unbounded(0, Listed));

    [Theory]
    [InlineData("(await client.ListToolsAsync()).Take(10).ToList()")]
    [InlineData("(await client.ListToolsAsync()).Where(t => Allowed.Contains(t.Name)).ToList()")]
    public Task Lists_bounded_before_they_are_stored_stay_quiet(string stored) => VerifyAsync(Hub(stored, members: """
            public Task<ChatResponse> AskAsync(string q)
            {
                var tools = new List<AITool>();
                foreach (var (server, list) in _toolsByServer) tools.AddRange(list);
                foreach (var kv in _toolsByServer) tools.AddRange(kv.Value);
                return chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
            }
        """));

    // A dictionary whose lists are fixed in code: counted, never unbounded.
    [Fact]
    public Task Dictionary_of_fixed_lists_stays_quiet() => VerifyAsync("""
        public sealed class Toolbox(IChatClient chat)
        {
            private readonly Dictionary<string, List<AITool>> _byArea = new();

            public Toolbox Init()
            {
                _byArea["time"] = [AIFunctionFactory.Create(() => DateTime.UtcNow, "now")];
                _byArea["math"] = [AIFunctionFactory.Create((int a, int b) => a + b, "add"), AIFunctionFactory.Create((int a, int b) => a * b, "mul")];
                return this;
            }

            public Task<ChatResponse> AskAsync(string q)
            {
                var tools = new List<AITool>();
                foreach (var list in _byArea.Values) tools.AddRange(list);
                return chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
            }
        }
        """);

    // A dictionary of clients (not of tool lists) looped over is the existing loop over servers, not this reading.
    [Fact]
    public Task Dictionary_of_clients_is_still_a_loop_over_servers() => VerifyAsync("""
        public sealed class Hub(IChatClient chat, IReadOnlyDictionary<string, McpClient> clients)
        {
            public async Task<ChatResponse> AskAsync(string q)
            {
                var tools = new List<AITool>();
                foreach (var (name, client) in clients) tools.AddRange({|#0:await client.ListToolsAsync()|});
                return await chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
            }
        }
        """,
        Unbounded(0, Listed));

    // howardginsburg/MicrosoftAgentSDKDemo's registry returning a dictionary, flattened by a loop over its pairs.
    [Fact]
    public Task Registry_dictionary_flattened_by_a_loop_is_reported() => VerifyAsync("""
        public interface IMcpServerManager
        {
            Task<IDictionary<string, IList<AITool>>> GetToolsByCategoryAsync();
        }

        public class McpServerManager(IReadOnlyList<string> endpoints) : IMcpServerManager
        {
            public async Task<IDictionary<string, IList<AITool>>> GetToolsByCategoryAsync()
            {
                var toolsByCategory = new Dictionary<string, IList<AITool>>();
                foreach (var endpoint in endpoints)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(endpoint) }));
                    var tools = await client.ListToolsAsync();
                    toolsByCategory[endpoint] = tools.ToList<AITool>();
                }

                return toolsByCategory;
            }
        }

        public class ChatAgentFactory(IMcpServerManager mcpServerManager, IChatClient chatClient)
        {
            public async Task<AIAgent> CreateAgentAsync()
            {
                var toolsByCategory = await mcpServerManager.GetToolsByCategoryAsync();
                var selectedTools = new List<AITool>();
                foreach (var kv in {|#0:toolsByCategory|}) selectedTools.AddRange(kv.Value);
                return chatClient.AsAIAgent(instructions: "You help.", tools: selectedTools);
            }

            // Beside it: an allow-listed copy of each category.
            public async Task<AIAgent> CreateAllowListedAgentAsync(IReadOnlySet<string> allowed)
            {
                var toolsByCategory = await mcpServerManager.GetToolsByCategoryAsync();
                var selectedTools = new List<AITool>();
                foreach (var kv in toolsByCategory) selectedTools.AddRange(kv.Value.Where(t => allowed.Contains(t.Name)));
                return chatClient.AsAIAgent(instructions: "You help.", tools: selectedTools);
            }
        }
        """,
        Unbounded(0, Listed + ", through 'mcpServerManager.GetToolsByCategoryAsync()'"));

    // No code fix is offered: a Take on the loop's collection would cap servers, not tools. (The same code with the
    // flattened list capped where it enters the options is the quiet twin above.)
    [Fact]
    public Task The_diagnostic_offers_no_fix()
    {
        var code = ToolTestCode.Usings + Hub(members: """
                public Task<ChatResponse> AskAsync(string q)
                {
                    var tools = new List<AITool>();
                    foreach (var list in [|_toolsByServer.Values|]) tools.AddRange(list);
                    return chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
                }
            """);
        return new CodeFixTest<ToolCatalogAnalyzer, AiLint.CodeFixes.Rules.Tools.CapToolSourceCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code,
            MarkupDiagnosticId = "AIL0202",
        }.RunAsync();
    }

    // Half-typed code: an unresolved list type and a broken loop do not crash, and an error type reports nothing.
    [Fact]
    public Task Half_typed_loop_does_not_crash() => new AnalyzerTest<ToolCatalogAnalyzer>
    {
        TestCode = ToolTestCode.Usings + """
            public sealed class Hub(IChatClient chat, McpClient client)
            {
                private readonly Dictionary<string, IList<Missing>> _byServer = new();
                private readonly Dictionary<string, IList<McpClientTool>> _typed = new();

                public async Task LoadAsync() { _byServer["a"] = await client.ListToolsAsync(); _typed["b"] = await client.ListToolsAsync(; }

                public Task<ChatResponse> AskAsync(string q)
                {
                    var tools = new List<AITool>();
                    foreach (var list in _byServer.Values) tools.AddRange(list);
                    foreach (var (server, list) in _typed) tools.AddRange(list, );
                    foreach (var kv in _typed) tools.AddRange(kv.);
                    return chat.GetResponseAsync(q, new ChatOptions { Tools = tools });
                }
            }
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        MarkupDiagnosticId = "AIL0202",
    }.RunAsync();
}
