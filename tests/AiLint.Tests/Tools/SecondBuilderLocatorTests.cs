using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A builder's input handed on to a second method of the project that locates the server: <c>LoadAsync(server)</c>
/// calls <c>ConnectAsync(server.Url)</c>, which creates the MCP client over a transport made from it, and the catalog
/// <c>LoadAsync</c> builds reaches a request in another class. The input only says where the server is, one method
/// further down, so the first builder is followed as one that creates the transport itself (ServerLocatorBuilderTests).
/// One level is read: a second method that hands the input on again, one that only logs or names it, and one reached
/// through an interface or a virtual member do not make it a locator. Beside each positive, the selecting twin stays quiet.
/// </summary>
public class SecondBuilderLocatorTests
{
    private const string Listed = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + "using Microsoft.Agents.AI;\nusing Microsoft.Extensions.Logging;\n" + code,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private const string Config = """
        public sealed class McpServerConfig
        {
            public string Name { get; set; } = "";
            public string Url { get; set; } = "";
            public string Command { get; set; } = "";
            public List<string> Args { get; set; } = new();
            public List<string> AllowedTools { get; set; } = new();
        }

        """;

    // The second method returns the client; the first lists its tools. The caller is in another class.
    [Fact]
    public Task The_input_passed_to_a_method_that_creates_the_client_is_followed() => VerifyAsync("""
        public class McpToolService(ILoggerFactory loggerFactory)
        {
            public async Task<IList<AITool>> GetToolsAsync(string serverUrl, CancellationToken ct)
            {
                var client = await ConnectAsync(serverUrl, ct);
                var tools = await client.ListToolsAsync(cancellationToken: ct);
                return [.. tools];
            }

            // The twin that selects: the same input also filters the list.
            public async Task<IList<AITool>> GetPrefixedToolsAsync(string serverUrl, CancellationToken ct)
            {
                var client = await ConnectAsync(serverUrl, ct);
                var tools = await client.ListToolsAsync(cancellationToken: ct);
                return [.. tools.Where(t => serverUrl.Contains(t.Name))];
            }

            private async Task<McpClient> ConnectAsync(string endpoint, CancellationToken ct) =>
                await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(endpoint) }), loggerFactory: loggerFactory, cancellationToken: ct);
        }

        public class Chat(IChatClient chat, McpToolService mcp)
        {
            public async Task<ChatResponse> AskAsync(string q) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = {|#0:await mcp.GetToolsAsync("https://learn.microsoft.com/api/mcp", CancellationToken.None)|} });

            public async Task<ChatResponse> AskPrefixedAsync(string q) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = await mcp.GetPrefixedToolsAsync("https://learn.microsoft.com/api/mcp", CancellationToken.None) });

            // The caller allow-lists or caps what the builder returns.
            public async Task<ChatResponse> AskAllowListedAsync(string q, IReadOnlySet<string> allowed) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. (await mcp.GetToolsAsync("https://x/mcp", CancellationToken.None)).Where(t => allowed.Contains(t.Name))] });

            public async Task<ChatResponse> AskCappedAsync(string q) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. (await mcp.GetToolsAsync("https://x/mcp", CancellationToken.None)).Take(10)] });
        }
        """,
        Unbounded(0, Listed + ", through 'mcp.GetToolsAsync()'"));

    // A configuration object: logged by name in the first method, handed whole to a static method that makes a stdio
    // transport from its members and returns the server's list; the catalog the first method fills reaches an agent.
    [Fact]
    public Task A_config_object_logged_and_handed_to_the_lister_is_followed() => VerifyAsync(Config + """
        public class ToolLoader(ILogger<ToolLoader> logger)
        {
            public async Task<List<AITool>> LoadAsync(McpServerConfig server)
            {
                logger.LogInformation("Loading tools from {Server}", server.Name);
                var tools = new List<AITool>();
                tools.AddRange(await ListServerToolsAsync(server));
                return tools;
            }

            // The twin that selects: the configured allow-list of the same object filters the list.
            public async Task<List<AITool>> LoadAllowedAsync(McpServerConfig server)
            {
                var tools = new List<AITool>();
                tools.AddRange((await ListServerToolsAsync(server)).Where(t => server.AllowedTools.Contains(t.Name)));
                return tools;
            }

            private static async Task<IList<McpClientTool>> ListServerToolsAsync(McpServerConfig server)
            {
                var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
                {
                    Name = server.Name,
                    Command = server.Command,
                    Arguments = server.Args,
                }));
                return await client.ListToolsAsync();
            }
        }

        public class AgentFactory(IChatClient chatClient, ToolLoader loader)
        {
            public async Task<AIAgent> CreateAsync(McpServerConfig config)
            {
                var tools = await loader.LoadAsync(config);
                return chatClient.AsAIAgent(instructions: "You help.", tools: {|#0:tools|});
            }

            public async Task<AIAgent> CreateAllowedAsync(McpServerConfig config)
            {
                var tools = await loader.LoadAllowedAsync(config);
                return chatClient.AsAIAgent(instructions: "You help.", tools: tools);
            }
        }
        """,
        // Both builders return the list: the message names each, innermost first.
        Unbounded(0, Listed + ", through 'ListServerToolsAsync()', through 'loader.LoadAsync()'"));

    // A member of the input handed on (`server.Url`), and a local function as the second method.
    [Fact]
    public Task A_member_of_the_input_handed_to_a_local_function_is_followed() => VerifyAsync(Config + """
        public class Catalogs
        {
            public async Task<IList<McpClientTool>> ForAsync(McpServerConfig server)
            {
                return await ListAsync(server.Url);

                static async Task<IList<McpClientTool>> ListAsync(string url)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url) }));
                    return await client.ListToolsAsync();
                }
            }
        }

        public class Chat(IChatClient chat, Catalogs catalogs)
        {
            public async Task<ChatResponse> AskAsync(string q, McpServerConfig server) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:await catalogs.ForAsync(server)|}] });
        }
        """,
        Unbounded(0, Listed + ", through 'ListAsync()', through 'catalogs.ForAsync()'"));

