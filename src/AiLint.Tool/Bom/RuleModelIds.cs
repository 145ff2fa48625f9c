using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tool.Bom;

/// <summary>One id AIL0501-AIL0503 report, where they report it.</summary>
/// <param name="Id">The id as written.</param>
/// <param name="Path">The file the diagnostic is in: a C# file, or a settings file (<c>appsettings*.json</c>).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="InSettingsFile">Whether the id is written in a settings file rather than in source.</param>
internal sealed record RuleModelId(string Id, string Path, int Line, bool InSettingsFile);

/// <summary>
/// The model ids AIL0501-AIL0503 read, taken from the rules themselves: the tool runs the model analyzer on the
/// project's compilation, with the files the build gives it (the project's AdditionalFiles, or the model tables and
/// settings files AiLint's targets would add), and keeps the id each diagnostic names. Whatever the rules follow to an
/// id (a fallback in a local's initializer, a settings class default, a helper's returns, a value in appsettings.json)
/// is then in the BOM, read exactly as the build reads it: there is no second reading to drift from theirs.
/// </summary>
/// <remarks>
/// The rules report only ids the model table knows to float, be deprecated or be retired, so this adds those; the
/// slot finder (<see cref="ModelIdFinder"/>) still lists every id written at a slot, the table's or not.
/// </remarks>
internal static class RuleModelIds
{
    private static readonly string[] RuleIds = ["AIL0501", "AIL0502", "AIL0503"];

    public static async Task<IReadOnlyList<RuleModelId>> FindAsync(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken = default)
    {
        // The project may turn the rules off for its build (NoWarn, a ruleset): an inventory lists the ids anyway.
        var compilationOptions = compilation.Options.WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.RemoveRange(RuleIds));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelAnalyzer());
        var withAnalyzers = compilation.WithOptions(compilationOptions).WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

        var found = new List<RuleModelId>();
        foreach (var diagnostic in diagnostics)
        {
            if (Array.IndexOf(RuleIds, diagnostic.Id) < 0
                || !diagnostic.Properties.TryGetValue(ModelDiagnosticProperties.ModelId, out var id)
                || string.IsNullOrWhiteSpace(id)
                || diagnostic.Location.GetLineSpan() is not { IsValid: true } span
                || string.IsNullOrEmpty(span.Path))
            {
                continue;
            }

            found.Add(new RuleModelId(id, span.Path, span.StartLinePosition.Line + 1, ConfigurationModelIds.IsSettingsFile(span.Path)));
        }

        return found;
    }
}
