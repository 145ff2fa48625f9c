using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// What the AiLint test facades (<see cref="AnalyzerTest{TAnalyzer}"/>, <see cref="CodeFixTest{TAnalyzer, TCodeFix}"/>)
/// add on top of Microsoft.CodeAnalysis.Testing: relative additional/config file paths rooted at <c>/0/</c>, the
/// SDK references as <c>AdditionalReferences</c>, AiLint's compilation options, and kit failures reported as xunit failures.
/// Everything else (markup, comparison, fix iterations, Fix All) is the kit's.
/// </summary>
internal static class KitState
{
    /// <summary>Markup: <c>$$</c> is code (raw interpolated strings), not a caret position.</summary>
    public const MarkupOptions Markup = MarkupOptions.TreatPositionIndicatorsAsCode;

    /// <summary>
    /// The kit's extra passes (the same code marked generated, and wrapped in <c>#pragma warning disable</c>) are off: the
    /// in-house harness never ran them and they triple the cost of every test on a shared 2-core machine.
    /// </summary>
    public const TestBehaviors Behaviors = TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;

    /// <summary>The descriptor <c>[|...|]</c> stands for when a test names it; null lets the kit pick the only one.</summary>
    public static DiagnosticDescriptor? DefaultDiagnostic(string? id, DiagnosticAnalyzer[] analyzers) =>
        id is null ? null : analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id)
            ?? throw new InvalidOperationException($"No analyzer of the test supports '{id}'.");

    /// <summary>
    /// Upper bounds (used negated, the kit's "at most") on one-by-one fix iterations and Fix All passes, as before the
    /// kit; the kit's default is an exact count derived from the expected diagnostics, which does not fit fixes that
    /// leave their diagnostic in place (a todo eval case per instruction).
    /// </summary>
    public const int MaxIncrementalIterations = 50;

    public const int MaxFixAllIterations = 10;

    public static string Rooted(string path) => path.StartsWith('/') ? path : TestProjectBuilder.ProjectDirectory + path;

    /// <summary>Fills <paramref name="state"/> from the facade's lists; the framework comes from the kit's reference assemblies.</summary>
    public static void Apply(
        SolutionState state,
        IEnumerable<(string Path, string Content)> additionalFiles,
        IEnumerable<(string Path, string Content)> analyzerConfigFiles,
        ImmutableArray<MetadataReference>? references,
        OutputKind? outputKind)
    {
        // UTF-8, as the files are on disk: the kit compares encodings, and the fixes write eval files as UTF-8.
        foreach (var (path, content) in additionalFiles)
        {
            state.AdditionalFiles.Add((Rooted(path), SourceText.From(content, Encoding.UTF8)));
        }

        foreach (var (path, content) in analyzerConfigFiles)
        {
            state.AnalyzerConfigFiles.Add((Rooted(path), content));
        }

        if (references is { } refs)
        {
            var framework = ReferenceAssemblies.FrameworkPaths;
            state.AdditionalReferences.AddRange(refs.Where(r => !framework.Contains(r.Display ?? string.Empty)));
        }

        if (outputKind is { } kind)
        {
            state.OutputKind = kind;
        }

        CheckWhatTestsSpellOut(state.ExpectedDiagnostics);
    }

    /// <summary>
    /// Tests spell out a diagnostic's primary location, and its message only through <c>WithArguments</c>/<c>WithMessage</c>.
    /// The kit would also compare additional locations (AiLint rules attach them for their fixes) and, for a result made
    /// from a descriptor without arguments, the raw message format.
    /// </summary>
    public static void CheckWhatTestsSpellOut(List<DiagnosticResult> expected)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            var result = expected[i].WithOptions(expected[i].Options | DiagnosticOptions.IgnoreAdditionalLocations);
            if (result.MessageArguments is null && result.MessageFormat is { } format && result.Message == format.ToString(CultureInfo.InvariantCulture))
            {
                result = result.WithMessage(null);
            }

            expected[i] = result;
        }
    }

    public static CompilationOptions CompilationOptions() => TestProjectBuilder.CompilationOptions(OutputKind.DynamicallyLinkedLibrary);

    public static ParseOptions ParseOptions(LanguageVersion languageVersion) => new CSharpParseOptions(languageVersion);

    /// <summary>Runs the kit and turns its failures (DefaultVerifier throws InvalidOperationException) into xunit failures.</summary>
    public static async Task RunAsync(Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            var what = ex.Message.Contains("AD0001", StringComparison.Ordinal)
                ? "An analyzer threw (AD0001)"
                : "The actual diagnostics or fixed code differ from the expected ones";
            throw new Xunit.Sdk.XunitException($"{what}. Microsoft.CodeAnalysis.Testing reports:{Environment.NewLine}{ex.Message}", ex);
        }
    }
}
