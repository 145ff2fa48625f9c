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
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.Seen), StringComparison.Ordinal) && o.Contains(nameof(Fixtures.Remember), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.Concurrent), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.LastCompilation), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.Counter), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(Fixtures.LazySymbol), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains("CachedTrees", StringComparison.Ordinal));
        Assert.Equal(7, offenders.Count); // not Names, Keywords, Table, NoOperations, PerCompilation, Identity, Constant
    }

#pragma warning disable CS0649, CS0169, IDE0044, IDE0051, CA1823 // fields exist only to be scanned
    private static class Fixtures
    {
        public static readonly Dictionary<ISymbol, int> SymbolCache = new(SymbolEqualityComparer.Default);
        public static readonly HashSet<string> Names = new() { "must" };
        public static readonly HashSet<string> Seen = new();
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Concurrent = new();
        public static readonly IReadOnlyList<IOperation> NoOperations = Array.Empty<IOperation>();
        public static Compilation? LastCompilation;
        public static int Counter;
        public static readonly Lazy<INamedTypeSymbol?> LazySymbol = new(() => null);

        public static readonly System.Collections.Immutable.ImmutableHashSet<string> Keywords = System.Collections.Immutable.ImmutableHashSet.Create("never");
        public static readonly string[] Table = { "a", "b" };
        public static readonly ConditionalWeakTable<Compilation, object> PerCompilation = new();
        public static readonly Func<int, int> Identity = x => x;
        public const string Constant = "c";

        private static List<SyntaxTree> CachedTrees { get; } = new();

        public static bool IsKeyword(string word) => Names.Contains(word);

        public static void Remember(string word)
        {
            if (word.Length > 0)
            {
                Seen.Add(word.Trim());
            }
        }
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
            else if (MentionsCompilationBound(field.FieldType) && !IsEmptyConstant(field))
            {
                yield return $"{name}: holds compilation-bound Roslyn objects";
            }
            else if (IsConcurrentCollection(field.FieldType))
            {
                yield return $"{name}: a concurrent collection is a cache by design (keep per-compilation state in a CompilationStart action)";
            }
            else if (IsMutableCollection(field.FieldType) && MutatingCallers(field).ToList() is { Count: > 0 } callers)
            {
                // A readonly HashSet or Dictionary filled once in the static constructor is a lookup table; one that
                // is written to afterwards is a cache.
                yield return $"{name}: a static cache, mutated by {string.Join(", ", callers)}";
            }
        }
    }

    /// <summary>An empty array or immutable collection holds nothing, whatever its element type (e.g. a shared "none" list).</summary>
    private static bool IsEmptyConstant(FieldInfo field) =>
        field.GetValue(null) switch
        {
            null => true,
            Array array => array.Length == 0,
            ICollection collection => collection.Count == 0 && (field.FieldType.Namespace ?? string.Empty).StartsWith("System.Collections.Immutable", StringComparison.Ordinal),
            _ => false,
        };

    private static bool IsConcurrentCollection(Type type) => type.Namespace == "System.Collections.Concurrent";

    /// <summary>Mutating collection members: a call to one of these on a static field makes it a cache.</summary>
    private static readonly string[] MutatingMembers =
    {
        "Add", "AddRange", "Remove", "RemoveAll", "RemoveAt", "RemoveWhere", "Clear", "Insert", "InsertRange", "set_Item",
        "TryAdd", "TryRemove", "TryUpdate", "GetOrAdd", "AddOrUpdate", "UnionWith", "ExceptWith", "IntersectWith",
        "SymmetricExceptWith", "Push", "Pop", "Enqueue", "Dequeue", "Sort", "Reverse", "TrimExcess",
    };

    /// <summary>
    /// Methods other than static constructors that load the field and then call a mutating member of the collection.
    /// A small IL walk: after each <c>ldsfld</c> of the field, the first call to a member of the field's type decides.
    /// </summary>
    private static IEnumerable<string> MutatingCallers(FieldInfo field)
    {
        var assembly = field.DeclaringType!.Assembly;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>()
                .Concat(type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is not null && IlWalker.MutatesField(method.Module, il, field, MutatingMembers))
                {
                    yield return $"{type.Name}.{method.Name}";
                }
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

/// <summary>Just enough of an IL decoder to follow a static field to the collection member called on it.</summary>
internal static class IlWalker
{
    private static readonly Dictionary<short, System.Reflection.Emit.OpCode> OpCodesByValue =
        typeof(System.Reflection.Emit.OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (System.Reflection.Emit.OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

    private const int LookAhead = 40;

    public static bool MutatesField(Module module, byte[] il, FieldInfo field, IReadOnlyCollection<string> mutating)
    {
        var instructions = Decode(il).ToList();
        for (var i = 0; i < instructions.Count; i++)
        {
            var (op, token) = instructions[i];
            if (op != System.Reflection.Emit.OpCodes.Ldsfld || Resolve(module, token, m => m.ResolveField(token)) is not { } loaded
                || loaded.MetadataToken != field.MetadataToken || loaded.Module != field.Module)
            {
                continue;
            }

            for (var j = i + 1; j < Math.Min(instructions.Count, i + LookAhead); j++)
            {
                var (next, nextToken) = instructions[j];
                if ((next == System.Reflection.Emit.OpCodes.Call || next == System.Reflection.Emit.OpCodes.Callvirt)
                    && Resolve(module, nextToken, m => m.ResolveMethod(nextToken)) is { DeclaringType: { } declaring } called
                    && declaring.IsAssignableFrom(field.FieldType))
                {
                    if (mutating.Contains(called.Name))
                    {
                        return true;
                    }

                    break;
                }
            }
        }

        return false;
    }

    private static T? Resolve<T>(Module module, int token, Func<Module, T?> resolve)
        where T : class
    {
        try
        {
            return resolve(module);
        }
        catch (ArgumentException)
        {
            return null; // a token of a generic context we do not supply
        }
    }

    private static IEnumerable<(System.Reflection.Emit.OpCode Op, int Token)> Decode(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE && i < il.Length)
            {
                value = (short)(0xFE00 | il[i++]);
            }

            if (!OpCodesByValue.TryGetValue(value, out var op))
            {
                yield break;
            }

            var token = 0;
            switch (op.OperandType)
            {
                case System.Reflection.Emit.OperandType.InlineNone:
                    break;
                case System.Reflection.Emit.OperandType.ShortInlineBrTarget:
                case System.Reflection.Emit.OperandType.ShortInlineI:
                case System.Reflection.Emit.OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case System.Reflection.Emit.OperandType.InlineVar:
                    i += 2;
                    break;
                case System.Reflection.Emit.OperandType.InlineI8:
                case System.Reflection.Emit.OperandType.InlineR:
                    i += 8;
                    break;
                case System.Reflection.Emit.OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, i);
                    i += 4 + (4 * count);
                    break;
                default:
                    token = BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
            }

            yield return (op, token);
        }
    }
}
