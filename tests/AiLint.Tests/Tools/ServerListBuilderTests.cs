using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A builder of the project given the list of configured servers (<c>LoadToolsAsync(IReadOnlyList&lt;ServerConfig&gt;
/// configs)</c>) that loops over it, makes one MCP client per element from where the element says the server is, and
/// merges each server's whole list: the list only says where the servers are, so the builder is followed as the same
/// loop written inline is. A list read anywhere else, an element read anywhere else (a per-server allow-list), or each
/// server's list filtered by name keeps the builder a selection step.
/// </summary>
public class ServerListBuilderTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string Config = """
        public sealed record ServerConfig(string Name, string Url, string[] AllowedTools);

        """;

    [Fact]
    public Task A_builder_merging_every_configured_servers_whole_list_is_followed() => VerifyAsync(Config + """
        public static class ToolRegistry
        {
            public static async Task<IReadOnlyList<McpClientTool>> LoadToolsAsync(IReadOnlyList<ServerConfig> configs, CancellationToken ct = default)
            {
                var tools = new List<McpClientTool>();
                foreach (ServerConfig config in configs)
                {
                    McpClient client = await McpClient.CreateAsync(
                        new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(config.Url), Name = config.Name }),
                        cancellationToken: ct);
                    tools.AddRange(await client.ListToolsAsync(cancellationToken: ct));
                }

                return tools;
            }
        }

        public sealed class AgentRunner(IChatClient chat)
        {
            public async Task<string> RunAsync(IReadOnlyList<ServerConfig> servers, CancellationToken ct)
            {
                var mcpTools = await ToolRegistry.LoadToolsAsync(servers, ct);
                var response = await chat.GetResponseAsync("hi", new ChatOptions { Tools = [.. {|#0:mcpTools|}] }, ct);
                return response.Text;
            }
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0)
            .WithArguments("'client.ListToolsAsync()' (an MCP server's whole tool list), through 'ToolRegistry.LoadToolsAsync()'", 20));

    // ---- quiet twins ----

    // Each server's list allow-listed by the element's own names, a list of servers also read for a cap, the result
    // capped by the caller, and a fixed server's list filtered by name.
    [Fact]
    public Task Allow_listed_capped_and_filtered_server_list_builders_are_not_reported() => VerifyAsync(Config + """
        public static class ToolRegistry
        {
            public static async Task<List<McpClientTool>> LoadAllowedAsync(IReadOnlyList<ServerConfig> configs, CancellationToken ct = default)
            {
                var tools = new List<McpClientTool>();
                foreach (var config in configs)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(config.Url) }), cancellationToken: ct);
                    tools.AddRange((await client.ListToolsAsync(cancellationToken: ct)).Where(t => config.AllowedTools.Contains(t.Name)));
                }

                return tools;
            }

            public static async Task<List<McpClientTool>> LoadFirstAsync(IReadOnlyList<ServerConfig> configs, int maxServers, CancellationToken ct = default)
            {
                var tools = new List<McpClientTool>();
                foreach (var config in configs.Take(maxServers))
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(config.Url) }), cancellationToken: ct);
                    tools.AddRange(await client.ListToolsAsync(cancellationToken: ct));
                }

                return tools;
            }

            public static async Task<List<McpClientTool>> LoadNamedAsync(IReadOnlyList<ServerConfig> configs, string[] names, CancellationToken ct = default)
            {
                var tools = new List<McpClientTool>();
                foreach (var config in configs)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(config.Url) }), cancellationToken: ct);
                    tools.AddRange((await client.ListToolsAsync(cancellationToken: ct)).Where(t => names.Contains(t.Name)));
                }

                return tools;
            }

            public static async Task<List<McpClientTool>> LoadAllAsync(IReadOnlyList<ServerConfig> configs, CancellationToken ct = default)
            {
                var tools = new List<McpClientTool>();
                foreach (var config in configs)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(config.Url) }), cancellationToken: ct);
                    tools.AddRange(await client.ListToolsAsync(cancellationToken: ct));
                }

                return tools;
            }
        }

        public sealed class AgentRunner(IChatClient chat)
        {
            public async Task<string> RunAsync(IReadOnlyList<ServerConfig> servers, CancellationToken ct)
            {
                var allowed = await ToolRegistry.LoadAllowedAsync(servers, ct);
                var first = await ToolRegistry.LoadFirstAsync(servers, 2, ct);
                var named = await ToolRegistry.LoadNamedAsync(servers, ["search"], ct);
                var capped = (await ToolRegistry.LoadAllAsync(servers, ct)).Take(10);
                var options = new ChatOptions { Tools = [.. allowed, .. first, .. named, .. capped] };
                return (await chat.GetResponseAsync("hi", options, ct)).Text;
            }
        }
        """);

    // ---- half-typed code ----

    [Fact]
    public async Task A_half_typed_server_list_builder_reports_nothing_and_does_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(ToolTestCode.Usings + Config + """
            public static class ToolRegistry
            {
                public static async Task<List<McpClientTool>> LoadAsync(IReadOnlyList<ServerConfig> configs, CancellationToken ct = default)
                {
                    var tools = new List<McpClientTool>();
                    foreach (var config in configs)
                    {
                        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(config.Missing) }), cancellationToken: ct);
                        tools.AddRange(await client.ListToolsAsync(cancellationToken: ct));
                    }

                    return tools;
                }

                public static async Task<List<McpClientTool>> LoadOtherAsync(IReadOnlyList<MissingConfig> configs)
                {
                    var tools = new List<McpClientTool>();
                    foreach (var config in configs)
                        tools.AddRange(await (await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(config.Url) }))).ListToolsAsync());
                    return tools;
                }
            }

            public sealed class AgentRunner(IChatClient chat)
            {
                public async Task<string> RunAsync(IReadOnlyList<ServerConfig> servers, IReadOnlyList<MissingConfig> others, CancellationToken ct)
                {
                    var options = new ChatOptions { Tools = [.. await ToolRegistry.LoadAsync(servers, ct), .. await ToolRegistry.LoadOtherAsync(others)] };
                    return (await chat.GetResponseAsync("hi", options, ct)).Text;
                }
            }
            """);
        await test.RunAsync();
    }
}
