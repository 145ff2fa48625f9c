using System.Collections.Immutable;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Robustness;

/// <summary>Runs the AiLint generators and analyzers over a project and reports any crash instead of throwing.</summary>
internal static class ComponentRunner
{
    /// <summary>The generator-failure warnings the compiler reports for an exception in initialization or execution.</summary>
    private static readonly string[] GeneratorCrashIds = { "CS8784", "CS8785" };

    public sealed record GeneratorRun(Compilation Output, GeneratorDriverRunResult Result, ImmutableArray<string> Crashes);

    /// <summary>Runs every AiLint generator once with the project's additional files and options.</summary>
    public static async Task<GeneratorRun> RunGeneratorsAsync(Project project, bool trackSteps = false, ImmutableArray<ISourceGenerator>? generators = null)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var driver = CreateDriver(project, trackSteps, generators)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        var crashes = result.Results.Where(r => r.Exception is not null).Select(r => $"{r.Generator.GetGeneratorType().Name}: {r.Exception}")
            .Concat(diagnostics.Concat(result.Diagnostics).Where(d => GeneratorCrashIds.Contains(d.Id)).Select(d => d.ToString()))
            .Distinct()
            .ToImmutableArray();
        return new GeneratorRun(output, result, crashes);
    }

    public static GeneratorDriver CreateDriver(Project project, bool trackSteps, ImmutableArray<ISourceGenerator>? generators = null) =>
        CSharpGeneratorDriver.Create(
            generators ?? AiLintComponents.CreateGenerators(),
            project.AnalyzerOptions.AdditionalFiles,
            (CSharpParseOptions)project.ParseOptions!,
            project.AnalyzerOptions.AnalyzerConfigOptionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Every analyzer over the project; returns the crash messages (AD0001 or onAnalyzerException), empty when none.</summary>
    public static async Task<string?> AnalyzerCrashAsync(Project project, ImmutableArray<DiagnosticAnalyzer>? only = null)
    {
        var analyzers = only ?? AiLintComponents.CreateAnalyzers();
        if (analyzers.IsEmpty)
        {
            return null; // no rule family has landed yet; CompilationWithAnalyzers refuses an empty set
        }

        try
        {
            await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers).ConfigureAwait(false);
            return null;
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Shortens a failing input for a failure message; the origin and mutation identify it exactly.</summary>
    public static string Excerpt(string text, int max = 1500) =>
        text.Length <= max ? text : text.Substring(0, max) + $"... ({text.Length - max} more characters)";
}
