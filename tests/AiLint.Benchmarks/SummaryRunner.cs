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
        var allocated = new List<double>();
        var rerun = new List<double>();
        var entries = 0;
        for (var rep = 0; rep < reps; rep++)
        {
            // Fresh compilations of freshly parsed trees each rep, so no semantic model, recognizer or per-tree cache is
            // shared between measurements (a build parses its files anew).
            var bound = Reparsed(compilation);
            binding.Add(QuickRunner.Time(() => bound.GetDiagnostics()));

            var input = Reparsed(compilation);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new ProjectSummaryGenerator());
            var before = GC.GetTotalAllocatedBytes(precise: true);
            first.Add(QuickRunner.Time(() => driver = driver.RunGenerators(input)));
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6);
            entries = driver.GetRunResult().GeneratedTrees.SingleOrDefault()?.ToString().Split('\n').Count(l => l.StartsWith("[assembly:", StringComparison.Ordinal)) ?? 0;

            var tree = input.SyntaxTrees.First();
            var edited = input.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(tree.Length, 0), "\n// edit\n"))));
            rerun.Add(QuickRunner.Time(() => driver = driver.RunGenerators(edited)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| compiler binding (GetDiagnostics) | {QuickRunner.Median(binding):F0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| summary generator, first run | {QuickRunner.Median(first):F0} ms | {QuickRunner.Median(first) / QuickRunner.Median(binding):P1} of binding |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| summary generator, after an edit | {QuickRunner.Median(rerun):F0} ms | {QuickRunner.Median(rerun) / QuickRunner.Median(binding):P1} of binding |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| summary generator, first run, allocated | {QuickRunner.Median(allocated):F0} MB |"));
        Console.WriteLine($"entries recorded: {entries}");

        // Where the first run's time goes (one run each, fresh compilations).
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);
        var c1 = Reparsed(compilation);
        AiLint.Analyzers.LlmCalls.LlmCallRecognizer? recognizer = null;
        var gate = QuickRunner.Time(() => recognizer = AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(c1, options));
        var names = QuickRunner.Time(() => MayCallModelNames.Compute(c1, recognizer!.DirectCallNames(), CancellationToken.None));
        var c2 = Reparsed(compilation);
        var probe = new AiLint.Analyzers.LlmCalls.BindingProbe();
        var build = QuickRunner.Time(() => ProjectSummaryBuilder.Build(c2, options, CancellationToken.None, probe));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phases: recognizer gate {gate:F0} ms, name filter {names:F0} ms, whole build on a fresh compilation {build:F0} ms"));
        Console.WriteLine($"bound: {probe.Candidates} candidate methods, {probe.Explored.Count} methods explored, {probe.WholeBodies} bodies bound whole, {probe.Invocations} calls bound one by one");
    }

    private static Compilation Reparsed(Compilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));
}
