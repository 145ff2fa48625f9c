using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A builder given an input that it only hands to the constructor of a per-tool wrapper: the Teams SDK C# guide's
/// <c>GetTools(CitationCollector citations) =&gt; [.. _tools.Select(t =&gt; new CitationCapturingTool(t, citations, _logger))]</c>.
/// Such an input chooses no tools (every tool is wrapped, one for one), so the builder is followed as one with no
/// input. An input read anywhere else (a <c>Where</c>, an <c>if</c>) keeps the builder a selection step.
/// </summary>
public class PerToolWrapperInputTests
{
    private const string ServerList = "'client.ListToolsAsync()' (an MCP server's whole tool list)";

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code + Wrapper, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    /// <summary>The wrapper (a delegating function that records what each call returns) and what it is given.</summary>
    private const string Wrapper = """

        public sealed class CitationCollector
        {
            public List<string> Seen { get; } = [];
            public bool Wants(string name) => !name.StartsWith("admin_");
            public void TryExtract(string result) => Seen.Add(result);
        }

        public sealed class CitedTool(AIFunction inner, CitationCollector citations) : DelegatingAIFunction(inner)
        {
            protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
            {
                var result = await base.InvokeCoreAsync(arguments, cancellationToken);
                citations.TryExtract(result?.ToString() ?? "");
                return result;
            }
        }

        """;

    /// <summary>A tool set filled in an <c>InitializeAsync</c> (the shape AiLint already follows with no input).</summary>
    private static string ToolSet(string getTools) => $$"""
        public sealed class DocsToolSet
        {
            private McpClient? _client;
            private IList<McpClientTool> _tools = [];

            public async Task InitializeAsync(CancellationToken ct = default)
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri("https://learn.microsoft.com/api/mcp") }), cancellationToken: ct);
                _client = client;
                _tools = await client.ListToolsAsync(cancellationToken: ct);
            }

        {{getTools}}
        }

        public sealed class Assistant(IChatClient chat, DocsToolSet toolSet)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var citations = new CitationCollector();
                var options = new ChatOptions { Tools = [.. {|#0:toolSet.GetTools(citations)|}] };
                return (await chat.GetResponseAsync(question, options, ct)).Text;
            }
        }

        """;

    [Fact]
    public Task Every_tool_wrapped_with_the_input_in_a_select_is_reported() => VerifyAsync(ToolSet("""
            public IList<AITool> GetTools(CitationCollector citations) =>
                [.. _tools.Select(t => new CitedTool(t, citations))];
        """),
        Unbounded(0, ServerList + ", through 'toolSet.GetTools()'"));

    [Fact]
    public Task Every_tool_wrapped_with_the_input_in_a_loop_is_reported() => VerifyAsync(ToolSet("""
            public List<AITool> GetTools(CitationCollector citations)
            {
                var wrapped = new List<AITool>();
                foreach (var tool in _tools)
                {
                    wrapped.Add(new CitedTool(tool, citations));
                }

                return wrapped;
            }
        """),
        Unbounded(0, ServerList + ", through 'toolSet.GetTools()'"));

    // The correct code beside it: the input decides which tools are offered (a real filter), or the list is capped.
    [Fact]
    public Task An_input_read_in_a_where_filters_and_is_not_followed() => VerifyAsync(ToolSet("""
            public IList<AITool> GetTools(CitationCollector citations) =>
                [.. _tools.Where(t => citations.Wants(t.Name)).Select(t => new CitedTool(t, citations))];
        """));

    [Fact]
    public Task An_input_read_in_an_if_of_the_loop_filters_and_is_not_followed() => VerifyAsync(ToolSet("""
            public List<AITool> GetTools(CitationCollector citations)
            {
                var wrapped = new List<AITool>();
                foreach (var tool in _tools)
                {
                    if (citations.Wants(tool.Name))
                    {
                        wrapped.Add(new CitedTool(tool, citations));
                    }
                }

                return wrapped;
            }
        """));

