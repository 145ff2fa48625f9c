using System.Collections.Concurrent;
using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Gating;

/// <summary>
/// The shared enumeration of a file's operation blocks (Gating/OperationBlocksOfFile), which replaced the driver's
/// per-type operation-block actions in Retry, Models and AIL0101: it must hand out the same blocks, owned by the same
/// symbols, as the driver gives an operation-block action, for every kind of declaration.
/// </summary>
public class OperationBlocksOfFileTests
{
    private const string Declarations = """
        using System;
        using System.Collections.Generic;
                using System.Threading.Tasks;

        [assembly: System.Reflection.AssemblyMetadata("k", "v")]

        namespace Shop.Outer.Inner
        {
            [Obsolete("type attribute")]
            public partial class Orders<[Mark("type parameter")] T> : Base
            {
                private readonly int a = Compute(1), b, c = Compute(2);
                private static int counter;
                public event EventHandler? Changed = (s, e) => counter++;
                public event EventHandler Explicit { add { counter++; } remove => counter--; }

                public Orders() : base(Compute(3)) { counter++; }
                public Orders(int x) : this() => counter += x;
                static Orders() { counter = 1; }
                ~Orders() { counter--; }

                public int Auto { get; set; } = Compute(4);
                public int Arrow => a + b + c;
                public int Full { get => counter; [Obsolete("accessor")] set { counter = value; } }
                public int this[int i, [Mark("indexer parameter")] string name = "default"] { get { return i; } set { counter = value; } }
                public string this[string s] => s + "!";

                public static Orders<T> operator +(Orders<T> x, Orders<T> y) => x;
                public static implicit operator int(Orders<T> o) { return o.a; }

                [Obsolete("method")]
                public async Task<int> RunAsync([Mark("parameter")] int retries = 3, string name = nameof(Auto))
                {
                    int Local(int v) => v + Compute(v);
                    Func<int, int> lambda = v => Local(v) * 2;
                    await Task.Yield();
                    return lambda(retries);
                }

                public int Expression<[Mark("method type parameter")] U>(U value) => value!.GetHashCode();

                public abstract class NestedAbstract { public abstract void M(int x = 1); }

                partial void Declared(int x = 5);
                partial void Declared(int x) { counter = x; }

                public static int Compute(int v) => v;
            }

            public class Base { public Base(int v = 0) { } }

            public sealed class Primary(int seed, string name = "n") : Base(seed + 1)
            {
                public int Seed { get; } = seed;
            }

            public sealed record Person(string Name, int Age = 30) : Animal(Name.Length);

            public record Animal(int Legs);

            public record struct Point(int X, int Y);

            public enum Level { Low = 1, [Obsolete("member")] High = Low << 2, None }

            public delegate int Handler(int x = 7, [Mark("delegate parameter")] int y = 0);

            public interface IService
            {
                int Default(int x = 2) => x * 2;
                int Plain { get; }
            }

            public struct Value { public int X; public Value(int x) { X = x; } }

            [AttributeUsage(AttributeTargets.All)]
        public sealed class MarkAttribute(string text) : Attribute { public string Text { get; } = text; }
        }
        """;

    private const string SecondPart = """
        namespace Shop.Outer.Inner
        {
            public partial class Orders<T>
            {
                private readonly string second = "second";
                public string Second() => second + Compute(9);
            }
        }
        """;

    private const string TopLevel = """
        using System;
        using Shop.Outer.Inner;

        var orders = new Orders<int>();
        Console.WriteLine(Local(orders.Arrow));
        static int Local(int x) => x + 1;

        partial class Program
        {
            private static int field = 3;
            public static int Helper() => field;
        }
        """;

    private const string Generated = """
        namespace Shop.Outer.Inner
        {
            public partial class Orders<T>
            {
                private readonly string generated = "generated";
                public string FromGenerator() => generated + Compute(10);
            }
        }
        """;

    private const string Marked = """
        namespace Shop
        {
            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            public sealed class Marked
            {
                private int field = 1;
                public int M() => field;
                public sealed class Nested { public int N() => 2; }
            }

            public sealed class PartlyMarked
            {
                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                private int field = 1;
                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                public int Property { get => field; set { field = value; } }
                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                public int Arrow => field;
                public int Written() => field;
            }
        }
        """;

