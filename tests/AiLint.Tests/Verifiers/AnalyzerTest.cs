using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Verifiers;

/// <summary>Whether compiler errors in the test code fail the test.</summary>
public enum CompilerDiagnostics
{
    /// <summary>Compiler errors fail the test (the default: test code must be realistic, compiling code).</summary>
    Errors,

    /// <summary>Compiler errors are expected (half-typed code); only analyzer behaviour is checked.</summary>
    None,
}

/// <summary>
/// An analyzer test in the shape of Microsoft.CodeAnalysis.Testing's <c>CSharpAnalyzerTest</c>: sources with markup,
/// additional files, analyzer config files, expected diagnostics.
/// </summary>
public class AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Markup sources; the first is <c>/0/Test0.cs</c>.</summary>
    public List<string> Sources { get; } = new();

    public string TestCode
    {
        set => Sources.Add(value);
    }

    /// <summary>Additional files (such as <c>*.evals.jsonl</c>) by path; relative paths are placed under <c>/0/</c>.</summary>
    public List<(string Path, string Content)> AdditionalFiles { get; } = new();

    /// <summary><c>.editorconfig</c> / <c>.globalconfig</c> files by path; relative paths are placed under <c>/0/</c>.</summary>
    public List<(string Path, string Content)> AnalyzerConfigFiles { get; } = new();

    public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

    public ImmutableArray<MetadataReference> References { get; set; } = ReferenceAssemblies.Default;

    public CompilerDiagnostics CompilerDiagnostics { get; set; } = CompilerDiagnostics.Errors;

    public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

    /// <summary>The ID that <c>[|...|]</c> stands for; defaults to the analyzer's only supported ID.</summary>
    public string? MarkupDiagnosticId { get; set; }

    /// <summary>Extra analyzers to run alongside <typeparamref name="TAnalyzer"/>.</summary>
    public List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new();

    /// <summary>Adds an <c>.editorconfig</c> at the project root applying <paramref name="keyValues"/> to every file.</summary>
    public void AddEditorConfig(string keyValues) =>
        AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n\n[*]\n" + keyValues + "\n"));

    public virtual async Task RunAsync()
    {
        var analyzers = GetAnalyzers();
        var state = ParseState(Sources, ExpectedDiagnostics, analyzers);
        var project = CreateProject(state.Sources, AdditionalFiles);
        await VerifyProjectAsync(project, state.Expected, analyzers, "test code").ConfigureAwait(false);
    }

    internal ImmutableArray<DiagnosticAnalyzer> GetAnalyzers() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()).AddRange(AdditionalAnalyzers);

    internal Project CreateProject(IReadOnlyList<string> sources, IReadOnlyList<(string Path, string Content)> additionalFiles) =>
        TestProjectBuilder.Create(
            sources.Select((s, i) => (TestProjectBuilder.SourcePath(i), s)).ToList(),
            additionalFiles.Select(f => (Rooted(f.Path), f.Content)).ToList(),
            AnalyzerConfigFiles.Select(f => (Rooted(f.Path), f.Content)).ToList(),
            References,
            OutputKind,
            LanguageVersion);

    internal static string Rooted(string path) => path.StartsWith('/') ? path : TestProjectBuilder.ProjectDirectory + path;

    internal (List<string> Sources, List<DiagnosticResult> Expected) ParseState(
        IReadOnlyList<string> markupSources,
        IReadOnlyList<DiagnosticResult> explicitExpected,
        ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var sources = new List<string>();
        var expected = new List<DiagnosticResult>();
        var indexed = new Dictionary<int, (string Path, TextSpan Span)>();

        for (var i = 0; i < markupSources.Count; i++)
        {
            var (source, spans) = TestMarkup.Parse(markupSources[i]);
            sources.Add(source);
            var path = TestProjectBuilder.SourcePath(i);
            foreach (var span in spans)
            {
                if (span.LocationIndex is { } index)
                {
                    indexed[index] = (path, span.Span);
                }
                else
                {
                    expected.Add(new DiagnosticResult(span.DiagnosticId ?? DefaultMarkupId(analyzers)) { Span = span.Span, Path = path });
                }
            }
        }

        foreach (var result in explicitExpected)
        {
            if (result.LocationIndex is { } index)
            {
                if (!indexed.TryGetValue(index, out var location))
                {
                    throw new InvalidOperationException($"Expected diagnostic {result} names markup location #{index}, which the sources do not contain.");
                }

                expected.Add(result with { Span = location.Span, Path = location.Path });
            }
            else
            {
                expected.Add(result);
            }
        }

        return (sources, expected);
    }

    private string DefaultMarkupId(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        if (MarkupDiagnosticId is not null)
        {
            return MarkupDiagnosticId;
        }

        var ids = analyzers[0].SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
        return ids.Count == 1
            ? ids[0]
            : throw new InvalidOperationException(
                $"'[|...|]' is ambiguous: {typeof(TAnalyzer).Name} supports {string.Join(", ", ids)}. Use '{{|ID:...|}}' or set MarkupDiagnosticId.");
    }

    internal async Task VerifyProjectAsync(Project project, IReadOnlyList<DiagnosticResult> expected, ImmutableArray<DiagnosticAnalyzer> analyzers, string what)
    {
        if (CompilerDiagnostics == CompilerDiagnostics.Errors)
        {
            var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project).ConfigureAwait(false);
            if (errors.Length > 0)
            {
                throw new Xunit.Sdk.XunitException($"The {what} does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
            }
        }

        var supported = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var actual = (await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers).ConfigureAwait(false))
            .Where(d => supported.Contains(d.Id))
            .ToList();
        Compare(expected, actual, what);
    }

    private static void Compare(IReadOnlyList<DiagnosticResult> expected, IReadOnlyList<Diagnostic> actual, string what)
    {
        var remaining = actual.ToList();
        var missing = new List<DiagnosticResult>();
        foreach (var result in expected)
        {
            var match = remaining.FirstOrDefault(d => Matches(result, d));
            if (match is null)
            {
                missing.Add(result);
            }
            else
            {
                remaining.Remove(match);
            }
        }

        if (missing.Count == 0 && remaining.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"Diagnostics of the {what} differ from the expected ones.");
        foreach (var result in missing)
        {
            message.AppendLine().Append("  missing:    ").Append(result).Append(result.Arguments is null && result.Message is null ? string.Empty : $" message: \"{ExpectedMessage(result)}\"");
        }

        foreach (var diagnostic in remaining)
        {
            message.AppendLine().Append("  unexpected: ").Append(Describe(diagnostic));
        }

        message.AppendLine().Append("  all actual: ");
        foreach (var diagnostic in actual)
        {
            message.AppendLine().Append("    ").Append(Describe(diagnostic));
        }

        throw new Xunit.Sdk.XunitException(message.ToString());
    }

    private static bool Matches(DiagnosticResult expected, Diagnostic actual)
    {
        if (expected.Id != actual.Id)
        {
            return false;
        }

        if (expected.Severity is { } severity && severity != actual.Severity)
        {
            return false;
        }

        var location = actual.Location;
        var path = location.IsInSource ? location.SourceTree!.FilePath : location.GetLineSpan().Path;
        if (expected.Path is not null && !string.Equals(Rooted(expected.Path), path, StringComparison.Ordinal))
        {
            return false;
        }

        if (expected.Span is { } span && location.SourceSpan != span)
        {
            return false;
        }

        if (expected.Line is { } line && location.GetLineSpan().StartLinePosition.Line + 1 != line)
        {
            return false;
        }

        var message = ExpectedMessage(expected);
        return message is null || message == actual.GetMessage(CultureInfo.InvariantCulture);
    }

    private static string? ExpectedMessage(DiagnosticResult expected)
    {
        if (expected.Message is not null)
        {
            return expected.Message;
        }

        if (expected.Arguments is null)
        {
            return null;
        }

        var format = expected.MessageFormat
            ?? AllDescriptors.Value.FirstOrDefault(d => d.Id == expected.Id)?.MessageFormat.ToString(CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException($"No descriptor for {expected.Id}.");
        return string.Format(CultureInfo.InvariantCulture, format, expected.Arguments);
    }

    private static readonly Lazy<ImmutableArray<DiagnosticDescriptor>> AllDescriptors = new(() =>
        typeof(global::AiLint.Analyzers.Descriptors).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToImmutableArray());

    internal static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var text = diagnostic.Location.IsInSource
            ? diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)
            : string.Empty;
        return $"{diagnostic.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}) span {diagnostic.Location.SourceSpan} `{text}`: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }
}
