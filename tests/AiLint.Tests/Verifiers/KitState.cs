using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

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

    public static string Rooted(string path) => path.StartsWith('/') ? path : TestProjectBuilder.ProjectDirectory + path;

    /// <summary>Fills <paramref name="state"/> from the facade's lists; the framework comes from the kit's reference assemblies.</summary>
    public static void Apply(
        SolutionState state,
        IEnumerable<(string Path, string Content)> additionalFiles,
        IEnumerable<(string Path, string Content)> analyzerConfigFiles,
        ImmutableArray<MetadataReference>? references,
        OutputKind? outputKind)
    {
        foreach (var (path, content) in additionalFiles)
        {
            state.AdditionalFiles.Add((Rooted(path), content));
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

        IgnoreAdditionalLocations(state.ExpectedDiagnostics);
    }

    /// <summary>
    /// The in-house harness compared only the primary location; the kit also compares additional locations unless told not
    /// to. AiLint rules attach additional locations for their fixes, which tests do not spell out.
    /// </summary>
    public static void IgnoreAdditionalLocations(List<DiagnosticResult> expected)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            expected[i] = expected[i].WithOptions(expected[i].Options | DiagnosticOptions.IgnoreAdditionalLocations);
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
