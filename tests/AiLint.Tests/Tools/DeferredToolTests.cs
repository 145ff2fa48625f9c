using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Anthropic's tool search: a tool declared <c>DeferLoading = true</c> is not loaded into the model's context until a
/// tool search finds it, which is the fix AIL0201's page recommends for a large catalog. Such tools are not counted
/// against the cap; tools loaded up front are.
/// </summary>
public class DeferredToolTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0201" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Tools(int count, string prefix, string extra) =>
        string.Join(",\n", Enumerable.Range(1, count).Select(i => $"            new Tool {{ Name = \"{prefix}{i}\", InputSchema = new InputSchema(){extra} }}"));

    // The documented shape: a search tool, a few tools loaded up front, many deferred ones.
    [Fact]
    public Task Deferred_tools_behind_a_tool_search_are_not_counted() => VerifyAsync($$"""
        using Anthropic.Models.Messages;

        class Assistant
        {
            MessageCreateParams Params() => new()
            {
                MaxTokens = 1024,
                Model = Model.ClaudeHaiku4_5,
                Messages = [new MessageParam(new UserMessageParam { Content = "hi" })],
                Tools = [
                    new ToolSearchToolBm25_20251119(ToolSearchToolBm25_20251119Type.ToolSearchToolBm25),
        {{Tools(3, "core", "")}},
        {{Tools(40, "rare", ", DeferLoading = true")}}
                ],
            };

            List<ToolUnion> Added()
            {
                var tools = new List<ToolUnion> { new ToolSearchToolBm25_20251119(ToolSearchToolBm25_20251119Type.ToolSearchToolBm25) };
                tools.Add(new Tool { Name = "a", InputSchema = new InputSchema() });
        {{string.Concat(Enumerable.Range(1, 25).Select(i => $"        tools.Add(new Tool {{ Name = \"d{i}\", InputSchema = new InputSchema(), DeferLoading = true }});\n"))}}
                return tools;
            }

            MessageCreateParams FromAdded() => new()
            {
                MaxTokens = 1024,
                Model = Model.ClaudeHaiku4_5,
                Messages = [],
                Tools = Added(),
            };
        }
        """);

    // The neighbours: tools loaded up front still count (DeferLoading = false, or not set). A flag computed at run time
    // may defer its tool, so it adds nothing sure: the total is a lower bound ("at least").
    [Fact]
    public Task Tools_loaded_up_front_are_counted() => VerifyAsync($$"""
        using Anthropic.Models.Messages;

        class Assistant(bool defer)
        {
            MessageCreateParams Params() => new()
            {
                MaxTokens = 1024,
                Model = Model.ClaudeHaiku4_5,
                Messages = [],
                Tools = {|#0:[
                    new ToolSearchToolBm25_20251119(ToolSearchToolBm25_20251119Type.ToolSearchToolBm25),
        {{Tools(15, "core", "")}},
        {{Tools(5, "off", ", DeferLoading = false")}},
        {{Tools(4, "flag", ", DeferLoading = defer")}},
        {{Tools(30, "rare", ", DeferLoading = true")}}
                ]|},
            };
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("at least 21", 20, ""));

    private static readonly string ThirtyNames = string.Join(", ", Enumerable.Range(1, 30).Select(i => "\"tool" + i + "\""));

    // "Defer by default": every tool of a registry deferred except a few always-loaded ones, the flag computed per tool.
    // The tools loaded for sure (the search tool and the two written out) are within the cap: not reported.
    [Fact]
    public Task Computed_defer_flags_in_a_defer_by_default_catalog_are_not_counted_as_loaded() => VerifyAsync($$"""
        using Anthropic.Models.Messages;

        class Assistant
        {
            static readonly string[] AlwaysLoaded = ["search_orders", "get_order"];
            static readonly string[] Names = [{{ThirtyNames}}];

            MessageCreateParams Params()
            {
                var tools = new List<ToolUnion>
                {
                    new ToolSearchToolBm25_20251119(ToolSearchToolBm25_20251119Type.ToolSearchToolBm25),
                    new Tool { Name = "search_orders", InputSchema = new InputSchema() },
                    new Tool { Name = "get_order", InputSchema = new InputSchema() },
                };
                foreach (var name in Names)
                {
                    tools.Add(new Tool { Name = name, InputSchema = new InputSchema(), DeferLoading = !AlwaysLoaded.Contains(name) });
                }

                return new()
                {
                    MaxTokens = 1024,
                    Model = Model.ClaudeHaiku4_5,
                    Messages = [],
                    Tools = tools,
                };
            }
        }
        """);

    // Deferred tools made one per element of a list (a loop of Adds, or an iterator) load nothing up front; the twin
    // that does not defer them is counted.
    [Fact]
    public Task Deferred_tools_made_in_a_loop_are_not_counted() => VerifyAsync($$"""
        using Anthropic.Models.Messages;

        static class Registry
        {
            public static readonly string[] Names = [{{ThirtyNames}}];

            public static IEnumerable<ToolUnion> Deferred()
            {
                foreach (var name in Names)
                {
                    yield return new Tool { Name = name, InputSchema = new InputSchema(), DeferLoading = true };
                }
            }

            public static IEnumerable<ToolUnion> Loaded()
            {
                foreach (var name in Names)
                {
                    yield return new Tool { Name = name, InputSchema = new InputSchema() };
                }
            }
        }

        class Assistant
        {
            static readonly string[] Names = [{{ThirtyNames}}];

            MessageCreateParams Added()
            {
                var tools = new List<ToolUnion> { new ToolSearchToolBm25_20251119(ToolSearchToolBm25_20251119Type.ToolSearchToolBm25) };
                foreach (var name in Names)
                {
                    tools.Add(new Tool { Name = name, InputSchema = new InputSchema(), DeferLoading = true });
                }

                return new() { MaxTokens = 1024, Model = Model.ClaudeHaiku4_5, Messages = [], Tools = tools };
            }

            MessageCreateParams Yielded() => new() { MaxTokens = 1024, Model = Model.ClaudeHaiku4_5, Messages = [], Tools = [.. Registry.Deferred()] };

            MessageCreateParams NotDeferred()
            {
                var tools = {|#0:new List<ToolUnion>()|};
                foreach (var name in Names)
                {
                    tools.Add(new Tool { Name = name, InputSchema = new InputSchema() });
                }

                return new() { MaxTokens = 1024, Model = Model.ClaudeHaiku4_5, Messages = [], Tools = tools };
            }

            MessageCreateParams YieldedLoaded() => new() { MaxTokens = 1024, Model = Model.ClaudeHaiku4_5, Messages = [], Tools = {|#1:[.. Registry.Loaded()]|} };
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("30", 20, ""),
        Verify.Diagnostic("AIL0201").WithLocation(1).WithArguments("30", 20, ""));

    private const string BetaMcpUsings = """
        using Anthropic;
        using Anthropic.Helpers.Beta;
        using Anthropic.Helpers.Beta.Mcp;
        using Anthropic.Models.Beta.Messages;

        """;

    private static DiagnosticResult Unbounded(int location, string source) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments(source, 20);

    // Anthropic.Mcp 1.0.0 (reviewer 14): `deferLoading: true` makes every converted MCP tool a deferred tool, the same
    // `DeferLoading = true` the GA loop below sets by hand. With the tool-search tool in the request the model loads none
    // of them up front: the fix AIL0202 recommends, so neither the listing helper nor the conversion helpers report.
    [Fact]
    public Task Anthropic_mcp_tools_converted_with_deferLoading_true_are_not_counted() => VerifyAsync(BetaMcpUsings + """
        class Runner(AnthropicClient client, McpClient mcp)
        {
            static MessageCreateParams Params() => new()
            {
                Model = "claude-sonnet-4-6",
                MaxTokens = 4096,
                Messages = [new BetaUserMessageParam { Content = "Find the open incidents" }],
                Tools = [new BetaToolSearchToolBm25_20251119 { Type = BetaToolSearchToolBm25_20251119Type.ToolSearchToolBm25 }],
            };

            async Task Listed(CancellationToken ct)
            {
                var tools = await BetaMcp.ListToolsAsync(mcp, deferLoading: true, cancellationToken: ct);
                await foreach (var _ in client.Beta.Messages.ToolRunner(Params(), tools).WithCancellation(ct)) { }
            }

            async Task Converted(CancellationToken ct)
            {
                var listed = await mcp.ListToolsAsync(cancellationToken: ct);
                await foreach (var _ in client.Beta.Messages.ToolRunner(Params(), BetaMcp.Tools(listed, deferLoading: true)).WithCancellation(ct)) { }
            }

            async Task<BetaToolRunner> OneByOne(CancellationToken ct)
            {
                var tools = new List<IBetaRunnableTool>();
                foreach (var t in await mcp.ListToolsAsync(cancellationToken: ct))
                {
                    tools.Add(BetaMcp.Tool(t, deferLoading: true));
                }

                return client.Beta.Messages.ToolRunner(Params(), tools);
            }

            async Task<BetaToolRunner> EveryServer(IReadOnlyList<McpClient> servers, CancellationToken ct)
            {
                var tools = new List<IBetaRunnableTool>();
                foreach (var server in servers)
                {
                    tools.AddRange(await BetaMcp.ListToolsAsync(server, deferLoading: true, cancellationToken: ct));
                }

                return client.Beta.Messages.ToolRunner(Params(), tools);
            }
        }
        """);

    // The twins that load every tool up front stay reported: `deferLoading: false`, no flag, a flag computed at run time
    // (it may load the whole server, as `DeferLoading = flag` in a loop over an MCP list does), and the one-by-one
    // conversion without the flag.
    [Fact]
    public Task Anthropic_mcp_tools_loaded_up_front_are_still_reported() => VerifyAsync(BetaMcpUsings + """
        class Runner(AnthropicClient client, McpClient mcp, bool useToolSearch)
        {
            async Task<BetaToolRunner> NotDeferred(MessageCreateParams parameters) =>
                client.Beta.Messages.ToolRunner(parameters, {|#0:await BetaMcp.ListToolsAsync(mcp, deferLoading: false)|});

            async Task<BetaToolRunner> Computed(MessageCreateParams parameters) =>
                client.Beta.Messages.ToolRunner(parameters, {|#1:await BetaMcp.ListToolsAsync(mcp, deferLoading: useToolSearch)|});

            async Task<BetaToolRunner> ConvertedNotDeferred(MessageCreateParams parameters) =>
                client.Beta.Messages.ToolRunner(parameters, {|#2:BetaMcp.Tools(await mcp.ListToolsAsync(), strict: true)|});

            async Task<BetaToolRunner> OneByOne(MessageCreateParams parameters)
            {
                var tools = new List<IBetaRunnableTool>();
                foreach (var t in {|#3:await mcp.ListToolsAsync()|})
                {
                    tools.Add(BetaMcp.Tool(t));
                }

                return client.Beta.Messages.ToolRunner(parameters, tools);
            }

            async Task<BetaToolRunner> EveryServer(MessageCreateParams parameters, IReadOnlyList<McpClient> servers)
            {
                var tools = new List<IBetaRunnableTool>();
                foreach (var server in servers)
                {
                    tools.AddRange({|#4:await BetaMcp.ListToolsAsync(server)|});
                }

                return client.Beta.Messages.ToolRunner(parameters, tools);
            }
        }
        """,
        Unbounded(0, "'BetaMcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(1, "'BetaMcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(2, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(3, "'mcp.ListToolsAsync()' (an MCP server's whole tool list)"),
        Unbounded(4, "'BetaMcp.ListToolsAsync()' (an MCP server's whole tool list)"));
}
