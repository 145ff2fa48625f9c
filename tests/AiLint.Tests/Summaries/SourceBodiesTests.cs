using AiLint.Analyzers.LlmCalls;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Summaries;

/// <summary>
/// <see cref="SourceBodies.InvocationsNamed"/> walks only the files whose text spells a name: the skipped files must be
/// exactly those that cannot hold such a call, escapes and verbatim identifiers included.
/// </summary>
public class SourceBodiesTests
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal) { "AddSingleton", "Register" };

    [Fact]
    public void Calls_are_found_in_every_file_that_makes_them_however_the_name_is_written()
    {
        var compilation = Compile(
            ("Plain.cs", """
                using Microsoft.Extensions.DependencyInjection;
                static class Plain { static void Setup(IServiceCollection s) => s.AddSingleton<object>(new object()); }
                """),
            ("Escaped.cs", """
                using Microsoft.Extensions.DependencyInjection;
                static class Escaped { static void Setup(IServiceCollection s) => s.\u0041ddSingleton<object>(new object()); }
                """),
            ("Verbatim.cs", """
                static class Verbatim { static void @Register() { } static void Setup() => @Register(); }
                """),
            ("None.cs", """
                static class None { static void AddSingletons() { } static void Setup() => AddSingletons(); }
                """));

        var found = SourceBodies.InvocationsNamed(compilation, Names, CancellationToken.None)
            .Select(i => Path.GetFileName(i.Syntax.SyntaxTree.FilePath) + ":" + i.TargetMethod.Name)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(new[] { "Escaped.cs:AddSingleton", "Plain.cs:AddSingleton", "Verbatim.cs:Register" }, found);
    }

    [Fact]
    public void A_file_that_spells_a_name_only_in_a_comment_yields_no_call()
    {
        var compilation = Compile(("Comment.cs", """
            // Register everything with AddSingleton.
            static class Comment { static void Setup() { } }
            """));

        Assert.Empty(SourceBodies.InvocationsNamed(compilation, Names, CancellationToken.None));
    }

    private static Compilation Compile(params (string Path, string Source)[] files)
    {
        var compilation = CSharpCompilation.Create(
            "SourceBodiesTests",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, new CSharpParseOptions(LanguageVersion.Latest), "/src/" + f.Path)),
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return compilation;
    }
}
