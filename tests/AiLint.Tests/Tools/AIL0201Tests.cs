using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>AIL0201: a tool catalog holds more tools than <c>ailint.max_tools</c>.</summary>
public class AIL0201Tests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyWithConfigAsync(code, null, expected);

    private static Task VerifyWithConfigAsync(string code, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0201" };
        if (editorConfig != null)
        {
            test.AddEditorConfig(editorConfig);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count, int cap = 20, string limit = "") =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, cap, limit);

    private static string Functions(int count) => ToolTestCode.Functions(count);

    [Fact]
    public Task Collection_expression_over_the_default_cap() => VerifyAsync($$"""
        class Assistant
        {
            ChatOptions Options() => new() { Tools = {|#0:[{{Functions(21)}}]|} };
        }
        """,
        OverCap(0, "21"));

    [Fact]
    public Task Collection_expression_at_the_cap_is_fine() => VerifyAsync($$"""
        class Assistant
        {
            ChatOptions Options() => new() { Tools = [{{Functions(20)}}] };
        }
        """);

    [Fact]
    public Task Editorconfig_cap_is_used() => VerifyWithConfigAsync($$"""
        class Assistant
        {
            ChatOptions Six() => new() { Tools = {|#0:[{{Functions(6)}}]|} };
            ChatOptions Five() => new() { Tools = [{{Functions(5)}}] };
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "6", cap: 5));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public Task Invalid_editorconfig_cap_falls_back_to_the_default(string value) => VerifyWithConfigAsync($$"""
        class Assistant
        {
            ChatOptions Options() => new() { Tools = [{{Functions(20)}}] };
        }
        """,
        "ailint.max_tools = " + value);

    [Fact]
    public Task Spread_of_a_static_readonly_array_plus_more() => VerifyWithConfigAsync($$"""
        class Assistant
        {
            private static readonly AITool[] Orders = [{{Functions(4)}}];
            private static readonly List<AITool> Billing = new() { {{Functions(2)}} };

            ChatOptions Options() => new() { Tools = {|#0:[.. Orders, .. Billing, AIFunctionFactory.Create(() => 0, "extra")]|} };
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "7", cap: 5));

    [Fact]
    public Task List_built_with_Add_calls_is_reported_at_its_construction() => VerifyWithConfigAsync("""
        class Assistant
        {
            ChatOptions Options()
            {
                var tools = {|#0:new List<AITool>()|};
                tools.Add(AIFunctionFactory.Create(() => 1, "a"));
                tools.Add(AIFunctionFactory.Create(() => 2, "b"));
                tools.AddRange([AIFunctionFactory.Create(() => 3, "c"), AIFunctionFactory.Create(() => 4, "d")]);
                tools.Insert(0, AIFunctionFactory.Create(() => 5, "e"));
                tools.Add(AIFunctionFactory.Create(() => 6, "f"));
                return new ChatOptions { Tools = tools };
            }
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "6", cap: 5));

    [Fact]
    public Task Adds_on_the_Tools_property_count() => VerifyWithConfigAsync("""
        class Assistant
        {
            ChatOptions Options()
            {
                var options = new ChatOptions { Tools = {|#0:[AIFunctionFactory.Create(() => 1, "a"), AIFunctionFactory.Create(() => 2, "b")]|} };
                options.Tools.Add(AIFunctionFactory.Create(() => 3, "c"));
                options.Tools.Add(AIFunctionFactory.Create(() => 4, "d"));
                options.Tools.Add(AIFunctionFactory.Create(() => 5, "e"));
                options.Tools.Add(AIFunctionFactory.Create(() => 6, "f"));
                return options;
            }
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "6", cap: 5));

    [Fact]
    public Task Conditional_adds_count_as_the_worst_case() => VerifyWithConfigAsync($$"""
        class Assistant
        {
            private static readonly AITool[] BetaTools = [{{Functions(3)}}];

            ChatOptions Options(bool betaEnabled)
            {
                var tools = {|#0:new List<AITool> { {{Functions(3)}} }|};
                if (betaEnabled)
                {
                    tools.AddRange(BetaTools);
                }

                return new ChatOptions { Tools = tools };
            }
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "up to 6", cap: 5));

    [Fact]
    public Task Removing_tools_makes_the_count_unknown() => VerifyWithConfigAsync($$"""
        class Assistant
        {
            ChatOptions Options(string name)
            {
                var tools = new List<AITool> { {{Functions(6)}} };
                tools.RemoveAll(t => t.Name != name);
                return new ChatOptions { Tools = tools };
            }
        }
        """,
        "ailint.max_tools = 5");

    [Fact]
    public Task Adds_in_a_loop_or_filtered_are_not_counted() => VerifyWithConfigAsync($$"""
        class Assistant
        {
            private static readonly AITool[] All = [{{Functions(6)}}];

            ChatOptions Looped(IEnumerable<string> names)
            {
                var tools = new List<AITool>();
                foreach (var name in names)
                {
                    tools.Add(AIFunctionFactory.Create(() => name, name));
                }

                return new ChatOptions { Tools = tools };
            }

            ChatOptions Filtered(string question) => new() { Tools = [.. All.Where(t => question.Contains(t.Name))] };
            ChatOptions Taken() => new() { Tools = [.. All.Take(5)] };
        }
        """,
        "ailint.max_tools = 5");

    [Fact]
    public Task Shared_catalog_field_is_reported_once() => VerifyWithConfigAsync($$"""
        class Assistant
        {
            private static readonly IList<AITool> Catalog = {|#0:[{{Functions(6)}}]|};

            ChatOptions First() => new() { Tools = Catalog };
            ChatOptions Second() => new() { Tools = Catalog };
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "6", cap: 5));

    [Fact]
    public Task Unknown_parts_give_a_lower_bound() => VerifyWithConfigAsync($$"""
        class Assistant
        {
            ChatOptions Options(IList<AITool> extra) => new() { Tools = {|#0:[.. extra, {{Functions(6)}}]|} };
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "at least 6", cap: 5));

    // The harness does not reference System.Memory.Data (BinaryData), so OpenAI tools come in as parameters here.
    [Fact]
    public Task OpenAI_collection_initializer_on_the_get_only_property() => VerifyWithConfigAsync("""
        using OpenAI.Chat;

        class Assistant(ChatTool a, ChatTool b, ChatTool c, ChatTool d, ChatTool e, ChatTool f)
        {
            ChatCompletionOptions Options() => new()
            {
                {|#0:Tools = { a, b, c, d, e, f }|},
            };
        }
        """,
        "ailint.max_tools = 5",
        OverCap(0, "6", cap: 5));

    [Fact]
    public Task OpenAI_hard_limit_is_mentioned_past_128_tools()
    {
        var adds = string.Join("\n", Enumerable.Range(0, 130).Select(i => $"        options.Tools.Add(all[{i}]);"));
        return VerifyAsync($$"""
            using OpenAI.Chat;

            class Assistant
            {
                ChatCompletionOptions Options(ChatTool[] all)
                {
                    var options = {|#0:new ChatCompletionOptions()|};
            {{adds}}
                    return options;
                }
            }
            """,
            OverCap(0, "130", limit: "; OpenAI rejects more than 128 tools in one request"));
    }

    [Fact]
    public Task OpenAI_responses_tools_added_one_by_one() => VerifyWithConfigAsync("""
        using OpenAI.Responses;

        class Assistant(ResponseTool a, ResponseTool b, ResponseTool c)
        {
            CreateResponseOptions Options()
            {
                var options = {|#0:new CreateResponseOptions()|};
                options.Tools.Add(a);
                options.Tools.Add(b);
                options.Tools.Add(c);
                return options;
            }
        }
        """,
        "ailint.max_tools = 2",
        OverCap(0, "3", cap: 2));

    [Fact]
    public Task Anthropic_strict_tools_over_the_provider_limit()
    {
        var tools = string.Join(",\n", Enumerable.Range(1, 21).Select(i => $"            new Tool {{ Name = \"t{i}\", InputSchema = new InputSchema(), Strict = true }}"));
        return VerifyAsync($$"""
            using Anthropic.Models.Messages;

            class Assistant
            {
                MessageCreateParams Params() => new()
                {
                    MaxTokens = 1024,
                    Model = Model.ClaudeHaiku4_5,
                    Messages = [new MessageParam(new UserMessageParam { Content = "hi" })],
                    Tools = {|#0:[
            {{tools}}
                    ]|},
                };
            }
            """,
            OverCap(0, "21", limit: "; 21 are strict, and Anthropic accepts at most 20 strict tools per request"));
    }

    [Fact]
    public Task Anthropic_beta_tool_runner_list() => VerifyWithConfigAsync("""
        using Anthropic;
        using Anthropic.Helpers.Beta;
        using Anthropic.Models.Beta.Messages;

        class Assistant(AnthropicClient client, IBetaRunnableTool a, IBetaRunnableTool b, IBetaRunnableTool c)
        {
            BetaToolRunner Run(MessageCreateParams parameters) => client.Beta.Messages.ToolRunner(parameters, {|#0:[a, b, c]|});
        }
        """,
        "ailint.max_tools = 2",
        OverCap(0, "3", cap: 2));

    [Fact]
    public Task Top_level_statements_are_analysed()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + $$"""
                var options = new ChatOptions { Tools = {|#0:[{{Functions(3)}}]|} };
                Console.WriteLine(options.Tools.Count);
                """,
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            MarkupDiagnosticId = "AIL0201",
        };
        test.AddEditorConfig("ailint.max_tools = 2");
        test.ExpectedDiagnostics.Add(OverCap(0, "3", cap: 2));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("options.Tools = [AIFunctionFactory.Create(() => 1, \"a\"), AIFunctionFactory.Create(")]
    [InlineData("var t = new List<AITool>(); t.Add(); t.Add(undefined); options.Tools = t;")]
    [InlineData("options.Tools = [.. Missing.Tools, ")]
    [InlineData("options.Tools.AddRange(")]
    public async Task Half_typed_code_does_not_crash(string statement)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + "class C { void M(ChatOptions options) { " + statement + " }",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        try
        {
            await test.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // Only "no analyzer exception" is asserted for code this broken.
        }
    }

    [Fact]
    public Task Half_typed_catalog_still_counts_what_binds()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                class C
                {
                    void M(ChatOptions options)
                    {
                        options.Tools = {|#0:[AIFunctionFactory.Create(() => 1, "a"), AIFunctionFactory.Create(() => 2, "b"), AIFunctionFactory.Create(() => 3, "c"), Undefined]|};
                    }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0201",
        };
        test.AddEditorConfig("ailint.max_tools = 2");
        test.ExpectedDiagnostics.Add(OverCap(0, "4", cap: 2));
        return test.RunAsync();
    }
}
