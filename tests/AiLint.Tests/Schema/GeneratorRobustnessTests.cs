using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Schema;

/// <summary>
/// Hostile [LlmSchema] type graphs: a type that contains itself, two that contain each other, and generic types that
/// contain themselves with wider type arguments (<c>Node&lt;Node&lt;T&gt;&gt;</c>, <c>Node&lt;T[]&gt;</c>), whose schema
/// has no end. The generator and the schema analyzer read them with the same SchemaShapeReader; neither may hang or
/// throw. The finite graphs still get their generated parser; the endless ones are cut at 8 levels of type arguments
/// and reported (AIL0401) as having no finite schema.
/// </summary>
public class GeneratorRobustnessTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(120);

    private const string EndlessReason = "has no finite schema";

    private static readonly Dictionary<string, string> Graphs = new()
    {
        ["self-referencing"] = """
            [LlmSchema]
            public partial class Category
            {
                public string Name { get; set; } = "";
                public Category? Parent { get; set; }
                public List<Category> Children { get; set; } = new();
                public Dictionary<string, Category[]> Index { get; set; } = new();
            }
            """,
        ["mutually referencing"] = """
            [LlmSchema]
            public partial class Thread
            {
                public Message? First { get; set; }
            }

            [LlmSchema]
            public partial class Message
            {
                public string Text { get; set; } = "";
                public Thread? Replies { get; set; }
                public List<Message> Quoted { get; set; } = new();
            }
            """,
        ["generic that nests itself"] = """
            [LlmSchema]
            public partial class Tree
            {
                public Node<int>? Root { get; set; }
            }

            public class Node<T>
            {
                public T? Value { get; set; }
                public Node<Node<T>>? Child { get; set; }
            }
            """,
        ["generic that widens its argument with arrays"] = """
            [LlmSchema]
            public partial class Tree
            {
                public Node<string>? Root { get; set; }
            }

            public class Node<T>
            {
                public T? Value { get; set; }
                public List<Node<T[]>>? Children { get; set; }
            }
            """,
        ["two generics that nest each other"] = """
            [LlmSchema]
            public partial class Tree
            {
                public Left<int>? Root { get; set; }
            }

            public class Left<T>
            {
                public Right<Left<T>>? Next { get; set; }
            }

            public class Right<T>
            {
                public Dictionary<string, Left<Right<T>>>? Next { get; set; }
            }
            """,
    };

    public static TheoryData<string> GraphNames => new(Graphs.Keys);

    [Theory]
    [MemberData(nameof(GraphNames))]
    public async Task The_generator_finishes_and_writes_a_parser_for_each_schema_type(string graph)
    {
        var compilation = GeneratorHarness.CreateCompilation(Source(Graphs[graph]));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // GeneratorHarness.Run fails on a generator exception; the time limit catches a reader that never ends.
        var run = Task.Run(() => GeneratorHarness.Run(compilation));
        Assert.True(await Task.WhenAny(run, Task.Delay(HangLimit)) == run, "The generator did not finish: the schema reader follows an endless type graph.");
        var (output, result) = await run;

        var schemaTypes = compilation.SyntaxTrees.Single().GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
            .Where(c => c.AttributeLists.Count > 0)
            .Select(c => c.Identifier.ValueText)
            .ToList();
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToList();
        foreach (var type in schemaTypes)
        {
            Assert.Contains(generated, hint => hint.Contains(type, StringComparison.Ordinal));
        }

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("generic that nests itself", true)]
    [InlineData("generic that widens its argument with arrays", true)]
    [InlineData("two generics that nest each other", true)]
    [InlineData("self-referencing", false)]
    [InlineData("mutually referencing", false)]
    public async Task The_schema_analyzer_reports_an_endless_graph_and_only_that(string graph, bool endless)
    {
        var analysis = SchemaAnalyzerRunner.RunAsync(Source(Graphs[graph]));
        Assert.True(await Task.WhenAny(analysis, Task.Delay(HangLimit)) == analysis, "The schema analyzer did not finish.");
        var diagnostics = await analysis;

        // A finite recursive graph is still read whole: its recursion is reported for the providers that refuse it.
        Assert.Contains(diagnostics, d => d.Id == "AIL0401");
        Assert.Equal(endless, diagnostics.Any(d => d.Id == "AIL0401" && d.GetMessage().Contains(EndlessReason, StringComparison.Ordinal)));
    }

    /// <summary>Eight levels of type arguments, written by hand, are a finite type and not cut.</summary>
    [Fact]
    public async Task Type_arguments_written_eight_deep_are_read()
    {
        var diagnostics = await SchemaAnalyzerRunner.RunAsync(Source("""
            [LlmSchema]
            public partial class Deep
            {
                public Box<Box<Box<Box<Box<Box<Box<Box<int>>>>>>>>? Value { get; set; }
            }

            public class Box<T>
            {
                public T? Item { get; set; }
            }
            """));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AIL0401");
    }

    private static string Source(string types) => $"""
        #nullable enable
        using System.Collections.Generic;
        using AiLint;

        namespace Hostile;

        {types}
        """;
}