    // Quiet: the second method only logs the name (the client is injected), or only stores it as a key; the input
    // then says nothing about where the server is, and the first method stays a selection step.
    [Theory]
    [InlineData("logger.LogInformation(\"Listing {Server}\", serverName);")]
    [InlineData("_seen[serverName] = DateTime.UtcNow;")]
    public Task A_second_method_that_only_logs_or_names_the_server_is_not_a_locator(string use) => VerifyAsync($$"""
        public class ToolService(ILogger<ToolService> logger, McpClient client)
        {
            private readonly Dictionary<string, DateTime> _seen = new();

            public async Task<IList<McpClientTool>> GetToolsAsync(string serverName)
            {
                Note(serverName);
                return await client.ListToolsAsync();
            }

            private void Note(string serverName)
            {
                {{use}}
            }
        }

        public class Chat(IChatClient chat, ToolService service)
        {
            public async Task<ChatResponse> AskAsync(string q) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. await service.GetToolsAsync("github")] });
        }
        """);

    // Quiet: two methods further down (one level is read), and a second method reached through an interface.
    [Fact]
    public Task Deeper_hand_offs_and_interface_members_are_not_followed() => VerifyAsync("""
        public interface IMcpConnector { Task<McpClient> ConnectAsync(string url); }

        public class McpConnector : IMcpConnector
        {
            public async Task<McpClient> ConnectAsync(string url) =>
                await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url) }));
        }

        public class ToolService(IMcpConnector connector)
        {
            public async Task<IList<McpClientTool>> ThroughInterfaceAsync(string url) =>
                await (await connector.ConnectAsync(url)).ListToolsAsync();

            public async Task<IList<McpClientTool>> TwoDownAsync(string url) =>
                await (await OpenAsync(url)).ListToolsAsync();

            private Task<McpClient> OpenAsync(string url) => CreateAsync(url);

            private static async Task<McpClient> CreateAsync(string url) =>
                await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url) }));
        }

        public class Chat(IChatClient chat, ToolService service)
        {
            public async Task<ChatResponse> A(string q) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. await service.ThroughInterfaceAsync("https://x/mcp")] });

            public async Task<ChatResponse> B(string q) =>
                await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. await service.TwoDownAsync("https://x/mcp")] });
        }
        """);

    // ModelContextProtocol 0.2.0-preview.3 (IMcpClient, McpClientFactory.CreateAsync, SseClientTransport): the same
    // hand-off, and a per-server dictionary of the older McpClientTool lists flattened by a loop.
    [Fact]
    public Task The_older_client_names_are_read_the_same_way()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                public class McpToolService
                {
                    private readonly Dictionary<string, IList<McpClientTool>> _byServer = new();

                    public async Task<IList<McpClientTool>> GetToolsAsync(string url)
                    {
                        var client = await ConnectAsync(url);
                        return await client.ListToolsAsync();
                    }

                    public async Task LoadAsync(string name, string url) => _byServer[name] = await GetToolsAsync(url);

                    public List<AITool> All()
                    {
                        var tools = new List<AITool>();
                        foreach (var (server, list) in _byServer) tools.AddRange(list);
                        return tools;
                    }

                    private static Task<IMcpClient> ConnectAsync(string endpoint) =>
                        McpClientFactory.CreateAsync(new SseClientTransport(new SseClientTransportOptions { Endpoint = new Uri(endpoint) }));
                }

                public class Chat(IChatClient chat, McpToolService mcp)
                {
                    public async Task<ChatResponse> AskAsync(string q) =>
                        await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:await mcp.GetToolsAsync("https://x/mcp")|}] });

                    public Task<ChatResponse> AskAllAsync(string q) =>
                        chat.GetResponseAsync(q, new ChatOptions { Tools = {|#1:mcp.All()|} });
                }
                """,
            References = OlderSdkReferences.Replacing(("ModelContextProtocol.Core", "0.2.0-preview.3")),
        };
        test.ExpectedDiagnostics.Add(Unbounded(0, Listed + ", through 'mcp.GetToolsAsync()'"));

        // The dictionary is filled from the builder's result inside the same type: the stored list names the builder.
        test.ExpectedDiagnostics.Add(Unbounded(1, Listed + ", through 'GetToolsAsync()', through 'mcp.All()'"));
        return test.RunAsync();
    }

    // Half-typed code: an unresolved second method, a missing argument and an error-typed input do not crash and report nothing.
    [Fact]
    public Task Half_typed_hand_offs_do_not_crash() => new AnalyzerTest<ToolCatalogAnalyzer>
    {
        TestCode = ToolTestCode.Usings + """
            public class ToolService
            {
                public async Task<IList<McpClientTool>> A(string url) => await (await Missing(url)).ListToolsAsync();
                public async Task<IList<McpClientTool>> B(string url) => await (await ConnectAsync()).ListToolsAsync();
                public async Task<IList<McpClientTool>> C(Unknown config) => await (await ConnectAsync(config)).ListToolsAsync();
                private static async Task<McpClient> ConnectAsync(string url) =>
                    await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url) }));
            }

            public class Chat(IChatClient chat, ToolService s)
            {
                public async Task<ChatResponse> M(string q) =>
                    await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. await s.A("u"), .. await s.B("u"), .. await s.C(null)] });
            }
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
