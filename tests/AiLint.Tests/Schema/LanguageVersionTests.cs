using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Schema;

/// <summary>
/// The generated code compiles at the consumer's language version: C# 7.3 is the default of every netstandard2.0 and
/// .NET Framework project, and it has no nullable reference types (CS8370 on <c>#nullable</c>, <c>T?</c>, <c>!</c>).
/// </summary>
public class LanguageVersionTests
{
    /// <summary>Valid C# 7.3: nested objects, a nullable struct object, lists, arrays, enums, nullable values, recursion, every SDK binding.</summary>
    private const string Legacy = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using AiLint;

        namespace Legacy
        {
            public enum Priority { Low, High }

            public struct Money
            {
                public decimal Amount { get; set; }
                public string Currency { get; set; }
            }

            public class Address
            {
                public string City { get; set; }
                public int? Zip { get; set; }
            }

            [LlmSchema]
            [Description("A booking.")]
            public partial class Booking
            {
                public string Id { get; set; }
                public Priority Priority { get; set; }
                public Priority? Fallback { get; set; }
                public double? Weight { get; set; }
                public Money? Price { get; set; }
                public Money Deposit { get; set; }
                public Address Destination { get; set; }
                public List<string> Tags { get; set; }
                [MinLength(1)]
                public IReadOnlyList<Address> Stops { get; set; }
                public DateTimeOffset At { get; set; }
                public Guid Key { get; set; }
            }

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class Category
            {
                public string Name { get; set; }
                public Category[] Children { get; set; }
            }

            [JsonConverter(typeof(JsonNumberEnumConverter<Level>))]
            public enum Level { One = 1, Two = 2 }

            /// <summary>Every other reader shape: maps, constraints, numeric enums, renamed members, all scalar types.</summary>
            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class Everything
            {
                public Dictionary<string, int> Counts { get; set; }
                public IDictionary<string, Address> Places { get; set; }
                [Range(1, 5)]
                public int Stars { get; set; }
                [StringLength(5, MinimumLength = 2)]
                public string Code { get; set; }
                [RegularExpression("[a-z]+")]
                [JsonPropertyName("slug_text")]
                public string Slug { get; set; }
                [MaxLength(3)]
                public List<int?> Few { get; set; }
                public Level Level { get; set; }
                public Level? MaybeLevel { get; set; }
                public bool Flag { get; set; }
                public byte Small { get; set; }
                public long Big { get; set; }
                public ulong Huge { get; set; }
                public float Ratio { get; set; }
                public decimal Price { get; set; }
                public DateTime When { get; set; }
                public DateTimeOffset? Later { get; set; }
                public Guid? Maybe { get; set; }
                public IEnumerable<Priority> Priorities { get; set; }
                public string[][] Grid { get; set; }
            }

            public partial class Outer
            {
                [LlmSchema]
                public partial struct Point
                {
                    public Point(int x, int y)
                    {
                        X = x;
                        Y = y;
                    }

                    public int X { get; }
                    public int Y { get; }
                }
            }
        }
        """;

    /// <summary>Nullable reference members, only expressible from C# 8.</summary>
    private const string Annotated = """
        #nullable enable
        using System.Collections.Generic;
        using AiLint;

        namespace Annotated
        {
            public class Leaf
            {
                public string Text { get; set; } = "";
                public string? Note { get; set; }
            }

