using System.Globalization;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--gate" mode: what the shared relevance gate (<see cref="RelevantFiles"/>) costs to build on the mixed corpus,
/// split into its seeds (symbol tables) and the whole gate, on clones of one compilation (decoded metadata shared, as in
/// a warm compiler server), median of several runs. Its cost is paid once per compilation, inside whichever analyzer
/// asks first, so Roslyn's per-analyzer telemetry charges it to that analyzer.
/// </summary>
public static class GateRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var seeds = new List<double>();
        var gate = new List<double>();
        var relevant = 0;
        for (var i = 0; i < reps + 1; i++)
        {
            var a = compilation.Clone();
            var b = compilation.Clone();
            var s = QuickRunner.Time(() => GC.KeepAlive(RelevanceSeeds.Compute(a, options)));
            var g = QuickRunner.Time(() =>
            {
                var files = RelevantFiles.For(b, options);
                relevant = b.SyntaxTrees.Count(t => files.IsRelevant(t));
            });
            if (i > 0)
            {
                seeds.Add(s);
                gate.Add(g);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Relevance gate, {files} files ({relevant} relevant), median of {reps}: seeds {Median(seeds):F0} ms, whole gate {Median(gate):F0} ms"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
