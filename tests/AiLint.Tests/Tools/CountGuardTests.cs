using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A count check that stops the method (throws or returns) before the catalog is sent caps it, as <c>Take(n)</c> does:
/// the request never carries more than the bound. Each shape sits next to the neighbour that is still reported (the
/// bound above the cap, the check after the send, a check that does not stop, an <c>Add</c> after the check).
/// </summary>
public class CountGuardTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source = McpList) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    [Theory]
    [InlineData("if (tools.Count > MaxTools) throw new InvalidOperationException(\"too many tools\");")]
    [InlineData("if (tools.Count >= 21) { throw new InvalidOperationException($\"{tools.Count} tools\"); }")]
    [InlineData("if (MaxTools < tools.Count) { Console.WriteLine(\"too many\"); return null; }")]
    [InlineData("if (tools.Count == 0 || tools.Count > MaxTools) throw new InvalidOperationException();")]
    [InlineData("if (!(tools.Count <= MaxTools)) throw new InvalidOperationException();")]
    [InlineData("ArgumentOutOfRangeException.ThrowIfGreaterThan(tools.Count, MaxTools);")]
    [InlineData("ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tools.Count, 21);")]
    [InlineData("if (tools.Count() > Limits.Max) throw new InvalidOperationException();")]
    public Task A_count_check_that_stops_the_method_caps_the_list(string guard) => VerifyAsync($$"""
        static class Limits { public static readonly int Max = 20; }

        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            private const int MaxTools = 20;

            public async Task<ChatResponse?> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                {{guard}}
                var options = new ChatOptions { Tools = [.. tools] };
                return await client.GetResponseAsync(question, options);
            }
        }
        """);

    // The neighbours: a bound above the cap, a check after the catalog is built from the list, a check that logs and
    // goes on, a check on another list, an AddRange after the check.
    [Theory]
    [InlineData("if (tools.Count > 50) throw new InvalidOperationException();", "")]
    [InlineData("if (tools.Count > MaxTools) Console.WriteLine(\"many tools\");", "")]
    [InlineData("if (other.Count > MaxTools) throw new InvalidOperationException();", "")]
    [InlineData("if (tools.Count > MaxTools && tools.Count < 100) throw new InvalidOperationException();", "")]
    [InlineData("", "if (tools.Count > MaxTools) throw new InvalidOperationException();")]
    public Task A_check_that_does_not_bound_the_sent_list_is_still_reported(string before, string after) => VerifyAsync($$"""
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

    [Fact]
    public Task An_add_after_the_check_is_not_capped_by_it() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, McpClient other, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>();
                tools.AddRange({|#1:await mcp.ListToolsAsync()|});
                if (tools.Count > 20) throw new InvalidOperationException();
                tools.AddRange({|#0:await other.ListToolsAsync()|});
                return await client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        Unbounded(0, "'other.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1));

    [Fact]
    public Task A_check_after_the_adds_caps_the_whole_list() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, McpClient other, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>();
                tools.AddRange(await mcp.ListToolsAsync());
                tools.AddRange(await other.ListToolsAsync());
                if (tools.Count > 20)
                {
                    throw new InvalidOperationException($"{tools.Count} tools, the limit is 20");
                }

                return await client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """);

    // if (count <= cap) { send } and its else-throw form.
    [Fact]
    public Task The_branch_that_runs_only_with_few_tools_is_capped() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse?> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                if (tools.Count <= 20)
                {
                    return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
                }

                return null;
            }

            public async Task<ChatResponse> StrictAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                if (tools.Count < 21) { Console.WriteLine("ok"); }
                else throw new InvalidOperationException();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }

            public async Task<ChatResponse?> WrongBranchAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                if (tools.Count > 20)
                {
                    return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
                }

                return null;
            }
        }
        """,
        Unbounded(0));

    // A validation helper of the project, in the shape of an MCP connection manager that checks what each server lists.
    [Fact]
    public Task A_validation_helper_that_throws_caps_the_list() => VerifyAsync("""
        sealed class Connections(McpClient mcp, IChatClient client)
        {
            private const int MaxToolsPerServer = 20;

            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                ValidateTools("github", tools);
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }

            public async Task<ChatResponse> CountAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                await EnsureCountAsync(tools.Count);
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }

            private static void ValidateTools(string server, IList<McpClientTool> tools)
            {
                if (tools.Count > MaxToolsPerServer)
                {
                    throw new InvalidOperationException($"{server} lists {tools.Count} tools; the limit is {MaxToolsPerServer}.");
                }

                foreach (var tool in tools)
                {
                    if (string.IsNullOrWhiteSpace(tool.Name)) throw new InvalidOperationException("unnamed tool");
                }
            }

            private static Task EnsureCountAsync(int count)
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxToolsPerServer);
                return Task.CompletedTask;
            }
        }
        """);

    // The neighbours: a helper that returns before its check, a helper whose check only logs, a helper checking another list.
    [Fact]
    public Task A_helper_that_may_skip_its_check_caps_nothing() => VerifyAsync("""
        sealed class Connections(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question, bool strict)
            {
                var tools = await mcp.ListToolsAsync();
                Validate(tools, strict);
                Log(tools);
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }

            private static void Validate(IList<McpClientTool> tools, bool strict)
            {
                if (!strict) return;
                if (tools.Count > 20) throw new InvalidOperationException();
            }

            private static void Log(IList<McpClientTool> tools)
            {
                if (tools.Count > 20) Console.WriteLine("many tools");
            }
        }
        """,
        Unbounded(0));

    // A configured maximum is a deployment decision, as Take(settings.MaxTools) is; "0 means no limit" beside it too.
    [Fact]
    public Task A_configured_maximum_caps_the_list() => VerifyAsync("""
        sealed class AgentSettings { public int MaxTools { get; set; } }

        sealed class Assistant(McpClient mcp, IChatClient client, AgentSettings settings)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                if (settings.MaxTools > 0 && tools.Count > settings.MaxTools)
                {
                    throw new InvalidOperationException("too many tools");
                }

                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }

            public async Task<ChatResponse> ReadFromToolsAsync(string question, IList<AITool> all)
            {
                var tools = await mcp.ListToolsAsync();
                if (tools.Count > all.Count) throw new InvalidOperationException();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }
        }
        """,
        Unbounded(0));

    // The throw-expression form of the conditional that CountGuards reads.
    [Fact]
    public Task A_conditional_with_a_throw_branch_caps_the_list() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                var capped = tools.Count <= 20 ? tools : throw new InvalidOperationException();
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. capped] });
            }
        }
        """);

    // A check inside a lambda that runs later does not guard what follows it.
    [Fact]
    public Task A_check_in_a_lambda_does_not_guard_the_method() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                Action check = () => { if (tools.Count > 20) throw new InvalidOperationException(); };
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }
        }
        """,
        Unbounded(0));

    // A counted catalog over the cap behind a guard: the request never carries more than 20, so no AIL0201.
    [Fact]
    public Task A_guard_keeps_a_conditional_catalog_within_the_cap() => VerifyAsync($$"""
        sealed class Assistant(IChatClient client, bool beta)
        {
            private static readonly AITool[] Core = [{{ToolTestCode.Functions(15)}}];
            private static readonly AITool[] Beta = [{{ToolTestCode.Functions(10)}}];

            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = new List<AITool>(Core);
                if (beta) tools.AddRange(Beta);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(tools.Count, 20);
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """);

    // A parameter guarded in the method that calls the model: no caller is reported.
    [Fact]
    public Task A_guarded_parameter_hides_its_callers() => VerifyAsync("""
        sealed class Gateway(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string question, IList<AITool> tools)
            {
                if (tools.Count > 20) throw new ArgumentException("too many tools", nameof(tools));
                return client.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }

        sealed class Caller(McpClient mcp, Gateway gateway)
        {
            public async Task<ChatResponse> RunAsync(string question) => await gateway.AskAsync(question, [.. await mcp.ListToolsAsync()]);
        }
        """);

    [Fact]
    public Task Half_typed_guards_do_not_crash() => VerifyAsync("""
        sealed class Assistant(McpClient mcp, IChatClient client)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                if (tools.Count > {|CS1525:)|} throw new InvalidOperationException();
                ArgumentOutOfRangeException.ThrowIfGreaterThan(tools.{|CS1061:Cont|}, 20);
                Validate({|CS1503:tools|});
                return await client.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools|}] });
            }

            private static void Validate(int count) { if (count > 20) throw new InvalidOperationException(); }
        }
        """,
        Unbounded(0));

    // A singleton that checks each server's list when it connects, keeps it in a field, and is read by the chat service.
    [Fact]
    public Task A_list_checked_before_it_is_stored_stays_capped_where_it_is_read() => VerifyAsync("""
        public sealed class McpToolHost
        {
            private const int MaxToolsPerServer = 15;
            private IList<McpClientTool> _checked = [];
            private IList<McpClientTool> _unchecked = [];

            public IList<McpClientTool> Checked => _checked;
            public IList<McpClientTool> Unchecked => _unchecked;

            public async Task StartAsync(McpClient github, McpClient files, CancellationToken ct)
            {
                var listed = await github.ListToolsAsync(cancellationToken: ct);
                if (listed.Count > MaxToolsPerServer)
                {
                    throw new InvalidOperationException($"github lists {listed.Count} tools");
                }

                _checked = listed;
                _unchecked = await files.ListToolsAsync(cancellationToken: ct);
            }
        }

        public sealed class ChatService(McpToolHost host, IChatClient chat)
        {
            public Task<ChatResponse> CheckedAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. host.Checked] });

            public Task<ChatResponse> UncheckedAsync(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:host.Unchecked|}] });
        }
        """,
        Unbounded(0, "'files.ListToolsAsync()' (an MCP server's whole tool list), through 'host.Unchecked'"));
}
