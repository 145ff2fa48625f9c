using AiLint.Tests.Robustness;
using AiLint.Tests.Robustness.Corpus;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Benchmarks;

/// <summary>
/// The schema generator on 500 [LlmSchema] types: a first run, and the run after an unrelated edit, which must
/// reuse every cached step (target: under 5% of the first run).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int SchemaTypes = 500;

    private CSharpCompilation compilation = null!;
    private CSharpCompilation edited = null!;
    private GeneratorDriver warmDriver = null!;

    [GlobalSetup]
    public void Setup() => (compilation, edited) = Inputs();

    [IterationSetup(Target = nameof(SecondRunAfterUnrelatedEdit))]
    public void WarmUp() => warmDriver = CreateDriver(trackSteps: false).RunGenerators(compilation);

    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => CreateDriver(trackSteps: false).RunGenerators(compilation);

    [Benchmark]
    public GeneratorDriver SecondRunAfterUnrelatedEdit() => warmDriver.RunGenerators(edited);

    /// <summary>500 schema types plus ordinary files; the edit adds a method to one ordinary file.</summary>
    public static (CSharpCompilation Compilation, CSharpCompilation Edited) Inputs()
    {
        var sources = LlmAppCorpus.GenerateShape("schema", SchemaTypes / 2) // each schema file declares two [LlmSchema] types
            .Concat(LlmAppCorpus.GenerateShape("plain", 50))
            .ToList();
        var compilation = BenchInputs.Compile(sources);
        var tree = compilation.SyntaxTrees.Last();
        var text = tree.GetText();
        var edit = text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "\nnamespace Edited { internal static class Touch { public static int Now() => 42; } }\n"));
        return (compilation, compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(edit)));
    }

    public static GeneratorDriver CreateDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            AiLintComponents.CreateGenerators(),
            parseOptions: BenchInputs.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
}
