using System.Collections.Concurrent;
using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Gating;

/// <summary>
/// Retry, Models and AIL0101 read each relevant file's operation blocks through one enumeration per semantic model
/// (<c>OperationBlocksOfFile.Of</c>, used by <c>MemberBlocksContext.RegisterForRelevantFiles</c>) instead of one each
/// (docs/performance.md, "2026-12-05, night"). What must hold: the shared list is exactly what
/// <c>OperationBlocksOfFile.ForEach</c> visits, in its order; analyzers in one driver run get the same list; a
/// cancelled enumeration is not kept; and files the gate skips are still skipped.
/// </summary>
public class SharedOperationBlocksTests
{
    private const string Gateway = """
        using System.Threading.Tasks;
        using OpenAI.Chat;

        namespace Shop;

        public sealed class Gateway(ChatClient chat)
        {
            private readonly string model = "gpt-4o";

            public string Model => model;

            public async Task<string> AskAsync(string q, int retries = 3) => (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text;

            public static ChatClient Create(string key) => new ChatClient("gpt-4o", key);
        }
        """;

    private const string Plain = """
        namespace Shop;

        public sealed class Invoice
        {
            private int total = 1;

            public int Total => total;

            public int Add(int amount = 2) { total += amount; return total; }
        }
        """;

    [Fact]
    public async Task The_shared_list_is_what_ForEach_visits_in_its_order_and_is_kept_per_model()
    {
        var compilation = await CompilationOf(("Gateway.cs", Gateway), ("Plain.cs", Plain));
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var visited = new List<string>();
            OperationBlocksOfFile.ForEach(model, visited, static (owner, blocks, lines) => lines.Add(Describe(owner, blocks)), CancellationToken.None);

            var shared = OperationBlocksOfFile.Of(model, CancellationToken.None);

            Assert.NotEmpty(visited);
            Assert.Equal(visited, shared.Select(d => Describe(d.Symbol, d.Blocks)));
            Assert.Same(shared, OperationBlocksOfFile.Of(model, CancellationToken.None));

            // Another model of the same tree enumerates on its own (its operations are its own), with equal contents.
            var other = compilation.GetSemanticModel(tree);
            var otherShared = OperationBlocksOfFile.Of(other, CancellationToken.None);
            Assert.NotSame(shared, otherShared);
            Assert.Equal(visited, otherShared.Select(d => Describe(d.Symbol, d.Blocks)));
        }
    }

    [Fact]
    public async Task A_cancelled_enumeration_is_not_kept()
    {
        var compilation = await CompilationOf(("Gateway.cs", Gateway));
        var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => OperationBlocksOfFile.Of(model, cancelled.Token));

        var visited = new List<string>();
        OperationBlocksOfFile.ForEach(model, visited, static (owner, blocks, lines) => lines.Add(Describe(owner, blocks)), CancellationToken.None);
        var shared = OperationBlocksOfFile.Of(model, CancellationToken.None);
        Assert.Equal(4, visited.Count); // model, Model.get, AskAsync, Create (the primary constructor has no default or base call): the whole file
        Assert.Equal(visited, shared.Select(d => Describe(d.Symbol, d.Blocks)));
    }

    [Fact]
    public async Task Analyzers_of_one_driver_run_get_the_same_blocks_of_a_relevant_file_and_none_of_a_skipped_one()
    {
        var project = CreateProject(("Gateway.cs", Gateway), ("Plain.cs", Plain));
        var first = new BlockRecorder();
        var second = new BlockRecorder();

        await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(first, second));

        // The relevant file: both saw every member, in the same order, with the very same block arrays (one enumeration).
        var firstGateway = first.Seen["Gateway.cs"];
        var secondGateway = second.Seen["Gateway.cs"];
        Assert.Equal(4, firstGateway.Count);
        Assert.Equal(firstGateway.Select(s => Describe(s.Symbol, s.Blocks)), secondGateway.Select(s => Describe(s.Symbol, s.Blocks)));
        for (var i = 0; i < firstGateway.Count; i++)
        {
            Assert.True(firstGateway[i].Blocks.Equals(secondGateway[i].Blocks), "not the same array: " + Describe(firstGateway[i].Symbol, firstGateway[i].Blocks));
        }

        // The file that spells nothing an LLM rule looks for is still skipped, by both.
        Assert.False(first.Seen.ContainsKey("Plain.cs"));
        Assert.False(second.Seen.ContainsKey("Plain.cs"));
    }

    // ---------------------------------------------------------------- harness

    private static string Describe(ISymbol owner, ImmutableArray<IOperation> blocks) =>
        owner.ToDisplayString() + " [" + owner.Kind + "]: " + string.Join(", ", blocks.Select(b => b.Kind + " " + b.Syntax.Span));

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

    /// <summary>Registers as the rules do (MemberBlocksContext) and records what each file's members were given.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class BlockRecorder : DiagnosticAnalyzer
    {
        public ConcurrentDictionary<string, List<(ISymbol Symbol, ImmutableArray<IOperation> Blocks)>> Seen { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var gate = RelevantFiles.For(start.Compilation, start.Options);
                MemberBlocksContext.RegisterForRelevantFiles(start, gate, member =>
                {
                    var list = Seen.GetOrAdd(Path.GetFileName(member.SemanticModel.SyntaxTree.FilePath), _ => new List<(ISymbol, ImmutableArray<IOperation>)>());
                    lock (list)
                    {
                        list.Add((member.OwningSymbol, member.OperationBlocks));
                    }
                });
            });
        }
    }

    private static readonly DiagnosticDescriptor Never = new("TEST0002", "Never", "Never", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
}
