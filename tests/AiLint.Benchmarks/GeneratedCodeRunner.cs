using System.Globalization;
using System.Text;
using AiLint.Tests.Robustness.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--compile-generated" mode: what compiling generated code costs, AiLint's against System.Text.Json's for the same
/// types. Takes the files `scripts/bench-build.sh` wrote with GENERATOR_VS_STJ=1 (EmitCompilerGeneratedFiles), so no
/// generator runs here: each compilation is the corpus's schema files plus one generator's output (plus, for STJ, the
/// JsonSerializerContext declaration), compiled and emitted to memory, against the schema files alone.
/// </summary>
public static class GeneratedCodeRunner
{
    public static void Run(string benchWork, int reps)
    {
        var schemas = LlmAppCorpus.Generate(1000).Sources
            .Where(s => s.Content.Contains("[LlmSchema]", StringComparison.Ordinal))
            .Select(s => Parse(s.Path, s.Content)).ToList();
        var ailint = Directory.GetFiles(Path.Combine(benchWork, "ailint-generator/obj/Debug/net10.0/generated/AiLint.Generators"), "*.cs", SearchOption.AllDirectories);
        var stj = Directory.GetFiles(Path.Combine(benchWork, "stj/obj/Debug/net10.0/generated/System.Text.Json.SourceGeneration"), "*.cs", SearchOption.AllDirectories)
            .Append(Path.Combine(benchWork, "stj/BenchJsonContext.cs")).ToArray();
        var baseline = BenchInputs.Compile(Array.Empty<(string, string)>()).AddSyntaxTrees(schemas);
        var withAiLint = baseline.AddSyntaxTrees(ailint.Select(p => Parse(p, File.ReadAllText(p))));
        var withStj = baseline.AddSyntaxTrees(stj.Select(p => Parse(p, File.ReadAllText(p))));
        Console.WriteLine($"## Compiling generated code: {schemas.Count} schema files; AiLint {ailint.Length} files, STJ {stj.Length} files; median of {reps}, load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        foreach (var (name, compilation) in new[] { ("AiLint", withAiLint), ("STJ", withStj) })
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
            if (errors.Count > 0)
            {
                Console.WriteLine($"{name} does not compile: {string.Join(" | ", errors)}");
            }
        }

        var samples = new Dictionary<string, List<double>> { ["schemas alone"] = new(), ["+ AiLint's output"] = new(), ["+ STJ's output"] = new() };
        var inputs = new[] { ("schemas alone", baseline), ("+ AiLint's output", withAiLint), ("+ STJ's output", withStj) };
        for (var i = 0; i <= reps; i++)
        {
            // Rotate the order each rep so no variant always runs first.
            for (var k = 0; k < inputs.Length; k++)
            {
                var (name, compilation) = inputs[(i + k) % inputs.Length];
                var fresh = compilation.Clone();
                var cpu = QuickRunner.ProcessCpuTime();
                using var stream = new MemoryStream();
                fresh.Emit(stream);
                if (i > 0)
                {
                    samples[name].Add((QuickRunner.ProcessCpuTime() - cpu).TotalMilliseconds);
                }
            }
        }

        var schemasAlone = QuickRunner.Median(samples["schemas alone"]);
        foreach (var (name, values) in samples)
        {
            var median = QuickRunner.Median(values);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {median:F0} ms CPU (compile + emit) | +{median - schemasAlone:F0} ms over the schemas | reps {string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))} |"));
        }
    }

    private static SyntaxTree Parse(string path, string text) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), BenchInputs.ParseOptions, path);
}
