using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Summaries;

/// <summary>
/// A chat wrapper declared in a shared library whose <c>system</c> parameter goes into a system message: the library's
/// summary records the parameter (<c>AiLint.PromptParameter</c>), for the method and for the interface method every
/// implementation of which does the same, so the constant an app passes there is the app's prompt.
/// </summary>
public class PromptParameterSummaryTests
{
    private const string Library = """
        using System.Threading.Tasks;
        using OpenAI.Chat;

        namespace Lib
        {
            public interface IChatService { Task<string> AskAsync(string system, string user); }

            internal sealed class ChatService(ChatClient chat) : IChatService
            {
                public async Task<string> AskAsync(string system, string user)
                {
                    ChatCompletion c = await chat.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(user)]);
                    return c.Content[0].Text;
                }
            }

            public sealed class Assistant(ChatClient chat)
            {
                public async Task<string> RunAsync(string question, string? instructions = null)
                {
                    var messages = new System.Collections.Generic.List<ChatMessage>();
                    if (instructions is not null)
                    {
                        messages.Add(new SystemChatMessage(instructions));
                    }

                    messages.Add(new UserChatMessage(question));
                    return (await chat.CompleteChatAsync(messages)).Value.Content[0].Text;
                }

                public async Task<string> EchoAsync(string text) => (await chat.CompleteChatAsync([new UserChatMessage(text)])).Value.Content[0].Text;
            }

            // A synchronous wrapper: not an awaited LLM call for the retry rules, still a prompt slot.
            public sealed class SyncChat(ChatClient chat)
            {
                public string Ask(string system, string user) =>
                    chat.CompleteChat([new SystemChatMessage(system), new UserChatMessage(user)]).Value.Content[0].Text;
            }

            public interface ITranslator { Task<string> TranslateAsync(string system, string text); }

            public sealed class ModelTranslator(ChatClient chat) : ITranslator
            {
                public async Task<string> TranslateAsync(string system, string text) =>
                    (await chat.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(text)])).Value.Content[0].Text;
            }

            public sealed class TemplateTranslator(ChatClient chat) : ITranslator
            {
                // Sends the "system" text as the user's turn: calls through ITranslator are not a system slot.
                public async Task<string> TranslateAsync(string system, string text) =>
                    (await chat.CompleteChatAsync([new UserChatMessage(system + "\n" + text)])).Value.Content[0].Text;
            }
        }
        """;

