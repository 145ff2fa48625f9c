using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Request options a service builds once and keeps (<c>private readonly ChatOptions _options = new() { Instructions =
/// "..." };</c>, the same assigned once in the constructor, a get-only property, Semantic Kernel's
/// <c>OpenAIPromptExecutionSettings { ChatSystemPrompt = ... }</c> in a static readonly field) and hand to every request
/// (<c>chat.GetResponseAsync(text, _options)</c>). The instructions there are the prompt, named after the member that
/// holds them, and the request's string is the user's message. Options written in more than one place, or given from
/// a parameter, are not known: the string is then judged by the single-turn test, as before.
/// </summary>
public class HeldOptionsInstructionsTests
{
    // A sample notice to triage: its "must" sentence passes the single-turn test when nothing says it is the user's text.
    private const string Notice = "\"Your plan expires soon. You must renew within 7 days to keep your data.\"";

    [Fact]
    public Task Instructions_of_options_in_a_readonly_field_are_the_prompt_and_the_string_is_the_users_message() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Triage(IChatClient chat)
            {
                private readonly ChatOptions _chatOptions = new() { Instructions = {|#0:"You triage customer mail. Answer with one label."|} };

                public async Task<string> Label() => (await chat.GetResponseAsync(NOTICE, _chatOptions)).Text;
            }
            """.Replace("NOTICE", Notice),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Triage._chatOptions"));

    // Assigned once in the constructor: named after the field too (it was the constructor's name before).
    [Fact]
    public Task Instructions_of_options_assigned_once_in_the_constructor_are_named_after_the_field() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Triage
            {
                private readonly IChatClient _chat;
                private readonly ChatOptions _options;

                public Triage(IChatClient chat)
                {
                    _chat = chat;
                    _options = new ChatOptions { Temperature = 0, Instructions = {|#0:"You triage customer mail. Answer with one label."|} };
                }

                public async Task<string> Label() => (await _chat.GetResponseAsync(NOTICE, _options)).Text;
            }
            """.Replace("NOTICE", Notice),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Triage._options"));

    // A get-only property, with an initializer or an expression body (a new object on each read, built in one place),
    // is named after the property, not its compiler-generated backing field.
    [Fact]
    public Task Instructions_of_options_in_a_get_only_property_are_named_after_the_property() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Triage(IChatClient chat)
            {
                private ChatOptions Options { get; } = new() { Instructions = {|#0:"You triage customer mail. Answer with one label."|} };

                private static ChatOptions Strict => new() { Instructions = {|#1:"You triage mail strictly. Answer with one label only."|} };

                public async Task<string> Label() => (await chat.GetResponseAsync(NOTICE, Options)).Text;

                public async Task<string> StrictLabel() => (await chat.GetResponseAsync(NOTICE, Strict)).Text;
            }
            """.Replace("NOTICE", Notice),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Triage.Options"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Mail.Triage.Strict"));

    // Covered instructions clear the error, and the user's message stays quiet.
    [Fact]
    public Task Covered_instructions_in_a_field_leave_nothing_to_report() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Triage(IChatClient chat)
            {
                private readonly ChatOptions _chatOptions = new() { Instructions = "You triage customer mail. Answer with one label." };

                public async Task<string> Label() => (await chat.GetResponseAsync(NOTICE, _chatOptions)).Text;
            }
            """.Replace("NOTICE", Notice),
            ("evals/mail.evals.jsonl", Case("Mail.Triage._chatOptions")));

    // Semantic Kernel: execution settings with a system prompt in a static readonly field, passed to the chat service's
    // string overload or to InvokePromptAsync through KernelArguments.
    [Fact]
    public Task A_ChatSystemPrompt_in_a_settings_field_makes_the_string_the_users_message() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            namespace Mail;
            public sealed class Triage(IChatCompletionService chat, Kernel kernel)
            {
                private static readonly OpenAIPromptExecutionSettings Settings = new() { ChatSystemPrompt = {|#0:"You triage customer mail. Answer with one label."|} };

                public async Task<string?> Label() => (await chat.GetChatMessageContentAsync(NOTICE, Settings)).Content;

                public async Task<string?> Invoke() => (await kernel.InvokePromptAsync(NOTICE, new KernelArguments(Settings))).GetValue<string>();
            }
            """.Replace("NOTICE", Notice),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Triage.Settings"));

    // The twins that stay unknown: options written in two places (the initializer and a constructor taking them), given
    // from a parameter, or held in a mutable field. The string is judged by the single-turn test and reported.
    [Fact]
    public Task Options_written_twice_from_a_parameter_or_in_a_mutable_field_are_not_known_to_carry_instructions() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Twice
            {
                private readonly IChatClient _chat;
                private readonly ChatOptions _options = new() { Instructions = "You triage customer mail. Answer with one label." };

                public Twice(IChatClient chat) { _chat = chat; }
                public Twice(IChatClient chat, ChatOptions options) { _chat = chat; _options = options; }

                public async Task<string> Label() => (await _chat.GetResponseAsync({|#0:NOTICE|}, _options)).Text;
            }
            public sealed class Given(IChatClient chat, ChatOptions options)
            {
                private readonly ChatOptions _options = options;

                public async Task<string> Label() => (await chat.GetResponseAsync({|#1:NOTICE|}, _options)).Text;
            }
            public sealed class Mutable(IChatClient chat)
            {
                private ChatOptions _options = new() { Instructions = "You triage customer mail. Answer with one label." };

                public void Reset() => _options = new ChatOptions();

                public async Task<string> Label() => (await chat.GetResponseAsync({|#2:NOTICE|}, _options)).Text;
            }
            """.Replace("NOTICE", Notice),
            new[] { ("evals/mail.evals.jsonl", Case("Mail.Twice._options") + "\n" + Case("Mail.Mutable._options")) },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Twice.Label"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Mail.Given.Label"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Mail.Mutable.Label"));

    // A field whose options carry no instructions (only a temperature) says nothing about the string.
    [Fact]
    public Task Options_in_a_field_without_instructions_leave_the_string_judged() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Mail;
            public sealed class Triage(IChatClient chat)
            {
                private readonly ChatOptions _options = new() { Temperature = 0, Instructions = null };

                public async Task<string> Label() => (await chat.GetResponseAsync({|#0:NOTICE|}, _options)).Text;
            }
            """.Replace("NOTICE", Notice),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Triage.Label"));

    [Fact]
    public Task Half_typed_held_options_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                namespace Broken;
                public sealed class Triage
                {
                    private readonly IChatClient _chat;
                    private readonly ChatOptions _options = new() { Instructions = };
                    private readonly ChatOptions _other;
                    private ChatOptions Typed { get; } = new ChatOptions {
                    public Triage(IChatClient chat) { _chat = chat; _other = new ChatOptions { Instructions = "You are
                    public async Task<string> A() => (await _chat.GetResponseAsync("You must renew now.", _options)).Text;
                    public async Task<string> B() => (await _chat.GetResponseAsync("You must renew now.", _other, )).Text;
                    public async Task<string> C() => (await _chat.GetResponseAsync("You must renew now.", Missing)).Text;
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
