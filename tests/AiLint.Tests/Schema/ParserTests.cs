using System.Text.Json.Nodes;

namespace AiLint.Tests.Schema;

/// <summary>Every SchemaViolationKind, in Strict and in Coerce mode, against the generated parser of <see cref="ParserFixture"/>.</summary>
public class ParserTests : IClassFixture<ParserFixture>
{
    private readonly ParserFixture fixture;

    public ParserTests(ParserFixture fixture) => this.fixture = fixture;

    private (bool Ok, dynamic? Value, IReadOnlyList<SchemaViolation> Violations) Parse(JsonObject json, LlmParseMode mode, LlmProvider provider = LlmProvider.OpenAI) =>
        Parse(json.ToJsonString(), mode, provider);

    private (bool Ok, dynamic? Value, IReadOnlyList<SchemaViolation> Violations) Parse(string json, LlmParseMode mode, LlmProvider provider = LlmProvider.OpenAI)
    {
        var (ok, value, violations) = fixture.Item.TryParse(json, provider, mode);
        return (ok, value, violations);
    }

    private static JsonObject With(string name, JsonNode? value)
    {
        var json = ParserFixture.Valid();
        json[name] = value;
        return json;
    }

    private static JsonObject Without(string name)
    {
        var json = ParserFixture.Valid();
        json.Remove(name);
        return json;
    }

