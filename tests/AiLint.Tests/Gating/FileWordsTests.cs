using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Gating;

/// <summary>
/// The words of a compilation's files, shared by the gate and the text searches (issue 16): the first question is a
/// direct scan until a file answers it, later answers come from one index, and every answer is a direct scan's,
/// whichever reader gave it. The callers' own tests (RelevantFilesTests, Retry's registration and Tools' sink tests) check that
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

    private static Compilation Compile(bool withEscape = true) =>
        CSharpCompilation.Create(
            "Words",
            Files.Where(f => withEscape || !f.Contains("\\u")).Select(f => CSharpSyntaxTree.ParseText(f)),
            ReferenceAssemblies.FrameworkOnly,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static bool[] Answers(SpelledFiles spelled, Compilation compilation) =>
        compilation.SyntaxTrees.Select(t => spelled.Contains(t, CancellationToken.None)).ToArray();

    // Without the escaped file (which may spell any name): a question no file answers is one scan, the next builds the index.
    [Fact]
    public void A_first_question_no_file_answers_is_scanned_and_the_second_builds_the_index()
    {
        var compilation = Compile(withEscape: false);
        var words = FileWords.For(compilation);

        Assert.Equal(new bool[Files.Length - 1], Answers(words.Spelling(new[] { "Unused" }), compilation));
        Assert.False(words.IsIndexed);
        var second = Answers(words.Spelling(new[] { "AddScoped" }), compilation);
        Assert.True(words.IsIndexed);

        // The call, the comment, the declaration.
        Assert.Equal(new[] { true, true, true, false, false }, second);
        Assert.Same(words, FileWords.For(compilation));
    }

    // A first question some file answers is followed by others (the gate's closure adds the names that file
    // declares), so the scan stops at that file and the index answers: the texts before it are read twice, not all.
    [Theory]
    [InlineData("AddScoped", true)]      // the first file
    [InlineData("ddScoped", true)]       // only through the escape, the second file
    [InlineData("Twice", false)]         // the fourth file of five, after three that do not spell it
    [InlineData("AddSingleton", false)]  // the half-typed call in the last file, not AddSingletonX
    public void A_first_question_a_file_answers_is_answered_from_the_index_as_a_direct_scan_would(string name, bool withEscape)
    {
        var compilation = Compile(withEscape);
        var words = FileWords.For(compilation);
        var scan = new IdentifierScan(new[] { name });
        var direct = compilation.SyntaxTrees.Select(t => scan.Spells(t.GetText())).ToArray();

        var first = Answers(words.Spelling(new[] { name }), compilation);

        Assert.True(words.IsIndexed);
        Assert.Equal(direct, first);
        Assert.Contains(true, first);
        Assert.Equal(direct, Answers(words.Spelling(new[] { name }), compilation));
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
