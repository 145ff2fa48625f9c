using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using AiLint.Tests.Robustness.Corpus;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Model output is hostile input: truncated by a token limit, nested without end, numbers past double's range,
/// broken escapes, duplicate keys, an array where an object belongs. A generated <c>TryParseLlmJson</c> must answer
/// false with violations, never throw. The [LlmSchema] types of the sample, the generated corpus and the tests are
/// compiled with the generator's output, loaded, and fed mutations of a value built from their own schema.
/// </summary>
public class GeneratedParserFuzzTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper output;

    public GeneratedParserFuzzTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

    private const int RandomMutationsPerInput = 12;

    [Fact]
    public async Task Generated_parsers_never_throw_on_mutated_json()
    {
        if (AiLintComponents.CreateGenerators().IsEmpty)
        {
            return; // the schema generator has not landed: nothing is generated to fuzz
        }

        var failures = new List<string>();
        var parsers = 0;
        var calls = 0;
        foreach (var (name, project) in Inputs())
        {
            var generated = await ComponentRunner.RunGeneratorsAsync(project);
            if (generated.Output.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                continue; // snippets that need other snippets, or half-typed ones, cannot be loaded
            }

            using var stream = new MemoryStream();
            if (!generated.Output.Emit(stream).Success)
            {
                continue;
            }

            var context = new AssemblyLoadContext($"fuzz {name}", isCollectible: true);
            try
            {
                stream.Position = 0;
                var assembly = context.LoadFromStream(stream);
                foreach (var type in assembly.GetTypes())
                {
                    var tryParse = type.GetMethod("TryParseLlmJson", BindingFlags.Public | BindingFlags.Static);
                    var getSchema = type.GetMethod("GetJsonSchema", BindingFlags.Public | BindingFlags.Static, new[] { typeof(LlmProvider) });
                    if (tryParse is null || getSchema is null || tryParse.GetParameters().Length != 5)
                    {
                        continue;
                    }

                    parsers++;
                    calls += Fuzz(type, tryParse, getSchema, failures);
                }
            }
            finally
            {
                context.Unload();
            }
        }

        output.WriteLine($"{parsers} generated parsers, {calls} calls");
        Assert.True(parsers > 0, "No generated TryParseLlmJson was found although a generator exists; the fuzzing proved nothing.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} parser calls threw:\n" + string.Join("\n", failures.Take(15)));
    }

    [Fact]
    public void Mutations_cover_the_hostile_shapes()
    {
        var mutations = JsonMutations("{\"a\":1,\"b\":\"x\"}", new Random(Mutations.Seed)).Select(m => m.Json).ToList();

        Assert.Contains(mutations, m => m.StartsWith("[[[[", StringComparison.Ordinal) && m.Length > 10_000);
        Assert.Contains(mutations, m => m.Contains("1e400", StringComparison.Ordinal));
        Assert.Contains(mutations, m => m.Contains("\\uD800", StringComparison.Ordinal));
        Assert.Contains(mutations, m => m.StartsWith("{\"a\":1,\"a\":", StringComparison.Ordinal));
        Assert.Contains("[]", mutations);
        Assert.Contains("{\"a\":1,", mutations); // the truncation at half its length
    }

    private static IEnumerable<(string Name, Project Project)> Inputs()
    {
        yield return ("the sample", RobustnessCorpus.CreateSampleProject());
        yield return ("the generated corpus", DeterminismTests.CorpusProject(0, schemaTypes: 3));
        foreach (var source in RobustnessCorpus.TestSources.Where(s => s.Code.Contains("[LlmSchema", StringComparison.Ordinal)).Take(15))
        {
            yield return (source.Origin, RobustnessCorpus.CreateProject(source.Code, source.EvalFiles));
        }
    }

    private static int Fuzz(Type type, MethodInfo tryParse, MethodInfo getSchema, List<string> failures)
    {
        var calls = 0;
        foreach (var provider in Enum.GetValues<LlmProvider>())
        {
            string schema;
            try
            {
                schema = (string)getSchema.Invoke(null, new object[] { provider })!;
                AssertCultureInvariant(type, getSchema, provider, schema, failures);
            }
            catch (TargetInvocationException ex)
            {
                // A provider the type cannot target may refuse with an exception (AIL0401 reports it at build time).
                if (ex.InnerException is NotSupportedException or InvalidOperationException)
                {
                    continue;
                }

                failures.Add($"{type.Name}.GetJsonSchema({provider}) threw {ex.InnerException}");
                continue;
            }

            var valid = ExampleValue.FromSchema(schema);
            var random = new Random(HalfTypedCodeTests.StableSeed(type.FullName + provider));
            foreach (var (kind, json) in JsonMutations(valid, random).Prepend(("valid example", valid)))
            {
                foreach (var mode in new[] { LlmParseMode.Strict, LlmParseMode.Coerce })
                {
                    calls++;
                    var args = new object?[] { json, provider, mode, null, null };
                    try
                    {
                        var ok = (bool)tryParse.Invoke(null, args)!;
                        if (!ok && args[4] is IReadOnlyList<SchemaViolation> { Count: 0 })
                        {
                            failures.Add($"{type.Name} ({provider}, {mode}, {kind}): returned false without a violation");
                        }
                    }
                    catch (TargetInvocationException ex)
                    {
                        failures.Add($"{type.Name} ({provider}, {mode}, {kind}): {ex.InnerException!.GetType().Name}: {ex.InnerException.Message}\n  input: {ComponentRunner.Excerpt(json, 300)}");
                    }
                }
            }
        }

        return calls;
    }

    private static void AssertCultureInvariant(Type type, MethodInfo getSchema, LlmProvider provider, string schema, List<string> failures)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "tr-TR", "de-DE" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                if ((string)getSchema.Invoke(null, new object[] { provider })! != schema)
                {
                    failures.Add($"{type.Name}.GetJsonSchema({provider}) differs under {culture}");
                }
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>The hostile shapes of the issue, then random truncations, deletions and value swaps.</summary>
    internal static IEnumerable<(string Kind, string Json)> JsonMutations(string valid, Random random)
    {
        yield return ("deep array nesting", new string('[', 20_000) + new string(']', 20_000));
        yield return ("deep object nesting", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
        foreach (var root in new[] { "[]", "1", "\"text\"", "null", "true", "", "   ", "{}", "[" + valid + "]", "\"" + JsonEncodedText.Encode(valid) + "\"" })
        {
            yield return ("wrong root", root);
        }

        foreach (var odd in new[] { "\"\\uZZZZ\"", "\"\\uD800\"", "\"\\uDC00\\uD800\"", "\"\\x41\"", "\"\ud800\"", "\"a\u0000b\"", "1e400", "-1e400", "123456789012345678901234567890123456789", "-0", "1.5", "NaN", "Infinity", "0x10", "01", "\"9999999999999999999999\"", "[1,]", "{\"k\":}" })
        {
            yield return ($"value {odd}", ReplaceFirstValue(valid, odd));
        }

        if (valid.StartsWith('{') && valid.Length > 2)
        {
            var firstMember = valid.Substring(1, FirstMemberLength(valid));
            yield return ("duplicate key", "{" + firstMember + "," + valid.Substring(1));
        }

        foreach (var (kind, text) in Mutations.Truncations(valid, random, evenlySpaced: 3, randomPoints: 0))
        {
            yield return (kind, text);
        }

        yield return ("BOM", "\uFEFF" + valid);
        yield return ("trailing comma", valid.TrimEnd('}') + ",}");
        yield return ("comment", "/* c */" + valid);
        yield return ("markdown fence", "```json\n" + valid + "\n```");
        yield return ("two documents", valid + valid);
        for (var i = 0; i < RandomMutationsPerInput; i++)
        {
            yield return random.Next(3) switch
            {
                0 => ("truncated", valid.Substring(0, random.Next(valid.Length))),
                1 => Mutations.DeleteCharacters(valid, random, 1 + random.Next(3)),
                _ => ("value swapped", ReplaceNthValue(valid, random.Next(8), new[] { "null", "[]", "{}", "\"\"", "\"1\"", "1", "true", "-5" }[random.Next(8)])),
            };
        }
    }

    private static int FirstMemberLength(string json)
    {
        // The first "key":value of a flat example; values of the example never contain top-level commas before it ends.
        var depth = 0;
        var inString = false;
        for (var i = 1; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\') { i++; }
                else if (c == '"') { inString = false; }
            }
            else if (c == '"') { inString = true; }
            else if (c is '{' or '[') { depth++; }
            else if (c is '}' or ']') { if (depth-- == 0) { return i - 1; } }
            else if (c == ',' && depth == 0) { return i - 1; }
        }

        return json.Length - 2;
    }

    private static string ReplaceFirstValue(string json, string value) => ReplaceNthValue(json, 0, value);

    /// <summary>Replaces the value after the n-th ':' (cyclically); the whole document when it has none.</summary>
    private static string ReplaceNthValue(string json, int n, string value)
    {
        var colons = new List<int>();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (inString) { if (json[i] == '\\') { i++; } else if (json[i] == '"') { inString = false; } }
            else if (json[i] == '"') { inString = true; }
            else if (json[i] == ':') { colons.Add(i); }
        }

        if (colons.Count == 0)
        {
            return value;
        }

        var start = colons[n % colons.Count] + 1;
        var end = start + FirstMemberLength("{" + json.Substring(start)) ;
        return json.Substring(0, start) + value + json.Substring(Math.Min(json.Length, end));
    }
}

