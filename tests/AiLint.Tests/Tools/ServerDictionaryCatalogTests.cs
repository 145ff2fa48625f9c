using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Every configured MCP server's whole list kept in a dictionary, one entry per server
/// (<c>_plugins[name] = await client.ListToolsAsync()</c>), and flattened into the catalog
/// (<c>_plugins.SelectMany(p =&gt; p.Value)</c>, <c>_plugins.Values.SelectMany(x =&gt; x)</c>): the shape of
/// g1ddy/console-chat's McpToolCollection (review25 M1). The dictionary is filled from the source, like a list filled
/// with <c>AddRange</c>; next to it, per-server allow-lists, <c>Take(n)</c> and fixed lists stay quiet.
/// </summary>
public class ServerDictionaryCatalogTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    [Fact]
    public Task Dictionary_of_server_lists_filled_in_InitializeAsync_is_followed_through_the_property() => VerifyAsync("""
        public sealed class McpToolCollection
        {
            private readonly Dictionary<string, IList<McpClientTool>> _plugins = new();
            private readonly HashSet<string> _enabledServers = new(StringComparer.OrdinalIgnoreCase);

            public IReadOnlyDictionary<string, IList<McpClientTool>> Plugins => _plugins;

            public IReadOnlyList<McpClientTool> Tools =>
                _plugins.Where(p => _enabledServers.Contains(p.Key)).SelectMany(p => p.Value).ToList();

            public IReadOnlyList<McpClientTool> All => _plugins.Values.SelectMany(x => x).ToList();

            public async Task InitializeAsync(IReadOnlyDictionary<string, McpClient> clients)
            {
                foreach (var (name, client) in clients)
                {
                    _plugins[name] = await client.ListToolsAsync();
                    _enabledServers.Add(name);
                }
            }
        }

        public sealed class ChatController(IChatClient chat, McpToolCollection toolCollection, IList<AITool> functions)
        {
            public Task<ChatResponse> SendAsync(string q) =>
                chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:toolCollection.Tools|}] });

            public Task<ChatResponse> AllAsync(string q) =>
                chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#1:toolCollection.All|}] });
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'toolCollection.Tools'"),
        Unbounded(1, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'toolCollection.All'"));

    [Fact]
    public Task Add_and_TryAdd_fill_the_dictionary_too() => VerifyAsync("""
        public sealed class ServerTools
        {
            private readonly Dictionary<string, IList<McpClientTool>> _byServer = new();
            private readonly Dictionary<string, IList<McpClientTool>> _tried = new();

            public IEnumerable<AITool> Tools => _byServer.SelectMany(kv => kv.Value);
            public IEnumerable<AITool> Tried => _tried.Values.SelectMany(x => x);

            public async Task StartAsync(IReadOnlyDictionary<string, McpClient> clients, CancellationToken ct)
            {
                foreach (var (name, client) in clients)
                {
                    _byServer.Add(name, await client.ListToolsAsync(cancellationToken: ct));
                    _tried.TryAdd(name, await client.ListToolsAsync(cancellationToken: ct));
                }
            }
        }

        public sealed class Chat(IChatClient chat, ServerTools tools)
        {
            public Task<ChatResponse> A(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:tools.Tools|}] });
            public Task<ChatResponse> B(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#1:tools.Tried|}] });
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'tools.Tools'"),
        Unbounded(1, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'tools.Tried'"));

    // The real shape: a static factory connects to every server at once (Task.WhenAll over an async Select returning a
    // tuple), then stores each server's list from a deconstructing foreach into the new instance's dictionary.
    [Fact]
    public Task Static_factory_with_WhenAll_and_a_deconstructing_foreach() => VerifyAsync("""
        public sealed class McpToolCollection
        {
            private readonly Dictionary<string, IList<McpClientTool>> _plugins = new();
            private readonly Dictionary<string, IList<McpClientTool>> _allowed = new();
            private static readonly string[] Names = ["search", "fetch"];

            public IReadOnlyList<McpClientTool> Tools => _plugins.SelectMany(p => p.Value).ToList();
            public IReadOnlyList<McpClientTool> Allowed => _allowed.SelectMany(p => p.Value).ToList();

            public static async Task<McpToolCollection> CreateAsync(IEnumerable<IClientTransport> transports)
            {
                var collection = new McpToolCollection();
                var tasks = transports.Select(async transport =>
                {
                    var client = await McpClient.CreateAsync(transport);
                    var tools = await client.ListToolsAsync();
                    return (client, transport.Name, tools);
                });

                var results = await Task.WhenAll(tasks);
                foreach (var (client, name, tools) in results)
                {
                    collection._plugins[name] = tools;
                }

                var picked = await Task.WhenAll(transports.Select(async transport =>
                {
                    var client = await McpClient.CreateAsync(transport);
                    var tools = await client.ListToolsAsync();
                    return (transport.Name, tools.Where(t => Names.Contains(t.Name)).ToList());
                }));
                foreach (var (name, tools) in picked)
                {
                    collection._allowed[name] = tools;
                }

                return collection;
            }
        }

        public sealed class ChatController(IChatClient chat, McpToolCollection toolCollection)
        {
            public Task<ChatResponse> SendAsync(string q) =>
                chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:toolCollection.Tools|}] });

            public Task<ChatResponse> AllowedAsync(string q) =>
                chat.GetResponseAsync(q, new ChatOptions { Tools = [.. toolCollection.Allowed] });
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'toolCollection.Tools'"));

    // A local dictionary filled and flattened in one method.
    [Fact]
    public Task Local_dictionary_of_server_lists() => VerifyAsync("""
        public sealed class Chat(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string q, IReadOnlyDictionary<string, McpClient> clients)
            {
                var byServer = new Dictionary<string, IList<McpClientTool>>();
                foreach (var (name, client) in clients)
                {
                    byServer[name] = await client.ListToolsAsync();
                }

                return await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:byServer.Values.SelectMany(x => x)|}] });
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list)"));

    // Next to them: each server's list allow-listed or capped before it is stored, a per-server allow-list in the
    // flattening, a capped flattening, and dictionaries of fixed lists or of single tools keyed by name.
    [Fact]
    public Task Allow_listed_capped_or_fixed_dictionaries_are_not_reported() => VerifyAsync("""
        public sealed class McpToolCollection
        {
            private readonly Dictionary<string, IList<McpClientTool>> _allowed = new();
            private readonly Dictionary<string, IList<McpClientTool>> _capped = new();
            private readonly Dictionary<string, IList<McpClientTool>> _whole = new();
            private readonly Dictionary<string, HashSet<string>> _allowList = new();
            private readonly Dictionary<string, IList<AITool>> _groups = new();
            private readonly Dictionary<string, AITool> _byName = new();
            private static readonly string[] Names = ["search", "fetch"];

            public IReadOnlyList<McpClientTool> Allowed => _allowed.SelectMany(p => p.Value).ToList();
            public IReadOnlyList<McpClientTool> Capped => _capped.SelectMany(p => p.Value).ToList();
            public IReadOnlyList<McpClientTool> PerServerFilter =>
                _whole.SelectMany(p => p.Value.Where(t => _allowList[p.Key].Contains(t.Name))).ToList();
            public IReadOnlyList<McpClientTool> Top => _whole.SelectMany(p => p.Value).Take(10).ToList();
            public IReadOnlyList<AITool> Groups => _groups.SelectMany(p => p.Value).ToList();
            public IReadOnlyList<AITool> ByName => [.. _byName.Values];

            public McpToolCollection()
            {
                _groups["time"] = [AIFunctionFactory.Create(() => DateTime.UtcNow, "now")];
                _byName["now"] = AIFunctionFactory.Create(() => DateTime.UtcNow, "now");
                _byName["today"] = AIFunctionFactory.Create(() => DateTime.Today, "today");
            }

            public async Task InitializeAsync(IReadOnlyDictionary<string, McpClient> clients)
            {
                foreach (var (name, client) in clients)
                {
                    var tools = await client.ListToolsAsync();
                    _allowed[name] = tools.Where(t => Names.Contains(t.Name)).ToList();
                    _capped[name] = tools.Take(5).ToList();
                    _whole[name] = tools;
                }
            }
        }

        public sealed class ChatController(IChatClient chat, McpToolCollection c)
        {
            public Task<ChatResponse> A(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. c.Allowed] });
            public Task<ChatResponse> B(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. c.Capped] });
            public Task<ChatResponse> C(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. c.PerServerFilter] });
            public Task<ChatResponse> D(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. c.Top] });
            public Task<ChatResponse> E(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. c.Groups] });
            public Task<ChatResponse> F(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. c.ByName] });
        }
        """);

    // Broken code: an unresolved dictionary type or fill does not crash the analysis.
    [Fact]
    public Task Half_typed_dictionary_does_not_crash() => new AnalyzerTest<ToolCatalogAnalyzer>
    {
        TestCode = ToolTestCode.Usings + """
            public sealed class McpToolCollection
            {
                private readonly Dictionary<string, IList<Missing>> _plugins = new();
                public IReadOnlyList<McpClientTool> Tools => _plugins.SelectMany(p => p.Value).ToList();
                public async Task InitializeAsync(McpClient client) { _plugins[] = await client.ListToolsAsync(); _plugins.Add(; }
            }

            public sealed class ChatController(IChatClient chat, McpToolCollection c)
            {
                public Task<ChatResponse> A(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. c.Tools] });
            }
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        MarkupDiagnosticId = "AIL0202",
    }.RunAsync();
}
