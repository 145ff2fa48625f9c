using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// An MCP server's list waited for without a plain <c>await</c>, as public apps write it in container factories and
/// constructors: <c>.GetAwaiter().GetResult()</c>, <c>.Result</c>, <c>.AsTask().Result</c>, <c>.ConfigureAwait(false)</c>.
/// The list is the same whole server's list; next to each, the allow-listed or capped form that is not reported.
/// </summary>
public class WaitedToolListTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string call) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments($"'{call}' (an MCP server's whole tool list)", 20);

    // An agent built in a keyed container factory from two servers' lists, each waited for synchronously.
    [Fact]
    public Task Lists_waited_for_synchronously_are_whole_server_lists() => VerifyAsync("""
        using Microsoft.Agents.AI;

        static class Agents
        {
            public static AIAgent Create(IChatClient chat, McpClient docs, McpClient erp)
            {
                var docTools = docs.ListToolsAsync().GetAwaiter().GetResult();
                IList<McpClientTool> erpTools = erp.ListToolsAsync().Result;
                return new ChatClientAgent(chat, "Answer from the documents.", "docs", "docs agent", tools: [.. {|#0:docTools|}, .. {|#1:erpTools|}]);
            }

            public static async Task<ChatOptions> OptionsAsync(McpClient mcp, CancellationToken ct)
            {
                var tools = await mcp.ListToolsAsync(cancellationToken: ct).ConfigureAwait(false);
                return new ChatOptions { Tools = [.. {|#2:tools|}] };
            }

            public static ChatOptions Converted(McpClient mcp) =>
                new ChatOptions { Tools = {|#3:mcp.ListToolsAsync().AsTask().Result.Cast<AITool>().ToList()|} };
        }
        """,
        Unbounded(0, "docs.ListToolsAsync()"),
        Unbounded(1, "erp.ListToolsAsync()"),
        Unbounded(2, "mcp.ListToolsAsync()"),
        Unbounded(3, "mcp.ListToolsAsync()"));

    [Fact]
    public Task Waited_lists_that_are_allow_listed_or_capped_are_not_reported() => VerifyAsync("""
        static class Agents
        {
            private static readonly HashSet<string> Allowed = ["find", "aggregate", "count"];

            public static ChatOptions AllowListed(McpClient mcp)
            {
                var tools = mcp.ListToolsAsync().GetAwaiter().GetResult();
                return new ChatOptions { Tools = [.. tools.Where(t => Allowed.Contains(t.Name))] };
            }

            public static async Task<ChatOptions> CappedAsync(McpClient mcp)
            {
                var tools = await mcp.ListToolsAsync().ConfigureAwait(false);
                return new ChatOptions { Tools = [.. tools.Take(10)] };
            }

            // A count read from the waited list is no catalog.
            public static int Count(McpClient mcp) => mcp.ListToolsAsync().Result.Count;
        }
        """);

    // A field filled in the constructor by waiting, read by the method that calls the model (reported on the read, as
    // for any field written whole).
    [Fact]
    public Task A_field_filled_by_waiting_in_the_constructor_is_followed() => VerifyAsync("""
        sealed class LocalChat
        {
            private readonly IChatClient _chat;
            private readonly List<McpClientTool> _tools;

            public LocalChat(IChatClient chat, McpClient mcp)
            {
                _chat = chat;
                _tools = mcp.ListToolsAsync().Result.ToList();
            }

            public Task<ChatResponse> AskAsync(string question) => _chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:_tools|}] });
        }
        """,
        Unbounded(0, "mcp.ListToolsAsync()"));

    // A synchronous implementation of an async tool provider returns Task.FromResult(list) or new ValueTask<T>(list):
    // the list is what the provider gives, so a fixed one is counted, not taken for an unknown registry.
    [Fact]
    public Task A_provider_returning_a_completed_task_of_a_fixed_list_is_not_reported() => VerifyAsync("""
        public interface IToolProvider { Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default); }
        public interface IToolSource { ValueTask<IList<AITool>> GetToolsAsync(CancellationToken ct = default); }

        public sealed class ClockTools : IToolProvider, IToolSource
        {
            private static readonly AITool[] All = [AIFunctionFactory.Create(() => DateTime.UtcNow, "now"), AIFunctionFactory.Create(() => TimeZoneInfo.Local.Id, "zone")];

            public Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<AITool>>(All);

            ValueTask<IList<AITool>> IToolSource.GetToolsAsync(CancellationToken ct) => new([.. All]);
        }

        public sealed class Chat(IToolProvider provider, IToolSource source, IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string q) => await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. await provider.GetToolsAsync()] });

            public async Task<ChatResponse> SourceAsync(string q) => await chat.GetResponseAsync(q, new ChatOptions { Tools = await source.GetToolsAsync() });
        }
        """);

    // The neighbour: the provider's completed task holds a whole server's list.
    [Fact]
    public Task A_provider_returning_a_completed_task_of_a_server_list_is_reported() => VerifyAsync("""
        public interface IToolProvider { Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default); }

        public sealed class McpHub(McpClient mcp) : IToolProvider
        {
            private readonly List<AITool> _tools = new();

            public async Task InitializeAsync(CancellationToken ct) => _tools.AddRange(await mcp.ListToolsAsync(cancellationToken: ct));

            public Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<AITool>>(_tools);
        }

        public sealed class Chat(IToolProvider provider, IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string q) => await chat.GetResponseAsync(q, new ChatOptions { Tools = [.. {|#0:await provider.GetToolsAsync()|}] });
        }
        """,
        Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("'mcp.ListToolsAsync()' (an MCP server's whole tool list), through 'provider.GetToolsAsync()'", 20));

    // A per-turn selection step of the app given the waited list is where the choice is made.
    [Fact]
    public Task A_waited_list_handed_to_a_selection_step_is_not_reported() => VerifyAsync("""
        sealed class Router(McpClient mcp, IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = [.. SelectTools(question, mcp.ListToolsAsync().GetAwaiter().GetResult())] });

            private static IEnumerable<AITool> SelectTools(string question, IList<McpClientTool> all) =>
                all.Where(t => question.Contains(t.Name, StringComparison.OrdinalIgnoreCase)).Take(5);
        }
        """);

    // The code fix caps the waited list where it enters the catalog.
    [Fact]
    public async Task The_fix_caps_a_waited_list()
    {
        var test = new CodeFixTest<ToolCatalogAnalyzer, AiLint.CodeFixes.Rules.Tools.CapToolSourceCodeFixProvider>
        {
            TestCode = ToolTestCode.Usings + """
                class Assistant
                {
                    void Configure(McpClient mcp, ChatOptions options)
                    {
                        options.Tools = [];
                        foreach (var tool in [|mcp.ListToolsAsync().GetAwaiter().GetResult()|])
                        {
                            options.Tools.Add(tool);
                        }
                    }
                }
                """,
            FixedCode = ToolTestCode.Usings + """
                class Assistant
                {
                    void Configure(McpClient mcp, ChatOptions options)
                    {
                        options.Tools = [];
                        foreach (var tool in mcp.ListToolsAsync().GetAwaiter().GetResult().Take(20))
                        {
                            options.Tools.Add(tool);
                        }
                    }
                }
                """,
            MarkupDiagnosticId = "AIL0202",
            CodeActionEquivalenceKey = AiLint.CodeFixes.Rules.Tools.CapToolSourceCodeFixProvider.EquivalenceKey,
        };
        await test.RunAsync();
    }
}
