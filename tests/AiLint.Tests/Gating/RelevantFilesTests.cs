using System.Collections.Immutable;
using AiLint.Analyzers.Gating;
using AiLint.Tests.Robustness;
using AiLint.Tests.Robustness.Corpus;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Tests.Gating;

/// <summary>
/// The per-file gate of the operation-based rules (docs/design/relevant-files.md): a file that spells no SDK name but
/// reaches a model through the project's own code in another file must still be analysed, and a plain file must not.
/// Each shape runs every AiLint analyzer, so a family whose operation actions skipped the file would lose its finding.
/// </summary>
public class RelevantFilesTests
{
    private const string Plain = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;

        namespace Shop;

        public sealed record Order(int Id, string Customer, decimal Total, DateTime CreatedUtc);

        public sealed class OrderReport
        {
            private readonly List<Order> orders = new();

            public void Add(Order order) => orders.Add(order);

            public string Text => string.Join(",", orders.Select(o => o.Customer));

            public string Render()
            {
                var text = new StringBuilder();
                foreach (var order in orders.OrderBy(o => o.CreatedUtc))
                {
                    text.Append(order.Id).Append(' ').Append(order.Customer).AppendLine();
                }

                return text.ToString();
            }
        }
        """;

    // ---- Retry: a retry loop in a file that spells no SDK name, around the project's wrapper ----

    private const string Gateway = """
        using System.Threading.Tasks;
        using OpenAI.Chat;

        namespace Shop;

        public sealed class Gateway(ChatClient chat)
        {
            public async Task<string> AskAsync(string q) => (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text;
        }
        """;

    private const string Jobs = """
        using System;
        using System.Threading.Tasks;

        namespace Shop;

        public static class Jobs
        {
            public static async Task<string> Run(Gateway gateway, string q)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return await gateway.AskAsync(q); }
                    catch (Exception) { }
                }

