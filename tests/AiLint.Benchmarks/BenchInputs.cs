using System.Collections.Immutable;
using System.Text;
using AiLint.Tests.Robustness;
using AiLint.Tests.Robustness.Corpus;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Benchmarks;

/// <summary>Compilations and analyzer sets the benchmarks measure, built from the shared corpus generator.</summary>
public static class BenchInputs
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions(new[] { "OPENAI001", "OPENAI002", "SCME0001", "SCME0002", "MEAI001", "MCPEXP001", "MCPEXP002" }
            .ToDictionary(id => id, _ => ReportDiagnostic.Suppress));

    /// <summary>A compilation of <paramref name="files"/> mixed corpus files, already parsed, and its eval files.</summary>
    public static (CSharpCompilation Compilation, ImmutableArray<AdditionalText> Additional) Mixed(int files)
    {
        var (sources, evals) = LlmAppCorpus.Generate(files);
        return (Compile(sources), evals.Select(e => (AdditionalText)new CountingAdditionalText("/corpus/" + e.Path, e.Content)).ToImmutableArray());
    }

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Content)> sources) =>
        CSharpCompilation.Create(
            "Corpus",
            sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Content, Encoding.UTF8), ParseOptions, "/corpus/" + s.Path)),
            ReferenceAssemblies.Default,
            CompilationOptions);

    /// <summary>Every AiLint analyzer, fresh.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All() => AiLintComponents.CreateAnalyzers();

    /// <summary>Rule families: the category of the rules an analyzer reports ("Reliability", "Evaluation", ...).</summary>
    public static IReadOnlyList<string> Families() =>
        All().Select(Family).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();

    public static ImmutableArray<DiagnosticAnalyzer> OfFamily(string family) =>
        family == "All" ? All() : All().Where(a => Family(a) == family).ToImmutableArray();

    public static string Family(DiagnosticAnalyzer analyzer) =>
        analyzer.SupportedDiagnostics.Select(d => d.Category.Replace("AiLint.", string.Empty, StringComparison.Ordinal)).FirstOrDefault() ?? "Other";

    /// <summary>
    /// Compiles and analyzes a fresh clone of <paramref name="compilation"/> (fresh symbols: all binding is redone, as in
    /// a build). Compiler diagnostics are included, so the empty-analyzer baseline is the compiler's own cost.
    /// </summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> additional, bool logTime = false) =>
        AnalyzeWithDriver(compilation.Clone(), analyzers, additional, logTime).Diagnostics;

    public static (ImmutableArray<Diagnostic> Diagnostics, CompilationWithAnalyzers Driver) AnalyzeWithDriver(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> additional, bool logTime)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: logTime,
            reportSuppressedDiagnostics: false);
        var driver = compilation.WithAnalyzers(analyzers.IsEmpty ? ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer()) : analyzers, options);
        return (driver.GetAllDiagnosticsAsync().GetAwaiter().GetResult(), driver);
    }
}

/// <summary>An in-memory AdditionalText that counts how often analyzers read it.</summary>
public sealed class CountingAdditionalText : AdditionalText
{
    private readonly SourceText text;
    private int reads;

    public CountingAdditionalText(string path, string content)
    {
        Path = path;
        text = SourceText.From(content, Encoding.UTF8);
    }

    public override string Path { get; }

    public int Reads => Volatile.Read(ref reads);

    public override SourceText GetText(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref reads);
        return text;
    }

    public void ResetReads() => Interlocked.Exchange(ref reads, 0);
}

/// <summary>
/// A second baseline: an analyzer that asks for every method body's IOperation tree and does nothing with it. Any
/// operation-based analyzer pays for building those trees once per compilation, and a real build already has such
/// analyzers (the .NET SDK's own code-analysis rules), so this shows AiLint's cost beyond that shared work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OperationTreeAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0002", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationBlockAction(static _ => { });
    }
}

/// <summary>The baseline: an analyzer that does nothing, so the same driver runs without AiLint's work.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
    }
}

/// <summary>
/// A probe for "--focus SemanticModelProbeAnalyzer": a semantic-model action that does nothing, and a compilation end
/// action, as Evaluation registers. What the driver and the compiler do for any analyzer of that shape (beyond the
/// operation trees) shows as this probe's delta over the trees alone, and is not the analyzer's own work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SemanticModelProbeAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0004", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            start.RegisterSemanticModelAction(static _ => { });
            start.RegisterCompilationEndAction(static _ => { });
        });
    }
}
