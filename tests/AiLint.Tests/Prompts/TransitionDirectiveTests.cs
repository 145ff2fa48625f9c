using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A template's sentence about the model that a transition phrase opens ("Regardless, you will need to use at least
/// one function/tool ...") is read like the same sentence without it ("You will need to use ..."): both tell the
/// model what it must do. Questions, quoted words and sentences whose opening phrase names something stay as before.
/// </summary>
public class TransitionDirectiveTests
{
    // review86 repro-1 (failed before the fix: nothing reported), unknown__Assistant OpenAiLlmClient.SendSelfPromptAsync verbatim.
    [Fact]
    public Task Directive_after_a_transition_makes_the_system_template_a_prompt() =>
        VerifyAsync(
            """"
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Repro;
            public class OpenAiLlmClient
            {
                private readonly ChatClient _client = new ChatClient("gpt-6-astra", "key");
                private readonly Queue<ChatMessage> _history = [];

                public async Task<string> SendSelfPromptAsync(string prompt)
                {
                    var message = {|#0:$"""
                        Another assistant wrote notes for themself but needs you to execute them instead.
                        This conversation is invisible to the user, so if the task requires communicating
                        with the user, you need to use the MessageUser function to talk to them.
                        Regardless, you will need to use at least one function/tool since the user isn't
                        here.

                        Notes: '{prompt}'
                        """|};
                    return await SendAsync(ChatMessage.CreateSystemMessage(message));
                }

                public Task<string> InAllCasesAsync(string notes) =>
                    SendAsync(ChatMessage.CreateSystemMessage({|#1:$"Notes from the planner: {notes}\nIn all cases, you need to reply with the next step and nothing else."|}));

                private async Task<string> SendAsync(ChatMessage message)
                {
                    _history.Enqueue(message);
                    var completion = await _client.CompleteChatAsync(_history);
                    return completion.Value.Content[0].Text;
                }
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.OpenAiLlmClient.SendSelfPromptAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Repro.OpenAiLlmClient.InAllCasesAsync"));

    // Quiet twins that real apps put in system messages: a question after a transition, the customer's quoted words,
    // a phrase that names something before the comma, and a transition with a statement of data after it.
    [Fact]
    public Task Questions_quotes_and_statements_after_a_comma_stay_quiet() =>
        VerifyAsync(
            """
            using OpenAI.Chat;
            namespace Repro;
            public static class Notes
            {
                public static SystemChatMessage Question(string topic) =>
                    new SystemChatMessage($"However, will you need the {topic} report tomorrow?");
                public static SystemChatMessage Quoted(string id) =>
                    new SystemChatMessage($"Customer {id} wrote: \"Otherwise, you will hear from my lawyer.\"");
                public static SystemChatMessage Named(string name) =>
                    new SystemChatMessage($"For {name}, you will find the invoice attached.");
                public static SystemChatMessage Data(string id) =>
                    new SystemChatMessage($"Regardless, order {id} ships tomorrow.");
                public static SystemChatMessage Short(string id) =>
                    new SystemChatMessage($"Otherwise, you will. Ticket {id}");
            }
            """);

    // Half-typed: the client's type and a hole are unknown. No crash, nothing reported on error types.
    [Fact]
    public Task Half_typed_directive_template_reports_nothing()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode =
                """
                namespace Repro;
                public class Broken
                {
                    public void Run(UnknownClient client, string notes)
                    {
                        client.Send(new UnknownMessage($"Regardless, you will need to use at least one tool. {notes}"));
                        var m = $"Otherwise, you must {missing.Value
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