            [LlmSchema]
            public partial class Tree
            {
                public string? Title { get; set; }
                public Leaf? Extra { get; set; }
                public List<string?> Labels { get; set; } = new List<string?>();
                public List<Leaf> Leaves { get; set; } = new List<Leaf>();
            }
        }
        """;

    private const string BookingJson = """
        {"id":"b1","priority":"High","fallback":null,"weight":2.5,"price":{"amount":10.5,"currency":"EUR"},
         "deposit":{"amount":1,"currency":"EUR"},"destination":{"city":"Lyon","zip":null},"tags":["x"],
         "stops":[{"city":"Dijon","zip":21000}],"at":"2024-02-29T10:00:00Z","key":"0f8fad5b-d9cb-469f-a165-70867728950e"}
        """;

    public static TheoryData<LanguageVersion> ModernVersions => new() { LanguageVersion.CSharp8, LanguageVersion.CSharp9, LanguageVersion.Latest };

    private static (Compilation Output, GeneratorDriverRunResult Result) Generate(LanguageVersion version, NullableContextOptions nullable, params string[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation(sources, new CSharpParseOptions(version), nullable);
        return GeneratorHarness.Run(compilation);
    }

    /// <summary>Errors anywhere, and warnings in generated files; lists them with the generated text when there are any.</summary>
    private static void AssertCompilesCleanly(Compilation output)
    {
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true))
            .ToList();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<string> GeneratedTexts(GeneratorDriverRunResult result) =>
        result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString());

    [Fact]
    public void CSharp_7_3_output_compiles_without_nullable_annotations()
    {
        var (output, result) = Generate(LanguageVersion.CSharp7_3, NullableContextOptions.Disable, Legacy);
        AssertCompilesCleanly(output);
        Assert.All(GeneratedTexts(result), text =>
        {
            Assert.DoesNotContain("#nullable", text, StringComparison.Ordinal);
            Assert.DoesNotContain("string?", text, StringComparison.Ordinal);
            Assert.DoesNotContain("default!", text, StringComparison.Ordinal);
        });

        // The parser is emitted for every type, so all reader shapes were compiled at C# 7.3.
        foreach (var hint in new[] { "Legacy.Booking", "Legacy.Category", "Legacy.Everything", "Legacy.Outer.Point" })
        {
            Assert.Contains("private static", GeneratorHarness.GeneratedSource(result, hint + ".LlmSchema.g.cs"), StringComparison.Ordinal);
        }

        Assert.Contains("__AiLintReadValue", GeneratorHarness.GeneratedSource(result, "Legacy.Everything.LlmSchema.g.cs"), StringComparison.Ordinal);
        Assert.Contains("new global::System.Collections.Generic.Dictionary<string, int>", GeneratorHarness.GeneratedSource(result, "Legacy.Everything.LlmSchema.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void CSharp_7_3_output_compiles_when_a_member_type_comes_from_an_annotated_library()
    {
        // A DTO library built with <Nullable>enable</Nullable>: its metadata carries List<string?> and string?.
        var library = GeneratorHarness.CreateCompilation(
            new[] { "#nullable enable\nnamespace Shared { public class Dto { public string Name { get; set; } = \"\"; public string? Note { get; set; } public System.Collections.Generic.List<string?> Labels { get; set; } = new(); } }" },
            GeneratorHarness.ParseOptions,
            NullableContextOptions.Enable);
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var references = GeneratorHarness.References.Value.Add(MetadataReference.CreateFromImage(image.ToArray()));

        const string Source = "using AiLint;\nnamespace Legacy { [LlmSchema] public partial class Holder { public Shared.Dto Dto { get; set; } } }";
        var compilation = GeneratorHarness.CreateCompilation(new[] { Source }, new CSharpParseOptions(LanguageVersion.CSharp7_3), NullableContextOptions.Disable, references);
        var (output, result) = GeneratorHarness.Run(compilation);
        AssertCompilesCleanly(output);
        Assert.Contains("global::System.Collections.Generic.List<string>", GeneratorHarness.GeneratedSource(result, "Legacy.Holder.LlmSchema.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void CSharp_7_3_half_typed_member_leaves_the_errors_in_the_user_file()
    {
        const string Source = "using AiLint;\nnamespace Legacy { [LlmSchema] public partial class Draft { public string Title { get; set; } public Missing Thing { get; set; } public int? Count { get; set; } } }";
        var compilation = GeneratorHarness.CreateCompilation(new[] { Source }, new CSharpParseOptions(LanguageVersion.CSharp7_3), NullableContextOptions.Disable);
        var (output, result) = GeneratorHarness.Run(compilation);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(new[] { "CS0246" }, errors.Select(e => e.Id).Distinct());
        Assert.All(errors, e => Assert.Equal("/0/Test0.cs", e.Location.SourceTree?.FilePath));
        Assert.Contains("TryParseLlmJson", GeneratorHarness.GeneratedSource(result, "Legacy.Draft.LlmSchema.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void CSharp_7_3_output_keeps_nullable_value_types()
    {
        var (_, result) = Generate(LanguageVersion.CSharp7_3, NullableContextOptions.Disable, Legacy);
        var booking = GeneratorHarness.GeneratedSource(result, "Legacy.Booking.LlmSchema.g.cs");
        Assert.Contains("global::Legacy.Money?", booking, StringComparison.Ordinal);
        Assert.Contains("double?", booking, StringComparison.Ordinal);
        Assert.Contains("out Booking value", booking, StringComparison.Ordinal);
        var point = GeneratorHarness.GeneratedSource(result, "Legacy.Outer.Point.LlmSchema.g.cs");
        Assert.Contains("out Point? value", point, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ModernVersions))]
    public void CSharp_8_and_later_output_compiles_with_no_warning_under_nullable_enable(LanguageVersion version)
    {
        var (output, result) = Generate(version, NullableContextOptions.Enable, Legacy, Annotated);
        AssertCompilesCleanly(output);
        Assert.All(GeneratedTexts(result), text => Assert.Contains("#nullable enable", text, StringComparison.Ordinal));
        var tree = GeneratorHarness.GeneratedSource(result, "Annotated.Tree.LlmSchema.g.cs");
        Assert.Contains("out Tree? value", tree, StringComparison.Ordinal);
        Assert.Contains("global::System.Collections.Generic.List<string?>", tree, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ModernVersions))]
    public void CSharp_8_and_later_output_compiles_in_a_project_without_nullable(LanguageVersion version)
    {
        var (output, _) = Generate(version, NullableContextOptions.Disable, Legacy, Annotated);
        AssertCompilesCleanly(output);
    }

    /// <summary>Generates, compiles and loads <see cref="Legacy"/> at <paramref name="version"/>.</summary>
    private static LoadedAssembly Load(LanguageVersion version)
    {
        var (output, _) = Generate(version, version >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable, Legacy);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("language-version-" + version, isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp8)]
    public void Anthropic_bindings_below_CSharp_9_send_what_the_initializer_version_sends(LanguageVersion version)
    {
        using var legacy = Load(version);
        using var modern = Load(LanguageVersion.CSharp9);
        var legacyBooking = legacy.Type("Legacy.Booking");
        var modernBooking = modern.Type("Legacy.Booking");

        Assert.Equal(Wire(modernBooking.Invoke("CreateAnthropicOutputConfig")), Wire(legacyBooking.Invoke("CreateAnthropicOutputConfig")));
        Assert.Equal(Wire(modernBooking.Invoke("CreateAnthropicTool", null, null)), Wire(legacyBooking.Invoke("CreateAnthropicTool", null, null)));
        Assert.Equal(Wire(modernBooking.Invoke("CreateAnthropicTool", "book \"it\"", "Books.")), Wire(legacyBooking.Invoke("CreateAnthropicTool", "book \"it\"", "Books.")));

        var tool = (Anthropic.Models.Messages.Tool)legacyBooking.Invoke("CreateAnthropicTool", null, null)!;
        Assert.Equal(("Booking", "A booking.", true), (tool.Name, tool.Description, tool.Strict));
        var config = (Anthropic.Models.Messages.OutputConfig)legacyBooking.Invoke("CreateAnthropicOutputConfig")!;
        Assert.Equal(legacyBooking.GetJsonSchema(LlmProvider.Anthropic), System.Text.Json.JsonSerializer.SerializeToElement(config.Format!.Schema).GetRawText());
    }

    private static string Wire(object? model) => System.Text.Json.JsonSerializer.Serialize(model);

    [Fact]
    public void CSharp_7_3_parser_runs_and_reports_like_the_modern_one()
    {
        using var loaded = Load(LanguageVersion.CSharp7_3);
        {
            var booking = loaded.Type("Legacy.Booking");
            var (ok, value, violations) = booking.TryParse(BookingJson);
            Assert.True(ok, string.Join("; ", violations));
            Assert.Equal("Lyon", (string)((dynamic)value!).Destination.City);

            var missing = booking.TryParse(BookingJson.Replace("\"city\":\"Lyon\",", string.Empty, StringComparison.Ordinal));
            Assert.False(missing.Ok);
            Assert.Equal((SchemaViolationKind.MissingProperty, "/destination/city"), missing.Violations.Select(v => (v.Kind, v.Path)).Single());

            // Without annotations a reference member is not nullable: null is rejected, not silently accepted.
            var nullId = booking.TryParse(BookingJson.Replace("\"id\":\"b1\"", "\"id\":null", StringComparison.Ordinal));
            Assert.Equal((SchemaViolationKind.NullForNonNullable, "/id"), nullId.Violations.Select(v => (v.Kind, v.Path)).Single());
        }
    }

    [Fact]
    public void Only_the_language_version_changes_the_output()
    {
        var compilation = GeneratorHarness.CreateCompilation(new[] { Legacy }, new CSharpParseOptions(LanguageVersion.CSharp7_3), NullableContextOptions.Disable);
        var modern = new CSharpParseOptions(LanguageVersion.CSharp9);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true, parseOptions: new CSharpParseOptions(LanguageVersion.CSharp7_3)).RunGenerators(compilation);
        var before = GeneratorTexts(driver);

        // A preprocessor symbol changes the parse options but not what the output may use: everything stays cached.
        driver = driver.WithUpdatedParseOptions(new CSharpParseOptions(LanguageVersion.CSharp7_3, preprocessorSymbols: new[] { "TRACE" })).RunGenerators(compilation);
        var same = driver.GetRunResult().Results.Single();
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, same.TrackedSteps["OutputLanguage"].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.All(same.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        driver = driver.WithUpdatedParseOptions(modern).RunGenerators(compilation);
        var after = GeneratorTexts(driver);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(after.Values, text => Assert.Contains("#nullable enable", text, StringComparison.Ordinal));
        Assert.All(before.Values, text => Assert.DoesNotContain("#nullable", text, StringComparison.Ordinal));
    }

    private static IReadOnlyDictionary<string, string> GeneratorTexts(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}
