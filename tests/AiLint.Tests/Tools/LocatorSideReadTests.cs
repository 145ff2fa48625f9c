using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Builder inputs read, besides the transport, only in a log call or in a null/emptiness guard of the address still
/// only say where the server is (review91 shape 3): howardginsburg/MicrosoftAgentSDKDemo's
/// <c>GetToolsFromClientAsync(mcpClient, serverName)</c> passes <c>serverName</c> to <c>_logger.LogDebug</c> only, and
/// ntg-agent guards <c>agent.McpServer</c> with <c>string.IsNullOrEmpty</c> before making the transport from it. Each
/// reported builder sits beside a twin that really selects (a name list, a <c>Take</c>), which stays quiet.
/// </summary>
public class LocatorSideReadTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // howardginsburg's helper, reduced: the server name is read only as a logging argument.
    [Fact]
    public Task A_builder_whose_input_is_only_logged_is_followed() => VerifyAsync("""
        using Microsoft.Extensions.Logging;

        public class McpToolLoader(ILogger<McpToolLoader> logger)
        {
            public async Task<IEnumerable<AITool>> GetToolsFromClientAsync(McpClient mcpClient, string serverName)
            {
                var mcpTools = await mcpClient.ListToolsAsync();
                logger.LogDebug("Retrieved {ToolCount} tool(s) from '{ServerName}'", mcpTools.Count, serverName);
                return mcpTools;
            }

            // The twin that selects: the logged name also filters the list.
            public async Task<IEnumerable<AITool>> GetPrefixedToolsAsync(McpClient mcpClient, string serverName)
            {
                var mcpTools = await mcpClient.ListToolsAsync();
                logger.LogDebug("Retrieved tools from '{ServerName}'", serverName);
                return mcpTools.Where(t => t.Name.StartsWith(serverName)).ToList();
            }

            // A cap that is also logged is still a cap.
            public async Task<IEnumerable<AITool>> GetFirstToolsAsync(McpClient mcpClient, int maxTools)
            {
                var mcpTools = await mcpClient.ListToolsAsync();
                logger.LogInformation("Keeping {Max} tools", maxTools);
                return mcpTools.Take(maxTools).ToList();
            }
        }

        class Chat(IChatClient chat, McpToolLoader loader, McpClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. {|#0:await loader.GetToolsFromClientAsync(client, "crm")|}] };
                return await chat.GetResponseAsync(question, options);
            }

            public async Task<ChatResponse> AskSelectedAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. await loader.GetPrefixedToolsAsync(client, "crm"), .. await loader.GetFirstToolsAsync(client, 10)] };
                return await chat.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, "'mcpClient.ListToolsAsync()' (an MCP server's whole tool list), through 'loader.GetToolsFromClientAsync()'"));

    // ntg-agent's shape, reduced to one builder: the address is guarded, then only reaches the transport.
    [Fact]
    public Task A_builder_guarding_the_address_is_followed() => VerifyAsync("""
        public class AgentRow { public string? McpServer { get; set; } public List<string> EnabledTools { get; set; } = new(); }

        public class AgentTools
        {
            public async Task<List<AITool>> GetMcpToolsAsync(AgentRow agent)
            {
                ArgumentNullException.ThrowIfNull(agent);
                var tools = new List<AITool>();
                if (!string.IsNullOrEmpty(agent.McpServer?.Trim()))
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Name = "ntgmcpserver", Endpoint = new Uri(agent.McpServer) }));
                    tools.AddRange(await client.ListToolsAsync());
                }

                return tools;
            }

            public async Task<IList<McpClientTool>> GetByUrlAsync(string? url)
            {
                if (url is null || string.IsNullOrWhiteSpace(url))
                {
                    return [];
                }

                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                return await client.ListToolsAsync();
            }

            // The real code beside it: the agent's enabled tool names filter the list, so the row selects.
            public async Task<List<AITool>> GetEnabledMcpToolsAsync(AgentRow agent)
            {
                var tools = new List<AITool>();
                if (!string.IsNullOrEmpty(agent.McpServer))
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(agent.McpServer) }));
                    tools.AddRange((await client.ListToolsAsync()).Where(t => agent.EnabledTools.Contains(t.Name)));
                }

                return tools;
            }
        }

        class Chat(IChatClient chat, AgentTools agentTools)
        {
            public async Task<ChatResponse> AskAsync(string question, AgentRow agent)
            {
                var options = new ChatOptions { Tools = [.. {|#0:await agentTools.GetMcpToolsAsync(agent)|}, .. {|#1:await agentTools.GetByUrlAsync("http://localhost:5000/mcp")|}] };
                return await chat.GetResponseAsync(question, options);
            }

            public async Task<ChatResponse> AskEnabledAsync(string question, AgentRow agent)
            {
                var options = new ChatOptions { Tools = [.. await agentTools.GetEnabledMcpToolsAsync(agent)] };
                return await chat.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'agentTools.GetMcpToolsAsync()'"),
        Unbounded(1, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'agentTools.GetByUrlAsync()'"));

    // A guard alone is no use: an input only checked for emptiness (and otherwise ignored) keeps the helper opaque, and so
    // does an input that is only written to the console.
    [Fact]
    public Task An_input_only_guarded_or_printed_keeps_the_builder_a_selection_step() => VerifyAsync("""
        static class McpTools
        {
            public static async Task<IList<McpClientTool>> ForQuestionAsync(string url, string question)
            {
                ArgumentException.ThrowIfNullOrEmpty(question);
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                return await client.ListToolsAsync();
            }

            public static async Task<IList<McpClientTool>> ForUserAsync(string url, string user)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                Console.WriteLine(user);
                return await client.ListToolsAsync();
            }
        }

        class Chat(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. await McpTools.ForQuestionAsync("http://x/mcp", question), .. await McpTools.ForUserAsync("http://x/mcp", "me")] };
                return await chat.GetResponseAsync(question, options);
            }
        }
        """);

    [Theory]
    [InlineData("options.Tools = [.. await new Loader().GetAsync(client, )];")]
    [InlineData("options.Tools = [.. await new Loader().GetAsync(client, undefinedName)];")]
    [InlineData("options.Tools = [.. await new Loader().GuardedAsync(null)];")]
    public async Task Half_typed_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                using Microsoft.Extensions.Logging;

                public class Loader
                {
                    private ILogger logger = null!;

                    public async Task<IList<McpClientTool>> GetAsync(McpClient client, string server)
                    {
                        logger.LogDebug("From {Server}", server, missing);
                        return await client.ListToolsAsync();
                    }

                    public async Task<IList<McpClientTool>> GuardedAsync(string? url)
                    {
                        if (string.IsNullOrEmpty(url.Missing)) return [];
                        var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                        return await client.ListToolsAsync();
                    }
                }

                """ + "class C { async Task M(ChatOptions options, McpClient client) { " + statement + " } }",
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
