using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Connectivity probes sent through the app's own wrapper (review48 FP-1, musicislife08/TelegramGroupsAdmin's
/// FeatureTestService -> IChatService.TestCompletionAsync): the settings page's "test" button passes constant text to a
/// wrapper whose every implementation makes one plain chat call and returns its answer, and only tests that answer
/// for emptiness. The wrapper's body is known, so the call site is a probe like a direct SDK call. The same constant
/// text is a prompt when the caller keeps the answer, when a wrapper also hands the model tools or writes to a store,
/// and when the implementations disagree.
/// </summary>
public class WrapperProbeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    /// <summary>The review's repro (Repro/ProbeThroughWrapper/Program.cs), with WRAPPER_BODY and CALLER_USE to vary.</summary>
    private const string Repro = Usings + """
        public interface IChatService
        {
            Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default);
        }

        public sealed class ChatService(IChatClient client) : IChatService
        {
            public async Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
            {
                var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt), new(ChatRole.User, userPrompt) };
                WRAPPER_BODY
            }
        }

        public sealed class FeatureTestService(IChatService chatService)
        {
            public string? Last { get; private set; }

            public async Task<RESULT> TestConnectionAsync(CancellationToken ct)
            {
                const string systemPrompt = SYSTEM;
                const string userPrompt = "Respond with only 'OK'.";

                var result = await chatService.TestCompletionAsync(systemPrompt, userPrompt, ct);
                CALLER_USE
            }
        }

        // Twin that the page exempts (a direct SDK call): no AIL0301 expected.
        public sealed class DirectProbe(IChatClient client)
        {
            public async Task<bool> TestConnectionAsync(CancellationToken ct)
            {
                var r = await client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "You are a test assistant. Follow instructions exactly."),
                     new ChatMessage(ChatRole.User, "Respond with only 'OK'.")], cancellationToken: ct);
                return !string.IsNullOrWhiteSpace(r.Text);
            }
        }
        """;

    private const string PlainBody = """
        var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 16 }, ct);
                return response.Text;
        """;

    private const string TestedOnly = "return !string.IsNullOrWhiteSpace(result);";

    private static string Code(string wrapperBody = PlainBody, string callerUse = TestedOnly, string result = "bool", bool marked = false) =>
        Repro.Replace("WRAPPER_BODY", wrapperBody)
            .Replace("CALLER_USE", callerUse)
            .Replace("RESULT", result)
            .Replace("SYSTEM", marked ? "{|#0:\"You are a test assistant. Follow instructions exactly.\"|}" : "\"You are a test assistant. Follow instructions exactly.\"");

    private static DiagnosticResult Reported() =>
        Diagnostic("AIL0301").WithLocation(0).WithArguments("FeatureTestService.TestConnectionAsync");

    // The review's repro: before the fix, `(26,37): AIL0301 Prompt 'FeatureTestService.TestConnectionAsync' has no eval cases`.
    [Fact]
    public Task A_probe_through_a_one_implementation_wrapper_is_not_a_prompt() =>
        VerifyAsync(Code());

    // The wrapper returns a plain projection of the answer, awaits it with ConfigureAwait, or hands back the response.
    [Theory]
    [InlineData("var response = await client.GetResponseAsync(messages, cancellationToken: ct).ConfigureAwait(false);\n        return response?.Text;")]
    [InlineData("return (await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 16, Temperature = 0f }, ct)).Text;")]
    [InlineData("var response = await client.GetResponseAsync(messages, null, ct);\n        if (response.Messages.Count == 0)\n        {\n            return null;\n        }\n\n        return response.Messages[0].Text;")]
    [InlineData("ArgumentException.ThrowIfNullOrWhiteSpace(systemPrompt);\n        var response = await client.GetResponseAsync(messages, null, ct);\n        return string.IsNullOrEmpty(response.Text) ? null : response.Text;")]
    [InlineData("var response = await client.GetResponseAsync(messages, null, ct);\n        return response?.Text ?? \"\";")]
    public Task A_probe_through_a_wrapper_returning_a_projection_of_the_answer_is_not_a_prompt(string wrapperBody) =>
        VerifyAsync(Code(wrapperBody: wrapperBody));

    // The caller tests the answer in other ways the direct case accepts, or drops it.
    [Theory]
    [InlineData("return result is not null;")]
    [InlineData("return result?.Length > 0;")]
    [InlineData("if (string.IsNullOrEmpty(result))\n        {\n            return false;\n        }\n\n        return true;")]
    public Task A_probe_whose_answer_the_caller_only_tests_is_not_a_prompt(string callerUse) =>
        VerifyAsync(Code(callerUse: callerUse));

    // The twin: the same constant text through the same wrapper, the answer returned, stored, shown or parsed.
    [Theory]
    [InlineData("string?", "return result;")]
    [InlineData("bool", "Last = result;\n        return true;")]
    [InlineData("bool", "Console.WriteLine(result);\n        return true;")]
    [InlineData("int", "return int.Parse(result!);")]
    [InlineData("bool", "return result == \"OK\" || result!.Contains(\"OK\");")]
    public Task The_same_probe_whose_answer_is_kept_is_a_prompt(string result, string callerUse) =>
        VerifyAsync(Code(callerUse: callerUse, result: result, marked: true), Array.Empty<(string, string)>(), Reported());

    // The twin: a wrapper that also hands the model a tool may act whatever the caller does with the answer.
    [Fact]
    public Task A_wrapper_that_adds_tools_is_a_prompt() =>
        VerifyAsync(
            Code(
                wrapperBody: """
                    var response = await client.GetResponseAsync(messages, new ChatOptions { Tools = [AIFunctionFactory.Create(Ping)] }, ct);
                            return response.Text;
                        }

                        private static string Ping() => "pong";

                        private void Unused()
                        {
                    """,
                marked: true),
            Array.Empty<(string, string)>(),
            Reported());

    // The twin: a wrapper that writes the answer (or anything) to a store keeps it, whatever its caller tests.
    [Theory]
    [InlineData("var response = await client.GetResponseAsync(messages, null, ct);\n        History.Add(response.Text);\n        return response.Text;")]
    [InlineData("var response = await client.GetResponseAsync(messages, null, ct);\n        LastAnswer = response.Text;\n        return response.Text;")]
    [InlineData("var response = await client.GetResponseAsync(messages, null, ct);\n        await System.IO.File.WriteAllTextAsync(\"last.txt\", response.Text, ct);\n        return response.Text;")]
    public Task A_wrapper_that_writes_to_a_store_is_a_prompt(string wrapperBody) =>
        VerifyAsync(
            Code(wrapperBody: wrapperBody, marked: true)
                .Replace("public sealed class ChatService(IChatClient client) : IChatService\n{", "public sealed class ChatService(IChatClient client) : IChatService\n{\n    public List<string> History { get; } = new();\n    public static string? LastAnswer;\n"),
            Array.Empty<(string, string)>(),
            Reported());

    // The twin: a wrapper whose answer is something other than the model's answer (parsed, or another call's result).
    [Theory]
    [InlineData("var response = await client.GetResponseAsync(messages, null, ct);\n        return response.Text.Trim().ToUpperInvariant();")]
    [InlineData("var response = await client.GetResponseAsync(messages, null, ct);\n        var second = await client.GetResponseAsync(response.Text, null, ct);\n        return second.Text;")]
    public Task A_wrapper_that_does_more_than_one_plain_call_is_a_prompt(string wrapperBody) =>
        VerifyAsync(Code(wrapperBody: wrapperBody, marked: true), Array.Empty<(string, string)>(), Reported());

    // The twin: two implementations that disagree (one also hands the model a tool): a call may run either.
    [Fact]
    public Task A_wrapper_whose_implementations_disagree_is_a_prompt() =>
        VerifyAsync(
            Code(marked: true) + """

                public sealed class ToolChatService(IChatClient client) : IChatService
                {
                    public async Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                    {
                        var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt), new(ChatRole.User, userPrompt) };
                        var response = await client.GetResponseAsync(messages, new ChatOptions { Tools = [AIFunctionFactory.Create(() => "pong", "ping")] }, ct);
                        return response.Text;
                    }
                }
                """,
            Array.Empty<(string, string)>(),
            Reported());

    // Two implementations that agree (both plain) make the call a probe too.
    [Fact]
    public Task A_wrapper_whose_implementations_agree_is_a_probe() =>
        VerifyAsync(
            Code() + """

                public sealed class OtherChatService(IChatClient client) : IChatService
                {
                    public async Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                    {
                        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, systemPrompt), new ChatMessage(ChatRole.User, userPrompt)], null, ct);
                        return response.Text;
                    }
                }
                """);

    // A class's own (non-interface) wrapper method: the probe and its twin whose user text comes from the user.
    [Fact]
    public Task A_probe_through_a_class_wrapper_is_not_a_prompt_and_a_real_question_through_it_is() =>
        VerifyAsync(
            Usings + """
                public sealed class Assistant(IChatClient client)
                {
                    public async Task<string> AskAsync(string system, string user)
                    {
                        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)]);
                        return response.Text;
                    }

                    public async Task<bool> PingAsync() =>
                        !string.IsNullOrWhiteSpace(await AskAsync("You are a test assistant. Reply briefly.", "Say OK."));

                    public async Task<bool> IsSpamAsync(string message) =>
                        !string.IsNullOrWhiteSpace(await AskAsync({|#0:"You are a spam filter. Answer only when the message is spam."|}, message));
                }
                """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Assistant.IsSpamAsync"));

    // A wrapper that logs the call and its answer still only makes the call: logging observes, it does not act.
    [Fact]
    public Task A_probe_through_a_wrapper_that_logs_is_not_a_prompt() =>
        VerifyAsync(
            Code(wrapperBody: """
                logger.LogDebug("Making test completion call at {Time}", DateTime.UtcNow);
                        var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 16 }, ct);
                        logger.LogDebug("Answer: {Text}", response.Text);
                        return response.Text;
                """)
                .Replace("using Microsoft.Extensions.AI;", "using Microsoft.Extensions.AI;\nusing Microsoft.Extensions.Logging;")
                .Replace("ChatService(IChatClient client)", "ChatService(IChatClient client, ILogger<ChatService> logger)"));

    // The twin: options held by the wrapper's class (a captured constructor parameter, a field) may carry tools the
    // caller never sees; only the wrapper method's own parameters are the caller's request.
    [Theory]
    [InlineData("ChatService(IChatClient client, ChatOptions options)", "options")]
    [InlineData("ChatService(IChatClient client, ChatOptions options)", "this.options")]
    public Task A_wrapper_sending_options_it_holds_is_a_prompt(string constructor, string options) =>
        VerifyAsync(
            Code(wrapperBody: "var response = await client.GetResponseAsync(messages, OPTIONS, ct);\n        return response.Text;".Replace("OPTIONS", options), marked: true)
                .Replace("ChatService(IChatClient client)", constructor)
                .Replace("public async Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)\n    {\n        var messages",
                    (options == "this.options" ? "private readonly ChatOptions options = options;\n\n    " : string.Empty) + "public async Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)\n    {\n        var messages"),
            Array.Empty<(string, string)>(),
            Reported());

    // The twin: a wrapper that goes through a project helper (options mapping, a client factory, a result record) is
    // not judged further: the helper's body may act.
    [Fact]
    public Task A_wrapper_that_calls_a_project_helper_is_a_prompt() =>
        VerifyAsync(
            Code(
                wrapperBody: """
                    var response = await client.GetResponseAsync(messages, CreateOptions(), ct);
                            return response.Text;
                        }

                        private static ChatOptions CreateOptions() => new ChatOptions { MaxOutputTokens = 16 };

                        private void Unused()
                        {
                    """,
                marked: true),
            Array.Empty<(string, string)>(),
            Reported());

    // The twin: a virtual wrapper may be overridden by a body the rule does not see.
    [Fact]
    public Task A_probe_through_a_virtual_wrapper_is_a_prompt() =>
        VerifyAsync(
            Usings + """
                public class Assistant(IChatClient client)
                {
                    public virtual async Task<string> AskAsync(string system, string user)
                    {
                        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)]);
                        return response.Text;
                    }

                    public async Task<bool> PingAsync() =>
                        !string.IsNullOrWhiteSpace(await AskAsync({|#0:"You are a test assistant. Reply briefly."|}, "Say OK."));
                }
                """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Assistant.PingAsync"));

    // The direct case decides the caller's test the same way: a length lifted through `?.` compared with a constant
    // is a test; compared with a value the app chose it is still a test of the text, but of a length that is no constant.
    [Fact]
    public Task A_direct_probe_tested_through_a_lifted_length_is_not_a_prompt_and_a_kept_twin_is() =>
        VerifyAsync(
            Usings + """
                public sealed class Health(IChatClient chat)
                {
                    public async Task<bool> CheckAsync()
                    {
                        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "You are a test assistant."), new ChatMessage(ChatRole.User, "Say OK.")]);
                        return response?.Text?.Length > 0;
                    }

                    public async Task<string?> FirstWordAsync()
                    {
                        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, {|#0:"You are a test assistant. Answer with one word."|}), new ChatMessage(ChatRole.User, "Say OK.")]);
                        return response?.Text?.Length > 0 ? response.Text : null;
                    }
                }
                """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Health.FirstWordAsync"));

    // The direct case: a constant request whose options come from the project's own static `CreateOptions()` (which
    // hands the model a tool) is not all constant; the same request with the SDK's static factory is.
    [Fact]
    public Task A_direct_request_with_options_from_a_project_factory_is_a_prompt_and_an_sdk_factory_twin_is_not() =>
        VerifyAsync(
            Usings + """
                public sealed class Health(IChatClient chat)
                {
                    public async Task<bool> CheckAsync()
                    {
                        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "You are a test assistant."), new ChatMessage(ChatRole.User, "Say OK.")]);
                        return !string.IsNullOrWhiteSpace(response.Text);
                    }

                    public async Task<bool> NudgeAsync()
                    {
                        var response = await chat.GetResponseAsync(
                            [new ChatMessage(ChatRole.System, {|#0:"You are a reminder bot. Always call Remind once."|}), new ChatMessage(ChatRole.User, "Go.")],
                            CreateOptions());
                        return !string.IsNullOrWhiteSpace(response.Text);
                    }

                    private static ChatOptions CreateOptions() => new ChatOptions { Tools = [AIFunctionFactory.Create(Remind)] };

                    private static void Remind() { }
                }
                """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Health.NudgeAsync"));

    // Half-typed wrapper and caller: no crash, and no probe decided on a body that does not bind.
    [Fact]
    public Task Half_typed_wrapper_and_probe_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                public interface IChatService { Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default); }
                public sealed class ChatService(IChatClient client) : IChatService
                {
                    public async Task<string?> TestCompletionAsync(string systemPrompt, string userPrompt, CancellationToken ct = default)
                    {
                        var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt), new(ChatRole.User, userPrompt) };
                        var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = , ct);
                        return response.
                    }
                }
                public sealed class FeatureTestService(IChatService chatService)
                {
                    public async Task<bool> TestConnectionAsync(CancellationToken ct)
                    {
                        var result = await chatService.TestCompletionAsync("You are a test assistant. Follow instructions exactly.", , ct);
                        return !string.IsNullOrWhiteSpace(result
                    }
                    public async Task<bool> Other(CancellationToken ct) => await chatService.TestCompletionAsync(
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        return test.RunAsync();
    }
}
