using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 across projects: ContosoAutoTech keeps <c>McpService.GetHttpMcpToolAsync(name, endpoint)</c> in its
/// Infrastructure project and deconstructs its tuple in the Application project (review56 "Misses not promised" 1). The
/// library's project summary records the public builders that return an MCP server's whole list and take only inputs
/// that say where the server is (McpListBuilderSummary); the app reads the record where it would follow a builder of its
/// own. The library is compiled with the real summary generator and referenced as metadata.
/// </summary>
public class CrossProjectMcpListBuilderTests
{
    private const string Library = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Client;

        namespace Infra
        {
            public class McpService
            {
                public async Task<(IList<AITool> tools, McpClient mcpClient)> GetHttpMcpToolAsync(string name, string endpoint)
                {
                    var mcpHttpClient = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Name = name, Endpoint = new Uri(endpoint) }));
                    var tools = await mcpHttpClient.ListToolsAsync();
                    return (tools.Select(AITool (x) => x).ToList(), mcpHttpClient);
                }

                public static async Task<IList<McpClientTool>> GetToolsAsync(string url, CancellationToken ct = default)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }), cancellationToken: ct);
                    return await client.ListToolsAsync(cancellationToken: ct);
                }

                // Not recorded: an input that filters, a cap, a virtual method, a list bounded by the library itself.
                public async Task<IList<McpClientTool>> FilteredAsync(string url, string[] names)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                    return (await client.ListToolsAsync()).Where(t => names.Contains(t.Name)).ToList();
                }

                public async Task<IList<McpClientTool>> CappedAsync(string url, int maxTools)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                    return (await client.ListToolsAsync()).Take(maxTools).ToList();
                }

                public virtual async Task<IList<McpClientTool>> OverridableAsync(string url)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                    return await client.ListToolsAsync();
                }

                public async Task<IList<McpClientTool>> TakeTenAsync(string url)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                    return (await client.ListToolsAsync()).Take(10).ToList();
                }
            }

            internal static class Hidden
            {
                public static async Task<IList<McpClientTool>> GetToolsAsync(string url)
                {
                    var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) }));
                    return await client.ListToolsAsync();
                }
            }
        }
        """;

    [Fact]
    public void The_library_records_its_public_whole_list_builders_only()
    {
        Assert.Equal(
            [
                "M:Infra.McpService.GetHttpMcpToolAsync(System.String,System.String)|0",
                "M:Infra.McpService.GetToolsAsync(System.String,System.Threading.CancellationToken)|-1",
            ],
            Recorded(Library));
    }

    [Fact]
    public Task A_library_builder_is_reported_where_the_app_adds_its_list() => VerifyAppAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Infra;
        using Microsoft.Extensions.AI;

        public class AgentService(McpService mcpService, IChatClient chat)
        {
            public async Task<ChatResponse> RunAsync(string message)
            {
                var (mcpTools, mcpClient) = await mcpService.GetHttpMcpToolAsync("CarPartPriceMcp", "http://localhost:5000/mcp");
                var tools = new List<AITool>();
                tools.AddRange({|#0:mcpTools|});
                tools.AddRange({|#1:await McpService.GetToolsAsync("http://localhost:5122/mcp")|});
                return await chat.GetResponseAsync(message, new ChatOptions { Tools = tools });
            }

            // The correct code beside it: capped or allow-listed by the app, or a builder the library did not record.
            public async Task<ChatResponse> RunBoundedAsync(string message, string[] names)
            {
                string[] allowed = ["get_price"];
                var (mcpTools, mcpClient) = await mcpService.GetHttpMcpToolAsync("CarPartPriceMcp", "http://localhost:5000/mcp");
                var tools = new List<AITool>();
                tools.AddRange(mcpTools.Where(t => allowed.Contains(t.Name)));
                tools.AddRange((await McpService.GetToolsAsync("http://localhost:5122/mcp")).Take(10));
                tools.AddRange(await mcpService.FilteredAsync("http://x/mcp", names));
                tools.AddRange(await mcpService.CappedAsync("http://x/mcp", 15));
                tools.AddRange(await mcpService.OverridableAsync("http://x/mcp"));
                tools.AddRange(await mcpService.TakeTenAsync("http://x/mcp"));
                return await chat.GetResponseAsync(message, new ChatOptions { Tools = tools });
            }
        }
        """,
        Unbounded(0, "'mcpService.GetHttpMcpToolAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'McpService.GetToolsAsync()' (an MCP server's whole tool list)"));

    // A library that does not compile (a half-typed builder) does not make the generator fail; a library with errors
    // emits no assembly for anyone to read, so what it records does not matter.
    [Theory]
    [InlineData("public class S { public async Task<IList<McpClientTool>> Get(string url) { var c = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url) })); return await c.ListToolsAsync(")]
    [InlineData("public class S { public async Task<(IList<AITool>, McpClient)> Get(string url, Undefined u) { var c = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(url), Name = u })); return ((await c.ListToolsAsync()).Cast<AITool>().ToList(), c); } }")]
    [InlineData("public class S { public async Task<IList<McpClientTool>> Get(string url) => await (await McpClient.CreateAsync(new Missing(url))).ListToolsAsync(); }")]
    public void A_half_typed_library_builder_does_not_break_the_generator(string declaration)
    {
        var compilation = CSharpCompilation.Create(
            "Shared",
            [CSharpSyntaxTree.ParseText("using System;\nusing System.Linq;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\nusing ModelContextProtocol.Client;\n" + declaration, new CSharpParseOptions(LanguageVersion.Latest))],
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(compilation).GetRunResult();

        Assert.NotEmpty(result.Results);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
    }

    private static string[] Recorded(string source)
    {
        var tree = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(ProjectSummaryTests.CreateLibrary(source)).GetRunResult().GeneratedTrees.SingleOrDefault();
        return tree == null
            ? []
            : tree.ToString().Split('\n')
                .Where(l => l.Contains(McpListBuilderSummary.Key, StringComparison.Ordinal))
                .Select(l => l.Substring(l.IndexOf(", \"", StringComparison.Ordinal) + 3).TrimEnd('\r', ')', ']', '"'))
                .ToArray();
    }

    private static async Task VerifyAppAsync(string source, params DiagnosticResult[] expected)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(Library), out var library, out _);
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = source,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit((CSharpCompilation)library)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);
}
