using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An MCP server's whole list returned by a helper of the project whose inputs only say where the server is: the
/// shape of AzureBrasil-cloud/ai-training-session-microsoft-agent-framework's ContosoAutoTech
/// (<c>McpService.GetHttpMcpToolAsync(string name, string endpoint)</c> creates an <c>McpClient</c> over an
/// <c>HttpClientTransport</c> from its arguments and returns <c>(tools.Select(AITool (x) =&gt; x).ToList(), client)</c>;
/// review56 "Misses not promised" 1). Such inputs (used only to create the transport or the client) select no tools
/// and are read like a <c>CancellationToken</c>; an input that reaches anything else (a name filter, a cap, nothing at
/// all) keeps the helper a selection step. Each positive sits beside the correct code.
/// </summary>
public class ServerLocatorBuilderTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>The agent side of ContosoAutoTech: the catalog is handed on through two methods to <c>ChatOptions.Tools</c>.</summary>
    private const string AgentSide = """
        using Microsoft.Agents.AI;
        using OpenAI.Chat;

        public class AiAgentService
        {
            private AIAgent CreateAiAgent(ChatClient client, string instructions, string name, IList<AITool>? tools = null)
                => client.AsIChatClient().AsAIAgent(new ChatClientAgentOptions
                {
                    Name = name,
                    ChatOptions = new ChatOptions { Instructions = instructions, Tools = tools },
                });

            public async Task<string> CreateRunAsync(ChatClient client, string name, string instructions, string userMessage, IList<AITool>? tools = null)
            {
                var agent = CreateAiAgent(client, instructions, name, tools);
                var result = await agent.RunAsync(userMessage);
                return result.Text;
            }
        }

        """;

    private const string HttpList = "'mcpHttpClient.ListToolsAsync()' (an MCP server's whole tool list), through 'mcpService.GetHttpMcpToolAsync()'";

    // Shape A of review56's probe (quiet before this change): the tuple builder takes a name and an endpoint.
    [Fact]
    public Task A_tuple_builder_given_where_the_server_is_is_followed() => VerifyAsync(AgentSide + """
        public class McpService
        {
            public async Task<(IList<AITool> tools, McpClient mcpClient)> GetHttpMcpToolAsync(string name, string endpoint)
            {
                var mcpHttpClient = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Name = name, Endpoint = new Uri(endpoint) }));
                var tools = await mcpHttpClient.ListToolsAsync();
                return (tools.Select(AITool (x) => x).ToList(), mcpHttpClient);
            }
        }

        public class AgentService(McpService mcpService, AiAgentService aiAgentService, OpenAI.Chat.ChatClient client)
        {
            public async Task<string> RunAsync(string message)
            {
                var (mcpTools, mcpClient) = await mcpService.GetHttpMcpToolAsync("CarPartPriceMcp", "http://localhost:5000/mcp");
                var tools = new List<AITool>();
                tools.AddRange({|#0:mcpTools|});
                return await aiAgentService.CreateRunAsync(client, "agent", "instructions", message, tools);
            }

            // The correct code beside it: the caller allow-lists what the helper returns.
            public async Task<string> RunAllowListedAsync(string message)
            {
                string[] allowed = ["get_price"];
                var (mcpTools, mcpClient) = await mcpService.GetHttpMcpToolAsync("CarPartPriceMcp", "http://localhost:5000/mcp");
                var tools = new List<AITool>();
                tools.AddRange(mcpTools.Where(t => allowed.Contains(t.Name)));
                return await aiAgentService.CreateRunAsync(client, "agent", "instructions", message, tools);
            }
        }
        """,
        Unbounded(0, HttpList));

    // The real McpService: headers from two more arguments, and a stdio sibling whose optional arguments list is passed or not.
    [Fact]
    public Task The_real_helpers_with_headers_and_a_stdio_command_are_followed() => VerifyAsync(AgentSide + """
        public class McpService
        {
            public async Task<(IList<AITool> tools, McpClient mcpClient)> GetStdioMcpToolAsync(string name, string command, IList<string>? arguments = null)
            {
                var mcpClient = await McpClient.CreateAsync(
                    new StdioClientTransport(new StdioClientTransportOptions
                    {
                        Name = name,
                        Command = command,
                        Arguments = arguments
                    }));
                var tools = await mcpClient.ListToolsAsync();
                return (tools.Select(AITool (x) => x).ToList(), mcpClient);
            }

            public async Task<(IList<AITool> tools, McpClient mcpClient)> GetHttpMcpToolAsync(string name, string endpoint, string headerName, string headerValue)
            {
                var mcpHttpClient = await McpClient.CreateAsync(
                    new HttpClientTransport(new HttpClientTransportOptions
                    {
                        Name = name,
                        Endpoint = new Uri(endpoint),
                        AdditionalHeaders = new AdditionalPropertiesDictionary<string>()
                        {
                            { headerName, headerValue }
                        }
                    }));
                var tools = await mcpHttpClient.ListToolsAsync();
                return (tools.Select(AITool (x) => x).ToList(), mcpHttpClient);
            }
        }

        public class AgentService(McpService mcpService, AiAgentService aiAgentService, OpenAI.Chat.ChatClient client)
        {
            public async Task<string> RunAsync(string message)
            {
                var tools = new List<AITool>();
                var (priceTools, c1) = await mcpService.GetHttpMcpToolAsync("CarPartPriceMcp", "http://localhost:5000/mcp", "", "");
                tools.AddRange({|#0:priceTools|});
                var (stockTools, c2) = await mcpService.GetStdioMcpToolAsync("Stock", "dotnet");
                tools.AddRange({|#1:stockTools|});
                var (fileTools, c3) = await mcpService.GetStdioMcpToolAsync("Files", "npx", ["-y", "@modelcontextprotocol/server-filesystem"]);
                tools.AddRange({|#2:fileTools.Take(10)|});
                return await aiAgentService.CreateRunAsync(client, "agent", "instructions", message, tools);
            }
        }
        """,
        Unbounded(0, HttpList),
        Unbounded(1, "'mcpClient.ListToolsAsync()' (an MCP server's whole tool list), through 'mcpService.GetStdioMcpToolAsync()'"));

    // The single-list return: Task<IList<McpClientTool>> GetToolsAsync(string url), static or an instance method of a service.
    [Fact]
    public Task A_list_builder_given_a_url_is_followed() => VerifyAsync("""
        static class McpTools
        {
            public static async Task<IList<McpClientTool>> GetToolsAsync(string url)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                return await client.ListToolsAsync();
            }
        }

        class Chat(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. {|#0:await McpTools.GetToolsAsync("http://localhost:5000/mcp")|}] };
                return await chat.GetResponseAsync(question, options);
            }

            public async Task<ChatResponse> AskCappedAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. (await McpTools.GetToolsAsync("http://localhost:5000/mcp")).Take(10)] };
                return await chat.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'McpTools.GetToolsAsync()'"));

    // The helper as an instance method of a service the container injects, reading configuration, options and a
    // logger factory only to reach the server, through locals of its own.
    [Fact]
    public Task A_service_method_given_configuration_options_and_a_logger_factory_is_followed() => VerifyAsync("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        public sealed class McpSettings { public string Url { get; set; } = ""; public string Key { get; set; } = ""; }

        public class McpToolService
        {
            public async Task<IList<McpClientTool>> FromConfigurationAsync(IConfiguration configuration, ILoggerFactory loggerFactory, CancellationToken ct)
            {
                var endpoint = new Uri(configuration["Mcp:Url"]!);
                var transportOptions = new HttpClientTransportOptions { Endpoint = endpoint, Name = "crm" };
                var client = await McpClient.CreateAsync(new HttpClientTransport(transportOptions, loggerFactory), loggerFactory: loggerFactory, cancellationToken: ct);
                return await client.ListToolsAsync(cancellationToken: ct);
            }

            public async Task<IList<McpClientTool>> FromOptionsAsync(IOptions<McpSettings> settings)
            {
                var transport = new HttpClientTransport(new()
                {
                    Endpoint = new Uri(settings.Value.Url),
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + settings.Value.Key },
                });
                var client = await McpClient.CreateAsync(transport);
                return await client.ListToolsAsync();
            }
        }

        public class Chat(IChatClient chat, McpToolService toolService, IConfiguration configuration, ILoggerFactory loggerFactory, IOptions<McpSettings> settings)
        {
            public async Task<ChatResponse> AskAsync(string question, CancellationToken ct)
            {
                var options = new ChatOptions { Tools = [.. {|#0:await toolService.FromConfigurationAsync(configuration, loggerFactory, ct)|}] };
                return await chat.GetResponseAsync(question, options, ct);
            }

            public async Task<ChatResponse> AskWithOptionsAsync(string question)
            {
                var options = new ChatOptions { Tools = [.. {|#1:await toolService.FromOptionsAsync(settings)|}] };
                return await chat.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'toolService.FromConfigurationAsync()'"),
        Unbounded(1, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'toolService.FromOptionsAsync()'"));

    // ---- the twins that stay quiet: an input that may choose the tools keeps the helper a selection step ----

    [Fact]
    public Task A_helper_filtering_by_names_it_is_given_is_not_reported() => VerifyAsync(AgentSide + """
        public class McpService
        {
            public async Task<(IList<AITool> tools, McpClient mcpClient)> GetHttpMcpToolAsync(string endpoint, IReadOnlyCollection<string> toolNames)
            {
                var mcpHttpClient = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(endpoint) }));
                var tools = await mcpHttpClient.ListToolsAsync();
                return (tools.Where(t => toolNames.Contains(t.Name)).Select(AITool (x) => x).ToList(), mcpHttpClient);
            }

            public async Task<IList<McpClientTool>> GetToolsAsync(string endpoint, string[] toolNames)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(endpoint) }));
                var selected = new List<McpClientTool>();
                foreach (var tool in await client.ListToolsAsync())
                {
                    if (toolNames.Contains(tool.Name)) selected.Add(tool);
                }

                return selected;
            }
        }

        public class AgentService(McpService mcpService, AiAgentService aiAgentService, OpenAI.Chat.ChatClient client)
        {
            public async Task<string> RunAsync(string message, string[] names)
            {
                var (mcpTools, mcpClient) = await mcpService.GetHttpMcpToolAsync("http://localhost:5000/mcp", names);
                var tools = new List<AITool>();
                tools.AddRange(mcpTools);
                tools.AddRange(await mcpService.GetToolsAsync("http://localhost:5000/mcp", names));
                return await aiAgentService.CreateRunAsync(client, "agent", "instructions", message, tools);
            }
        }
        """);

    [Fact]
    public Task A_helper_given_a_cap_is_not_reported() => VerifyAsync("""
        static class McpTools
        {
            public static async Task<IList<McpClientTool>> GetToolsAsync(string url, int maxTools)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                return (await client.ListToolsAsync()).Take(maxTools).ToList();
            }

            public static async Task<(McpClient, IList<McpClientTool>)> ConnectAsync(string url, int maxTools)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                var all = await client.ListToolsAsync();
                return (client, all.Count > maxTools ? all.Take(maxTools).ToList() : all);
            }
        }

        class Chat(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var (c, connected) = await McpTools.ConnectAsync("http://localhost:5000/mcp", 15);
                var options = new ChatOptions { Tools = [.. await McpTools.GetToolsAsync("http://localhost:5000/mcp", 15), .. connected] };
                return await chat.GetResponseAsync(question, options);
            }
        }
        """);

    // An input that reaches the transport AND something else, or nothing at all (the user's message the helper ignores
    // today), is not only "where the server is": the helper stays opaque, as before.
    [Fact]
    public Task A_helper_whose_input_is_used_beyond_the_transport_or_not_at_all_is_not_reported() => VerifyAsync("""
        static class McpTools
        {
            public static async Task<IList<McpClientTool>> PrefixedAsync(string server)
            {
                var client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = server, Command = "dotnet" }));
                return (await client.ListToolsAsync()).Where(t => t.Name.StartsWith(server)).ToList();
            }

            public static async Task<IList<McpClientTool>> ForQuestionAsync(string url, string question)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                return await client.ListToolsAsync();
            }

            public static async Task<IList<McpClientTool>> ForUserAsync(string url, string user)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                var tools = await client.ListToolsAsync();
                Console.WriteLine(user);
                return tools;
            }
        }

        class Chat(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var options = new ChatOptions
                {
                    Tools = [.. await McpTools.PrefixedAsync("github"), .. await McpTools.ForQuestionAsync("http://x/mcp", question), .. await McpTools.ForUserAsync("http://x/mcp", "me")],
                };
                return await chat.GetResponseAsync(question, options);
            }
        }
        """);

    [Theory]
    [InlineData("var (tools, c) = await new McpService().GetAsync(\"n\", ); options.Tools = tools;")]
    [InlineData("var (tools, c) = await new McpService().GetAsync(undefinedName, \"e\"); options.Tools = tools;")]
    [InlineData("options.Tools = [.. await new McpService().ListAsync(\"e\")];")]
    [InlineData("options.Tools = [.. await new McpService().Broken(\"e\")];")]
    public async Task Half_typed_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                public class McpService
                {
                    public async Task<(IList<AITool> tools, McpClient client)> GetAsync(string name, string endpoint)
                    {
                        var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Name = name, Endpoint = new Uri(endpoint), Missing = endpoint }));
                        return (client.ListToolsAsync().Result.Cast<AITool>().ToList(), client);
                    }

                    public async Task<IList<McpClientTool>> ListAsync(string endpoint)
                    {
                        var client = await McpClient.CreateAsync(new UnknownTransport(endpoint));
                        return await client.ListToolsAsync();
                    }

                    public async Task<IList<McpClientTool>> Broken(string endpoint)
                    {
                        var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(endpoint) })
                        return await client.ListToolsAsync();
                    }
                }

                """ + "class C { async Task M(ChatOptions options) { " + statement + " } }",
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