    [Fact]
    public Task Wrapped_tools_capped_within_the_limit_are_not_reported() => VerifyAsync(ToolSet("""
            public IList<AITool> GetTools(CitationCollector citations) =>
                [.. _tools.Take(10).Select(t => new CitedTool(t, citations))];
        """));

    // The input handed to something that is not a tool (a filter object) may choose tools: not followed.
    [Fact]
    public Task An_input_handed_to_a_non_tool_object_is_not_followed() => VerifyAsync(ToolSet("""
            public IList<AITool> GetTools(CitationCollector citations)
            {
                var picked = new HashSet<string>(citations.Seen);
                return [.. _tools.Where(t => !picked.Contains(t.Name)).Select(t => new CitedTool(t, citations))];
            }
        """));

    // A fixed catalog wrapped per tool is now counted through the call (AIL0201), as a no-input builder's is.
    [Fact]
    public Task A_fixed_catalog_wrapped_per_tool_is_counted_through_the_call()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + $$"""
                public sealed class LocalToolSet
                {
                    private readonly AIFunction[] _functions = [{{ToolTestCode.Functions(22)}}];

                    public IList<AITool> GetTools(CitationCollector citations) => [.. _functions.Select(f => new CitedTool(f, citations))];
                }

                public sealed class Assistant(IChatClient chat, LocalToolSet toolSet)
                {
                    public async Task<string> AskAsync(string question, CancellationToken ct)
                    {
                        var options = new ChatOptions { Tools = {|#0:[.. toolSet.GetTools(new CitationCollector())]|} };
                        return (await chat.GetResponseAsync(question, options, ct)).Text;
                    }
                }
                """ + Wrapper,
            MarkupDiagnosticId = "AIL0201",
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("22", 20, ""));
        return test.RunAsync();
    }

    // A conversion helper given the collector besides the tools keeps every tool it is given.
    [Fact]
    public Task A_conversion_helper_that_wraps_each_tool_with_the_input_is_followed() => VerifyAsync("""
        public static class CitationExtensions
        {
            public static IList<AITool> WithCitations(this IEnumerable<McpClientTool> tools, CitationCollector citations) =>
                [.. tools.Select(t => new CitedTool(t, citations))];

            public static IList<AITool> WithWantedCitations(this IEnumerable<McpClientTool> tools, CitationCollector citations) =>
                [.. tools.Where(t => citations.Wants(t.Name)).Select(t => new CitedTool(t, citations))];
        }

        public sealed class Assistant(IChatClient chat, McpClient client)
        {
            public async Task<string> AskAsync(string question, CancellationToken ct)
            {
                var citations = new CitationCollector();
                var options = new ChatOptions { Tools = [.. {|#0:(await client.ListToolsAsync(cancellationToken: ct)).WithCitations(citations)|}] };
                return (await chat.GetResponseAsync(question, options, ct)).Text;
            }

            public async Task<string> AskWantedAsync(string question, CancellationToken ct)
            {
                var citations = new CitationCollector();
                var options = new ChatOptions { Tools = [.. (await client.ListToolsAsync(cancellationToken: ct)).WithWantedCitations(citations)] };
                return (await chat.GetResponseAsync(question, options, ct)).Text;
            }
        }
        """,
        Unbounded(0, ServerList));

    [Theory]
    [InlineData("public IList<AITool> GetTools(CitationCollector citations) => [.. _tools.Select(t => new CitedTool(t, citations, ))];")]
    [InlineData("public IList<AITool> GetTools(CitationCollector citations) => [.. _tools.Select(t => new Undefined(t, citations))];")]
    [InlineData("public IList<AITool> GetTools(CitationCollector citations) => [.. _tools.Select(t => new CitedTool(t, citatons))];")]
    [InlineData("public IList<AITool> GetTools(CitationCollector citations, ) => [.. _tools.Select(t => new CitedTool(t, citations))];")]
    public Task Half_typed_getters_do_not_crash_or_report(string getTools)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + ToolSet(getTools).Replace("{|#0:", "").Replace("|}]", "]") + Wrapper,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0202",
        };
        return test.RunAsync();
    }
}
