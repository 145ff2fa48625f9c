using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Summaries;

/// <summary>
/// Retry helpers and LLM-call wrappers defined in another project of the solution: the defining project's
/// <see cref="ProjectSummaryGenerator"/> records them in its assembly, and the consumer's analyzers read the record.
/// </summary>
public class ProjectSummaryTests
{
    /// <summary>A shared library as apps write them: an injected retry service and a chat wrapper.</summary>
    private const string Library = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shared
        {
            public interface IRetryService
            {
                Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct = default);
            }

            public sealed class RetryService : IRetryService
            {
                public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct = default)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try { return await action(ct); }
                        catch (TimeoutException) when (attempt < 3) { await Task.Delay(200 * attempt, ct); }
                    }
                }
            }

            public static class Once
            {
                // Runs the delegate once: not a retry helper.
                public static Task<T> RunAsync<T>(Func<Task<T>> action) => action();
            }

            public class ChatService
            {
                private readonly IChatClient chat;

                public ChatService(IChatClient chat) => this.chat = chat;

                public async Task<string> AskAsync(string question)
                {
                    var response = await chat.GetResponseAsync(question);
                    return response.Text;
                }

                public async IAsyncEnumerable<string> StreamAsync(string question)
                {
                    await foreach (var update in chat.GetStreamingResponseAsync(question))
                    {
                        yield return update.Text;
                    }
                }

                // No model call: not recorded.
                public Task<string> FormatAsync(string text) => Task.FromResult(text.Trim());
            }

            internal sealed class Hidden
            {
                public async Task<string> AskAsync(IChatClient chat) => (await chat.GetResponseAsync("x")).Text;
            }
        }
        """;

    [Fact]
    public void The_library_records_its_retry_helpers_and_model_wrappers_only()
    {
        var text = GenerateSummary(Library);

        // Ids written by hand from the C# documentation-comment id format, not copied from the output.
        var expected = new[]
        {
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.LlmCall", "M:Shared.ChatService.AskAsync(System.String)|generation")]""",
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.LlmCall", "M:Shared.ChatService.StreamAsync(System.String)|streaming")]""",
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Shared.IRetryService.ExecuteAsync``1(System.Func{System.Threading.CancellationToken,System.Threading.Tasks.Task{``0}},System.Threading.CancellationToken)|0")]""",
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Shared.RetryService.ExecuteAsync``1(System.Func{System.Threading.CancellationToken,System.Threading.Tasks.Task{``0}},System.Threading.CancellationToken)|0")]""",
        };
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected, lines);
    }

    /// <summary>
    /// The summary skips, before building any symbol, methods kept only for a parameter whose type cannot be a delegate
    /// (each parameter type is bound alone at the start of the type's body) and methods that can be neither recorded nor
    /// implement a contract. Every way of writing a delegate type is still recorded, and the look-alikes are not.
    /// </summary>
    [Fact]
    public void Retry_helpers_are_recorded_however_their_delegate_type_is_written()
    {
        const string helpers = """
            using System;
            using System.Threading.Tasks;
            using Other;
            using Work = System.Func<System.Threading.Tasks.Task>;

            namespace Other
            {
                public delegate Task Job();
            }

            namespace Helpers
            {
                public sealed record Order(int Id);

                public static class Retry
                {
                    public delegate Task Step();

                    public static async Task<T> GenericAsync<T>(Func<Task<T>> action)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { return await action(); }
                            catch (TimeoutException) when (attempt < 3) { await Task.Delay(100 * attempt); }
                        }
                    }

                    public static async Task AliasAsync(Work work)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { await work(); return; }
                            catch (TimeoutException) when (attempt < 3) { await Task.Delay(100 * attempt); }
                        }
                    }

                    public static async Task NestedAsync(int tries, Step? step)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { await step!(); return; }
                            catch (TimeoutException) when (attempt < tries) { await Task.Delay(100 * attempt); }
                        }
                    }

                    public static async Task ImportedAsync(Order order, Job job)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { await job.Invoke(); return; }
                            catch (TimeoutException) when (attempt < 3) { await Task.Delay(100 * attempt); }
                        }
                    }

                    // The method's type parameter hides the delegate named Step: not a delegate parameter.
                    public static Task Shadowed<Step>(Step step, Func<Step, Task> use) => use(step);

                    // Passes a plain object on: nothing to retry.
                    public static void Add(System.Collections.Generic.List<Order> orders, Order order) => orders.Add(order);

                    // Retries, but cannot be called from another assembly.
                    internal static async Task HiddenAsync(Func<Task> action)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { await action(); return; }
                            catch (TimeoutException) when (attempt < 3) { await Task.Delay(100 * attempt); }
                        }
                    }
                }

                public sealed class Retrier<TResult>
                {
                    public async Task<TResult> RunAsync(Func<Task<TResult>> operation)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { return await operation(); }
                            catch (TimeoutException) when (attempt < 3) { await Task.Delay(100 * attempt); }
                        }
                    }

                    private async Task<TResult> PrivateAsync(Func<Task<TResult>> operation)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { return await operation(); }
                            catch (TimeoutException) when (attempt < 3) { await Task.Delay(100 * attempt); }
                        }
                    }
                }
            }
            """;

        // Ids written by hand from the documentation-comment id format.
        var expected = new[]
        {
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Helpers.Retrier`1.RunAsync(System.Func{System.Threading.Tasks.Task{`0}})|0")]""",
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Helpers.Retry.AliasAsync(System.Func{System.Threading.Tasks.Task})|0")]""",
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Helpers.Retry.GenericAsync``1(System.Func{System.Threading.Tasks.Task{``0}})|0")]""",
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Helpers.Retry.ImportedAsync(Helpers.Order,Other.Job)|1")]""",
            """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.RetryMethod", "M:Helpers.Retry.NestedAsync(System.Int32,Helpers.Retry.Step)|1")]""",
        };
        var lines = GenerateSummary(helpers).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void The_summary_compiles_at_CSharp_7_3()
    {
        var text = GenerateSummary(Library);
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.CSharp7_3));
        var compilation = CSharpCompilation.Create("Summary", new[] { tree }, ReferenceAssemblies.FrameworkOnly, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_wrapper_that_reaches_the_model_through_private_helpers_is_recorded()
    {
        const string layered = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Layers
            {
                public sealed class TicketSummaries(IChatClient chat)
                {
                    public Task<string> SummarizeAsync(string ticket) => SendAsync("Summarize: " + ticket);

                    private Task<string> SendAsync(string prompt) => CoreAsync(prompt);

                    private async Task<string> CoreAsync(string prompt) => (await chat.GetResponseAsync(prompt)).Text;

                    public Task<int> CountAsync(string ticket) => Task.FromResult(ticket.Length);
                }
            }
            """;

        var lines = GenerateSummary(layered).Split('\n').Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["""[assembly: global::System.Reflection.AssemblyMetadata("AiLint.LlmCall", "M:Layers.TicketSummaries.SummarizeAsync(System.String)|generation")]"""], lines);
    }

    [Fact]
    public void Wrappers_of_methods_annotated_through_an_alias_or_an_escaped_name_are_recorded()
    {
        // The name pre-filter (MayCallModelNames) reads [LlmCall] from syntax: an alias and a Unicode escape must not hide it.
        const string annotated = """
            using System.Threading.Tasks;
            using ModelCall = AiLint.LlmCallAttribute;

            namespace Aliased
            {
                public sealed class Gateway
                {
                    [ModelCall] private Task<string> RawAsync(string q) => Task.FromResult(q);

                    [AiLint.\u004ClmCall] private Task<string> EscapedAsync(string q) => Task.FromResult(q);

                    public Task<string> AskAsync(string q) => RawAsync(q);

                    public Task<string> AskEscapedAsync(string q) => EscapedAsync(q);

                    public Task<string> EchoAsync(string q) => Task.FromResult(q);
                }
            }
            """;

        var lines = GenerateSummary(annotated).Split('\n').Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
            [
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.LlmCall", "M:Aliased.Gateway.AskAsync(System.String)|generation")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.LlmCall", "M:Aliased.Gateway.AskEscapedAsync(System.String)|generation")]""",
            ],
            lines);
    }

    [Fact]
    public void An_application_records_nothing()
    {
        var app = CreateLibrary(Library).WithOptions(new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText("static class Program { static void Main() { } }", new CSharpParseOptions(LanguageVersion.Latest)));
        var result = CreateDriver(optOut: false).RunGenerators(app).GetRunResult();
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_project_without_any_helper_or_wrapper_gets_no_file()
    {
        const string plain = "namespace Plain { public class Calculator { public int Add(int a, int b) => a + b; } }";
        Assert.Null(RunGenerator(plain, optOut: false).GeneratedTrees.SingleOrDefault());
    }

    [Fact]
    public void Setting_AiLintProjectSummary_false_turns_the_record_off()
    {
        Assert.Empty(RunGenerator(Library, optOut: true).GeneratedTrees);
    }

    [Fact]
    public void The_output_step_is_cached_when_the_summary_does_not_change()
    {
        var compilation = CreateLibrary(Library);
        GeneratorDriver driver = CreateDriver(optOut: false);
        driver = driver.RunGenerators(compilation);

        // An edit that changes no public method's behaviour: the entries compare equal, so the output is not redone.
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shared { internal static class Note { } }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options));
        driver = driver.RunGenerators(edited);
        var step = driver.GetRunResult().Results.Single().TrackedSteps["AiLintProjectSummary"].Single();
        Assert.All(step.Outputs, o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
    }

    [Fact]
    public Task A_call_through_the_referenced_retry_service_to_the_referenced_wrapper_is_AIL0001() => VerifyConsumerAsync(
        """
        public sealed class Handler(IRetryService retry, ChatService chat)
        {
            public Task<string> HandleAsync(string q, CancellationToken ct) =>
                retry.ExecuteAsync(_ => chat.{|#0:AskAsync|}(q), ct);
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("AskAsync", "IRetryService.ExecuteAsync"));

    [Fact]
    public Task A_referenced_retry_helper_around_a_direct_SDK_call_is_AIL0001() => VerifyConsumerAsync(
        """
        public sealed class Handler(RetryService retry, IChatClient client)
        {
            public Task<ChatResponse> HandleAsync(string q, CancellationToken ct) =>
                retry.ExecuteAsync(token => client.{|#0:GetResponseAsync|}(q, cancellationToken: token), ct);
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "RetryService.ExecuteAsync"));

    [Fact]
    public Task A_referenced_wrapper_inside_a_local_retry_loop_is_AIL0001() => VerifyConsumerAsync(
        """
        public sealed class Handler(ChatService chat)
        {
            public async Task<string> HandleAsync(string q)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await chat.{|#0:AskAsync|}(q); }
                    catch (TimeoutException) when (attempt < 2) { }
                }
            }
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("AskAsync", "for loop"));

    [Fact]
    public Task Run_once_helpers_and_wrappers_without_model_calls_stay_clean() => VerifyConsumerAsync(
        """
        public sealed class Handler(IRetryService retry, ChatService chat)
        {
            public Task<string> OnceAsync(string q) => Once.RunAsync(() => chat.AskAsync(q));
            public Task<string> FormatAsync(string q, CancellationToken ct) => retry.ExecuteAsync(_ => chat.FormatAsync(q), ct);
        }
        """,
        withSummary: true);

    [Fact]
    public Task Without_the_library_summary_nothing_is_known_and_nothing_is_reported() => VerifyConsumerAsync(
        """
        public sealed class Handler(IRetryService retry, ChatService chat)
        {
            public Task<string> HandleAsync(string q, CancellationToken ct) => retry.ExecuteAsync(_ => chat.AskAsync(q), ct);
        }
        """,
        withSummary: false);

    /// <summary>A library's POST helper that takes its URL from the caller, used by the library for chat.</summary>
    private const string PostHelperLibrary = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        namespace Shared
        {
            public sealed class JsonGateway(HttpClient http)
            {
                public async Task<string> PostJsonAsync(string url, object body)
                {
                    var response = await http.PostAsJsonAsync(url, body);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                public Task<string> ChatAsync(object body) => PostJsonAsync("https://api.openai.com/v1/chat/completions", body);
            }
        }
        """;

    /// <summary>
    /// A POST helper whose URL comes from its caller is judged at each call site (the same helper serves chat and
    /// embeddings), so the summary does not record it as an LLM call: an app that retries it for embeddings is not
    /// reported. (An app's retried call that passes the chat URL is a known miss across projects: the summary keeps no
    /// URL parameters.)
    /// </summary>
    [Fact]
    public async Task A_referenced_post_helper_taking_its_url_from_the_caller_is_not_recorded_and_not_reported_for_embeddings()
    {
        Assert.DoesNotContain(RunGenerator(PostHelperLibrary, optOut: false).GeneratedTrees, t => t.ToString().Contains("PostJsonAsync", StringComparison.Ordinal));
        await VerifyConsumerAsync(
            PostHelperLibrary,
            """
            public sealed class Indexer(JsonGateway gateway)
            {
                private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();

                public async Task<string> EmbedAsync(string text) =>
                    await pipeline.ExecuteAsync(async ct => await gateway.PostJsonAsync("https://api.openai.com/v1/embeddings", new { input = text }));
            }
            """,
            withSummary: true);
    }

    private static Task VerifyConsumerAsync(string source, bool withSummary, params DiagnosticResult[] expected) =>
        VerifyConsumerAsync(Library, source, withSummary, expected);

    private static async Task VerifyConsumerAsync(string librarySource, string source, bool withSummary, params DiagnosticResult[] expected)
    {
        var library = CreateLibrary(librarySource);
        if (withSummary)
        {
            CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(library, out var updated, out _);
            library = (CSharpCompilation)updated;
        }

        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = RetryTestSupport.Usings + "using Shared;\n" + source,
            MarkupDiagnosticId = "AIL0001",
            References = ReferenceAssemblies.Default.Add(Emit(library)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public void An_editor_that_skips_implementation_outputs_never_computes_the_summary()
    {
        // Editors run generators with implementation outputs disabled; the summary (an attribute of the emitted
        // assembly) must cost them nothing. The same library with every output enabled records its wrapper.
        const string Library = """
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class Wrapper(ChatClient client)
            {
                public async Task<string> AskAsync(string question) => (await client.CompleteChatAsync(question)).Value.Content[0].Text;
            }
            """;
        var editorDriver = CSharpGeneratorDriver.Create(
            new[] { new ProjectSummaryGenerator().AsSourceGenerator() },
            optionsProvider: new TestOptionsProvider(ImmutableDictionary<string, string>.Empty),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.Implementation, trackIncrementalGeneratorSteps: true));

        var editor = editorDriver.RunGenerators(CreateLibrary(Library)).GetRunResult().Results.Single();

        Assert.Empty(editor.GeneratedSources);
        Assert.False(editor.TrackedSteps.ContainsKey("AiLintProjectSummary"));
        Assert.Contains("Wrapper.AskAsync", GenerateSummary(Library), StringComparison.Ordinal);
    }

    internal static MetadataReference Emit(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static string GenerateSummary(string source)
    {
        var tree = RunGenerator(source, optOut: false).GeneratedTrees.Single();
        Assert.EndsWith(ProjectSummaryGenerator.HintName, tree.FilePath, StringComparison.Ordinal);
        return tree.ToString();
    }

    private static GeneratorDriverRunResult RunGenerator(string source, bool optOut) =>
        CreateDriver(optOut).RunGenerators(CreateLibrary(source)).GetRunResult();

    internal static CSharpCompilation CreateLibrary(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Shared",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return compilation;
    }

    internal static GeneratorDriver CreateDriver(bool optOut) => CSharpGeneratorDriver.Create(
        new[] { new ProjectSummaryGenerator().AsSourceGenerator() },
        optionsProvider: new TestOptionsProvider(optOut ? ImmutableDictionary<string, string>.Empty.Add(SummaryKeys.OptOutProperty, "false") : ImmutableDictionary<string, string>.Empty),
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    internal sealed class TestOptionsProvider(ImmutableDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(ImmutableDictionary<string, string>.Empty);

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
