using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A filling helper that returns the list it was handed, for chaining: <c>var tools = AddSearchTools(new List&lt;AITool&gt;());</c>,
/// <c>new List&lt;AITool&gt;().WithOrders().WithSearch()</c>. Its result is the list it was given with the helper's adds
/// on it, read as the void filling helper's are (one level deep), not as a conversion helper that keeps what it is given.
/// </summary>
public class ReturnedFilledListTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { CompilerDiagnostics = compilerDiagnostics };
        test.TestState.Sources.Add(ToolTestCode.Usings + code);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, string.Empty);

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    private static string Adds(string list, int from, int count) =>
        string.Join("\n        ", Enumerable.Range(from, count).Select(i => $"{list}.Add(AIFunctionFactory.Create(() => {i}, \"t{i}\"));"));

    [Fact]
    public Task A_helper_returning_the_list_it_filled_counts_its_adds() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question)
            {
                var tools = {|#0:AddSearchTools(new List<AITool>())|};
                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static List<AITool> AddSearchTools(List<AITool> tools)
            {
                {{Adds("tools", 1, 21)}}
                return tools;
            }
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task Fluent_extension_helpers_returning_the_same_list_add_up() => VerifyAsync($$"""
        public static class ToolListExtensions
        {
            public static IList<AITool> WithOrders(this IList<AITool> tools)
            {
                {{Adds("tools", 1, 11)}}
                return tools;
            }

            public static IList<AITool> WithSearch(this IList<AITool> tools)
            {
                {{Adds("tools", 12, 10)}}
                return tools;
            }
        }

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = {|#0:new List<AITool>().WithOrders().WithSearch()|} });
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task A_server_list_added_by_a_returning_helper_is_reported_at_the_call() => VerifyAsync("""
        public sealed class Assistant(IChatClient chat, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await AddServerToolsAsync({|#0:new List<AITool>()|}, mcp);
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static async Task<List<AITool>> AddServerToolsAsync(List<AITool> tools, McpClient client)
            {
                tools.AddRange(await client.ListToolsAsync());
                return tools;
            }
        }
        """,
        Unbounded(0, "'client.ListToolsAsync()' (an MCP server's whole tool list), through 'AddServerToolsAsync()'"));

    // ---- quiet twins ----

    // A small returning helper, and one capped by the caller.
    [Fact]
    public Task A_small_or_capped_returning_helper_is_not_reported() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat, McpClient mcp)
        {
            public Task<ChatResponse> SmallAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = AddBasics(new List<AITool>()) });

            public async Task<ChatResponse> CappedAsync(string question)
            {
                var tools = (await AddServerToolsAsync(new List<AITool>(), mcp)).Take(10).ToList();
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            private static List<AITool> AddBasics(List<AITool> tools)
            {
                {{Adds("tools", 1, 5)}}
                return tools;
            }

            private static async Task<List<AITool>> AddServerToolsAsync(List<AITool> tools, McpClient client)
            {
                tools.AddRange(await client.ListToolsAsync());
                return tools;
            }
        }
        """);

    // A helper that returns a new list of its own (not the one it was given) is a selection step, as before.
    [Fact]
    public Task A_helper_returning_another_list_stays_a_selection_step() => VerifyAsync($$"""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = Pick(new List<AITool>()) });

            private static List<AITool> Pick(List<AITool> tools)
            {
                {{Adds("tools", 1, 21)}}
                return tools.Take(3).ToList();
            }
        }
        """);

    [Fact]
    public Task Half_typed_returning_helpers_do_not_crash_or_report() => VerifyAsync("""
        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = AddMissing(new List<AITool>()).WithBroken( });

            private static List<AITool> WithBroken(this List<AITool> tools)
            {
                tools.Add(
                return tools
            }
        }
        """,
        CompilerDiagnostics.None);
}
