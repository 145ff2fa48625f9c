using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// A code fix test: Microsoft.CodeAnalysis.Testing's <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>
/// with the same AiLint settings as <see cref="AnalyzerTest{TAnalyzer}"/>. The kit verifies the diagnostics of the
/// sources, applies the fix one diagnostic at a time, then Fix All (document, project and solution scope); each must
/// produce <see cref="FixedSources"/> (and <see cref="FixedAdditionalFiles"/>), whose markup lists the diagnostics
/// expected to remain.
/// </summary>
public class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private bool applied;

    public CodeFixTest()
    {
        ReferenceAssemblies = Verifiers.ReferenceAssemblies.Framework;
        MarkupOptions = KitState.Markup;
        TestBehaviors = KitState.Behaviors;
        NumberOfIncrementalIterations = -KitState.MaxIncrementalIterations;
        NumberOfFixAllIterations = -KitState.MaxFixAllIterations;

        // Markup in the fixed code lists the diagnostics expected to remain (the kit's default ignores fixable ones).
        FixedState.MarkupHandling = MarkupMode.Allow;
        BatchFixedState.MarkupHandling = MarkupMode.Allow;
    }

    /// <summary>Markup sources; the first is <c>/0/Test0.cs</c>.</summary>
    public SourceFileList Sources => TestState.Sources;

    /// <summary>Additional files by path; relative paths are placed under <c>/0/</c>.</summary>
    public List<(string Path, string Content)> AdditionalFiles { get; } = new();

    /// <summary><c>.editorconfig</c> / <c>.globalconfig</c> files by path; relative paths are placed under <c>/0/</c>.</summary>
    public List<(string Path, string Content)> AnalyzerConfigFiles { get; } = new();

    public ImmutableArray<MetadataReference> References { get; set; } = Verifiers.ReferenceAssemblies.Default;

    public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

    /// <summary>The ID that <c>[|...|]</c> stands for; defaults to the analyzer's only supported ID.</summary>
    public string? MarkupDiagnosticId { get; set; }

    /// <summary>Extra analyzers to run alongside <typeparamref name="TAnalyzer"/>.</summary>
    public List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new();

    public SourceFileList FixedSources => FixedState.Sources;

    /// <summary>Expected additional files after the fix; when empty, additional files must be unchanged.</summary>
    public List<(string Path, string Content)> FixedAdditionalFiles { get; } = new();

    /// <summary>
    /// Expected additional files after Fix All, when they differ from <see cref="FixedAdditionalFiles"/>: the kit stops
    /// applying fixes one by one as soon as a fix leaves the diagnostics unchanged (todo eval cases do, by design).
    /// </summary>
    public List<(string Path, string Content)> BatchFixedAdditionalFiles { get; } = new();

    /// <summary>Expected diagnostics in the fixed code that markup cannot express (e.g. in additional files).</summary>
    public List<DiagnosticResult> FixedExpectedDiagnostics => FixedState.ExpectedDiagnostics;

    /// <summary>Set to skip the Fix All passes for fixes that are not batchable by design.</summary>
    public bool SkipFixAll
    {
        get => CodeFixTestBehaviors.HasFlag(CodeFixTestBehaviors.SkipFixAllCheck);
        set => CodeFixTestBehaviors = value ? CodeFixTestBehaviors | CodeFixTestBehaviors.SkipFixAllCheck : CodeFixTestBehaviors & ~CodeFixTestBehaviors.SkipFixAllCheck;
    }

    public void AddEditorConfig(string keyValues) =>
        AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n\n[*]\n" + keyValues + "\n"));

    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (!applied)
        {
            applied = true;
            KitState.Apply(TestState, AdditionalFiles, AnalyzerConfigFiles, References, OutputKind);
            KitState.Apply(FixedState, FixedAdditionalFiles, Array.Empty<(string, string)>(), references: null, outputKind: null);
            KitState.Apply(BatchFixedState, BatchFixedAdditionalFiles, Array.Empty<(string, string)>(), references: null, outputKind: null);
        }

        return KitState.RunAsync(() => base.RunImplAsync(cancellationToken));
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(AdditionalAnalyzers);

    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) =>
        KitState.DefaultDiagnostic(MarkupDiagnosticId, analyzers) ?? base.GetDefaultDiagnostic(analyzers);

    protected override CompilationOptions CreateCompilationOptions() => KitState.CompilationOptions();

    protected override ParseOptions CreateParseOptions() => KitState.ParseOptions(LanguageVersion);
}
