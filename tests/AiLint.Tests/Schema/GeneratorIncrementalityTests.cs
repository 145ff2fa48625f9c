using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AiLint.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Schema;

/// <summary>
/// The declaration-key gate in front of schema extraction: body edits must not re-extract, and every edit that can
/// change a schema must regenerate, with output equal to a fresh run's. Each edit runs a tracked driver over the
/// original compilation and then the edited one.
/// </summary>
public class GeneratorIncrementalityTests
{
    private const string SchemaFile = """
        using System.Collections.Generic;
        using System.ComponentModel;
        using AiLint;

        namespace Shop;

        [LlmSchema]
        public partial record Ticket(string Title, int Priority, Severity Severity, List<Line> Lines)
        {
            [Description(Texts.Notes)]
            public string? Notes { get; set; }

            public int Score()
            {
                return Priority * 2;
            }

            public string Summary => Title + Priority;
        }
        """;

    private const string TypesFile = """
        namespace Shop;

        public enum Severity { Low, High }

        public record Line(string Text)
        {
            public int Width()
            {
                return Text.Length;
            }
        }

        public static class Texts
        {
            public const string Notes = "Free-form notes.";
        }
        """;

    private const string ServiceFile = """
        namespace Shop.Services;

        public sealed class TicketService
        {
            public int Count(int x)
            {
                return x + 1;
            }
        }
        """;

    private const string TicketHint = "Shop.Ticket.LlmSchema.g.cs";

    private static readonly string[] Files = { SchemaFile, TypesFile, ServiceFile };

    private static Compilation Start(params string[] files) => GeneratorHarness.CreateCompilation(files.Length == 0 ? Files : files);

