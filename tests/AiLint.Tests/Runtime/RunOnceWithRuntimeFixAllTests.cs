using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using static AiLint.Tests.Runtime.RuntimeTestSupport;

namespace AiLint.Tests.Runtime;

/// <summary>
/// Fix All of the runtime fix as <c>dotnet format analyzers</c> drives it: the equivalence key it is handed may be
/// null (the first AIL0001 of the result has no fix) or another fixer's, and AIL0001s this fix cannot handle (an OpenAI
/// call in an expression-bodied method, where no statement can take the key; a key slot) sit beside the ones it can.
/// </summary>
public class RunOnceWithRuntimeFixAllTests
{
    private const string Source = """
        class Assistant(IChatClient client, ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> OpenAiAsync(List<ChatMessage> messages) =>
                (await pipeline.ExecuteAsync(async token => await chat.CompleteChatAsync(messages, cancellationToken: token))).Value.Content[0].Text;

            public async Task<string> TriageAsync(string subject)
            {
                var response = await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(subject, cancellationToken: token));
                return response.Text;
            }

            public async Task DraftAsync(string text)
            {
                await pipeline.ExecuteAsync(async token =>
                {
                    await client.GetResponseAsync(text);
                    await client.GetResponseAsync(text + "!");
                });
            }
        }
        """;

    private const string Fixed = """
        class Assistant(IChatClient client, ChatClient chat, ResiliencePipeline pipeline, IDistributedCache cache)
        {
            public async Task<string> OpenAiAsync(List<ChatMessage> messages) =>
                (await pipeline.ExecuteAsync(async token => await chat.CompleteChatAsync(messages, cancellationToken: token))).Value.Content[0].Text;

            public async Task<string> TriageAsync(string subject)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var response = await pipeline.ExecuteAsync(async token => await IdempotentCalls.RunOnceAsync(idempotencyKey, _ => client.GetResponseAsync(subject, cancellationToken: token), cache, cancellationToken: token));
                return response.Text;
            }

            public async Task DraftAsync(string text)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var idempotencyKey2 = Guid.NewGuid().ToString();
                await pipeline.ExecuteAsync(async token =>
                {
                    await IdempotentCalls.RunOnceAsync(idempotencyKey, _ => client.GetResponseAsync(text), cache);
                    await IdempotentCalls.RunOnceAsync(idempotencyKey2, _ => client.GetResponseAsync(text + "!"), cache);
                });
            }
        }
        """;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RetryAnalyzer());

    [Theory]
    [InlineData(null, FixAllScope.Document)]
    [InlineData(null, FixAllScope.Solution)]
    [InlineData("AIL9999.SomeoneElsesFix", FixAllScope.Project)]
    [InlineData(AddIdempotencyKeyCodeFixProvider.EquivalenceKey, FixAllScope.Solution)]
    [InlineData(RunOnceWithRuntimeCodeFixProvider.EquivalenceKey, FixAllScope.Document)]
    public async Task Fix_All_applies_to_every_fixable_call_whatever_key_it_is_handed(string? handedKey, FixAllScope scope)
    {
        var project = TestProjectBuilder.Create(
            new[] { (TestProjectBuilder.SourcePath(0), Usings + Source) },
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            WithRuntime,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);
        var diagnostics = (await AnalyzerRunner.GetDiagnosticsAsync(project, Analyzers)).Where(d => d.Id == "AIL0001").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(4, diagnostics.Count);

        var fixer = new RunOnceWithRuntimeCodeFixProvider();
        var document = project.Documents.Single();
        var context = new FixAllContext(document, fixer, scope, handedKey!, new[] { "AIL0001" }, new Provider(diagnostics), CancellationToken.None);
        var action = await fixer.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);

        var operations = await action!.GetOperationsAsync(CancellationToken.None);
        var fixedProject = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
        var text = (await fixedProject.Documents.Single().GetTextAsync()).ToString();
        Assert.Equal((Usings + Fixed).Replace("\r\n", "\n"), text.Replace("\r\n", "\n"));
        Assert.Empty(await AnalyzerRunner.GetCompilerErrorsAsync(fixedProject));

        // Only the OpenAI call is left: its result type is not one the fix stores.
        var left = (await AnalyzerRunner.GetDiagnosticsAsync(fixedProject, Analyzers)).Where(d => d.Id == "AIL0001").ToList();
        Assert.Equal("CompleteChatAsync", Assert.Single(left).GetMessage().Split('\'')[1]);
    }

    private sealed class Provider(IReadOnlyList<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
