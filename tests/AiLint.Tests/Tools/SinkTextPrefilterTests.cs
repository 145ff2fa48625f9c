using AiLint.Analyzers.Rules.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// The per-file text pre-filter that decides which types get per-type actions: it must let through every type whose
/// source names a sink, however the name is spelled, or catalogs would silently go unchecked.
/// </summary>
public class SinkTextPrefilterTests
{
    private static bool MayMentionSink(string source)
    {
        var compilation = CSharpCompilation.Create("T", new[] { CSharpSyntaxTree.ParseText(source) });
        var type = compilation.GetTypeByMetadataName("C")!;
        return new SinkTextPrefilter(new[] { "Tools", "ToolRunner" }, treeCount: 1).MayMentionSink(type, CancellationToken.None);
    }

    [Fact]
    public void A_type_whose_file_names_no_sink_is_skipped() =>
        Assert.False(MayMentionSink("class C { object Tool; object tools; }"));

    [Theory]
    [InlineData("class C { object Tools; }")]
    [InlineData("class C { object @Tools; }")]
    [InlineData("class C { object \\u0054ools; }")]
    [InlineData("class C { object \\U00000054ools; }")]
    public void Every_spelling_of_a_sink_name_lets_the_type_through(string source) =>
        Assert.True(MayMentionSink(source));

    public static TheoryData<int> Paddings()
    {
        // "//" + padding + "\nclass C { object " puts the name at padding + 20: these paddings move it (and the 10-character
        // escape) across the ends of the first and second chunks.
        var data = new TheoryData<int>();
        foreach (var end in new[] { SinkTextPrefilter.ChunkLength, 2 * SinkTextPrefilter.ChunkLength })
        {
            for (var shift = -12; shift <= 1; shift++)
            {
                data.Add(end - 20 + shift);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paddings))]
    public void A_name_straddling_two_read_chunks_is_found(int padding) =>
        Assert.True(MayMentionSink("//" + new string('x', padding) + "\nclass C { object Tools; }"));

    [Theory]
    [MemberData(nameof(Paddings))]
    public void An_escape_straddling_two_read_chunks_is_found(int padding) =>
        Assert.True(MayMentionSink("//" + new string('x', padding) + "\nclass C { object \\u0054ools; }"));

    [Theory]
    [InlineData("\\u0054ools")]
    [InlineData("@Tools")]
    public Task A_catalog_named_through_an_escaped_identifier_is_still_checked(string name)
    {
        var test = new AnalyzerTest
        {
            TestCode = ToolTestCode.Usings + $$"""
                class Assistant
                {
                    ChatOptions Options() => new() { {{name}} = {|#0:[{{ToolTestCode.Functions(21)}}]|} };
                }
                """,
            MarkupDiagnosticId = "AIL0201",
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("21", 20, string.Empty));
        return test.RunAsync();
    }

    // The agent sinks have no "Tools" property in sight: the file must be let through by the factory's or the
    // agent type's own name (AsAIAgent, ChatClientAgent), or the injected tool list would go unchecked.
    [Theory]
    [InlineData("chatClient.AsAIAgent(\"You help.\", tools: {|#0:injected|})")]
    [InlineData("new Microsoft.Agents.AI.ChatClientAgent(chatClient, \"You help.\", tools: {|#0:injected|})")]
    public Task An_agent_given_its_tools_without_a_Tools_property_is_still_checked(string creation)
    {
        var test = new AnalyzerTest
        {
            TestCode = ToolTestCode.Usings + $$"""
                class Assistant(IChatClient chatClient, IList<AITool> injected)
                {
                    Microsoft.Agents.AI.AIAgent Create() => {{creation}};
                }
                """,
            MarkupDiagnosticId = "AIL0202",
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AIL0202").WithLocation(0).WithArguments("the injected tool collection 'injected'", 20));
        return test.RunAsync();
    }
}