    [Fact]
    public async Task Same_blocks_and_owners_as_the_driver_for_every_kind_of_declaration()
    {
        var project = CreateProject(
            new[] { ("Declarations.cs", Declarations), ("SecondPart.cs", SecondPart), ("Program.cs", TopLevel), ("Generated.g.cs", Generated), ("Marked.cs", Marked) },
            OutputKind.ConsoleApplication);

        var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));

        var (driver, enumerated) = await Record(project);

        AssertSame(driver, enumerated);

        // The test covers what it says: each of these owners had blocks.
        foreach (var expected in new[]
        {
            "Shop.Outer.Inner.Orders<T>.a", "Shop.Outer.Inner.Orders<T>.c", "Shop.Outer.Inner.Orders<T>.Changed",
            "Shop.Outer.Inner.Orders<T>.Orders()", "Shop.Outer.Inner.Orders<T>.Orders(int)", "Shop.Outer.Inner.Orders<T>.Arrow.get",
            "Shop.Outer.Inner.Orders<T>.Auto", "Shop.Outer.Inner.Orders<T>.this[int, string]", "Shop.Outer.Inner.Orders<T>.this[string].get",
            "Shop.Outer.Inner.Orders<T>.Declared(int)", "Shop.Outer.Inner.Primary.Primary(int, string)",
            "Shop.Outer.Inner.Person.Person(string, int)", "Shop.Outer.Inner.Level.High", "Shop.Outer.Inner.Handler",
            "Shop.Outer.Inner.Orders<T>.second", "<top-level-statements-entry-point>", "Program.field", "Shop.PartlyMarked.Written()",
        })
        {
            Assert.Contains(enumerated, line => line.StartsWith(expected + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Same_blocks_as_the_driver_on_broken_code()
    {
        var project = CreateProject(
            new[]
            {
                ("Broken.cs", """
                    namespace Shop;
                    public sealed class Broken(int seed
                    {
                        private int a = ;
                        public int M(int x = ) => x +
                        public int this[int i] =>
                        public static implicit operator int(Broken b) =>
                        public Broken() : this(
                        int P { get => ; set { } }
                    """),
                ("Half.cs", """
                    namespace Shop
                    {
                        public static class Half { public static int M() { for (;;) { try { return Missing(; } catch { } } }
                        enum E { A = , B = A + }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary);

        var (driver, enumerated) = await Record(project);

        AssertSame(driver, enumerated);
        Assert.NotEmpty(enumerated);
    }

    // ---------------------------------------------------------------- harness

    private static async Task<(List<string> Driver, List<string> Enumerated)> Record(Project project)
    {
        var driver = new DriverBlocks();
        var enumerated = new EnumeratedBlocks();
        await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(driver, enumerated));
        return (driver.Lines.OrderBy(l => l, StringComparer.Ordinal).ToList(), enumerated.Lines.OrderBy(l => l, StringComparer.Ordinal).ToList());
    }

    private static void AssertSame(List<string> driver, List<string> enumerated) =>
        Assert.True(
            driver.SequenceEqual(enumerated),
            "Only the driver's:" + Environment.NewLine + string.Join(Environment.NewLine, driver.Except(enumerated)) + Environment.NewLine
            + "Only enumerated:" + Environment.NewLine + string.Join(Environment.NewLine, enumerated.Except(driver)));

    private static string Describe(ISymbol owner, ImmutableArray<IOperation> blocks) =>
        owner.ToDisplayString() + " [" + owner.Kind + "] in " + Path.GetFileName(blocks[0].Syntax.SyntaxTree.FilePath) + ": "
        + string.Join(", ", blocks.Select(b => b.Kind + " " + b.Syntax.Span));

    private static Project CreateProject((string Name, string Code)[] sources, OutputKind outputKind) =>
        TestProjectBuilder.Create(
            sources.Select(s => ("/0/" + s.Name, s.Code)).ToArray(),
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            outputKind,
            LanguageVersion.Latest);

    /// <summary>What the driver hands an operation-block action.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class DriverBlocks : DiagnosticAnalyzer
    {
        public ConcurrentBag<string> Lines { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockAction(block => Lines.Add(Describe(block.OwningSymbol, block.OperationBlocks)));
        }
    }

    /// <summary>What the shared enumeration hands the rules.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EnumeratedBlocks : DiagnosticAnalyzer
    {
        public ConcurrentBag<string> Lines { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSemanticModelAction(model => OperationBlocksOfFile.ForEach(
                model.SemanticModel,
                Lines,
                static (owner, blocks, lines) => lines.Add(Describe(owner, blocks)),
                model.CancellationToken));
        }
    }

    private static readonly DiagnosticDescriptor Never = new("TEST0001", "Never", "Never", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
}
