using System.Text;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Analyzers and generators run on every keystroke, on code that is half-typed most of the time. Every test snippet
/// and every sample file, truncated and with tokens deleted, goes through every AiLint analyzer and generator:
/// no exception may escape (users would see AD0001 or CS8785 and drop the package).
/// </summary>
public class HalfTypedCodeTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper output;

    public HalfTypedCodeTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

    /// <summary>Variants per test snippet, and the cap over all snippets, keep the suite's run time modest.</summary>
    private const int VariantsPerSnippet = 3;
    private const int MaxSnippetVariants = 600;
    private const int Shards = 4;
    private const int SampleVariantsPerFile = 3;

    public static TheoryData<int> ShardData => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(ShardData))]
    public async Task Mutated_test_snippets_never_crash_an_analyzer_or_generator(int shard)
    {
        var failures = new List<string>();
        var variants = SnippetVariants().Where((_, i) => i % Shards == shard).ToList();
        foreach (var (source, kind, text) in variants)
        {
            var project = RobustnessCorpus.CreateProject(text, source.EvalFiles);
            await CheckAsync(project, $"{source.Origin} ({kind})", text, failures);
        }

        output.WriteLine($"{variants.Count} mutated snippets of {RobustnessCorpus.TestSources.Length} checked");
        AssertNoFailures(failures, variants.Count);
    }

    [Fact]
    public async Task Mutated_sample_files_never_crash_an_analyzer_or_generator()
    {
        var failures = new List<string>();
        var sample = RobustnessCorpus.Sample;
        var count = 0;
        await CheckAsync(RobustnessCorpus.CreateSampleProject(), "the sample as is", string.Empty, failures);
        foreach (var (path, content) in sample.Sources)
        {
            var random = new Random(StableSeed(path));
            foreach (var (kind, text) in Mutations.All(content, random).OrderBy(_ => random.Next()).Take(SampleVariantsPerFile))
            {
                count++;
                await CheckAsync(RobustnessCorpus.CreateSampleProject(path, text), $"sample {path} ({kind})", text, failures);
            }
        }

        foreach (var (path, content) in sample.EvalFiles)
        {
            var random = new Random(StableSeed(path));
            var variants = Mutations.Truncations(content, random, evenlySpaced: 1, randomPoints: 1)
                .Append(Mutations.DeleteCharacters(content, random, 5));
            foreach (var (kind, text) in variants)
            {
                count++;
                await CheckAsync(RobustnessCorpus.CreateSampleProject(path, text), $"sample {path} ({kind})", text, failures);
            }
        }

        output.WriteLine($"{count} mutated sample variants checked");
        AssertNoFailures(failures, count);
    }

    [Fact]
    public void The_corpus_is_found()
    {
        // Guards the other tests against passing vacuously because the repository layout moved.
        Assert.NotEmpty(RobustnessCorpus.Sample.Sources);
        Assert.True(RobustnessCorpus.TestSources.Length >= 5, $"Only {RobustnessCorpus.TestSources.Length} test snippets found.");
    }

    /// <summary>A fixed-seed selection of mutations: up to <see cref="VariantsPerSnippet"/> per snippet, capped overall.</summary>
    internal static IEnumerable<(CorpusSource Source, string Kind, string Text)> SnippetVariants()
    {
        var random = new Random(Mutations.Seed);
        var all = new List<(CorpusSource, string, string)>();
        foreach (var source in RobustnessCorpus.TestSources)
        {
            var own = new Random(StableSeed(source.Code));
            var mutations = Mutations.All(source.Code, own).ToList();
            all.AddRange(mutations.OrderBy(_ => own.Next()).Take(VariantsPerSnippet).Select(m => (source, m.Kind, m.Text)));
        }

        return all.Count <= MaxSnippetVariants ? all : all.OrderBy(_ => random.Next()).Take(MaxSnippetVariants).ToList();
    }

    internal static int StableSeed(string text)
    {
        // string.GetHashCode is randomized per process; FNV-1a keeps the selection reproducible.
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ Mutations.Seed);
    }

    private static async Task CheckAsync(Project project, string what, string text, List<string> failures)
    {
        var generators = await ComponentRunner.RunGeneratorsAsync(project);
        if (!generators.Crashes.IsEmpty)
        {
            failures.Add($"Generator crashed on {what}:\n{string.Join("\n", generators.Crashes)}\n--- input ---\n{ComponentRunner.Excerpt(text)}");
        }

        if (await ComponentRunner.AnalyzerCrashAsync(project) is { } crash)
        {
            failures.Add($"Analyzer crashed on {what}:\n{crash}\n--- input ---\n{ComponentRunner.Excerpt(text)}");
        }
    }

    private static void AssertNoFailures(List<string> failures, int count)
    {
        if (failures.Count > 0)
        {
            var message = new StringBuilder($"{failures.Count} of {count} mutated inputs crashed AiLint:");
            foreach (var failure in failures.Take(10))
            {
                message.AppendLine().AppendLine(failure);
            }

            throw new Xunit.Sdk.XunitException(message.ToString());
        }
    }
}
