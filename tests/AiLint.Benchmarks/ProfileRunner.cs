using System.Diagnostics;
using System.Globalization;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--profile" mode: a steady loop for a sampling profiler (dotnet-trace). Each rep analyses a fresh clone of the
/// mixed corpus with every AiLint analyzer beside <see cref="OperationTreeAnalyzer"/> (which stands for the SDK's CA
/// analyzers, so IOperation trees are built as in a real build) and runs the project summary generator on freshly
/// parsed trees, as a build does. It prints each rep's CPU time and allocations so a profile can be read against them;
/// "--what analyzers" or "--what summary" runs one half only.
/// </summary>
public static class ProfileRunner
{
    public static void Run(int files, int reps, string what)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var withTrees = BenchInputs.All().Add(new OperationTreeAnalyzer());
        var analyzers = what != "summary";
        var summary = what != "analyzers";
        Console.WriteLine($"## Profile loop, {files} files, {reps} reps, {what}, {Environment.ProcessorCount} cores, load {Load()}");
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            if (analyzers)
            {
                BenchInputs.Analyze(compilation, withTrees, additional);
            }

            var afterAnalyzers = Snapshot();
            if (summary)
            {
                GeneratorDriver driver = CSharpGeneratorDriver.Create(new ProjectSummaryGenerator());
                driver.RunGenerators(Reparsed(compilation));
            }

            var end = Snapshot();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rep {rep}: analyzers {(afterAnalyzers.Cpu - cpu).TotalMilliseconds:F0} ms CPU, {(afterAnalyzers.Bytes - bytes) / 1e6:F1} MB; summary (with parsing) {(end.Cpu - afterAnalyzers.Cpu).TotalMilliseconds:F0} ms CPU, {(end.Bytes - afterAnalyzers.Bytes) / 1e6:F1} MB; load {Load()}"));
        }
    }

    private static (TimeSpan Cpu, long Bytes) Snapshot()
    {
        var process = Process.GetCurrentProcess();
        return (process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
    }

    private static Compilation Reparsed(Compilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
