using System.Globalization;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--gate-parts" mode: the shared relevance gate (<see cref="RelevantFiles"/>) on fresh clones of the mixed
/// corpus, in this thread's CPU time (<see cref="ThreadCpu"/>), best and median of N: the seeds alone (the families'
/// symbol tables, first look-ups on the clone), the whole gate, and the whole gate on a clone whose seeds were
/// computed just before (what the gate costs beyond the symbol look-ups, which the analyzers would make anyway), and
/// the first text pass alone, and how far into the texts the first seed is spelled. Prints the relevant files' count
/// so runs of two analyzer assemblies can be compared.
/// </summary>
public static class GatePartsRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var seeds = new List<(double, double)>();
        var gate = new List<(double, double)>();
        var gateAfterSeeds = new List<(double, double)>();
        var firstScan = new List<(double, double)>();
        var relevant = 0;
        var seedNames = RelevanceSeeds.Compute(compilation, options).Names;
        var texts = compilation.SyntaxTrees.Select(t => t.GetText()).ToList();

        // A work count that no load moves: how much text the first question (the seeds) reads before a file spells one,
        // where FileWords switches from its direct scan to the index.
        var firstSpelling = texts.FindIndex(new IdentifierScan(seedNames).Spells);
        var charsBefore = texts.Take(firstSpelling < 0 ? texts.Count : firstSpelling).Sum(t => (long)t.Length);
        var charsAll = texts.Sum(t => (long)t.Length);
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var a = compilation.Clone();
            var b = compilation.Clone();
            var c = compilation.Clone();
            GC.KeepAlive(a.Assembly);
            GC.KeepAlive(b.Assembly);
            GC.KeepAlive(c.Assembly);
            var s = ThreadCpu.Measure(() => GC.KeepAlive(RelevanceSeeds.Compute(a, options)));
            var g = ThreadCpu.Measure(() =>
            {
                var gateOfB = RelevantFiles.For(b, options);
                relevant = b.SyntaxTrees.Count(gateOfB.IsRelevant);
            });
            GC.KeepAlive(RelevanceSeeds.Compute(c, options));
            var h = ThreadCpu.Measure(() =>
            {
                var gateOfC = RelevantFiles.For(c, options);
                GC.KeepAlive(c.SyntaxTrees.Count(gateOfC.IsRelevant));
            });
            var f = ThreadCpu.Measure(() => GC.KeepAlive(texts.Count(new IdentifierScan(seedNames).Spells)));
            if (rep >= 0)
            {
                seeds.Add(s);
                gate.Add(g);
                gateAfterSeeds.Add(h);
                firstScan.Add(f);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Gate parts, {files} files ({relevant} relevant), {reps} reps, this thread's CPU ms / allocated MB, best (median); load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first text spelling a seed: #{firstSpelling} of {texts.Count}; characters before it {charsBefore:N0} of {charsAll:N0}"));
        Console.WriteLine($"  seeds {Show(seeds)}; whole gate {Show(gate)}; whole gate after the seeds' look-ups {Show(gateAfterSeeds)}; first text pass of {seedNames.Count} names over {texts.Count} texts {Show(firstScan)}");
    }

    private static string Show(List<(double Ms, double Mb)> runs)
    {
        var ms = runs.Select(r => r.Ms).OrderBy(v => v).ToList();
        var mb = runs.Select(r => r.Mb).OrderBy(v => v).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{ms[0]:F1} ms ({ms[ms.Count / 2]:F1}) / {mb[0]:F2} MB ({mb[mb.Count / 2]:F2})");
    }
}
