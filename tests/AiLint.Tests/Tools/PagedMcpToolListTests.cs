using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 for an MCP server's tool list read a page at a time: ModelContextProtocol 2.4's
/// <c>McpClient.ListToolsAsync(ListToolsRequestParams, CancellationToken)</c> returns the server's raw
/// <c>ListToolsResult</c>, whose <c>Tools</c> (protocol <c>Tool</c>s, made into <c>McpClientTool</c>s for a model) hold
/// one page and whose <c>NextCursor</c> asks for the next. A loop over the cursors gathers the whole list; one page alone
/// holds as many tools as the server chooses to send. Next to each, the allow-listed, capped or printed form stays quiet.
/// </summary>
public class PagedMcpToolListTests
{
    private const string ProtocolUsings = """
        using Microsoft.SemanticKernel;
        using ModelContextProtocol.Protocol;

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + ProtocolUsings + code,
            CompilerDiagnostics = compilerDiagnostics,
        };

        // Semantic Kernel offers a kernel's functions only under automatic function choice (see ToolTestCode).
        test.Sources.Add(("/0/ChatSettings.cs", ToolTestCode.AutoFunctionChoiceFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Page(int location, string call) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments($"'{call}' (a page of an MCP server's tool list)", 20);

    // The loop the SDK's remarks leave to the caller: every page gathered over NextCursor, converted for MEAI.
    [Fact]
    public Task Pages_gathered_over_the_next_cursor_are_reported() => VerifyAsync("""
        public sealed class McpChat(IChatClient chat, McpClient client)
        {
            public async Task<ChatResponse> AskAsync(string question, CancellationToken ct)
            {
                var tools = new List<AITool>();
                string? cursor = null;
                do
                {
                    var result = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct);
                    tools.AddRange({|#0:result.Tools.Select(t => new McpClientTool(client, t))|});
                    cursor = result.NextCursor;
                }
                while (cursor is not null);

                return await chat.GetResponseAsync(question, new ChatOptions { Tools = tools }, cancellationToken: ct);
            }

            // The protocol tools gathered first (a page held in a local declared before the loop), converted at the sink.
            public async Task<ChatOptions> GatheredAsync(CancellationToken ct)
            {
                var listed = new List<Tool>();
                ListToolsResult? page = null;
                do
                {
                    page = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = page?.NextCursor }, ct).ConfigureAwait(false);
                    listed.AddRange({|#1:page.Tools|});
                }
                while (page.NextCursor is not null);

                return new ChatOptions { Tools = [.. listed.Select(t => new McpClientTool(client, t))] };
            }
        }
        """,
        Page(0, "client.ListToolsAsync()"),
        Page(1, "client.ListToolsAsync()"));

    // One page taken straight to the model: as many tools as the server puts in it.
    [Fact]
    public Task One_page_given_to_a_model_or_a_kernel_is_reported() => VerifyAsync("""
        public sealed class McpChat(McpClient client)
        {
            public async Task<ChatOptions> FirstPageAsync(CancellationToken ct)
            {
                var page = await client.ListToolsAsync(new ListToolsRequestParams(), ct);
                return new ChatOptions { Tools = [.. {|#0:page.Tools.Select(t => new McpClientTool(client, t))|}] };
            }

            public async Task<ChatOptions> InlineAsync(CancellationToken ct) =>
                new ChatOptions { Tools = {|#1:(await client.ListToolsAsync(new ListToolsRequestParams(), ct)).Tools.Select(t => (AITool)new McpClientTool(client, t)).ToList()|} };

            public async Task RegisterAsync(Kernel kernel, CancellationToken ct)
            {
                var page = await client.ListToolsAsync(new ListToolsRequestParams(), ct);
                kernel.Plugins.AddFromFunctions("mcp", {|#2:page.Tools.Select(t => new McpClientTool(client, t).AsKernelFunction())|});
            }
        }
        """,
        Page(0, "client.ListToolsAsync()"),
        Page(1, "client.ListToolsAsync()"),
        Page(2, "client.ListToolsAsync()"));

    // The neighbours: a page filtered against a fixed list of names, capped, the gathered pages capped at the sink, and
    // a page only printed (never handed to a model).
    [Fact]
    public Task Allow_listed_capped_or_printed_pages_are_not_reported() => VerifyAsync("""
        public sealed class McpChat(McpClient client)
        {
            private static readonly HashSet<string> Allowed = ["search_docs", "fetch_doc"];

            public async Task<ChatOptions> AllowListedAsync(CancellationToken ct)
            {
                var tools = new List<AITool>();
                string? cursor = null;
                do
                {
                    var result = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct);
                    tools.AddRange(result.Tools.Where(t => Allowed.Contains(t.Name)).Select(t => new McpClientTool(client, t)));
                    cursor = result.NextCursor;
                }
                while (cursor is not null);

                return new ChatOptions { Tools = tools };
            }

            public async Task<ChatOptions> CappedPageAsync(CancellationToken ct)
            {
                var page = await client.ListToolsAsync(new ListToolsRequestParams(), ct);
                return new ChatOptions { Tools = [.. page.Tools.Take(10).Select(t => new McpClientTool(client, t))] };
            }

            public async Task<ChatOptions> CappedAtTheSinkAsync(CancellationToken ct)
            {
                var tools = new List<AITool>();
                string? cursor = null;
                do
                {
                    var result = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct);
                    tools.AddRange(result.Tools.Select(t => new McpClientTool(client, t)));
                    cursor = result.NextCursor;
                }
                while (cursor is not null);

                return new ChatOptions { Tools = [.. tools.Take(20)] };
            }

            public async Task PrintAsync(CancellationToken ct)
            {
                string? cursor = null;
                do
                {
                    var result = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct);
                    foreach (var tool in result.Tools)
                    {
                        Console.WriteLine($"{tool.Name}: {tool.Description}");
                    }

                    cursor = result.NextCursor;
                }
                while (cursor is not null);
            }

            // A server-side result the app builds itself is not a server's list: its Tools are the ones written here.
            public ChatOptions Built() =>
                new ChatOptions { Tools = [.. new ListToolsResult { Tools = [new Tool { Name = "ping" }] }.Tools.Select(t => new McpClientTool(client, t))] };
        }
        """);

    // Known limitation (docs: a loop with a `break` is assumed to cap itself): the same pages gathered in a
    // `while (true)` that breaks on the last cursor are not reported; the `do`/`while` form above is.
    [Fact]
    public Task A_paging_loop_that_breaks_is_read_as_capping_itself() => VerifyAsync("""
        public sealed class McpChat(McpClient client)
        {
            public async Task<ChatOptions> GatherAsync(CancellationToken ct)
            {
                var tools = new List<AITool>();
                string? cursor = null;
                while (true)
                {
                    var result = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct);
                    tools.AddRange(result.Tools.Select(t => new McpClientTool(client, t)));
                    if (result.NextCursor is null)
                    {
                        break;
                    }

                    cursor = result.NextCursor;
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """);

    // Half-typed: the request's type left to inference (ambiguous between the two overloads), a misspelt Tools, a
    // paging loop cut off mid-statement. No crash, and nothing reported from what does not resolve.
    [Fact]
    public Task Half_typed_paging_loop_does_not_crash() => VerifyAsync("""
        public sealed class McpChat(McpClient client)
        {
            public async Task<ChatOptions> AmbiguousAsync(string? cursor, CancellationToken ct)
            {
                var result = await client.ListToolsAsync(new() { Cursor = cursor }, ct);
                return new ChatOptions { Tools = [.. result.Tools.Select(t => new McpClientTool(client, t))] };
            }

            public async Task<ChatOptions> MisspeltAsync(CancellationToken ct)
            {
                var result = await client.ListToolsAsync(new ListToolsRequestParams(), ct);
                return new ChatOptions { Tools = [.. result.Tool.Select(t => new McpClientTool(client, t))] };
            }

            public async Task<ChatOptions> CutOffAsync(CancellationToken ct)
            {
                var tools = new List<AITool>();
                do
                {
                    var result = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = }, ct);
                    tools.AddRange(result.Tools.Select(t => new McpClientTool(client, t
        """,
        CompilerDiagnostics.None);
}