    [Fact]
    public void The_library_records_the_system_parameters_of_its_wrappers_and_of_an_interface_all_of_whose_implementations_agree()
    {
        var lines = Summary(Library)
            .Where(l => l.Contains("AiLint.PromptParameter", StringComparison.Ordinal))
            .ToArray();

        // Ids written by hand from the documentation-comment id format. The internal ChatService is not recordable, its
        // interface is; ITranslator is not (TemplateTranslator sends the parameter as the user's turn).
        Assert.Equal(
            [
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.Assistant.RunAsync(System.String,System.String)|1")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.IChatService.AskAsync(System.String,System.String)|0")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.ModelTranslator.TranslateAsync(System.String,System.String)|0")]""",
                """[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.SyncChat.Ask(System.String,System.String)|0")]""",
            ],
            lines);
    }

    [Fact]
    public Task A_constant_the_app_passes_to_the_library_wrapper_or_its_interface_is_a_prompt_of_the_app() =>
        VerifyAppAsync(
            """
            using System.Threading.Tasks;
            using Lib;
            namespace App;
            public static class Prompts
            {
                public const string {|#0:ReleaseNotes|} = "You are a release-notes writer. Never mention internal ticket ids.";
                public const string {|#1:Support|} = "You are the support assistant. Answer in two sentences at most.";
                public const string {|#2:French|} = "You translate into French. Keep the formatting.";
            }
            public sealed class Jobs(IChatService chat, Assistant assistant, ModelTranslator translator)
            {
                public Task<string> NotesAsync(string text) => chat.AskAsync(Prompts.ReleaseNotes, text);
                public Task<string> HelpAsync(string q) => assistant.RunAsync(q, Prompts.Support);
                public Task<string> FrenchAsync(string text) => translator.TranslateAsync(Prompts.French, text);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("App.Prompts.ReleaseNotes"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("App.Prompts.Support"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("App.Prompts.French"));

    [Fact]
    public Task A_constant_passed_to_a_synchronous_library_wrapper_is_a_prompt_of_the_app() =>
        VerifyAppAsync(
            """
            namespace App;
            public static class Prompts
            {
                public const string {|#0:Tone|} = "You are terse. Answer in one line.";
            }
            public sealed class Jobs(Lib.SyncChat chat)
            {
                public string Run(string q) => chat.Ask(Prompts.Tone, q);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("App.Prompts.Tone"));

    [Fact]
    public Task The_app_prompt_is_judged_against_the_app_eval_files() =>
        VerifyAppAsync(
            """
            using System.Threading.Tasks;
            using Lib;
            namespace App;
            public static class Prompts
            {
                public const string ReleaseNotes = "You are a release-notes writer. Never mention internal ticket ids.";
            }
            public sealed class Jobs(IChatService chat)
            {
                public Task<string> NotesAsync(string text) => chat.AskAsync(Prompts.ReleaseNotes, text);
            }
            """,
            new[] { ("evals/notes.evals.jsonl", Case("App.Prompts.ReleaseNotes", rule: "Never mention internal ticket ids.")) });

    [Fact]
    public Task User_message_parameters_mixed_interfaces_and_a_library_without_summary_are_not_prompts() =>
        VerifyAppAsync(
            """
            using System.Threading.Tasks;
            using Lib;
            namespace App;
            public static class Prompts
            {
                public const string Question = "Please summarize the attached release notes in three bullet points.";
                public const string German = "You translate into German. Keep the formatting.";
            }
            public sealed class Jobs(IChatService chat, Assistant assistant, ITranslator translator)
            {
                public Task<string> AskAsync(string persona) => chat.AskAsync(persona, Prompts.Question);
                public Task<string> EchoAsync() => assistant.EchoAsync(Prompts.Question);
                public Task<string> RunAsync() => assistant.RunAsync(Prompts.Question);
                public Task<string> GermanAsync(string text) => translator.TranslateAsync(Prompts.German, text);
            }
            """,
            Array.Empty<(string, string)>());

    [Fact]
    public Task An_app_with_its_own_implementation_of_the_library_interface_does_not_trust_the_record() =>
        VerifyAppAsync(
            """
            using System.Threading.Tasks;
            using Lib;
            namespace App;
            public static class Prompts
            {
                public const string ReleaseNotes = "You are a release-notes writer. Never mention internal ticket ids.";
            }
            public sealed class FakeChat : IChatService
            {
                public Task<string> AskAsync(string system, string user) => Task.FromResult(system + user);
            }
            public sealed class Jobs(IChatService chat)
            {
                public Task<string> NotesAsync(string text) => chat.AskAsync(Prompts.ReleaseNotes, text);
            }
            """,
            Array.Empty<(string, string)>());

    [Fact]
    public async Task Without_the_library_summary_the_call_is_not_a_prompt()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Lib;
                namespace App;
                public static class Prompts
                {
                    public const string ReleaseNotes = "You are a release-notes writer. Never mention internal ticket ids.";
                }
                public sealed class Jobs(IChatService chat)
                {
                    public Task<string> NotesAsync(string text) => chat.AskAsync(Prompts.ReleaseNotes, text);
                }
                """,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(ProjectSummaryTests.CreateLibrary(Library))),
        };
        await test.RunAsync();
    }

    // A flag chooses the role (`SendAsync(text, asSystem)`), or the parameter is a persona name inside the library's own
    // instructions: neither parameter is recorded, next to a plain system parameter that is.
    [Fact]
    public void A_flag_chosen_role_and_a_persona_inside_the_librarys_own_instructions_are_not_recorded()
    {
        var lines = Summary("""
            using System.Threading.Tasks;
            using OpenAI.Chat;

            namespace Lib
            {
                public sealed class Gateway(ChatClient chat)
                {
                    public async Task<string> SendAsync(string text, bool asSystem)
                    {
                        ChatMessage message = asSystem ? new SystemChatMessage(text) : new UserChatMessage(text);
                        return (await chat.CompleteChatAsync([message])).Value.Content[0].Text;
                    }

                    public async Task<string> RoleplayAsync(string persona, string text) =>
                        (await chat.CompleteChatAsync([new SystemChatMessage($"You are {persona}. Stay in character and answer briefly."), new UserChatMessage(text)])).Value.Content[0].Text;

                    public async Task<string> AskAsync(string system, string text) =>
                        (await chat.CompleteChatAsync([new SystemChatMessage(system + "\n\nAnswer briefly."), new UserChatMessage(text)])).Value.Content[0].Text;
                }
            }
            """).Where(l => l.Contains("AiLint.PromptParameter", StringComparison.Ordinal)).ToArray();

        Assert.Equal(
            ["""[assembly: global::System.Reflection.AssemblyMetadata("AiLint.PromptParameter", "M:Lib.Gateway.AskAsync(System.String,System.String)|0")]"""],
            lines);
    }

    private static string[] Summary(string source)
    {
        var tree = ProjectSummaryTests.CreateDriver(optOut: false).RunGenerators(ProjectSummaryTests.CreateLibrary(source)).GetRunResult().GeneratedTrees.Single();
        return tree.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToArray();
    }

    private static async Task VerifyAppAsync(string source, (string Path, string Content)[] evalFiles, params DiagnosticResult[] expected)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(Library), out var library, out _);
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = source,
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit((CSharpCompilation)library)),
        };
        test.AdditionalFiles.AddRange(evalFiles);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
