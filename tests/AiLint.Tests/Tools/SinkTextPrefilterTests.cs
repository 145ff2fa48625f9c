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
    private static readonly string[] Names = { "Tools", "ToolRunner" };

    /// <summary>
    /// The answer of both forms, which must agree: the table of the compilation's trees made in one pass (the analyzer's)
    /// and the scan of each tree asked about (the project-wide call search's).
    /// </summary>
    private static bool MayMentionSink(string source)
    {
        var compilation = CSharpCompilation.Create("T", new[] { CSharpSyntaxTree.ParseText(source) });
        var type = compilation.GetTypeByMetadataName("C")!;
        var fromTable = new SinkTextPrefilter(Names, compilation.SyntaxTrees).MayMentionSink(type, CancellationToken.None);
        var scanned = new SinkTextPrefilter(Names).MayMentionSink(type, CancellationToken.None);
        Assert.Equal(fromTable, scanned);
        return fromTable;
    }

    [Fact]
    public void A_type_whose_file_names_no_sink_is_skipped() =>
        Assert.False(MayMentionSink("class C { object Tool; object tools; }"));

    // Whole words: an identifier that only contains a sink name is another identifier (its twin spelling the name
    // alone is let through, above and below).
    [Fact]
    public void A_longer_identifier_containing_a_sink_name_is_no_mention() =>
        Assert.False(MayMentionSink("class C { object ToolsCount; object MyToolRunner; }"));

    [Fact]
    public void A_tree_outside_the_table_is_scanned_when_asked()
    {
        var prefilter = new SinkTextPrefilter(Names, Array.Empty<SyntaxTree>());
        Assert.True(prefilter.MayMentionSink(CSharpSyntaxTree.ParseText("class C { object Tools; }"), CancellationToken.None));
        Assert.False(prefilter.MayMentionSink(CSharpSyntaxTree.ParseText("class C { object Tool; }"), CancellationToken.None));
    }

    [Theory]
    [InlineData("class C { object Tools; }")]
    [InlineData("class C { object @Tools; }")]
    [InlineData("class C { object \\u0054ools; }")]
    [InlineData("class C { object \\U00000054ools; }")]
    [InlineData("class C { object To\u00ADols; }")] // a soft hyphen (a formatting character) inside the identifier, which drops it
    public void Every_spelling_of_a_sink_name_lets_the_type_through(string source) =>
        Assert.True(MayMentionSink(source));

    public static TheoryData<int> Paddings()
    {
        // "//" + padding + "\nclass C { object " puts the name at padding + 20: these paddings move it (and the 10-character
        // escape) across the ends of the first and second chunks the scan reads.
        var data = new TheoryData<int>();
        foreach (var end in new[] { AiLint.Analyzers.Gating.IdentifierScan.ChunkLength, 2 * AiLint.Analyzers.Gating.IdentifierScan.ChunkLength })
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
    [InlineData("To\u00ADols")] // a soft hyphen inside the identifier: the property is still Tools, though the text holds no "Tools"
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

    // The correct twin of the test above: the same spellings with a catalog at the cap report nothing.
    [Theory]
    [InlineData("\\u0054ools")]
    [InlineData("@Tools")]
    [InlineData("To\u00ADols")]
    public Task A_catalog_at_the_cap_named_through_an_escaped_identifier_is_not_reported(string name)
    {
        var test = new AnalyzerTest
        {
            TestCode = ToolTestCode.Usings + $$"""
                class Assistant
                {
                    ChatOptions Options() => new() { {{name}} = [{{ToolTestCode.Functions(20)}}] };
                }
                """,
        };
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
