using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Robustness;

/// <summary>
/// The compiler server and the IDE keep analyzer and generator assemblies loaded for hours, across thousands of
/// compilations. A static cache (a Dictionary keyed by symbol, a List of syntax trees, a mutable static field)
/// leaks every compilation it touches and can leak results from one compilation into the next.
/// Microsoft.CodeAnalysis.Analyzers (RS1035 etc., errors in src) bans I/O; this test bans static mutable state.
/// </summary>
public class AnalyzerHygieneTests
{
    [Fact]
    public void AiLint_assemblies_hold_no_static_mutable_state()
    {
        var offenders = AiLintComponents.All.SelectMany(StaticStateScanner.Scan).ToList();
        Assert.True(offenders.Count == 0, "Static state that can outlive a compilation:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Scanner_reports_caches_and_accepts_constant_tables()
    {
        var offenders = StaticStateScanner.Scan(typeof(Fixtures)).ToList();

        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.SymbolCache), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.Names), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.LastCompilation), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.Counter), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.LazySymbol), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains("CachedTrees", StringComparison.Ordinal));
        Assert.Equal(6, offenders.Count);
    }

#pragma warning disable CS0649, CS0169, IDE0044, IDE0051, CA1823 // fields exist only to be scanned
    private static class Fixtures
    {
        public static readonly Dictionary<ISymbol, int> SymbolCache = new(SymbolEqualityComparer.Default);
        public static readonly HashSet<string> Names = new() { "must" };
        public static Compilation? LastCompilation;
        public static int Counter;
        public static readonly Lazy<INamedTypeSymbol?> LazySymbol = new(() => null);

        public static readonly System.Collections.Immutable.ImmutableHashSet<string> Keywords = System.Collections.Immutable.ImmutableHashSet.Create("never");
        public static readonly string[] Table = { "a", "b" };
        public static readonly ConditionalWeakTable<Compilation, object> PerCompilation = new();
        public static readonly Func<int, int> Identity = x => x;
        public const string Constant = "c";

        private static List<SyntaxTree> CachedTrees { get; } = new();
    }
#pragma warning restore CS0649, CS0169, IDE0044, IDE0051, CA1823
}

/// <summary>Finds static fields that hold mutable state or compilation-bound Roslyn objects.</summary>
internal static class StaticStateScanner
{
    /// <summary>Objects that belong to one compilation; holding one statically keeps the whole compilation alive.</summary>
    private static readonly Type[] CompilationBound =
    {
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxTree), typeof(SyntaxNode), typeof(SemanticModel), typeof(IOperation),
        typeof(Microsoft.CodeAnalysis.Text.SourceText), typeof(AdditionalText),
    };

    public static IEnumerable<string> Scan(Assembly assembly) => assembly.GetTypes().SelectMany(Scan);

    public static IEnumerable<string> Scan(Type type)
    {
        if (IsCompilerGenerated(type))
        {
            yield break; // lambda caches (<>c.<>9__0_0) and fixed-size data blocks the compiler emits
        }

        foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
        {
            if (field.IsLiteral)
            {
                continue;
            }

            var name = $"{type.FullName}.{field.Name} ({Describe(field.FieldType)})";
            if (!field.IsInitOnly)
            {
                yield return $"{name}: a static field that is not readonly";
            }
            else if (IsWeakTable(field.FieldType))
            {
                continue; // a ConditionalWeakTable keyed by compilation is the sanctioned per-compilation cache
            }
            else if (MentionsCompilationBound(field.FieldType))
            {
                yield return $"{name}: holds compilation-bound Roslyn objects";
            }
            else if (IsMutableCollection(field.FieldType))
            {
                yield return $"{name}: a mutable collection (use ImmutableArray/ImmutableHashSet/ImmutableDictionary, or per-compilation state)";
            }
        }
    }

    private static bool IsCompilerGenerated(Type type) =>
        type.GetCustomAttribute<CompilerGeneratedAttribute>() is not null
        || (type.DeclaringType is { } outer && IsCompilerGenerated(outer))
        || type.Name.StartsWith('<');

    private static bool IsWeakTable(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ConditionalWeakTable<,>);

    private static bool MentionsCompilationBound(Type type) =>
        CompilationBound.Any(b => b.IsAssignableFrom(type))
        || (type.IsArray && MentionsCompilationBound(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(MentionsCompilationBound));

    /// <summary>
    /// Collections that can grow or change after initialization. Arrays are allowed: a readonly array cannot grow,
    /// and constant lookup tables are commonly arrays (their elements are checked for compilation-bound types above).
    /// </summary>
    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray)
        {
            return false;
        }

        var ns = type.Namespace ?? string.Empty;
        if (ns.StartsWith("System.Collections.Immutable", StringComparison.Ordinal)
            || ns.StartsWith("System.Collections.Frozen", StringComparison.Ordinal)
            || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
                && (d == typeof(System.Collections.ObjectModel.ReadOnlyCollection<>) || d == typeof(System.Collections.ObjectModel.ReadOnlyDictionary<,>))))
        {
            return false;
        }

        return typeof(ICollection).IsAssignableFrom(type)
            || type.GetInterfaces().Append(type).Any(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>)));
    }

    private static string Describe(Type type) =>
        type.IsGenericType
            ? $"{type.Name.Split('`')[0]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
            : type.Name;
}
