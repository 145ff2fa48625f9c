using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Two shapes of real MCP clients that AIL0202 missed (review20, M1 and M2): a <c>foreach</c> over a server's whole list
/// that converts each tool into a local of the loop's body before adding it (cmw2/BuildingAIDemos, sample 24), and a
/// no-input tool builder written as a local function of a top-level <c>Program.cs</c> (Fujiwo/FC.AIAgentSample,
/// FCAIAgent4). Each positive sits next to the correct code written the same way (allow-listed, capped, or given an input).
/// </summary>
public class ConvertedLocalAndLocalFunctionTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyAsync(code, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task VerifyAsync(string code, Microsoft.CodeAnalysis.OutputKind kind, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, OutputKind = kind };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, string.Empty);

    private static string ChatTools(int count) =>
        string.Join(", ", Enumerable.Range(1, count).Select(i => $"ChatTool.CreateFunctionTool(\"t{i}\")"));

    // ---- M1: the element converted into a local of the loop's body ----

    [Fact]
    public Task A_loop_that_converts_each_server_tool_into_a_local_is_reported() => VerifyAsync("""
        using OpenAI.Chat;

        class Assistant(ChatClient chat, McpClient mcp)
        {
            public async Task<string> ViaLocalAsync(List<OpenAI.Chat.ChatMessage> messages)
            {
                var mcpTools = await mcp.ListToolsAsync();
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in {|#0:mcpTools|})
                {
                    var chatTool = ChatTool.CreateFunctionTool(
                        functionName: mcpTool.ProtocolTool.Name,
                        functionDescription: mcpTool.ProtocolTool.Description ?? "",
                        functionParameters: BinaryData.FromString(mcpTool.ProtocolTool.InputSchema.GetRawText()));
                    options.Tools.Add(chatTool);
                }

                return (await chat.CompleteChatAsync(messages, options)).Value.Content[0].Text;
            }

            // The repository's own shape: the protocol tool in a local first, the converted tools gathered in a list
            // that is copied into the options.
            public async Task<string> TwoStepsAsync(List<OpenAI.Chat.ChatMessage> messages)
            {
                var chatTools = new List<ChatTool>();
                foreach (var mcpTool in {|#1:await mcp.ListToolsAsync()|})
                {
                    var protocolTool = mcpTool.ProtocolTool;
                    var chatTool = ChatTool.CreateFunctionTool(protocolTool.Name, protocolTool.Description ?? "",
                        BinaryData.FromString(protocolTool.InputSchema.GetRawText()));
                    chatTools.Add(chatTool);
                }

                var options = new ChatCompletionOptions();
                foreach (var tool in chatTools)
                {
                    options.Tools.Add(tool);
                }

                return (await chat.CompleteChatAsync(messages, options)).Value.Content[0].Text;
            }
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList));

    // The neighbours: the same loop allow-listed by name (an `if` that skips every other name, with or without a log
    // line), capped, or adding a tool that is not made from the element.
    [Fact]
    public Task The_same_loop_allow_listed_capped_or_not_converting_the_element_is_not_reported() => VerifyAsync("""
        using OpenAI.Chat;

        class Assistant(ChatClient chat, McpClient mcp, IReadOnlyList<string> configured)
        {
            private static readonly HashSet<string> Allowed = ["get_forecast", "get_alerts"];

            public async Task<ChatCompletionOptions> AllowListedAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in await mcp.ListToolsAsync())
                {
                    if (!Allowed.Contains(mcpTool.Name)) continue;
                    var chatTool = ChatTool.CreateFunctionTool(mcpTool.Name, mcpTool.Description);
                    options.Tools.Add(chatTool);
                }

                return options;
            }

            // The skip guards the conversion written inside the Add as well.
            public async Task<ChatCompletionOptions> AllowListedDirectAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in await mcp.ListToolsAsync())
                {
                    if (!Allowed.Contains(mcpTool.Name)) { continue; }
                    options.Tools.Add(ChatTool.CreateFunctionTool(mcpTool.Name, mcpTool.Description));
                }

                return options;
            }

            public async Task<ChatCompletionOptions> ConfiguredAndLoggedAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in await mcp.ListToolsAsync())
                {
                    if (!configured.Contains(mcpTool.ProtocolTool.Name))
                    {
                        Console.WriteLine($"skipping {mcpTool.Name}");
                        continue;
                    }

                    var chatTool = ChatTool.CreateFunctionTool(mcpTool.Name, mcpTool.Description);
                    options.Tools.Add(chatTool);
                }

                return options;
            }

            public async Task<ChatCompletionOptions> CappedAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in (await mcp.ListToolsAsync()).Take(10))
                {
                    var chatTool = ChatTool.CreateFunctionTool(mcpTool.Name, mcpTool.Description);
                    options.Tools.Add(chatTool);
                }

                return options;
            }

            public async Task<ChatCompletionOptions> NotFromTheElementAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in await mcp.ListToolsAsync())
                {
                    Console.WriteLine(mcpTool.Name);
                    var ping = ChatTool.CreateFunctionTool("ping", "Checks the server.");
                    options.Tools.Add(ping);
                }

                return options;
            }
        }
        """);

    // The exclusion's twins: a skip that is a deny-list or a prefix test is not a list of allowed names, and a skip
    // written after the Add skips nothing.
    [Fact]
    public Task A_skip_that_is_not_an_allow_list_before_the_add_is_still_reported() => VerifyAsync("""
        using OpenAI.Chat;

        class Assistant(McpClient mcp)
        {
            private static readonly HashSet<string> Blocked = ["delete_repository"];
            private static readonly HashSet<string> Allowed = ["get_forecast"];

            public async Task<ChatCompletionOptions> DenyListAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in {|#0:await mcp.ListToolsAsync()|})
                {
                    if (Blocked.Contains(mcpTool.Name)) continue;
                    var chatTool = ChatTool.CreateFunctionTool(mcpTool.Name, mcpTool.Description);
                    options.Tools.Add(chatTool);
                }

                return options;
            }

            public async Task<ChatCompletionOptions> PrefixAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in {|#1:await mcp.ListToolsAsync()|})
                {
                    if (!mcpTool.Name.StartsWith("get_")) continue;
                    options.Tools.Add(ChatTool.CreateFunctionTool(mcpTool.Name, mcpTool.Description));
                }

                return options;
            }

            public async Task<ChatCompletionOptions> SkipAfterTheAddAsync()
            {
                var options = new ChatCompletionOptions();
                foreach (var mcpTool in {|#2:await mcp.ListToolsAsync()|})
                {
                    var chatTool = ChatTool.CreateFunctionTool(mcpTool.Name, mcpTool.Description);
                    options.Tools.Add(chatTool);
                    if (!Allowed.Contains(mcpTool.Name)) continue;
                    Console.WriteLine(mcpTool.Name);
                }

                return options;
            }
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, McpList),
        Unbounded(2, McpList));

    // A hosted MCP server per configured server, made in a local of the loop's body or inside the Add: without
    // AllowedTools each is an unbounded source of its own (before the loop's locals were followed, only the local form
    // was reported, as "a loop over servers"); with AllowedTools each holds only the tools someone named.
    [Fact]
    public Task A_hosted_server_per_configured_server_is_reported_only_without_AllowedTools() => VerifyAsync("""
        sealed record Server(string Name, string Url, List<string> Allowed);

        class Hosted(IReadOnlyList<Server> servers)
        {
            public ChatOptions ViaLocal()
            {
                var tools = new List<AITool>();
                foreach (var server in servers)
                {
                    var tool = new HostedMcpServerTool(server.Name, server.Url);
                    tools.Add({|#0:tool|});
                }

                return new ChatOptions { Tools = tools };
            }

            public ChatOptions Direct()
            {
                var tools = new List<AITool>();
                foreach (var server in servers)
                {
                    tools.Add({|#1:new HostedMcpServerTool(server.Name, server.Url)|});
                }

                return new ChatOptions { Tools = tools };
            }

            public ChatOptions AllowListedViaLocal()
            {
                var tools = new List<AITool>();
                foreach (var server in servers)
                {
                    var tool = new HostedMcpServerTool(server.Name, server.Url) { AllowedTools = server.Allowed };
                    tools.Add(tool);
                }

                return new ChatOptions { Tools = tools };
            }

            public ChatOptions AllowListedDirect()
            {
                var tools = new List<AITool>();
                foreach (var server in servers)
                {
                    tools.Add(new HostedMcpServerTool(server.Name, server.Url) { AllowedTools = server.Allowed });
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """,
        Unbounded(0, "a hosted MCP server tool with no AllowedTools"),
        Unbounded(1, "a hosted MCP server tool with no AllowedTools"));

    // ---- M2a: a no-input builder written as a local function ----

    [Fact]
    public Task A_local_function_of_a_top_level_program_that_returns_the_whole_list_is_followed() => VerifyAsync("""
        using Microsoft.Agents.AI;

        IChatClient chatClient = null!;

        var fromLocalFunction = await GetMcpServerToolList();
        AIAgent agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions
        {
            ChatOptions = new ChatOptions { Tools = {|#0:fromLocalFunction.Cast<AITool>().ToList()|} },
        });
        Console.WriteLine(await agent.RunAsync("What time is it?"));

        static async Task<IList<McpClientTool>> GetMcpServerToolList()
        {
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet", Arguments = ["run"] }));
            return await client.ListToolsAsync();
        }
        """,
        Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'GetMcpServerToolList()'"));

    [Fact]
    public Task A_local_function_of_a_method_given_only_a_client_is_followed() => VerifyAsync("""
        class Assistant(IChatClient chat, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question, CancellationToken ct)
            {
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:await LoadAsync(mcp, ct)|}] }, ct);

                static async Task<IList<McpClientTool>> LoadAsync(McpClient client, CancellationToken token) =>
                    await client.ListToolsAsync();
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'LoadAsync()'"));

    // The neighbours: the same local functions allow-listed or capped inside, and one given the user's message (a
    // per-turn selection step, not a builder with no input).
    [Fact]
    public Task Local_functions_that_allow_list_cap_or_take_an_input_are_not_reported() => VerifyAsync("""
        using Microsoft.Agents.AI;

        IChatClient chatClient = null!;
        string[] allowed = ["get_time"];

        var allowListed = await AllowListed();
        var capped = await Capped();
        var selected = await Selected(Console.ReadLine() ?? "");
        foreach (var tools in new[] { allowListed, capped, selected })
        {
            AIAgent agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions
            {
                ChatOptions = new ChatOptions { Tools = tools.Cast<AITool>().ToList() },
            });
            Console.WriteLine(await agent.RunAsync("What time is it?"));
        }

        async Task<IList<McpClientTool>> AllowListed()
        {
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }));
            return (await client.ListToolsAsync()).Where(t => allowed.Contains(t.Name)).ToList();
        }

        static async Task<IList<McpClientTool>> Capped()
        {
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }));
            return (await client.ListToolsAsync()).Take(10).ToList();
        }

        static async Task<IList<McpClientTool>> Selected(string question)
        {
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }));
            return await client.ListToolsAsync();
        }
        """,
        Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

    // ---- M2b: a builder returning the client with its tools, deconstructed by the caller ----

    [Fact]
    public Task A_deconstructed_tuple_from_a_builder_is_followed() => VerifyAsync("""
        using Microsoft.Agents.AI;

        IChatClient chatClient = null!;

        var (mcpClient, tools) = await GetMcpServerTools();
        await using var _ = mcpClient;
        AIAgent local = new ChatClientAgent(chatClient, new ChatClientAgentOptions
        {
            ChatOptions = new ChatOptions { Tools = {|#0:tools.Cast<AITool>().ToList()|} },
        });

        (McpClient client, IEnumerable<McpClientTool> loaded) = await ToolLoader.ConnectAsync(CancellationToken.None);
        AIAgent fromClass = new ChatClientAgent(chatClient, tools: [.. {|#1:loaded|}]);

        static async Task<(McpClient, IList<McpClientTool>)> GetMcpServerTools()
        {
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }));
            return (client, await client.ListToolsAsync());
        }

        static class ToolLoader
        {
            public static async Task<(McpClient, IEnumerable<McpClientTool>)> ConnectAsync(CancellationToken ct)
            {
                McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }), cancellationToken: ct);
                IList<McpClientTool> tools = await client.ListToolsAsync(cancellationToken: ct);
                return (client, tools);
            }
        }
        """,
        Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'GetMcpServerTools()'"),
        Unbounded(1, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'ToolLoader.ConnectAsync()'"));

    // The neighbours: the builder allow-lists what it returns, the caller caps it, or the builder is given the user's
    // message (a per-turn selection step).
    [Fact]
    public Task A_deconstructed_tuple_that_is_allow_listed_capped_or_selected_is_not_reported() => VerifyAsync("""
        using Microsoft.Agents.AI;

        IChatClient chatClient = null!;

        var (c1, allowListed) = await AllowListed();
        var (c2, whole) = await Whole();
        var (c3, selected) = await Selected(Console.ReadLine() ?? "");
        AIAgent a = new ChatClientAgent(chatClient, tools: [.. allowListed]);
        AIAgent b = new ChatClientAgent(chatClient, tools: [.. whole.Take(10)]);
        AIAgent c = new ChatClientAgent(chatClient, tools: [.. selected]);

        static async Task<(McpClient, IList<McpClientTool>)> AllowListed()
        {
            string[] allowed = ["get_time"];
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }));
            return (client, (await client.ListToolsAsync()).Where(t => allowed.Contains(t.Name)).ToList());
        }

        static async Task<(McpClient, IList<McpClientTool>)> Whole()
        {
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }));
            return (client, await client.ListToolsAsync());
        }

        static async Task<(McpClient, IList<McpClientTool>)> Selected(string question)
        {
            McpClient client = await McpClient.CreateAsync(new StdioClientTransport(new() { Name = "time", Command = "dotnet" }));
            return (client, await client.ListToolsAsync());
        }
        """,
        Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

    // ---- AIL0201 counts the same shapes ----

    [Fact]
    public Task A_converting_loop_and_a_local_function_builder_are_counted_for_AIL0201() => VerifyAsync($$"""
        using OpenAI.Chat;

        IChatClient chat = null!;
        await chat.GetResponseAsync("hi", new ChatOptions { Tools = {|#0:BuildMany()|} });
        await chat.GetResponseAsync("hi", new ChatOptions { Tools = BuildFew() });

        static List<AITool> BuildMany() => [{{ToolTestCode.Functions(21)}}];
        static List<AITool> BuildFew() => [{{ToolTestCode.Functions(3)}}];

        class Assistant
        {
            private static readonly ChatTool[] Many = [{{ChatTools(21)}}];
            private static readonly ChatTool[] Few = [{{ChatTools(3)}}];

            public ChatCompletionOptions AllInline()
            {
                var options = {|#1:new ChatCompletionOptions()|};
                foreach (var tool in Many)
                {
                    var copy = ChatTool.CreateFunctionTool(tool.FunctionName, tool.FunctionDescription);
                    options.Tools.Add(copy);
                }

                return options;
            }

            public ChatCompletionOptions SmallInline()
            {
                var options = new ChatCompletionOptions();
                foreach (var tool in Few)
                {
                    var copy = ChatTool.CreateFunctionTool(tool.FunctionName, tool.FunctionDescription);
                    options.Tools.Add(copy);
                }

                return options;
            }
        }
        """,
        Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        OverCap(0, "21"),
        OverCap(1, "21"));

    [Theory]
    [InlineData("var tools = await GetTools(); var o = new ChatOptions { Tools = [.. tools] }; static async Task<IList<McpClientTool>> GetTools() { var c = await McpClient.CreateAsync(")]
    [InlineData("var tools = await GetTools(); var o = new ChatOptions { Tools = [.. tools] }; static async Task<IList<McpClientTool>> GetTools() => await ")]
    [InlineData("var (client, tools) = await GetTools(); var o = new ChatOptions { Tools = [.. tools] };")]
    [InlineData("var (client, tools) = ; var o = new ChatOptions { Tools = [.. tools] };")]
    [InlineData("var (client, tools) = (mcp, await mcp.ListToolsAsync(), 3); var o = new ChatOptions { Tools = [.. tools] };")]
    [InlineData("var o = new OpenAI.Chat.ChatCompletionOptions(); foreach (var t in await mcp.ListToolsAsync()) { if (!allowed.Contains(t.Name)) continue; var c = OpenAI.Chat.ChatTool.CreateFunctionTool(t.Name,  o.Tools.Add(c); }")]
    [InlineData("var o = new OpenAI.Chat.ChatCompletionOptions(); foreach (var t in await mcp.ListToolsAsync()) { if (!) continue; var c = c; o.Tools.Add(c); }")]
    public async Task Half_typed_code_does_not_crash(string statements)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + "McpClient mcp = null!; string[] allowed = [\"a\"];\n" + statements,
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
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
