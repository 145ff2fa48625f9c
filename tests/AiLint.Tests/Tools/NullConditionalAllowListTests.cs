using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A configured allow-list that is optional in appsettings (<c>List&lt;string&gt;? AllowedTools</c>) read through a
/// null-conditional: <c>allowed?.Contains(t.Name) == true</c> and <c>?? false</c> admit only configured names (a missing
/// list admits none), <c>?? true</c> and <c>!= false</c> are the "no list means every tool" switch that AiLint already
/// accepts written <c>allowed == null || allowed.Contains(t.Name)</c>. Review 45 (FP1, FP2). Beside each: the reported
/// twin that reads the same way but is a deny-list, a test on the server's own data, or a list taken from the server.
/// </summary>
public class NullConditionalAllowListTests
{
    private const string McpList = "'mcp.ListToolsAsync()' (an MCP server's whole tool list)";

    private const string Settings = """
        using Microsoft.Extensions.Options;

        public sealed class McpSettings { public List<string>? AllowedTools { get; set; } public McpLimits? Limits { get; set; } }
        public sealed class McpLimits { public string[]? Tools { get; set; } }

        """;

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + Settings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source = McpList) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // Repro/AllowListNullConditional/Program.cs as review 45 wrote it: both filters and the quiet twin.
    [Fact]
    public Task Review45_repro_allow_list_read_through_a_null_conditional_is_quiet() => VerifyAsync("""
        public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var tools = await mcp.ListToolsAsync(cancellationToken: ct);
                var chatOptions = new ChatOptions { Tools = [.. tools.Where(t => options.Value.AllowedTools?.Contains(t.Name) == true)] };
                return (await chat.GetResponseAsync(question, chatOptions, ct)).Text;
            }

            public async Task<string> AskCoalesceAsync(string question, CancellationToken ct)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync(cancellationToken: ct);
                var chatOptions = new ChatOptions { Tools = [.. tools.Where(t => allowed?.Contains(t.Name) ?? false)] };
                return (await chat.GetResponseAsync(question, chatOptions, ct)).Text;
            }

            public async Task<string> AskQuietTwinAsync(string question, CancellationToken ct)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync(cancellationToken: ct);
                var chatOptions = new ChatOptions { Tools = [.. tools.Where(t => allowed != null && allowed.Contains(t.Name))] };
                return (await chat.GetResponseAsync(question, chatOptions, ct)).Text;
            }
        }
        """);

    // Repro/AllowListNullMeansAll/Program.cs: "no list configured means every tool", and its quiet twin.
    [Fact]
    public Task Review45_repro_no_list_means_all_written_with_a_null_conditional_is_quiet() => VerifyAsync("""
        public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync(cancellationToken: ct);
                var chatOptions = new ChatOptions { Tools = [.. tools.Where(t => allowed?.Contains(t.Name) ?? true)] };
                return (await chat.GetResponseAsync(question, chatOptions, ct)).Text;
            }

            public async Task<string> AskQuietTwinAsync(string question, CancellationToken ct)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync(cancellationToken: ct);
                var chatOptions = new ChatOptions { Tools = [.. tools.Where(t => allowed == null || allowed.Contains(t.Name))] };
                return (await chat.GetResponseAsync(question, chatOptions, ct)).Text;
            }
        }
        """);

    // Every spelling of "in the configured list" and of "no list means all": through a field, a nested `?.` chain, an
    // array (Enumerable.Contains), a comparer, a pattern, and in the loop and RemoveAll forms the rule already reads.
    [Theory]
    [InlineData("allowed?.Contains(t.Name) == true")]
    [InlineData("true == allowed?.Contains(t.Name)")]
    [InlineData("(allowed?.Contains(t.Name) ?? false)")]
    [InlineData("allowed?.Contains(t.Name) is true")]
    [InlineData("allowed?.Contains(t.Name) ?? true")]
    [InlineData("allowed?.Contains(t.Name) != false")]
    [InlineData("allowed?.Contains(t.Name) is not false")]
    [InlineData("options.Value.Limits?.Tools?.Contains(t.Name) == true")]
    [InlineData("options.Value.Limits?.Tools?.Contains(t.Name, StringComparer.OrdinalIgnoreCase) ?? true")]
    [InlineData("options.Value.AllowedTools?.Any(n => n == t.Name) ?? false")]
    [InlineData("t.Name.Length > 0 && (allowed?.Contains(t.Name) ?? false)")]
    public Task A_configured_list_read_through_a_null_conditional_is_bounded(string filter) => VerifyAsync($$"""
        public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync();
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools.Where(t => {{filter}})] });
            }

            public async Task<ChatResponse> LoopAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var picked = new List<AITool>();
                foreach (var t in await mcp.ListToolsAsync())
                {
                    if ({{filter}})
                    {
                        picked.Add(t);
                    }
                }

                return await chat.GetResponseAsync(question, new ChatOptions { Tools = picked });
            }

            public async Task<ChatResponse> PrunedAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var tools = (await mcp.ListToolsAsync()).ToList();
                tools.RemoveAll(t => !({{filter}}));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }
        }
        """);

    // The reported twins: the same null-conditional read as a deny-list (`== false`, `!= true`, a negated `?? false`),
    // a test on the tool's own data from the server (its annotations, its own list of names), a name list the code took
    // from the server itself, and `?.` on something that is not a list of names (a prefix test).
    [Theory]
    [InlineData("allowed?.Contains(t.Name) == false")]
    [InlineData("allowed?.Contains(t.Name) != true")]
    [InlineData("!(allowed?.Contains(t.Name) ?? false)")]
    [InlineData("allowed?.Contains(t.Name) is false")]
    [InlineData("t.ProtocolTool.Annotations?.ReadOnlyHint ?? true")]
    [InlineData("t.ProtocolTool.Annotations?.ReadOnlyHint == true")]
    [InlineData("t.ProtocolTool.Annotations?.Title?.Contains(t.Name) ?? true")]
    [InlineData("options.Value.AllowedTools?.FirstOrDefault()?.StartsWith(t.Name) ?? true")]
    [InlineData("(allowed?.Contains(t.Name) ?? false) || t.Name.StartsWith(\"git\")")]
    public Task A_null_conditional_that_does_not_name_the_tools_is_still_reported(string filter) => VerifyAsync($$"""
        public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync();
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools.Where(t => {{filter}})|}] });
            }
        }
        """,
        Unbounded(0));

    // A name list the code took from the server's own tools admits every tool, `?.` or not, and so does one taken
    // from the server's list by a lookup or a set.
    [Theory]
    [InlineData("names?.Contains(t.Name) ?? true")]
    [InlineData("names?.Contains(t.Name) == true")]
    [InlineData("names.Contains(t.Name)")]
    [InlineData("names.Any(n => n == t.Name)")]
    [InlineData("set.Contains(t.Name)")]
    public Task A_name_list_taken_from_the_server_itself_is_not_an_allow_list(string filter) => VerifyAsync($$"""
        public sealed class ChatService(IChatClient chat, McpClient mcp)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                List<string>? names = tools.Select(x => x.Name).ToList();
                var set = new HashSet<string>((await mcp.ListToolsAsync()).Select(x => x.Name));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:tools.Where(t => {{filter}})|}] });
            }
        }
        """,
        Unbounded(0));

    // The quiet twins: the server's names narrowed by configuration (Intersect, an allow-listed Where), or configuration
    // with the server's names as the "nothing configured" default, are the configuration's decision.
    [Theory]
    [InlineData("names?.Contains(t.Name) ?? true")]
    [InlineData("fallback.Contains(t.Name)")]
    [InlineData("picked.Contains(t.Name)")]
    public Task A_server_name_list_narrowed_or_replaced_by_configuration_is_bounded(string filter) => VerifyAsync($$"""
        public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
        {
            public async Task<ChatResponse> AskAsync(string question)
            {
                var tools = await mcp.ListToolsAsync();
                List<string>? names = tools.Select(x => x.Name).Intersect(options.Value.AllowedTools ?? []).ToList();
                var fallback = options.Value.AllowedTools ?? tools.Select(x => x.Name).ToList();
                var picked = tools.Where(x => options.Value.AllowedTools?.Contains(x.Name) == true).Select(x => x.Name).ToHashSet();
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools.Where(t => {{filter}})] });
            }
        }
        """);

    // The skip and removal forms read the negated test: `!= true` keeps only listed tools.
    [Fact]
    public Task A_skip_or_removal_of_tools_not_in_an_optional_list_is_bounded() => VerifyAsync("""
        public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
        {
            public async Task<ChatResponse> LoopAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var picked = new List<AITool>();
                foreach (var t in await mcp.ListToolsAsync())
                {
                    if (allowed?.Contains(t.Name) != true) continue;
                    picked.Add(t);
                }

                return await chat.GetResponseAsync(question, new ChatOptions { Tools = picked });
            }

            public async Task<ChatResponse> PrunedAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var tools = (await mcp.ListToolsAsync()).ToList();
                tools.RemoveAll(t => allowed?.Contains(t.Name) == false);
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }

            public async Task<ChatResponse> SkipListedAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var picked = new List<AITool>();
                foreach (var t in {|#0:await mcp.ListToolsAsync()|})
                {
                    if (allowed?.Contains(t.Name) == true) continue;
                    picked.Add(t);
                }

                return await chat.GetResponseAsync(question, new ChatOptions { Tools = picked });
            }

            public async Task<ChatResponse> PruneListedAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var tools = {|#1:(await mcp.ListToolsAsync()).ToList()|};
                tools.RemoveAll(t => allowed?.Contains(t.Name) ?? false);
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools] });
            }
        }
        """,
        Unbounded(0),
        Unbounded(1));

    // Review 45's "debatable" ternary: the page exempts "empty means all" as a switch inside the filter; a branch that
    // hands the whole list on is not a filter, and the page promises nothing for it. Reported, beside the quiet twin
    // written as the switch the page names.
    [Fact]
    public Task Empty_means_all_as_a_ternary_branch_is_reported_and_its_filter_twin_is_not() => VerifyAsync("""
        public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
        {
            public async Task<ChatResponse> TernaryAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync();
                IEnumerable<McpClientTool> sent = allowed is { Count: > 0 } ? tools.Where(t => allowed.Contains(t.Name)) : tools;
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. {|#0:sent|}] });
            }

            public async Task<ChatResponse> FilterSwitchAsync(string question)
            {
                var allowed = options.Value.AllowedTools;
                var tools = await mcp.ListToolsAsync();
                IEnumerable<McpClientTool> sent = tools.Where(t => allowed == null || allowed.Count == 0 || allowed.Contains(t.Name));
                return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. sent] });
            }
        }
        """,
        Unbounded(0));

    // Half-typed code while the filter is being written: no crash, and no diagnostic from a filter that does not bind.
    [Theory]
    [InlineData("allowed?.Contains(t.Name) ?? ")]
    [InlineData("allowed?.Contains(t.) == true")]
    [InlineData("allowed?.Contains(t.Name) == ")]
    [InlineData("missing?.Contains(t.Name) ?? true")]
    [InlineData("allowed?.Contains(t.Name) is not")]
    public Task Half_typed_null_conditional_filters_do_not_crash(string filter)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + Settings + $$"""
                public sealed class ChatService(IChatClient chat, McpClient mcp, IOptions<McpSettings> options)
                {
                    public async Task<ChatResponse> AskAsync(string question)
                    {
                        var allowed = options.Value.AllowedTools;
                        var tools = await mcp.ListToolsAsync();
                        return await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools.Where(t => {{filter}})] });
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        return RunIgnoringDiagnosticsAsync(test);
    }

    /// <summary>Half-typed code: only "no exception" is asserted, whatever the analyzer reports.</summary>
    internal static async Task RunIgnoringDiagnosticsAsync(AnalyzerTest<ToolCatalogAnalyzer> test)
    {
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // The diagnostics may differ; an analyzer exception must not.
        }
    }
}
