using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 against ModelContextProtocol 0.2.0-preview.3, the API many public MCP clients still build with: the client is
/// the <c>IMcpClient</c> interface and <c>ListToolsAsync</c> an extension method of <c>McpClientExtensions</c>.
/// </summary>
public class OlderMcpClientTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + code,
            References = OlderSdkReferences.Replacing(("ModelContextProtocol.Core", "0.2.0-preview.3")),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    [Fact]
    public Task The_whole_list_of_an_IMcpClient_is_unbounded() => VerifyAsync("""
        class Assistant(IChatClient chatClient)
        {
            public async Task<ChatResponse> AskAsync(IMcpClient client, string question)
            {
                var tools = await client.ListToolsAsync();
                return await chatClient.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }

            public async Task<ChatOptions> LoadedAsync(IMcpClient client) => new() { Tools = [.. {|#1:await LoadToolsAsync(client)|}] };

            private static async Task<IList<McpClientTool>> LoadToolsAsync(IMcpClient client) => await client.ListToolsAsync();
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'LoadToolsAsync()'"));

    // The neighbours real clients write: an allow-list of the server's tools, or a cap.
    [Fact]
    public Task An_allow_listed_or_capped_IMcpClient_list_is_not_reported() => VerifyAsync("""
        class Assistant(IChatClient chatClient)
        {
            private static readonly HashSet<string> Allowed = ["microsoft_docs_search", "microsoft_docs_fetch"];

            public async Task<ChatResponse> AskAsync(IMcpClient client, string question)
            {
                var tools = await client.ListToolsAsync();
                var options = new ChatOptions { Tools = [.. tools.Where(t => Allowed.Contains(t.Name))] };
                var capped = new ChatOptions { Tools = [.. tools.Take(10)] };
                return await chatClient.GetResponseAsync(question, options);
            }
        }
        """);
}
