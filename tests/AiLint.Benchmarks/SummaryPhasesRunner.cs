using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// Where the project summary's time goes, phase by phase (<see cref="BindingProbe.Phases"/>), with the semantic models'
/// nullable analysis on (the plain models) and off (what the generator uses where Roslyn can), alternately on fresh
/// compilations of freshly parsed trees, and whether both give the same entries.
/// </summary>
/// <remarks>
/// <c>--summary-phases [--files 1000] [--reps 5] [--layered] [--trace-only off|on] [--marginal]</c>. Wall time per phase swings with
/// the machine's load; the bytes allocated on the thread are the steady figure, and the process CPU time is given for
/// the whole build. <c>--trace-only</c> runs one mode only, for a profiler (<c>dotnet-trace collect -- ...</c>).
/// </remarks>
public static class SummaryPhasesRunner
{
    public static int Run(string[] args)
    {
        var files = IntOption(args, "--files", 1000);
        var reps = IntOption(args, "--reps", 5);
        var layered = args.Contains("--layered");
        var only = Option(args, "--trace-only");
        var compilation = layered ? BenchInputs.Compile(LayeredCorpus(files)) : BenchInputs.Mixed(files).Compilation;
        if (args.Contains("--syntax"))
        {
            // The name filter's bytes beyond realising the red nodes (which the compiler's binding shares).
            for (var rep = 0; rep < reps; rep++)
            {
                var input = Reparsed(compilation);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var nodes = input.SyntaxTrees.Sum(t => t.GetRoot().DescendantNodes().Count());
                var walked = GC.GetAllocatedBytesForCurrentThread();
                MayCallModelNames.Compute(input, Array.Empty<string>(), CancellationToken.None);
                var filtered = GC.GetAllocatedBytesForCurrentThread();
                var again = Reparsed(compilation);
                var start = GC.GetAllocatedBytesForCurrentThread();
                MayCallModelNames.Compute(again, Array.Empty<string>(), CancellationToken.None);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{nodes} nodes: walking every node {(walked - before) / 1e6:F1} MB, then the name filter {(filtered - walked) / 1e6:F1} MB; the name filter alone on fresh trees {(GC.GetAllocatedBytesForCurrentThread() - start) / 1e6:F1} MB"));
            }

            return 0;
        }

        if (args.Contains("--marginal"))
        {
            return Marginal(compilation, reps, layered);
        }

        Console.WriteLine($"## Project summary phases, {files} {(layered ? "layered-wrapper" : "mixed")} files, median of {reps} reps, " +
            $"Roslyn {typeof(Compilation).Assembly.GetName().Version}, models without nullable analysis available: {SummarySemanticModels.CanDisableNullableAnalysis}, " +
            $"nullable context {compilation.Options.NullableContextOptions}, load {Load()}");

        var runs = new Dictionary<bool, List<PhaseRun>> { [true] = new(), [false] = new() };
        string? reference = null;
        var options = new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);
        for (var rep = 0; rep < reps; rep++)
        {
            // Alternate which mode goes first, so a load swing does not always hit the same one.
            foreach (var nullableAnalysis in rep % 2 == 0 ? new[] { true, false } : new[] { false, true })
            {
                if (only is not null && nullableAnalysis != (only == "on"))
                {
                    continue;
                }

                var input = Reparsed(compilation);
                var probe = new BindingProbe { AllocatedBytes = GC.GetAllocatedBytesForCurrentThread };
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var entries = ProjectSummaryBuilder.Build(input, options, CancellationToken.None, probe, nullableAnalysis);
                var wall = watch.Elapsed.TotalMilliseconds;
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1e6;
                var text = string.Join("\n", entries.Select(e => e.Key + " " + e.Value));
                reference ??= text;
                if (text != reference)
                {
                    Console.WriteLine($"!! rep {rep}, nullable analysis {(nullableAnalysis ? "on" : "off")}: entries differ");
                }

                runs[nullableAnalysis].Add(new PhaseRun(wall, cpu, megabytes, probe, entries.Length));
            }
        }

