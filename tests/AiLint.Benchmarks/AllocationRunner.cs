using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--alloc" mode: bytes allocated and CPU time (all threads) per analyzer set, each minus the empty-analyzer run.
/// Allocation counts barely move with machine load, so they locate cost where wall-clock medians are too noisy.
/// </summary>
public static class AllocationRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        BenchInputs.Analyze(compilation, BenchInputs.All(), additional); // warm-up: JIT, metadata
        var baseline = Measure(compilation, ImmutableArray<DiagnosticAnalyzer>.Empty, additional, reps);
        Console.WriteLine($"## Allocations and CPU over the empty analyzer, {files} files, best of {reps}");
        Console.WriteLine("| set | extra MB allocated | extra CPU ms (all threads) |");
        Console.WriteLine("|---|---|---|");
        foreach (var family in new[] { "All" }.Concat(BenchInputs.Families()))
        {
            var (bytes, cpu) = Measure(compilation, BenchInputs.OfFamily(family), additional, reps);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {family} | {(bytes - baseline.Bytes) / 1e6:F1} | {cpu - baseline.CpuMs:F0} |"));
        }
    }

    private static (long Bytes, double CpuMs) Measure(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> additional, int reps)
    {
        var best = (Bytes: long.MaxValue, CpuMs: double.MaxValue);
        for (var i = 0; i < reps; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            BenchInputs.Analyze(compilation, analyzers, additional);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            best = (Math.Min(best.Bytes, allocated), Math.Min(best.CpuMs, cpuMs));
        }

        return best;
    }
}
