using System.Collections.Immutable;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Tests.Robustness;

/// <summary>One C# source found in the repository, with the eval files that belong with it.</summary>
/// <param name="Origin">Where it came from (file and literal position), for failure messages.</param>
internal sealed record CorpusSource(string Origin, string Code, ImmutableArray<(string Path, string Content)> EvalFiles);

/// <summary>
/// The code the robustness suite feeds to AiLint: the C# snippets embedded in the rule tests (raw string literals,
/// markup stripped) and the sample application. Collected from the repository root, so new tests are picked up
/// without registration.
/// </summary>
internal static class RobustnessCorpus
{
    /// <summary>The sample lives under this virtual directory, which is also its <c>MSBuildProjectDirectory</c>.</summary>
    public const string SampleDirectory = "/sample/";

    private static readonly Lazy<ImmutableArray<CorpusSource>> LazyTestSources = new(CollectTestSources);

    private static readonly Lazy<SampleProject> LazySample = new(CollectSample);

    /// <summary>Every C# snippet of the test suite, deduplicated, in a stable order.</summary>
    public static ImmutableArray<CorpusSource> TestSources => LazyTestSources.Value;

    public static SampleProject Sample => LazySample.Value;

    /// <summary>A project of one test snippet (plus its file's eval cases) as the harness would build it.</summary>
    public static Project CreateProject(string code, IReadOnlyList<(string Path, string Content)> evalFiles) =>
        TestProjectBuilder.Create(
            new[] { (TestProjectBuilder.SourcePath(0), code) },
            evalFiles.Select(f => (TestProjectBuilder.ProjectDirectory + f.Path, f.Content)).ToList(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);

    /// <summary>The sample as one project; <paramref name="replace"/> swaps one file's text (by relative path) for a mutation.</summary>
    public static Project CreateSampleProject(string? replacePath = null, string? replacement = null)
    {
        var sample = Sample;
        string Text(string path, string content) => path == replacePath ? replacement! : content;
        var sources = sample.Sources.Select(s => (SampleDirectory + s.Path, Text(s.Path, s.Content)))
            .Append((SampleDirectory + "obj/GlobalUsings.g.cs", SampleApp.WebImplicitUsings))
            .ToList();
        var additional = sample.EvalFiles.Select(f => (SampleDirectory + f.Path, Text(f.Path, f.Content))).ToList();
        var config = sample.EditorConfigs.Select(f => (SampleDirectory + f.Path, f.Content))
            .Append((SampleDirectory + "obj/AiLint.globalconfig", $"is_global = true\nbuild_property.MSBuildProjectDirectory = {SampleDirectory.TrimEnd('/')}\n"))
            .ToList();
        return TestProjectBuilder.Create(sources, additional, config, ReferenceAssemblies.Default, OutputKind.ConsoleApplication, LanguageVersion.Latest);
    }

    private static ImmutableArray<CorpusSource> CollectTestSources()
    {
        var testsDir = RepositoryPaths.Combine("tests", "AiLint.Tests");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<CorpusSource>();
        foreach (var file in EnumerateFiles(testsDir, "*.cs"))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');
            if (relative.Contains("/Robustness/", StringComparison.Ordinal))
            {
                continue; // our own fixtures are written to break things on purpose
            }

            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            var literals = root.DescendantNodes().OfType<LiteralExpressionSyntax>()
                .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression))
                .Select(l => (l.Token.ValueText, Line: l.GetLocation().GetLineSpan().StartLinePosition.Line + 1))
                .ToList();

            var evals = literals.Where(l => LooksLikeEvalFile(l.ValueText))
                .Select((l, i) => ($"evals/case{i}.evals.jsonl", StripMarkup(l.ValueText)))
                .ToImmutableArray();

            foreach (var (text, line) in literals.Where(l => LooksLikeCSharp(l.ValueText)))
            {
                var code = StripMarkup(text);
                if (seen.Add(code))
                {
                    result.Add(new CorpusSource($"{relative}:{line}", code, evals));
                }
            }
        }

        return result.ToImmutable();
    }

    private static SampleProject CollectSample()
    {
        var dir = RepositoryPaths.Combine("samples", "SupportAssistant");
        List<(string, string)> Read(string pattern) => EnumerateFiles(dir, pattern)
            .Select(f => (Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        return new SampleProject(Read("*.cs"), Read("*.evals.jsonl"), Read(".editorconfig").Concat(Read("*.globalconfig")).ToList());
    }

    private static IEnumerable<string> EnumerateFiles(string dir, string pattern) =>
        Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Markup spans are removed; a snippet whose markup does not parse is kept verbatim.</summary>
    private static string StripMarkup(string text)
    {
        try
        {
            Microsoft.CodeAnalysis.Testing.TestFileMarkupParser.GetSpans(text, treatPositionIndicatorsAsCode: true, out var source, out ImmutableDictionary<string, ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>> _);
            return source;
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static bool LooksLikeCSharp(string text) =>
        text.Length >= 20
        && (text.Contains('{') || text.Contains(';'))
        && !LooksLikeEvalFile(text)
        && new[] { "class ", "struct ", "record ", "interface ", "namespace ", "using ", "void ", "var " }.Any(k => text.Contains(k, StringComparison.Ordinal));

    private static bool LooksLikeEvalFile(string text) =>
        text.TrimStart().StartsWith('{') && text.Contains("\"prompt\"", StringComparison.Ordinal);
}

/// <summary>The sample's files, by path relative to its project directory.</summary>
internal sealed record SampleProject(
    IReadOnlyList<(string Path, string Content)> Sources,
    IReadOnlyList<(string Path, string Content)> EvalFiles,
    IReadOnlyList<(string Path, string Content)> EditorConfigs);
