using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retry loop whose bad-answer path reaches the end of the loop body instead of an explicit <c>continue</c> (review 24,
/// M1: MinecraftLocalizer's <c>while (true)</c> around a raw POST to <c>.../v1/chat/completions</c>, where every catch
/// falls through to <c>Task.Delay</c> and the loop sends the identical request again). Falling off the end of the body
/// goes round exactly like <c>continue</c>. Periodic loops whose only way out tests a cancellation token or a stop flag,
/// and turn loops that read a new question, stay quiet.
/// </summary>
public class FallThroughRetryTests
{
    private const string MoreUsings = """
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync("AIL0001", Usings + MoreUsings + source);

    [Fact]
    public Task A_raw_post_whose_bad_answer_falls_through_to_the_delay_is_reported_like_its_explicit_continue_twin() => VerifyAsync(
        """
        public class Translator
        {
            private readonly HttpClient client = new();

            public async Task<string> FallsThrough(string text, CancellationToken cancellationToken)
            {
                string url = "http://localhost:1337/v1/chat/completions";
                var content = new StringContent(JsonSerializer.Serialize(new { model = "deepseek-v3", messages = new[] { new { role = "user", content = text } } }), Encoding.UTF8, "application/json");

                while (true)
                {
                    try
                    {
                        var response = await client.[|PostAsync|](url, content, cancellationToken);
                        var jsonResponse = await response.Content.ReadAsStringAsync(cancellationToken);
                        using var doc = JsonDocument.Parse(jsonResponse);
                        if (doc.RootElement.TryGetProperty("choices", out var choices))
                        {
                            foreach (var choice in choices.EnumerateArray())
                            {
                                if (choice.TryGetProperty("message", out var message) &&
                                    message.TryGetProperty("content", out JsonElement contentProp))
                                {
                                    return contentProp.GetString() ?? string.Empty;
                                }
                            }
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"Request error: {ex.Message}");
                    }

                    await Task.Delay(1000, cancellationToken);
                }
            }

            public async Task<string> ExplicitContinue(string text, CancellationToken cancellationToken)
            {
                string url = "http://localhost:1337/v1/chat/completions";
                var content = new StringContent(JsonSerializer.Serialize(new { model = "deepseek-v3", messages = new[] { new { role = "user", content = text } } }), Encoding.UTF8, "application/json");

                while (true)
                {
                    try
                    {
                        var response = await client.[|PostAsync|](url, content, cancellationToken);
                        var jsonResponse = await response.Content.ReadAsStringAsync(cancellationToken);
                        using var doc = JsonDocument.Parse(jsonResponse);
                        if (doc.RootElement.TryGetProperty("choices", out var choices))
                        {
                            foreach (var choice in choices.EnumerateArray())
                            {
                                if (choice.TryGetProperty("message", out var message) &&
                                    message.TryGetProperty("content", out JsonElement contentProp))
                                {
                                    return contentProp.GetString() ?? string.Empty;
                                }
                            }
                        }
                        continue;
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"Request error: {ex.Message}");
                    }

                    await Task.Delay(1000, cancellationToken);
                }
            }
        }
        """);

    /// <summary>
    /// The catch that rethrows does not go round, so the fall-through reading does not apply. The loop is still a retry
    /// of another kind since raw HTTP loops are read like result loops (RawHttpStatusLoopTests): an answer without
    /// "choices" (any error body, as no status is tested) reaches the delay and the same request is sent again, as for
    /// the SDK twin below. The message names that reading, not the plain "while loop" of a catch that goes round.
    /// </summary>
    [Fact]
    public Task The_same_loop_whose_catch_rethrows_is_a_result_loop_and_the_one_reading_a_new_question_is_not_reported() => RetryTestSupport.VerifyAsync("AIL0001", Usings + MoreUsings + 
        """
        public class Translator
        {
            private readonly HttpClient client = new();

            public async Task<string> CatchRethrows(string text, CancellationToken cancellationToken)
            {
                string url = "http://localhost:1337/v1/chat/completions";
                var content = new StringContent(text, Encoding.UTF8, "application/json");

                while (true)
                {
                    try
                    {
                        var response = await client.{|#0:PostAsync|}(url, content, cancellationToken);
                        var jsonResponse = await response.Content.ReadAsStringAsync(cancellationToken);
                        using var doc = JsonDocument.Parse(jsonResponse);
                        if (doc.RootElement.TryGetProperty("choices", out var choices))
                        {
                            return choices.ToString();
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"Request error: {ex.Message}");
                        throw;
                    }

                    await Task.Delay(1000, cancellationToken);
                }
            }

            public async Task<string> ChatLoop(CancellationToken cancellationToken)
            {
                string url = "http://localhost:1337/v1/chat/completions";
                while (true)
                {
                    var question = Console.ReadLine();
                    try
                    {
                        var response = await client.PostAsync(url, new StringContent(question ?? "", Encoding.UTF8, "application/json"), cancellationToken);
                        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                        if (answer.Contains("bye"))
                        {
                            return answer;
                        }

                        Console.WriteLine(answer);
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"Request error: {ex.Message}");
                    }
                }
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("PostAsync", "while loop that asks again after rejecting the answer"));

    [Fact]
    public Task An_sdk_call_whose_answer_is_tested_after_the_try_and_falls_through_to_the_delay_is_reported() => VerifyAsync(
        """
        public class Summarizer(IChatClient chat)
        {
            public async Task<string> SummarizeAsync(string prompt, CancellationToken ct)
            {
                while (true)
                {
                    string? text = null;
                    try
                    {
                        text = (await chat.[|GetResponseAsync|](prompt, cancellationToken: ct)).Text;
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }

                    if (!string.IsNullOrEmpty(text))
                    {
                        return text;
                    }

                    await Task.Delay(2000, ct);
                }
            }
        }
        """);

    [Fact]
    public Task A_periodic_loop_whose_only_way_out_tests_cancellation_or_a_stop_flag_is_not_reported() => VerifyAsync(
        """
        public class Reporter(IChatClient chat)
        {
            private volatile bool stopping;

            public async Task RunAsync(CancellationToken ct)
            {
                while (true)
                {
                    try
                    {
                        var response = await chat.GetResponseAsync("Summarize the status of the fleet.", cancellationToken: ct);
                        Console.WriteLine(response.Text);
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }

                    if (ct.IsCancellationRequested)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMinutes(5), ct);
                }
            }

            public async Task RunUntilStoppedAsync(CancellationToken ct)
            {
                while (true)
                {
                    try
                    {
                        var response = await chat.GetResponseAsync("Summarize the status of the fleet.", cancellationToken: ct);
                        Console.WriteLine(response.Text);
                        if (stopping)
                        {
                            return;
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }

                    await Task.Delay(TimeSpan.FromMinutes(5), ct);
                }
            }
        }
        """);
    [Fact]
    public Task A_break_on_a_good_answer_kept_outside_the_loop_is_reported_but_a_warm_up_that_keeps_nothing_is_not() => VerifyAsync(
        """
        public class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt)
            {
                string reply = "";
                while (true)
                {
                    try
                    {
                        var r = await chat.[|GetResponseAsync|](prompt);
                        if (r.Text.Length > 0)
                        {
                            reply = r.Text;
                            break;
                        }
                    }
                    catch (HttpRequestException) { }

                    await Task.Delay(2000);
                }

                return reply;
            }

            public async Task WarmUpAsync()
            {
                while (true)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync("ping");
                        if (r.Text.Length > 0) break;
                    }
                    catch (HttpRequestException) { }

                    await Task.Delay(2000);
                }
            }
        }
        """);

    // Review 13's control: a tool loop whose tool runner (in another project; here behind an interface AiLint cannot
    // read) grows the history on the way round. Going round is the next turn, so the success path's fall-through is not
    // read as "leave on a good answer, otherwise retry"; the same loop without the runner keeps the reported twin above.
    [Fact]
    public Task A_tool_loop_whose_runner_is_handed_the_history_on_the_way_round_is_not_a_retry() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        using System.ClientModel;
        using OpenAI.Chat;

        public interface IToolRunner
        {
            Task RunToolCallsAsync(ChatCompletion completion, List<OpenAI.Chat.ChatMessage> history, CancellationToken ct);
        }

        public sealed class OrderAgent(ChatClient chat, IToolRunner tools, ChatCompletionOptions options)
        {
            public async Task<string> AnswerAsync(string question, CancellationToken ct)
            {
                List<OpenAI.Chat.ChatMessage> history = [new SystemChatMessage("You are an order assistant."), new UserChatMessage(question)];
                for (var turn = 0; turn < 8; turn++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(history, options, ct);
                        if (completion.FinishReason != OpenAI.Chat.ChatFinishReason.ToolCalls)
                        {
                            return completion.Content[0].Text;
                        }

                        await tools.RunToolCallsAsync(completion, history, ct);
                    }
                    catch (ClientResultException ex) when (ex.Status >= 500)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    }
                }

                return "Sorry.";
            }
        }
        """);
}
