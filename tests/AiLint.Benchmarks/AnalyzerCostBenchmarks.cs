using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// Compile + analyze cost with AiLint's analyzers (all, or one rule family) against the same work with an empty
/// analyzer, in the same run: the Ratio column is the figure that counts (target: All at most 1.10 at 2,000 files).
/// </summary>
[MemoryDiagnoser]
public class AnalyzerCostBenchmarks
{
    private Compilation compilation = null!;
    private ImmutableArray<AdditionalText> additional;
    private ImmutableArray<DiagnosticAnalyzer> analyzers;

    [Params(200, 2000)]
    public int Files { get; set; }

    [ParamsSource(nameof(Sets))]
    public string Set { get; set; } = "All";

    public static IEnumerable<string> Sets => new[] { "All" }.Concat(BenchInputs.Families());

    [GlobalSetup]
    public void Setup()
    {
        (compilation, additional) = BenchInputs.Mixed(Files);
        analyzers = BenchInputs.OfFamily(Set);
    }

    [Benchmark(Baseline = true)]
    public int EmptyAnalyzer() => BenchInputs.Analyze(compilation, ImmutableArray<DiagnosticAnalyzer>.Empty, additional).Length;

    [Benchmark]
    public int AiLint() => BenchInputs.Analyze(compilation, analyzers, additional).Length;
}
