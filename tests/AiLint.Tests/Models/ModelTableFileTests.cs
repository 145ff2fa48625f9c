using AiLint.Analyzers.Rules.Models;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>User model tables (*.ailint-models.json) and AIL0506 for malformed files and rows.</summary>
public class ModelTableFileTests
{
    private const string Path = "models/team.ailint-models.json";

    private const string Code = """
        using OpenAI;
        class C
        {
            object A(OpenAIClient client) => client.GetChatClient({|#0:"acme-large"|});
            object B(OpenAIClient client) => client.GetChatClient({|#1:"gpt-4o"|});
        }
        """;

    [Fact]
    public Task User_rows_add_and_replace_shipped_rows() =>
        VerifyAsync(
            Code,
            new[]
            {
                (Path, """
                    {
                      "models": [
                        { "provider": "openai", "id": "acme-large", "shutdownDate": "2020-01-01", "successor": "acme-xl" },
                        { "provider": "openai", "id": "gpt-4o", "alias": false, "source": "https://example.com/our-proxy" }
                      ]
                    }
                    """),
            },
            Diagnostic("AIL0503").WithLocation(0).WithArguments("acme-large", "2020-01-01", "; the project's model table names 'acme-xl' as its successor"));

    [Fact]
    public Task Malformed_rows_are_reported_at_their_line_and_well_formed_rows_still_count() =>
        VerifyAsync(
            Code,
            new[]
            {
                (Path, """
                    {
                      "models": [
                        { "provider": "openai", "id": "acme-large", "shutdownDate": "2099-01-01" },
                        { "id": "no-provider" },
                        { "provider": "openai", "id": "x", "shutdownDate": "next year" },
                        { "provider": "openai", "id": "y", "reasoning": "yes" },
                        { "provider": "openai", "id": "z", "shutdown": "2020-01-01" },
                        { "provider": "openai", "id": "w", "deprecationDate": "2025-02-01", "shutdownDate": "2025-01-01" },
                        "gpt-4o"
                      ]
                    }
                    """),
            },
            Diagnostic("AIL0502").WithLocation(0).WithArguments("acme-large", "2099-01-01", ""),
            Diagnostic("AIL0501").WithLocation(1),
            Diagnostic("AIL0506").WithLocation(Path, 4).WithArguments("the required field \"provider\" is missing"),
            Diagnostic("AIL0506").WithLocation(Path, 5).WithArguments("the field \"shutdownDate\" must be a date written yyyy-MM-dd"),
            Diagnostic("AIL0506").WithLocation(Path, 6).WithArguments("the field \"reasoning\" must be true or false"),
            Diagnostic("AIL0506").WithLocation(Path, 7).WithArguments("unknown field \"shutdown\""),
            Diagnostic("AIL0506").WithLocation(Path, 8).WithArguments("the shutdown date 2025-01-01 is before the deprecation date 2025-02-01"),
            Diagnostic("AIL0506").WithLocation(Path, 9).WithArguments("a row must be a JSON object"));

    [Theory]
    [InlineData("{ \"models\": [ { \"provider\": \"openai\", \"id\": \"a\" } ", "the file is not valid JSON: expected ',' or ']'")]
    [InlineData("[ { \"provider\": \"openai\", \"id\": \"a\" } ]", "expected a JSON object with a \"models\" array")]
    [InlineData("", "the file is empty; expected {\"models\": [ ... ]}")]
    [InlineData("{ 'models': [] }", "the file is not valid JSON: expected a property name in double quotes")]
    public Task Files_that_are_not_a_model_table_are_malformed(string content, string message) =>
        VerifyAsync(
            "class C { }",
            new[] { (Path, content) },
            Diagnostic("AIL0506").WithLocation(Path, 1).WithArguments(message));