                return string.Empty;
            }
        }
        """;

    [Fact]
    public Task Retry_loop_in_a_plain_file_around_a_wrapper_of_another_file_is_reported() =>
        AssertReported(
            new[] { ("Gateway.cs", Gateway), ("Jobs.cs", Jobs), ("Plain.cs", Plain) },
            "Jobs.cs: AIL0001 AskAsync");

    [Fact]
    public Task Nested_types_are_analysed_once() =>
        AssertReported(
            new[]
            {
                ("Gateway.cs", Gateway),
                ("Outer.cs", """
                    using System;
                    using System.Threading.Tasks;
                    using OpenAI.Chat;

                    namespace Shop;

                    public static class Outer
                    {
                        public static class Inner
                        {
                            public static async Task<string> Run(ChatClient chat, string q)
                            {
                                for (var attempt = 0; attempt < 3; attempt++)
                                {
                                    try { return (await chat.CompleteChatAsync(new UserChatMessage(q))).Value.Content[0].Text; }
                                    catch (Exception) { }
                                }

                                return string.Empty;
                            }
                        }
                    }
                    """),
            },
            "Outer.cs: AIL0001 CompleteChatAsync");

    // ---- Models: a settings class in a file of its own ----

    private const string Settings = """
        namespace Shop;

        public sealed class AiSettings
        {
            public string ChatModel { get; set; } = "gpt-4o";
        }
        """;

    private const string Clients = """
        using OpenAI.Chat;

        namespace Shop;

        public sealed class Clients(AiSettings settings)
        {
            public ChatClient Chat(string key) => new(settings.ChatModel, key);
        }
        """;

    [Fact]
    public Task Settings_default_declared_in_a_plain_file_is_still_checked_where_it_is_read() =>
        AssertReported(
            new[] { ("Settings.cs", Settings), ("Clients.cs", Clients), ("Plain.cs", Plain) },
            "Clients.cs: AIL0501 settings.ChatModel");

    // ---- Observability: a span helper, called from a file that spells no span API ----

    private const string Telemetry = """
        using System;
        using System.Diagnostics;

        namespace Shop;

        public static class LlmTelemetry
        {
            private static readonly ActivitySource Source = new("Llm");

            public static void TrackCall(string name, DateTime start, TimeSpan duration)
            {
                using var activity = Source.StartActivity(name);
                activity?.SetStartTime(start);
                activity?.SetEndTime(start + duration);
            }
        }
        """;

    private const string TelemetryCaller = """
        using System;

        namespace Shop;

        public static class Caller
        {
            public static void Run(TimeSpan elapsed) => LlmTelemetry.TrackCall("chat", DateTime.Now, elapsed);
        }
        """;

    [Fact]
    public Task Local_time_given_to_a_span_helper_from_a_plain_file_is_reported() =>
        AssertReported(
            new[] { ("Telemetry.cs", Telemetry), ("Caller.cs", TelemetryCaller), ("Plain.cs", Plain) },
            "Caller.cs: AIL0102 DateTime.Now");

    // ---- Evaluation: a prompt constant in a plain file, handed to a wrapper by another plain file ----

    private const string SupportPrompts = """
        namespace Shop;

        public static class SupportPrompts
        {
            public const string Support = "You are a support assistant for a bike shop. Answer only questions about bikes.";
        }
        """;

    private const string Assistant = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public sealed class Assistant(IChatClient client)
        {
            public Task<ChatResponse> AskAsync(string system, string question) =>
                client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, question)]);
        }
        """;

    private const string AssistantCaller = """
        using System.Threading.Tasks;

        namespace Shop;

        public sealed class Desk(Assistant assistant)
        {
            public Task Reply(string question) => assistant.AskAsync(SupportPrompts.Support, question);
        }
        """;

    [Fact]
    public Task Prompt_constant_passed_to_a_wrapper_from_a_plain_file_is_reported() =>
        AssertReported(
            new[] { ("Prompts.cs", SupportPrompts), ("Assistant.cs", Assistant), ("Desk.cs", AssistantCaller), ("Plain.cs", Plain) },
            "Prompts.cs: AIL0301 Support");

    [Fact]
    public Task Without_the_caller_the_wrapper_alone_reports_no_prompt() =>
        AssertReported(new[] { ("Prompts.cs", SupportPrompts), ("Assistant.cs", Assistant), ("Plain.cs", Plain) });

    // ---- Tools: a tool class in a file of its own ----

    [Fact]
    public Task Tool_class_declared_in_a_plain_file_still_counts_in_the_catalog() =>
        AssertReported(
            new[]
            {
                ("Operations.cs", """
                    namespace Shop;
                    public static class Operations { public static int Ping() => 1; }
                    """),
                ("Assistant.cs", """
                    using System.Linq;
                    using Microsoft.Extensions.AI;
                    namespace Shop;
                    public sealed class ToolAssistant
                    {
                        public ChatOptions Options() => new()
                        {
                            Tools = typeof(Operations).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList(),
                        };
                    }
                    """),
                ("Plain.cs", Plain),
            },
            "Assistant.cs: AIL0202 typeof(Operations).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList()");

    // ---- the gate's answers ----

    [Fact]
    public async Task Plain_files_are_not_relevant_and_files_reaching_a_model_through_project_code_are()
    {
        var (compilation, gate) = await GateOf(
            ("Plain.cs", Plain), ("Gateway.cs", Gateway), ("Jobs.cs", Jobs), ("Settings.cs", Settings), ("Clients.cs", Clients),
            ("Telemetry.cs", Telemetry), ("Caller.cs", TelemetryCaller), ("Prompts.cs", SupportPrompts), ("Assistant.cs", Assistant),
            ("Desk.cs", AssistantCaller));

        Assert.False(gate.Everything);
        var answers = compilation.SyntaxTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => gate.IsRelevant(t));
        Assert.False(answers["Plain.cs"], "a file of orders and string builders");

        // Read through the semantic model from the file that uses them; no action of their own is needed. (Words in
        // strings count as spelled: had the caller's method been named "Answer", the prompt text would have made
        // Prompts.cs relevant, which costs time and changes no finding.)
        Assert.False(answers["Settings.cs"], "a settings class");
        Assert.False(answers["Prompts.cs"], "a class of prompt constants");

        foreach (var name in new[] { "Gateway.cs", "Clients.cs", "Telemetry.cs", "Assistant.cs" })
        {
            Assert.True(answers[name], name + " spells an SDK name");
        }

        foreach (var name in new[] { "Jobs.cs", "Caller.cs", "Desk.cs" })
        {
            Assert.True(answers[name], name + " calls a project member that leads to an SDK call");
        }
    }

    /// <summary>The benchmark's plain-file corpus (docs/performance.md): none of its plain files may be relevant.</summary>
    [Fact]
    public async Task Plain_files_of_the_benchmark_corpus_are_not_relevant_beside_llm_app_files()
    {
        var sources = LlmAppCorpus.GenerateShape("plain", 20)
            .Concat(LlmAppCorpus.GenerateShape("retry-openai", 2, 20))
            .Concat(LlmAppCorpus.GenerateShape("retry-anthropic", 2, 22))
            .Concat(LlmAppCorpus.GenerateShape("spans", 2, 24))
            .Concat(LlmAppCorpus.GenerateShape("tools", 2, 26))
            .Concat(LlmAppCorpus.GenerateShape("schema", 2, 28))
            .Select(s => (Path.GetFileName(s.Path), s.Content))
            .ToArray();
        var (compilation, gate) = await GateOf(sources);

        var trees = compilation.SyntaxTrees.ToList();
        var relevantPlain = trees.Take(20).Where(t => gate.IsRelevant(t)).Select(t => t.FilePath).ToList();
        Assert.True(relevantPlain.Count == 0, "relevant plain files: " + string.Join(", ", relevantPlain));
        Assert.True(trees.Skip(20).Take(8).All(t => gate.IsRelevant(t)), "the retry and span files call models and stamp spans");
    }

    [Fact]
    public async Task Closure_follows_wrappers_of_wrappers_properties_and_constructors()
    {
        var (compilation, gate) = await GateOf(
            ("Gateway.cs", Gateway),
            ("Outer.cs", """
                using System.Threading.Tasks;
                namespace Shop;
                public sealed class Outer(Gateway gateway) { public Task<string> Handle(string q) => gateway.AskAsync(q); }
                """),
            ("Lazy.cs", """
                namespace Shop;
                public sealed class Holder { public Outer? Current { get; set; } }
                public sealed class Front(Outer outer) { public object Answer => outer.Handle("q"); }
                """),
            ("UsesProperty.cs", """
                namespace Shop;
                public static class UsesProperty { public static object M(Front front) => front.Answer; }
                """),
            ("Constructs.cs", """
                namespace Shop;
                public static class Constructs { public static object M(Gateway g) => new Outer(g); }
                """),
            ("Plain.cs", Plain));

        var answers = compilation.SyntaxTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => gate.IsRelevant(t));
        Assert.True(answers["Outer.cs"]);
        Assert.True(answers["Lazy.cs"]);
        Assert.True(answers["UsesProperty.cs"], "reads a property whose getter calls a wrapper");
        Assert.True(answers["Constructs.cs"], "constructs a type whose members call a wrapper");
        Assert.False(answers["Plain.cs"]);
    }

    [Fact]
    public async Task Configured_llm_method_makes_its_callers_relevant()
    {
        var (compilation, gate) = await GateOf(
            new[]
            {
                ("Plain.cs", Plain),
                ("Caller.cs", """
                    namespace Shop;
                    public static class Caller { public static object M(Vendor.Llm llm) => llm.Complete("q"); }
                    """),
                ("Vendor.cs", """
                    namespace Vendor;
                    public sealed class Llm { public object Complete(string q) => q; }
                    """),
            },
            "is_global = true\nailint.llm_call_methods = Vendor.Llm.Complete\n");

        var answers = compilation.SyntaxTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => gate.IsRelevant(t));
        Assert.True(answers["Caller.cs"]);
        Assert.True(answers["Vendor.cs"]);
        Assert.False(answers["Plain.cs"]);
    }

    [Fact]
    public async Task A_global_using_of_an_SDK_namespace_makes_every_file_relevant()
    {
        var (compilation, gate) = await GateOf(("GlobalUsings.cs", "global using global::OpenAI.Chat;\n"), ("Plain.cs", Plain));

        Assert.True(gate.Everything);
        Assert.All(compilation.SyntaxTrees, t => Assert.True(gate.IsRelevant(t)));
    }

    [Fact]
    public async Task A_global_using_of_a_plain_namespace_changes_nothing()
    {
        var (compilation, gate) = await GateOf(("GlobalUsings.cs", "global using System.Text;\n"), ("Plain.cs", Plain), ("Gateway.cs", Gateway));

        Assert.False(gate.Everything);
        Assert.False(gate.IsRelevant(compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("Plain.cs", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Unicode_escapes_and_verbatim_names_are_seen()
    {
        var (compilation, gate) = await GateOf(
            ("Gateway.cs", Gateway),
            ("Escaped.cs", """
                namespace Shop;
                public static class Escaped { public static object M(Gateway g) => g.\u0041skAsync("q"); }
                """),
            ("Verbatim.cs", """
                namespace Shop;
                public static class Verbatim { public static object M(Gateway g) => g.@AskAsync("q"); }
                """),
            ("Plain.cs", Plain));

        var answers = compilation.SyntaxTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => gate.IsRelevant(t));
        Assert.True(answers["Escaped.cs"]);
        Assert.True(answers["Verbatim.cs"]);
        Assert.False(answers["Plain.cs"]);
    }

    [Fact]
    public async Task Llm_call_attribute_through_an_alias_makes_the_method_a_seed()
    {
        var (compilation, gate) = await GateOf(
            ("Annotated.cs", """
                using Model = AiLint.LlmCallAttribute;
                namespace Shop;
                public sealed class Annotated { [Model] public object Think(string q) => q; }
                """),
            ("Caller.cs", """
                namespace Shop;
                public static class Caller { public static object M(Annotated a) => a.Think("q"); }
                """),
            ("Plain.cs", Plain));

        var answers = compilation.SyntaxTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => gate.IsRelevant(t));
        Assert.True(answers["Annotated.cs"]);
        Assert.True(answers["Caller.cs"]);
        Assert.False(answers["Plain.cs"]);
    }

    [Fact]
    public async Task Broken_code_neither_throws_nor_loses_the_file()
    {
        var sources = new[]
        {
            ("Broken.cs", """
                using OpenAI.Chat;
                namespace Shop;
                public sealed class Broken(ChatClient chat
                {
                    public async Task<string> AskAsync(string q) => (await chat.CompleteChatAsync(new UserChatMessage(q)).Value.
                    public string this[int i] => 
                    public static implicit operator string(Broken b) =>
                """),
            ("Caller.cs", """
                namespace Shop
                {
                    public static class Caller { public static object M(Broken b) { for (;;) { try { return b.AskAsync(; } catch { } } }
                """),
            ("Plain.cs", Plain),
        };
        var (compilation, gate) = await GateOf(sources);

        var answers = compilation.SyntaxTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => gate.IsRelevant(t));
        Assert.True(answers["Broken.cs"]);
        Assert.True(answers["Caller.cs"]);
        Assert.False(answers["Plain.cs"]);

        // Every analyzer over the broken project: AnalyzerRunner fails on any exception.
        var project = CreateProject(sources, analyzerConfig: null);
        await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers());
    }

    // ---------------------------------------------------------------- harness

    private static Task<(Compilation Compilation, RelevantFiles Gate)> GateOf(params (string Name, string Code)[] sources) =>
        GateOf(sources, analyzerConfig: null);

    private static async Task<(Compilation Compilation, RelevantFiles Gate)> GateOf((string Name, string Code)[] sources, string? analyzerConfig)
    {
        var project = CreateProject(sources, analyzerConfig);
        var compilation = (await project.GetCompilationAsync())!;
        return (compilation, RelevantFiles.For(compilation, project.AnalyzerOptions));
    }

    private static Project CreateProject((string Name, string Code)[] sources, string? analyzerConfig) =>
        TestProjectBuilder.Create(
            sources.Select(s => ("/0/" + s.Name, s.Code)).ToArray(),
            Array.Empty<(string, string)>(),
            analyzerConfig is null ? Array.Empty<(string, string)>() : new[] { ("/0/.globalconfig", analyzerConfig) },
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);

    internal static async Task AssertReported((string Name, string Code)[] sources, params string[] expected)
    {
        var project = CreateProject(sources, analyzerConfig: null);
        var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, "The snippet does not compile: " + string.Join(Environment.NewLine, errors));

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers());
        var reported = diagnostics
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal) && d.Severity != DiagnosticSeverity.Hidden && d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => Path.GetFileName(d.Location.SourceTree!.FilePath) + ": " + d.Id + " " + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))
            .ToList();
        Assert.True(
            expected.SequenceEqual(reported),
            "Expected:" + Environment.NewLine + string.Join(Environment.NewLine, expected) + Environment.NewLine
            + "Reported:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(AnalyzerRunner.Describe)));
    }
}
