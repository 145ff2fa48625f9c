using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--alloc" mode: bytes allocated per analyzer set, minus the empty-analyzer run. Allocation counts move far less
/// with machine load than wall-clock medians (differences under ~15 MB are still noise), so they locate cost where
/// timings cannot. Process CPU time was tried and dropped: tiered JIT made it meaningless here.
/// </summary>
public static class AllocationRunner
{
    public static void Run(int files, int reps, string? onlyFamily = null)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        BenchInputs.Analyze(compilation, BenchInputs.All(), additional); // warm-up: JIT, metadata
        var baseline = Measure(compilation, ImmutableArray<DiagnosticAnalyzer>.Empty, additional, reps);
        Console.WriteLine($"## Allocations over the empty analyzer, {files} files, best of {reps}");
        Console.WriteLine("| set | extra MB allocated |");
        Console.WriteLine("|---|---|");
        var families = onlyFamily is null ? new[] { "All" }.Concat(BenchInputs.Families()) : new[] { onlyFamily };
        foreach (var family in families)
        {
            var bytes = Measure(compilation, BenchInputs.OfFamily(family), additional, reps);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {family} | {(bytes - baseline) / 1e6:F1} |"));
        }
    }

    private static long Measure(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> additional, int reps)
    {
        var best = long.MaxValue;
        for (var i = 0; i < reps; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            BenchInputs.Analyze(compilation, analyzers, additional);
            best = Math.Min(best, GC.GetTotalAllocatedBytes(precise: true) - bytes);
        }

        return best;
    }
}
