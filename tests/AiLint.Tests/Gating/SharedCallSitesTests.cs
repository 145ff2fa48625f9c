using System.Collections.Concurrent;
using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Gating;

/// <summary>
/// Evaluation (AIL0301-AIL0303) and AIL0102 read each relevant file's calls through one walk per semantic model
/// (<c>CallSitesOfFile.Of</c>) instead of each walking every node (docs/performance.md, "2026-12-05/06, session 28").
/// What must hold: the shared nodes are exactly those a walk of the file gives, in its order, with the operation
/// <c>GetOperation</c> gives; analyzers of one driver run share one walk; a cancelled walk is not kept; and
/// the two rules report together exactly what each reports alone (a positive and its correct twin in one file).
/// </summary>
public class SharedCallSitesTests
{
    private const string Gateway = """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        namespace Shop;

        public sealed class Gateway(ChatClient chat)
        {
            private const string Instructions = "You are the Contoso support assistant.";

            private int calls;

            public string Last { get; set; } = "";

            public async Task<string> AskAsync(string q, Activity activity)
            {
                activity.SetStartTime(DateTime.Now);
                activity.SetEndTime(DateTime.UtcNow);
                var result = await chat.CompleteChatAsync(new SystemChatMessage(Instructions), new UserChatMessage(q));
                Last = q;
                calls += 1;
                return result.Value.Content[0].Text + nameof(calls);
            }
        }
        """;

    private const string Plain = """
        namespace Shop;

        public sealed class Invoice
        {
            private int total = Start();

            public int Add(int amount) { total += amount; return total; }

            private static int Start() => new System.Random(1).Next();
        }
        """;

    private const string HalfTyped = """
        using System;
        using System.Diagnostics;
        using OpenAI.Chat;

        public class Broken
        {
            public string Text { get; set; } = Undefined(;

            public void Run(Activity activity, ChatClient chat)
            {
                activity.SetStartTime(DateTime.
                var message = new SystemChatMessage(
                chat.CompleteChat(message
                x = ;
            }
        }
        """;

    [Fact]
    public async Task The_shared_nodes_are_a_walk_of_the_file_in_its_order_with_GetOperation_of_each_call()
    {
        var compilation = await CompilationOf(("Gateway.cs", Gateway), ("Plain.cs", Plain));
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var walked = Walk(tree);

            var sites = CallSitesOfFile.Of(model, CancellationToken.None);

            Assert.NotEmpty(walked);
            Assert.Equal(walked, sites.Nodes);
            for (var i = 0; i < sites.Nodes.Length; i++)
            {
                var node = sites.Nodes[i];
                var expected = node is FieldDeclarationSyntax or PropertyDeclarationSyntax ? null : model.GetOperation(node);
                Assert.Same(expected, sites.Operation(i, CancellationToken.None));
                Assert.Same(expected, sites.Operation(i, CancellationToken.None));
                if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax)
                {
                    Assert.NotNull(expected);
                }
            }

