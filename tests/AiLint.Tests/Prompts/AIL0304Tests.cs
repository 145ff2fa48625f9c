using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>AIL0304: malformed eval-case lines, at their file and line; the rest of the file still counts.</summary>
public class AIL0304Tests
{
    private const string Code = """
        using AiLint;
        namespace Shop;
        public static class Prompts
        {
            [Prompt] public const string Support = "You are the Contoso support assistant.";
        }
        """;

    private const string Path = "evals/p.evals.jsonl";

    private static Task VerifyFileAsync(string content, string message, int line) =>
        VerifyAsync(
            Code,
            new[] { (Path, Case("Shop.Prompts.Support", "good") + "\n" + content) },
            Diagnostic("AIL0304").WithLocation(Path, line).WithArguments(message));

    [Fact]
    public Task Text_that_is_not_json_is_malformed() =>
        VerifyFileAsync("this is not json", "the line is not a JSON object (at column 1)", 2);

    [Fact]
    public Task Json_values_other_than_objects_are_malformed() =>
        VerifyFileAsync("""["prompt","id"]""", "the line is a JSON value but not a JSON object", 2);

    [Fact]
    public Task Missing_prompt_is_malformed() =>
        VerifyFileAsync("""{"id":"c2","input":"a","expect":"b"}""", "the required field \"prompt\" is missing", 2);

    [Fact]
    public Task Missing_id_is_malformed() =>
        VerifyFileAsync("""{"prompt":"Shop.Prompts.Support","input":"a","expect":"b"}""", "the required field \"id\" is missing", 2);

