using AiLint.Tests.Robustness;
using AiLint.Tests.Robustness.Corpus;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Benchmarks;

/// <summary>
/// The schema generator on 500 [LlmSchema] types: a first run, and the run after each of the two edit kinds the
/// pipeline treats differently. A method-body edit (the typical keystroke) must reuse every cached step (target:
/// under 5% of the first run); a declaration edit (a new type in another file) re-extracts every schema type but
/// emits nothing new.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int SchemaTypes = 500;

    private GeneratorInputs inputs = null!;
    private GeneratorDriver warmDriver = null!;
    private Compilation compilation = null!;

    [GlobalSetup]
    public void Setup() => inputs = Inputs();

    // Each invocation gets fresh clones (new symbols, nothing bound yet), as each edit or build makes a new compilation.
    [IterationSetup(Target = nameof(FirstRun))]
    public void FreshCompilation() => compilation = inputs.Compilation.Clone();

    [IterationSetup(Target = nameof(SecondRunAfterBodyEdit))]
    public void WarmUpForBodyEdit() => (warmDriver, compilation) = (CreateDriver(trackSteps: false).RunGenerators(inputs.Compilation.Clone()), inputs.BodyEdited.Clone());

    [IterationSetup(Target = nameof(SecondRunAfterNewType))]
    public void WarmUpForNewType() => (warmDriver, compilation) = (CreateDriver(trackSteps: false).RunGenerators(inputs.Compilation.Clone()), inputs.NewTypeAdded.Clone());

    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => CreateDriver(trackSteps: false).RunGenerators(compilation);

    [Benchmark]
    public GeneratorDriver SecondRunAfterBodyEdit() => warmDriver.RunGenerators(compilation);

    [Benchmark]
    public GeneratorDriver SecondRunAfterNewType() => warmDriver.RunGenerators(compilation);

    /// <summary>
    /// 500 schema types plus ordinary files. The body edit changes a string inside a method of one ordinary file; the
    /// declaration edit appends a new type to another ordinary file.
    /// </summary>
    public static GeneratorInputs Inputs()
    {
        var sources = LlmAppCorpus.GenerateShape("schema", SchemaTypes / 2) // each schema file declares two [LlmSchema] types
            .Concat(LlmAppCorpus.GenerateShape("plain", 50))
            .ToList();
        var compilation = BenchInputs.Compile(sources);
        var trees = compilation.SyntaxTrees.ToList();

        var bodyTree = trees[^2];
        var bodyText = bodyTree.GetText();
        const string inBody = "\"A total cannot be negative.\"";
        var at = bodyText.ToString().IndexOf(inBody, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("The corpus's ordinary file no longer has the method body the benchmark edits.");
        }

        var bodyEdit = bodyText.WithChanges(new TextChange(new TextSpan(at, inBody.Length), "\"A total can never be negative.\""));

        var typeTree = trees[^1];
        var typeText = typeTree.GetText();
        var typeEdit = typeText.WithChanges(new TextChange(new TextSpan(typeText.Length, 0), "\nnamespace Edited { internal static class Touch { public static int Now() => 42; } }\n"));

        return new GeneratorInputs(
            compilation,
            compilation.ReplaceSyntaxTree(bodyTree, bodyTree.WithChangedText(bodyEdit)),
            compilation.ReplaceSyntaxTree(typeTree, typeTree.WithChangedText(typeEdit)));
    }

    public static GeneratorDriver CreateDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            AiLintComponents.CreateGenerators(),
            parseOptions: BenchInputs.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
}

/// <summary>The compilation the generator first runs on, and the two edited versions it runs on next.</summary>
public sealed record GeneratorInputs(CSharpCompilation Compilation, CSharpCompilation BodyEdited, CSharpCompilation NewTypeAdded);
