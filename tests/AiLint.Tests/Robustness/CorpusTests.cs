using AiLint.Tests.Robustness.Corpus;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Robustness;

/// <summary>The benchmark corpus is only realistic if it compiles against the real SDKs, as users' code does.</summary>
public class CorpusTests
{
    [Fact]
    public async Task Generated_corpus_compiles_against_the_real_sdks()
    {
        var (sources, evals) = LlmAppCorpus.Generate(40);
        var shapes = LlmAppCorpus.Shapes.Keys.SelectMany(shape => LlmAppCorpus.GenerateShape(shape, 1, firstIndex: 1000).Select(f => ($"{shape}-only/{f.Path}", f.Content)));
        var project = TestProjectBuilder.Create(
            sources.Concat(shapes).Select(s => ("/corpus/" + s.Item1, s.Item2)).ToList(),
            evals.Select(e => ("/corpus/" + e.Path, e.Content)).ToList(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);

        var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project);

        Assert.True(errors.IsEmpty, "The corpus does not compile:\n" + string.Join("\n", errors.Take(20)));
        Assert.NotEmpty(evals);
    }

    [Fact]
    public void Large_eval_file_has_one_case_per_line()
    {
        var text = LlmAppCorpus.LargeEvalFile(cases: 100, promptFiles: 7);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(101, lines.Length); // a comment line, then the cases
        Assert.All(lines.Skip(1), l => Assert.StartsWith("{\"prompt\":\"Corpus.Prompts", l));
    }
}
