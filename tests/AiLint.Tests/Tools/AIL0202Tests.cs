using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

public class AIL0202Tests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task ListToolsAsync_spread_into_ChatOptions_Tools() => VerifyAsync("""
        class Assistant
        {
            async Task<ChatOptions> Build(McpClient mcp)
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatOptions { Tools = [.. {|#0:tools|}] };
            }
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));
}
