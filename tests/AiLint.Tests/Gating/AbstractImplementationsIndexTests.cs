using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Gating;

/// <summary>
/// <see cref="AbstractImplementations.Find"/> reads the implementations of a contract from a per-compilation index of
/// the source's classes and structs by the interfaces they implement and the classes they derive from
/// (<see cref="ImplementingTypes"/>), instead of walking every type once per contract (issue 16). The shapes the walk
/// met must give the same answers: implementations in structs, nested and generic types, explicit ones, a generic
/// interface implemented twice, overrides below an abstract override, and "unknown" (null) for a virtual implementation.
/// </summary>
public class AbstractImplementationsIndexTests
{
    private const string Interfaces = """
        namespace Shapes;
        public interface IAsk { string Ask(string q); }
        public interface IConvert<T> { string Convert(T value); }
        public interface ISay { string Say(); }
        public interface IUnused { string Never(string q); }
        public sealed class First : IAsk { public string Ask(string q) => q; }
        public sealed class Unrelated { public string Ask(string q) => q; }
        public struct Second : IAsk { public string Ask(string q) => q; }
        public static class Outer { public sealed class Inner : IAsk { string IAsk.Ask(string q) => q; } }
        public sealed class Generic<T> : IAsk { public string Ask(string q) => q; }
        public sealed class Both : IConvert<int>, IConvert<string>
        {
            public string Convert(int value) => "n";
            public string Convert(string value) => value;
        }
        public class Open : ISay { public virtual string Say() => "hi"; }
        """;

    private const string Classes = """
        namespace Shapes;
        public abstract class Formatter { public abstract string Format(string s); }
        public class Plain : Formatter { public override string Format(string s) => s; }
        public abstract class Mid : Formatter { public abstract override string Format(string s); }
        public sealed class Deep : Mid { public override string Format(string s) => s; }
        public sealed class Other { public string Format(string s) => s; }
        public abstract class Maker<T> { public abstract T Make(string s); }
        public sealed class Ints : Maker<int> { public override int Make(string s) => 0; }
        """;

    [Fact]
    public void Interface_members_are_found_in_every_implementing_class_or_struct()
    {
        var compilation = Compile(Interfaces);

        Assert.Equal(
            new[] { "Shapes.First.Ask(string)", "Shapes.Generic<T>.Ask(string)", "Shapes.Outer.Inner.Shapes.IAsk.Ask(string)", "Shapes.Second.Ask(string)" },
            Names(AbstractImplementations.Find(Method(compilation, "Shapes.IAsk", "Ask"), compilation, CancellationToken.None)));
        Assert.Equal(
            new[] { "Shapes.Both.Convert(int)", "Shapes.Both.Convert(string)" },
            Names(AbstractImplementations.Find(Method(compilation, "Shapes.IConvert`1", "Convert"), compilation, CancellationToken.None)));
    }

    [Fact]
    public void A_virtual_implementation_leaves_the_set_unknown_and_none_gives_an_empty_list()
    {
        var compilation = Compile(Interfaces);

        Assert.Null(AbstractImplementations.Find(Method(compilation, "Shapes.ISay", "Say"), compilation, CancellationToken.None));
        Assert.Equal(Array.Empty<string>(), Names(AbstractImplementations.Find(Method(compilation, "Shapes.IUnused", "Never"), compilation, CancellationToken.None)));
    }

    [Fact]
    public void Abstract_methods_are_found_in_every_override_below_them()
    {
        var compilation = Compile(Classes);

        // Mid's abstract override is not a body that runs; Deep's override of it is.
        Assert.Equal(
            new[] { "Shapes.Deep.Format(string)", "Shapes.Plain.Format(string)" },
            Names(AbstractImplementations.Find(Method(compilation, "Shapes.Formatter", "Format"), compilation, CancellationToken.None)));
        Assert.Equal(
            new[] { "Shapes.Ints.Make(string)" },
            Names(AbstractImplementations.Find(Method(compilation, "Shapes.Maker`1", "Make"), compilation, CancellationToken.None)));

        // A method that is neither abstract nor an interface member has no "every implementation".
        Assert.Null(AbstractImplementations.Find(Method(compilation, "Shapes.Plain", "Format"), compilation, CancellationToken.None));
    }

    // The index belongs to one compilation: the next one (an edit adds an implementation) is indexed anew.
    [Fact]
    public void Each_compilation_has_its_own_index()
    {
        var before = Compile(Interfaces);
        Assert.Equal(Array.Empty<string>(), Names(AbstractImplementations.Find(Method(before, "Shapes.IUnused", "Never"), before, CancellationToken.None)));

        var after = before.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shapes; public sealed class Now : IUnused { public string Never(string q) => q; }"));
        Assert.Equal(new[] { "Shapes.Now.Never(string)" }, Names(AbstractImplementations.Find(Method(after, "Shapes.IUnused", "Never"), after, CancellationToken.None)));
        Assert.Equal(Array.Empty<string>(), Names(AbstractImplementations.Find(Method(before, "Shapes.IUnused", "Never"), before, CancellationToken.None)));
    }

    // Half-typed code: a base list naming a missing type, a class deriving from itself, an unclosed member.
    [Fact]
    public void Broken_base_lists_do_not_crash()
    {
        var compilation = Compile("""
            namespace Shapes;
            public interface IAsk { string Ask(string q); }
            public sealed class Missing : IMissing, IAsk { public string Ask(string q) => q; }
            public class Loop : Loop, IAsk { public string Ask(string q) => q; }
            public sealed class Half : IAsk { public string Ask(string q
            """);

        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var found = AbstractImplementations.Find(Method(compilation, "Shapes.IAsk", "Ask"), compilation, CancellationToken.None);
        Assert.Contains("Shapes.Missing.Ask(string)", Names(found));
    }

    private static CSharpCompilation Compile(string code) =>
        CSharpCompilation.Create("Shapes", new[] { CSharpSyntaxTree.ParseText(code) }, ReferenceAssemblies.FrameworkOnly, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static IMethodSymbol Method(Compilation compilation, string type, string name) =>
        compilation.GetTypeByMetadataName(type)!.GetMembers(name).OfType<IMethodSymbol>().Single();

    private static string[] Names(List<IMethodSymbol>? methods)
    {
        Assert.NotNull(methods);
        return methods!.Select(m => m.ToDisplayString()).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }
}
