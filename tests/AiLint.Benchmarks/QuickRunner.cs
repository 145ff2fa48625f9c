using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using AiLint.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "quick" mode: paired, alternating measurements and medians instead of BenchmarkDotNet's full statistics,
/// because the ratio, not the absolute time, is what survives a shared 2-core machine.
/// </summary>
public static class QuickRunner
{
    public static void Run(int[] sizes, int reps)
    {
        var analyzers = BenchInputs.All();
        Console.WriteLine($"AiLint quick benchmark: {analyzers.Length} analyzers ({string.Join(", ", BenchInputs.Families())}), " +
                          $"{AiLintComponents.CreateGenerators().Length} generators, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var families = new[] { "All" }.Concat(BenchInputs.Families()).ToList();
        foreach (var size in sizes)
        {
            AnalyzerCost(size, families, size >= 2000 ? Math.Max(3, reps - 2) : reps);
        }

        Generator(reps);
        EvalFile(reps);
    }

    private static void AnalyzerCost(int files, IReadOnlyList<string> families, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        Console.WriteLine();
        Console.WriteLine($"## Analyzer cost, {files} files ({compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count):N0} lines), median of {reps} alternating pairs");
        Console.WriteLine("| set | analyzers | empty analyzer (ms) | with set (ms) | median paired delta (ms) | ratio | AiLint ms per 1,000 files |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        BenchInputs.Analyze(compilation, BenchInputs.All(), additional); // warm-up: JIT, metadata
        var empty = ImmutableArray<DiagnosticAnalyzer>.Empty;
        foreach (var family in families)
        {
            var set = BenchInputs.OfFamily(family);
            Row(family, set.Length, empty, set);
        }

        // The IOperation trees are built once per compilation for all operation-based analyzers; a real build has some.
        var operations = ImmutableArray.Create<DiagnosticAnalyzer>(new OperationTreeAnalyzer());
        Row("IOperation-tree baseline vs empty", 1, empty, operations);
        Row("All vs IOperation-tree baseline", BenchInputs.All().Length, operations, operations.AddRange(BenchInputs.All()));

        void Row(string name, int count, ImmutableArray<DiagnosticAnalyzer> baselineSet, ImmutableArray<DiagnosticAnalyzer> set)
        {
            var (baseline, with) = Paired(reps,
                () => BenchInputs.Analyze(compilation, baselineSet, additional),
                () => BenchInputs.Analyze(compilation, set, additional));
            var delta = Median(baseline.Zip(with, (b, w) => w - b).ToList());
            Console.WriteLine(Invariant($"| {name} | {count} | {Median(baseline):F0} | {Median(with):F0} | {delta:F0} | {Median(with) / Median(baseline):F3} | {delta * 1000 / files:F0} |"));
        }

        // Where the time goes: Roslyn's own per-analyzer accounting (it understates the real cost, see the build script).
        var all = BenchInputs.All();
        var telemetryDriver = compilation.Clone().WithAnalyzers(all, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var result = telemetryDriver.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine();
        Console.WriteLine($"Per-analyzer execution time reported by AnalysisResult.AnalyzerTelemetryInfo ({files} files, one run; callbacks only, concurrent):");
        foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo.OrderByDescending(p => p.Value.ExecutionTime))
        {
            Console.WriteLine(Invariant($"  {analyzer.GetType().Name,-32} {info.ExecutionTime.TotalMilliseconds,8:F1} ms  ({string.Join(",", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct())})"));
        }
    }

    private static void Generator(int reps)
    {
        Console.WriteLine();
        Console.WriteLine($"## Generator, {GeneratorBenchmarks.SchemaTypes} [LlmSchema] types, median of {reps} reps");
        if (AiLintComponents.CreateGenerators().IsEmpty)
        {
            Console.WriteLine("No generator found.");
            return;
        }

        var inputs = GeneratorBenchmarks.Inputs();
        var edits = new (string Name, Compilation Compilation)[]
        {
            ("a method-body edit", inputs.BodyEdited),
            ("a new type in another file", inputs.NewTypeAdded),
        };
        // Warm-up: enough runs for tiered JIT to promote the once-per-run paths (30 calls) of the first and the second
        // runs, so neither is measured in tier-0 code (a long-lived IDE or compiler server runs tier-1 code).
        GeneratorDriver warm = null!;
        for (var i = 0; i < 30; i++)
        {
            warm = GeneratorBenchmarks.CreateDriver(false).RunGenerators(inputs.Compilation.Clone());
            warm.RunGenerators(edits[0].Compilation.Clone());
            if (i % 3 == 0)
            {
                warm.RunGenerators(edits[1].Compilation.Clone());
            }
        }

        // Every measured run gets a fresh clone of its compilation (new symbols, nothing bound yet), as each edit in an
        // IDE or each build produces a new compilation; reusing one would let later reps read symbols earlier ones bound.
        // Timed runs do not track steps: tracking (an IncrementalGeneratorRunStep per table entry) costs more than a
        // cached second run itself, and IDEs and builds do not turn it on. One tracked pass afterwards reports the steps.
        var first = new List<Sample>();
        var second = edits.Select(_ => new List<Sample>()).ToArray();
        for (var i = 0; i < reps; i++)
        {
            GeneratorDriver driver = null!;
            var compilation = inputs.Compilation.Clone();
            first.Add(Measure(() => driver = GeneratorBenchmarks.CreateDriver(trackSteps: false).RunGenerators(compilation)));

            // Both edits start from the same warm driver (drivers are immutable); alternate which goes first. A second
            // run is short, so each is repeated from the same warm state and the fastest kept (same work every time).
            for (var k = 0; k < edits.Length; k++)
            {
                var e = i % 2 == 0 ? k : edits.Length - 1 - k;
                var samples = new List<Sample>();
                for (var repeat = 0; repeat < 3; repeat++)
                {
                    var edited = edits[e].Compilation.Clone();
                    samples.Add(Measure(() => driver.RunGenerators(edited)));
                }

                second[e].Add(samples.MinBy(m => m.CpuMs)!);
            }
        }

        var tracked = GeneratorBenchmarks.CreateDriver(trackSteps: true).RunGenerators(inputs.Compilation.Clone());
        var secondResults = edits.Select(e => tracked.RunGenerators(e.Compilation.Clone()).GetRunResult()).ToArray();
        var firstMs = Median(first.Select(m => m.Ms).ToList());
        var firstCpu = Median(first.Select(m => m.CpuMs).ToList());
        var generated = secondResults[0].Results.Sum(r => r.GeneratedSources.Length);
        Console.WriteLine(Invariant($"first run {firstMs:F1} ms wall, {firstCpu:F1} ms CPU ({Median(first.Select(m => m.Mb).ToList()):F1} MB allocated); {generated} generated files"));
        for (var e = 0; e < edits.Length; e++)
        {
            var ms = Median(second[e].Select(m => m.Ms).ToList());
            var cpu = Median(second[e].Select(m => m.CpuMs).ToList());
            var ratios = second[e].Zip(first, (s, f) => s.CpuMs / f.CpuMs).ToList();
            Console.WriteLine(Invariant($"second run after {edits[e].Name}: {ms:F1} ms wall ({ms / firstMs:P1}), {cpu:F1} ms CPU ({cpu / firstCpu:P1} of the first run; per-rep CPU ratios {string.Join(", ", ratios.Select(r => r.ToString("P1", CultureInfo.InvariantCulture)))}), {Median(second[e].Select(m => m.Mb).ToList()):F2} MB allocated"));
            foreach (var result in secondResults[e].Results)
            {
                // Output steps are the emit steps (RegisterSourceOutput): after either edit every one must be Cached/Unchanged.
                var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).GroupBy(o => o.Reason)
                    .Select(g => $"{g.Key}={g.Count()}");
                Console.WriteLine($"  {result.Generator.GetGeneratorType().Name}: emit outputs [{string.Join(", ", outputs)}]");
                foreach (var step in result.TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    var reasons = step.Value.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key}={g.Count()}");
                    Console.WriteLine($"    step {step.Key}: {string.Join(", ", reasons)}");
                }
            }
        }

        // Wall time, this process's CPU time (less sensitive to other processes on a shared machine; includes the
        // runtime's background threads) and allocated bytes.
        static Sample Measure(Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = ProcessCpuTime();
            var watch = Stopwatch.StartNew();
            action();
            var ms = watch.Elapsed.TotalMilliseconds;
            var cpuMs = (ProcessCpuTime() - cpu).TotalMilliseconds;
            return new Sample(ms, cpuMs, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1024.0 / 1024);
        }
    }

