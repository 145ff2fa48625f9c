using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Two spellings of caps the AIL0202 page accepts, found by review 45: the count guard written as a pattern
/// (<c>tools is { Count: &gt; MaxTools }</c>, <c>tools.Count is &gt; MaxTools</c>, FP3), and the cap written as a statement
/// that reassigns the list (<c>if (tools.Count &gt; 20) tools = tools.Take(20).ToList();</c>, the statement form of the
/// accepted ternary, FP4). Beside each: a pattern guard that only logs or lets more than the cap through, a
/// reassignment that caps above the cap, and a write after the cap.
/// </summary>
public class CountPatternAndCapStatementTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyWithCapAsync(code, null, expected);

    private static Task VerifyWithCapAsync(string code, int? cap, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        if (cap != null)
        {
            test.AddEditorConfig("ailint.max_tools = " + cap);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source = McpList, int cap = 20) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, cap);

    // Repro/CountGuardPattern/Program.cs as review 45 wrote it: two pattern guards and the quiet twin.
    [Fact]
    public Task Review45_repro_count_guard_written_as_a_pattern_is_quiet() => VerifyAsync("""
        public sealed class ChatService(IChatClient chat, McpClient mcp)
        {
            private const int MaxTools = 20;

            public async Task<string> PropertyPatternAsync(string question)
            {
                IList<McpClientTool> tools = await mcp.ListToolsAsync();
                if (tools is { Count: > MaxTools })
                {
                    throw new InvalidOperationException($"The MCP server lists {tools.Count} tools.");
                }
                return (await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] })).Text;
            }

            public async Task<string> RelationalPatternAsync(string question)
            {
                IList<McpClientTool> tools = await mcp.ListToolsAsync();
                if (tools.Count is > MaxTools)
                {
                    throw new InvalidOperationException($"The MCP server lists {tools.Count} tools.");
                }
                return (await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] })).Text;
            }

            public async Task<string> QuietTwinAsync(string question)
            {
                IList<McpClientTool> tools = await mcp.ListToolsAsync();
                if (tools.Count > MaxTools)
                {
                    throw new InvalidOperationException($"The MCP server lists {tools.Count} tools.");
                }
                return (await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] })).Text;
            }
        }
        """);

    // Repro/CountCapReassign/Program.cs: the list capped by reassigning it when it is over the cap, and the ternary twin.
    [Fact]
    public Task Review45_repro_list_capped_by_reassignment_is_quiet() => VerifyAsync("""
        public sealed class ChatService(IChatClient chat, McpClient mcp)
        {
            private const int MaxTools = 20;

            public async Task<string> ReassignCapAsync(string question)
            {
                var tools = (await mcp.ListToolsAsync()).ToList();
                if (tools.Count > MaxTools)
                {
                    tools = tools.Take(MaxTools).ToList();
                }
                return (await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] })).Text;
            }

            public async Task<string> TernaryTwinAsync(string question)
            {
                IList<McpClientTool> all = await mcp.ListToolsAsync();
                IEnumerable<McpClientTool> capped = all.Count > MaxTools ? all.Take(MaxTools) : all;
                return (await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. capped] })).Text;
            }
        }
        """);

    // Every pattern spelling of a guard that stops the method: property and relational patterns, >= and Length, the
    // `or` with the empty case, a `not` of the small case, and the else-throw form.
    [Theory]
    [InlineData("if (tools is { Count: > MaxTools }) throw new InvalidOperationException();", "tools")]
    [InlineData("if (tools.Count is > MaxTools) throw new InvalidOperationException();", "tools")]
    [InlineData("if (tools.Count is >= 21) { throw new InvalidOperationException(); }", "tools")]
    [InlineData("if (tools is { Count: >= 21 }) return null;", "tools")]
    [InlineData("if (array is { Length: > MaxTools }) throw new InvalidOperationException();", "array")]
    [InlineData("if (array.Length is > MaxTools) throw new InvalidOperationException();", "array")]
    [InlineData("if (tools.Count is 0 or > MaxTools) throw new InvalidOperationException();", "tools")]
    [InlineData("if (tools.Count is not <= MaxTools) throw new InvalidOperationException();", "tools")]
    [InlineData("if (tools is not { Count: <= MaxTools }) throw new InvalidOperationException();", "tools")]
    [InlineData("if (tools.Count is <= MaxTools) { Console.WriteLine(\"ok\"); } else { throw new InvalidOperationException(); }", "tools")]
    public Task A_count_guard_written_as_a_pattern_caps_the_list(string guard, string sent) => VerifyAsync($$"""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            private const int MaxTools = 20;

            public async Task<ChatResponse?> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                var array = tools.ToArray();
                {{guard}}
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {{sent}}] });
            }
        }
        """);

    // The branch form: the read sits where the pattern says the list is small enough.
    [Fact]
    public Task The_branch_a_pattern_admits_only_with_few_tools_is_capped() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse?> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                if (tools is { Count: <= 20 })
                {
                    return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
                }

                return null;
            }

            public async Task<ChatResponse?> WrongBranchAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                if (tools is { Count: > 20 })
                {
                    return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
                }

                return null;
            }
        }
        """,
        Unbounded(0));

    // The reported neighbours: a pattern guard that only logs, a bound above the cap, `or` with an unbounded case,
    // a pattern on another list, a `< MaxTools` test (the small case throws), a guard after the catalog is built.
    [Theory]
    [InlineData("if (tools is { Count: > MaxTools }) Console.WriteLine(\"many tools\");", "")]
    [InlineData("if (tools.Count is > 50) throw new InvalidOperationException();", "")]
    [InlineData("if (tools is { Count: > 128 }) throw new InvalidOperationException();", "")]
    [InlineData("if (tools.Count is > MaxTools and < 100) throw new InvalidOperationException();", "")]
    [InlineData("if (tools.Count is < MaxTools) throw new InvalidOperationException();", "")]
    [InlineData("if (other is { Count: > MaxTools }) throw new InvalidOperationException();", "")]
    [InlineData("if (tools is not { Count: > MaxTools }) throw new InvalidOperationException();", "")]
    [InlineData("if (tools is { Count: > MaxTools } || other.Count > 0) Console.WriteLine();", "")]
    [InlineData("", "if (tools is { Count: > MaxTools }) throw new InvalidOperationException();")]
    public Task A_pattern_that_does_not_bound_the_sent_list_is_still_reported(string before, string after) => VerifyAsync($$"""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            private const int MaxTools = 20;

            public async Task<ChatResponse> AskAsync(string question, IList<string> other)
            {
                var tools = await mcp.ListToolsAsync();
                {{before}}
                var options = new ChatOptions { Tools = [.. {|#0:tools|}] };
                {{after}}
                return await client.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0));

    // Reassigning the list to a capped copy: when over the cap (with either comparison, any cap spelling), and
    // unconditionally, from the same list or a copy of it.
    [Theory]
    [InlineData("if (tools.Count > MaxTools) tools = tools.Take(MaxTools).ToList();")]
    [InlineData("if (tools.Count > 20) { tools = tools.Take(20).ToList(); }")]
    [InlineData("if (tools.Count >= MaxTools) { tools = [.. tools.Take(MaxTools)]; }")]
    [InlineData("if (tools.Count > MaxTools) { Console.WriteLine(\"trimming\"); tools = tools.Take(15).ToList(); }")]
    [InlineData("if (tools is { Count: > MaxTools }) tools = tools.Take(MaxTools).ToList();")]
    [InlineData("if (MaxTools < tools.Count) tools = tools.Take(MaxTools).ToList();")]
    [InlineData("tools = tools.Take(MaxTools).ToList();")]
    [InlineData("tools = [.. tools.Take(MaxTools)];")]
    [InlineData("tools = tools.OrderBy(t => t.Name).Take(MaxTools).ToList();")]
    public Task A_list_reassigned_to_a_capped_copy_is_capped(string cap) => VerifyAsync($$"""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            private const int MaxTools = 20;

            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = (await mcp.ListToolsAsync()).ToList();
                {{cap}}
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }
        }
        """);

    // The reported neighbours: a reassignment that caps above the cap, a branch that caps when the list is small (the
    // large list goes on whole), a reassignment in a lambda or a loop body that may not run, a write of the whole list
    // after the cap, the cap on another list.
    [Theory]
    [InlineData("if (tools.Count > MaxTools) tools = tools.Take(50).ToList();")]
    [InlineData("if (tools.Count > 50) tools = tools.Take(MaxTools).ToList();")]
    [InlineData("if (tools.Count < MaxTools) tools = tools.Take(MaxTools).ToList();")]
    [InlineData("if (tools.Count > MaxTools) Console.WriteLine(\"many\"); else tools = tools.Take(MaxTools).ToList();")]
    [InlineData("Action trim = () => tools = tools.Take(MaxTools).ToList();")]
    [InlineData("foreach (var name in other) tools = tools.Take(MaxTools).ToList();")]
    [InlineData("if (tools.Count > MaxTools) tools = tools.Take(MaxTools).ToList(); tools = (await mcp.ListToolsAsync()).ToList();")]
    [InlineData("if (tools.Count > MaxTools) copy = tools.Take(MaxTools).ToList();")]
    [InlineData("tools = tools.Take(50).ToList();")]
    [InlineData("tools = tools.Skip(MaxTools).ToList();")]
    public Task A_reassignment_that_does_not_cap_the_sent_list_is_still_reported(string cap) => VerifyAsync($$"""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            private const int MaxTools = 20;

            public async Task<ChatResponse> AskAsync(string question, IList<string> other)
            {
                var tools = (await mcp.ListToolsAsync()).ToList();
                var copy = tools;
                {{cap}}
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }
        }
        """,
        Unbounded(0));

    // Review's twin with ailint.max_tools = 128: Take(200) caps above it, Take(128) at it.
    [Fact]
    public Task A_reassignment_capped_above_a_configured_cap_is_reported() => VerifyWithCapAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse> AboveAsync(string question)
            {
                var tools = (await mcp.ListToolsAsync()).ToList();
                if (tools.Count > 200) tools = tools.Take(200).ToList();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }

            public async Task<ChatResponse> UnconditionalAboveAsync(string question)
            {
                var tools = (await mcp.ListToolsAsync()).ToList();
                tools = tools.Take(200).ToList();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#1:tools|}] });
            }

            public async Task<ChatResponse> AtAsync(string question)
            {
                var tools = (await mcp.ListToolsAsync()).ToList();
                if (tools.Count > 128) tools = tools.Take(128).ToList();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }
        }
        """,
        128,
        Unbounded(0, cap: 128),
        Unbounded(1, cap: 128));

    // The `?:` the page accepts (`tools.Count > 20 ? [.. tools.Take(20)] : tools`) with its test written as a pattern,
    // beside the twins that hand on more than the cap or hand on the list whole when it is large.
    [Fact]
    public Task A_count_pattern_in_a_conditional_caps_the_branch_that_hands_the_list_on() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            private const int MaxTools = 20;

            public async Task<ChatResponse> PropertyAsync(string question)
            {
                IList<McpClientTool> tools = await mcp.ListToolsAsync();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = tools is { Count: > MaxTools } ? [.. tools.Take(MaxTools)] : [.. tools] });
            }

            public async Task<ChatResponse> RelationalAsync(string question)
            {
                IList<McpClientTool> tools = await mcp.ListToolsAsync();
                IEnumerable<McpClientTool> sent = tools.Count is <= MaxTools ? tools : tools.Take(MaxTools);
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. sent] });
            }

            public async Task<ChatResponse> AboveCapAsync(string question)
            {
                IList<McpClientTool> tools = await mcp.ListToolsAsync();
                IEnumerable<McpClientTool> sent = tools is { Count: > 128 } ? tools.Take(128) : tools;
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:sent|}] });
            }

            public async Task<ChatResponse> WrongBranchAsync(string question)
            {
                IList<McpClientTool> tools = await mcp.ListToolsAsync();
                IEnumerable<McpClientTool> sent = tools is { Count: > 0 } ? tools : [];
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#1:sent|}] });
            }
        }
        """,
        Unbounded(0),
        Unbounded(1));

    // AIL0201: a counted catalog that could hold "up to 25" behind a pattern guard or a capping reassignment holds
    // at most 20 when it is sent; without either, it is reported.
    [Fact]
    public Task A_counted_catalog_behind_a_pattern_guard_or_a_cap_statement_is_within_the_cap() => VerifyAsync($$"""
        sealed class Assistant(IChatClient client, bool beta)
        {
            private static readonly AITool[] Core = [{{ToolTestCode.Functions(15)}}];
            private static readonly AITool[] Beta = [{{ToolTestCode.Functions(10)}}];

            public Task<ChatResponse> GuardedAsync(string question)
            {
                var tools = new List<AITool>(Core);
                if (beta) tools.AddRange(Beta);
                if (tools is { Count: > 20 }) throw new InvalidOperationException();
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            public Task<ChatResponse> TrimmedAsync(string question)
            {
                var tools = new List<AITool>(Core);
                if (beta) tools.AddRange(Beta);
                if (tools.Count > 20) tools = tools.Take(20).ToList();
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            public Task<ChatResponse> UncheckedAsync(string question)
            {
                var tools = {|#0:new List<AITool>(Core)|};
                if (beta) tools.AddRange(Beta);
                if (tools is { Count: > 20 }) Console.WriteLine("many tools");
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("up to 25", 20, ""));

    // Half-typed guards and reassignments: no crash.
    [Theory]
    [InlineData("if (tools is { Count: > }) throw new InvalidOperationException();")]
    [InlineData("if (tools.Count is > ) throw new InvalidOperationException();")]
    [InlineData("if (tools is { Cont: > 20 }) throw new InvalidOperationException();")]
    [InlineData("if (tools.Count > 20) tools = tools.Take(")]
    [InlineData("if (tools.Count > 20) tools = ;")]
    [InlineData("tools = tools.Take(Undefined).ToList();")]
    [InlineData("if (tools is { Count: > 20 } x) tools = x.Take(20).ToList();")]
    public Task Half_typed_guards_and_caps_do_not_crash(string statement) =>
        NullConditionalAllowListTests.RunIgnoringDiagnosticsAsync(new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + $$"""
                sealed class Assistant(McpClient mcp, IChatClient client)
                {
                    public async Task<ChatResponse> AskAsync(string question)
                    {
                        var tools = (await mcp.ListToolsAsync()).ToList();
                        {{statement}}
                        return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        });
}
