using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// A code fix test in the shape of Microsoft.CodeAnalysis.Testing's <c>CSharpCodeFixTest</c>: verifies the diagnostics
/// of <see cref="AnalyzerTest{TAnalyzer}.Sources"/>, applies the fix one diagnostic at a time until none is left, then
/// applies Fix All from scratch; both must produce <see cref="FixedSources"/> (and <see cref="FixedAdditionalFiles"/>),
/// whose own markup lists the diagnostics expected to remain.
/// </summary>
public class CodeFixTest<TAnalyzer, TCodeFix> : AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public List<string> FixedSources { get; } = new();

    public string FixedCode
    {
        set => FixedSources.Add(value);
    }

    /// <summary>Expected additional files after the fix; when empty, additional files must be unchanged.</summary>
    public List<(string Path, string Content)> FixedAdditionalFiles { get; } = new();

    /// <summary>Expected diagnostics in the fixed code that markup cannot express (e.g. in additional files).</summary>
    public List<DiagnosticResult> FixedExpectedDiagnostics { get; } = new();

    /// <summary>Only code actions with this equivalence key are applied; null applies the first offered action.</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    /// <summary>Set to skip the Fix All pass for fixes that are not batchable by design.</summary>
    public bool SkipFixAll { get; set; }

    public override async Task RunAsync()
    {
        await base.RunAsync().ConfigureAwait(false);

        var analyzers = GetAnalyzers();
        var initial = ParseState(Sources, ExpectedDiagnostics, analyzers);
        var fixedState = ParseState(FixedSources, FixedExpectedDiagnostics, analyzers);
        var expectedAdditional = FixedAdditionalFiles.Count > 0 ? FixedAdditionalFiles : AdditionalFiles;

        var fixer = new TCodeFix();
        var oneByOne = await ApplyOneByOneAsync(CreateProject(initial.Sources, AdditionalFiles), analyzers, fixer).ConfigureAwait(false);
        await VerifyFixedAsync(oneByOne, fixedState, expectedAdditional, analyzers, "code after applying each fix").ConfigureAwait(false);

        if (!SkipFixAll && fixer.GetFixAllProvider() is { } fixAll)
        {
            var all = await ApplyFixAllAsync(CreateProject(initial.Sources, AdditionalFiles), analyzers, fixer, fixAll).ConfigureAwait(false);
            await VerifyFixedAsync(all, fixedState, expectedAdditional, analyzers, "code after Fix All").ConfigureAwait(false);
        }
    }

    private async Task VerifyFixedAsync(
        Project project,
        (List<string> Sources, List<DiagnosticResult> Expected) fixedState,
        IReadOnlyList<(string Path, string Content)> expectedAdditional,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        string what)
    {
        var documents = project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();
        for (var i = 0; i < fixedState.Sources.Count; i++)
        {
            var actual = (await documents[i].GetTextAsync().ConfigureAwait(false)).ToString();
            AssertText(fixedState.Sources[i], actual, $"{what}, {documents[i].FilePath}");
        }

        foreach (var (path, content) in expectedAdditional)
        {
            var document = project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == Rooted(path))
                ?? throw new Xunit.Sdk.XunitException($"The {what} has no additional file '{Rooted(path)}'. It has: "
                    + string.Join(", ", project.AdditionalDocuments.Select(d => d.FilePath)));
            AssertText(content, (await document.GetTextAsync().ConfigureAwait(false)).ToString(), $"{what}, {path}");
        }

        await VerifyProjectAsync(project, fixedState.Expected, analyzers, what).ConfigureAwait(false);
    }

    private static void AssertText(string expected, string actual, string what)
    {
        if (!string.Equals(Normalize(expected), Normalize(actual), StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Fixed text differs ({what}).{Environment.NewLine}--- expected ---{Environment.NewLine}{expected}{Environment.NewLine}--- actual ---{Environment.NewLine}{actual}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private async Task<Project> ApplyOneByOneAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, TCodeFix fixer)
    {
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var diagnostics = (await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers).ConfigureAwait(false))
                .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToList();

            CodeAction? action = null;
            foreach (var diagnostic in diagnostics)
            {
                action = await FindActionAsync(project, fixer, diagnostic).ConfigureAwait(false);
                if (action is not null)
                {
                    break;
                }
            }

            if (action is null)
            {
                return project;
            }

            project = await ApplyAsync(project, action).ConfigureAwait(false);
        }

        throw new Xunit.Sdk.XunitException("The code fix did not converge after 50 iterations.");
    }

    private async Task<CodeAction?> FindActionAsync(Project project, TCodeFix fixer, Diagnostic diagnostic)
    {
        var document = project.GetDocument(diagnostic.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions
            .SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? new[] { a } : a.NestedActions.ToArray())
            .FirstOrDefault(a => CodeActionEquivalenceKey is null || a.EquivalenceKey == CodeActionEquivalenceKey);
    }

    private async Task<Project> ApplyFixAllAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, TCodeFix fixer, FixAllProvider fixAll)
    {
        // Like the testing library, Fix All may need more than one pass when fixes uncover further diagnostics.
        for (var iteration = 0; iteration < 5; iteration++)
        {
            var diagnostics = (await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers).ConfigureAwait(false))
                .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
                .OrderBy(d => d.Location.SourceSpan.Start)
                .ToList();

            CodeAction? first = null;
            Diagnostic? firstDiagnostic = null;
            foreach (var diagnostic in diagnostics)
            {
                first = await FindActionAsync(project, fixer, diagnostic).ConfigureAwait(false);
                if (first is not null)
                {
                    firstDiagnostic = diagnostic;
                    break;
                }
            }

            if (first is null || firstDiagnostic is null)
            {
                return project;
            }

            var provider = new TestDiagnosticProvider(analyzers);
            var context = new FixAllContext(
                project.GetDocument(firstDiagnostic.Location.SourceTree)!,
                fixer,
                FixAllScope.Solution,
                first.EquivalenceKey,
                fixer.FixableDiagnosticIds,
                provider,
                CancellationToken.None);
            var action = await fixAll.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new Xunit.Sdk.XunitException("Fix All offered no action.");
            project = await ApplyAsync(project, action).ConfigureAwait(false);
        }

        throw new Xunit.Sdk.XunitException("Fix All did not converge after 5 passes.");
    }

    private static async Task<Project> ApplyAsync(Project project, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"Code action '{action.Title}' changed nothing.");
        var changed = apply.ChangedSolution.GetProject(project.Id)!;
        if (changed == project)
        {
            throw new Xunit.Sdk.XunitException($"Code action '{action.Title}' produced the same project.");
        }

        return changed;
    }

    private sealed class TestDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;

        public TestDiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers) => this.analyzers = analyzers;

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return (await AnalyzerRunner.GetDiagnosticsAsync(document.Project, analyzers).ConfigureAwait(false))
                .Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);
    }
}
