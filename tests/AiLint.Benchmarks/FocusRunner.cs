using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--focus" mode: a few named AiLint analyzers beside <see cref="OperationTreeAnalyzer"/> (which stands for the
/// SDK's CA analyzers, so the IOperation trees are built as in a real build), alternated rep by rep with the
/// OperationTreeAnalyzer alone, on fresh clones of the mixed corpus. Per rep: process CPU time, allocated bytes, and
/// Roslyn's callback time of each named analyzer; printed as best and median, with a hash of the diagnostics so a
/// run of the changed analyzer assembly can be checked against the unchanged one (same hash: same findings).
/// </summary>
public static class FocusRunner
{
    public static void Run(int files, int reps, string names, bool allocationTypes = false)
    {
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (compilation, additional) = BenchInputs.Mixed(files);
        var baseline = ImmutableArray.Create<DiagnosticAnalyzer>(new OperationTreeAnalyzer());
        ImmutableArray<DiagnosticAnalyzer> Focused() =>
            BenchInputs.All().Where(a => wanted.Contains("All") || wanted.Contains(a.GetType().Name)).ToImmutableArray().Add(new OperationTreeAnalyzer())
                .AddRange(wanted.Contains(nameof(SemanticModelProbeAnalyzer)) ? new DiagnosticAnalyzer[] { new SemanticModelProbeAnalyzer() } : Array.Empty<DiagnosticAnalyzer>());

        Console.WriteLine($"## Focus: {string.Join(", ", Focused().Select(a => a.GetType().Name))}; {files} files, {reps} reps, load {Load()}");
        var hash = Hash(BenchInputs.Analyze(compilation, Focused(), additional)); // warm-up: JIT, metadata
        BenchInputs.Analyze(compilation, baseline, additional);
        var cpuDelta = new List<double>();
        var bytesDelta = new List<double>();
        var cpuFocused = new List<double>();
        var callback = new Dictionary<string, List<double>>();
        using var types = allocationTypes ? new AllocationTypes() : null;
        var baseTypes = new Dictionary<string, double>();
        var focusedTypes = new Dictionary<string, double>();
        for (var rep = 0; rep < reps; rep++)
        {
            var (baseCpu, baseBytes, _) = Sampled(types, baseTypes, () => Measure(compilation, baseline, additional));
            var (cpu, bytes, result) = Sampled(types, focusedTypes, () => Measure(compilation, Focused(), additional));
            cpuDelta.Add(cpu - baseCpu);
            bytesDelta.Add((bytes - baseBytes) / 1e6);
            cpuFocused.Add(cpu);
            foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
            {
                var name = analyzer.GetType().Name;
                if (!callback.TryGetValue(name, out var list))
                {
                    callback[name] = list = new List<double>();
                }

                list.Add(info.ExecutionTime.TotalMilliseconds);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"diagnostics hash {hash}; CPU delta over trees: best {cpuDelta.Min():F0} ms, median {Median(cpuDelta):F0} ms; focused CPU best {cpuFocused.Min():F0} ms; allocated delta: best {bytesDelta.Min():F1} MB, median {Median(bytesDelta):F1} MB; load {Load()}"));
        foreach (var (name, times) in callback.Where(c => c.Key != nameof(OperationTreeAnalyzer)).OrderByDescending(c => Median(c.Value)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: callback best {times.Min():F0} ms, median {Median(times):F0} ms"));
        }

        if (types != null)
        {
            // Sampled megabytes per rep, focused runs minus trees-alone runs: what the named analyzers add, by type.
            Console.WriteLine("  allocation ticks by type, MB per rep over the trees alone (sampled every ~100 KB):");
            foreach (var (type, total) in focusedTypes.Select(p => (p.Key, (p.Value - baseTypes.GetValueOrDefault(p.Key)) / reps / 1e6)).OrderByDescending(p => p.Item2).Take(30))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {total,7:F2}  {type}"));
            }
        }
    }

    private static T Sampled<T>(AllocationTypes? types, Dictionary<string, double> into, Func<T> run)
    {
        if (types == null)
        {
            return run();
        }

        types.Clear();
        types.Recording = true;
        var result = run();
        types.Recording = false;
        foreach (var (type, amount) in types.Snapshot())
        {
            into[type] = into.GetValueOrDefault(type) + amount;
        }

        return result;
    }

    private static (double CpuMs, long Bytes, AnalysisResult Result) Measure(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> additional)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        // GetAnalysisResultAsync carries the telemetry of this run (TelemetryRunner); it includes the compiler's diagnostics.
        var driver = compilation.Clone().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var result = driver.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - bytes, result);
    }

    private static string Hash(ImmutableArray<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal))
            .Select(d => d.Id + "|" + d.Location.GetLineSpan() + "|" + d.GetMessage(CultureInfo.InvariantCulture) + "|" + string.Join(";", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString())) + "|" + string.Join(";", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)))
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return $"{lines.Count} AIL diagnostics, {Convert.ToHexString(digest)[..12]}";
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
