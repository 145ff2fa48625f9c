using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// AIL0202 on a hosted MCP tool: only a write of a list to <c>AllowedTools</c> restricts the server. The property is
/// null by default (<c>HostedMcpServerTool</c> in Microsoft.Extensions.AI 10.11 and 11.0, <c>McpTool</c> in OpenAI
/// 2.15, both checked by creating one), so reading it, aliasing it or <c>?.Add</c>-ing to it leaves the whole server
/// exposed (review71, repro-1: CanDoItAll's <c>CreateHostedMcpTool</c>).
/// </summary>
public class HostedAllowListWriteTests
{
    private const string NoAllowList = "a hosted MCP server tool with no AllowedTools";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // repro-1 AskAsync: the configured names go through an alias of the null default, so no Add ever runs.
    [Fact]
    public Task An_alias_of_the_null_default_filled_with_null_conditional_adds_is_reported() => VerifyAsync("""
        public sealed class McpCapabilityConfiguration
        {
            public string? ServerName { get; set; }
            public string Endpoint { get; set; } = "";
            public List<string>? AllowedTools { get; set; }
        }

        public static class HostedMcp
        {
            public static async Task<ChatResponse> AskAsync(IChatClient chatClient, McpCapabilityConfiguration configuration, string question)
            {
                var hostedTool = new HostedMcpServerTool(configuration.ServerName ?? "server", configuration.Endpoint)
                {
                    ApprovalMode = HostedMcpServerToolApprovalMode.NeverRequire,
                };

                var allowedTools = hostedTool.AllowedTools;
                foreach (var allowedTool in configuration.AllowedTools?.Where(item => !string.IsNullOrWhiteSpace(item)) ?? [])
                {
                    allowedTools?.Add(allowedTool);
                }

                var options = new ChatOptions { Tools = [{|#0:hostedTool|}] };
                return await chatClient.GetResponseAsync(question, options);
            }
        }
        """,
        Unbounded(0, NoAllowList));

    // probes/hosted-variants A, B, C: a bare read, a `?.Add` on the property, a log of its count.
    [Fact]
    public Task Reading_AllowedTools_without_writing_it_is_reported() => VerifyAsync("""
        public static class V
        {
            public static Task<ChatResponse> Alias(IChatClient c, string url, string q)
            {
                var hostedTool = new HostedMcpServerTool("s", url);
                var allowedTools = hostedTool.AllowedTools;
                return c.GetResponseAsync(q, new ChatOptions { Tools = [{|#0:hostedTool|}] });
            }

            public static Task<ChatResponse> NullConditionalAdd(IChatClient c, string url, string q, List<string> names)
            {
                var hostedTool = new HostedMcpServerTool("s", url);
                foreach (var n in names) hostedTool.AllowedTools?.Add(n);
                return c.GetResponseAsync(q, new ChatOptions { Tools = [{|#1:hostedTool|}] });
            }

            public static Task<ChatResponse> Logged(IChatClient c, string url, string q)
            {
                var hostedTool = new HostedMcpServerTool("s", url);
                Console.WriteLine(hostedTool.AllowedTools?.Count ?? 0);
                return c.GetResponseAsync(q, new ChatOptions { Tools = [{|#2:hostedTool|}] });
            }
        }
        """,
        Unbounded(0, NoAllowList),
        Unbounded(1, NoAllowList),
        Unbounded(2, NoAllowList));

