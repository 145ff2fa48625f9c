using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Pinned shapes of public Agent Framework and MCP apps: an agent given a server's tools through its constructor's
/// <c>tools:</c> or its options' <c>ChatOptions</c>, and a singleton service that lists the servers' tools once, keeps
/// them in a property or field, and is read by the chat service of another class. Next to them, the fixed or
/// allow-listed forms that are not reported.
/// </summary>
public class AgentAndHolderShapeTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    [Fact]
    public Task Agents_given_a_whole_server_list_are_reported() => VerifyAsync("""
        using Microsoft.Agents.AI;

        public sealed class Agents(IChatClient chat, McpClient mcp)
        {
            public async Task<AIAgent> PositionalAsync()
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatClientAgent(chat, "Help with issues.", "issues", "Issue triage", tools: [.. {|#0:tools|}]);
            }

            public async Task<AIAgent> OptionsAsync()
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatClientAgent(chat, new ChatClientAgentOptions
                {
                    Name = "issues",
                    ChatOptions = new() { Instructions = "Help with issues.", Tools = [.. {|#1:tools|}] },
                });
            }

            public async Task<AIAgent> OptionsSetLaterAsync()
            {
                var tools = await mcp.ListToolsAsync();
                var options = new ChatClientAgentOptions { Name = "issues" };
                options.ChatOptions = new ChatOptions { Tools = {|#2:tools.Cast<AITool>().ToList()|} };
                return new ChatClientAgent(chat, options);
            }
        }
        """,
        Unbounded(0, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(2, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"));

    [Fact]
    public Task Agents_given_an_allow_listed_server_list_or_fixed_tools_are_not_reported() => VerifyAsync("""
        using Microsoft.Agents.AI;

        public sealed class Agents(IChatClient chat, McpClient mcp)
        {
            private static readonly string[] IssueTools = ["list_issues", "get_issue", "add_comment"];

            public async Task<AIAgent> AllowListedAsync()
            {
                var tools = await mcp.ListToolsAsync();
                return new ChatClientAgent(chat, "Help with issues.", "issues", "Issue triage", tools: [.. tools.Where(t => IssueTools.Contains(t.Name))]);
            }

            public AIAgent Fixed() => new ChatClientAgent(chat, new ChatClientAgentOptions
            {
                ChatOptions = new() { Tools = [AIFunctionFactory.Create(() => DateTime.UtcNow, "now")] },
            });
        }
        """);

    // The singleton that connects at start-up and keeps what it listed; the chat service reads it in another class.
    [Fact]
    public Task A_singleton_holding_listed_tools_is_followed_into_the_reader() => VerifyAsync("""
        public sealed class McpToolHost
        {
            private readonly List<AITool> _all = new();

            public IList<McpClientTool> GitHub { get; private set; } = [];

            public IReadOnlyList<AITool> All => _all;

            public async Task StartAsync(McpClient github, McpClient files, CancellationToken ct)
            {
                GitHub = await github.ListToolsAsync(cancellationToken: ct);
                _all.AddRange(await github.ListToolsAsync(cancellationToken: ct));
                _all.AddRange(await files.ListToolsAsync(cancellationToken: ct));
            }
        }

        public sealed class ChatService(McpToolHost host, IChatClient chat)
        {
            public Task<ChatResponse> GitHubAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:host.GitHub|}] });

            public Task<ChatResponse> AllAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#1:host.All|}] });

            public Task<ChatResponse> FewAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. host.All.Take(8)] });
        }
        """,
        Unbounded(0, "'github.ListToolsAsync()' (an MCP server's whole tool list)"),
        // Both servers' lists enter at `host.All`: one message names both (review91, cmw2's Concat).
        Unbounded(1, "'github.ListToolsAsync()' (an MCP server's whole tool list) and 'files.ListToolsAsync()' (an MCP server's whole tool list), through 'host.All'"));
}
