using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Rules.Spans;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--spans" mode: AIL0101's own work per compilation of the mixed corpus, single-threaded, as "--models" does for
/// Models. Each rep takes a fresh clone and builds the gate and the operation blocks of the relevant files (untimed:
/// the first analyzer and the CA analyzers pay for those), then times what <see cref="ClientTimestampAnalyzer"/> does:
/// its per-compilation objects (span symbols, helper summaries, the parameter classifier, all with empty caches) and
/// its member callback on every member of the relevant files (this thread's CPU time and allocations, best of N).
/// The callback is found by reflection, so an analyzer assembly built before a change and one built after can be
/// swapped under one benchmark build; the diagnostics' count and hash show whether their findings are the same.
/// </summary>
public static class SpansRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var analyzeBlock = typeof(ClientTimestampAnalyzer).GetMethod("AnalyzeBlock", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("ClientTimestampAnalyzer.AnalyzeBlock not found");
        var best = (Ms: double.MaxValue, Mb: double.MaxValue);
        var diagnostics = new List<Diagnostic>();
        var members = 0;
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var clone = compilation.Clone();
            GC.KeepAlive(clone.Assembly);
            var gate = RelevantFiles.For(clone, options);
            var blocks = new List<(SemanticModel Model, ISymbol Symbol, ImmutableArray<IOperation> Blocks)>();
            foreach (var tree in clone.SyntaxTrees)
            {
                if (gate.IsRelevant(tree))
                {
                    var model = clone.GetSemanticModel(tree);
                    foreach (var (symbol, operations) in OperationBlocksOfFile.Of(model, CancellationToken.None))
                    {
                        blocks.Add((model, symbol, operations));
                    }
                }
            }

            members = blocks.Count;
            diagnostics.Clear();
            var (ms, mb) = ThreadCpu.Measure(() =>
            {
                var symbols = KnownSpanSymbols.TryCreate(clone);
                if (symbols is null || !symbols.CanHaveClientSources)
                {
                    return;
                }

                var summaries = new HelperSummaries(clone, symbols);
                var classifier = new ClientParameterClassifier(symbols, clone);
                Action<Diagnostic> report = diagnostics.Add;
                foreach (var (model, symbol, operations) in blocks)
                {
                    analyzeBlock.Invoke(null, new object[] { new MemberBlocksContext(symbol, operations, model, options, report, CancellationToken.None), symbols, summaries, classifier });
                }
            });
            if (rep >= 0)
            {
                best = (Math.Min(best.Ms, ms), Math.Min(best.Mb, mb));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## AIL0101, {files} files, {members} members of relevant files, best of {reps}; load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ClientTimestampAnalyzer's objects and member callback: {best.Ms:F1} ms / {best.Mb:F2} MB; {Hash(diagnostics)}"));
    }

    private static string Hash(List<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .Select(d => d.Id + "|" + d.Location.GetLineSpan() + "|" + d.GetMessage(CultureInfo.InvariantCulture) + "|" + string.Join(";", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)))
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return $"{lines.Count} diagnostics, {Convert.ToHexString(digest)[..12]}";
    }
}
