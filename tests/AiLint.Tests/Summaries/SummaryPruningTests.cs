using System.Collections.Immutable;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Summaries;

/// <summary>
/// The project summary binds only the calls whose name can reach a model (<see cref="MayCallModelNames"/>,
/// <see cref="ProjectCallGraph"/> with a name set) and builds symbols only for the methods whose syntax allows an entry.
/// These tests pin that the pruning is sound: every shape below gets the same answer from the name-filtered recognizer
/// as from the analyzers' whole-body one, and the expected entries are written by hand.
/// </summary>
public class SummaryPruningTests
{
    private const string Wrappers = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Pruning
        {
            // A chain of three project methods with names that mean nothing to the filter, and unrelated helpers beside it.
            public sealed class TicketDesk(IChatClient chat)
            {
                public async Task<string> TriageAsync(string ticket)
                {
                    var prompt = BuildPrompt(ticket);
                    Log(prompt);
                    var raw = await Step1(prompt);
                    return Parse(raw);
                }

                private Task<string> Step1(string text) => Step2(text.Trim());

                private Task<string> Step2(string text) => Step3(text);

                private async Task<string> Step3(string text) => (await chat.GetResponseAsync(text)).Text;

                private static string BuildPrompt(string ticket)
                {
                    var text = new StringBuilder();
                    foreach (var line in ticket.Split('\n').Where(l => l.Length > 0))
                    {
                        text.Append("> ").AppendLine(line);
                    }

                    return text.ToString();
                }

                private static void Log(string text) => Console.WriteLine(text.Length);

                private static string Parse(string raw) => raw.Trim().ToUpperInvariant();

                // Same helpers, no model: not recorded.
                public Task<string> PreviewAsync(string ticket) => Task.FromResult(Parse(BuildPrompt(ticket)));
            }

            // Interface and virtual dispatch.
            public interface IBackend
            {
                Task<string> CompleteAsync(string prompt);
            }

            public sealed class ModelBackend(IChatClient chat) : IBackend
            {
                public async Task<string> CompleteAsync(string prompt) => (await chat.GetResponseAsync(prompt)).Text;
            }

            public class Assistant(IBackend backend)
            {
                public Task<string> AnswerAsync(string question) => backend.CompleteAsync(question);

                public virtual Task<string> DraftAsync(string topic) => Task.FromResult(topic);

                public Task<string> DraftTwiceAsync(string topic) => DraftAsync(topic + topic);
            }

            public sealed class ModelAssistant(IBackend backend, IChatClient chat) : Assistant(backend)
            {
                public override async Task<string> DraftAsync(string topic) => (await chat.GetResponseAsync(topic)).Text;
            }

            // Local functions and lambdas.
            public sealed class Composer(IChatClient chat)
            {
                private readonly Func<string, Task<ChatResponse>> send = q => chat.GetResponseAsync(q);

                public async Task<string> WithLocalFunctionAsync(string q)
                {
                    return await Ask(q);

                    async Task<string> Ask(string text) => (await chat.GetResponseAsync(text)).Text;
                }

                public async IAsyncEnumerable<string> StreamWithLocalFunctionAsync(string q)
                {
                    await foreach (var update in Stream(q))
                    {
                        yield return update.Text;
                    }

                    IAsyncEnumerable<ChatResponseUpdate> Stream(string text) => chat.GetStreamingResponseAsync(text);
                }

                public async Task<string> WithLocalLambdaAsync(string q)
                {
                    Func<Task<ChatResponse>> call = () => chat.GetResponseAsync(q);
                    return (await call()).Text;
                }

                // The call graph does not follow a delegate held in a field, with or without the name filter.
                public async Task<string> ThroughFieldAsync(string q) => (await send(q)).Text;

                public async Task<string> CollectedAsync(string q) => (await chat.GetStreamingResponseAsync(q).ToChatResponseAsync()).Text;
            }

            // Overloads with the same name: only the one that calls the model is recorded.
            public sealed class Overloads(IChatClient chat)
            {
                public async Task<string> AskAsync(string question) => (await chat.GetResponseAsync(question)).Text;

                public Task<string> AskAsync(int count) => Task.FromResult(count.ToString());
            }

            // A partial method whose implementation is in another file.
            public sealed partial class Split
            {
                public partial Task<string> SplitAskAsync(string question);
            }

            // A collection initializer calls Add without spelling it.
            public sealed class Batch(IChatClient chat) : IEnumerable<Task<ChatResponse>>
            {
                private readonly List<Task<ChatResponse>> pending = new();

                public void Add(string question) => pending.Add(chat.GetResponseAsync(question));

                public IEnumerator<Task<ChatResponse>> GetEnumerator() => pending.GetEnumerator();

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            public sealed class BatchUser(IChatClient chat)
            {
                public Task<int> QueueAsync(string question)
                {
                    var batch = new Batch(chat) { question };
                    return Task.FromResult(batch.Count());
                }
            }
        }
        """;

    private const string OtherFile = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Pruning
        {
            public sealed partial class Split
            {
                private readonly IChatClient chat;

                public Split(IChatClient chat) => this.chat = chat;

                public partial async Task<string> SplitAskAsync(string question) => await Remote.CallAsync(chat, question);
            }

            // The callee lives in another file than its caller.
            internal static class Remote
            {
                public static async Task<string> CallAsync(IChatClient chat, string question) => (await chat.GetResponseAsync(question)).Text;
            }

            public sealed class CrossFile(IChatClient chat)
            {
                public Task<string> ViaOtherFileAsync(string question) => Remote.CallAsync(chat, question);
            }
        }
        """;

    private const string RetryHelpers = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Pruning
        {
            public static class Retrying
            {
                public static async Task<T> WithRetryAsync<T>(this Func<Task<T>> action)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try { return await action(); }
                        catch (TimeoutException) when (attempt < 3) { }
                    }
                }

                // Hands the delegate on as an extension method's receiver: a retry helper too.
                public static Task<T> RunAsync<T>(Func<Task<T>> action) => action.WithRetryAsync();

                // Takes a delegate but only stores it: not a retry helper, and its body is never bound for that.
                public static Func<Task<T>> Keep<T>(Func<Task<T>> action, CancellationToken ct) => ct.IsCancellationRequested ? action : action;
            }
        }
        """;

    [Fact]
    public void The_summary_records_exactly_the_wrappers_the_pruned_graph_must_still_find()
    {
        var entries = ProjectSummaryBuilder.Build(Compile(), Options, CancellationToken.None).Select(e => e.Key + " " + e.Value).ToArray();

        // Written by hand from the documentation-comment id format.
        string[] expected =
        [
            "AiLint.LlmCall M:Pruning.Assistant.AnswerAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.Assistant.DraftAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.Assistant.DraftTwiceAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.BatchUser.QueueAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.Composer.CollectedAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.Composer.StreamWithLocalFunctionAsync(System.String)|streaming",
            "AiLint.LlmCall M:Pruning.Composer.WithLocalFunctionAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.Composer.WithLocalLambdaAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.CrossFile.ViaOtherFileAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.IBackend.CompleteAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.ModelAssistant.DraftAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.ModelBackend.CompleteAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.Overloads.AskAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.Split.SplitAskAsync(System.String)|generation",
            "AiLint.LlmCall M:Pruning.TicketDesk.TriageAsync(System.String)|generation",
            "AiLint.RetryMethod M:Pruning.Retrying.RunAsync``1(System.Func{System.Threading.Tasks.Task{``0}})|0",
            "AiLint.RetryMethod M:Pruning.Retrying.WithRetryAsync``1(System.Func{System.Threading.Tasks.Task{``0}})|0",
        ];
        Assert.Equal(expected, entries);
    }

    [Fact]
    public void The_name_filtered_recognizer_answers_every_method_as_the_whole_body_one_does()
    {
        var compilation = Compile();
        var whole = LlmCallRecognizer.TryGetCompilationInstance(compilation, Options)!;
        var names = MayCallModelNames.Compute(compilation, whole.DirectCallNames(), CancellationToken.None);

        // A separate compilation for the filtered recognizer, so neither reuses the other's answers.
        var other = Compile();
        var filtered = LlmCallRecognizer.TryGetCompilationInstance(other, Options)!.WithMayCallNames(names);

        var compared = 0;
        foreach (var (method, twin) in Methods(compilation).Zip(Methods(other)))
        {
            Assert.Equal(method.ToDisplayString(), twin.ToDisplayString());
            var expected = whole.Recognize(method, CancellationToken.None);
            var actual = filtered.Recognize(twin, CancellationToken.None);
            Assert.True(expected.IsLlmCall == actual.IsLlmCall && expected.Kind == actual.Kind && expected.Sdk == actual.Sdk, $"{method.ToDisplayString()}: {expected.Kind}/{expected.Sdk} against {actual.Kind}/{actual.Sdk}");
            compared++;
        }

        Assert.True(compared > 30, compared.ToString());
    }

    [Fact]
    public void Helpers_whose_names_cannot_reach_a_model_are_never_bound()
    {
        var probe = new BindingProbe();
        ProjectSummaryBuilder.Build(Compile(), Options, CancellationToken.None, probe);

        // The chain is explored (names that reach the SDK), the prompt builder, logger and parser beside it are not.
        Assert.Contains("Pruning.TicketDesk.Step3(string)", probe.Explored);
        Assert.Contains("Pruning.TicketDesk.TriageAsync(string)", probe.Explored);
        Assert.DoesNotContain(probe.Explored, m => m.Contains("BuildPrompt") || m.Contains(".Log(") || m.Contains("Parse") || m.Contains("PreviewAsync"));

        // Calls are bound one by one; only the body with a collection initializer calling a kept `Add`, and the one whose
        // stream may be collected on the spot, are bound whole (the operation tree decides those).
        Assert.Equal(2, probe.WholeBodies);
        Assert.True(probe.Invocations > 0);
    }

    [Fact]
    public void Half_typed_code_does_not_crash_the_pruned_summary()
    {
        const string broken = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Broken
            {
                public sealed class Half(IChatClient chat)
                {
                    public async Task<string> AskAsync(string q) => (await chat.GetResponseAsync(q, )).Text;
                    public Task<string> MissingAsync(string q) => chat.NoSuchMethodAsync(q);
                    public Task<string> Retry(System.Func<Task<string>> action) => action(
                }
            }
            """;
        var compilation = CSharpCompilation.Create("Broken", [CSharpSyntaxTree.ParseText(broken, new CSharpParseOptions(LanguageVersion.Latest))], ReferenceAssemblies.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var entries = ProjectSummaryBuilder.Build(compilation, Options, CancellationToken.None);
        Assert.DoesNotContain(entries, e => e.Value.Contains("MissingAsync", StringComparison.Ordinal));
    }

    private static readonly AnalyzerOptions Options = new(ImmutableArray<AdditionalText>.Empty);

    private static IEnumerable<IMethodSymbol> Methods(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax && model.GetDeclaredSymbol(node) is IMethodSymbol method)
                {
                    yield return method;
                }
            }
        }
    }

    private static CSharpCompilation Compile()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Pruning",
            [CSharpSyntaxTree.ParseText(Wrappers, parse, "Wrappers.cs"), CSharpSyntaxTree.ParseText(OtherFile, parse, "Other.cs"), CSharpSyntaxTree.ParseText(RetryHelpers, parse, "Retry.cs")],
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return compilation;
    }
}
