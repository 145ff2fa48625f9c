using System.Collections.Immutable;
using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.FixAll;

/// <summary>
/// Fix All of every AiLint code fix when the host hands over an equivalence key that is not the fix's own: null
/// (the first diagnostic had no fix) or another rule's key (the first diagnostic had another id). That is what
/// <c>dotnet format analyzers --diagnostics A B C</c> does: it registers fixes for the first diagnostic of its result,
/// whatever its id, and passes that action's key with <c>DiagnosticIds = { id }</c>.
/// </summary>
public class MixedIdsFixAllTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = AiLintComponents.CreateAnalyzers();

    private static readonly ImmutableArray<CodeFixProvider> Fixers = AiLintComponents.CreateCodeFixProviders();

    [Fact]
    public async Task The_project_mixes_fixable_ids_with_diagnostics_that_have_no_fix()
    {
        var project = MixedIdsProject.Create();
        Assert.Empty(await AnalyzerRunner.GetCompilerErrorsAsync(project));
        var diagnostics = await DiagnosticsAsync(project);

        var withFix = new SortedSet<string>(StringComparer.Ordinal);
        var withoutFix = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            var offered = false;
            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                offered |= (await OfferedAsync(project, fixer, diagnostic)).Count > 0;
            }

            (offered ? withFix : withoutFix).Add(diagnostic.Id);
        }

        Assert.True(withFix.SetEquals(new[] { "AIL0001", "AIL0003", "AIL0004", "AIL0102", "AIL0202", "AIL0301", "AIL0303", "AIL0402" }), string.Join(Environment.NewLine, diagnostics));
        Assert.Contains("AIL0001", withoutFix);
        Assert.Contains("AIL0303", withoutFix);
    }

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_All_applies_every_offered_fix_whatever_key_it_is_handed(FixAllScope scope)
    {
        var project = MixedIdsProject.Create();
        var diagnostics = await DiagnosticsAsync(project);
        var failures = new List<string>();
        var runs = 0;
        foreach (var fixer in Fixers)
        {
            foreach (var id in fixer.FixableDiagnosticIds)
            {
                var fixable = new List<(Diagnostic Diagnostic, CodeAction Action)>();
                foreach (var diagnostic in diagnostics.Where(d => d.Id == id))
                {
                    fixable.AddRange((await OfferedAsync(project, fixer, diagnostic)).Select(a => (diagnostic, a)));
                }

                if (fixable.Count == 0)
                {
                    continue;
                }

                // The fixer's own keys for other ids, plus no key and a key of another fixer.
                var ownKey = fixable[0].Action.EquivalenceKey;
                var handedKeys = new List<string?> { null, "AIL9999.SomeoneElsesFix" };
                handedKeys.AddRange(await OwnKeysAsync(project, fixer, diagnostics, except: ownKey));
                foreach (var handed in handedKeys)
                {
                    runs++;
                    var what = $"{fixer.GetType().Name} on {id}, {scope} scope, handed key '{handed ?? "null"}'";
                    var document = project.GetDocument(fixable[0].Diagnostic.Location.SourceTree)!;
                    var context = new FixAllContext(document, fixer, scope, handed!, new[] { id }, new FixedDiagnosticProvider(diagnostics), CancellationToken.None);
                    var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
                    if (action is null)
                    {
                        failures.Add(what + ": no Fix All action");
                        continue;
                    }

                    var fixedProject = await ApplyAsync(project, action);
                    var errors = await AnalyzerRunner.GetCompilerErrorsAsync(fixedProject);
                    if (errors.Length > 0)
                    {
                        failures.Add(what + ": compiler errors " + string.Join("; ", errors));
                    }

                    foreach (var left in (await DiagnosticsAsync(fixedProject)).Where(d => d.Id == id))
                    {
                        if ((await OfferedAsync(fixedProject, fixer, left)).Count > 0)
                        {
                            failures.Add(what + ": a fix is still offered for " + left);
                        }
                    }
                }
            }
        }

        Assert.True(runs >= 16, $"only {runs} Fix All runs");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_dotnet_format_style_run_over_all_ids_applies_every_offered_fix()
    {
        var solution = MixedIdsProject.Create().Solution;
        var ids = (await DiagnosticsAsync(solution.Projects.Single())).Select(d => d.Id).Distinct().ToList();
        var failures = new List<string>();

        // As dotnet format: one id at a time, analysis re-run, every fixer of that id applied to the same result.
        foreach (var id in ids)
        {
            var result = await DiagnosticsAsync(solution.Projects.Single());
            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(id)))
            {
                var first = result[0];
                var document = solution.GetDocument(first.Location.SourceTree);
                if (document is null)
                {
                    continue; // an earlier fixer changed the file; dotnet format skips the same way
                }

                var firstAction = (await OfferedAsync(document.Project, fixer, first)).FirstOrDefault();
                var context = new FixAllContext(document, fixer, FixAllScope.Solution, firstAction?.EquivalenceKey!, new[] { id }, new FixedDiagnosticProvider(result), CancellationToken.None);
                var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
                if (action is not null)
                {
                    solution = (await ApplyAsync(solution.Projects.Single(), action)).Solution;
                }
            }
        }

        var project = solution.Projects.Single();
        Assert.Empty(await AnalyzerRunner.GetCompilerErrorsAsync(project));
        var left = await DiagnosticsAsync(project);
        foreach (var diagnostic in left)
        {
            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                if ((await OfferedAsync(project, fixer, diagnostic)).Count > 0)
                {
                    failures.Add($"{fixer.GetType().Name} still offers a fix for {diagnostic}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Rules whose fix resolves the diagnostic are gone; the eval scaffold leaves todo cases, which never count.
        Assert.Equal(new[] { "AIL0001", "AIL0301", "AIL0303" }, left.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal));
        var evalText = (await project.AdditionalDocuments.Single().GetTextAsync()).ToString();
        Assert.Contains("\"prompt\":\"FixCheck.Prompts.Uncovered\"", evalText, StringComparison.Ordinal);
        Assert.Contains("\"rule\":\"You should be brief.\",\"status\":\"todo\"", evalText, StringComparison.Ordinal);
    }

    private static async Task<List<Diagnostic>> DiagnosticsAsync(Project project) =>
        (await AnalyzerRunner.GetDiagnosticsAsync(project, Analyzers))
            .Where(d => d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    private static async Task<List<CodeAction>> OfferedAsync(Project project, CodeFixProvider fixer, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var document = project.GetDocument(diagnostic.Location.SourceTree);
        if (document is null)
        {
            return actions;
        }

        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions;
    }

    private static async Task<IEnumerable<string>> OwnKeysAsync(Project project, CodeFixProvider fixer, IEnumerable<Diagnostic> diagnostics, string? except)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)))
        {
            keys.UnionWith((await OfferedAsync(project, fixer, diagnostic)).Select(a => a.EquivalenceKey).OfType<string>());
        }

        keys.Remove(except ?? string.Empty);
        return keys;
    }

    private static async Task<Project> ApplyAsync(Project project, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        return apply.ChangedSolution.GetProject(project.Id)!;
    }

    /// <summary>Like dotnet format's provider: a fixed list of diagnostics of every id, a document's picked by file path.</summary>
    private sealed class FixedDiagnosticProvider(IReadOnlyList<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
