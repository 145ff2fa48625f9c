using System.Collections.Immutable;
using System.Globalization;
using AiLint.Tests.Robustness.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--plain" mode: what AiLint's analyzers cost on files that contain no LLM API, in a project that does use one
/// (every SDK referenced, a few LLM files present, so no compilation-wide early exit applies). The target is that such a
/// file costs no more than a syntax check, so the reference rows are an analyzer that reads every token of every file
/// (a syntax check) and one that asks for every method body's IOperation tree (what the SDK's CA rules pay anyway).
/// </summary>
public static class PlainFilesRunner
{
    public static void Run(int plainFiles, int reps)
    {
        // 20 LLM-app files (retries, spans, tools, prompts, schemas) among the plain ones.
        var sources = LlmAppCorpus.GenerateShape("plain", plainFiles)
            .Concat(LlmAppCorpus.GenerateShape("retry-openai", 5, plainFiles))
            .Concat(LlmAppCorpus.GenerateShape("retry-anthropic", 5, plainFiles + 5))
            .Concat(LlmAppCorpus.GenerateShape("spans", 4, plainFiles + 10))
            .Concat(LlmAppCorpus.GenerateShape("tools", 3, plainFiles + 14))
            .Concat(LlmAppCorpus.GenerateShape("schema", 3, plainFiles + 17));
        var compilation = BenchInputs.Compile(sources);
        var llmOnly = BenchInputs.Compile(sources.Skip(plainFiles));
        var additional = ImmutableArray<AdditionalText>.Empty;
        var empty = ImmutableArray<DiagnosticAnalyzer>.Empty;
        var all = BenchInputs.All();
        var syntax = ImmutableArray.Create<DiagnosticAnalyzer>(new SyntaxCheckAnalyzer());
        var operations = ImmutableArray.Create<DiagnosticAnalyzer>(new OperationTreeAnalyzer());

        Console.WriteLine($"## Plain files: {plainFiles} files without an LLM API + 20 LLM-app files, median of {reps} alternating pairs, {Environment.ProcessorCount} cores, load {Load()}");
        BenchInputs.Analyze(compilation, all, additional); // warm-up: JIT, metadata
        BenchInputs.Analyze(llmOnly, all, additional);
        Console.WriteLine("Wall time swings with the machine's load; this process's CPU time and allocated bytes much less, so all three are given (median paired deltas).");
        Console.WriteLine("| comparison | baseline wall / CPU (ms) | delta wall (ms) | delta CPU (ms) | CPU ratio | delta MB | CPU delta per 1,000 plain files (ms) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Row("syntax check (reads every token) vs empty", compilation, empty, syntax);
        Row("IOperation trees vs empty", compilation, empty, operations);
        Row("AiLint vs empty", compilation, empty, all);
        Row("AiLint + IOperation trees vs IOperation trees", compilation, operations, operations.AddRange(all));
        Row("AiLint vs empty, the 20 LLM files alone (subtract)", llmOnly, empty, all);

        void Row(string name, Compilation input, ImmutableArray<DiagnosticAnalyzer> baselineSet, ImmutableArray<DiagnosticAnalyzer> set)
        {
            var baseline = new List<Sample>();
            var with = new List<Sample>();
            for (var i = 0; i < reps; i++)
            {
                if (i % 2 == 0)
                {
                    baseline.Add(Measure(() => BenchInputs.Analyze(input, baselineSet, additional)));
                    with.Add(Measure(() => BenchInputs.Analyze(input, set, additional)));
                }
                else
                {
                    with.Add(Measure(() => BenchInputs.Analyze(input, set, additional)));
                    baseline.Add(Measure(() => BenchInputs.Analyze(input, baselineSet, additional)));
                }
            }

            double Delta(Func<Sample, double> of) => QuickRunner.Median(baseline.Zip(with, (b, w) => of(w) - of(b)).ToList());
            var cpuDelta = Delta(s => s.CpuMs);
            var cpuPairs = string.Join(", ", baseline.Zip(with, (b, w) => (w.CpuMs - b.CpuMs).ToString("F0", CultureInfo.InvariantCulture)));
            var baseCpu = QuickRunner.Median(baseline.Select(s => s.CpuMs).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {QuickRunner.Median(baseline.Select(s => s.Ms).ToList()):F0} / {baseCpu:F0} | {Delta(s => s.Ms):F0} | {cpuDelta:F0} (pairs {cpuPairs}) | {(baseCpu + cpuDelta) / baseCpu:F3} | {Delta(s => s.Mb):F1} | {cpuDelta * 1000 / plainFiles:F0} |"));
        }

        // Which family the plain files' cost comes from: allocations move far less with the machine's load than time.
        Console.WriteLine();
        Console.WriteLine("Extra MB allocated over the empty analyzer, per family, same compilation (best of 2):");
        var emptyBytes = Math.Min(Measure(() => BenchInputs.Analyze(compilation, empty, additional)).Mb, Measure(() => BenchInputs.Analyze(compilation, empty, additional)).Mb);
        foreach (var family in BenchInputs.Families())
        {
            var set = BenchInputs.OfFamily(family);
            var mb = Math.Min(Measure(() => BenchInputs.Analyze(compilation, set, additional)).Mb, Measure(() => BenchInputs.Analyze(compilation, set, additional)).Mb);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {family,-18} {mb - emptyBytes,7:F1} MB"));
        }

        Console.WriteLine($"load after: {Load()}");
    }

    private static Sample Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = QuickRunner.ProcessCpuTime();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        action();
        var ms = watch.Elapsed.TotalMilliseconds;
        return new Sample(ms, (QuickRunner.ProcessCpuTime() - cpu).TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1e6);
    }

    private sealed record Sample(double Ms, double CpuMs, double Mb);

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>A reference for "a syntax check": one syntax-tree action per file that reads every token.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyntaxCheckAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0003", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(static tree =>
        {
            var identifiers = 0;
            foreach (var token in tree.Tree.GetRoot(tree.CancellationToken).DescendantTokens())
            {
                if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken && token.ValueText.Length == 0)
                {
                    identifiers++;
                }
            }

            GC.KeepAlive(identifiers);
        });
    }
}
