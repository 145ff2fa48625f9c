using AiLint.Analyzers.LlmCalls;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tests.Summaries;

/// <summary>
/// <see cref="SourceBodies.InvocationsNamed"/> walks only the files whose text spells a name: the skipped files must be
/// exactly those that cannot hold such a call, escapes and verbatim identifiers included. <see cref="SourceBodies.GetBodies"/>
/// reads a top-level program's statements as its entry point's body.
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

    // The entry point of a top-level program is declared by the compilation unit: its body is the statements (the
    // lambdas in them included), not the members of the types declared after them in the same file.
    [Fact]
    public void The_body_of_a_top_level_program_is_its_statements()
    {
        var compilation = Compile(OutputKind.ConsoleApplication, ("Program.cs", """
            var handler = (string s) => Helper.Lambda(s);
            Helper.Direct(handler("x"));
            return 0;

            static class Helper
            {
                public static string Lambda(string s) => s;
                public static void Direct(string s) => Other(s);
                private static void Other(string s) { }
            }
            """));
        var main = (IMethodSymbol)compilation.GetEntryPoint(CancellationToken.None)!;

        var bodies = SourceBodies.GetBodies(main, compilation, CancellationToken.None).ToList();

        var body = Assert.IsAssignableFrom<IMethodBodyOperation>(Assert.Single(bodies));
        var called = body.Descendants().OfType<IInvocationOperation>()
            .Select(i => i.TargetMethod.Name).Where(n => n != "Invoke").OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Direct", "Lambda" }, called);
        var returned = Assert.Single(SourceBodies.ReturnedValues(main, compilation, CancellationToken.None));
        Assert.Equal(0, returned.ConstantValue.Value);
    }

    private static Compilation Compile(params (string Path, string Source)[] files) => Compile(OutputKind.DynamicallyLinkedLibrary, files);

    private static Compilation Compile(OutputKind kind, params (string Path, string Source)[] files)
    {
        var compilation = CSharpCompilation.Create(
            "SourceBodiesTests",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, new CSharpParseOptions(LanguageVersion.Latest), "/src/" + f.Path)),
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(kind));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return compilation;
    }
}
