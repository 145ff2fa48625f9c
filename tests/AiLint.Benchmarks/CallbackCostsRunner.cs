#pragma warning disable CS0618 // The analysis contexts' public constructors: the runner calls the callbacks itself, as ToolsRunner does
using System.Collections.Immutable;
using System.Globalization;
using AiLint.Analyzers.Razor;
using AiLint.Analyzers.Rules.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Benchmarks;

/// <summary>
/// The "--callbacks" mode: the per-callback and per-type costs the session-35 profile ranked 4, 5 and 7 (issue 16),
/// single-threaded on the mixed corpus, this thread's CPU time and allocations, best of N:
/// <list type="bullet">
/// <item>LlmSchemaAnalyzer's compilation-start and symbol actions, called for every named type of the compilation
/// through the analyzer's own registration (so the Razor guard and the TooDeepInputs wrapper are in), with a hash of
/// what it reports;</item>
/// <item>the Razor guard alone: a no-op semantic-model action called for every tree and a no-op symbol action for every
/// named type, registered through <c>RazorAwareAnalysisContext.Wrap</c>;</item>
/// <item>the report filter alone: <c>RazorAwareAnalysisContext.MayReport</c> for the location of every AIL diagnostic
/// the whole suite reports on the corpus (found once, untimed), on freshly parsed trees each rep so that what the
/// filter keeps per tree is computed inside the timing, and its four tests apart.</item>
/// </list>
/// One clone is bound beforehand, untimed, by <c>GetDeclarationDiagnostics</c>: in a build the driver hands a symbol to
/// the symbol actions only once the compiler has completed it (attributes bound), so the runner does too. Only public
/// or internal entry points whose signatures are unchanged are used, so a main analyzer assembly and a changed one can
/// be swapped under one benchmark build.
/// </summary>
public static class CallbackCostsRunner
{
    public static void Run(int files, int reps)
    {
        var (compilation, additional) = BenchInputs.Mixed(files);
        var options = new AnalyzerOptions(additional);
        var findings = BenchInputs.Analyze(compilation, BenchInputs.All(), additional)
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal)).ToList();
        var clone = compilation.Clone();
        GC.KeepAlive(clone.GetDeclarationDiagnostics());
        var types = new List<INamedTypeSymbol>();
        Collect(clone.Assembly.GlobalNamespace, types);
        var models = clone.SyntaxTrees.Select(tree => clone.GetSemanticModel(tree)).ToList();

        // The filter is measured on freshly parsed trees each rep, so the answers it keeps per tree are computed
        // inside the timing, once per tree as in a build; the reported nodes are realized beforehand (untimed).
        var fresh = (Compilation: (Compilation)clone, Locations: new List<Location>(), Held: new List<SyntaxNode>());
        void Realize()
        {
            var trees = clone.SyntaxTrees.Select(t => SyntaxFactory.ParseSyntaxTree(t.GetText(), t.Options, t.FilePath)).ToList();
            var byPath = trees.ToDictionary(t => t.FilePath, StringComparer.Ordinal);
            var compilationOfTrees = clone.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
            GC.KeepAlive(compilationOfTrees.ContainsSyntaxTree(trees[0]));
            var locations = findings.Select(d => Location.Create(byPath[d.Location.SourceTree!.FilePath], d.Location.SourceSpan)).ToList();
            fresh = (compilationOfTrees, locations, locations.Select(l => l.SourceTree!.GetRoot().FindNode(l.SourceSpan, getInnermostNodeForTie: true)).ToList());
        }

        var schemaTypes = types.Where(t => t.GetAttributes().Any(a => a.AttributeClass?.Name == "LlmSchemaAttribute")).ToList();
        var otherTypes = types.Except(schemaTypes, SymbolEqualityComparer.Default).Cast<INamedTypeSymbol>().ToList();
        var schema = Best(reps, () => RunSchema(clone, options, types));
        var schemaOthers = Best(reps, () => RunSchema(clone, options, otherTypes));
        var guard = Best(reps, () => RunGuard(clone, options, types, models));
        var filter = Best(reps, () =>
        {
            var kept = 0;
            foreach (var location in fresh.Locations)
            {
                kept += RazorAwareAnalysisContext.MayReport(location, fresh.Compilation, options, CancellationToken.None) ? 1 : 0;
            }

            return kept.ToString(CultureInfo.InvariantCulture) + " of " + findings.Count.ToString(CultureInfo.InvariantCulture) + " kept";
        }, Realize);

        // The filter's parts, each over the same locations: which of its tests costs.
        var parts = new (string Name, Func<Location, bool> Test)[]
        {
            ("Razor tree test", l => RazorGeneratedTrees.IsRazorGenerated(l.SourceTree!, CancellationToken.None)),
            ("#line hidden test", l => RazorGeneratedTrees.IsHidden(l.SourceTree!, l.SourceSpan.Start)),
            ("generated file test", l => AiLint.Analyzers.Gating.GeneratedFiles.IsGenerated(l.SourceTree!, options, CancellationToken.None)),
            ("[GeneratedCode] declaration test", l => GeneratedCodeDeclarations.Contain(l, fresh.Compilation, CancellationToken.None)),
        };
        var partCosts = parts.Select(part => (part.Name, Cost: Best(reps, () => fresh.Locations.Count(part.Test).ToString(CultureInfo.InvariantCulture) + " true", Realize))).ToList();
        var guardTrees = Best(reps, () => RunGuard(clone, options, new List<INamedTypeSymbol>(), models));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Callbacks, {files} files, {types.Count} named types, {models.Count} trees, best of {reps}; load {Load()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  LlmSchemaAnalyzer start + symbol action per type: {schema.Ms:F2} ms / {schema.Mb:F3} MB; {schema.What}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which the {otherTypes.Count} types without [LlmSchema]: {schemaOthers.Ms:F2} ms / {schemaOthers.Mb:F3} MB; {schemaOthers.What}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Razor guard, no-op action per tree and per type: {guard.Ms:F2} ms / {guard.Mb:F3} MB; {guard.What}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which per tree: {guardTrees.Ms:F2} ms / {guardTrees.Mb:F3} MB; {guardTrees.What}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  report filter (MayReport) per AIL finding: {filter.Ms:F2} ms / {filter.Mb:F3} MB; {filter.What}"));
        foreach (var (name, cost) in partCosts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name}: {cost.Ms:F2} ms / {cost.Mb:F3} MB; {cost.What}"));
        }
    }

    private static string RunSchema(Compilation compilation, AnalyzerOptions options, List<INamedTypeSymbol> types)
    {
        var capture = new CapturingContext();
        new LlmSchemaAnalyzer().Initialize(capture);
        var start = new CapturingStartContext(compilation, options);
        foreach (var action in capture.Starts)
        {
            action(start);
        }

        var reported = new List<Diagnostic>();
        foreach (var type in types)
        {
            foreach (var action in start.Symbols)
            {
                action(new SymbolAnalysisContext(type, compilation, options, reported.Add, _ => true, CancellationToken.None));
            }
        }

        return Hash(reported);
    }

    private static string RunGuard(Compilation compilation, AnalyzerOptions options, List<INamedTypeSymbol> types, List<SemanticModel> models)
    {
        var capture = new CapturingContext();
        var wrapped = RazorAwareAnalysisContext.Wrap(capture);
        var calls = 0;
        wrapped.RegisterSemanticModelAction(_ => calls++);
        wrapped.RegisterSymbolAction(_ => calls++, SymbolKind.NamedType);
        foreach (var model in models)
        {
            capture.Models[0](new SemanticModelAnalysisContext(model, options, _ => { }, _ => true, CancellationToken.None));
        }

        foreach (var type in types)
        {
            capture.Symbols[0](new SymbolAnalysisContext(type, compilation, options, _ => { }, _ => true, CancellationToken.None));
        }

        return calls.ToString(CultureInfo.InvariantCulture) + " actions run";
    }

    private static (double Ms, double Mb, string What) Best(int reps, Func<string> run, Action? prepare = null)
    {
        var best = (Ms: double.MaxValue, Mb: double.MaxValue);
        var what = string.Empty;
        for (var rep = -1; rep < reps; rep++)
        {
            // rep -1 is the warm-up (JIT, the per-tree answers the guards keep).
            var (ms, mb) = Measure(() => what = run(), prepare);
            if (rep >= 0)
            {
                best = (Math.Min(best.Ms, ms), Math.Min(best.Mb, mb));
            }
        }

        return (best.Ms, best.Mb, what);
    }

    /// <summary>
    /// <see cref="ThreadCpu.Measure"/> with an untimed step after its full collection: the collection frees the red
    /// nodes of method bodies (Roslyn holds them weakly), which an analyzer reporting a diagnostic holds alive.
    /// </summary>
    private static (double Ms, double Mb) Measure(Action action, Action? prepare)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        prepare?.Invoke();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var start = ThreadCpu.NowMs();
        action();
        var ms = ThreadCpu.NowMs() - start;
        return (ms, (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1e6);
    }

    private static void Collect(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> types)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamedTypeSymbol type)
            {
                types.Add(type);
            }

            if (member is INamespaceOrTypeSymbol nested)
            {
                Collect(nested, types);
            }
        }
    }

    private static string Hash(List<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .Select(d => d.Id + "|" + d.Location.GetLineSpan() + "|" + d.GetMessage(CultureInfo.InvariantCulture))
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return $"{lines.Count} diagnostics, {Convert.ToHexString(digest)[..12]}";
    }

    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Keeps what an analyzer registers, so the runner can call it.</summary>
    private sealed class CapturingContext : AnalysisContext
    {
        public List<Action<CompilationStartAnalysisContext>> Starts { get; } = new();

        public List<Action<SemanticModelAnalysisContext>> Models { get; } = new();

        public List<Action<SymbolAnalysisContext>> Symbols { get; } = new();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void EnableConcurrentExecution()
        {
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => Starts.Add(action);

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
        {
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Models.Add(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Symbols.Add(action);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
    }

    private sealed class CapturingStartContext : CompilationStartAnalysisContext
    {
        public CapturingStartContext(Compilation compilation, AnalyzerOptions options)
            : base(compilation, options, CancellationToken.None)
        {
        }

        public List<Action<SymbolAnalysisContext>> Symbols { get; } = new();

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
        {
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Symbols.Add(action);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
    }
}
