using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// An analyzer test: Microsoft.CodeAnalysis.Testing's <see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/> with the
/// AiLint defaults (real SDK references, nullable enabled, experimental-API warnings suppressed) and the settings the
/// tests used before the kit (<see cref="AdditionalFiles"/> with paths relative to the project, <see cref="References"/>
/// as one list, <see cref="MarkupDiagnosticId"/>, <see cref="AdditionalAnalyzers"/>). See tests/AiLint.Tests/README.md.
/// </summary>
public class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private bool applied;

    public AnalyzerTest()
    {
        ReferenceAssemblies = Verifiers.ReferenceAssemblies.Framework;
        MarkupOptions = KitState.Markup;
        TestBehaviors = KitState.Behaviors;
    }

    /// <summary>Markup sources; the first is <c>/0/Test0.cs</c>.</summary>
    public SourceFileList Sources => TestState.Sources;

    /// <summary>Additional files (such as <c>*.evals.jsonl</c>) by path; relative paths are placed under <c>/0/</c>.</summary>
    public List<(string Path, string Content)> AdditionalFiles { get; } = new();

    /// <summary><c>.editorconfig</c> / <c>.globalconfig</c> files by path; relative paths are placed under <c>/0/</c>.</summary>
    public List<(string Path, string Content)> AnalyzerConfigFiles { get; } = new();

    /// <summary>Framework and SDK references; the framework part comes from the kit, the rest is passed as additional references.</summary>
    public ImmutableArray<MetadataReference> References { get; set; } = Verifiers.ReferenceAssemblies.Default;

    public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

    /// <summary>The ID that <c>[|...|]</c> stands for; defaults to the analyzer's only supported ID.</summary>
    public string? MarkupDiagnosticId { get; set; }

    /// <summary>Extra analyzers to run alongside <typeparamref name="TAnalyzer"/>.</summary>
    public List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new();

    /// <summary>Adds an <c>.editorconfig</c> at the project root applying <paramref name="keyValues"/> to every file.</summary>
    public void AddEditorConfig(string keyValues) =>
        AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n\n[*]\n" + keyValues + "\n"));

    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (!applied)
        {
            applied = true;
            KitState.Apply(TestState, AdditionalFiles, AnalyzerConfigFiles, References, OutputKind);
        }

        return KitState.RunAsync(() => base.RunImplAsync(cancellationToken));
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(AdditionalAnalyzers);

    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) =>
        KitState.DefaultDiagnostic(MarkupDiagnosticId, analyzers) ?? base.GetDefaultDiagnostic(analyzers);

    protected override CompilationOptions CreateCompilationOptions() => KitState.CompilationOptions();

    protected override ParseOptions CreateParseOptions() => KitState.ParseOptions(LanguageVersion);
}
