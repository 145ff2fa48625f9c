using System.Globalization;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--gate" mode: what the shared relevance gate (<see cref="RelevantFiles"/>) costs to build on the mixed corpus,
/// split into its seeds (symbol tables) and the whole gate, on clones of one compilation (decoded metadata shared, as in
/// a warm compiler server), median of several runs. Its cost is paid once per compilation, inside whichever analyzer
/// asks first, so Roslyn's per-analyzer telemetry charges it to that analyzer.
/// </summary>
public static class GateRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var seeds = new List<double>();
        var gate = new List<double>();
        var relevant = 0;
        for (var i = 0; i < reps + 1; i++)
        {
            var a = compilation.Clone();
            var b = compilation.Clone();
            var s = QuickRunner.Time(() => GC.KeepAlive(RelevanceSeeds.Compute(a, options)));
            var g = QuickRunner.Time(() =>
            {
                var files = RelevantFiles.For(b, options);
                relevant = b.SyntaxTrees.Count(t => files.IsRelevant(t));
            });
            if (i > 0)
            {
                seeds.Add(s);
                gate.Add(g);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Relevance gate, {files} files ({relevant} relevant), median of {reps}: seeds {Median(seeds):F0} ms (best {seeds.Min():F0}), whole gate {Median(gate):F0} ms (best {gate.Min():F0})"));

        // The whole-compilation search Retry's injected-pipeline lookup makes (PollyRegistrations, unkeyed services).
        var registrationNames = new HashSet<string>(StringComparer.Ordinal) { "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient" };

        // The text scan alone, best of many passes (the least disturbed on a loaded machine): the seeds' names over
        // every file (the gate's first pass, without its early exit per file) and the six registration names.
        var seedNames = RelevanceSeeds.Compute(compilation, options).Names;
        var texts = compilation.SyntaxTrees.Select(t => t.GetText()).ToList();
        var seedScan = double.MaxValue;
        var nameScan = double.MaxValue;
        var searchBest = double.MaxValue;
        var searched = compilation.Clone();
        for (var i = 0; i < 30; i++)
        {
            seedScan = Math.Min(seedScan, QuickRunner.Time(() => GC.KeepAlive(texts.Count(new IdentifierScan(seedNames).Spells))));
            nameScan = Math.Min(nameScan, QuickRunner.Time(() => GC.KeepAlive(texts.Count(new IdentifierScan(registrationNames).Spells))));
            searchBest = Math.Min(searchBest, QuickRunner.Time(() => GC.KeepAlive(SourceBodies.InvocationsNamed(searched, registrationNames, CancellationToken.None).Count())));
        }

        // The referenced assemblies' summaries, read once per compilation (warm metadata, as in a compiler server).
        var referenced = double.MaxValue;
        for (var i = 0; i < 30; i++)
        {
            var c = compilation.Clone();
            referenced = Math.Min(referenced, QuickRunner.Time(() => GC.KeepAlive(AiLint.Analyzers.Summaries.ReferencedSummaries.For(c).HasLlmCalls)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## Best of 30 clones: ReferencedSummaries.For {referenced:F1} ms"));

        // The enumeration of operation blocks of every relevant file (what Retry, Models and AIL0101 walk), on models
        // kept between passes, so the IOperation trees are built once and the passes time the enumeration itself.
        var walked = compilation.Clone();
        var gateOfWalked = RelevantFiles.For(walked, options);
        var relevantModels = walked.SyntaxTrees.Where(t => gateOfWalked.IsRelevant(t)).Select(t => walked.GetSemanticModel(t)).ToList();
        var enumeration = double.MaxValue;
        var blockCount = 0;
        for (var i = 0; i < 30; i++)
        {
            enumeration = Math.Min(enumeration, QuickRunner.Time(() =>
            {
                var counter = new int[1];
                foreach (var model in relevantModels)
                {
                    OperationBlocksOfFile.ForEach(model, counter, static (_, blocks, c) => c[0] += blocks.Length, CancellationToken.None);
                }

                blockCount = counter[0];
            }));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## Best of 30: OperationBlocksOfFile.ForEach over {relevantModels.Count} relevant files ({blockCount} blocks) {enumeration:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Best of 30 over {texts.Count} texts: IdentifierScan of {seedNames.Count} seed names {seedScan:F1} ms, of the 6 registration names {nameScan:F1} ms; SourceBodies.InvocationsNamed (registration names) {searchBest:F1} ms"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
