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

    // The neighbours: tools loaded up front still count (DeferLoading = false, or not set), and a deferred flag that is
    // not a constant true is not read as deferred.
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
        {{Tools(12, "core", "")}},
        {{Tools(5, "off", ", DeferLoading = false")}},
        {{Tools(4, "flag", ", DeferLoading = defer")}},
        {{Tools(30, "rare", ", DeferLoading = true")}}
                ]|},
            };
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("22", 20, ""));
}
