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
/// compilation, after the gate's seeds built the first, as in a build), (b) what ModelAnalyzer does for every member
/// of the relevant files in an app with an SDK (<see cref="ModelUses.Analyze"/> and the raw-HTTP model-id check) and
/// (c) <see cref="ModelUses.Analyze"/> alone, each with the per-compilation scans it starts on first need (this
/// thread's CPU time and allocations, best of N). Prints the diagnostics' count and a hash, so the unchanged and the changed
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
        var withRawBest = new Best();
        var withRawDiagnostics = new List<Diagnostic>();
        var entry = new ModelsEntry();
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
            // What ModelAnalyzer does per member in an app with an SDK: ModelUses and the raw-HTTP model-id check. First,
            // with the symbols just built, so that it pays the per-compilation caches those symbols fill on first need.
            var rawHttp = entry.CreateRawHttp(clone, symbols!);
            withRawDiagnostics.Clear();
            withRawBest.Add(rep >= 0, () =>
            {
                Action<Diagnostic> report = withRawDiagnostics.Add;
                foreach (var (model, symbol, blocks) in members)
                {
                    entry.Analyze(new MemberBlocksContext(symbol, blocks, model, options, report, CancellationToken.None), table, symbols!, rawHttp);
                }
            });

            // ModelUses alone, with symbols of its own (untimed), so that it pays the same first-need caches.
            var ownSymbols = KnownModelSymbols.Create(clone);
            diagnostics.Clear();
            analyzeBest.Add(rep >= 0, () =>
            {
                Action<Diagnostic> report = diagnostics.Add;
                foreach (var (model, symbol, blocks) in members)
                {
                    entry.Analyze(new MemberBlocksContext(symbol, blocks, model, options, report, CancellationToken.None), table, ownSymbols, null);
                }
            });
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Models, {files} files, {blocksCount} members of relevant files, best of {reps} (this thread's CPU ms / allocated MB); load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        Console.WriteLine($"  KnownModelSymbols.Create {symbolsBest}; ModelUses.Analyze of every member {analyzeBest}; {Hash(diagnostics)}");
        Console.WriteLine($"  ModelUses.Analyze with the raw-HTTP model-id check ({entry.Shape}) {withRawBest}; {Hash(withRawDiagnostics)}");
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

    /// <summary>
    /// The Models family's per-member entry points, found by reflection so that the analyzer assembly built before
    /// session 32 (raw-HTTP check in a walk of its own, <c>RawHttpModelIds.Analyze</c> after <c>ModelUses.Analyze</c>)
    /// and the one after it (the check handed to <c>ModelUses.Analyze</c>) can be swapped under this benchmark build.
    /// </summary>
    private sealed class ModelsEntry
    {
        private const System.Reflection.BindingFlags Static = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static;
        private const System.Reflection.BindingFlags Instance = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance;
        private readonly System.Reflection.MethodInfo uses = typeof(ModelUses).GetMethod("Analyze", Static)!;
        private readonly Type rawType = typeof(ModelUses).Assembly.GetType("AiLint.Analyzers.Rules.Models.RawHttpModelIds", throwOnError: true)!;
        private readonly Func<string, bool> isConfigured = _ => false;
        private readonly System.Reflection.MethodInfo? rawAnalyze;

        // The assembly before session 32: ModelUses.Analyze has no raw-HTTP parameter.
        private readonly bool separate;

        public ModelsEntry()
        {
            separate = uses.GetParameters().Length == 5;
            rawAnalyze = rawType.GetMethod("Analyze", Instance);
        }

        public string Shape => separate ? "two walks" : "one walk";

        public object? CreateRawHttp(Compilation compilation, KnownModelSymbols symbols) =>
            rawType.GetMethod("Create", Static)!.Invoke(null, new object[] { compilation, symbols });

        public void Analyze(MemberBlocksContext member, ModelTable table, KnownModelSymbols symbols, object? rawHttp)
        {
            if (!separate)
            {
                uses.Invoke(null, new object?[] { member, table, symbols, isConfigured, null, rawHttp });
                return;
            }

            uses.Invoke(null, new object?[] { member, table, symbols, isConfigured, null });
            if (rawHttp != null)
            {
                rawAnalyze!.Invoke(rawHttp, new object?[] { member, table, isConfigured });
            }
        }
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
