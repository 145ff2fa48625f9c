namespace AiLint.Tests.Schema;

/// <summary>
/// Members System.Text.Json leaves out of the payload ([JsonIgnore], [JsonExtensionData]) are left out of the generated
/// parser too, and a constructor parameter of an ignored property gets its default, as System.Text.Json gives it.
/// </summary>
public class IgnoredMemberParserTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using AiLint;

        namespace IgnoredMembers;

        [LlmSchema]
        public sealed partial record Answer(string Text, [property: JsonIgnore] Uri? Link, double Confidence);

        [LlmSchema]
        public sealed partial class Reply
        {
            public string Answer { get; set; } = "";

            [JsonExtensionData]
            public Dictionary<string, JsonElement>? Extra { get; set; }
        }
        """;

    [Fact]
    public void Ignored_constructor_parameter_is_passed_its_default()
    {
        using var loaded = GeneratorHarness.CompileAndLoad(Source);
        var answer = loaded.Type("IgnoredMembers.Answer");

        var (ok, value, violations) = answer.TryParse("""{"text":"hi","confidence":0.9}""");

        Assert.True(ok, string.Join("; ", violations.Select(v => v.Message)));
        dynamic parsed = value!;
        Assert.Equal("hi", (string)parsed.Text);
        Assert.Equal(0.9, (double)parsed.Confidence);
        Assert.Null((Uri?)parsed.Link);
        Assert.DoesNotContain("link", answer.GetJsonSchema(LlmProvider.OpenAI), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Extension_data_member_is_not_in_the_schema()
    {
        using var loaded = GeneratorHarness.CompileAndLoad(Source);
        var reply = loaded.Type("IgnoredMembers.Reply");

        var schema = reply.GetJsonSchema(LlmProvider.OpenAI);
        var (ok, value, violations) = reply.TryParse("""{"answer":"yes"}""");

        Assert.DoesNotContain("extra", schema, StringComparison.OrdinalIgnoreCase);
        Assert.True(ok, string.Join("; ", violations.Select(v => v.Message)));
        Assert.Equal("yes", (string)((dynamic)value!).Answer);
    }
}
