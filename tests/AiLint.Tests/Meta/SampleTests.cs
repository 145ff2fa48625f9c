using System.Text.RegularExpressions;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Meta;

/// <summary>
/// The sample app must show every rule, exactly where its source says: each line carrying a trailing
/// <c>// expect AILxxxx</c> comment (in eval files, a <c>// expect AILxxxx on next line</c> line) gets that diagnostic,
/// and no other line gets any. Besides AiLint's diagnostics, the sample compiles cleanly.
/// </summary>
public class SampleTests
{
    [Fact]
    public async Task Sample_reports_exactly_the_marked_diagnostics()
    {
        var (compilation, options) = await CompileSampleAsync();

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The sample does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));

        var analyzers = DescriptorTests.AllAnalyzers;
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        var actual = diagnostics
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal))
            .Select(d => (File: Relative(d.Location.GetLineSpan().Path), Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
            .Distinct()
            .OrderBy(x => x.File, StringComparer.Ordinal).ThenBy(x => x.Line).ThenBy(x => x.Id, StringComparer.Ordinal)
            .ToList();
        var expected = ExpectedMarkers()
            .OrderBy(x => x.File, StringComparer.Ordinal).ThenBy(x => x.Line).ThenBy(x => x.Id, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Sample_shows_every_rule()
    {
        var shown = ExpectedMarkers().Select(m => m.Id).ToHashSet();
        var missing = DescriptorTests.All.Select(d => d.Id).Where(id => !shown.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "The sample shows no example of: " + string.Join(", ", missing));
    }

    private static async Task<(Compilation Compilation, AnalyzerOptions Options)> CompileSampleAsync()
    {
        var project = SampleApp.CreateProject(ReferenceAssemblies.Default);
        var compilation = (await project.GetCompilationAsync())!;
        SampleApp.CreateGeneratorDriver(project).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out var generatorDiagnostics);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return (compilation, project.AnalyzerOptions);
    }

    private static IEnumerable<string> SampleFiles(string pattern) => SampleApp.Files(pattern);

    private static string Relative(string path) => SampleApp.Relative(path);

    private static IEnumerable<(string File, int Line, string Id)> ExpectedMarkers()
    {
        var marker = new Regex(@"//\s*expect\s+(AIL\d{4}(?:\s*,\s*AIL\d{4})*)(\s+on next line)?", RegexOptions.CultureInvariant);
        foreach (var path in SampleFiles("*.cs").Concat(SampleFiles("*.evals.jsonl")).Concat(SampleFiles("*.ailint-models.json")))
        {
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = marker.Match(lines[i]);
                if (!match.Success)
                {
                    continue;
                }

                var line = i + 1 + (match.Groups[2].Success ? 1 : 0);
                foreach (var id in match.Groups[1].Value.Split(',').Select(s => s.Trim()))
                {
                    yield return (Relative(path), line, id);
                }
            }
        }
    }
}