    [Theory]
    [InlineData(LlmProvider.OpenAI)]
    [InlineData(LlmProvider.Anthropic)]
    [InlineData(LlmProvider.Gemini)]
    public void Valid_value_parses_with_no_violation(LlmProvider provider)
    {
        var (ok, value, violations) = Parse(ParserFixture.Valid(), LlmParseMode.Strict, provider);
        Assert.True(ok, string.Join("; ", violations));
        Assert.Empty(violations);
        Assert.Equal("widget", (string)value!.Name);
        Assert.Equal(3, (int)value.Count);
        Assert.Equal(new[] { "a", "b" }, ((IEnumerable<string>)value.Tags).ToArray());
        Assert.Equal("hi", (string)value.Inner.Text);
        Assert.Equal(new DateOnly(2024, 2, 29), (DateOnly)value.Day);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 8, 0, 0, TimeSpan.Zero), (DateTimeOffset)value.At);
        Assert.Equal(9.99m, (decimal)value.Price);
        Assert.Equal(1, (int)value.Odd);
    }

    /// <summary>Kinds no mode repairs: both modes fail with the same single violation.</summary>
    public static TheoryData<string, string, string, SchemaViolationKind> Unrepairable => new()
    {
        { "missing required", "{\"drop\":\"name\"}", "/name", SchemaViolationKind.MissingProperty },
        { "missing nested", "{\"set\":\"inner\",\"value\":{}}", "/inner/text", SchemaViolationKind.MissingProperty },
        { "missing escaped name", "{\"drop\":\"a/b~c\"}", "/a~1b~0c", SchemaViolationKind.MissingProperty },
        { "extra property", "{\"set\":\"bogus\",\"value\":1}", "/bogus", SchemaViolationKind.UnexpectedProperty },
        { "boolean for int", "{\"set\":\"count\",\"value\":true}", "/count", SchemaViolationKind.WrongType },
        { "object for string", "{\"set\":\"name\",\"value\":{}}", "/name", SchemaViolationKind.WrongType },
        { "null for non-nullable", "{\"set\":\"name\",\"value\":null}", "/name", SchemaViolationKind.NullForNonNullable },
        { "unknown enum", "{\"set\":\"color\",\"value\":\"Purple\"}", "/color", SchemaViolationKind.UnknownEnumValue },
        { "fractional int", "{\"set\":\"count\",\"value\":1.5}", "/count", SchemaViolationKind.FractionalInteger },
        { "range", "{\"set\":\"stars\",\"value\":6}", "/stars", SchemaViolationKind.ConstraintViolated },
        { "min length", "{\"set\":\"code\",\"value\":\"x\"}", "/code", SchemaViolationKind.ConstraintViolated },
        { "max length", "{\"set\":\"code\",\"value\":\"abcdef\"}", "/code", SchemaViolationKind.ConstraintViolated },
        { "pattern is anchored", "{\"set\":\"slug\",\"value\":\"ab1\"}", "/slug", SchemaViolationKind.ConstraintViolated },
        { "min items", "{\"set\":\"few\",\"value\":[]}", "/few", SchemaViolationKind.ConstraintViolated },
        { "max items", "{\"set\":\"few\",\"value\":[1,2,3]}", "/few", SchemaViolationKind.ConstraintViolated },
        { "byte overflow", "{\"set\":\"small\",\"value\":256}", "/small", SchemaViolationKind.ConstraintViolated },
        { "huge number", "{\"set\":\"count\",\"value\":1e400}", "/count", SchemaViolationKind.ConstraintViolated },
        { "bad date", "{\"set\":\"day\",\"value\":\"2024-13-01\"}", "/day", SchemaViolationKind.ConstraintViolated },
        { "date-time without offset", "{\"set\":\"at\",\"value\":\"2024-02-29T10:00:00\"}", "/at", SchemaViolationKind.ConstraintViolated },
        { "bad uuid", "{\"set\":\"id\",\"value\":\"nope\"}", "/id", SchemaViolationKind.ConstraintViolated },
        { "nested wrong type", "{\"set\":\"inner\",\"value\":{\"text\":5}}", "/inner/text", SchemaViolationKind.WrongType },
        { "array item", "{\"set\":\"tags\",\"value\":[\"a\",5]}", "/tags/1", SchemaViolationKind.WrongType },
        { "escaped pointer", "{\"set\":\"a/b~c\",\"value\":\"x\"}", "/a~1b~0c", SchemaViolationKind.WrongType },
    };

    [Theory]
    [MemberData(nameof(Unrepairable))]
    public void Unrepairable_divergence_fails_in_both_modes(string what, string edit, string path, SchemaViolationKind kind)
    {
        _ = what;
        var instruction = JsonNode.Parse(edit)!.AsObject();
        var json = instruction["drop"] is { } drop ? Without(drop.GetValue<string>()) : With(instruction["set"]!.GetValue<string>(), instruction["value"]?.DeepClone());
        foreach (var mode in new[] { LlmParseMode.Strict, LlmParseMode.Coerce })
        {
            var (ok, value, violations) = Parse(json, mode);
            Assert.False(ok);
            Assert.Null(value);
            var violation = Assert.Single(violations);
            Assert.Equal(kind, violation.Kind);
            Assert.Equal(path, violation.Path);
            Assert.False(violation.Coerced);
        }
    }

    /// <summary>Kinds Coerce mode repairs: Strict fails with the violation, Coerce succeeds with it marked coerced.</summary>
    public static TheoryData<string, string, JsonNode?, SchemaViolationKind> Repairable => new()
    {
        { "count", "/count", JsonValue.Create("42"), SchemaViolationKind.NumberAsString },
        { "tags", "/tags", JsonValue.Create("solo"), SchemaViolationKind.SingleValueForArray },
        { "tags", "/tags", JsonValue.Create("[\"a\",\"b\"]"), SchemaViolationKind.JsonEncodedString },
        { "inner", "/inner", JsonValue.Create("{\"text\":\"hi\"}"), SchemaViolationKind.JsonEncodedString },
        { "color", "/color", JsonValue.Create("gReEn"), SchemaViolationKind.EnumCaseMismatch },
        { "weight", "/weight", JsonValue.Create("null"), SchemaViolationKind.StringNull },
        { "note", "/note", JsonValue.Create("null"), SchemaViolationKind.StringNull },
    };

    [Theory]
    [MemberData(nameof(Repairable))]
    public void Repairable_divergence_fails_strict_and_is_coerced(string property, string path, JsonNode? sent, SchemaViolationKind kind)
    {
        var json = With(property, sent);

        var strict = Parse(json, LlmParseMode.Strict);
        Assert.False(strict.Ok);
        Assert.Null(strict.Value);
        var strictViolation = Assert.Single(strict.Violations);
        Assert.Equal((kind, path, false), (strictViolation.Kind, strictViolation.Path, strictViolation.Coerced));

        var coerce = Parse(json, LlmParseMode.Coerce);
        Assert.True(coerce.Ok);
        var coerced = Assert.Single(coerce.Violations);
        Assert.Equal((kind, path, true), (coerced.Kind, coerced.Path, coerced.Coerced));
    }

    [Fact]
    public void Coerced_values_are_the_repaired_ones()
    {
        var json = ParserFixture.Valid();
        json["count"] = "42";
        json["tags"] = "solo";
        json["inner"] = "{\"text\":\"decoded\"}";
        json["color"] = "blue";
        json["weight"] = "null";
        json["few"] = "[2, 1]";
        var (ok, value, violations) = Parse(json, LlmParseMode.Coerce);
        Assert.True(ok, string.Join("; ", violations));
        Assert.Equal(6, violations.Count);
        Assert.All(violations, v => Assert.True(v.Coerced));
        Assert.Equal(42, (int)value!.Count);
        Assert.Equal(new[] { "solo" }, ((IEnumerable<string>)value.Tags).ToArray());
        Assert.Equal("decoded", (string)value.Inner.Text);
        Assert.Equal("Blue", value.Color.ToString());
        Assert.Null((double?)value.Weight);
        Assert.Equal(new[] { 2, 1 }, ((IEnumerable<int>)value.Few).ToArray());
    }

    [Fact]
    public void Coerce_still_fails_when_an_unrepairable_violation_remains()
    {
        var json = ParserFixture.Valid();
        json["count"] = "42";
        json["stars"] = 0;
        var (ok, value, violations) = Parse(json, LlmParseMode.Coerce);
        Assert.False(ok);
        Assert.Null(value);
        Assert.Equal(new[] { (SchemaViolationKind.NumberAsString, true), (SchemaViolationKind.ConstraintViolated, false) }, violations.Select(v => (v.Kind, v.Coerced)));
    }

    [Fact]
    public void The_string_null_for_a_nullable_string_is_repaired_to_null_like_other_nullable_members()
    {
        var (ok, value, violations) = Parse(With("note", "null"), LlmParseMode.Coerce);
        Assert.True(ok, string.Join("; ", violations));
        Assert.Null((string?)value!.Note);
        Assert.Equal((SchemaViolationKind.StringNull, "/note", true), violations.Select(v => (v.Kind, v.Path, v.Coerced)).Single());
    }

    [Fact]
    public void Invalid_UTF16_in_a_nullable_string_is_reported_not_thrown()
    {
        var text = ParserFixture.Valid().ToJsonString().Replace("\"note\":null", "\"note\":\"\\uD800\"", StringComparison.Ordinal);
        Assert.Contains("\\uD800", text, StringComparison.Ordinal);
        var (ok, _, violations) = Parse(text, LlmParseMode.Coerce);
        Assert.False(ok);
        Assert.Equal((SchemaViolationKind.WrongType, "/note"), violations.Select(v => (v.Kind, v.Path)).Single());
    }

    [Fact]
    public void The_string_null_is_text_for_a_non_nullable_string()
    {
        var (ok, value, violations) = Parse(With("name", "null"), LlmParseMode.Strict);
        Assert.True(ok, string.Join("; ", violations));
        Assert.Equal("null", (string)value!.Name);
    }

    [Fact]
    public void Every_divergence_is_reported_not_just_the_first()
    {
        var json = ParserFixture.Valid();
        json.Remove("name");
        json["count"] = "x";
        json["extra"] = new JsonObject { ["text"] = null };
        json["zzz"] = 1;
        var (ok, _, violations) = Parse(json, LlmParseMode.Strict);
        Assert.False(ok);
        Assert.Equal(
            new[] { ("/count", SchemaViolationKind.WrongType), ("/extra/text", SchemaViolationKind.NullForNonNullable), ("/zzz", SchemaViolationKind.UnexpectedProperty), ("/name", SchemaViolationKind.MissingProperty) },
            violations.Select(v => (v.Path, v.Kind)));
    }

    [Fact]
    public void Duplicate_property_is_unexpected()
    {
        var text = ParserFixture.Valid().ToJsonString().Replace("\"count\":3", "\"count\":3,\"count\":4", StringComparison.Ordinal);
        var violation = Assert.Single(Parse(text, LlmParseMode.Coerce).Violations);
        Assert.Equal((SchemaViolationKind.UnexpectedProperty, "/count"), (violation.Kind, violation.Path));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("{\"name\": 'x'}")]
    [InlineData("```json\n{}\n```")]
    public void Malformed_json_fails_in_both_modes(string text)
    {
        foreach (var mode in new[] { LlmParseMode.Strict, LlmParseMode.Coerce })
        {
            var violation = Assert.Single(Parse(text, mode).Violations);
            Assert.Equal((SchemaViolationKind.MalformedJson, ""), (violation.Kind, violation.Path));
        }
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    public void Wrong_root_is_reported_at_the_root(string text)
    {
        var (ok, _, violations) = Parse(text, LlmParseMode.Coerce);
        Assert.False(ok);
        Assert.Equal("", Assert.Single(violations).Path);
    }

    [Fact]
    public void Nullable_property_may_be_missing_only_for_Anthropic()
    {
        var json = Without("weight");
        Assert.True(Parse(json, LlmParseMode.Strict, LlmProvider.Anthropic).Ok);
        foreach (var provider in new[] { LlmProvider.OpenAI, LlmProvider.Gemini })
        {
            var violation = Assert.Single(Parse(json, LlmParseMode.Strict, provider).Violations);
            Assert.Equal((SchemaViolationKind.MissingProperty, "/weight"), (violation.Kind, violation.Path));
            Assert.Contains("'weight'", violation.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ParseLlmJson_throws_LlmSchemaException_with_the_violations()
    {
        var exception = Assert.Throws<LlmSchemaException>(() => fixture.Item.Invoke("ParseLlmJson", With("count", "7").ToJsonString(), LlmProvider.OpenAI, LlmParseMode.Strict));
        Assert.Equal(SchemaViolationKind.NumberAsString, Assert.Single(exception.Violations).Kind);
        dynamic value = fixture.Item.Invoke("ParseLlmJson", With("count", "7").ToJsonString(), LlmProvider.OpenAI, LlmParseMode.Coerce)!;
        Assert.Equal(7, (int)value.Count);
    }
}
