using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--cold" mode: what AiLint's analyzers cost the first time they run in a process, as in a build without the
/// compiler server, where every analyzer method is JIT-compiled on first use (the compiler itself ships precompiled;
/// analyzer assemblies do not). Run in a fresh process per analyzer set: the driver is warmed with an empty analyzer
/// first, so only AiLint's own first-use cost is left in the difference between its first and its third run.
/// </summary>
public static class ColdStartRunner
{
    public static void Run(int files, string set)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        BenchInputs.Analyze(compilation, ImmutableArray<DiagnosticAnalyzer>.Empty, additional);
        BenchInputs.Analyze(compilation, ImmutableArray<DiagnosticAnalyzer>.Empty, additional);
        var analyzers = BenchInputs.OfFamily(set);
        var runs = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            BenchInputs.Analyze(compilation, analyzers, additional);
            runs.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {set} | {files} | {runs[0]:F0} | {runs[1]:F0} | {runs[2]:F0} | {runs[0] - runs[2]:F0} |"));
    }
}
