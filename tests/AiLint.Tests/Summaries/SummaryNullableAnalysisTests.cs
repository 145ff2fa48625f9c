using System.Collections.Immutable;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Robustness.Corpus;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Summaries;

/// <summary>
/// The project summary binds with semantic models that skip nullable analysis (<see cref="SummarySemanticModels"/>):
/// cheaper in <c>#nullable enable</c> code, and the same entries as with the plain models.
/// </summary>
public class SummaryNullableAnalysisTests
{
    private static readonly AnalyzerOptions Options = new(ImmutableArray<AdditionalText>.Empty);

    // Nullable annotations everywhere the inferred symbols could carry them: generic helpers inferred from `string?`,
    // `!`, nullable returns and a stream, all reaching the SDK through project methods.
    private const string Annotated = """
        #nullable enable
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Annotated
        {
            public sealed class Relay(IChatClient chat)
            {
                public Task<string?> AskAsync(string? question) => Forward(question);

                public async Task<string> AskOrEmptyAsync(string? question) => await Forward(question ?? "") ?? "";

                public Task<string?> AskKnownAsync(string? question) => Forward(question!);

                public IAsyncEnumerable<ChatResponseUpdate> StreamAsync(string? question, CancellationToken ct) =>
                    chat.GetStreamingResponseAsync(question ?? "", cancellationToken: ct);

                public async Task<List<T?>> EachAsync<T>(IEnumerable<T?> items) where T : class
                {
                    var results = new List<T?>();
                    foreach (var item in items)
                    {
                        await Forward(item?.ToString());
                        results.Add(item);
                    }

                    return results;
                }

                // Only nullable flow: no model.
                public Task<string?> EchoAsync(string? question) => Task.FromResult(question);

                private async Task<string?> Forward<T>(T question) => (await chat.GetResponseAsync(question?.ToString() ?? "")).Text;
            }
        }
        """;

    [Fact]
    public void This_roslyn_can_make_models_without_nullable_analysis_and_they_skip_it()
    {
        // The tests run on Roslyn 4.14 (4.9 added the option): if the reflected overload were not found, the summary
        // would silently keep paying for nullable analysis.
        Assert.True(SummarySemanticModels.CanDisableNullableAnalysis);

        var compilation = Compile(("Annotated.cs", Annotated));
        var tree = compilation.SyntaxTrees.Single();
        var echoed = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "EchoAsync")
            .DescendantNodes().OfType<ArgumentSyntax>().Single().Expression;

        // With nullable analysis, the argument's flow state is known (maybe null); without it there is none.
        Assert.Equal(NullableFlowState.MaybeNull, new SummarySemanticModels(compilation, nullableAnalysis: true).Get(tree).GetTypeInfo(echoed).Nullability.FlowState);
        Assert.Equal(NullableFlowState.None, new SummarySemanticModels(compilation).Get(tree).GetTypeInfo(echoed).Nullability.FlowState);
    }

    [Fact]
    public void Annotated_code_gets_the_same_entries_with_and_without_nullable_analysis()
    {
        string[] expected =
        [
            "AiLint.LlmCall M:Annotated.Relay.AskAsync(System.String)|generation",
            "AiLint.LlmCall M:Annotated.Relay.AskKnownAsync(System.String)|generation",
            "AiLint.LlmCall M:Annotated.Relay.AskOrEmptyAsync(System.String)|generation",
            "AiLint.LlmCall M:Annotated.Relay.EachAsync``1(System.Collections.Generic.IEnumerable{``0})|generation",
            "AiLint.LlmCall M:Annotated.Relay.StreamAsync(System.String,System.Threading.CancellationToken)|streaming",
        ];

        Assert.Equal(expected, Entries(Compile(("Annotated.cs", Annotated)), nullableAnalysis: true));
        Assert.Equal(expected, Entries(Compile(("Annotated.cs", Annotated)), nullableAnalysis: false));
    }

    [Fact]
    public void The_benchmark_corpus_gets_the_same_entries_with_and_without_nullable_analysis()
    {
        // The corpus the benchmark measures, nullable enabled as there, every shape included.
        var (sources, _) = LlmAppCorpus.Generate(40);
        var shapes = LlmAppCorpus.Shapes.Keys.SelectMany(shape => LlmAppCorpus.GenerateShape(shape, 1, firstIndex: 1000).Select(f => ($"{shape}-only/{f.Path}", f.Content)));
        var files = sources.Concat(shapes).ToArray();

        var probeOn = new BindingProbe();
        var with = Entries(Compile(files), nullableAnalysis: true, probeOn);
        var probeOff = new BindingProbe();
        var without = Entries(Compile(files), nullableAnalysis: false, probeOff);

        Assert.True(with.Length > 10, with.Length.ToString());
        Assert.Equal(with, without);

        // The same calls are examined either way: only how much of each body the compiler binds differs.
        Assert.Equal(probeOn.Explored, probeOff.Explored);
        Assert.Equal(probeOn.Invocations, probeOff.Invocations);
        Assert.Equal(probeOn.WholeBodies, probeOff.WholeBodies);
    }

    private static string[] Entries(Compilation compilation, bool nullableAnalysis, BindingProbe? probe = null) =>
        ProjectSummaryBuilder.Build(compilation, Options, CancellationToken.None, probe, nullableAnalysis).Select(e => e.Key + " " + e.Value).ToArray();

    private static CSharpCompilation Compile(params (string Path, string Content)[] files)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Annotated",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Content, parse, f.Path)),
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(10)));
        return compilation;
    }
}
