using System.Collections.Immutable;
using AiLint.Tests.Robustness.Corpus;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The Evaluation rules with one eval file of 10,000 cases against the same compilation without it: the difference
/// is the cost of reading and indexing the cases (target: under 50 ms, read once per compilation).
/// </summary>
[MemoryDiagnoser]
public class EvalFileBenchmarks
{
    public const int Cases = 10_000;
    public const int PromptFiles = 50;

    private Compilation compilation = null!;
    private ImmutableArray<AdditionalText> evalFile;
    private ImmutableArray<DiagnosticAnalyzer> analyzers;

    [GlobalSetup]
    public void Setup() => (compilation, evalFile, analyzers) = Inputs();

    [Benchmark(Baseline = true)]
    public int WithoutEvalFile() => BenchInputs.Analyze(compilation, analyzers, ImmutableArray<AdditionalText>.Empty).Length;

    [Benchmark]
    public int With10000Cases() => BenchInputs.Analyze(compilation, analyzers, evalFile).Length;

    public static (Compilation, ImmutableArray<AdditionalText>, ImmutableArray<DiagnosticAnalyzer>) Inputs()
    {
        var compilation = BenchInputs.Compile(LlmAppCorpus.GenerateShape("prompts", PromptFiles).Concat(LlmAppCorpus.GenerateShape("plain", 150)));
        var file = new CountingAdditionalText("/corpus/evals/large.evals.jsonl", LlmAppCorpus.LargeEvalFile(Cases, PromptFiles));
        return (compilation, ImmutableArray.Create<AdditionalText>(file), BenchInputs.OfFamily("Evaluation"));
    }
}
