using System.Globalization;
using AiLint.Analyzers.Schema;
using Microsoft.CodeAnalysis;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--schema" mode: the shape reader that AIL0401/AIL0403 and the generator share (<see cref="SchemaShapeReader"/>),
/// single-threaded, on every [LlmSchema] type of the mixed corpus. Each rep takes a fresh clone; the types and their
/// attributes are found untimed, then the well-known symbols and one <see cref="SchemaShapeReader.Read"/> per type are
/// timed (this thread's CPU time and allocations, best of N), with a hash of the shapes read (each provider's schema text written from
/// them, so the same hash means the same schemas). Its signature is unchanged across the session's analyzer
/// assemblies, so they can be swapped under one benchmark build.
/// </summary>
public static class SchemaRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, _) = BenchInputs.Mixed(files);
        var best = (Ms: double.MaxValue, Mb: double.MaxValue);
        var shapes = new List<string>();
        var count = 0;
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var clone = compilation.Clone();
            var attributeType = clone.GetTypeByMetadataName("AiLint.LlmSchemaAttribute");
            var types = new List<(INamedTypeSymbol Type, AttributeData Attribute)>();
            Collect(clone.Assembly.GlobalNamespace, attributeType, types);
            count = types.Count;
            shapes.Clear();
            var read = new List<SchemaShape>();
            var (ms, mb) = ThreadCpu.Measure(() =>
            {
                var known = SchemaKnownSymbols.Create(clone);
                foreach (var (type, attribute) in types)
                {
                    read.Add(SchemaShapeReader.Read(type, attribute, known, new Dictionary<string, INamedTypeSymbol>()));
                }
            });
            // What the shapes say, as each provider's schema text (descriptions, names, enums, bounds...).
            shapes.AddRange(read.Select(shape => string.Join("\n", SchemaProvidersExtensions.Each.Select(provider => SchemaJsonWriter.Write(shape, provider).Json))));
            if (rep >= 0)
            {
                best = (Math.Min(best.Ms, ms), Math.Min(best.Mb, mb));
            }
        }

        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", shapes)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Schema shapes, {files} files, {count} [LlmSchema] types, best of {reps}; load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  SchemaKnownSymbols.Create and SchemaShapeReader.Read of every type: {best.Ms:F1} ms / {best.Mb:F2} MB; shapes {Convert.ToHexString(digest)[..12]}"));
    }

    private static void Collect(INamespaceOrTypeSymbol container, INamedTypeSymbol? attributeType, List<(INamedTypeSymbol, AttributeData)> types)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamedTypeSymbol type)
            {
                foreach (var attribute in type.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                    {
                        types.Add((type, attribute));
                        break;
                    }
                }
            }

            if (member is INamespaceOrTypeSymbol nested)
            {
                Collect(nested, attributeType, types);
            }
        }
    }
}