/// <summary>Builds a value that satisfies a JSON schema, as a model following it would answer.</summary>
internal static class ExampleValue
{
    public static string FromSchema(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        var root = document.RootElement;
        var text = new StringBuilder();
        Write(root, root, text, depth: 0);
        return text.ToString();
    }

    private static void Write(JsonElement root, JsonElement schema, StringBuilder text, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 8)
        {
            text.Append("null");
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference) && Resolve(root, reference.GetString()) is { } target)
        {
            Write(root, target, text, depth + 1);
            return;
        }

        foreach (var union in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(union, out var options) && options.ValueKind == JsonValueKind.Array)
            {
                var first = options.EnumerateArray().FirstOrDefault(o => !IsNull(o));
                Write(root, first.ValueKind == JsonValueKind.Undefined ? options[0] : first, text, depth + 1);
                return;
            }
        }

        if (schema.TryGetProperty("const", out var constant) || (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0 && (constant = values[0]).ValueKind != JsonValueKind.Undefined))
        {
            text.Append(constant.GetRawText());
            return;
        }

        switch (TypeOf(schema))
        {
            case "object":
                text.Append('{');
                if (schema.TryGetProperty("properties", out var properties))
                {
                    var first = true;
                    foreach (var property in properties.EnumerateObject())
                    {
                        text.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(property.Name)).Append(':');
                        Write(root, property.Value, text, depth + 1);
                        first = false;
                    }
                }

                text.Append('}');
                break;
            case "array":
                text.Append('[');
                if (schema.TryGetProperty("items", out var items))
                {
                    Write(root, items, text, depth + 1);
                    text.Append(',');
                    Write(root, items, text, depth + 1);
                }

                text.Append(']');
                break;
            case "string":
                text.Append(schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" ? "\"2025-01-31T12:00:00Z\"" : "\"example\"");
                break;
            case "integer":
                text.Append('3');
                break;
            case "number":
                text.Append("2.5");
                break;
            case "boolean":
                text.Append("true");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static bool IsNull(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private static JsonElement? Resolve(JsonElement root, string? pointer)
    {
        if (pointer is null || !pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var current = root;
        foreach (var part in pointer.Substring(2).Split('/'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part.Replace("~1", "/").Replace("~0", "~"), out current))
            {
                return null;
            }
        }

        return current;
    }
}
