using System.Collections.Immutable;
using System.Text;
using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Cli;

/// <summary>Opens a project with MSBuildWorkspace and renders the analyzer's own coverage model as markdown.</summary>
internal static class CoverageCommand
{
    public static async Task<int> RunAsync(string projectPath, string? output)
    {
        using var workspace = MSBuildWorkspace.Create();
        workspace.WorkspaceFailed += (_, e) =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                Console.Error.WriteLine("warning: " + e.Diagnostic.Message);
            }
        };

        var project = await workspace.OpenProjectAsync(projectPath).ConfigureAwait(false);
        var compilation = await project.GetCompilationAsync().ConfigureAwait(false);
        if (compilation is null)
        {
            Console.Error.WriteLine($"Could not compile '{projectPath}'.");
            return 1;
        }

        var projectDirectory = Path.GetDirectoryName(projectPath)!;
        var additionalFiles = WithEvalFiles(project.AnalyzerOptions.AdditionalFiles, projectDirectory);
        var coverage = ImmutableArray<PromptCoverage>.Empty;
        var analyzer = new PromptEvalCoverageAnalyzer(result => coverage = result);
        var options = new AnalyzerOptions(additionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options)
            .GetAnalyzerDiagnosticsAsync()
            .ConfigureAwait(false);

        var report = PromptCoverageReport.Render(
            project.Name,
            projectDirectory,
            coverage,
            diagnostics.Where(d => d.Id == "AIL0304"));
        if (output is null)
        {
            Console.Out.Write(report);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, report, new UTF8Encoding(false)).ConfigureAwait(false);
            Console.Error.WriteLine($"Wrote {output} ({coverage.Length} prompts).");
        }

        return 0;
    }

    /// <summary>
    /// The project's eval files. A project that does not import AiLint's targets (which add **/*.evals.jsonl as
    /// AdditionalFiles) still gets its eval files found, the same way the targets would find them.
    /// </summary>
    private static ImmutableArray<AdditionalText> WithEvalFiles(ImmutableArray<AdditionalText> additionalFiles, string projectDirectory)
    {
        if (additionalFiles.Any(f => EvalFileParser.IsEvalFile(f.Path)))
        {
            return additionalFiles;
        }

        var separator = Path.DirectorySeparatorChar;
        var found = Directory.EnumerateFiles(projectDirectory, "*" + EvalFileParser.FileSuffix, SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !p.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new FileText(p));
        return additionalFiles.AddRange(found);
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) =>
            SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
    }
}
