using System.Collections.Immutable;
using System.Globalization;
using AiLint.Tests.Robustness.Corpus;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Generated code must be byte-identical from run to run and on every developer's machine, whatever its culture
/// (tr-TR lower-cases 'I' to a dotless 'ı'; de-DE writes 1,5); otherwise builds are not reproducible and every
/// checkout shows a diff. Analyzer results must not depend on concurrent execution.
/// </summary>
public class DeterminismTests
{
    private static readonly string[] Cultures = { "tr-TR", "de-DE" };

    [Fact]
    public async Task Generator_output_is_identical_across_runs_and_cultures()
    {
        var projects = new List<(string Name, Project Project)>
        {
            ("the sample", RobustnessCorpus.CreateSampleProject()),
            ("the generated corpus", CorpusProject(30, schemaTypes: 5)),
        };
        projects.AddRange(RobustnessCorpus.TestSources
            .Where(s => s.Code.Contains("LlmSchema", StringComparison.Ordinal))
            .Take(12)
            .Select(s => (s.Origin, RobustnessCorpus.CreateProject(s.Code, s.EvalFiles))));

        var failures = new List<string>();
        var generatedAny = false;
        foreach (var (name, project) in projects)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var reference = RunIn(CultureInfo.InvariantCulture, project, compilation);
            generatedAny |= reference.Length > 0;
            var again = RunIn(CultureInfo.InvariantCulture, project, compilation);
            Compare(reference, again, $"{name}, second run", failures);
            foreach (var culture in Cultures)
            {
                Compare(reference, RunIn(new CultureInfo(culture), project, compilation), $"{name} under {culture}", failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
        if (!AiLintComponents.CreateGenerators().IsEmpty)
        {
            Assert.True(generatedAny, "The generator emitted nothing for any [LlmSchema] type; the comparison proved nothing.");
        }
    }

    [Fact]
    public async Task Generator_reruns_no_emit_step_after_an_unrelated_edit()
    {
        if (AiLintComponents.CreateGenerators().IsEmpty)
        {
            return;
        }

        var project = CorpusProject(20, schemaTypes: 10);
        var compilation = (await project.GetCompilationAsync())!;
        var driver = ComponentRunner.CreateDriver(project, trackSteps: true).RunGenerators(compilation);
        var plain = compilation.SyntaxTrees.First(t => t.ToString().Contains("OrderReport", StringComparison.Ordinal));
        var edited = compilation.ReplaceSyntaxTree(plain, plain.WithChangedText(plain.GetText().Replace(0, 0, "// an unrelated edit\n")));

        var result = driver.RunGenerators(edited).GetRunResult();

        // RegisterSourceOutput steps are the emit steps; after an edit that touches no [LlmSchema] type, each must be cached.
        var rerun = result.Results
            .SelectMany(r => r.TrackedOutputSteps.SelectMany(s => s.Value.SelectMany(step => step.Outputs.Select(o => (Generator: r.Generator.GetGeneratorType().Name, Step: s.Key, o.Reason)))))
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        Assert.True(rerun.Count == 0, "Emit steps re-ran after an unrelated edit: " + string.Join(", ", rerun.Select(r => $"{r.Generator}.{r.Step}={r.Reason}")));

        // A comment is not a declaration: the schema generator must not even re-extract (its declaration key is equal).
        var extraction = result.Results
            .SelectMany(r => r.TrackedSteps.Where(s => s.Key == "SchemaExtraction").SelectMany(s => s.Value).SelectMany(step => step.Outputs))
            .Select(o => o.Reason)
            .ToList();
        Assert.NotEmpty(extraction);
        Assert.All(extraction, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public async Task Analyzer_diagnostics_do_not_depend_on_concurrent_execution()
    {
        foreach (var (name, project) in new[] { ("the sample", RobustnessCorpus.CreateSampleProject()), ("the generated corpus", CorpusProject(60, schemaTypes: 0)) })
        {
            if (AiLintComponents.CreateAnalyzers().IsEmpty)
            {
                return;
            }

            var compilation = (await project.GetCompilationAsync())!;
            var sequential = await DiagnosticsAsync(compilation, project.AnalyzerOptions, concurrent: false);
            var concurrent1 = await DiagnosticsAsync(compilation, project.AnalyzerOptions, concurrent: true);
            var concurrent2 = await DiagnosticsAsync(compilation, project.AnalyzerOptions, concurrent: true);

            AssertSame(sequential, concurrent1, $"{name}: sequential vs concurrent");
            AssertSame(concurrent1, concurrent2, $"{name}: concurrent run 1 vs 2");
            Assert.DoesNotContain(sequential, d => d.StartsWith("AD0001", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_analyzer_enables_concurrent_execution_and_skips_generated_code()
    {
        var offenders = new List<string>();
        foreach (var analyzer in AiLintComponents.CreateAnalyzers())
        {
            var context = new RecordingAnalysisContext();
            analyzer.Initialize(context);
            if (!context.ConcurrentExecutionEnabled)
            {
                offenders.Add($"{analyzer.GetType().FullName} does not call EnableConcurrentExecution()");
            }

            if (context.GeneratedCodeAnalysis is not { } flags)
            {
                offenders.Add($"{analyzer.GetType().FullName} does not call ConfigureGeneratedCodeAnalysis()");
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static void AssertSame(ImmutableArray<string> expected, ImmutableArray<string> actual, string what)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"{what}: {expected.Length} vs {actual.Length} diagnostics.\n only in the first:\n  {string.Join("\n  ", missing)}\n only in the second:\n  {string.Join("\n  ", extra)}");
    }

    internal static Project CorpusProject(int files, int schemaTypes)
    {
        var (sources, evals) = LlmAppCorpus.Generate(files);
        sources.AddRange(LlmAppCorpus.GenerateShape("schema", schemaTypes, firstIndex: 5000));
        return TestProjectBuilder.Create(
            sources.Select(s => ("/corpus/" + s.Path, s.Content)).ToList(),
            evals.Select(e => ("/corpus/" + e.Path, e.Content)).ToList(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);
    }

    /// <summary>Runs a fresh driver with <paramref name="culture"/> as the current culture; returns (hint name, text) pairs.</summary>
    private static ImmutableArray<(string Hint, string Text)> RunIn(CultureInfo culture, Project project, Compilation compilation)
    {
        var (savedCulture, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var result = ComponentRunner.CreateDriver(project, trackSteps: false).RunGenerators(compilation).GetRunResult();
            return result.Results.SelectMany(r => r.GeneratedSources)
                .Select(s => (s.HintName, s.SourceText.ToString()))
                .OrderBy(s => s.HintName, StringComparer.Ordinal)
                .ToImmutableArray();
        }
        finally
        {
            CultureInfo.CurrentCulture = savedCulture;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    private static void Compare(ImmutableArray<(string Hint, string Text)> expected, ImmutableArray<(string Hint, string Text)> actual, string what, List<string> failures)
    {
        if (!expected.Select(e => e.Hint).SequenceEqual(actual.Select(a => a.Hint)))
        {
            failures.Add($"{what}: different files generated: [{string.Join(", ", expected.Select(e => e.Hint))}] vs [{string.Join(", ", actual.Select(a => a.Hint))}]");
            return;
        }

        foreach (var (e, a) in expected.Zip(actual))
        {
            if (!string.Equals(e.Text, a.Text, StringComparison.Ordinal))
            {
                var el = e.Text.Split('\n');
                var al = a.Text.Split('\n');
                var line = Enumerable.Range(0, Math.Min(el.Length, al.Length)).FirstOrDefault(i => el[i] != al[i]);
                failures.Add($"{what}: {e.Hint} differs at line {line + 1}:\n  expected: {el.ElementAtOrDefault(line)}\n  actual:   {al.ElementAtOrDefault(line)}");
            }
        }
    }

    private static async Task<ImmutableArray<string>> DiagnosticsAsync(Compilation compilation, AnalyzerOptions options, bool concurrent)
    {
        var withAnalyzers = compilation.WithAnalyzers(
            AiLintComponents.CreateAnalyzers(),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: false));
        return (await withAnalyzers.GetAnalyzerDiagnosticsAsync())
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(CultureInfo.InvariantCulture)} [{string.Join(",", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}]")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Records what an analyzer's Initialize asks of the context.</summary>
    private sealed class RecordingAnalysisContext : AnalysisContext
    {
        public bool ConcurrentExecutionEnabled { get; private set; }

        public GeneratedCodeAnalysisFlags? GeneratedCodeAnalysis { get; private set; }

        public override void EnableConcurrentExecution() => ConcurrentExecutionEnabled = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCodeAnalysis = analysisMode;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
        {
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
        {
        }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        {
        }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        {
        }

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
        {
        }

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
        {
        }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        {
        }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        {
        }

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        {
        }

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
        {
        }

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
        {
        }

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        {
        }
    }
}
