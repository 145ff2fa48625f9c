using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Gating;

/// <summary>
/// The words of a compilation's files, shared by the gate and the text searches (issue 16): the first question is a
/// direct scan, later ones come from one index built on the second, and every answer is a direct scan's, whichever
/// reader gave it. The callers' own tests (RelevantFilesTests, Retry's registration and Tools' sink tests) check that
/// their findings did not change; these check the answers themselves.
/// </summary>
public class FileWordsTests
{
    private static readonly string[] Files =
    {
        "namespace App; public static class Setup { public static void Run(Services s) => s.AddScoped(); }",
        "namespace App; public static class Escaped { public static void Run(Services s) => s.\\u0041ddScoped(); }",
        "namespace App; public static class Mentions { // AddScoped is not called here\n }",
        "namespace App; public sealed class Services { public void AddScoped() { } public void AddSingletonX() { } }",
        "namespace App; public static class Plain { public static int Twice(int x) => 2 * x; }",
        "namespace App; public static class Broken { public static void Run(Services s) => s.AddSingleton(",
    };

    private static Compilation Compile() =>
        CSharpCompilation.Create("Words", Files.Select(f => CSharpSyntaxTree.ParseText(f)), ReferenceAssemblies.FrameworkOnly, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static bool[] Answers(SpelledFiles spelled, Compilation compilation) =>
        compilation.SyntaxTrees.Select(t => spelled.Contains(t, CancellationToken.None)).ToArray();

    [Fact]
    public void The_first_question_is_scanned_and_the_second_builds_the_index_with_the_same_answers()
    {
        var compilation = Compile();
        var words = FileWords.For(compilation);

        var first = Answers(words.Spelling(new[] { "AddScoped" }), compilation);
        Assert.False(words.IsIndexed);
        var second = Answers(words.Spelling(new[] { "AddScoped" }), compilation);
        Assert.True(words.IsIndexed);

        // The call, the escaped call (an escape counts as every name), the comment, the declaration.
        var expected = new[] { true, true, true, true, false, false };
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.Same(words, FileWords.For(compilation));
    }

    [Fact]
    public void Indexed_answers_are_the_direct_scans_for_each_name_set()
    {
        var compilation = Compile();
        var words = FileWords.For(compilation);
        words.Spelling(new[] { "Unused" });

        string[][] nameSets =
        {
            new[] { "AddSingleton" },                                          // the half-typed call, not AddSingletonX
            new[] { "AddSingletonX", "Twice" },
            new[] { "App" },
            new[] { "ddScoped" },                                              // only through the escape
            Array.Empty<string>(),
        };
        foreach (var names in nameSets)
        {
            var scan = new IdentifierScan(names);
            var direct = compilation.SyntaxTrees.Select(t => scan.Spells(t.GetText())).ToArray();
            Assert.Equal(direct, Answers(words.Spelling(names), compilation));
        }

        Assert.True(words.IsIndexed);
        Assert.Equal(new[] { false, true, false, false, false, true }, Answers(words.Spelling(new[] { "AddSingleton" }), compilation));
    }

    [Fact]
    public void A_tree_of_another_compilation_is_scanned()
    {
        var compilation = Compile();
        var words = FileWords.For(compilation);
        words.Spelling(new[] { "Unused" });
        var spelled = words.Spelling(new[] { "AddScoped" });

        Assert.True(spelled.Contains(CSharpSyntaxTree.ParseText("class Other { void M() => AddScoped(); }"), CancellationToken.None));
        Assert.False(spelled.Contains(CSharpSyntaxTree.ParseText("class Other { void M() => AddScopedX(); }"), CancellationToken.None));
    }

    [Fact]
    public void Each_compilation_has_its_own_words()
    {
        var first = Compile();
        var edited = first.ReplaceSyntaxTree(first.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText("class Fixed { void M(Services s) => s.AddScoped(); }"));
        foreach (var compilation in new[] { first, edited })
        {
            var words = FileWords.For(compilation);
            words.Spelling(new[] { "Unused" });
            Assert.Equal(compilation == edited, Answers(words.Spelling(new[] { "AddScoped" }), compilation).Last());
        }
    }

    // SourceBodies.InvocationsNamed reads the shared words: the escaped call and the plain one are found, the comment
    // and the declaration give no invocation, and a half-typed call to another name is not bound.
    [Fact]
    public void Invocations_named_finds_the_same_calls_after_the_index_is_built()
    {
        var compilation = Compile();
        FileWords.For(compilation).Spelling(new[] { "Unused" });

        var found = SourceBodies.InvocationsNamed(compilation, new HashSet<string> { "AddScoped" }, CancellationToken.None)
            .Select(i => i.Syntax.SyntaxTree.FilePath + ":" + i.TargetMethod.Name + ":" + compilation.SyntaxTrees.ToList().IndexOf(i.Syntax.SyntaxTree))
            .ToList();

        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.Contains(":AddScoped:", f));
        Assert.EndsWith(":0", found[0]);
        Assert.EndsWith(":1", found[1]);
    }
}
