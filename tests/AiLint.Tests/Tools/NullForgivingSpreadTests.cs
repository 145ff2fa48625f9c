using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A tool list spread with the null-forgiving operator or in parentheses (<c>Tools = [.. tools!]</c>, review 60's
/// CT.AI.Agent <c>MCPService.GetToolsAsync()</c> returning <c>List&lt;McpClientTool&gt;?</c>): the spread copies the same
/// list as <c>[.. tools]</c>, which was reported while the <c>!</c> form was read as an unknown element. Beside each: the
/// capped twin, which stays quiet with the same operator.
/// </summary>
public class NullForgivingSpreadTests
{
    private const string McpList = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source = McpList) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    [Fact]
    public Task A_nullable_server_list_spread_with_the_null_forgiving_operator_is_reported() => VerifyAsync("""
        sealed class Assistant(McpClient client, IChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                IList<McpClientTool>? tools = await client.ListToolsAsync();
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}!] });
                return response.Text;
            }
        }
        """,
        Unbounded(0));

    [Fact]
    public Task A_server_list_spread_in_parentheses_with_the_operator_is_reported() => VerifyAsync("""
        sealed class Assistant(McpClient client, IChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                IList<McpClientTool>? tools = await client.ListToolsAsync();
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. ({|#0:tools|}!)] });
                return response.Text;
            }
        }
        """,
        Unbounded(0));

    [Fact]
    public Task A_nullable_list_from_a_project_helper_spread_with_the_operator_is_reported() => VerifyAsync("""
        sealed class McpService(McpClient client)
        {
            public async Task<List<McpClientTool>?> GetToolsAsync()
            {
                var tools = new List<McpClientTool>();
                tools.AddRange(await client.ListToolsAsync());
                return tools;
            }
        }

        sealed class Assistant(McpService mcp, IChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                var tools = await mcp.GetToolsAsync();
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}!] });
                return response.Text;
            }
        }
        """,
        Unbounded(0, McpList + ", through 'mcp.GetToolsAsync()'"));

    /// <summary>The same spread of a capped list: quiet.</summary>
    [Fact]
    public Task A_capped_list_spread_with_the_operator_is_quiet() => VerifyAsync("""
        sealed class Assistant(McpClient client, IChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                IList<McpClientTool>? tools = await client.ListToolsAsync();
                var capped = tools?.Take(10).ToList();
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. capped!] });
                return response.Text;
            }
        }
        """);

    /// <summary>A count check on the list before the spread caps it, with the operator on both reads: quiet.</summary>
    [Fact]
    public Task A_count_checked_list_spread_with_the_operator_is_quiet() => VerifyAsync("""
        sealed class Assistant(McpClient client, IChatClient chat)
        {
            public async Task<string> AskAsync(string question)
            {
                IList<McpClientTool>? tools = await client.ListToolsAsync();
                if (tools!.Count > 20) throw new InvalidOperationException("too many tools");
                var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools!] });
                return response.Text;
            }
        }
        """);

    /// <summary>Half-typed code: a spread of a missing name with the operator; no crash.</summary>
    [Fact]
    public Task A_spread_of_an_unknown_name_with_the_operator_does_not_throw()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                sealed class Assistant(IChatClient chat)
                {
                    public async Task<string> AskAsync(string question)
                    {
                        var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. missing!, .. !] });
                        return response.Text;
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        return test.RunAsync();
    }
}