    // A null written, or names added to the missing list by a collection initializer (which throws at run time), is no
    // allow-list either: the page's fix is to assign one.
    [Fact]
    public Task A_null_write_or_an_add_to_the_missing_list_is_reported() => VerifyAsync("""
        public static class V
        {
            public static ChatOptions NullInInitializer(string url) =>
                new() { Tools = [{|#0:new HostedMcpServerTool("s", url) { AllowedTools = null }|}] };

            public static ChatOptions NullLater(string url)
            {
                var hostedTool = new HostedMcpServerTool("s", url);
                hostedTool.AllowedTools = null;
                return new ChatOptions { Tools = [{|#1:hostedTool|}] };
            }

            public static ChatOptions AddedToMissingList(string url) =>
                new() { Tools = [{|#2:new HostedMcpServerTool("s", url) { AllowedTools = { "search" } }|}] };
        }
        """,
        Unbounded(0, NoAllowList),
        Unbounded(1, NoAllowList),
        Unbounded(2, NoAllowList));

    // The forms real apps write near the bug: the list is created by the code, then filled.
    [Fact]
    public Task A_list_the_code_writes_before_filling_it_is_not_reported() => VerifyAsync("""
        public sealed class Settings { public List<string>? AllowedTools { get; set; } }

        public static class V
        {
            public static ChatOptions Initializer(string url) =>
                new() { Tools = [new HostedMcpServerTool("s", url) { AllowedTools = ["search", "get_issue"] }] };

            public static ChatOptions AssignedThenAdded(string url, List<string> names)
            {
                var tool = new HostedMcpServerTool("s", url);
                tool.AllowedTools = new List<string>();
                foreach (var n in names) tool.AllowedTools.Add(n);
                return new ChatOptions { Tools = [tool] };
            }

            public static ChatOptions CreatedIfMissing(string url, List<string> names)
            {
                var tool = new HostedMcpServerTool("s", url);
                tool.AllowedTools ??= new List<string>();
                foreach (var n in names) tool.AllowedTools.Add(n);
                return new ChatOptions { Tools = [tool] };
            }

            public static ChatOptions AliasAssigned(string url, List<string> names)
            {
                var tool = new HostedMcpServerTool("s", url);
                var allowed = new List<string>();
                tool.AllowedTools = allowed;
                foreach (var n in names) allowed.Add(n);
                Console.WriteLine(tool.AllowedTools.Count);
                return new ChatOptions { Tools = [tool] };
            }

            public static ChatOptions Configured(string url, Settings settings) =>
                new() { Tools = [new HostedMcpServerTool("s", url) { AllowedTools = settings.AllowedTools }] };
        }
        """);

    // OpenAI's McpTool: AllowedTools is a null McpToolFilter until the code assigns one.
    [Fact]
    public Task Responses_mcp_tool_whose_AllowedTools_is_only_read_is_reported() => VerifyAsync("""
        using OpenAI.Responses;

        #pragma warning disable OPENAI001
        class Assistant
        {
            CreateResponseOptions Options()
            {
                var docs = ResponseTool.CreateMcpTool("docs", new Uri("https://docs.example.com/mcp"));
                Console.WriteLine(docs.AllowedTools?.ToolNames.Count);
                var github = ResponseTool.CreateMcpTool("github", new Uri("https://api.githubcopilot.com/mcp/"));
                github.AllowedTools ??= new McpToolFilter();
                github.AllowedTools.ToolNames.Add("search_issues");
                var options = new CreateResponseOptions();
                options.Tools.Add({|#0:docs|});
                options.Tools.Add(github);
                return options;
            }
        }
        """,
        Unbounded(0, "an MCP tool (ResponseTool.CreateMcpTool) with no allowedTools filter"));

    // Half-typed code: an assignment with no value yet, a misspelt type. No crash, nothing reported on it.
    [Fact]
    public Task Half_typed_hosted_tools_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                public static class V
                {
                    public static ChatOptions Typing(string url)
                    {
                        var tool = new HostedMcpServerTool("s", url);
                        tool.AllowedTools = ;
                        return new ChatOptions { Tools = [tool] };
                    }

                    public static ChatOptions Misspelt(string url)
                    {
                        var tool = new HostedMcpServerToool("s", url);
                        var allowed = tool.AllowedTools;
                        return new ChatOptions { Tools = [tool] };
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        return test.RunAsync();
    }
}