    // Where a syntax error is reported in a multi-line file: the line holding the character that gave it away.
    [Theory]
    [InlineData("{\n  \"models\": [\n    { \"provider\": \"openai\", \"id\": \"a\" \"alias\": true }\n  ]\n}\n", 3, "expected ',' or '}'")]
    [InlineData("{\r\n  \"models\": [\r\n    { \"provider\": \"openai\", \"id\": \"a\" \"alias\": true }\r\n  ]\r\n}\r\n", 3, "expected ',' or '}'")]
    [InlineData("\uFEFF// team models\r\n{\r\n  \"models\": [\r\n    { \"provider\": \"openai\", \"id\": 01 }\r\n  ]\r\n}\r\n", 4, "invalid number")]
    [InlineData("{\n  \"models\": [\n    { \"provider\": \"openai\", \"id\": \"a\\q\" }\n  ]\n}\n", 3, "invalid escape '\\q'")]
    [InlineData("{ \"version\": 1.,\n  \"models\": [] }", 1, "invalid number")]
    // An unterminated string runs to the end of the file, so it is reported on the last line.
    [InlineData("{\n  \"models\": [\n    { \"provider\": \"openai\", \"id\": \"a", 3, "unterminated string")]
    [InlineData("{\n  \"models\": [\n    { \"provider\": \"openai\", \"id\": \"a }\n  ]\n}", 4, "control character in a string")]
    public Task Syntax_errors_are_reported_at_the_line_that_gives_them_away(string content, int line, string error) =>
        VerifyAsync(
            "class C { }",
            new[] { (Path, content) },
            Diagnostic("AIL0506").WithLocation(Path, line).WithArguments("the file is not valid JSON: " + error));

    [Theory]
    [InlineData("{\"a\": tru}", 6, "invalid value")]
    [InlineData("{\"a\": \"x\\q\"}", 10, "invalid escape '\\q'")]
    [InlineData("{\"a\": \"x\\u12g4\"}", 10, "invalid \\u escape")]
    [InlineData("[1, 01]", 6, "invalid number")]
    [InlineData("[1, -]", 5, "invalid number")]
    [InlineData("{\"a\": 1 \"b\"}", 8, "expected ',' or '}'")]
    [InlineData("{\"a\" 1}", 5, "expected ':' after property \"a\"")]
    [InlineData("{\"a\": 1} x", 9, "unexpected text after the JSON value")]
    [InlineData("// only a comment", 16, "the file ends too early")]
    [InlineData("{\"a\": \"x", 7, "unterminated string")]
    public void The_error_offset_is_the_character_that_gives_the_error_away(string content, int offset, string error)
    {
        Assert.Null(AiLint.Analyzers.Json.JsonTree.Parse(content, out var errorOffset, out var message));
        Assert.Equal(error, message);
        Assert.Equal(offset, errorOffset);
    }

    [Fact]
    public void Nesting_deeper_than_the_cap_is_an_error_not_a_stack_overflow()
    {
        Assert.NotNull(AiLint.Analyzers.Json.JsonTree.Parse(new string('[', 65) + new string(']', 65), out _, out _));
        Assert.Null(AiLint.Analyzers.Json.JsonTree.Parse(new string('[', 66) + new string(']', 66), out var offset, out var message));
        Assert.Equal("the JSON is nested too deeply", message);
        Assert.Equal(65, offset);
        Assert.Null(AiLint.Analyzers.Json.JsonTree.Parse(new string('[', 100_000), out _, out _));
    }

    [Fact]
    public Task Other_json_files_are_ignored() =>
        VerifyAsync("class C { }", new[] { ("appsettings.json", "{ not json") });

    [Fact]
    public void Parser_never_throws_on_truncations_of_a_valid_file()
    {
        const string valid = """{ "models": [ { "provider": "openai", "id": "a\u0041", "alias": true, "snapshot": "b", "reasoning": false, "deprecationDate": null } ] }""";
        for (var length = 0; length <= valid.Length; length++)
        {
            var parsed = ModelTableFile.Parse(Microsoft.CodeAnalysis.Text.SourceText.From(valid.Substring(0, length)));
            Assert.Equal(length == valid.Length ? 0 : 1, parsed.Malformed.Length);
        }

        var full = ModelTableFile.Parse(Microsoft.CodeAnalysis.Text.SourceText.From(valid));
        Assert.Equal("aA", Assert.Single(full.Rows).Id);
    }
}