    private sealed record Sample(double Ms, double CpuMs, double Mb);

    /// <summary>The process's CPU time; on Linux from clock_gettime (nanoseconds; /proc's figure has 10 ms ticks).</summary>
    internal static TimeSpan ProcessCpuTime()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(2 /* CLOCK_PROCESS_CPUTIME_ID */, out var time) == 0)
        {
            return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
        }

        return Process.GetCurrentProcess().TotalProcessorTime;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static void EvalFile(int reps)
    {
        Console.WriteLine();
        Console.WriteLine($"## Eval file of {EvalFileBenchmarks.Cases:N0} cases, Evaluation rules, {EvalFileBenchmarks.PromptFiles} prompt files + 150 ordinary files");
        var (compilation, evalFile, analyzers) = EvalFileBenchmarks.Inputs();
        if (analyzers.IsEmpty)
        {
            Console.WriteLine("No Evaluation analyzer found.");
            return;
        }

        var file = (CountingAdditionalText)evalFile[0];
        BenchInputs.Analyze(compilation, analyzers, evalFile);
        var (without, with) = Paired(reps,
            () => BenchInputs.Analyze(compilation, analyzers, ImmutableArray<AdditionalText>.Empty),
            () => BenchInputs.Analyze(compilation, analyzers, evalFile));
        Console.WriteLine(Invariant($"without the file {Median(without):F0} ms, with it {Median(with):F0} ms: median paired delta {Median(without.Zip(with, (a, b) => b - a).ToList()):F0} ms"));

        file.ResetReads();
        var diagnostics = BenchInputs.Analyze(compilation, analyzers, evalFile);
        var firstReads = file.Reads;
        file.ResetReads();
        var editedTree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(editedTree, editedTree.WithChangedText(editedTree.GetText().Replace(0, 0, "// edited\n")));
        BenchInputs.Analyze(edited, analyzers, evalFile);
        Console.WriteLine($"AdditionalText.GetText calls: {firstReads} for one compilation ({analyzers.Length} Evaluation analyzers), {file.Reads} for the next compilation after an unrelated edit; {diagnostics.Count(d => d.Id.StartsWith("AIL", StringComparison.Ordinal))} AIL diagnostics");
    }

    /// <summary>Runs <paramref name="a"/> and <paramref name="b"/> alternately, swapping which goes first, and times each.</summary>
    private static (List<double> A, List<double> B) Paired(int reps, Action a, Action b)
    {
        var ta = new List<double>();
        var tb = new List<double>();
        for (var i = 0; i < reps; i++)
        {
            if (i % 2 == 0)
            {
                ta.Add(Time(a));
                tb.Add(Time(b));
            }
            else
            {
                tb.Add(Time(b));
                ta.Add(Time(a));
            }
        }

        return (ta, tb);
    }

    /// <summary>Milliseconds <paramref name="action"/> takes, after a full collection so earlier garbage is not billed to it.</summary>
    internal static double Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
