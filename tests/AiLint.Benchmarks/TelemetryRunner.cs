using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--telemetry" mode: Roslyn's own per-analyzer callback time (<c>GetAnalyzerTelemetryInfoAsync</c> with execution
/// time logging), all AiLint analyzers together, median of several runs. It counts only time spent inside each analyzer's
/// callbacks, not the driver's shared work (IOperation trees, semantic models), so it locates cost per analyzer but
/// understates the total; the paired deltas of "--quick" are the figures that count.
/// </summary>
public static class TelemetryRunner
{
    public static void Run(int files, int reps, string? family = null)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var analyzers = family is null ? BenchInputs.All() : BenchInputs.OfFamily(family);
        BenchInputs.Analyze(compilation, analyzers, additional); // warm-up: JIT, metadata
        var samples = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>());
        for (var i = 0; i < reps; i++)
        {
            // GetAnalysisResultAsync carries the telemetry of this run (GetAnalyzerTelemetryInfoAsync after
            // GetAllDiagnosticsAsync reports zeros).
            var driver = compilation.Clone().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
            var result = driver.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
            foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
            {
                samples[analyzer.GetType().Name].Add(info.ExecutionTime.TotalMilliseconds);
            }
        }

        Console.WriteLine($"## Analyzer callback time (Roslyn telemetry), {files} files, median of {reps}");
        Console.WriteLine("| analyzer | ms |");
        Console.WriteLine("|---|---|");
        foreach (var (name, times) in samples.OrderByDescending(s => Median(s.Value)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(times):F0} |"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
