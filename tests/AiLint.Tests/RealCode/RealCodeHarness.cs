using System.Text.RegularExpressions;
using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.RealCode;

/// <summary>
/// Runs every AiLint analyzer over one source file and compares what it reports with the <c>// expect AILxxxx</c>
/// markers written on the lines that should carry a diagnostic (the same convention as the sample app). A line
/// without a marker must get nothing, so each test checks the bug and the correct code written next to it.
/// </summary>
internal static class RealCodeHarness
{
    public const string Usings = """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Linq;
        using System.Net.Http;
        using System.Runtime.CompilerServices;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        """;

    private static readonly Regex Marker = new(@"//\s*expect\s+(?<ids>AIL\d{4}(\s*,\s*AIL\d{4})*)", RegexOptions.Compiled);

    /// <summary>Asserts that the analyzers report exactly the marked (line, id) pairs, warnings and errors only.</summary>
    public static async Task AssertMarkedAsync(string source, string? evals = null, params MetadataReference[] extraReferences)
    {
        var text = Usings + source;
        var expected = Expected(text);
        var actual = await ReportedAsync(text, evals, extraReferences);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"missing: [{string.Join(", ", missing)}]; unexpected: [{string.Join(", ", extra)}]");
    }

    /// <summary>Half-typed code: every analyzer runs over it without an exception (what it reports is not checked).</summary>
    public static async Task AssertNoCrashAsync(string source, params MetadataReference[] extraReferences)
    {
        var project = TestProjectBuilder.Create(
            new[] { ("/0/App.cs", Usings + source) },
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default.AddRange(extraReferences),
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);
        var crash = await ComponentRunner.AnalyzerCrashAsync(project);
        Assert.True(crash is null, crash);
    }

    private static List<string> Expected(string text) =>
        text.Split('\n')
            .SelectMany((line, index) => Marker.Match(line) is { Success: true } m
                ? m.Groups["ids"].Value.Split(',').Select(id => $"{id.Trim()}@{index + 1}")
                : Enumerable.Empty<string>())
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    private static async Task<List<string>> ReportedAsync(string text, string? evals, MetadataReference[] extraReferences)
    {
        var project = TestProjectBuilder.Create(
            new[] { ("/0/App.cs", text) },
            evals is null ? Array.Empty<(string, string)>() : new[] { ("/0/evals/app.evals.jsonl", evals) },
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default.AddRange(extraReferences),
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);

        var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, "The code does not compile: " + string.Join(Environment.NewLine, errors));

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers());
        return diagnostics
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }
}
