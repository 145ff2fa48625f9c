using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A catalog filled per mode or per role: the <c>if</c> and <c>else</c> of one statement (or the sections of one
/// <c>switch</c>) add different tools, and one request gets one branch's tools only. Shape of static registries that build
/// one tool set per role (KanBeast's Worker ToolsFactory keeps one list per LLM role) and of chat services that pick the
/// tools of the current mode. AIL0201 counts one branch at a time; branches that can run together are still summed.
/// </summary>
public class ExclusiveBranchCatalogTests
{
    private static readonly string Five = ToolTestCode.Functions(5);
    private static readonly string Ten = ToolTestCode.Functions(10);
    private static readonly string Twelve = ToolTestCode.Functions(12);

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0201" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    [Fact]
    public Task The_tools_of_one_mode_are_not_summed_with_the_other_mode() => VerifyAsync($$"""
        sealed class ChatService(IChatClient client)
        {
            private static readonly AITool[] Common = [{{Five}}];
            private static readonly AITool[] Support = [{{Twelve}}];
            private static readonly AITool[] Sales = [{{Twelve}}];

            public Task<ChatResponse> AskAsync(string question, bool support)
            {
                var tools = new List<AITool>(Common);
                if (support)
                {
                    tools.AddRange(Support);
                }
                else
                {
                    tools.AddRange(Sales);
                }

                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """);

    [Fact]
    public Task One_tool_set_per_role_is_not_summed() => VerifyAsync($$"""
        using Microsoft.Agents.AI;

        enum Role { Developer, Reviewer, Planner }

        static class ToolsFactory
        {
            private static readonly AITool[] Developer = [{{Twelve}}];
            private static readonly AITool[] Reviewer = [{{Twelve}}];
            private static readonly AITool[] Planner = [{{Twelve}}];

            public static AIAgent Create(IChatClient client, Role role)
            {
                var options = new ChatOptions { Tools = [] };
                switch (role)
                {
                    case Role.Developer:
                        foreach (var tool in Developer) options.Tools.Add(tool);
                        break;
                    case Role.Reviewer:
                        options.Tools.Add(Reviewer[0]);
                        options.Tools.Add(Reviewer[1]);
                        break;
                    default:
                        options.Tools = [.. Planner];
                        break;
                }

                return client.AsAIAgent(new ChatClientAgentOptions { ChatOptions = options });
            }
        }
        """);

    // The positive neighbours: a branch over the cap on its own, and two `if`s that can both run.
    [Fact]
    public Task A_branch_over_the_cap_on_its_own_is_still_reported() => VerifyAsync($$"""
        sealed class ChatService(IChatClient client)
        {
            private static readonly AITool[] Common = [{{Ten}}];
            private static readonly AITool[] Support = [{{Twelve}}];
            private static readonly AITool[] Sales = [{{Five}}];

            public Task<ChatResponse> AskAsync(string question, bool support)
            {
                var tools = {|#0:new List<AITool>(Common)|};
                if (support)
                {
                    tools.AddRange(Support);
                }
                else
                {
                    tools.AddRange(Sales);
                }

                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        OverCap(0, "up to 22"));

    [Fact]
    public Task Two_independent_ifs_are_summed() => VerifyAsync($$"""
        sealed class ChatService(IChatClient client)
        {
            private static readonly AITool[] Support = [{{Twelve}}];
            private static readonly AITool[] Sales = [{{Twelve}}];

            public Task<ChatResponse> AskAsync(string question, bool support, bool sales)
            {
                var tools = {|#0:new List<AITool>()|};
                if (support)
                {
                    tools.AddRange(Support);
                }

                if (sales)
                {
                    tools.AddRange(Sales);
                }

                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        OverCap(0, "up to 24"));

    // AIL0202 still sees an unbounded source in any branch.
    [Fact]
    public Task An_unbounded_source_in_one_branch_is_still_reported()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + $$"""
                sealed class ChatService(IChatClient client, McpClient mcp)
                {
                    private static readonly AITool[] Support = [{{Five}}];

                    public async Task<ChatResponse> AskAsync(string question, bool support)
                    {
                        var tools = new List<AITool>();
                        if (support)
                        {
                            tools.AddRange(Support);
                        }
                        else
                        {
                            tools.AddRange({|#0:await mcp.ListToolsAsync()|});
                        }

                        return await client.GetResponseAsync(question, new ChatOptions { Tools = tools });
                    }
                }
                """,
            MarkupDiagnosticId = "AIL0202",
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list)", 20));
        return test.RunAsync();
    }
}
