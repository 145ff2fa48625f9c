using System.Globalization;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Benchmarks;

/// <summary>
/// The project summary generator's cost (docs/design/project-summaries.md) against the compiler's own binding of the same
/// corpus: a first run, and a re-run after a method-body edit (the generator recomputes from the compilation).
/// </summary>
public static class SummaryRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, _) = BenchInputs.Mixed(files);
        Console.WriteLine($"## Project summary generator, {files} files, median of {reps} reps, {Environment.ProcessorCount} cores");

        var binding = new List<double>();
        var first = new List<double>();
        var rerun = new List<double>();
        var entries = 0;
        for (var rep = 0; rep < reps; rep++)
        {
            // Fresh compilations each rep, so no semantic model or recognizer cache is shared between measurements.
            var bound = compilation.Clone();
            binding.Add(QuickRunner.Time(() => bound.GetDiagnostics()));

            var input = compilation.Clone();
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new ProjectSummaryGenerator());
            first.Add(QuickRunner.Time(() => driver = driver.RunGenerators(input)));
            entries = driver.GetRunResult().GeneratedTrees.SingleOrDefault()?.ToString().Split('\n').Count(l => l.StartsWith("[assembly:", StringComparison.Ordinal)) ?? 0;

            var tree = input.SyntaxTrees.First();
            var edited = input.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(tree.Length, 0), "\n// edit\n"))));
            rerun.Add(QuickRunner.Time(() => driver = driver.RunGenerators(edited)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| compiler binding (GetDiagnostics) | {QuickRunner.Median(binding):F0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| summary generator, first run | {QuickRunner.Median(first):F0} ms | {QuickRunner.Median(first) / QuickRunner.Median(binding):P1} of binding |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| summary generator, after an edit | {QuickRunner.Median(rerun):F0} ms | {QuickRunner.Median(rerun) / QuickRunner.Median(binding):P1} of binding |"));
        Console.WriteLine($"entries recorded: {entries}");

        // Where the first run's time goes (one run each, fresh compilations).
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);
        var c1 = compilation.Clone();
        AiLint.Analyzers.LlmCalls.LlmCallRecognizer? recognizer = null;
        var gate = QuickRunner.Time(() => recognizer = AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(c1, options));
        var names = QuickRunner.Time(() => MayCallModelNames.Compute(c1, recognizer!.DirectCallNames(), CancellationToken.None));
        var c2 = compilation.Clone();
        var build = QuickRunner.Time(() => ProjectSummaryBuilder.Build(c2, options, CancellationToken.None));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phases: recognizer gate {gate:F0} ms, name filter {names:F0} ms, whole build on a fresh compilation {build:F0} ms"));
    }
}
