using System.Text.Json.Nodes;

namespace AiLint.Tests.Schema;

/// <summary>One compiled, loaded schema type exercising every shape the parser reads; shared by the parser tests.</summary>
public sealed class ParserFixture : IDisposable
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using AiLint;

        namespace ParserTests;

        public enum Color { Red, Green, Blue }

        public record Inner(string Text);

        [LlmSchema]
        public partial record Item(
            string Name,
            int Count,
            double? Weight,
            Color Color,
            Color? Alt,
            List<string> Tags,
            [property: Range(1, 5)] int Stars,
            [property: StringLength(5, MinimumLength = 2)] string Code,
            [property: RegularExpression("[a-z]+")] string Slug,
            [property: MinLength(1), MaxLength(2)] IReadOnlyList<int> Few,
            Inner Inner,
            Inner? Extra,
            DateOnly Day,
            DateTimeOffset At,
            Guid Id,
            byte Small,
            decimal Price,
            string? Note,
            [property: JsonPropertyName("a/b~c")] int Odd);
        """;

    private readonly LoadedAssembly loaded;

    public ParserFixture()
    {
        loaded = GeneratorHarness.CompileAndLoad(Source);
        Item = loaded.Type("ParserTests.Item");
    }

    internal SchemaType Item { get; }

    /// <summary>A value that satisfies the schema of every provider.</summary>
    public static JsonObject Valid() => new()
    {
        ["name"] = "widget",
        ["count"] = 3,
        ["weight"] = 1.5,
        ["color"] = "Green",
        ["alt"] = null,
        ["tags"] = new JsonArray("a", "b"),
        ["stars"] = 4,
        ["code"] = "abc",
        ["slug"] = "slug",
        ["few"] = new JsonArray(1),
        ["inner"] = new JsonObject { ["text"] = "hi" },
        ["extra"] = null,
        ["day"] = "2024-02-29",
        ["at"] = "2024-02-29T10:00:00+02:00",
        ["id"] = "0f8fad5b-d9cb-469f-a165-70867728950e",
        ["small"] = 255,
        ["price"] = 9.99,
        ["note"] = null,
        ["a/b~c"] = 1,
    };

    public void Dispose() => loaded.Dispose();
}
