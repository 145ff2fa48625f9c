using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// An instruction template sent as the user turn through the app's own wrapper (review63 TennisGPT ×7, review Talles):
/// <c>OpenAIService.AskAsync(string prompt)</c> puts its parameter as the only user message of a single-turn request,
/// and the call sites pass <c>$"Analyze the following tennis match statistics and give ... :\n{statsJson}"</c>. The
/// argument at each call site is judged by the single-turn test, as if it were written at the SDK call, and reported
/// on the template with the id of the member that writes it. Beside it, the user's text, a question, a label over data,
/// a wrapper that adds its own system prompt and a wrapper that sends the parameter as the system message stay one
/// report or none.
/// </summary>
public class SingleTurnWrapperTests
{
    private const string OpenAIService = """
        using System.Threading.Tasks;
        using OpenAI.Chat;
        namespace Tennis;
        public class OpenAIService
        {
            private readonly ChatClient _chat;
            public OpenAIService(ChatClient chat) => _chat = chat;

            public async Task<string> AskAsync(string prompt)
            {
                var r = await _chat.CompleteChatAsync(new UserChatMessage(prompt));
                return r.Value.Content[0].Text;
            }
        }
        """;

    // The repro's shape: the wrapper in its own file, the templates at several call sites in another.
    [Fact]
    public Task A_template_passed_to_a_wrapper_that_sends_it_as_the_only_user_message_is_a_prompt()
    {
        var test = new AnalyzerTest
        {
            TestState =
            {
                Sources =
                {
                    ("OpenAIService.cs", OpenAIService),
                    ("Coach.cs", """
                        using System.Threading.Tasks;
                        namespace Tennis;
                        public class Coach(OpenAIService _openAI)
                        {
                            public Task<string> TipsAsync(string statsJson) =>
                                _openAI.AskAsync({|#0:$"Analyze the following tennis match statistics and give the player three concrete tips to improve:\n{statsJson}"|});

                            public async Task<string> DrillsAsync(string weakness)
                            {
                                var prompt = {|#1:$"Suggest three drills for a club player whose weakness is the following. Keep each drill under 30 words.\n{weakness}"|};
                                return await _openAI.AskAsync(prompt);
                            }
                        }
                        """),
                },
            },
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Tennis.Coach.TipsAsync"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(1).WithArguments("Tennis.Coach.DrillsAsync"));
        return test.RunAsync();
    }

    // The correct code next to it: the same template with its eval case is covered.
    [Fact]
    public Task The_same_template_with_an_eval_case_is_covered() =>
        VerifyAsync(
            OpenAIService + """

            public class Coach(OpenAIService _openAI)
            {
                public Task<string> TipsAsync(string statsJson) =>
                    _openAI.AskAsync($"Analyze the following tennis match statistics and give the player three concrete tips to improve:\n{statsJson}");
            }
            """,
            ("evals/coach.evals.jsonl", Case("Tennis.Coach.TipsAsync")));

    // What a chat page, a demo or a form passes through the same wrapper: the user's text, a question, a short request,
    // a label over data, a question with a hole. None of them is the app's instruction.
    [Fact]
    public Task The_users_text_and_questions_passed_to_the_wrapper_are_not_prompts() =>
        VerifyAsync(
            OpenAIService + """

            public class ChatPage(OpenAIService _openAI)
            {
                public string Input { get; set; } = "";

                public Task<string> SendAsync() => _openAI.AskAsync(Input);

                public Task<string> AnswerAsync(string question) => _openAI.AskAsync(question);

                public Task<string> CapitalAsync() => _openAI.AskAsync("What is the capital of France?");

                public Task<string> JokeAsync() => _openAI.AskAsync("Tell me a joke about tennis.");

                public Task<string> StatsAsync(string statsJson) => _openAI.AskAsync($"Match statistics: {statsJson}");

                public Task<string> WhoAsync(string player) => _openAI.AskAsync($"Who is {player}?");
            }
            """);

    // A wrapper that handles the template on to another wrapper: followed through both parameters.
    [Fact]
    public Task A_template_handed_through_two_wrappers_is_a_prompt() =>
        VerifyAsync(
            OpenAIService + """

            public class TipsService(OpenAIService _openAI)
            {
                public Task<string> CompleteAsync(string text) => _openAI.AskAsync(text);
            }

            public class Coach(TipsService tips)
            {
                public Task<string> ServeAsync(string stats) =>
                    tips.CompleteAsync({|#0:$"Review the serve statistics below and list the two biggest weaknesses:\n{stats}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tennis.Coach.ServeAsync"));

    // The wrapper called through its interface, whose one implementation sends the parameter as the only user message.
    [Fact]
    public Task A_template_passed_through_the_wrappers_interface_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Talles;
            public interface IAiService { Task<string> AskAsync(string prompt); }

            public sealed class AiService(IChatClient client) : IAiService
            {
                public async Task<string> AskAsync(string prompt) => (await client.GetResponseAsync(prompt)).Text;
            }

            public sealed class Reviews(IAiService ai)
            {
                public Task<string> ClassifyAsync(string review) =>
                    ai.AskAsync({|#0:$"Classify the sentiment of this review as positive, negative or neutral: {review}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Talles.Reviews.ClassifyAsync"));

    // The wrapper adds its own fixed system prompt: that constant is the prompt (reported once), and the template the
    // caller passes is the user's turn of a conversation, not a second prompt.
    [Fact]
    public Task A_wrapper_with_its_own_system_prompt_reports_only_that_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Tennis;
            public class OpenAIService(ChatClient chat)
            {
                private const string {|#0:SystemPrompt|} = "You are a tennis coach. Always answer in three short bullet points.";

                public async Task<string> AskAsync(string prompt)
                {
                    var r = await chat.CompleteChatAsync(new SystemChatMessage(SystemPrompt), new UserChatMessage(prompt));
                    return r.Value.Content[0].Text;
                }
            }

            public class Coach(OpenAIService _openAI)
            {
                public Task<string> TipsAsync(string statsJson) =>
                    _openAI.AskAsync($"Analyze the following tennis match statistics and give the player three concrete tips to improve:\n{statsJson}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tennis.OpenAIService.SystemPrompt"));

    // The same template given to a wrapper that sends it as the system message and to one that sends it as the only user
    // message is one prompt, reported once.
    [Fact]
    public Task A_template_sent_as_the_system_message_by_one_wrapper_and_alone_by_another_is_reported_once() =>
        VerifyAsync(
            OpenAIService + """

            public class SystemService(OpenAI.Chat.ChatClient chat)
            {
                public async Task<string> InstructAsync(string instructions, string input)
                {
                    var r = await chat.CompleteChatAsync(new OpenAI.Chat.SystemChatMessage(instructions), new OpenAI.Chat.UserChatMessage(input));
                    return r.Value.Content[0].Text;
                }
            }

            public class Coach(OpenAIService _openAI, SystemService system)
            {
                private const string {|#0:Tips|} = "Give the player three concrete tips to improve. Keep each tip under 20 words.";

                public Task<string> AloneAsync() => _openAI.AskAsync(Tips);

                public Task<string> AsSystemAsync(string stats) => system.InstructAsync(Tips, stats);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tennis.Coach.Tips"));

    // Half-typed code: an unfinished call site and a wrapper whose parameter type does not bind yet.
    [Fact]
    public async Task Half_typed_wrapper_calls_do_not_crash_or_report()
    {
        var test = new AnalyzerTest
        {
            TestCode = OpenAIService + """

                public class Coach(OpenAIService _openAI, Missing other)
                {
                    public Task<string> TipsAsync(string statsJson) =>
                        _openAI.AskAsync($"Analyze the following tennis match statistics and give the player three concrete tips to improve:\n{statsJson}", );

                    public Task<string> OtherAsync(string stats) =>
                        other.AskAsync($"Analyze the following tennis match statistics and give the player three concrete tips to improve:\n{stats}");

                    public Task<string> UnknownAsync() => _openAI.AskAsync(Prompts.Unknown);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