            // Kept per model; another model of the same tree walks on its own (its operations are its own).
            Assert.Same(sites, CallSitesOfFile.Of(model, CancellationToken.None));
            var other = CallSitesOfFile.Of(compilation.GetSemanticModel(tree), CancellationToken.None);
            Assert.NotSame(sites, other);
            Assert.Equal(walked, other.Nodes);
        }

        // Gateway.cs: two fields, the property, four invocations (nameof(calls) is one), two creations, two assignments.
        var gateway = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("Gateway.cs", StringComparison.Ordinal));
        var kinds = CallSitesOfFile.Of(compilation.GetSemanticModel(gateway), CancellationToken.None).Nodes.Select(n => n.Kind()).ToList();
        Assert.Equal(2, kinds.Count(k => k is SyntaxKind.FieldDeclaration));
        Assert.Equal(1, kinds.Count(k => k is SyntaxKind.PropertyDeclaration));
        Assert.Equal(4, kinds.Count(k => k is SyntaxKind.InvocationExpression));
        Assert.Equal(2, kinds.Count(k => k is SyntaxKind.ObjectCreationExpression));
        Assert.Equal(2, kinds.Count(k => k is SyntaxKind.SimpleAssignmentExpression or SyntaxKind.AddAssignmentExpression));
        Assert.Equal(11, kinds.Count);
    }

    [Fact]
    public async Task Half_typed_code_gives_the_walk_and_the_model_answer_for_each_node()
    {
        var project = CreateProject(("Broken.cs", HalfTyped));
        var compilation = (await project.GetCompilationAsync())!;
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);

        var sites = CallSitesOfFile.Of(model, CancellationToken.None);

        Assert.Equal(Walk(tree), sites.Nodes);
        Assert.Contains(sites.Nodes, n => n is InvocationExpressionSyntax);
        for (var i = 0; i < sites.Nodes.Length; i++)
        {
            var expected = sites.Nodes[i] is FieldDeclarationSyntax or PropertyDeclarationSyntax ? null : model.GetOperation(sites.Nodes[i]);
            Assert.Same(expected, sites.Operation(i, CancellationToken.None));
        }

        // Both rules on it together: no crash (AnalyzerRunner fails on AD0001), and nothing reported from broken text.
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new PromptEvalCoverageAnalyzer(), new NonUtcActivityTimeAnalyzer()));
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("AIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_walk_is_not_kept()
    {
        var compilation = await CompilationOf(("Gateway.cs", Gateway));
        var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => CallSitesOfFile.Of(model, cancelled.Token));

        var sites = CallSitesOfFile.Of(model, CancellationToken.None);
        Assert.Equal(Walk(model.SyntaxTree), sites.Nodes);
        var call = sites.Nodes.IndexOf(sites.Nodes.First(n => n is InvocationExpressionSyntax));
        Assert.Same(model.GetOperation(sites.Nodes[call]), sites.Operation(call, CancellationToken.None));
        Assert.NotNull(sites.Operation(call, CancellationToken.None));
    }

    [Fact]
    public async Task Analyzers_of_one_driver_run_share_one_walk_of_a_relevant_file()
    {
        var project = CreateProject(("Gateway.cs", Gateway), ("Plain.cs", Plain));
        var first = new SitesRecorder();
        var second = new SitesRecorder();

        await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(first, second));

        Assert.Same(first.Seen["Gateway.cs"], second.Seen["Gateway.cs"]);
        Assert.Same(first.Seen["Plain.cs"], second.Seen["Plain.cs"]);
    }

    [Fact]
    public async Task The_two_rules_report_together_what_each_reports_alone()
    {
        var project = CreateProject(("Gateway.cs", Gateway), ("Plain.cs", Plain));

        var both = await Reported(project, new PromptEvalCoverageAnalyzer(), new NonUtcActivityTimeAnalyzer());
        var prompts = await Reported(project, new PromptEvalCoverageAnalyzer());
        var spans = await Reported(project, new NonUtcActivityTimeAnalyzer());

        Assert.Equal(prompts.Concat(spans).OrderBy(d => d, StringComparer.Ordinal), both);

        // The positives: the local-time start (not its UTC twin, the end) and the system prompt without eval cases
        // (not the user's text, the other argument of the same call).
        var ail0102 = Assert.Single(spans);
        Assert.Contains("AIL0102", ail0102, StringComparison.Ordinal);
        Assert.Contains("`DateTime.Now`", ail0102, StringComparison.Ordinal);
        var ail0301 = Assert.Single(prompts);
        Assert.Contains("AIL0301", ail0301, StringComparison.Ordinal);
        Assert.Contains("`Instructions`", ail0301, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- harness

    private static List<SyntaxNode> Walk(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes()
            .Where(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax or FieldDeclarationSyntax or PropertyDeclarationSyntax)
            .ToList();

    private static async Task<List<string>> Reported(Project project, params DiagnosticAnalyzer[] analyzers) =>
        (await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers.ToImmutableArray()))
            .Select(AnalyzerRunner.Describe)
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();

    private static async Task<Compilation> CompilationOf(params (string Name, string Code)[] sources)
    {
        var project = CreateProject(sources);
        var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
        return (await project.GetCompilationAsync())!;
    }

    private static Project CreateProject(params (string Name, string Code)[] sources) =>
        TestProjectBuilder.Create(
            sources.Select(s => ("/0/" + s.Name, s.Code)).ToArray(),
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);

    /// <summary>Asks for the shared walk of every file, as the two rules do, and records what it was given.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class SitesRecorder : DiagnosticAnalyzer
    {
        public ConcurrentDictionary<string, CallSitesOfFile> Seen { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSemanticModelAction(modelContext =>
                Seen[Path.GetFileName(modelContext.SemanticModel.SyntaxTree.FilePath)] = CallSitesOfFile.Of(modelContext.SemanticModel, modelContext.CancellationToken));
        }
    }

    private static readonly DiagnosticDescriptor Never = new("TEST0003", "Never", "Never", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
}
