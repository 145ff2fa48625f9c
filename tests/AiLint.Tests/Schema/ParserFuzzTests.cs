using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AiLint.Tests.Schema;

/// <summary>Generated inputs: the parser never throws on arbitrary text, and round-trips random valid values exactly.</summary>
public class ParserFuzzTests : IClassFixture<ParserFixture>
{
    private readonly ParserFixture fixture;

    public ParserFuzzTests(ParserFixture fixture) => this.fixture = fixture;

    private static readonly string[] Fragments =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\"name\"", "\"count\"", "\"tags\"", "\"inner\"", "null", "true", "false", "\"null\"",
        "1e400", "-0", "1.5", "99999999999999999999999999999", "\"42\"", "\"[1,2]\"", "\"{\\\"text\\\":1}\"", "\\u0000", "\ud800", "\"\\ud800\"",
        "{\"text\":", "\"Green\"", "\"gReEn\"", " ", "\n", "//", "/*", "NaN", "Infinity", "'x'", "\"2024-02-29\"", "\"a/b~c\"",
    };

    [Fact]
    public void Arbitrary_text_never_throws()
    {
        var random = new Random(20240229);
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 40);
            for (var j = 0; j < length; j++)
            {
                text.Append(Fragments[random.Next(Fragments.Length)]);
            }

            foreach (var mode in new[] { LlmParseMode.Strict, LlmParseMode.Coerce })
            {
                var (ok, value, violations) = fixture.Item.TryParse(text.ToString(), (LlmProvider)random.Next(0, 4), mode);
                Assert.Equal(ok, value is not null);
                Assert.Equal(ok, violations.All(v => v.Coerced));
            }
        }
    }

    [Fact]
    public void Mutated_valid_documents_never_throw()
    {
        var random = new Random(7);
        var valid = ParserFixture.Valid().ToJsonString();
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(valid);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at)); break;
                    case 1: text.Insert(at, Fragments[random.Next(Fragments.Length)]); break;
                    default: text[at] = (char)random.Next(32, 127); break;
                }
            }

            var (ok, value, _) = fixture.Item.TryParse(text.ToString(), LlmProvider.OpenAI, (LlmParseMode)(i % 2));
            Assert.Equal(ok, value is not null);
        }
    }

    [Fact]
    public void Deep_nesting_and_huge_inputs_never_throw()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(SchemaViolationKind.MalformedJson, Assert.Single(fixture.Item.TryParse(deep).Violations).Kind);

        var json = ParserFixture.Valid();
        var nested = "{\"text\":\"x\"}";
        for (var i = 0; i < 10; i++)
        {
            nested = JsonValue.Create(nested)!.ToJsonString();
        }

        // Only one level of JSON-in-a-string is decoded: the decoded value is again a string, not an object.
        json["inner"] = JsonNode.Parse(nested);
        var (ok, _, violations) = fixture.Item.TryParse(json.ToJsonString(), LlmProvider.OpenAI, LlmParseMode.Coerce);
        Assert.False(ok);
        Assert.Equal((SchemaViolationKind.WrongType, "/inner"), (Assert.Single(violations).Kind, violations[0].Path));

        json = ParserFixture.Valid();
        json["tags"] = new JsonArray(Enumerable.Range(0, 50_000).Select(i => (JsonNode)JsonValue.Create("t" + i)!).ToArray());
        Assert.True(fixture.Item.TryParse(json.ToJsonString()).Ok);
    }

    [Fact]
    public void Unpaired_surrogates_are_violations_not_exceptions()
    {
        var text = ParserFixture.Valid().ToJsonString();
        var badValue = fixture.Item.TryParse(text.Replace("\"widget\"", "\"\\ud800\"", StringComparison.Ordinal));
        Assert.Equal((SchemaViolationKind.WrongType, "/name"), (Assert.Single(badValue.Violations).Kind, badValue.Violations[0].Path));
        var badName = fixture.Item.TryParse(text.Replace("\"name\"", "\"\\udc00\"", StringComparison.Ordinal));
        Assert.False(badName.Ok);
        Assert.Contains(badName.Violations, v => v.Kind == SchemaViolationKind.UnexpectedProperty);
    }

    [Fact]
    public void Random_valid_values_round_trip()
    {
        var random = new Random(42);
        string Word(int min, int max) => new(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
        var colors = new[] { "Red", "Green", "Blue" };
        for (var i = 0; i < 300; i++)
        {
            var count = random.Next(int.MinValue, int.MaxValue);
            double? weight = random.Next(3) == 0 ? null : Math.Round(random.NextDouble() * 1e6, 3);
            var tags = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Word(0, 8)).ToArray();
            var few = Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next()).ToArray();
            var day = new DateOnly(2000, 1, 1).AddDays(random.Next(0, 20000));
            var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(random.Next(-12, 13))).AddSeconds(random.Next());
            var id = Guid.NewGuid();
            var price = Math.Round((decimal)random.NextDouble() * 10000m, 2);
            var note = random.Next(2) == 0 ? null : Word(0, 20);
            var json = new JsonObject
            {
                ["name"] = Word(0, 12) + "\u00e9\"\\/",
                ["count"] = count,
                ["weight"] = weight,
                ["color"] = colors[random.Next(3)],
                ["alt"] = random.Next(2) == 0 ? null : colors[random.Next(3)],
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
                ["stars"] = random.Next(1, 6),
                ["code"] = Word(2, 5),
                ["slug"] = Word(1, 10),
                ["few"] = new JsonArray(few.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
                ["inner"] = new JsonObject { ["text"] = Word(0, 5) },
                ["extra"] = random.Next(2) == 0 ? null : new JsonObject { ["text"] = Word(0, 5) },
                ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["at"] = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["id"] = id.ToString(),
                ["small"] = random.Next(0, 256),
                ["price"] = price,
                ["note"] = note,
                ["a/b~c"] = random.Next(),
            };

            var provider = (LlmProvider)random.Next(0, 3);
            var (ok, value, violations) = fixture.Item.TryParse(json.ToJsonString(), provider, LlmParseMode.Strict);
            Assert.True(ok, json.ToJsonString() + " => " + string.Join("; ", violations));
            dynamic v = value!;
            Assert.Equal(json["name"]!.GetValue<string>(), (string)v.Name);
            Assert.Equal(count, (int)v.Count);
            Assert.Equal(weight, (double?)v.Weight);
            Assert.Equal(json["color"]!.GetValue<string>(), v.Color.ToString());
            Assert.Equal(tags, ((IEnumerable<string>)v.Tags).ToArray());
            Assert.Equal(few, ((IEnumerable<int>)v.Few).ToArray());
            Assert.Equal(day, (DateOnly)v.Day);
            Assert.Equal(at, (DateTimeOffset)v.At);
            Assert.Equal(id, (Guid)v.Id);
            Assert.Equal(price, (decimal)v.Price);
            Assert.Equal(note, (string?)v.Note);
            Assert.Equal(json["a/b~c"]!.GetValue<int>(), (int)v.Odd);
        }
    }
}
