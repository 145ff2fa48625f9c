using System.Globalization;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--models" mode: the Models family's own work per compilation of the mixed corpus, single-threaded, without the
/// parts other analyzers pay for too. Each rep takes a fresh clone, binds its references, runs the shared gate and
/// builds the operation blocks of the relevant files (all untimed: the compiler, the CA analyzers and the first
/// AiLint analyzer pay for those), then times (a) <see cref="KnownModelSymbols"/>' construction (the second per
/// compilation, after the gate's seeds built the first, as in a build) and (b) <see cref="ModelUses.Analyze"/> of
/// every member of the relevant files, with the per-compilation scans it starts on first need (this thread's CPU time
/// and allocations, best of N). Prints the diagnostics' count and a hash, so the unchanged and the changed
/// analyzer assemblies can be swapped under the same benchmark build and compared.
/// </summary>
public static class ModelsRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var table = ModelTable.FromAdditionalFiles(additional, CancellationToken.None);
        var symbolsBest = new Best();
        var analyzeBest = new Best();
        var enumerationBest = new Best();
        var operations = 0;
        var diagnostics = new List<Diagnostic>();
        var blocksCount = 0;
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, metadata).
            var clone = compilation.Clone();
            GC.KeepAlive(clone.Assembly);
            var gate = RelevantFiles.For(clone, options);
            var members = new List<(SemanticModel Model, ISymbol Symbol, System.Collections.Immutable.ImmutableArray<IOperation> Blocks)>();
            foreach (var tree in clone.SyntaxTrees)
            {
                if (gate.IsRelevant(tree))
                {
                    var model = clone.GetSemanticModel(tree);
                    foreach (var (symbol, blocks) in OperationBlocksOfFile.Of(model, CancellationToken.None))
                    {
                        members.Add((model, symbol, blocks));
                    }
                }
            }

            blocksCount = members.Count;
            KnownModelSymbols? symbols = null;
            symbolsBest.Add(rep >= 0, () => symbols = KnownModelSymbols.Create(clone));
            enumerationBest.Add(rep >= 0, () =>
            {
                // The operations Analyze visits, without the rule's work on them: what the enumeration itself costs.
                var count = 0;
                foreach (var (_, _, blocks) in members)
                {
                    foreach (var block in blocks)
                    {
                        foreach (var operation in Microsoft.CodeAnalysis.Operations.OperationExtensions.DescendantsAndSelf(block))
                        {
                            count += operation.Kind == OperationKind.Invocation ? 1 : 1;
                        }
                    }
                }

                operations = count;
            });
            diagnostics.Clear();
            analyzeBest.Add(rep >= 0, () =>
            {
                Func<string, bool> isConfigured = _ => false;
                Action<Diagnostic> report = diagnostics.Add;
                foreach (var (model, symbol, blocks) in members)
                {
                    ModelUses.Analyze(new MemberBlocksContext(symbol, blocks, model, options, report, CancellationToken.None), table, symbols!, isConfigured);
                }
            });
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Models, {files} files, {blocksCount} members of relevant files, best of {reps} (this thread's CPU ms / allocated MB); load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine($"  KnownModelSymbols.Create {symbolsBest}; ModelUses.Analyze of every member {analyzeBest}; {Hash(diagnostics)}");
        Console.WriteLine($"  the enumeration of their {operations} operations alone (DescendantsAndSelf of each block) {enumerationBest}");
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

    private sealed class Best
    {
        private double cpu = double.MaxValue;
        private double megabytes = double.MaxValue;

        public void Add(bool counted, Action action)
        {
            var (ms, mb) = ThreadCpu.Measure(action);
            if (counted)
            {
                cpu = Math.Min(cpu, ms);
                megabytes = Math.Min(megabytes, mb);
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{cpu:F1} ms / {megabytes:F2} MB");
    }
}
