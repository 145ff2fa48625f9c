using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Connectivity probes (review19 FP1, ReelDiscovery's OpenAIService.TestConnectionAsync): a request whose every part is
/// constant and whose answer the app only tests for null, empty, a count or success (or ignores) keeps nothing the model
/// says, so its boilerplate system line is not a prompt. The same line in a request whose answer is used is.
/// </summary>
public class ConnectionProbeTests
{
    private const string OpenAIProbe = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        public sealed class ConnectionCheck(ChatClient chatClient)
        {
            public async Task<RESULT> TestConnectionAsync(USER_PARAMCancellationToken ct = default)
            {
                try
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage({|#0:"You are a helpful assistant."|}),
                        new UserChatMessage(USER_TEXT)
                    };
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 10 };
                    var response = await chatClient.CompleteChatAsync(messages, options, ct);
                    return ANSWER;
                }
                catch
                {
                    return FAILED;
                }
            }
        }
        """;

    private static string Probe(string result = "bool", string userParam = "", string userText = "\"Say 'connected' if you can read this.\"", string answer = "response.Value.Content.Count > 0", string failed = "false") =>
        OpenAIProbe.Replace("RESULT", result).Replace("USER_PARAM", userParam).Replace("USER_TEXT", userText).Replace("ANSWER", answer).Replace("FAILED", failed);

    // The real shape: only the count of the answer's parts is tested.
    [Fact]
    public Task A_connection_test_whose_answer_is_only_counted_is_not_a_prompt() =>
        VerifyAsync(Probe().Replace("{|#0:", string.Empty).Replace("|}", string.Empty));

    // The same request with the answer tested for text, or thrown away.
    [Theory]
    [InlineData("!string.IsNullOrWhiteSpace(response.Value.Content[0].Text)")]
    [InlineData("response?.Value is not null")]
    [InlineData("response.Value.Content.Any()")]
    public Task A_connection_test_whose_answer_is_only_tested_is_not_a_prompt(string answer) =>
        VerifyAsync(Probe(answer: answer).Replace("{|#0:", string.Empty).Replace("|}", string.Empty).Replace("using System.Collections.Generic;", "using System.Collections.Generic;\nusing System.Linq;"));

    // The twin: the same boilerplate line in a request whose answer is shown or returned is a real chat.
    [Fact]
    public Task The_same_request_whose_answer_is_returned_is_a_prompt() =>
        VerifyAsync(
            Probe(result: "string", answer: "response.Value.Content[0].Text", failed: "\"\""),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ConnectionCheck.TestConnectionAsync"));

    // The twin: the user's text is not constant (a real chat turn), even when the answer is only tested.
    [Fact]
    public Task The_same_request_with_the_users_text_is_a_prompt() =>
        VerifyAsync(
            Probe(userParam: "string question, ", userText: "question"),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ConnectionCheck.TestConnectionAsync"));

    // The twin: a count test guarding a read of the answer keeps the answer.
    [Fact]
    public Task A_count_test_that_guards_a_read_of_the_answer_is_a_prompt() =>
        VerifyAsync(
            Probe(result: "string", answer: "response.Value.Content.Count > 0 ? response.Value.Content[0].Text : \"\"", failed: "\"\""),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ConnectionCheck.TestConnectionAsync"));

    // Microsoft.Extensions.AI: a probe awaited as a statement (the answer dropped), and its twin that parses it.
    [Fact]
    public Task A_dropped_constant_request_is_not_a_prompt_and_its_parsed_twin_is() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            public sealed class Health(IChatClient chat)
            {
                public async Task<bool> PingAsync()
                {
                    await chat.GetResponseAsync(
                        [new ChatMessage(ChatRole.System, "You are a helpful assistant."), new ChatMessage(ChatRole.User, "ping")],
                        new ChatOptions { MaxOutputTokens = 5 });
                    return true;
                }

                public async Task<int> ScoreAsync()
                {
                    var response = await chat.GetResponseAsync(
                        [new ChatMessage(ChatRole.System, {|#0:"You are a grader. Always answer with one number."|}), new ChatMessage(ChatRole.User, "Rate the weather today.")]);
                    return int.Parse(response.Text);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Health.ScoreAsync"));

    // The twin: a constant request that hands the model a tool may act whatever the app does with the answer, and a
    // Semantic Kernel prompt function (PromptSlotTests, `await kernel.InvokePromptAsync(E)`) likewise stays a prompt.
    [Fact]
    public Task A_dropped_constant_request_with_a_tool_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            public sealed class Reminders(IChatClient chat)
            {
                public async Task NudgeAsync()
                {
                    await chat.GetResponseAsync(
                        [new ChatMessage(ChatRole.System, {|#0:"You are a reminder bot. Always call SendReminder once."|}), new ChatMessage(ChatRole.User, "Go.")],
                        new ChatOptions { Tools = [AIFunctionFactory.Create(SendReminder)] });
                }

                private static void SendReminder() { }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Reminders.NudgeAsync"));

    // A single-turn persona text sent only to see whether the endpoint answers.
    [Fact]
    public Task A_single_turn_probe_is_not_a_prompt_and_its_shown_twin_is() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            public sealed class Health(IChatClient chat)
            {
                public async Task<bool> CheckAsync()
                {
                    var response = await chat.GetResponseAsync("You are a test. Reply with OK.");
                    return response.Text is { Length: > 0 };
                }

                public async Task ShowAsync()
                {
                    var response = await chat.GetResponseAsync({|#0:"You are a poet. Write one line about the sea."|});
                    Console.WriteLine(response.Text);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Health.ShowAsync"));

    // Half-typed code does not crash the probe test; a request it cannot read whole is not taken for a probe.
    [Fact]
    public Task Broken_code_does_not_crash() =>
        new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                public sealed class Health(IChatClient chat)
                {
                    public async Task<bool> CheckAsync()
                    {
                        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, {|#0:"You are a helpful assistant."|}), ]
                        return response.Text is { Length: > 
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            ExpectedDiagnostics = { Diagnostic("AIL0301").WithLocation(0).WithArguments("Health.CheckAsync") },
        }.RunAsync();
}
