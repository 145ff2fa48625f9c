using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Loops that ask the model again after rejecting its answer, with no <c>try</c> around the call: the call before a
/// <c>try</c> that parses the answer, an <c>if</c> that returns a valid answer, a loop condition that tests it. Each
/// positive sits next to the loops real apps write around a model call that are not retries: tool-call and continuation
/// loops, sampling loops that keep every answer, work loops, polling, loops that change the temperature, model or prompt
/// between attempts, agent sessions.
/// </summary>
public class ResultRetryLoopTests
{
    private const string Id = "AIL0001";

    private const string LoopUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        """;

    private const string Model = """
        record Ticket(string Category, int Priority);

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, LoopUsings + Model + source, expected);

    // ---- 1. Call before the try, parse inside it ------------------------------------------------------------------

    [Fact]
    public Task Asking_before_the_try_and_parsing_inside_it_is_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat)
        {
            public async Task<Ticket?> ClassifyAsync(List<ChatMessage> messages)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await chat.[|GetResponseAsync|](messages);
                    try
                    {
                        return JsonSerializer.Deserialize<Ticket>(response.Text);
                    }
                    catch (JsonException)
                    {
                    }
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task While_and_do_forms_of_the_parse_retry_are_retries() => VerifyAsync(
        """
        class Triage(IChatClient chat, ILogger<Triage> logger)
        {
            public async Task<Ticket?> WhileAsync(string prompt, int maxAttempts)
            {
                var attempts = 0;
                while (attempts++ < maxAttempts)
                {
                    var response = await chat.[|GetResponseAsync|](prompt);
                    try
                    {
                        return JsonSerializer.Deserialize<Ticket>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        logger.LogWarning(ex, "Attempt {Attempt}: not JSON: {Text}", attempts, response.Text);
                    }
                }

                return null;
            }

            public async Task<Ticket?> DoAsync(string prompt)
            {
                var attempt = 0;
                do
                {
                    var response = await chat.[|GetResponseAsync|](prompt);
                    try
                    {
                        var ticket = JsonSerializer.Deserialize<Ticket>(response.Text);
                        if (ticket is not null)
                        {
                            return ticket;
                        }
                    }
                    catch (JsonException)
                    {
                        continue;
                    }
                }
                while (++attempt < 3);

                return null;
            }
        }
        """);

    /// <summary>
    /// The self-correcting version real apps write next to it sends the parse error back: a different request. A try
    /// whose catch rethrows or returns, or a rejected answer that throws, never goes round.
    /// </summary>
    [Fact]
    public Task Parse_retry_that_sends_the_error_back_or_gives_up_is_not_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat)
        {
            public async Task<Ticket?> CorrectingAsync(List<ChatMessage> messages)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await chat.GetResponseAsync(messages);
                    try
                    {
                        return JsonSerializer.Deserialize<Ticket>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        messages.Add(new ChatMessage(ChatRole.User, "That was not valid JSON: " + ex.Message));
                    }
                }

                return null;
            }

            public async Task<string> ThrowsOnARejectedAnswerAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await chat.GetResponseAsync(prompt);
                    if (response.Text.StartsWith("{"))
                    {
                        return response.Text;
                    }

                    throw new InvalidOperationException("Not JSON: " + response.Text);
                }

                return "";
            }

            public async Task<Ticket?> GivesUpAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await chat.GetResponseAsync(prompt);
                    try
                    {
                        return JsonSerializer.Deserialize<Ticket>(response.Text);
                    }
                    catch (JsonException)
                    {
                        return null;
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// The catch goes round only on the first failure and throws on the second (a shape seen in JavaScript Gemini
    /// helpers, written here in C#): still a retry of the same request.
    /// </summary>
    [Fact]
    public Task Parse_retry_whose_catch_continues_once_then_throws_is_a_retry() => VerifyAsync(
        """
        class Gemini(IChatClient chat)
        {
            public async Task<JsonDocument> AskJsonAsync(string prompt)
            {
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    var response = await chat.[|GetResponseAsync|](prompt, new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
                    try
                    {
                        return JsonDocument.Parse(response.Text);
                    }
                    catch (JsonException)
                    {
                        if (attempt == 0)
                        {
                            Console.WriteLine("Invalid JSON, retrying...");
                            continue;
                        }

                        throw new InvalidOperationException("Invalid JSON after 2 attempts: " + response.Text);
                    }
                }

                throw new InvalidOperationException();
            }
        }
        """);

    /// <summary>
    /// Self-repair: after the first attempt the prompt carries the previous raw answer and the error (a TypeScript
    /// helper's shape, written here in C#). The request changes, so it is not a repeat.
    /// </summary>
    [Fact]
    public Task Self_repair_prompt_built_from_the_attempt_is_not_a_retry() => VerifyAsync(
        """
        class Repairer(IChatClient chat)
        {
            public async Task<Ticket> CompleteJsonAsync(string user, int maxAttempts = 3)
            {
                var lastRaw = "";
                for (var attempt = 0; attempt < maxAttempts; attempt++)
                {
                    var prompt = attempt == 0 ? user : $"{user}\n\nYour previous response was invalid JSON:\n{lastRaw}\nReturn only valid JSON.";
                    var raw = (await chat.GetResponseAsync(prompt)).Text;
                    lastRaw = raw;
                    var parsed = TryParse(raw);
                    if (parsed is not null)
                    {
                        return parsed;
                    }
                }

                throw new InvalidOperationException("No valid JSON.");
            }

            private static Ticket? TryParse(string raw) => raw.StartsWith("{") ? new Ticket(raw, 0) : null;
        }
        """);

    // ---- 2. Result-based retries without a try --------------------------------------------------------------------

    [Fact]
    public Task Returning_a_valid_answer_and_going_round_otherwise_is_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat)
        {
            public async Task<ChatResponse?> AskAsync(List<ChatMessage> msgs)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetResponseAsync|](msgs);
                    if (IsValid(r))
                    {
                        return r;
                    }
                }

                return null;
            }

            public async Task<Ticket> TryParseAsync(string prompt)
            {
                while (true)
                {
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (TryParse(r.Text, out var ticket))
                    {
                        return ticket;
                    }
                }
            }

            private static bool IsValid(ChatResponse r) => r.Text.StartsWith("{");

            private static bool TryParse(string text, out Ticket ticket)
            {
                ticket = new Ticket(text, 0);
                return text.Length > 0;
            }
        }
        """);

    [Fact]
    public Task Loop_conditions_that_test_the_answer_are_retries() => VerifyAsync(
        """
        class Triage(IChatClient chat)
        {
            public async Task<Ticket?> WhileAsync(string prompt)
            {
                Ticket? result = null;
                var tries = 0;
                while (result is null && tries < 3)
                {
                    result = TryParse((await chat.[|GetResponseAsync|](prompt)).Text);
                    tries++;
                }

                return result;
            }

            public async Task<string> DoAsync(string prompt)
            {
                string json;
                var attempt = 0;
                do
                {
                    json = (await chat.[|GetResponseAsync|](prompt)).Text;
                }
                while (!IsValidJson(json) && ++attempt < 3);

                return json;
            }

            private static Ticket? TryParse(string text) => text.Length > 2 ? new Ticket(text, 1) : null;

            private static bool IsValidJson(string text) => text.StartsWith("{");
        }
        """);

    /// <summary><c>if (bad) continue;</c> then an unconditional return: only a rejected answer goes round.</summary>
    [Fact]
    public Task Continuing_on_an_empty_answer_before_returning_it_is_a_retry() => VerifyAsync(
        """
        class Summaries(IChatClient chat, ILogger<Summaries> logger)
        {
            public async Task<string> SummarizeAsync(string text)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var response = await chat.[|GetResponseAsync|]("Summarize: " + text);
                    var summary = response.Text?.Trim();
                    if (string.IsNullOrEmpty(summary))
                    {
                        logger.LogWarning("Empty summary on attempt {Attempt}", attempt);
                        continue;
                    }

                    return summary;
                }

                return "";
            }
        }
        """);

    /// <summary>The last answer is kept in a variable declared before the loop and returned after it.</summary>
    [Fact]
    public Task Breaking_out_with_an_answer_kept_outside_the_loop_is_a_retry() => VerifyAsync(
        """
        class Titles(IChatClient chat)
        {
            public async Task<string> TitleAsync(string prompt)
            {
                var title = "";
                for (var i = 0; i < 3; i++)
                {
                    title = (await chat.[|GetResponseAsync|](prompt)).Text;
                    if (title.Length <= 60)
                    {
                        break;
                    }
                }

                return title;
            }
        }
        """);

    /// <summary>A rejected answer may be logged or thrown; the loop still only drops it.</summary>
    [Fact]
    public Task Logging_and_throwing_the_rejected_answer_is_still_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat, ILogger<Triage> logger)
        {
            public async Task<string> AskAsync(string prompt)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    logger.LogWarning("Attempt {Attempt} returned {Text}", attempt, r.Text);
                    Console.WriteLine($"Retrying: {r.Text}");
                    if (attempt == 2)
                    {
                        throw new InvalidOperationException("No JSON: " + r.Text);
                    }
                }
            }
        }
        """);

    /// <summary>Structured output: <c>TryGetResult</c> fails on an answer that does not match the schema, and the loop asks again.</summary>
    [Fact]
    public Task Structured_output_asked_again_until_it_parses_is_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat)
        {
            public async Task<Ticket?> ClassifyAsync(string text)
            {
                foreach (var delay in new[] { 0, 500, 2000 })
                {
                    await Task.Delay(delay);
                    var response = await chat.[|GetResponseAsync|]<Ticket>("Classify: " + text);
                    if (response.TryGetResult(out var ticket))
                    {
                        return ticket;
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// The prompt is recomputed in the loop by a method that may answer differently each time (the next question through
    /// an interface): AiLint cannot show the request repeats, so it stays silent; the same prompt built by BCL string
    /// code, or by a static project helper that only formats its argument (review 49, <see cref="ReadOnlyProjectHelperTests"/>),
    /// is a retry.
    /// </summary>
    [Fact]
    public Task Prompt_recomputed_by_a_method_in_the_loop_is_not_reported() => VerifyAsync(
        """
        interface IQuestions { string Next(); }

        class Quiz(IChatClient chat, IQuestions questions)
        {
            public async Task<string> UntilDoneAsync()
            {
                while (true)
                {
                    var question = questions.Next();
                    var r = await chat.GetResponseAsync(question);
                    if (r.Text.Contains("DONE"))
                    {
                        return r.Text;
                    }
                }
            }

            public async Task<string> BuiltAsync(string topic)
            {
                for (var i = 0; i < 3; i++)
                {
                    var prompt = BuildPrompt(topic);
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (r.Text.Length > 0)
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            public async Task<string> FormattedAsync(string topic)
            {
                for (var i = 0; i < 3; i++)
                {
                    var prompt = string.Format("Write a haiku about {0}.", topic.Trim());
                    var r = await chat.[|GetResponseAsync|](prompt);
                    if (r.Text.Length > 0)
                    {
                        return r.Text;
                    }
                }

                return "";
            }

            private static string BuildPrompt(string topic) => "Write a haiku about " + topic;
        }
        """);

    /// <summary>
    /// The call and the answer test inside one <c>try</c> whose catch logs: an exception or an invalid answer both go
    /// round (the try alone is not a retry for the existing loop rule, because a valid-looking pass may fall through).
    /// </summary>
    [Fact]
    public Task Call_and_answer_test_inside_a_try_is_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat, ILogger<Triage> logger)
        {
            public async Task<Ticket?> ClassifyAsync(string prompt)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        var response = await chat.[|GetResponseAsync|](prompt);
                        var ticket = JsonSerializer.Deserialize<Ticket>(response.Text);
                        if (ticket is not null)
                        {
                            return ticket;
                        }

                        logger.LogWarning("Attempt {Attempt}: empty ticket", attempt);
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "Attempt {Attempt} failed", attempt);
                    }
                }

                return null;
            }

            // The same try around a tool loop's call: the answer goes into the history, so each pass sends more.
            public async Task<ChatResponse?> ToolsAsync(List<ChatMessage> messages)
            {
                for (var round = 0; round < 5; round++)
                {
                    try
                    {
                        var response = await chat.GetResponseAsync(messages);
                        messages.AddMessages(response);
                        if (response.FinishReason == ChatFinishReason.Stop)
                        {
                            return response;
                        }
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "Round {Round} failed", round);
                    }
                }

                return null;
            }
        }
        """);

    // ---- Not retries: the loop does something with every answer ---------------------------------------------------

    /// <summary>
    /// A tool-call loop goes round on a complete answer (a tool request) and sends the grown conversation, whether it
    /// appends the tool results itself or a project helper does.
    /// </summary>
    [Fact]
    public Task Tool_call_loops_are_not_retries() => VerifyAsync(
        """
        class Agent(IChatClient chat)
        {
            public async Task<ChatResponse> AppendsAsync(List<ChatMessage> messages)
            {
                var response = await chat.GetResponseAsync(messages);
                while (response.FinishReason == ChatFinishReason.ToolCalls)
                {
                    messages.AddMessages(response);
                    messages.Add(new ChatMessage(ChatRole.Tool, "42"));
                    response = await chat.GetResponseAsync(messages);
                }

                return response;
            }

            public async Task<ChatResponse> HelperAppendsAsync(List<ChatMessage> messages)
            {
                while (true)
                {
                    var response = await chat.GetResponseAsync(messages);
                    if (response.FinishReason != ChatFinishReason.ToolCalls)
                    {
                        return response;
                    }

                    await RunToolsAsync(response, messages);
                }
            }

            public async Task<ChatResponse> HelperTakesOnlyTheHistoryAsync(List<ChatMessage> messages)
            {
                for (var round = 0; round < 5; round++)
                {
                    var response = await chat.GetResponseAsync(messages);
                    if (response.FinishReason == ChatFinishReason.Stop)
                    {
                        return response;
                    }

                    RecordTurn(messages);
                }

                throw new InvalidOperationException();
            }

            private static Task RunToolsAsync(ChatResponse response, List<ChatMessage> messages) => Task.CompletedTask;

            private static void RecordTurn(List<ChatMessage> messages) { }
        }
        """);

    /// <summary>Continuing a cut-off answer sends the part already written: a different request each pass.</summary>
    [Fact]
    public Task Continuation_loop_is_not_a_retry() => VerifyAsync(
        """
        class Writer(IChatClient chat)
        {
            public async Task<string> WriteAsync(List<ChatMessage> messages)
            {
                var text = "";
                ChatResponse response;
                do
                {
                    response = await chat.GetResponseAsync(messages);
                    text += response.Text;
                    messages.AddMessages(response);
                }
                while (response.FinishReason == ChatFinishReason.Length);

                return text;
            }
        }
        """);

    /// <summary>Self-consistency: every answer is kept and counted; sampling on purpose, not retrying.</summary>
    [Fact]
    public Task Sampling_loops_that_keep_every_answer_are_not_retries() => VerifyAsync(
        """
        class Voter(IChatClient chat)
        {
            public async Task<string> MajorityAsync(string prompt)
            {
                var votes = new List<string>();
                for (var i = 0; i < 5; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    votes.Add(r.Text);
                    if (votes.Count(v => v == r.Text) >= 3)
                    {
                        return r.Text;
                    }
                }

                return votes.GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;
            }

            public async Task<List<string>> IdeasAsync(string prompt)
            {
                var ideas = new List<string>();
                for (var i = 0; i < 5; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, new ChatOptions { Temperature = 1.0f });
                    ideas.Add(r.Text);
                }

                return ideas;
            }
        }
        """);

    [Fact]
    public Task Loops_over_questions_are_not_retries() => VerifyAsync(
        """
        class Quiz(IChatClient chat)
        {
            public async Task<string?> FirstYesAsync(IReadOnlyList<string> questions)
            {
                foreach (var question in questions)
                {
                    var r = await chat.GetResponseAsync(question);
                    if (r.Text.StartsWith("Yes"))
                    {
                        return question;
                    }
                }

                return null;
            }

            public async Task<string?> FirstYesByIndexAsync(string[] questions)
            {
                for (var i = 0; i < questions.Length; i++)
                {
                    var r = await chat.GetResponseAsync(questions[i]);
                    if (r.Text.StartsWith("Yes"))
                    {
                        return questions[i];
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// A game or simulation loop applies every answer to its state (<c>game.Apply(move)</c>) and asks about the new state:
    /// every answer is used, and the request is rebuilt by a method each pass. A move the game rejects and asks again for
    /// (<c>if (game.IsLegal(move)) return move;</c>) is a retry: the test is an ordinary answer test.
    /// </summary>
    [Fact]
    public Task Loops_that_apply_every_answer_are_not_retries() => VerifyAsync(
        """
        class Game
        {
            public string Describe() => "";
            public bool Apply(string move) => move.Length > 0;
            public bool IsLegal(string move) => move.Length > 0;
        }

        class Player(IChatClient chat, Game game)
        {
            public async Task PlayAsync(string rules)
            {
                var over = false;
                while (!over)
                {
                    var move = await chat.GetResponseAsync(rules + game.Describe());
                    over = game.Apply(move.Text);
                }
            }

            public async Task PlaySameQuestionAsync(string rules)
            {
                var over = false;
                while (!over)
                {
                    var move = await chat.GetResponseAsync(rules);
                    over = game.Apply(move.Text);
                }
            }

            public async Task<string> LegalMoveAsync(string rules)
            {
                for (var i = 0; i < 5; i++)
                {
                    var move = await chat.[|GetResponseAsync|](rules);
                    if (game.IsLegal(move.Text))
                    {
                        return move.Text;
                    }
                }

                throw new InvalidOperationException("No legal move.");
            }
        }
        """);

    /// <summary>
    /// Streaming: a loop that reads a stream as it arrives is not a result retry (the call is the <c>await foreach</c>
    /// source, or the stream is handed to the <c>foreach</c>), and a yielded answer is kept, not dropped. A stream collected
    /// on the spot is a generation call, and asking for it again after rejecting it is a retry.
    /// </summary>
    [Fact]
    public Task Streaming_and_yielding_loops_are_not_retries_but_a_collected_stream_is() => VerifyAsync(
        """
        class Writer(IChatClient chat)
        {
            public async Task<string> StreamUntilCompleteAsync(string prompt)
            {
                var text = new System.Text.StringBuilder();
                var done = false;
                while (!done)
                {
                    await foreach (var update in chat.GetStreamingResponseAsync(prompt))
                    {
                        Console.Write(update.Text);
                        text.Append(update.Text);
                    }

                    done = text.ToString().EndsWith(".");
                }

                return text.ToString();
            }

            public async Task<string> HeldStreamAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var stream = chat.GetStreamingResponseAsync(prompt);
                    var text = "";
                    await foreach (var update in stream)
                    {
                        text += update.Text;
                    }

                    if (text.Length > 0)
                    {
                        return text;
                    }
                }

                return "";
            }

            public async IAsyncEnumerable<string> SamplesAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text.Length > 0)
                    {
                        yield return r.Text;
                    }
                }
            }

            public async Task<string> CollectedAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetStreamingResponseAsync|](prompt).ToChatResponseAsync();
                    if (r.Text.Length > 0)
                    {
                        return r.Text;
                    }
                }

                return "";
            }
        }
        """);

    /// <summary>
    /// Raw HTTP calls to a generation endpoint answer with a status; loops over them test it. Waiting out a 429 and
    /// sending again duplicates nothing (quiet); going round on any failure after <c>if (response.IsSuccessStatusCode)
    /// return ...;</c> re-sends a request the provider may have processed (reported, see RawHttpStatusLoopTests).
    /// </summary>
    [Fact]
    public Task Status_code_loops_around_raw_http_calls_are_read() => VerifyAsync(
        """
        class RawClient(System.Net.Http.HttpClient http)
        {
            public async Task<string> CompleteAsync(string body)
            {
                for (var i = 0; i < 5; i++)
                {
                    var response = await http.PostAsync("https://api.openai.com/v1/chat/completions", new System.Net.Http.StringContent(body));
                    if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000 * (i + 1));
                        continue;
                    }

                    return await response.Content.ReadAsStringAsync();
                }

                throw new InvalidOperationException("Rate limited.");
            }

            public async Task<string> UntilSuccessAsync(string body)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await http.{|#0:PostAsync|}("https://api.openai.com/v1/chat/completions", new System.Net.Http.StringContent(body));
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                }

                throw new InvalidOperationException("No answer.");
            }
        }
        """,
        RetryTestSupport.Diagnostic(Id).WithLocation(0).WithArguments("PostAsync", "for loop that sends again after a failed status"));

    /// <summary>Each pass reads the user's next message, or fresh data to ask about (a watch loop).</summary>
    [Fact]
    public Task Console_and_polling_loops_with_fresh_input_are_not_retries() => VerifyAsync(
        """
        class Watcher(IChatClient chat)
        {
            public async Task ChatAsync()
            {
                while (true)
                {
                    var input = Console.ReadLine() ?? "";
                    var r = await chat.GetResponseAsync(input);
                    if (r.Text.Contains("bye"))
                    {
                        Console.WriteLine(r.Text);
                        break;
                    }
                }
            }

            public async Task<string> WatchAsync(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    var logs = await ReadLogsAsync();
                    var r = await chat.GetResponseAsync("Any incident in these logs? " + logs);
                    if (r.Text.StartsWith("INCIDENT"))
                    {
                        return r.Text;
                    }

                    await Task.Delay(TimeSpan.FromMinutes(1), ct);
                }

                return "";
            }

            public async Task StreamAsync(string prompt, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    Console.WriteLine(r.Text);
                    await Task.Delay(1000, ct);
                }
            }

            private static Task<string> ReadLogsAsync() => Task.FromResult("");
        }
        """);

    /// <summary>
    /// Background responses: the loop polls with the previous answer's continuation token until the answer is complete.
    /// The request carries the token of the last answer, so it changes every pass: polling, not a retry.
    /// </summary>
    [Fact]
    public Task Polling_a_background_response_with_its_continuation_token_is_not_a_retry() => VerifyAsync(
        """
        #pragma warning disable MEAI001
        class Background(IChatClient chat)
        {
            public async Task<string> RunAsync(string prompt)
            {
                var options = new ChatOptions { AllowBackgroundResponses = true };
                var response = await chat.GetResponseAsync(prompt, options);
                while (response.ContinuationToken is not null)
                {
                    await Task.Delay(2000);
                    options.ContinuationToken = response.ContinuationToken;
                    response = await chat.GetResponseAsync([], options);
                }

                return response.Text;
            }

            public async Task<string> InlineTokenAsync(string prompt)
            {
                var response = await chat.GetResponseAsync(prompt, new ChatOptions { AllowBackgroundResponses = true });
                while (response.ContinuationToken is not null)
                {
                    await Task.Delay(2000);
                    response = await chat.GetResponseAsync([], new ChatOptions { ContinuationToken = response.ContinuationToken });
                }

                return response.Text;
            }
        }
        """);

    /// <summary>
    /// A loop that raises the temperature, switches the model or rewrites the prompt between attempts sends a different
    /// request each time: AiLint treats it as not a repeat of the same request (the same rule as for try loops).
    /// </summary>
    [Fact]
    public Task Changing_temperature_model_or_prompt_between_attempts_is_not_a_retry() => VerifyAsync(
        """
        class Triage(IChatClient chat)
        {
            public async Task<string?> WarmerAsync(string prompt)
            {
                var options = new ChatOptions { Temperature = 0 };
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, options);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    options.Temperature += 0.3f;
                }

                return null;
            }

            public async Task<string?> NextModelAsync(string prompt, string[] models)
            {
                for (var i = 0; i < models.Length; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, new ChatOptions { ModelId = models[i] });
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }
                }

                return null;
            }

            public async Task<string?> StricterAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }

                    prompt += "\nAnswer with JSON only.";
                }

                return null;
            }
        }
        """);

    /// <summary>Each run appends to the agent session: the next run sees the rejected answer, not the same request.</summary>
    [Fact]
    public Task Agent_runs_on_a_session_are_not_retries() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;

        class Planner(AIAgent agent)
        {
            public async Task<string?> PlanAsync()
            {
                var session = await agent.CreateSessionAsync();
                for (var i = 0; i < 3; i++)
                {
                    var r = await agent.RunAsync("Give the plan as JSON.", session);
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }
                }

                return null;
            }

            public async Task<string?> StatelessAsync()
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await agent.[|RunAsync|]("Give the plan as JSON.");
                    if (r.Text.StartsWith("{"))
                    {
                        return r.Text;
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// A helper that re-invokes its delegate until a validator accepts the answer is not followed (no code shows where
    /// the answer is rejected); a call made inside a lambda in the loop is not the loop's call either.
    /// </summary>
    [Fact]
    public Task Delegates_and_lambdas_in_the_loop_are_not_followed() => VerifyAsync(
        """
        static class Retry
        {
            public static async Task<T> UntilValidAsync<T>(Func<Task<T>> action, Func<T, bool> isValid)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await action();
                    if (isValid(r))
                    {
                        return r;
                    }
                }

                throw new InvalidOperationException();
            }
        }

        class Triage(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string prompt) => Retry.UntilValidAsync(() => chat.GetResponseAsync(prompt), r => r.Text.Length > 0);

            public async Task<string?> InLambdaAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await Task.Run(() => chat.GetResponseAsync(prompt));
                    if (r.Text.Length > 0)
                    {
                        return r.Text;
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>Only one diagnostic, AIL0001, and no AIL0003: the SDK's transient retries do not multiply with a loop that goes round on answers.</summary>
    [Fact]
    public Task OpenAI_result_retry_gets_AIL0001_but_not_AIL0003() => RetryTestSupport.VerifyAsync(
        Id,
        RetryTestSupport.Usings + """
        class Triage
        {
            private readonly ChatClient chat = new("gpt-4o-mini", "key");

            public async Task<string?> AskAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var completion = await chat.[|CompleteChatAsync|]([new UserChatMessage(prompt)]);
                    var text = completion.Value.Content[0].Text;
                    if (text.StartsWith("{"))
                    {
                        return text;
                    }
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task Semantic_Kernel_result_retry_is_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        record Plan(string[] Steps);

        class Planner(IChatCompletionService chat, Kernel kernel)
        {
            public async Task<Plan?> PlanAsync(ChatHistory history)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var reply = await chat.[|GetChatMessageContentAsync|](history);
                    try
                    {
                        return JsonSerializer.Deserialize<Plan>(reply.Content ?? "");
                    }
                    catch (JsonException)
                    {
                    }
                }

                return null;
            }

            public async Task<string> PromptAsync(string prompt)
            {
                var retries = 0;
                while (retries < 3)
                {
                    var result = await kernel.[|InvokePromptAsync|](prompt);
                    var text = result.GetValue<string>() ?? "";
                    if (text.Length > 0)
                    {
                        return text;
                    }

                    retries++;
                }

                return "";
            }
        }
        """);

    // ---- Code fixes are not offered -------------------------------------------------------------------------------

    private const string KeyedGateway = """
        class Gateway(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt, [AiLint.IdempotencyKey] string? requestId = null) =>
                (await chat.GetResponseAsync(prompt)).Text;
        }

        """;

    /// <summary>
    /// A key kept across the attempts would hand every attempt the first, rejected answer, so the key fix is not offered
    /// on a loop that goes round on answers, and a fresh key per attempt (each attempt a new request) is not AIL0004.
    /// </summary>
    [Fact]
    public Task No_key_fix_and_no_fresh_key_report_in_a_result_loop() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = LoopUsings + KeyedGateway + """
            class Triage(Gateway gateway)
            {
                public async Task<string?> AskAsync(string prompt)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var text = await gateway.[|AskAsync|](prompt);
                        if (text.StartsWith("{"))
                        {
                            return text;
                        }
                    }

                    return null;
                }

                public async Task<string?> FreshKeyAsync(string prompt)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var text = await gateway.AskAsync(prompt, Guid.NewGuid().ToString());
                        if (text.StartsWith("{"))
                        {
                            return text;
                        }
                    }

                    return null;
                }
            }
            """,
        FixedCode = LoopUsings + KeyedGateway + """
            class Triage(Gateway gateway)
            {
                public async Task<string?> AskAsync(string prompt)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var text = await gateway.[|AskAsync|](prompt);
                        if (text.StartsWith("{"))
                        {
                            return text;
                        }
                    }

                    return null;
                }

                public async Task<string?> FreshKeyAsync(string prompt)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var text = await gateway.AskAsync(prompt, Guid.NewGuid().ToString());
                        if (text.StartsWith("{"))
                        {
                            return text;
                        }
                    }

                    return null;
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task No_run_once_fix_in_a_result_loop() => new CodeFixTest<RetryAnalyzer, RunOnceWithRuntimeCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        References = AiLint.Tests.Runtime.RuntimeTestSupport.WithRuntime,
        TestCode = AiLint.Tests.Runtime.RuntimeTestSupport.Usings + """
            class Triage(IChatClient client, IDistributedCache cache)
            {
                public async Task<string?> AskAsync(string prompt)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var response = await client.[|GetResponseAsync|](prompt);
                        if (response.Text.StartsWith("{"))
                        {
                            return response.Text;
                        }
                    }

                    return null;
                }
            }
            """,
        FixedCode = AiLint.Tests.Runtime.RuntimeTestSupport.Usings + """
            class Triage(IChatClient client, IDistributedCache cache)
            {
                public async Task<string?> AskAsync(string prompt)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var response = await client.[|GetResponseAsync|](prompt);
                        if (response.Text.StartsWith("{"))
                        {
                            return response.Text;
                        }
                    }

                    return null;
                }
            }
            """,
    }.RunAsync();

    /// <summary>Unfinished loops are skipped; the last one, a parse retry missing only a semicolon, is still read as one.</summary>
    [Fact]
    public async Task Half_typed_result_loops_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = LoopUsings + """
                class Triage(IChatClient chat)
                {
                    public async Task<string?> AskAsync(string prompt)
                    {
                        for (var i = 0; i < ; i++)
                        {
                            var r = await chat.GetResponseAsync(
                            if (r.Text.StartsWith("{") return r.Text;
                        }

                        do { json = await chat.GetResponseAsync(prompt); } while (!Valid(json) &&
                        while (result is null) { result = Unknown(await chat.Missing(prompt)); }
                        for (;;) { var x = await chat.[|GetResponseAsync|](prompt); try { return x.Text } catch { }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }
}
