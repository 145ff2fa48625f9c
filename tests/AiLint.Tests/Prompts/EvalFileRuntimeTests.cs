using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>The runtime API eval runners use: AiLint.EvalFile, AiLint.EvalCase, AiLint.PromptHash.</summary>
public class EvalFileRuntimeTests
{
    private const string Prompt = "You are the Contoso support assistant. Never share secrets.";

    [Fact]
    public void PromptHash_is_lowercase_hex_sha256_of_utf8_and_matches_the_analyzer()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", AiLint.PromptHash.Compute(string.Empty));
        Assert.Equal(Sha256("é🙂"), AiLint.PromptHash.Compute("é🙂"));
        Assert.Equal(PromptHash.Compute(Prompt), AiLint.PromptHash.Compute(Prompt));
    }

    [Fact]
    public void Parse_reads_cases_and_reports_malformed_lines_like_the_analyzer()
    {
        var file = AiLint.EvalFile.Parse(
            "// comment\n\n"
            + """{"prompt":"p","id":"a","input":{"q":"hi"},"expect":"hello","rule":"Never share","promptSha256":"ab"}""" + "\n"
            + """{"prompt":"p","id":"b","input":"hi","expect":"","status":"todo"}""" + "\n"
            + "not json\n"
            + """{"prompt":"p"}""" + "\n"
            + """{"prompt":"p","id":"a","input":1,"expect":2}""");

        Assert.Equal(new[] { "a", "b" }, file.Cases.Select(c => c.Id));
        var a = file.Cases[0];
        Assert.Equal(3, a.LineNumber);
        Assert.Equal("hi", a.Input!.Value.GetProperty("q").GetString());
        Assert.Equal("Never share", a.Rule);
        Assert.Equal("ab", a.PromptSha256);
        Assert.True(a.IsCovering);
        Assert.True(file.Cases[1].IsTodo);
        Assert.False(file.Cases[1].IsCovering);
        Assert.Equal(new[] { 5, 6, 7 }, file.Errors.Select(e => e.LineNumber));
        Assert.Equal(2, file.GetCases("p").Count());
        Assert.Empty(file.GetCases("q"));
    }

    [Fact]
    public void RecordPass_adds_the_hash_and_keeps_everything_else_byte_for_byte()
    {
        var text = "\uFEFF// Support cases\r\n"
            + """{ "prompt" : "p", "id":"a", "input": {"x":[1, 2]}, "expect":"caf\u00e9 é" }""" + "\r\n"
            + """{"prompt":"p","id":"b","input":"x","expect":"y"}""" + "\n"
            + "broken line";
        var file = AiLint.EvalFile.Parse(text);

        Assert.True(file.RecordPass("p", "a", Prompt));

        var hash = Sha256(Prompt);
        var expected = "\uFEFF// Support cases\r\n"
            + """{ "prompt" : "p", "id":"a", "input": {"x":[1, 2]}, "expect":"caf\u00e9 é" ,"promptSha256":"HASH"}""".Replace("HASH", hash) + "\r\n"
            + """{"prompt":"p","id":"b","input":"x","expect":"y"}""" + "\n"
            + "broken line";
        Assert.Equal(expected, file.Text);
        Assert.True(file.GetCases("p").Single(c => c.Id == "a").PassedAgainst(Prompt));
        Assert.True(AiLint.EvalFile.Parse(file.Text).Cases[0].PassedAgainst(Prompt));
    }

    [Fact]
    public void RecordPass_replaces_an_existing_hash_of_any_json_type()
    {
        var file = AiLint.EvalFile.Parse("""{"prompt":"p","id":"a","promptSha256":"old","input":"x","expect":{"n":null}}""" + "\n"
            + """{"prompt":"p","id":"b","promptSha256":{"nested":["old"]},"input":"x","expect":"y"}""");

        Assert.True(file.RecordPass("p", "a", Prompt));
        Assert.True(file.RecordPass("p", "b", Prompt));

        var hash = Sha256(Prompt);
        Assert.Equal(
            """{"prompt":"p","id":"a","promptSha256":"HASH","input":"x","expect":{"n":null}}""".Replace("HASH", hash) + "\n"
            + """{"prompt":"p","id":"b","promptSha256":"HASH","input":"x","expect":"y"}""".Replace("HASH", hash),
            file.Text);
    }

    [Fact]
    public void RecordPass_of_an_unknown_case_changes_nothing()
    {
        const string text = """{"prompt":"p","id":"a","input":"x","expect":"y"}""";
        var file = AiLint.EvalFile.Parse(text);
        Assert.False(file.RecordPass("p", "missing", Prompt));
        Assert.False(file.RecordPass("other", "a", Prompt));
        Assert.Equal(text, file.Text);
    }

    [Fact]
    public void Load_and_Save_round_trip_through_the_file_system()
    {
        var directory = Directory.CreateTempSubdirectory("ailint-evals-");
        try
        {
            var path = Path.Combine(directory.FullName, "nested", "Support.evals.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, """{"prompt":"p","id":"a","input":"x","expect":"y"}""" + "\n");
            File.WriteAllText(Path.Combine(directory.FullName, "notes.jsonl"), "ignored");

            var file = Assert.Single(AiLint.EvalFile.LoadAll(directory.FullName));
            Assert.Equal(path, file.Path);
            Assert.True(file.RecordPass("p", "a", Prompt));
            file.Save();

            Assert.Equal(Sha256(Prompt), AiLint.EvalFile.Load(path).Cases[0].PromptSha256);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Recording_a_pass_clears_AIL0302()
    {
        var code = $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string {|#0:Support|} = "{{Prompt}}";
            }
            """;
        var file = AiLint.EvalFile.Parse(Case("Shop.Prompts.Support", "a", rule: "Never share secrets", sha: Sha256("an older prompt")));

        var stale = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code };
        stale.AdditionalFiles.Add(("evals/p.evals.jsonl", file.Text));
        stale.ExpectedDiagnostics.Add(Diagnostic("AIL0302").WithLocation(0));
        await stale.RunAsync();

        Assert.True(file.RecordPass("Shop.Prompts.Support", "a", Prompt));
        var fresh = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code.Replace("{|#0:Support|}", "Support") };
        fresh.AdditionalFiles.Add(("evals/p.evals.jsonl", file.Text));
        await fresh.RunAsync();
    }
}
