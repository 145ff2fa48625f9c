using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Verifiers;

/// <summary>Runs analyzers over a project and fails loudly if any analyzer throws (what users see as AD0001).</summary>
internal static class AnalyzerRunner
{
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {ex}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);

        var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Concat(exceptions).ToList();
        if (crashes.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("An analyzer threw:" + Environment.NewLine + string.Join(Environment.NewLine, crashes));
        }

        return diagnostics;
    }

    public static async Task<ImmutableArray<Diagnostic>> GetCompilerErrorsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    /// <summary>A diagnostic with its place, span, text and message, for failure messages.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var text = diagnostic.Location.IsInSource
            ? diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)
            : string.Empty;
        return $"{diagnostic.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}) span {diagnostic.Location.SourceSpan} `{text}`: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
