using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tool.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tool.Coverage;

/// <summary>
/// A project's prompts and their eval coverage, computed by running the analyzer behind AIL0301-AIL0304 itself,
/// so the report and the BOM agree with what the build says.
/// </summary>
internal sealed class ProjectCoverage
{
    private ProjectCoverage(LoadedProject project, ImmutableArray<PromptCoverage> prompts, ImmutableArray<Diagnostic> malformed, ImmutableArray<LocatedEvalCase> cases)
    {
        Project = project;
        Prompts = prompts;
        Malformed = malformed;
        Cases = cases;
    }

    public LoadedProject Project { get; }

    /// <summary>Every prompt, in the analyzer's order.</summary>
    public ImmutableArray<PromptCoverage> Prompts { get; }

    /// <summary>AIL0304 diagnostics: malformed eval lines.</summary>
    public ImmutableArray<Diagnostic> Malformed { get; }

    /// <summary>Every well-formed case of the project's eval files, whatever prompt id it names.</summary>
    public ImmutableArray<LocatedEvalCase> Cases { get; }

    public static async Task<ProjectCoverage> ComputeAsync(LoadedProject project)
    {
        var additionalFiles = WithEvalFiles(project.Project.AnalyzerOptions.AdditionalFiles, project.Directory);
        var coverage = ImmutableArray<PromptCoverage>.Empty;
        var analyzer = new PromptEvalCoverageAnalyzer(result => coverage = result);
        var options = new AnalyzerOptions(additionalFiles, project.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        var diagnostics = await project.Compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options)
            .GetAnalyzerDiagnosticsAsync()
            .ConfigureAwait(false);
        var cases = EvalSuite.Create(additionalFiles, CancellationToken.None).AllCases().ToImmutableArray();
        return new ProjectCoverage(project, coverage, diagnostics.Where(d => d.Id == "AIL0304").ToImmutableArray(), cases);
    }

    /// <summary>The markdown coverage report (the analyzer package's own renderer).</summary>
    public string Render() => PromptCoverageReport.Render(Project.Project.Name, Project.Directory, Prompts, Malformed);

    /// <summary>
    /// The section listing the cases whose prompt id no project of the report declares; empty when there are none. An
    /// eval file several projects read is listed once.
    /// </summary>
    public static string RenderUnmatchedCases(IReadOnlyList<ProjectCoverage> coverages, string inputDirectory)
    {
        var knownIds = coverages.SelectMany(c => c.Prompts).Select(p => p.Id).Distinct(StringComparer.Ordinal).ToList();
        var cases = coverages.SelectMany(c => c.Cases)
            .GroupBy(c => (c.Path, c.Case.Line))
            .Select(g => g.First())
            .OrderBy(c => c.Path, StringComparer.Ordinal)
            .ThenBy(c => c.Case.Line);
        return UnmatchedEvalCases.Render(cases, knownIds, path => Path.GetRelativePath(inputDirectory, path).Replace('\\', '/'));
    }

    /// <summary>
    /// The project's eval files. A project that does not import AiLint's targets (which add **/*.evals.jsonl as
    /// AdditionalFiles) still gets its eval files found, the same way the targets would find them.
    /// </summary>
    private static ImmutableArray<AdditionalText> WithEvalFiles(ImmutableArray<AdditionalText> additionalFiles, string projectDirectory) =>
        ProjectAdditionalFiles.WithFallback(additionalFiles, projectDirectory, EvalFileParser.FileSuffix, EvalFileParser.IsEvalFile);
}
