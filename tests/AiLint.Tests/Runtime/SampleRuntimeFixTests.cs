using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Runtime;

/// <summary>
/// Issue 17's "the sample's remaining AIL0001s are fixable": every AIL0001 the sample marks gets the AiLint.Runtime
/// fix (the sample references AiLint.Runtime and injects an <c>IDistributedCache</c>), and applying it alone leaves a
/// sample that compiles with that AIL0001 gone and no new AIL0004. The sample is loaded as
/// <see cref="Meta.SampleTests"/> loads it, with AiLint.Runtime added to the references as its project reference adds it.
/// </summary>
public class SampleRuntimeFixTests
{
    [Fact]
    public async Task Every_marked_AIL0001_in_the_sample_gets_the_runtime_fix_and_the_fixed_sample_compiles()
    {
        var project = await SampleProjectAsync();
        var before = await RetryDiagnosticsAsync(project);
        var marked = MarkedLines();
        Assert.Equal(4, marked.Count); // ReplyDrafter (OpenAI), EscalationSummarizer (Anthropic), TicketTriage (MEAI), AgentReplyRetry (Agent Framework)
        Assert.Equal(
            marked.OrderBy(m => m, StringComparer.Ordinal),
            before.Where(d => d.Id == "AIL0001").Select(Site).OrderBy(m => m, StringComparer.Ordinal));

        var fixer = new RunOnceWithRuntimeCodeFixProvider();
        foreach (var diagnostic in before.Where(d => d.Id == "AIL0001"))
        {
            var site = Site(diagnostic);
            var actions = new List<CodeAction>();
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            var action = Assert.Single(actions);
            Assert.Equal(RunOnceWithRuntimeCodeFixProvider.EquivalenceKey, action.EquivalenceKey);

            var operation = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
            var fixedProject = operation.ChangedSolution.GetProject(project.Id)!;
            var fixedText = (await fixedProject.GetDocument(document.Id)!.GetTextAsync()).ToString();
            Assert.Contains("IdempotentCalls.RunOnceAsync(", fixedText, StringComparison.Ordinal);

            var compilation = (await fixedProject.GetCompilationAsync())!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"Fixing {site} breaks the build:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");

            var after = await RetryDiagnosticsAsync(fixedProject);
            var file = diagnostic.Location.SourceTree!.FilePath;
            Assert.Equal(
                before.Count(d => d.Id == "AIL0001" && d.Location.SourceTree!.FilePath == file) - 1,
                after.Count(d => d.Id == "AIL0001" && d.Location.SourceTree!.FilePath == file));
            Assert.Equal(before.Count(d => d.Id == "AIL0001") - 1, after.Count(d => d.Id == "AIL0001"));
            Assert.DoesNotContain(after, d => d.Id == "AIL0004" && d.Location.SourceTree!.FilePath == file);
        }
    }

    private static string Site(Diagnostic diagnostic) =>
        $"{Relative(diagnostic.Location.SourceTree!.FilePath)}:{diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}";

    private static async Task<ImmutableArray<Diagnostic>> RetryDiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RetryAnalyzer()), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>The sample's sources, plus what its source generators add (as plain documents, so fixes see a whole program).</summary>
    private static async Task<Project> SampleProjectAsync()
    {
        var project = SampleApp.CreateProject(RuntimeTestSupport.WithRuntime);
        var result = SampleApp.CreateGeneratorDriver(project).RunGenerators((await project.GetCompilationAsync())!).GetRunResult();
        foreach (var generated in result.GeneratedTrees)
        {
            project = project.AddDocument(Path.GetFileName(generated.FilePath), await generated.GetTextAsync(), filePath: Path.Combine(SampleApp.Directory, "obj", "generated", Path.GetFileName(generated.FilePath))).Project;
        }

        var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The sample does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        return project;
    }

    private static List<string> MarkedLines() =>
        SampleFiles("*.cs")
            .SelectMany(path => File.ReadAllLines(path).Select((line, i) => (path, line, i)))
            .Where(x => x.line.Contains("// expect AIL0001", StringComparison.Ordinal))
            .Select(x => $"{Relative(x.path)}:{x.i + 1}")
            .ToList();

    private static IEnumerable<string> SampleFiles(string pattern) => SampleApp.Files(pattern);

    private static string Relative(string path) => SampleApp.Relative(path);
}