        foreach (var (nullableAnalysis, list) in runs)
        {
            if (list.Count == 0)
            {
                continue;
            }

            var last = list[^1].Probe;
            Console.WriteLine();
            Console.WriteLine($"### nullable analysis {(nullableAnalysis ? "on (plain models)" : "off")}: {list[^1].Entries} entries; " +
                $"{last.Candidates} candidates, {last.Explored.Count} explored, {last.WholeBodies} bodies bound whole, {last.Invocations} calls bound one by one");
            Console.WriteLine("| phase | wall ms | allocated MB |");
            Console.WriteLine("|---|---|---|");
            foreach (var (phase, _, _) in last.Phases)
            {
                var walls = list.Select(r => r.Probe.Phases.FirstOrDefault(p => p.Phase == phase).Wall.TotalMilliseconds).ToList();
                var bytes = list.Select(r => r.Probe.Phases.FirstOrDefault(p => p.Phase == phase).Bytes / 1e6).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phase} | {QuickRunner.Median(walls):F0} | {QuickRunner.Median(bytes):F1} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| **whole build** | {QuickRunner.Median(list.Select(r => r.Wall).ToList()):F0} (CPU {QuickRunner.Median(list.Select(r => r.Cpu).ToList()):F0}; per rep {string.Join(", ", list.Select(r => r.Cpu.ToString("F0", CultureInfo.InvariantCulture)))}) | {QuickRunner.Median(list.Select(r => r.Megabytes).ToList()):F1} |"));
        }

        Console.WriteLine($"load at the end: {Load()}");
        return 0;
    }

    /// <summary>
    /// What the summary adds to a build: the summary on a fresh compilation, then the compiler's binding of that
    /// compilation plus one generated file (as the driver hands on the same syntax trees, so red nodes and declarations
    /// built by the summary are the compiler's too), against the binding alone; each mode's figures are the CPU time and
    /// bytes of both steps together, modes alternating per rep.
    /// </summary>
    private static int Marginal(Compilation compilation, int reps, bool layered)
    {
        Console.WriteLine($"## Summary plus compile vs compile alone, {compilation.SyntaxTrees.Count()} {(layered ? "layered-wrapper" : "mixed")} files, median of {reps} reps, load {Load()}");
        var options = new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);
        var modes = new[] { "compile alone", "summary (nullable analysis on) + compile", "summary (nullable analysis off) + compile" };
        var cpu = modes.ToDictionary(m => m, _ => new List<double>());
        var bytes = modes.ToDictionary(m => m, _ => new List<double>());
        for (var rep = 0; rep < reps; rep++)
        {
            for (var i = 0; i < modes.Length; i++)
            {
                var mode = modes[(i + rep) % modes.Length];
                var input = Reparsed(compilation);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                if (mode != modes[0])
                {
                    ProjectSummaryBuilder.Build(input, options, CancellationToken.None, nullableAnalysis: mode == modes[1]);
                }

                input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("// generated\n[assembly: System.Reflection.AssemblyMetadata(\"k\", \"v\")]", (CSharpParseOptions)input.SyntaxTrees.First().Options)).GetDiagnostics();
                process.Refresh();
                cpu[mode].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                bytes[mode].Add((GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1e6);
            }
        }

        Console.WriteLine("| | CPU ms (per rep) | allocated MB | over compile alone: CPU ms, MB |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var mode in modes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {mode} | {QuickRunner.Median(cpu[mode]):F0} ({string.Join(", ", cpu[mode].Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))}) | {QuickRunner.Median(bytes[mode]):F1} | " +
                $"{QuickRunner.Median(cpu[mode]) - QuickRunner.Median(cpu[modes[0]]):F0}, {QuickRunner.Median(bytes[mode]) - QuickRunner.Median(bytes[modes[0]]):F1} |"));
        }

        Console.WriteLine($"load at the end: {Load()}");
        return 0;
    }

    private sealed record PhaseRun(double Wall, double Cpu, double Megabytes, BindingProbe Probe, int Entries);

    /// <summary>The helper-chain corpus of <c>--summary --layered</c> (private there; owned with that runner).</summary>
    private static IEnumerable<(string Path, string Content)> LayeredCorpus(int files) =>
        (IEnumerable<(string, string)>)typeof(SummaryRunner).GetMethod("LayeredCorpus", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, new object[] { files })!;

    private static Compilation Reparsed(Compilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
