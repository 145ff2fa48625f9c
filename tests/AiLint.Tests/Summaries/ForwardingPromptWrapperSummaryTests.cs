using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Summaries;

/// <summary>
/// A shared library's chat extensions where a typed overload (<c>AskAsync&lt;T&gt;(this IChatClient, string system, ...)</c>)
/// only hands its <c>system</c> parameter to the plain overload that puts it into a system message: the summary records
/// the forwarding overload's parameter too, so the app's constant passed to either overload is the app's prompt, as it is
/// when both files sit in the app's own project.
/// </summary>
public class ForwardingPromptWrapperSummaryTests
{
    private const string Library = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Lib
        {
            public static class ChatExtensions
            {
                public static async Task<string> AskAsync(this IChatClient client, string system, string question, CancellationToken cancellationToken = default)
                {
                    var history = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, question) };
                    var response = await client.GetResponseAsync(history, null, cancellationToken);
                    return response.Text ?? "";
                }

                // Forwards its system text to the overload above: a prompt slot one level down.
                public static async Task<T?> AskAsync<T>(this IChatClient client, string system, string question, CancellationToken cancellationToken = default)
                {
                    var text = await client.AskAsync(system, question, cancellationToken);
                    return string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text);
                }

                // Two levels down: forwards to the forwarding overload.
                public static Task<List<T>?> AskListAsync<T>(this IChatClient client, string system, string question) =>
                    client.AskAsync<List<T>>(system, question);

                // Passes its text as the user's question under a fixed system text: not a prompt slot.
                public static Task<string> AskPlainAsync(this IChatClient client, string question) =>
                    client.AskAsync("Answer briefly.", question);

                // Forwards its parameter as the question, not as the system text.
                public static Task<string> EchoAsync(this IChatClient client, string text) =>
                    client.AskAsync("Repeat the text verbatim.", text);
            }
        }
        """;

    [Fact]
    public void The_library_records_the_parameters_its_overloads_forward_to_a_recorded_system_parameter()
    {
        var lines = PromptParameterLines(Library);

        Assert.Equal(
            [
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.ChatExtensions.AskAsync(Microsoft.Extensions.AI.IChatClient,System.String,System.String,System.Threading.CancellationToken)|1")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.ChatExtensions.AskAsync``1(Microsoft.Extensions.AI.IChatClient,System.String,System.String,System.Threading.CancellationToken)|1")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.ChatExtensions.AskListAsync``1(Microsoft.Extensions.AI.IChatClient,System.String,System.String)|1")]""",
            ],
            lines);
    }

    [Fact]
    public Task A_constant_the_app_passes_to_the_forwarding_overload_is_a_prompt_of_the_app() =>
        VerifyAppAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Lib;
            using Microsoft.Extensions.AI;
            namespace App;
            public sealed record Topic(string Label, string Reason);
            public sealed class Topics(IChatClient chat)
            {
                public async Task<int> RecommendAsync(string note)
                {
                    const string systemPrompt = {|#0:"You recommend topics for a note. Respond only with a JSON array of objects with a label and a reason."|};
                    var topics = await chat.AskAsync<List<Topic>>(systemPrompt, $"Select topics for this note:\n{note}");
                    return topics?.Count ?? 0;
                }

                public async Task<int> ListAsync(string note)
                {
                    const string listPrompt = {|#1:"You list the topics of a note. Never invent a topic the note does not mention."|};
                    var topics = await chat.AskListAsync<Topic>(listPrompt, note);
                    return topics?.Count ?? 0;
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("App.Topics.RecommendAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("App.Topics.ListAsync"));

    [Fact]
    public Task Text_the_app_passes_to_a_library_overload_that_forwards_it_as_the_question_is_not_a_prompt() =>
        VerifyAppAsync(
            """
            using System.Threading.Tasks;
            using Lib;
            using Microsoft.Extensions.AI;
            namespace App;
            public sealed class Notes(IChatClient chat)
            {
                public Task<string> SummarizeAsync() => chat.AskPlainAsync("Please summarize the release notes in three bullet points.");
                public Task<string> RepeatAsync() => chat.EchoAsync("You are a pirate. Always answer in pirate speak.");
            }
            """);

    // A summary written before forwarding overloads were recorded lists only the plain overload: the app still reads it,
    // and the call through the plain overload is still the app's prompt.
    [Fact]
    public async Task A_summary_without_the_forwarded_entries_still_reads()
    {
        var library = ProjectSummaryTests.CreateLibrary(Library).AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            """
            [assembly: System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.ChatExtensions.AskAsync(Microsoft.Extensions.AI.IChatClient,System.String,System.String,System.Threading.CancellationToken)|1")]
            """,
            new CSharpParseOptions(LanguageVersion.Latest)));
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Lib;
                using Microsoft.Extensions.AI;
                namespace App;
                public sealed class Notes(IChatClient chat)
                {
                    public Task<string> WriteAsync(string topic)
                    {
                        const string notePrompt = {|#0:"You are a note-taking assistant. Write one short note."|};
                        return chat.AskAsync(notePrompt, topic);
                    }

                    public Task<string[]?> TagsAsync(string note) => chat.AskAsync<string[]>("You tag notes. Return only a JSON array of tags.", note);
                }
                """,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(library)),
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("App.Notes.WriteAsync"));
        await test.RunAsync();
    }

    // Half-typed library code: a forwarding call with a missing argument or an unknown method records nothing new and
    // does not throw.
    [Fact]
    public void Half_typed_forwarding_calls_record_nothing()
    {
        var tree = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(CSharpCompilation.Create(
            "Shared",
            [CSharpSyntaxTree.ParseText(
                """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                namespace Lib
                {
                    public static class Broken
                    {
                        public static async Task<string> AskAsync(this IChatClient client, string system, string question) =>
                            (await client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new(ChatRole.User, question)])).Text;

                        public static Task<string> ForwardAsync(this IChatClient client, string system) => client.AskAsync(system, );
                        public static Task<string> UnknownAsync(this IChatClient client, string system) => client.Missing(system, "q");
                    }
                }
                """,
                new CSharpParseOptions(LanguageVersion.Latest))],
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary))).GetRunResult().GeneratedTrees.Single();

        var lines = tree.ToString().Split('\n').Where(l => l.Contains("AiLint.PromptParameter", StringComparison.Ordinal)).ToArray();
        Assert.Single(lines);
        Assert.Contains("M:Lib.Broken.AskAsync(", lines[0], StringComparison.Ordinal);
    }

    private static string[] PromptParameterLines(string source)
    {
        var tree = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(ProjectSummaryTests.CreateLibrary(source)).GetRunResult().GeneratedTrees.Single();
        return tree.ToString().Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => l.Contains("AiLint.PromptParameter", StringComparison.Ordinal)).ToArray();
    }

    private static async Task VerifyAppAsync(string source, params DiagnosticResult[] expected)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(Library), out var library, out _);
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = source,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit((CSharpCompilation)library)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
