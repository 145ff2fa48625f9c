using System.Text.Json;

namespace AiLint.Tests.Schema;

/// <summary>Parses each provider's emitted schema and checks it against that provider's documented subset (provider-schemas.md).</summary>
public class SchemaDialectTests : IClassFixture<ParserFixture>
{
    private static readonly HashSet<string> OpenAIKeywords = new() { "type", "description", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "$ref", "$defs", "format", "pattern", "minimum", "maximum", "minItems", "maxItems" };
    private static readonly HashSet<string> OpenAIFormats = new() { "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid" };
    private static readonly HashSet<string> AnthropicKeywords = new() { "type", "description", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "$ref", "$defs", "format", "pattern", "minItems", "const", "default" };
    private static readonly HashSet<string> AnthropicFormats = new() { "date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid" };
    private static readonly HashSet<string> GeminiKeywords = new() { "type", "format", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required", "propertyOrdering", "items" };
    private static readonly HashSet<string> GeminiTypes = new() { "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT" };

    private readonly ParserFixture fixture;

    public SchemaDialectTests(ParserFixture fixture) => this.fixture = fixture;

    private JsonElement Schema(LlmProvider provider) => JsonDocument.Parse(fixture.Item.GetJsonSchema(provider)).RootElement;

    /// <summary>Every schema node (a JSON object that is a schema, not a properties map) with its JSON pointer.</summary>
    private static IEnumerable<(string Path, JsonElement Node)> Nodes(JsonElement schema, string path = "")
    {
        yield return (path, schema);
        foreach (var property in schema.EnumerateObject())
        {
            switch (property.Name)
            {
                case "properties" or "$defs":
                    foreach (var child in property.Value.EnumerateObject())
                    {
                        foreach (var node in Nodes(child.Value, path + "/" + property.Name + "/" + child.Name))
                        {
                            yield return node;
                        }
                    }

                    break;
                case "items" or "additionalProperties" when property.Value.ValueKind == JsonValueKind.Object:
                    foreach (var node in Nodes(property.Value, path + "/" + property.Name))
                    {
                        yield return node;
                    }

                    break;
                case "anyOf":
                    var i = 0;
                    foreach (var branch in property.Value.EnumerateArray())
                    {
                        foreach (var node in Nodes(branch, path + "/anyOf/" + i++))
                        {
                            yield return node;
                        }
                    }

                    break;
            }
        }
    }

    private static IEnumerable<JsonElement> Objects(JsonElement schema) =>
        Nodes(schema).Select(n => n.Node).Where(n => n.TryGetProperty("properties", out _));

    private static string[] Names(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void OpenAI_schema_is_strict_mode_compliant()
    {
        var schema = Schema(LlmProvider.OpenAI);
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.TryGetProperty("anyOf", out _), "the root must not be anyOf");
        foreach (var (path, node) in Nodes(schema))
        {
            Assert.All(node.EnumerateObject(), p => Assert.True(OpenAIKeywords.Contains(p.Name), $"{path}: '{p.Name}' is not in OpenAI's subset"));
            if (node.TryGetProperty("format", out var format))
            {
                Assert.Contains(format.GetString()!, OpenAIFormats);
            }
        }

        foreach (var shape in Objects(schema))
        {
            Assert.False(shape.GetProperty("additionalProperties").GetBoolean());
            Assert.Equal(shape.GetProperty("properties").EnumerateObject().Select(p => p.Name), Names(shape.GetProperty("required")));
        }

        var properties = schema.GetProperty("properties");
        Assert.Equal("[\"number\",\"null\"]", properties.GetProperty("weight").GetProperty("type").GetRawText());
        Assert.Equal("null", properties.GetProperty("extra").GetProperty("anyOf")[1].GetProperty("type").GetString());
        Assert.Equal(1, properties.GetProperty("stars").GetProperty("minimum").GetDouble());
        Assert.Equal(5, properties.GetProperty("stars").GetProperty("maximum").GetDouble());
        Assert.Equal("^(?:[a-z]+)$", properties.GetProperty("slug").GetProperty("pattern").GetString());
        Assert.Equal(2, properties.GetProperty("few").GetProperty("maxItems").GetInt32());

        // minLength/maxLength are not in OpenAI's documented list: kept as a hint, enforced by the parser.
        Assert.Equal("Constraints: minLength 2; maxLength 5.", properties.GetProperty("code").GetProperty("description").GetString());
    }

    [Fact]
    public void Anthropic_schema_stays_within_its_subset_and_uses_optional_properties()
    {
        var schema = Schema(LlmProvider.Anthropic);
        foreach (var (path, node) in Nodes(schema))
        {
            Assert.All(node.EnumerateObject(), p => Assert.True(AnthropicKeywords.Contains(p.Name), $"{path}: '{p.Name}' is not in Anthropic's subset"));
            if (node.TryGetProperty("minItems", out var minItems))
            {
                Assert.InRange(minItems.GetInt32(), 0, 1);
            }

            if (node.TryGetProperty("format", out var format))
            {
                Assert.Contains(format.GetString()!, AnthropicFormats);
            }
        }

        foreach (var shape in Objects(schema))
        {
            Assert.False(shape.GetProperty("additionalProperties").GetBoolean());
        }

        var required = Names(schema.GetProperty("required"));
        Assert.DoesNotContain("weight", required);
        Assert.DoesNotContain("extra", required);
        Assert.DoesNotContain("note", required);
        Assert.Contains("name", required);

        var properties = schema.GetProperty("properties");
        Assert.Equal("Constraints: minimum 1; maximum 5.", properties.GetProperty("stars").GetProperty("description").GetString());
        Assert.Equal("Constraints: maxItems 2.", properties.GetProperty("few").GetProperty("description").GetString());
        Assert.Equal(1, properties.GetProperty("few").GetProperty("minItems").GetInt32());
        Assert.Equal("^(?:[a-z]+)$", properties.GetProperty("slug").GetProperty("pattern").GetString());
    }

    [Fact]
    public void Gemini_schema_is_the_OpenAPI_responseSchema_subset()
    {
        var schema = Schema(LlmProvider.Gemini);
        foreach (var (path, node) in Nodes(schema))
        {
            Assert.All(node.EnumerateObject(), p => Assert.True(GeminiKeywords.Contains(p.Name), $"{path}: '{p.Name}' is not in Gemini's responseSchema"));
            Assert.Contains(node.GetProperty("type").GetString()!, GeminiTypes);
            if (node.TryGetProperty("format", out var format))
            {
                Assert.Contains(format.GetString(), new[] { "enum", "date-time" });
            }

            if (node.TryGetProperty("enum", out var values))
            {
                Assert.Equal("STRING", node.GetProperty("type").GetString());
                Assert.All(values.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
            }
        }

        foreach (var shape in Objects(schema))
        {
            var names = shape.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(names, Names(shape.GetProperty("propertyOrdering")));
            Assert.Equal(names, Names(shape.GetProperty("required")));
        }

        var properties = schema.GetProperty("properties");
        Assert.True(properties.GetProperty("weight").GetProperty("nullable").GetBoolean());
        Assert.True(properties.GetProperty("extra").GetProperty("nullable").GetBoolean());
        Assert.Equal("Constraints: format date.", properties.GetProperty("day").GetProperty("description").GetString());
        Assert.Equal("Constraints: format uuid.", properties.GetProperty("id").GetProperty("description").GetString());
        Assert.Equal("Constraints: pattern ^(?:[a-z]+)$.", properties.GetProperty("slug").GetProperty("description").GetString());
    }

    [Fact]
    public void Properties_keep_declaration_order_and_json_names()
    {
        var names = Schema(LlmProvider.OpenAI).GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(new[] { "name", "count", "weight", "color", "alt", "tags", "stars", "code", "slug", "few", "inner", "extra", "day", "at", "id", "small", "price", "note", "a/b~c" }, names);
    }

    [Fact]
    public void Schemas_are_deterministic()
    {
        using var again = GeneratorHarness.CompileAndLoad(ParserFixture.Source);
        foreach (var provider in new[] { LlmProvider.OpenAI, LlmProvider.Anthropic, LlmProvider.Gemini })
        {
            Assert.Equal(fixture.Item.GetJsonSchema(provider), again.Type("ParserTests.Item").GetJsonSchema(provider));
        }
    }

    [Fact]
    public void Unknown_provider_throws_ArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Item.GetJsonSchema((LlmProvider)7));

    [Fact]
    public void Recursive_type_uses_defs_for_OpenAI_and_refuses_Anthropic_and_Gemini()
    {
        using var loaded = GeneratorHarness.CompileAndLoad("""
            using System.Collections.Generic;
            using AiLint;

            namespace Trees;

            #pragma warning disable AIL0401
            [LlmSchema]
            public partial class Node
            {
                public string Name { get; set; } = "";
                public List<Node> Children { get; set; } = new();
                public Leaf? Leaf { get; set; }
            }

            public class Leaf
            {
                public Node? Back { get; set; }
            }
            """);
        var type = loaded.Type("Trees.Node");
        var schema = JsonDocument.Parse(type.GetJsonSchema(LlmProvider.OpenAI)).RootElement;
        Assert.Equal("#", schema.GetProperty("properties").GetProperty("children").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal("#/$defs/Leaf", schema.GetProperty("properties").GetProperty("leaf").GetProperty("anyOf")[0].GetProperty("$ref").GetString());
        Assert.False(schema.GetProperty("$defs").GetProperty("Leaf").GetProperty("additionalProperties").GetBoolean());
        var error = Assert.Throws<NotSupportedException>(() => type.GetJsonSchema(LlmProvider.Anthropic));
        Assert.Contains("AIL0401", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => type.GetJsonSchema(LlmProvider.Gemini));

        // The parser reads recursion for every provider.
        var parsed = type.TryParse("""{"name":"a","children":[{"name":"b","children":[],"leaf":null}],"leaf":{"back":null}}""", LlmProvider.Anthropic);
        Assert.True(parsed.Ok, string.Join("; ", parsed.Violations));
    }

    [Fact]
    public void Non_targeted_provider_is_refused()
    {
        using var loaded = GeneratorHarness.CompileAndLoad("""
            using AiLint;

            namespace Targets;

            [LlmSchema(Providers = new[] { LlmProvider.Gemini })]
            public partial record Only(string Text);
            """);
        var type = loaded.Type("Targets.Only");
        Assert.Equal("""{"type":"OBJECT","properties":{"text":{"type":"STRING"}},"required":["text"],"propertyOrdering":["text"]}""", type.GetJsonSchema(LlmProvider.Gemini));
        var error = Assert.Throws<NotSupportedException>(() => type.GetJsonSchema(LlmProvider.OpenAI));
        Assert.Equal("'Only' does not target OpenAI; add LlmProvider.OpenAI to [LlmSchema(Providers = ...)].", error.Message);
    }
}