    /// <summary>Replaces text in file <paramref name="index"/> the way an editor does (an incremental reparse of the changed tree).</summary>
    private static Compilation Edit(Compilation compilation, int index, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.ElementAt(index);
        var text = tree.GetText().ToString();
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' is not in file {index}");
        var changed = tree.GetText().WithChanges(new TextChange(new TextSpan(at, oldText.Length), newText));
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(changed));
    }

    private static Compilation AddFile(Compilation compilation, string source, string path = "/0/Added.cs") =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: path));

    /// <summary>Runs the tracked driver over <paramref name="before"/> then <paramref name="after"/>; requires the output to equal a fresh run's.</summary>
    private static Outcome Run(Compilation before, Compilation after)
    {
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(before);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        driver = driver.RunGenerators(after);
        var second = driver.GetRunResult().Results.Single();
        Assert.Null(second.Exception);

        var fresh = GeneratorHarness.CreateDriver().RunGenerators(after).GetRunResult().Results.Single();
        Assert.Equal(Sources(fresh), Sources(second));
        return new Outcome(Sources(first), second);
    }

    private static IReadOnlyDictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList() : new List<IncrementalStepRunReason>();

    private static void AssertNotReextracted(Outcome outcome)
    {
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(outcome.Result, "Declarations"));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, Reasons(outcome.Result, "SchemaExtraction"));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, Reasons(outcome.Result, "SdkFlags"));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, Reasons(outcome.Result, "OutputLanguage"));
        Assert.All(Reasons(outcome.Result, "SchemaTypes"), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        AssertEmitCached(outcome);
    }

    private static void AssertEmitCached(Outcome outcome)
    {
        var outputs = outcome.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    /// <summary>The extraction re-ran and the schema type's output changed; returns the new text.</summary>
    private static string AssertRegenerated(Outcome outcome, string hint = TicketHint)
    {
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(outcome.Result, "Declarations"));
        Assert.Contains(Reasons(outcome.Result, "SchemaExtraction").Single(), new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged });
        var text = Sources(outcome.Result)[hint];
        Assert.NotEqual(outcome.Before[hint], text);
        return text;
    }

    [Fact]
    public void Method_body_edit_in_an_unrelated_file_does_not_reextract()
    {
        var before = Start();
        var outcome = Run(before, Edit(before, 2, "return x + 1;", "var y = x * 3;\n        return y + 1;"));
        AssertNotReextracted(outcome);
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(outcome.Result, "DeclarationFingerprints").Where(r => r != IncrementalStepRunReason.Cached));
    }

    [Theory]
    [InlineData("return Priority * 2;", "return Priority * 3 + Title.Length;")]
    [InlineData("public string Summary => Title + Priority;", "public string Summary => Title + \" / \" + Priority;")]
    [InlineData("public int Score()", "/// <summary>The score.</summary>\n    public int Score()")]
    [InlineData("[Description(Texts.Notes)]", "// a comment\n    [Description(Texts.Notes)]")]
    [InlineData("    public int Score()", "\n\n      public int Score()")]
    public void Body_comment_and_whitespace_edits_in_the_schema_file_do_not_reextract(string oldText, string newText)
    {
        var before = Start();
        AssertNotReextracted(Run(before, Edit(before, 0, oldText, newText)));
    }

    [Fact]
    public void Body_edit_in_a_file_that_declares_a_schema_dependency_does_not_reextract()
    {
        var before = Start();
        AssertNotReextracted(Run(before, Edit(before, 1, "return Text.Length;", "return Text.Length * 2;")));
    }

    [Fact]
    public void Top_level_statements_edit_does_not_reextract()
    {
        var before = Start(SchemaFile, TypesFile, "System.Console.WriteLine(1);\n");
        AssertNotReextracted(Run(before, Edit(before, 2, "WriteLine(1)", "WriteLine(2 + 3)")));
    }

    [Fact]
    public void New_unrelated_type_in_another_file_reextracts_but_emits_nothing_new()
    {
        var before = Start();
        var outcome = Run(before, AddFile(before, "namespace Other; public class Unrelated { public int X { get; set; } }"));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(outcome.Result, "Declarations"));
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(outcome.Result, "SchemaExtraction"));
        Assert.All(Reasons(outcome.Result, "SchemaTypes"), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        AssertEmitCached(outcome);
    }

    [Fact]
    public void Property_type_change_regenerates()
    {
        var before = Start();
        var text = AssertRegenerated(Run(before, Edit(before, 0, "int Priority", "string Priority")));
        Assert.Contains("\\\"priority\\\":{\\\"type\\\":\\\"string\\\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_member_added_in_another_file_regenerates()
    {
        var before = Start();
        var text = AssertRegenerated(Run(before, Edit(before, 1, "Low, High", "Low, High, Critical")));
        Assert.Contains("\\\"Critical\\\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_schema_type_property_added_in_another_file_regenerates()
    {
        var before = Start();
        var text = AssertRegenerated(Run(before, Edit(before, 1, "record Line(string Text)", "record Line(string Text, int Quantity)")));
        Assert.Contains("\\\"quantity\\\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_used_in_an_attribute_argument_changed_in_another_file_regenerates()
    {
        var before = Start();
        var text = AssertRegenerated(Run(before, Edit(before, 1, "\"Free-form notes.\"", "\"Anything the agent adds.\"")));
        Assert.Contains("Anything the agent adds.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Free-form notes.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_the_attribute_to_an_existing_type_generates_it()
    {
        var before = Start();
        var outcome = Run(before, Edit(before, 1, "public record Line(", "[AiLint.LlmSchema]\npublic partial record Line("));
        Assert.DoesNotContain("Shop.Line.LlmSchema.g.cs", outcome.Before.Keys);
        Assert.Contains("Shop.Line.LlmSchema.g.cs", Sources(outcome.Result).Keys);
    }

    [Fact]
    public void Removing_the_attribute_removes_the_output()
    {
        var before = Start();
        var outcome = Run(before, Edit(before, 0, "[LlmSchema]", string.Empty));
        Assert.Contains(TicketHint, outcome.Before.Keys);
        Assert.Empty(Sources(outcome.Result));
    }

    [Fact]
    public void Using_alias_to_the_attribute_generates_the_type()
    {
        var before = Start();
        var outcome = Run(before, Edit(before, 1, "namespace Shop;", "using Schema = AiLint.LlmSchemaAttribute;\n\nnamespace Shop;\n\n[Schema]\npublic partial class Aliased { public int A { get; set; } }"));
        Assert.Contains("Shop.Aliased.LlmSchema.g.cs", Sources(outcome.Result).Keys);
    }

    [Fact]
    public void Global_alias_added_in_another_file_generates_the_type_that_uses_it()
    {
        // [S] does not bind until the alias exists; the alias lives in a file the [S] file never changes.
        var before = Start(SchemaFile, TypesFile, "namespace Shop;\n\n[S]\npublic partial class ByGlobalAlias { public int A { get; set; } }\n");
        var outcome = Run(before, AddFile(before, "global using S = AiLint.LlmSchemaAttribute;\n", "/0/Usings.cs"));
        Assert.DoesNotContain("Shop.ByGlobalAlias.LlmSchema.g.cs", outcome.Before.Keys);
        Assert.Contains("Shop.ByGlobalAlias.LlmSchema.g.cs", Sources(outcome.Result).Keys);
    }

    [Fact]
    public void Removing_and_adding_a_metadata_reference_changes_the_sdk_bindings()
    {
        var anthropic = typeof(global::Anthropic.AnthropicClient).Assembly.Location;
        var withSdk = Start();
        var reference = withSdk.References.OfType<PortableExecutableReference>().Single(r => string.Equals(r.FilePath, anthropic, StringComparison.Ordinal));
        var withoutSdk = withSdk.RemoveReferences(reference);

        var removed = AssertRegenerated(Run(withSdk, withoutSdk));
        Assert.DoesNotContain("global::Anthropic.", removed, StringComparison.Ordinal);
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(Run(withSdk, withoutSdk).Result, "SdkFlags"));

        var added = AssertRegenerated(Run(withoutSdk, withSdk));
        Assert.Contains("global::Anthropic.Models.Messages.OutputConfig", added, StringComparison.Ordinal);
    }

    [Fact]
    public void Preprocessor_symbol_change_regenerates()
    {
        var conditional = SchemaFile.Replace("    public int Score()", "#if VERBOSE\n    public string? Trace { get; set; }\n#endif\n\n    public int Score()", StringComparison.Ordinal);
        var before = Start(conditional, TypesFile, ServiceFile);
        var options = GeneratorHarness.ParseOptions.WithPreprocessorSymbols("VERBOSE");
        var after = before.RemoveAllSyntaxTrees().AddSyntaxTrees(before.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), options, t.FilePath)));
        var text = AssertRegenerated(Run(before, after));
        Assert.Contains("\\\"trace\\\"", text, StringComparison.Ordinal);
    }

    // The model does not tell an oblivious reference type from a non-annotated one, so no nullable change is visible
    // in today's output; the key must still track the nullable context (a new model field would make it visible), so
    // these check that the extraction re-ran and that the output equals a fresh run's.
    [Fact]
    public void Nullable_directive_inside_a_method_body_reextracts()
    {
        var before = Start();
        var outcome = Run(before, Edit(before, 0, "return Priority * 2;", "return Priority * 2;\n#nullable disable"));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(outcome.Result, "Declarations"));
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(outcome.Result, "SchemaExtraction"));
    }

    [Fact]
    public void Nullable_option_change_reextracts()
    {
        var before = Start();
        var after = before.WithOptions(((CSharpCompilationOptions)before.Options).WithNullableContextOptions(NullableContextOptions.Disable));
        var outcome = Run(before, after);
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(outcome.Result, "Declarations"));
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(outcome.Result, "SchemaExtraction"));
    }

    [Fact]
    public void Swapping_the_files_of_a_partial_type_reorders_its_properties()
    {
        var first = "namespace Shop;\n\n[AiLint.LlmSchema]\npublic partial class Split { public int Alpha { get; set; } }\n";
        var second = "namespace Shop;\n\npublic partial class Split { public int Beta { get; set; } }\n";
        var before = Start(first, second);
        var trees = before.SyntaxTrees.ToList();
        var after = before.RemoveAllSyntaxTrees().AddSyntaxTrees(trees[1], trees[0]);
        var text = AssertRegenerated(Run(before, after), "Shop.Split.LlmSchema.g.cs");
        Assert.True(text.IndexOf("\\\"beta\\\"", StringComparison.Ordinal) < text.IndexOf("\\\"alpha\\\"", StringComparison.Ordinal), "Beta is declared first now");
    }

    [Fact]
    public void Kept_declarations_do_not_keep_the_first_compilation_alive()
    {
        var (driver, first) = RunAndForget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(first.TryGetTarget(out _), "the driver still holds the first compilation after a body edit");
        GC.KeepAlive(driver);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (GeneratorDriver Driver, WeakReference<Compilation> First) RunAndForget()
    {
        var before = Start();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(before);
        var after = Edit(before, 2, "return x + 1;", "return x + 2;");
        driver = driver.RunGenerators(after);
        driver = driver.RunGenerators(Edit(after, 2, "return x + 2;", "return x + 3;"));
        return (driver, new WeakReference<Compilation>(before));
    }

    [Fact]
    public void Comparer_points_the_kept_handle_at_the_newer_compilation()
    {
        var older = Start();
        var newer = Edit(older, 2, "return x + 1;", "return x + 5;");
        var kept = new CompilationHandle(older, DeclarationKey.Create(older, ImmutableArray<TreeDeclarations>.Empty, CancellationToken.None));
        var replacement = new CompilationHandle(newer, DeclarationKey.Create(newer, ImmutableArray<TreeDeclarations>.Empty, CancellationToken.None));
        Assert.True(CompilationHandle.KeyComparer.Instance.Equals(kept, replacement));
        Assert.Same(newer, kept.Compilation);

        var declarationEdit = Edit(older, 2, "public int Count", "public long Count");
        var other = new CompilationHandle(declarationEdit, DeclarationKey.Create(declarationEdit, ImmutableArray<TreeDeclarations>.Empty, CancellationToken.None));
        Assert.False(CompilationHandle.KeyComparer.Instance.Equals(kept, other));
    }

    private sealed record Outcome(IReadOnlyDictionary<string, string> Before, GeneratorRunResult Result);
}
