using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// False-positive hunt on loop classification: the loops real apps write around LLM calls that are not retries (tool-call
/// turn loops, chat REPLs, background polling, batches that log and move on, agent step loops, self-correction, rate-limit
/// waits), each next to its positive twin, a genuine retry written in the same style, so an exclusion cannot grow too wide.
/// </summary>
public class TurnLoopFalsePositiveHuntTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Text.Json;
        using ChatMessage = OpenAI.Chat.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    // ---- Tool-call turn loops ------------------------------------------------------------------------------------------

    [Fact]
    public Task OpenAI_tool_call_turn_loop_with_a_catch_that_waits_is_not_a_retry() => VerifyAsync(
        """
        sealed class Agent(ChatClient chat)
        {
            public async Task<string> RunAsync(List<ChatMessage> messages, ChatCompletionOptions options)
            {
                ChatCompletion completion = null!;
                do
                {
                    try
                    {
                        completion = await chat.CompleteChatAsync(messages, options);
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    messages.Add(new AssistantChatMessage(completion));
                    foreach (var call in completion.ToolCalls)
                    {
                        messages.Add(new ToolChatMessage(call.Id, "{\"temperature\": 21}"));
                    }
                }
                while (completion.FinishReason == OpenAI.Chat.ChatFinishReason.ToolCalls);

                return completion.Content[0].Text;
            }

            public async Task<string> WhileToolCallsAsync(List<ChatMessage> messages, ChatCompletionOptions options)
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, options);
                while (completion.FinishReason == OpenAI.Chat.ChatFinishReason.ToolCalls)
                {
                    messages.Add(new AssistantChatMessage(completion));
                    foreach (var call in completion.ToolCalls)
                    {
                        messages.Add(new ToolChatMessage(call.Id, Run(call.FunctionName)));
                    }

                    try
                    {
                        completion = await chat.CompleteChatAsync(messages, options);
                    }
                    catch (ClientResultException ex)
                    {
                        Console.WriteLine(ex.Message);
                        break;
                    }
                }

                return completion.Content[0].Text;
            }

            private static string Run(string name) => name;
        }
        """);

    /// <summary>Positive twin: the same tool loop, with each turn's call wrapped in its own retry.</summary>
    [Fact]
    public Task OpenAI_tool_call_turn_loop_with_a_retry_around_each_turn_is_reported() => VerifyAsync(
        """
        sealed class Agent(ChatClient chat)
        {
            public async Task<string> RunAsync(List<ChatMessage> messages, ChatCompletionOptions options)
            {
                while (true)
                {
                    ChatCompletion completion = null!;
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            completion = await chat.[|CompleteChatAsync|](messages, options);
                            break;
                        }
                        catch (ClientResultException) when (attempt < 3)
                        {
                            await Task.Delay(1000 * attempt);
                        }
                    }

                    messages.Add(new AssistantChatMessage(completion));
                    if (completion.FinishReason != OpenAI.Chat.ChatFinishReason.ToolCalls)
                    {
                        return completion.Content[0].Text;
                    }

                    foreach (var call in completion.ToolCalls)
                    {
                        messages.Add(new ToolChatMessage(call.Id, "42"));
                    }
                }
            }
        }
        """);

    // ---- Chat REPLs ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// A console chat whose question is read by a helper of the project (or a reader delegate) before the call: a failed
    /// call prints the error and asks the user again, and the first answer leaves.
    /// </summary>
    [Fact]
    public Task Chat_repl_reading_through_a_helper_is_not_a_retry() => VerifyAsync(
        """
        sealed class Repl(IChatClient client)
        {
            public async Task<string> AskOnceAsync()
            {
                while (true)
                {
                    var question = ReadQuestion();
                    try
                    {
                        var response = await client.GetResponseAsync(question);
                        return response.Text;
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"Error: {ex.Message}. Try another question.");
                    }
                }
            }

            public async Task RunAsync()
            {
                var history = new List<Microsoft.Extensions.AI.ChatMessage>();
                while (true)
                {
                    Console.Write("> ");
                    var input = Console.ReadLine();
                    if (string.IsNullOrWhiteSpace(input) || input == "exit")
                    {
                        break;
                    }

                    history.Add(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, input));
                    try
                    {
                        var response = await client.GetResponseAsync(history);
                        history.AddMessages(response);
                        Console.WriteLine(response.Text);
                    }
                    catch (Exception ex)
                    {
                        history.RemoveAt(history.Count - 1);
                        Console.WriteLine(ex.Message);
                    }
                }
            }

            private static string ReadQuestion()
            {
                Console.Write("You: ");
                return Console.ReadLine() ?? "";
            }
        }
        """);

    /// <summary>Positive twin: the question is read once, before the loop, and the loop re-sends it after a failure.</summary>
    [Fact]
    public Task Chat_repl_retrying_the_same_question_is_reported() => VerifyAsync(
        """
        sealed class Repl(IChatClient client)
        {
            public async Task<string> AskOnceAsync()
            {
                var question = ReadQuestion();
                while (true)
                {
                    try
                    {
                        var response = await client.[|GetResponseAsync|](question);
                        return response.Text;
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"Error: {ex.Message}. Retrying.");
                        await Task.Delay(500);
                    }
                }
            }

            // Built from the same data on every pass: still the same request.
            public async Task<string> BuiltEachPassAsync(string document)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var prompt = BuildPrompt(document);
                    try
                    {
                        return (await client.[|GetResponseAsync|](prompt)).Text;
                    }
                    catch (HttpRequestException) when (attempt < 2)
                    {
                    }
                }
            }

            private static string ReadQuestion()
            {
                Console.Write("You: ");
                return Console.ReadLine() ?? "";
            }

            private static string BuildPrompt(string document) => "Summarize:\n" + document;
        }
        """);

    // ---- Batches, agent steps, polling ---------------------------------------------------------------------------------

    [Fact]
    public Task Batch_over_documents_and_agent_step_loop_are_not_retries() => VerifyAsync(
        """
        sealed class Worker(IChatClient client)
        {
            public async Task<Dictionary<string, string>> SummarizeAllAsync(IEnumerable<string> paths)
            {
                var summaries = new Dictionary<string, string>();
                foreach (var path in paths)
                {
                    try
                    {
                        var text = await File.ReadAllTextAsync(path);
                        var response = await client.GetResponseAsync($"Summarize: {text}");
                        summaries[path] = response.Text;
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine($"{path}: {ex.Message}");
                        continue;
                    }
                }

                return summaries;
            }

            public async Task<string> StepsAsync(List<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions options, int maxSteps)
            {
                var failures = 0;
                for (var step = 0; step < maxSteps; step++)
                {
                    ChatResponse response;
                    try
                    {
                        response = await client.GetResponseAsync(messages, options);
                        failures = 0;
                    }
                    catch (HttpRequestException) when (++failures < 3)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    messages.AddMessages(response);
                    if (response.FinishReason == Microsoft.Extensions.AI.ChatFinishReason.Stop)
                    {
                        return response.Text;
                    }

                    messages.Add(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "Continue with the next step."));
                }

                return "Gave up.";
            }
        }
        """);

    // ---- Self-correction -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Self-correction whose feedback is kept in a field that the prompt builder reads: the catch records the error, the
    /// next pass builds a different prompt. Not a retry (AIL0001, "Not a retry", self-correction).
    /// </summary>
    [Fact]
    public Task Self_correction_through_a_field_read_by_the_prompt_builder_is_not_a_retry() => VerifyAsync(
        """
        sealed class Extractor(IChatClient client)
        {
            private string? lastError;

            public async Task<Dictionary<string, string>?> ExtractAsync(string text)
            {
                lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var prompt = BuildPrompt(text);
                    try
                    {
                        var response = await client.GetResponseAsync(prompt);
                        return JsonSerializer.Deserialize<Dictionary<string, string>>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        lastError = ex.Message;
                    }
                }

                return null;
            }

            private string BuildPrompt(string text) =>
                lastError is null ? $"Extract JSON from: {text}" : $"Extract JSON from: {text}\nYour last answer was invalid: {lastError}";
        }
        """);

    /// <summary>Positive twin: the same loop without feedback re-sends the same prompt after a failed call.</summary>
    [Fact]
    public Task Same_loop_without_feedback_is_reported() => VerifyAsync(
        """
        sealed class Extractor(IChatClient client)
        {
            private int calls;

            public async Task<Dictionary<string, string>?> ExtractAsync(string text)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var prompt = BuildPrompt(text);
                    try
                    {
                        var response = await client.[|GetResponseAsync|](prompt);
                        return JsonSerializer.Deserialize<Dictionary<string, string>>(response.Text);
                    }
                    catch (HttpRequestException)
                    {
                        calls++;
                        await Task.Delay(1000);
                    }
                }

                return null;
            }

            private string BuildPrompt(string text) => $"Extract JSON from: {text}";
        }
        """);

    // ---- Rate-limit waits ----------------------------------------------------------------------------------------------

    /// <summary>
    /// A catch that reads the Retry-After header before checking for a 429 and rethrowing anything else only ever re-sends
    /// a refused request.
    /// </summary>
    [Fact]
    public Task Rate_limit_wait_reading_retry_after_first_is_not_a_retry() => VerifyAsync(
        """
        sealed class Throttled(ChatClient chat)
        {
            public async Task<string> AskAsync(string prompt)
            {
                while (true)
                {
                    try
                    {
                        return (await chat.CompleteChatAsync(new UserChatMessage(prompt))).Value.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        var wait = ex.GetRawResponse()?.Headers.TryGetValue("retry-after", out var seconds) == true ? int.Parse(seconds!) : 5;
                        await Task.Delay(TimeSpan.FromSeconds(wait));
                    }
                }
            }
        }
        """);

    /// <summary>Positive twin: the same wait also taken on a server error re-sends a request the server may have processed.</summary>
    [Fact]
    public Task Wait_on_retry_after_for_a_server_error_too_is_reported() => VerifyAsync(
        """
        sealed class Throttled(ChatClient chat)
        {
            public async Task<string> AskAsync(string prompt)
            {
                while (true)
                {
                    try
                    {
                        return (await chat.[|CompleteChatAsync|](new UserChatMessage(prompt))).Value.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                    {
                        var wait = ex.GetRawResponse()?.Headers.TryGetValue("retry-after", out var seconds) == true ? int.Parse(seconds!) : 5;
                        await Task.Delay(TimeSpan.FromSeconds(wait));
                    }
                }
            }
        }
        """);

    // ---- Work queues behind a helper -----------------------------------------------------------------------------------

    /// <summary>
    /// The next prompt comes from a helper that takes it off a queue (or advances an enumerator) kept in a field: a failed
    /// item is dropped and the next pass sends the next one. The proactive wait on the last response's rate-limit headers
    /// before each item is not a retry either.
    /// </summary>
    [Fact]
    public Task Work_queue_behind_a_helper_and_a_proactive_rate_limit_wait_are_not_retries() => VerifyAsync(
        """
        sealed class Worker(ChatClient chat)
        {
            private readonly Queue<string> pending = new();
            private int remaining = 100;

            public async Task<string> FirstAnswerAsync()
            {
                while (pending.Count > 0)
                {
                    var prompt = NextPrompt();
                    try
                    {
                        return (await chat.CompleteChatAsync(new UserChatMessage(prompt))).Value.Content[0].Text;
                    }
                    catch (ClientResultException ex)
                    {
                        Console.WriteLine($"skipped: {ex.Message}");
                    }
                }

                return "";
            }

            public async Task<List<string>> AllAsync(IReadOnlyList<string> prompts)
            {
                var answers = new List<string>();
                foreach (var prompt in prompts)
                {
                    if (remaining == 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(60));
                    }

                    try
                    {
                        var result = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        var raw = result.GetRawResponse();
                        remaining = raw.Headers.TryGetValue("x-ratelimit-remaining-requests", out var value) ? int.Parse(value!) : 100;
                        answers.Add(result.Value.Content[0].Text);
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        remaining = 0;
                    }
                }

                return answers;
            }

            public async Task<string> InlineAsync()
            {
                while (true)
                {
                    try
                    {
                        return (await chat.CompleteChatAsync(new UserChatMessage(NextPrompt()))).Value.Content[0].Text;
                    }
                    catch (ClientResultException)
                    {
                    }
                }
            }

            private string NextPrompt() => pending.Dequeue();
        }
        """);

    /// <summary>Positive twin: the helper only reads the queue's head; a failed call sends the same head again.</summary>
    [Fact]
    public Task Helper_that_peeks_without_taking_is_reported() => VerifyAsync(
        """
        sealed class Worker(ChatClient chat)
        {
            private readonly Queue<string> pending = new();

            public async Task<string> FirstAnswerAsync()
            {
                while (pending.Count > 0)
                {
                    var prompt = CurrentPrompt();
                    try
                    {
                        var text = (await chat.[|CompleteChatAsync|](new UserChatMessage(prompt))).Value.Content[0].Text;
                        pending.Dequeue();
                        return text;
                    }
                    catch (ClientResultException ex)
                    {
                        Console.WriteLine($"retrying: {ex.Message}");
                    }
                }

                return "";
            }

            private string CurrentPrompt() => pending.Peek();
        }
        """);
}