    [Theory]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":7}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":""}""")]
    public Task Id_that_is_not_a_non_empty_string_is_malformed(string line) =>
        VerifyFileAsync(line, "the field \"id\" must be a non-empty string", 2);

    [Fact]
    public Task Truncated_json_is_malformed() =>
        VerifyFileAsync("""{"prompt":"Shop.Prompts.Support","id":"c2","input":{"a":[1,2""", "invalid value for property \"input\" (the line ends too early)", 2);

    // Columns count from the line's first character that is not whitespace (or a byte order mark).
    [Theory]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2""", "invalid value for property \"id\" (at column 39)")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id""", "expected a property name in quotes (at column 34)")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2","input":01}""", "expected ',' or '}' (at column 53)")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2","input":{"a":01}}""", "invalid value for property \"input\" (at column 58)")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c\q"}""", "invalid value for property \"id\" (at column 39)")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2"} trailing""", "unexpected text after the JSON object (at column 45)")]
    public Task Errors_name_the_column_where_the_line_stops_being_valid(string line, string message) =>
        VerifyFileAsync(line, message, 2);

    [Fact]
    public Task A_byte_order_mark_and_crlf_line_ends_do_not_shift_lines_or_columns() =>
        VerifyAsync(
            Code,
            new[] { (Path, "\uFEFF" + """{"prompt":"Shop.Prompts.Support","id":"c2",}""" + "\r\n" + Case("Shop.Prompts.Support", "good") + "\r\n" + """{"prompt":"Shop.Prompts.Support" "id":"c3"}""" + "\r\n") },
            Diagnostic("AIL0304").WithLocation(Path, 1).WithArguments("expected a property name in quotes (at column 44)"),
            Diagnostic("AIL0304").WithLocation(Path, 3).WithArguments("expected ',' or '}' (at column 34)"));

    [Theory]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2"} trailing""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c\q"}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2",}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2","input":01}""")]
    [InlineData("""{"prompt":"Shop.Prompts.Support","id":"c2","input":tru}""")]
    [InlineData("""{'prompt':'Shop.Prompts.Support','id':'c2'}""")]
    public async Task Invalid_json_is_malformed_at_its_line(string line)
    {
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Code };
        test.AdditionalFiles.Add((Path, "// header\n\n" + Case("Shop.Prompts.Support", "good") + "\n" + line + "\n"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0304").WithLocation(Path, 4));
        await test.RunAsync();
    }

    [Fact]
    public Task Duplicate_ids_for_one_prompt_are_malformed_at_the_repeat() =>
        VerifyAsync(
            Code,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Shop.Prompts.Support", "dup")),
                ("evals/b.evals.jsonl", "\n" + Case("Shop.Prompts.Support", "dup") + "\n" + Case("Shop.Prompts.Other", "dup")),
            },
            Diagnostic("AIL0304").WithLocation("evals/b.evals.jsonl", 2)
                .WithArguments("duplicate id \"dup\" for prompt \"Shop.Prompts.Support\" (first used at /0/evals/a.evals.jsonl line 1)"));

    [Fact]
    public Task A_repeat_in_the_same_file_names_the_line_without_the_path() =>
        VerifyAsync(
            Code,
            new[] { (Path, Case("Shop.Prompts.Support", "dup") + "\n" + Case("Shop.Prompts.Support", "dup")) },
            Diagnostic("AIL0304").WithLocation(Path, 2)
                .WithArguments("duplicate id \"dup\" for prompt \"Shop.Prompts.Support\" (first used on line 1)"));

    // A pretty-printed case breaks into lines that are each malformed; each gets the JSON Lines hint.
    [Fact]
    public Task A_pretty_printed_case_gets_the_one_object_per_line_hint_on_each_line() =>
        VerifyAsync(
            Code,
            new[] { (Path, Case("Shop.Prompts.Support", "good") + "\n{\n  \"prompt\": \"Shop.Prompts.Support\",\n  \"id\": \"c2\"\n}\n[\n{ \"prompt\": \"Shop.Prompts.Support\",\n],\n") },
            Diagnostic("AIL0304").WithLocation(Path, 2).WithArguments("expected a property name in quotes (the line ends too early)" + JsonLinesHint),
            Diagnostic("AIL0304").WithLocation(Path, 3).WithArguments("the line is not a JSON object (at column 1)" + JsonLinesHint),
            Diagnostic("AIL0304").WithLocation(Path, 4).WithArguments("the line is not a JSON object (at column 1)" + JsonLinesHint),
            Diagnostic("AIL0304").WithLocation(Path, 5).WithArguments("the line is not a JSON object (at column 1)" + JsonLinesHint),
            Diagnostic("AIL0304").WithLocation(Path, 6).WithArguments("the line is not a JSON object (at column 1)" + JsonLinesHint),
            Diagnostic("AIL0304").WithLocation(Path, 7).WithArguments("expected a property name in quotes (the line ends too early)" + JsonLinesHint),
            Diagnostic("AIL0304").WithLocation(Path, 8).WithArguments("the line is not a JSON object (at column 1)" + JsonLinesHint));

    private const string JsonLinesHint = "; an eval file is JSON Lines: each case is one JSON object on a single line";

    [Fact]
    public Task Blank_lines_comments_escapes_and_nesting_are_well_formed() =>
        VerifyAsync(
            Code,
            (Path, "\uFEFF// Support prompt cases\r\n\r\n   \t\r\n  // indented comment\r\n"
                + """{"prompt":"Shop.Prompts.Support","id":"c\u0031","input":{"q":"a \"quoted\" \\ \/ \b\f\n\r\t é"},"expect":[1,-2.5e+3,0.1,true,false,null,{"deep":[[[]]]}],"tags":["x"]}""" + "\r\n"));

    [Fact]
    public async Task A_malformed_line_does_not_stop_the_other_lines_from_counting()
    {
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Code };
        test.AdditionalFiles.Add((Path, "not json\n" + Case("Shop.Prompts.Support", "good")));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0304").WithLocation(Path, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task Deep_nesting_is_malformed_and_does_not_overflow_the_stack()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Code };
        test.AdditionalFiles.Add((Path, Case("Shop.Prompts.Support", "good") + "\n" + """{"prompt":"Shop.Prompts.Support","id":"x","input":""" + deep + "}"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0304").WithLocation(Path, 2));
        await test.RunAsync();
    }

    [Fact]
    public async Task Malformed_lines_are_reported_even_without_prompts_or_sdks()
    {
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = "public class C { }",
            References = Verifiers.ReferenceAssemblies.FrameworkOnly,
        };
        test.AdditionalFiles.Add((Path, "{oops}"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0304").WithLocation(Path, 1));
        await test.RunAsync();
    }

    [Fact]
    public void The_reported_span_is_the_whole_line()
    {
        var parsed = EvalFileParser.Parse(SourceText.From("// c\r\n  {bad}  \r\n"));
        var line = Assert.Single(parsed.Malformed);
        Assert.Equal(1, line.Line);
        Assert.Equal(TextSpan.FromBounds(6, 15), line.Span);
        Assert.Equal(new LinePositionSpan(new LinePosition(1, 0), new LinePosition(1, 9)), line.LineSpan);
    }

    [Fact]
    public void Parsing_is_cached_by_text_instance()
    {
        var text = SourceText.From(Case("p", "1"));
        Assert.Same(EvalFileParser.ParseCached(text), EvalFileParser.ParseCached(text));
        Assert.NotSame(EvalFileParser.ParseCached(text), EvalFileParser.ParseCached(SourceText.From(Case("p", "1"))));
    }

    [Fact]
    public void Ten_thousand_cases_all_parse()
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("{\"prompt\":\"Shop.Prompts.P").Append(i % 50).Append("\",\"id\":\"case-").Append(i)
                .Append("\",\"rule\":\"Never share secrets\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Where is order ")
                .Append(i).Append("? \\u00e9\"}]},\"expect\":{\"contains\":[\"order\",\"status\"]},\"promptSha256\":\"")
                .Append(Sha256(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append("\"}\n");
        }

        var text = SourceText.From(builder.ToString());
        // Speed is measured in tests/AiLint.Benchmarks (EvalFile benchmarks), not asserted in a timed unit test.
        var parsed = EvalFileParser.Parse(text);

        Assert.Equal(10_000, parsed.Cases.Length);
        Assert.Empty(parsed.Malformed);
    }
}
