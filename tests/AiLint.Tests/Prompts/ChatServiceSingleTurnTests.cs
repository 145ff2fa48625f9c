using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Semantic Kernel's <c>IChatCompletionService</c> extensions that take the prompt as a string
/// (<c>GetChatMessageContentAsync(string prompt, ...)</c>, <c>GetChatMessageContentsAsync</c>,
/// <c>GetStreamingChatMessageContentsAsync</c>): the string becomes the one user message of a new history, so it is
/// judged like <c>kernel.InvokePromptAsync</c> and <c>IChatClient.GetResponseAsync(string)</c>: a prompt only when it
/// is constant text that instructs, and the user's message when the request's settings carry a system prompt.
/// </summary>
public class ChatServiceSingleTurnTests
{
    [Fact]
    public Task Instructing_text_sent_through_the_string_overloads_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Pirates;
            public sealed class Talker(IChatCompletionService chat)
            {
                public async Task<string?> One() =>
                    (await chat.GetChatMessageContentAsync({|#0:"You are a pirate. Always answer in pirate speak."|})).Content;

                public async Task<int> Many() =>
                    (await chat.GetChatMessageContentsAsync({|#1:$"You are a poet. Never write more than {4} lines."|})).Count;

                public IAsyncEnumerable<StreamingChatMessageContent> Stream(string topic) =>
                    chat.GetStreamingChatMessageContentsAsync({|#2:$"Act as a tour guide. You must describe {topic} in three sentences."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Pirates.Talker.One"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Pirates.Talker.Many"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Pirates.Talker.Stream"));

    // The correct code beside it: the user's question, a question written in code, a label, and a history are not prompts.
    [Fact]
    public Task The_users_message_through_the_string_overloads_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Shop;
            public sealed class Orders(IChatCompletionService chat)
            {
                public async Task<string?> Ask(string question) => (await chat.GetChatMessageContentAsync(question)).Content;

                public async Task<string?> Where(int id) => (await chat.GetChatMessageContentAsync($"Where is order {id}?")).Content;

                public async Task<int> Title() => (await chat.GetChatMessageContentsAsync("Summary")).Count;

                public async Task<string?> Turn(string question)
                {
                    var history = new ChatHistory();
                    history.AddUserMessage(question);
                    return (await chat.GetChatMessageContentAsync(history)).Content;
                }
            }
            """);

    // With the system prompt in the request's settings the string is the user's message (the page's carried
    // instructions), here a sample notice whose "must" sentence would otherwise pass the single-turn test; the
    // settings' system prompt is judged as its own slot (covered here).
    [Fact]
    public Task A_string_sent_with_a_ChatSystemPrompt_is_the_users_message() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            namespace Mail;
            public sealed class Triage(IChatCompletionService chat)
            {
                public const string Prompt = "You triage customer mail. Answer with one label.";

                public async Task<string?> Label() =>
                    (await chat.GetChatMessageContentAsync(
                        "Your plan expires soon. You must renew within 7 days to keep your data.",
                        new OpenAIPromptExecutionSettings { ChatSystemPrompt = Prompt })).Content;
            }
            """,
            ("evals/mail.evals.jsonl", Case("Mail.Triage.Prompt")));

    // Its twin: the same notice sent with no instructions is the whole conversation, and instructs.
    [Fact]
    public Task The_same_string_sent_without_instructions_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            namespace Mail;
            public sealed class Triage(IChatCompletionService chat)
            {
                public async Task<string?> Label() =>
                    (await chat.GetChatMessageContentAsync(
                        {|#0:"Your plan expires soon. You must renew within 7 days to keep your data."|},
                        new OpenAIPromptExecutionSettings { Temperature = 0 })).Content;
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Triage.Label"));

    [Fact]
    public Task Half_typed_string_requests_do_not_crash()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Broken;
                public sealed class Talker(IChatCompletionService chat)
                {
                    public Task A() => chat.GetChatMessageContentAsync(;
                    public Task B() => chat.GetChatMessageContentAsync("You are a pirate. Always
                    public Task C() => chat.GetChatMessageContentsAsync("You are a pirate. Always answer.", );
                    public Task D() => GetChatMessageContentAsync("You are a pirate. Always answer.");
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
