using System.Globalization;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--walk" mode: the parts of per-file work AiLint pays on the mixed corpus, in process CPU time, single-threaded,
/// best of several passes (the least disturbed on a loaded machine): the node walk with an operation lookup per
/// invocation that AIL0102 makes in each relevant file (trees already built, as the SDK's CA analyzers leave them), over
/// the shared gate's relevant files and over the files that spell a span sink; the shared relevance gate on a fresh
/// clone; and two of the gate's parts, the text scan of every file for the seeds and the identifier tokens of the
/// relevant files.
/// </summary>
public static class WalkRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var clone = compilation.Clone();
        var options = new AnalyzerOptions(additional);
        var shared = RelevantFiles.For(clone, options);
        var spanScan = new IdentifierScan(new[] { "SetStartTime", "SetEndTime" });
        var models = clone.SyntaxTrees.Select(t => clone.GetSemanticModel(t)).ToList();

        // Build every tree once (the CA analyzers' work), so the passes below time the lookups and the walk only.
        var invocations = Walk(models.Where(m => shared.IsRelevant(m.SyntaxTree)));
        var sharedFiles = models.Where(m => shared.IsRelevant(m.SyntaxTree)).ToList();
        var spanFiles = models.Where(m => shared.IsRelevant(m.SyntaxTree) && spanScan.Spells(m.SyntaxTree.GetText())).ToList();
        var sharedBest = double.MaxValue;
        var spanBest = double.MaxValue;
        var sharedGateBest = double.MaxValue;
        for (var i = 0; i < reps; i++)
        {
            sharedBest = Math.Min(sharedBest, Cpu(() => GC.KeepAlive(Walk(sharedFiles))));
            spanBest = Math.Min(spanBest, Cpu(() => GC.KeepAlive(Walk(spanFiles))));
            var fresh = compilation.Clone();
            sharedGateBest = Math.Min(sharedGateBest, Cpu(() => GC.KeepAlive(RelevantFiles.For(fresh, options).IsRelevant(fresh.SyntaxTrees.First()))));
        }

        var seedNames = RelevanceSeeds.Compute(compilation, options).Names;
        var texts = compilation.SyntaxTrees.Select(t => t.GetText()).ToList();
        var scanBest = double.MaxValue;
        var tokensBest = double.MaxValue;
        for (var i = 0; i < reps; i++)
        {
            scanBest = Math.Min(scanBest, Cpu(() => GC.KeepAlive(texts.Count(new IdentifierScan(seedNames).Spells))));
            tokensBest = Math.Min(tokensBest, Cpu(() =>
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                foreach (var model in sharedFiles)
                {
                    foreach (var token in model.SyntaxTree.GetRoot().DescendantTokens())
                    {
                        if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken))
                        {
                            set.Add(token.ValueText);
                        }
                    }
                }

                GC.KeepAlive(set);
            }));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan of {texts.Count} files for {seedNames.Count} seeds: best {scanBest:F1} ms CPU; identifier tokens of the {sharedFiles.Count} relevant files: best {tokensBest:F1} ms CPU"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Walk, {files} files, best of {reps}: shared gate {sharedFiles.Count} files ({invocations} invocations) {sharedBest:F1} ms; files spelling a span sink {spanFiles.Count} ({Walk(spanFiles)} invocations) {spanBest:F1} ms; the shared gate itself {sharedGateBest:F1} ms; load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
    }

    /// <summary>Process CPU time of <paramref name="action"/> (single-threaded): not inflated by waiting for a core under load.</summary>
    private static double Cpu(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds;
    }

    private static int Walk(IEnumerable<SemanticModel> models)
    {
        var count = 0;
        foreach (var model in models)
        {
            foreach (var node in model.SyntaxTree.GetRoot().DescendantNodes())
            {
                if (node is InvocationExpressionSyntax && model.GetOperation(node) is not null)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
