using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A list of per-server holder objects, each carrying its server's whole tool list, flattened with
/// <c>SelectMany(c =&gt; c.Tools)</c> (review91 repro-1, GreenShadeZhang/agent-framework-tutorial-code's
/// <c>McpToolService</c>): the same catalog as the dictionary of lists of <see cref="ServerDictionaryCatalogTests"/>.
/// Each positive sits beside the variant real apps write to bound or change the lists, which stays quiet.
/// </summary>
public class ServerHolderListCatalogTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string Config = """
        using Microsoft.Agents.AI;

        public class McpServerConfig { public string Name { get; set; } = ""; public string Endpoint { get; set; } = ""; public bool Enabled { get; set; } = true; public List<string> AllowedTools { get; set; } = new(); }
        public class McpServersConfig { public List<McpServerConfig> Servers { get; set; } = new(); }

        """;

    /// <summary>The service with its list of holders; <paramref name="stored"/> is what each holder's Tools is set to, <paramref name="more"/> more members.</summary>
    private static string Service(string stored, string more = "") => Config + """
        public class McpToolService(McpServersConfig config)
        {
            private readonly List<McpClientWrapper> _mcpClients = new();

            public async Task InitializeAsync(CancellationToken cancellationToken = default)
            {
                foreach (var serverConfig in config.Servers.Where(s => s.Enabled))
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(serverConfig.Endpoint), Name = serverConfig.Name }), cancellationToken: cancellationToken);
                    var tools = await client.ListToolsAsync();
                    _mcpClients.Add(new McpClientWrapper
                    {
                        Config = serverConfig,
                        Client = client,
                        Tools = 
        """ + stored + """

                    });
                }
            }

            public IEnumerable<AITool> GetAllTools()
            {
                if (_mcpClients.Count == 0)
                {
                    return Enumerable.Empty<AITool>();
                }

                return _mcpClients.SelectMany(c => c.Tools);
            }

            public IEnumerable<AITool> GetToolsByServer(string name) => _mcpClients.FirstOrDefault(c => c.Config.Name == name)?.Tools ?? Enumerable.Empty<AITool>();

            public async ValueTask DisposeAsync()
            {
                foreach (var wrapper in _mcpClients)
                {
                    await wrapper.Client.DisposeAsync();
                }

                _mcpClients.Clear();
            }

        """ + more + """

            private class McpClientWrapper
            {
                public required McpServerConfig Config { get; set; }
                public required McpClient Client { get; set; }
                public required List<AITool> Tools { get; set; }
            }
        }

        public class WorkflowManager(IChatClient chatClient, McpToolService mcpToolService)
        {
            public List<ChatClientAgent> CreateSpecialists(List<string> names)
            {
                var mcpTools = mcpToolService.GetAllTools().ToList();
                return names.Select(name => new ChatClientAgent(chatClient, instructions: "You are a specialist.", name: name, tools: [.. {|#0:mcpTools|}])).ToList();
            }
        }
        """;

    [Fact]
    public Task Every_servers_whole_list_in_a_holder_is_reported_where_the_flattening_builder_is_called() => VerifyAsync(
        Service("tools.Cast<AITool>().ToList()"),
        Verify.Diagnostic("AIL0202").WithLocation(0)
            .WithArguments("'client.ListToolsAsync()' (an MCP server's whole tool list), through 'mcpToolService.GetAllTools()'", 20));

    // ---- the twins that stay quiet ----

    [Fact]
    public Task Each_holders_list_allow_listed_by_configuration_is_not_reported() => VerifyAsync(
        Service("tools.Where(t => serverConfig.AllowedTools.Contains(t.Name)).Cast<AITool>().ToList()").Replace("{|#0:mcpTools|}", "mcpTools"));

    [Fact]
    public Task Each_holders_list_capped_is_not_reported() => VerifyAsync(
        Service("tools.Take(10).Cast<AITool>().ToList()").Replace("{|#0:mcpTools|}", "mcpTools"));

    // A holder's list filtered in place later, or a holder added from elsewhere: not every change is in view.
    [Fact]
    public Task A_list_changed_in_place_or_a_holder_added_from_elsewhere_is_not_followed() => VerifyAsync(
        Service(
            "tools.Cast<AITool>().ToList()",
            """
                public void Restrict(IReadOnlySet<string> allowed)
                {
                    foreach (var wrapper in _mcpClients)
                    {
                        wrapper.Tools.RemoveAll(t => !allowed.Contains(t.Name));
                    }
                }
            """).Replace("{|#0:mcpTools|}", "mcpTools"));

    [Fact]
    public Task A_holder_made_elsewhere_is_not_followed() => VerifyAsync(
        Service(
            "tools.Cast<AITool>().ToList()",
            """
                private void Register(McpClientWrapper wrapper) => _mcpClients.Add(wrapper);
            """).Replace("{|#0:mcpTools|}", "mcpTools"));

    [Theory]
    [InlineData("_items.Add(new Holder { Tools = });")]
    [InlineData("_items.Add(new Holder { Missing = all });")]
    [InlineData("_items.Add(new Unknown { Tools = all });")]
    public async Task Half_typed_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                class Holder { public List<AITool> Tools { get; set; } = new(); }

                class Service(McpClient client)
                {
                    private readonly List<Holder> _items = new();

                    public async Task FillAsync()
                    {
                        var all = (await client.ListToolsAsync()).Cast<AITool>().ToList();

                """ + statement + """

                    }

                    public ChatOptions Options() => new ChatOptions { Tools = [.. _items.SelectMany(h => h.Tools)] };
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };

        // Only "no analyzer exception" is asserted: what half-typed code reports is not specified.
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
        }
    }
}
