using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A tool list held in another object's list property (<c>state.Tools.Add(t)</c>, then <c>tools: state.Tools</c>), the
/// "runtime state" bag of home-grown agent runtimes (review71 §11, CanDoItAll's <c>RuntimeCapabilityState</c>). Followed
/// when the holder is a local or a private field created by this type, and every use of it and of its list is visible.
/// </summary>
public class HeldToolListTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private const string State = """

        public sealed class RuntimeState
        {
            public List<AITool> Tools { get; } = [];
            public string Name { get; set; } = "";
            public List<AITool> GetTools() => Tools;
        }

        """;

    private static Task VerifyAsync(string id, string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code + State, MarkupDiagnosticId = id };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    // probes/approval-wrap B: the same loop on a local list is reported; on a local holder it was not.
    [Fact]
    public Task A_server_list_collected_in_a_local_holder_is_reported() => VerifyAsync("AIL0202", """
        using Microsoft.Agents.AI;

        public static class Runtime
        {
            public static async Task<AIAgent> BuildAsync(IChatClient chat, McpClient mcp)
            {
                var state = new RuntimeState { Name = "b" };
                foreach (var tool in {|#0:await mcp.ListToolsAsync()|})
                {
                    state.Tools.Add(tool);
                }

                return new ChatClientAgent(chat, instructions: null, name: state.Name, tools: state.Tools);
            }

            public static Task<ChatResponse> HostedAsync(IChatClient chat, string url, string q)
            {
                var state = new RuntimeState();
                state.Tools.Add({|#1:new HostedMcpServerTool("docs", url)|});
                return chat.GetResponseAsync(q, new ChatOptions { Tools = [.. state.Tools] });
            }
        }
        """,
        Unbounded(0, McpList),
        Unbounded(1, "a hosted MCP server tool with no AllowedTools"));

    // The holder kept in a private field, filled by a helper of the same type with no input, read by another method.
    [Fact]
    public Task A_server_list_collected_in_a_private_field_holder_by_a_helper_is_reported() => VerifyAsync("AIL0202", """
        public sealed class AgentRuntime(IChatClient chat, McpClient mcp)
        {
            private readonly RuntimeState _state = new();

            public async Task StartAsync(CancellationToken ct)
            {
                _state.Tools.AddRange({|#0:await mcp.ListToolsAsync(cancellationToken: ct)|});
            }

            public Task<ChatResponse> AskAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = _state.Tools });
        }
        """,
        Unbounded(0, McpList));

    // Counting through the holder: fixed Adds are exact, a conditional one makes the total "up to".
    [Fact]
    public Task Tools_added_to_a_holder_are_counted() => VerifyAsync("AIL0201", $$"""
        public static class Runtime
        {
            public static ChatOptions Fixed()
            {
                var state = new RuntimeState();
                state.Tools.AddRange([{{ToolTestCode.Functions(21)}}]);
                return new ChatOptions { Tools = {|#0:state.Tools|} };
            }

            public static ChatOptions WithAdmin(bool admin)
            {
                var state = new RuntimeState();
                state.Tools.AddRange([{{ToolTestCode.Functions(20)}}]);
                if (admin)
                {
                    state.Tools.Add(AIFunctionFactory.Create(() => "reset", "reset"));
                }

                return new ChatOptions { Tools = {|#1:state.Tools|} };
            }

            public static ChatOptions AtTheCap()
            {
                var state = new RuntimeState();
                state.Tools.AddRange([{{ToolTestCode.Functions(20)}}]);
                return new ChatOptions { Tools = state.Tools };
            }
        }
        """,
        OverCap(0, "21"),
        OverCap(1, "up to 21"));

    // Correct code next to the bug: an allow-listed loop, a few fixed tools.
    [Fact]
    public Task An_allow_listed_or_small_holder_list_is_not_reported() => VerifyAsync("AIL0202", """
        public static class Runtime
        {
            private static readonly HashSet<string> Allowed = ["get_order", "list_orders"];

            public static async Task<ChatOptions> AllowListedAsync(McpClient mcp)
            {
                var state = new RuntimeState();
                foreach (var tool in await mcp.ListToolsAsync())
                {
                    if (Allowed.Contains(tool.Name))
                    {
                        state.Tools.Add(tool);
                    }
                }

                return new ChatOptions { Tools = state.Tools };
            }

            public static async Task<ChatOptions> PrunedToTheAllowListAsync(McpClient mcp)
            {
                var state = new RuntimeState();
                state.Tools.AddRange(await mcp.ListToolsAsync());
                state.Tools.RemoveAll(t => !Allowed.Contains(t.Name));
                return new ChatOptions { Tools = state.Tools };
            }

            // A count check on the holder's list, a cap AiLint reads on locals and fields only: not followed, not reported.
            public static async Task<ChatOptions> CountCheckedAsync(McpClient mcp)
            {
                var state = new RuntimeState();
                state.Tools.AddRange(await mcp.ListToolsAsync());
                if (state.Tools.Count > 20)
                {
                    throw new InvalidOperationException("Too many tools.");
                }

                return new ChatOptions { Tools = state.Tools };
            }

            public static ChatOptions Fixed()
            {
                var state = new RuntimeState();
                state.Tools.Add(AIFunctionFactory.Create(() => DateTime.UtcNow, "now"));
                return new ChatOptions { Tools = state.Tools };
            }
        }
        """);

    // Where not every change is visible, nothing is counted from the holder: a holder handed to another method (which
    // may clear it), one the container injects, a non-private field other types can fill, a holder created again (its
    // list then holds one tool), the list aliased or returned by the holder's method.
    [Fact]
    public Task A_holder_whose_changes_are_not_all_visible_is_not_counted() => VerifyAsync("AIL0201", $$"""
        public static class Pruner { public static void Prune(RuntimeState state) => state.Tools.Clear(); }

        public sealed class Runtime(RuntimeState injected)
        {
            internal RuntimeState Shared = new();

            public ChatOptions HandedOn()
            {
                var state = new RuntimeState();
                state.Tools.AddRange([{{ToolTestCode.Functions(21)}}]);
                Pruner.Prune(state);
                return new ChatOptions { Tools = state.Tools };
            }

            public ChatOptions Injected()
            {
                injected.Tools.AddRange([{{ToolTestCode.Functions(21)}}]);
                return new ChatOptions { Tools = injected.Tools };
            }

            public ChatOptions NotPrivate()
            {
                Shared.Tools.AddRange([{{ToolTestCode.Functions(21)}}]);
                return new ChatOptions { Tools = Shared.Tools };
            }

            public ChatOptions Recreated()
            {
                var state = new RuntimeState();
                state.Tools.AddRange([{{ToolTestCode.Functions(21)}}]);
                state = new RuntimeState();
                state.Tools.Add(AIFunctionFactory.Create(() => DateTime.UtcNow, "now"));
                return new ChatOptions { Tools = state.Tools };
            }

            public ChatOptions ClearedThroughAGetter()
            {
                var state = new RuntimeState();
                state.Tools.AddRange([{{ToolTestCode.Functions(21)}}]);
                state.GetTools().Clear();
                return new ChatOptions { Tools = state.Tools };
            }

            public ChatOptions Aliased()
            {
                var state = new RuntimeState();
                state.Tools.AddRange([{{ToolTestCode.Functions(21)}}]);
                var list = state.Tools;
                list.RemoveAll(t => t.Name != "t1");
                return new ChatOptions { Tools = state.Tools };
            }
        }
        """);

    // Half-typed code: a misspelt holder type or list property, an Add still being typed. No crash, nothing reported.
    [Fact]
    public Task Half_typed_holders_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                public static class Runtime
                {
                    public static async Task<ChatOptions> MisspeltTypeAsync(McpClient mcp)
                    {
                        var state = new RuntimeStat();
                        foreach (var tool in await mcp.ListToolsAsync()) state.Tools.Add(tool);
                        return new ChatOptions { Tools = state.Tools };
                    }

                    public static async Task<ChatOptions> MisspeltListAsync(McpClient mcp)
                    {
                        var state = new RuntimeState();
                        foreach (var tool in await mcp.ListToolsAsync()) state.Tool.Add(tool);
                        return new ChatOptions { Tools = state.Tools };
                    }

                    public static ChatOptions Typing()
                    {
                        var state = new RuntimeState();
                        state.Tools.Add(
                        return new ChatOptions { Tools = state.Tools };
                    }
                }
                """ + State,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
