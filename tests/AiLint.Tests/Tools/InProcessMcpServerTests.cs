using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An app's MCP client listing the tools of the app's own server, run in the same process over in-memory pipes: the
/// pipes pair the client with that server, so a server whose tools are fixed in code (and within the cap) lists a
/// bounded set. Next to each: the client that reaches anything else (a process, other pipes) or a server whose tool
/// set is not fixed in code, which stays reported.
/// </summary>
public class InProcessMcpServerTests
{
    private const string McpList = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private const string Usings = """
        using System.IO.Pipelines;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Protocol;
        using ModelContextProtocol.Server;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(McpList, 20);

    private static string ToolMethods(int count) =>
        string.Join("\n", Enumerable.Range(1, count).Select(i => $"    [McpServerTool] public static string Tool{i}() => \"{i}\";"));

    private static string ServerCreate(string toolCollection) => $$"""
        sealed class LocalAssistant(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                Pipe toServer = new(), toClient = new();
                await using var server = McpServer.Create(
                    new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()),
                    new McpServerOptions { ToolCollection = {{toolCollection}} });
                _ = server.RunAsync();

                await using var client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()));
                var tools = await client.ListToolsAsync();
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }
        }
        """;

    [Fact]
    public Task An_in_process_server_with_a_fixed_tool_collection_lists_a_bounded_set() => VerifyAsync(ServerCreate("""
        [McpServerTool.Create((string text) => "Echo: " + text, new() { Name = "echo" }), McpServerTool.Create(() => DateTime.UtcNow.ToString("O"), new() { Name = "now" })]
        """).Replace("{|#0:tools|}", "tools"));

    [Fact]
    public Task An_in_process_server_whose_collection_is_spread_from_elsewhere_stays_reported() => VerifyAsync(
        "static class Registry { public static McpServerTool[] All = []; }\n" + ServerCreate("[.. Registry.All]"),
        Unbounded(0));

    // A host in the same program: AddMcpServer().WithStreamServerTransport(pipes).WithTools<T>().
    private static string HostedServer(int methods, string registration) => $$"""
        sealed class WeatherTools
        {
        {{ToolMethods(methods)}}
            public static string NotATool() => "";
        }

        sealed class LocalHost(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(IServiceCollection services, string question)
            {
                var toServer = new Pipe();
                var toClient = new Pipe();
                services.AddMcpServer().WithStreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()).{{registration}};

                var transport = new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream());
                var client = await McpClient.CreateAsync(transport);
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:await client.ListToolsAsync()|}] });
            }
        }
        """;

    [Fact]
    public Task A_hosted_in_process_server_with_tool_types_of_the_project_is_bounded() =>
        VerifyAsync(HostedServer(3, "WithTools<WeatherTools>()").Replace("{|#0:await client.ListToolsAsync()|}", "await client.ListToolsAsync()"));

    [Fact]
    public Task A_hosted_in_process_server_with_more_tools_than_the_cap_stays_reported() =>
        VerifyAsync(HostedServer(21, "WithTools<WeatherTools>()"), Unbounded(0));

    [Theory]
    [InlineData("WithToolsFromAssembly()")]
    [InlineData("WithTools<WeatherTools>().WithListToolsHandler((request, ct) => default)")]
    public Task A_hosted_server_whose_tools_are_not_fixed_in_code_stays_reported(string registration) =>
        VerifyAsync(HostedServer(3, registration), Unbounded(0));

    // The neighbours on the client side: a subprocess's streams, and pipes no server of this method reads.
    [Fact]
    public Task A_client_over_a_process_or_unpaired_pipes_stays_reported() => VerifyAsync($$"""
        sealed class WeatherTools
        {
        {{ToolMethods(2)}}
        }

        sealed class Clients(IChatClient chat)
        {
            public async Task<ChatResponse> ProcessAsync(System.Diagnostics.Process process, string question)
            {
                var client = await McpClient.CreateAsync(new StreamClientTransport(process.StandardInput.BaseStream, process.StandardOutput.BaseStream));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:await client.ListToolsAsync()|}] });
            }

            public async Task<ChatResponse> UnpairedAsync(IServiceCollection services, string question)
            {
                Pipe a = new(), b = new(), c = new(), d = new();
                services.AddMcpServer().WithStreamServerTransport(a.Reader.AsStream(), b.Writer.AsStream()).WithTools<WeatherTools>();
                var client = await McpClient.CreateAsync(new StreamClientTransport(c.Writer.AsStream(), d.Reader.AsStream()));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#1:await client.ListToolsAsync()|}] });
            }

            public async Task<ChatResponse> BuilderKeptAsync(IServiceCollection services, string question)
            {
                Pipe a = new(), b = new();
                var builder = services.AddMcpServer().WithStreamServerTransport(a.Reader.AsStream(), b.Writer.AsStream()).WithTools<WeatherTools>();
                builder.WithToolsFromAssembly();
                var client = await McpClient.CreateAsync(new StreamClientTransport(a.Writer.AsStream(), b.Reader.AsStream()));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#2:await client.ListToolsAsync()|}] });
            }
        }
        """,
        Unbounded(0),
        Unbounded(1),
        Unbounded(2));

    [Fact]
    public Task Half_typed_in_process_servers_do_not_crash() => VerifyAsync("""
        sealed class LocalHost(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(IServiceCollection services, string question)
            {
                Pipe toServer = new(), toClient = new();
                services.AddMcpServer().WithStreamServerTransport(toServer.Reader.AsStream(), {|CS0103:other|}.Writer.AsStream()).WithTools<{|CS0246:Missing|}>();
                var client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:await client.ListToolsAsync()|}] });
            }
        }
        """,
        Unbounded(0));

    // The options in a local: counted when nothing else touches them, not when tools are added to them later.
    [Fact]
    public Task Server_options_held_in_a_local_are_read_unless_changed() => VerifyAsync("""
        sealed class LocalAssistant(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                Pipe toServer = new(), toClient = new();
                var options = new McpServerOptions { ToolCollection = [McpServerTool.Create(() => "pong", new() { Name = "ping" })] };
                await using var server = McpServer.Create(new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()), options);
                _ = server.RunAsync();
                await using var client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. await client.ListToolsAsync()] });
            }

            public async Task<ChatResponse> ChangedAsync(string question, McpServerTool extra)
            {
                Pipe toServer = new(), toClient = new();
                var options = new McpServerOptions { ToolCollection = [McpServerTool.Create(() => "pong", new() { Name = "ping" })] };
                options.ToolCollection.Add(extra);
                await using var server = McpServer.Create(new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()), options);
                await using var client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:await client.ListToolsAsync()|}] });
            }
        }
        """,
        Unbounded(0));
}
