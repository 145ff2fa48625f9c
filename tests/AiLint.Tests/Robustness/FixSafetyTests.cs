using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Every AiLint code fix, applied one diagnostic at a time and as Fix All, on the sample and on the test snippets
/// that trigger it: the result has no compiler error the input did not have, and the fixed diagnostic is gone
/// from where it was. Users stop trusting a light bulb that breaks their build once.
/// </summary>
public class FixSafetyTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper output;

    public FixSafetyTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

    /// <summary>Bounds that keep the run time modest; the selection is deterministic.</summary>
    private const int SnippetsPerFixer = 4;
    private const int MaxSnippetsScanned = 30;
    private const int DiagnosticsPerProject = 2;
    private const int ActionsPerDiagnostic = 2;

    /// <summary>
    /// Fixes that scaffold work for the user instead of resolving the diagnostic: they add <c>"status":"todo"</c> eval
    /// cases, which by contract never count as coverage, so AIL0301/AIL0303 stay until the user fills in input and
    /// expect (the fix titles say so). They must still change something and break nothing.
    /// </summary>
    private static readonly HashSet<string> ScaffoldFixKeys = new(StringComparer.Ordinal) { "AIL0301.AddTodoCases", "AIL0303.AddTodoCase" };

    [Fact]
    public async Task Code_fixes_on_test_snippets_compile_and_remove_the_diagnostic()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var fixer in AiLintComponents.CreateCodeFixProviders())
        {
            // Snippets in a fixed-seed order until enough of them trigger the fixer (many tests are no-diagnostic tests).
            var triggering = 0;
            foreach (var source in CandidateSnippets(fixer).Take(MaxSnippetsScanned))
            {
                var project = RobustnessCorpus.CreateProject(source.Code, source.EvalFiles);
                var applied = await CheckFixerAsync(project, fixer, source.Origin, failures);
                checkedCount += applied;
                if (applied > 0 && ++triggering == SnippetsPerFixer)
                {
                    break;
                }
            }
        }

        output.WriteLine($"{checkedCount} fixes applied and checked");
        Report(failures, checkedCount);
    }

    [Fact]
    public async Task Code_fixes_on_the_sample_compile_and_remove_the_diagnostic()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var fixer in AiLintComponents.CreateCodeFixProviders())
        {
            checkedCount += await CheckFixerAsync(RobustnessCorpus.CreateSampleProject(), fixer, "the sample", failures);
        }

        output.WriteLine($"{checkedCount} fixes applied and checked");
        Report(failures, checkedCount);
    }

    /// <summary>
    /// Snippets from the fixer's own rule tests first (test classes are named after the rule, e.g. AIL0004Tests.cs),
    /// any snippet otherwise; a fixed-seed sample of them.
    /// </summary>
    private static IEnumerable<CorpusSource> CandidateSnippets(CodeFixProvider fixer)
    {
        var own = RobustnessCorpus.TestSources
            .Where(s => fixer.FixableDiagnosticIds.Any(id => s.Origin.Contains(id, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var pool = own.Count > 0 ? own : RobustnessCorpus.TestSources.ToList();
        var random = new Random(Mutations.Seed);
        return pool.OrderBy(_ => random.Next());
    }

    /// <returns>How many fixes were applied and checked.</returns>
    internal static async Task<int> CheckFixerAsync(Project project, CodeFixProvider fixer, string origin, List<string> failures, ImmutableArray<DiagnosticAnalyzer>? allAnalyzers = null)
    {
        // Half-typed inputs are the crash suite's job: a fix cannot be blamed for errors next to a missing brace.
        var compilation = (await project.GetCompilationAsync())!;
        if (compilation.SyntaxTrees.Any(t => t.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)))
        {
            return 0;
        }

        var analyzers = (allAnalyzers ?? AiLintComponents.CreateAnalyzers())
            .Where(a => a.SupportedDiagnostics.Any(d => fixer.FixableDiagnosticIds.Contains(d.Id)))
            .ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            return 0;
        }

        var fixable = (await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers))
            .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();
        if (fixable.Count == 0)
        {
            return 0;
        }

        var errorsBefore = await CompilerErrorsAsync(project);
        var checkedCount = 0;
        var offered = new List<(Diagnostic Diagnostic, CodeAction Action)>();
        foreach (var diagnostic in fixable)
        {
            var actions = await ActionsAsync(project, fixer, diagnostic);
            offered.AddRange(actions.Select(a => (diagnostic, a)));
        }

        // The single fix, for a few diagnostics and each of their actions.
        foreach (var group in offered.GroupBy(o => o.Diagnostic).Take(DiagnosticsPerProject))
        {
            foreach (var (diagnostic, action) in group.Take(ActionsPerDiagnostic))
            {
                var what = $"{fixer.GetType().Name} '{action.Title}' ({action.EquivalenceKey}) on {Describe(diagnostic)} in {origin}";
                var changed = await TryApplyAsync(project, action, what, failures);
                if (changed is not null)
                {
                    checkedCount++;
                    await VerifyAsync(project, changed, errorsBefore, ExpectGone(action.EquivalenceKey, new[] { diagnostic }), analyzers, what, failures);
                }
            }
        }

        // Fix All, once per equivalence key, over the whole solution.
        if (fixer.GetFixAllProvider() is { } fixAll)
        {
            foreach (var byKey in offered.GroupBy(o => o.Action.EquivalenceKey))
            {
                var first = byKey.First().Diagnostic;
                var what = $"{fixer.GetType().Name} Fix All ({byKey.Key}) in {origin}";
                var context = new FixAllContext(
                    project.GetDocument(first.Location.SourceTree)!,
                    fixer,
                    FixAllScope.Solution,
                    byKey.Key,
                    fixer.FixableDiagnosticIds,
                    new DiagnosticProvider(analyzers),
                    CancellationToken.None);
                CodeAction? action;
                try
                {
                    action = await fixAll.GetFixAsync(context);
                }
                catch (Exception ex)
                {
                    failures.Add($"{what}: Fix All threw {ex}");
                    continue;
                }

                if (action is null)
                {
                    failures.Add($"{what}: Fix All offered no action although the single fix did.");
                    continue;
                }

                var changed = await TryApplyAsync(project, action, what, failures);
                if (changed is not null)
                {
                    checkedCount++;
                    await VerifyAsync(project, changed, errorsBefore, ExpectGone(byKey.Key, byKey.Select(o => o.Diagnostic).Distinct().ToList()), analyzers, what, failures);
                }
            }
        }

        return checkedCount;
    }

    private static IReadOnlyList<Diagnostic> ExpectGone(string? key, IReadOnlyList<Diagnostic> fixedDiagnostics) =>
        key is not null && ScaffoldFixKeys.Contains(key) ? Array.Empty<Diagnostic>() : fixedDiagnostics;

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(Project project, CodeFixProvider fixer, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);
        return actions.SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? new[] { a } : a.NestedActions.ToArray()).ToList();
    }

    private static async Task<Project?> TryApplyAsync(Project project, CodeAction action, string what, List<string> failures)
    {
        try
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var apply = operations.OfType<ApplyChangesOperation>().ToList();
            if (apply.Count != 1)
            {
                failures.Add($"{what}: expected one ApplyChangesOperation, got {apply.Count}.");
                return null;
            }

            var changed = apply[0].ChangedSolution.GetProject(project.Id)!;
            if (!changed.GetChanges(project).GetChangedDocuments().Any()
                && !changed.GetChanges(project).GetChangedAdditionalDocuments().Any()
                && !changed.GetChanges(project).GetAddedAdditionalDocuments().Any()
                && !changed.GetChanges(project).GetAddedDocuments().Any())
            {
                failures.Add($"{what}: the fix changed nothing (a no-op fix must not be registered).");
                return null;
            }

            return changed;
        }
        catch (Exception ex)
        {
            failures.Add($"{what}: applying the fix threw {ex}");
            return null;
        }
    }

    private static async Task VerifyAsync(
        Project before,
        Project after,
        IReadOnlyList<string> errorsBefore,
        IReadOnlyList<Diagnostic> fixedDiagnostics,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        string what,
        List<string> failures)
    {
        var newErrors = Subtract(await CompilerErrorsAsync(after), errorsBefore);
        if (newErrors.Count > 0)
        {
            failures.Add($"{what}: the fixed code has new compiler errors:\n  {string.Join("\n  ", newErrors)}\n--- fixed code ---\n{await ChangedTextAsync(before, after)}");
        }

        ImmutableArray<Diagnostic> remaining;
        try
        {
            remaining = await AnalyzerRunner.GetDiagnosticsAsync(after, analyzers);
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            failures.Add($"{what}: an analyzer crashed on the fixed code: {ex.Message}");
            return;
        }

        foreach (var diagnostic in fixedDiagnostics)
        {
            var oldDocument = before.GetDocument(diagnostic.Location.SourceTree)!;
            var newDocument = after.GetDocument(oldDocument.Id);
            if (newDocument is null)
            {
                continue; // the fix removed the whole file, and the diagnostic with it
            }

            var changes = await newDocument.GetTextChangesAsync(oldDocument);
            var start = MapPosition(changes, diagnostic.Location.SourceSpan.Start);
            var newTree = await newDocument.GetSyntaxTreeAsync();
            // The same finding: id, place and message. A fix that removes one of several settings in a row (AIL0504) may
            // leave the next one's own diagnostic where the removed one started; that is a different finding.
            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            var still = remaining.FirstOrDefault(d => d.Id == diagnostic.Id && d.Location.SourceTree == newTree && d.Location.SourceSpan.Start == start
                && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) == message);
            if (still is not null)
            {
                failures.Add($"{what}: {diagnostic.Id} is still reported at the fixed location: {AnalyzerRunner.Describe(still)}\n--- fixed code ---\n{await ChangedTextAsync(before, after)}");
            }
        }
    }

    /// <summary>Where <paramref name="position"/> of the old text is in the new one: shifted by every change that ends at or before it.</summary>
    internal static int MapPosition(IEnumerable<TextChange> changes, int position)
    {
        var delta = 0;
        foreach (var change in changes.OrderBy(c => c.Span.Start))
        {
            if (change.Span.End <= position && change.Span.Start < position)
            {
                delta += change.NewText!.Length - change.Span.Length;
            }
            else if (change.Span.Start == position && change.Span.Length == 0)
            {
                delta += change.NewText!.Length; // text inserted right before the diagnostic moves it
            }
        }

        return position + delta;
    }

    private static async Task<IReadOnlyList<string>> CompilerErrorsAsync(Project project) =>
        (await AnalyzerRunner.GetCompilerErrorsAsync(project))
            .Select(d => $"{d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}")
            .ToList();

    /// <summary>The multiset difference <paramref name="after"/> minus <paramref name="before"/>.</summary>
    private static IReadOnlyList<string> Subtract(IReadOnlyList<string> after, IReadOnlyList<string> before)
    {
        var left = before.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<string>();
        foreach (var error in after)
        {
            if (left.TryGetValue(error, out var n) && n > 0)
            {
                left[error] = n - 1;
            }
            else
            {
                result.Add(error);
            }
        }

        return result;
    }

    private static async Task<string> ChangedTextAsync(Project before, Project after)
    {
        var text = new StringBuilder();
        var changes = after.GetChanges(before);
        foreach (var id in changes.GetChangedDocuments().Concat(changes.GetAddedDocuments()))
        {
            var document = after.GetDocument(id)!;
            text.AppendLine($"// {document.FilePath}").AppendLine(ComponentRunner.Excerpt((await document.GetTextAsync()).ToString(), 3000));
        }

        foreach (var id in changes.GetChangedAdditionalDocuments().Concat(changes.GetAddedAdditionalDocuments()))
        {
            var document = after.GetAdditionalDocument(id)!;
            text.AppendLine($"// {document.FilePath}").AppendLine(ComponentRunner.Excerpt((await document.GetTextAsync()).ToString(), 1500));
        }

        return text.ToString();
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{diagnostic.Id} at {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    private static void Report(List<string> failures, int checkedCount)
    {
        if (failures.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"{failures.Count} unsafe fixes (of {checkedCount} applied):\n\n" + string.Join("\n\n", failures.Take(8)));
        }
    }

    private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;

        public DiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers) => this.analyzers = analyzers;

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await AnalyzerRunner.GetDiagnosticsAsync(document.Project, analyzers)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers)).Where(d => !d.Location.IsInSource);
    }
}

/// <summary>An analyzer that reports nothing: the baseline of the cost measurements, and a type argument for harness helpers.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("EMPTY0001", "Never reported", "Never reported", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
    }
}
