using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Review27 FP1 and FP2 (AIL0301). FP1: a one-sentence data header named <c>SystemNote</c> put in a system message
/// in front of data lines was taken as the prompt because its name contains "System"; only Prompt, Instruction(s),
/// Persona, or System followed by Prompt/Message say a member holds instructions. FP2: a single-turn request whose
/// ChatOptions.Instructions carry the prompt sends user content as its string, and "You're invited ..." is not a
/// persona. Each fix has its reported twin beside it.
/// </summary>
public class InstructedRequestFalsePositiveTests
{
    // ---------------------------------------------------------------- FP1: a "System..." data header is not the prompt

    // The repro as found: the persona system message is covered; "Calendar data follows." + calendar lines instructs nothing.
    [Fact]
    public Task A_data_header_named_SystemNote_is_not_the_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Cal;
            public static class Calendar
            {
                private const string Persona = "You are a calendar assistant. Never invent meetings that are not listed.";
                private const string SystemNote = "Calendar data follows.";
                private const string SystemHeader = "Calendar data follows.";
                private const string DataNote = "Calendar data follows.";

                public static async Task<string> AnswerAsync(IChatClient chat, string question, IReadOnlyList<string> calendar)
                {
                    List<ChatMessage> messages =
                    [
                        new(ChatRole.System, Persona),
                        new(ChatRole.System, SystemNote + "\n" + string.Join("\n", calendar)),
                        new(ChatRole.System, SystemHeader + "\n" + string.Join("\n", calendar)),
                        new(ChatRole.System, DataNote + "\n" + string.Join("\n", calendar)),
                        new(ChatRole.User, question),
                    ];
                    return (await chat.GetResponseAsync(messages)).Text;
                }
            }
            """,
            ("evals/calendar.evals.jsonl", Case("Cal.Calendar.Persona", rule: "Never invent meetings")));

    // Twins: the same non-instructing sentence held by SystemPrompt or SystemMessage is the app's prompt by its name.
    [Fact]
    public Task A_member_named_SystemPrompt_or_SystemMessage_combined_with_data_is_still_the_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Cal;
            public static class Texts
            {
                public const string {|#0:SystemPrompt|} = "Help the user plan their week.";
                public const string {|#1:SystemMessage|} = "Help the user plan their day.";
                public const string {|#2:SYSTEM_MESSAGE|} = "Help the user plan their month.";
            }
            public static class Messages
            {
                public static ChatMessage A(IReadOnlyList<string> calendar) => new ChatMessage(ChatRole.System, Texts.SystemPrompt + "\n" + string.Join("\n", calendar));
                public static ChatMessage B(IReadOnlyList<string> calendar) => new ChatMessage(ChatRole.System, Texts.SystemMessage + "\n" + string.Join("\n", calendar));
                public static ChatMessage C(IReadOnlyList<string> calendar) => new ChatMessage(ChatRole.System, Texts.SYSTEM_MESSAGE + "\n" + string.Join("\n", calendar));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Cal.Texts.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Cal.Texts.SystemMessage"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Cal.Texts.SYSTEM_MESSAGE"));

    // ---------------------------------------------------------------- FP2: the request carries its own instructions

    // The repro as found: label lines and a sample notice sent as the user's text; the instructions are in the options.
    [Fact]
    public Task A_single_turn_text_beside_ChatOptions_Instructions_is_the_users_message() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public static class Triage
            {
                private const string TriageInstructions = "You are an email triage assistant. Always answer with one label: billing, support or spam.";

                public static async Task<string> ClassifyNoticeAsync(IChatClient chat, DateTimeOffset sentAt, string account)
                {
                    var options = new ChatOptions { Instructions = TriageInstructions };
                    var response = await chat.GetResponseAsync(
                        $"Date: {sentAt:yyyy-MM-dd}\nAccount: {account}\nYou're invited to renew your subscription before it lapses.", options);
                    return response.Text;
                }
            }
            """,
            ("evals/triage.evals.jsonl", Case("Mail.Triage.TriageInstructions", rule: "one label")));

    // Instructions set inline, or on the local after it is made: the text (even one that reads like a prompt) is user content.
    [Fact]
    public Task Instructions_set_inline_or_by_assignment_make_the_text_user_content() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Notices(IChatClient chat)
            {
                private const string Prompt = "Classify the notice. Always answer with one word.";

                public Task<ChatResponse> Inline() =>
                    chat.GetResponseAsync("You are a valued customer. You must renew your plan by Friday.", new ChatOptions { Instructions = Prompt });

                public Task<ChatResponse> Assigned()
                {
                    var options = new ChatOptions { Temperature = 0 };
                    options.Instructions = Prompt;
                    return chat.GetResponseAsync("You are a valued customer. You must renew your plan by Friday.", options);
                }
            }
            """,
            ("evals/notices.evals.jsonl", Case("Mail.Notices.Prompt", rule: "one word")));

    // Twins: options without instructions (or instructions set to null) leave the text the whole conversation; a
    // constant, uncovered Instructions is still reported as its own prompt.
    [Fact]
    public Task Without_instructions_in_the_request_the_text_is_judged_and_uncovered_instructions_are_reported() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Notices(IChatClient chat)
            {
                private const string {|#2:Prompt|} = "Classify the notice. Always answer with one word.";

                public Task<ChatResponse> NoInstructions() =>
                    chat.GetResponseAsync({|#0:"You are a poet. You must write one haiku."|}, new ChatOptions { Temperature = 0 });

                public Task<ChatResponse> NullInstructions() =>
                    chat.GetResponseAsync({|#1:"Act as a poet. Write one haiku."|}, new ChatOptions { Instructions = null });

                public Task<ChatResponse> Uncovered(string notice) =>
                    chat.GetResponseAsync(notice, new ChatOptions { Instructions = Prompt });
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Notices.NoInstructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Mail.Notices.NullInstructions"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Mail.Notices.Prompt"));

    // Semantic Kernel: the execution settings' ChatSystemPrompt is the request's system message, so the template passed
    // to InvokePromptAsync is the user's message; without it the template is judged as before (the twin is reported).
    [Fact]
    public Task InvokePromptAsync_with_a_system_prompt_in_its_settings_sends_user_content() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            namespace Mail;
            public sealed class Notices(Kernel kernel)
            {
                private const string Prompt = "Classify the notice. Always answer with one word.";

                public Task<FunctionResult> WithSystemPrompt() =>
                    kernel.InvokePromptAsync("You are a valued customer. You must renew your plan by Friday.",
                        new KernelArguments(new OpenAIPromptExecutionSettings { ChatSystemPrompt = Prompt }));

                public Task<FunctionResult> WithoutSystemPrompt() =>
                    kernel.InvokePromptAsync({|#0:"You are a poet. You must write one haiku."|},
                        new KernelArguments(new OpenAIPromptExecutionSettings { Temperature = 0 }));
            }
            """,
            new[] { ("evals/notices.evals.jsonl", Case("Mail.Notices.Prompt", rule: "one word")) },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Notices.WithoutSystemPrompt"));

    // ---------------------------------------------------------------- FP2: "You're invited" is not a persona

    // A notice opening with the contraction is not a persona even with no options; "You're a/an ..." is.
    [Fact]
    public Task Youre_before_a_verb_is_not_a_persona_and_youre_an_is() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Notices(IChatClient chat)
            {
                public Task<ChatResponse> Invited() => chat.GetResponseAsync("You're invited to renew your subscription before it lapses.");
                public Task<ChatResponse> AllSet() => chat.GetResponseAsync("You\u2019re all set for the webinar on Friday.");
                public Task<ChatResponse> Persona() => chat.GetResponseAsync({|#0:"You're an email triage assistant. Reply with one label."|});
                public Task<ChatResponse> Curly() => chat.GetResponseAsync({|#1:"You\u2019re a travel agent. Plan a weekend in Rome."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Notices.Persona"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Mail.Notices.Curly"));

    // Half-typed requests and options (the value of Instructions missing, an unclosed creation, a named argument with no
    // value): no crash (an analyzer exception would surface as AD0001), and nothing here is a prompt.
    [Fact]
    public async Task Half_typed_requests_with_options_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                namespace Mail;
                public sealed class Notices(IChatClient chat)
                {
                    public Task<ChatResponse> A() => chat.GetResponseAsync("You're invited to renew.", new ChatOptions { Instructions = });
                    public Task<ChatResponse> B() { var o = new ChatOptions(; o.Instructions = ; return chat.GetResponseAsync("Date: 1\nYou're all set.", o); }
                    public Task<ChatResponse> C() => chat.GetResponseAsync("You're invited to renew.", options: );
                    public Task<ChatResponse> D() { ChatOptions o; o.Instructions = "x"; return chat.GetResponseAsync("You're", o); }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
