using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using AiLint.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Schema;

/// <summary>Incrementality (tracked steps across edits), model purity, and "no System.Text.Json, no output".</summary>
public class GeneratorPipelineTests
{
    private const string Source = """
        using System.Collections.Generic;
        using AiLint;

        namespace Shop;

        [LlmSchema]
        public partial record Ticket(string Title, int Priority, List<Line> Lines);

        public record Line(string Text);
        """;

    private static readonly string[] TrackedSteps =
    {
        "CompilationUnits", "DeclarationFingerprints", "Declarations", "SchemaExtraction", "SchemaTypes", "SdkFlags", "TypesWithFlags", "RuntimeNeeded",
    };

    /// <summary>The steps in front of the declaration key: per tree, and the key itself.</summary>
    private static readonly string[] KeySteps = { "CompilationUnits", "DeclarationFingerprints", "Declarations" };

    private static GeneratorRunResult RunTwice(string first, Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.CreateCompilation(first);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        driver = driver.RunGenerators(edit(compilation));
        return driver.GetRunResult().Results.Single();
    }

    private static Compilation ReplaceSource(Compilation compilation, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: "/0/Test0.cs"));

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Every_step_is_tracked()
    {
        var result = RunTwice(Source, c => c);
        Assert.All(TrackedSteps, step => Assert.True(result.TrackedSteps.ContainsKey(step), step + " is not tracked"));
    }

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        // A new type is a declaration edit: the added tree's own entries are New and the declaration key changes
        // (Modified), which re-runs the extraction; from the extraction on, every step must be Cached or Unchanged.
        var result = RunTwice(Source, c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { public int X; }", GeneratorHarness.ParseOptions, path: "/0/Other.cs")));
        foreach (var step in TrackedSteps.Except(KeySteps))
        {
            Assert.All(Reasons(result, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        foreach (var step in new[] { "CompilationUnits", "DeclarationFingerprints" })
        {
            var reasons = Reasons(result, step).ToList();
            Assert.Single(reasons, r => r == IncrementalStepRunReason.New);
            Assert.All(reasons.Where(r => r != IncrementalStepRunReason.New), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(result, "Declarations"));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Body_edit_leaves_every_step_from_the_key_on_cached_or_unchanged()
    {
        var withBody = Source.Replace("public record Line(string Text);", "public record Line(string Text) { public int Width() { return 1; } }", StringComparison.Ordinal);
        var result = RunTwice(withBody, c => ReplaceSource(c, withBody.Replace("return 1;", "return 2;", StringComparison.Ordinal)));
        foreach (var step in TrackedSteps.Except(KeySteps))
        {
            Assert.All(Reasons(result, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached, $"{step}: {reason}"));
        }

        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(result, "Declarations"));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Edit_inside_the_type_that_does_not_change_its_shape_is_unchanged()
    {
        var result = RunTwice(Source, c => ReplaceSource(c, Source.Replace("public record Line(string Text);", "public record Line(string Text) { public int Length => Text.Length; }", StringComparison.Ordinal)));
        Assert.All(Reasons(result, "SchemaTypes"), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Fact]
    public void Member_edit_is_modified()
    {
        var result = RunTwice(Source, c => ReplaceSource(c, Source.Replace("int Priority", "int Priority, string? Owner", StringComparison.Ordinal)));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, "SchemaTypes"));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, "TypesWithFlags"));
    }

    [Fact]
    public void Nested_type_member_edit_is_modified()
    {
        var result = RunTwice(Source, c => ReplaceSource(c, Source.Replace("Line(string Text)", "Line(string Text, int Quantity)", StringComparison.Ordinal)));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, "SchemaTypes"));
    }

    [Fact]
    public void Attribute_edit_is_modified()
    {
        var result = RunTwice(Source, c => ReplaceSource(c, Source.Replace("[LlmSchema]", "[LlmSchema(\"ticket\", Providers = new[] { LlmProvider.OpenAI })]", StringComparison.Ordinal)));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, "SchemaTypes"));
    }

    [Fact]
    public void Model_holds_no_symbols_syntax_locations_or_compilations()
    {
        var compilation = GeneratorHarness.CreateCompilation(ParserFixture.Source);
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();
        var values = new[] { "SchemaExtraction", "SchemaTypes", "TypesWithFlags", "SdkFlags" }
            .SelectMany(step => result.TrackedSteps[step])
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value)
            .ToList();
        Assert.NotEmpty(values);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var count = 0;
        foreach (var value in values)
        {
            Walk(value, "model", visited, ref count);
        }

        Assert.True(count > 50, "the walk should reach the whole model graph, reached " + count);
    }

    private static void Walk(object? value, string path, HashSet<object> visited, ref int count)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value is Enum)
        {
            return;
        }

        Assert.False(value is ISymbol || value is SyntaxNode || value is SyntaxTree || value is Location || value is Compilation || value is SemanticModel || value is AttributeData,
            $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        count++;
        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Walk(item, path + "[" + i++ + "]", visited, ref count);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), path + "." + field.Name, visited, ref count);
        }
    }

    [Fact]
    public void Without_System_Text_Json_nothing_is_emitted()
    {
        // The runtime's core library and facades only: no System.Text.Json.dll in the compilation.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new[] { typeof(object).Assembly.Location, Path.Combine(runtime, "System.Runtime.dll"), Path.Combine(runtime, "netstandard.dll"), Path.Combine(runtime, "System.Collections.dll"), typeof(LlmProvider).Assembly.Location }
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        var compilation = GeneratorHarness.CreateCompilation(Source, references);
        Assert.Null(compilation.GetTypeByMetadataName("System.Text.Json.JsonDocument"));
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Single(result.TrackedSteps["SchemaTypes"].SelectMany(s => s.Outputs));
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Non_partial_type_gets_nothing()
    {
        var (_, result) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source.Replace("partial record", "record", StringComparison.Ordinal)));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Half_typed_code_does_not_throw()
    {
        var compilation = GeneratorHarness.CreateCompilation("""
            using AiLint;
            [LlmSchema(
            public partial record Ticket(string Title, Missing M, List<
            """);
        GeneratorHarness.Run(compilation);
    }
}
