using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Loops that call a model again and again, in the shapes real apps write them: agent and tool loops, chat REPLs, batches
/// and pages, deliberate sampling, evaluations, summarise-until-short, resuming streams, scripted turns. None of them
/// re-sends a request that may already have been processed, so none is reported. Next to them, the retries real code
/// writes around the same calls (Polly v7 inline, recursion from a catch, a goto helper, a JSON re-ask loop), which are.
/// </summary>
public class ModelLoopShapeTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.IO;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;
        using Polly.Retry;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);
    /// <summary>Agent loop (the codecrafters "agent loop" stage, paraphrased): the call fails, the catch waits and <c>continue</c>s, a success appends the answer and the tool results and goes round. The history grows in the loop, so no pass re-sends an earlier request.</summary>
    [Fact]
    public Task An_agent_tool_loop_that_waits_and_goes_round_after_a_failed_call_is_not_a_retry() => VerifyAsync(
        """
        sealed class Agent(IChatClient chat)
        {
            public async Task<string> RunAsync(List<ChatMessage> history, ChatOptions options)
            {
                while (true)
                {
                    ChatResponse r;
                    try
                    {
                        r = await chat.GetResponseAsync(history, options);
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                        await Task.Delay(1000);
                        continue;
                    }
                    history.AddMessages(r);
                    var calls = r.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>().ToList();
                    if (calls.Count == 0) return r.Text;
                    foreach (var c in calls) history.Add(new ChatMessage(ChatRole.Tool, [new Microsoft.Extensions.AI.FunctionResultContent(c.CallId, "ok")]));
                }
            }
        }
        """);

    /// <summary>Chat REPL: <c>while ((line = Console.ReadLine()) != null)</c> with a catch that prints the error; every pass sends the next line.</summary>
    [Fact]
    public Task A_console_chat_loop_with_a_catch_is_not_a_retry() => VerifyAsync(
        """
        sealed class Repl(IChatClient chat)
        {
            public async Task RunAsync()
            {
                string? line;
                var history = new List<ChatMessage>();
                while ((line = Console.ReadLine()) != null)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync(line);
                        Console.WriteLine(r.Text);
                        if (line == "quit") break;
                    }
                    catch (Exception ex) { Console.WriteLine(ex.Message); }
                }
            }
        }
        """);

    /// <summary>Deliberate multiple sampling: a self-consistency vote that keeps every answer (a failed sample is skipped) and a best-of-N loop that keeps the longest.</summary>
    [Fact]
    public Task Self_consistency_and_best_of_n_sampling_are_not_retries() => VerifyAsync(
        """
        sealed class Voter(IChatClient chat)
        {
            public async Task<string> VoteAsync(string prompt, int samples)
            {
                var answers = new List<string>();
                for (var i = 0; i < samples; i++)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync(prompt, new ChatOptions { Temperature = 0.8f });
                        answers.Add(r.Text);
                    }
                    catch (HttpRequestException) { }
                }
                return answers.GroupBy(a => a).OrderByDescending(g => g.Count()).First().Key;
            }

            public async Task<string> BestOfAsync(string prompt, int n)
            {
                string best = "";
                for (var i = 0; i < n; i++)
                {
                    var r = await chat.GetResponseAsync(prompt);
                    if (r.Text.Length > best.Length) best = r.Text;
                }
                return best;
            }
        }
        """);

    /// <summary>Evaluation loop: <c>cases[i].Input</c> changes with the index; a failing case is logged and skipped.</summary>
    [Fact]
    public Task An_evaluation_loop_over_test_cases_is_not_a_retry() => VerifyAsync(
        """
        record Case(string Input, string Expected);
        sealed class Eval(IChatClient chat)
        {
            public async Task<int> RunAsync(IReadOnlyList<Case> cases)
            {
                var passed = 0;
                for (var i = 0; i < cases.Count; i++)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync(cases[i].Input);
                        if (r.Text.Contains(cases[i].Expected)) passed++;
                    }
                    catch (Exception ex) { Console.WriteLine(ex); continue; }
                }
                return passed;
            }
        }
        """);

    /// <summary>Summarise-until-short: the answer becomes the next input (<c>text = r.Text</c>), with and without a try.</summary>
    [Fact]
    public Task Summarise_until_short_loops_are_not_retries() => VerifyAsync(
        """
        sealed class Shrinker(IChatClient chat)
        {
            public async Task<string> ShrinkAsync(string text, int max)
            {
                while (text.Length > max)
                {
                    var r = await chat.GetResponseAsync("Summarize: " + text);
                    text = r.Text;
                }
                return text;
            }

            public async Task<string> ShrinkTryAsync(string text, int max)
            {
                var current = text;
                for (var pass = 0; pass < 5; pass++)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync("Shorten: " + current);
                        current = r.Text;
                        if (current.Length <= max) return current;
                    }
                    catch (HttpRequestException) { }
                }
                return current;
            }
        }
        """);

    /// <summary>Streaming reconnect that resumes: each update stores its <c>ContinuationToken</c> in the options the call reads, so a reconnect asks for the rest, not the same answer again.</summary>
    [Fact]
    public Task A_stream_that_resumes_from_its_continuation_token_is_not_a_retry() => VerifyAsync(
        """
        sealed class Resumer(IChatClient chat)
        {
            public async Task<string> StreamAsync(List<ChatMessage> messages, ChatOptions options)
            {
                var text = new System.Text.StringBuilder();
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.GetStreamingResponseAsync(messages, options))
                        {
                            text.Append(u.Text);
                            options.ContinuationToken = u.ContinuationToken;
                        }
                        return text.ToString();
                    }
                    catch (IOException)
                    {
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);

    /// <summary>Background responses: the loop polls with the last <c>ContinuationToken</c> until the response is complete.</summary>
    [Fact]
    public Task Polling_a_background_response_by_its_continuation_token_is_not_a_retry() => VerifyAsync(
        """
        sealed class Background(IChatClient chat)
        {
            public async Task<string> RunAsync(string prompt)
            {
                var options = new ChatOptions { AllowBackgroundResponses = true };
                var response = await chat.GetResponseAsync(prompt, options);
                while (response.ContinuationToken is not null)
                {
                    await Task.Delay(1000);
                    options.ContinuationToken = response.ContinuationToken;
                    response = await chat.GetResponseAsync([], options);
                }
                return response.Text;
            }
        }
        """);

    /// <summary>Conversation turns in a test: a fixed list of user turns, each appended before the call.</summary>
    [Fact]
    public Task Scripted_conversation_turns_are_not_retries() => VerifyAsync(
        """
        sealed class Turns(IChatClient chat)
        {
            public async Task RunAsync()
            {
                var history = new List<ChatMessage>();
                foreach (var turn in new[] { "hi", "what's the weather", "thanks" })
                {
                    history.Add(new ChatMessage(ChatRole.User, turn));
                    try
                    {
                        var r = await chat.GetResponseAsync(history);
                        history.AddMessages(r);
                    }
                    catch (Exception) { continue; }
                }
            }
        }
        """);

    /// <summary>Paging over chunks: the offset advances after every pass, failed or not.</summary>
    [Fact]
    public Task A_loop_over_chunks_of_a_document_is_not_a_retry() => VerifyAsync(
        """
        sealed class Pager(IChatClient chat)
        {
            public async Task<List<string>> PagesAsync(string doc)
            {
                var result = new List<string>();
                var offset = 0;
                while (offset < doc.Length)
                {
                    var chunk = doc.Substring(offset, Math.Min(1000, doc.Length - offset));
                    try
                    {
                        var r = await chat.GetResponseAsync("Summarize: " + chunk);
                        result.Add(r.Text);
                    }
                    catch (HttpRequestException) { }
                    offset += 1000;
                }
                return result;
            }
        }
        """);

    // ---------------- misses ----------------

    /// <summary>A warm-up loop that breaks on the first answer without keeping it, and a determinism check that asserts each answer.</summary>
    [Fact]
    public Task Warm_up_and_determinism_loops_are_not_retries() => VerifyAsync(
        """
        static class Expect { public static void Contains(string expected, string actual) { if (!actual.Contains(expected)) throw new Exception(actual); } }
        sealed class Checks(IChatClient chat)
        {
            public async Task WarmUpAsync()
            {
                while (true)
                {
                    try
                    {
                        var r = await chat.GetResponseAsync("ping");
                        if (r.Text.Length > 0) break;
                    }
                    catch (HttpRequestException) { await Task.Delay(2000); }
                }
            }

            public async Task DeterminismAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.GetResponseAsync(prompt, new ChatOptions { Temperature = 0 });
                    Expect.Contains("Paris", r.Text);
                }
            }
        }
        """);

    /// <summary>Semantic Kernel step loop with manual function calling: the catch tells the model the step failed (<c>history.AddUserMessage(...)</c>), a self-correction.</summary>
    [Fact]
    public Task A_semantic_kernel_step_loop_whose_catch_reports_the_error_to_the_model_is_not_a_retry() => VerifyAsync(
        """
        sealed class SkAgent(IChatCompletionService chat, Kernel kernel)
        {
            public async Task<string> RunAsync(ChatHistory history, int maxSteps)
            {
                var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };
                for (var step = 0; step < maxSteps; step++)
                {
                    try
                    {
                        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
                        history.Add(reply);
                        var calls = Microsoft.SemanticKernel.FunctionCallContent.GetFunctionCalls(reply).ToList();
                        if (calls.Count == 0) return reply.Content ?? "";
                        foreach (var call in calls)
                        {
                            var result = await call.InvokeAsync(kernel);
                            history.Add(result.ToChatMessage());
                        }
                    }
                    catch (HttpOperationException ex)
                    {
                        history.AddUserMessage("The last step failed: " + ex.Message);
                    }
                }
                return "";
            }
        }
        """);

    /// <summary>A worker loop over a channel is not a retry, but the inner <c>for (attempt)</c> loop re-sends the same job after a failure: reported.</summary>
    [Fact]
    public Task A_retry_per_job_inside_a_worker_loop_is_reported() => VerifyAsync(
        """
        sealed class Worker(IChatClient chat, System.Threading.Channels.Channel<string> jobs)
        {
            public async Task RunAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            var r = await chat.[|GetResponseAsync|](job, cancellationToken: ct);
                            Console.WriteLine(r.Text);
                            break;
                        }
                        catch (HttpRequestException) { await Task.Delay(1000 * attempt, ct); }
                    }
                }
            }
        }
        """);

    /// <summary>Polly v7 written inline: <c>Policy.Handle&lt;T&gt;().WaitAndRetryAsync(...).ExecuteAsync(() =&gt; ...)</c>.</summary>
    [Fact]
    public Task An_inline_polly_v7_retry_around_a_call_is_reported() => VerifyAsync(
        """
        sealed class V7(IChatClient chat)
        {
            public async Task<ChatResponse> AskAsync(string q) =>
                await Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i))
                    .ExecuteAsync(() => chat.[|GetResponseAsync|](q));
        }
        """);

    /// <summary>Polly v7 policy kept in a non-readonly <c>IAsyncPolicy</c> field set in the constructor (the usual <c>PollyHttpClientHandler</c> shape): its construction is not followed, and an <c>IAsyncPolicy</c> of unknown construction is taken for a retry.</summary>
    [Fact]
    public Task A_polly_v7_policy_in_a_mutable_field_set_in_the_constructor_is_reported() => VerifyAsync(
        """
        sealed class V7Field
        {
            private readonly IChatCompletionService chat;
            private IAsyncPolicy policy;
            public V7Field(IChatCompletionService chat)
            {
                this.chat = chat;
                policy = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            }
            public async Task<string?> AskAsync(ChatHistory h) =>
                (await policy.ExecuteAsync(() => chat.[|GetChatMessageContentAsync|](h))).Content;
        }
        """);

    /// <summary>Recursion retry: the catch calls the method again with the same prompt and <c>attempt + 1</c>.</summary>
    [Fact]
    public Task A_method_calling_itself_from_its_catch_with_attempt_plus_one_is_reported() => VerifyAsync(
        """
        sealed class Rec(IChatClient chat)
        {
            public async Task<string> AskAsync(string q, int attempt = 0)
            {
                try
                {
                    var r = await chat.[|GetResponseAsync|](q);
                    return r.Text;
                }
                catch (Exception ex) when (attempt < 3)
                {
                    Console.WriteLine(ex.Message);
                    await Task.Delay(1000 * (attempt + 1));
                    return await AskAsync(q, attempt + 1);
                }
            }
        }
        """);

    /// <summary>Recursion retry over OpenAI's <c>ChatClient</c> with <c>--retries</c>.</summary>
    [Fact]
    public Task A_recursion_retry_with_a_decremented_counter_is_reported() => VerifyAsync(
        """
        sealed class Rec2(ChatClient chat)
        {
            public async Task<string> AskAsync(List<OpenAI.Chat.ChatMessage> messages, int retries = 3)
            {
                try
                {
                    ChatCompletion c = await chat.[|CompleteChatAsync|](messages);
                    return c.Content[0].Text;
                }
                catch (ClientResultException)
                {
                    if (retries <= 0) throw;
                    await Task.Delay(2000);
                    return await AskAsync(messages, --retries);
                }
            }
        }
        """);

    /// <summary>AgentChat's <c>GetChatCompletionsWithRetryAsync</c> shape, paraphrased: an extension method that waits and calls itself with every input unchanged (and a counter it never checks).</summary>
    [Fact]
    public Task An_extension_method_that_calls_itself_from_its_catch_is_reported() => VerifyAsync(
        """
        static class Ext
        {
            public static async Task<ChatResponse> GetWithRetryAsync(this IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken ct = default, int maxRetry = 5)
            {
                try
                {
                    return await chat.[|GetResponseAsync|](messages, options, ct);
                }
                catch (Exception)
                {
                    await Task.Delay(10000);
                    return await chat.GetWithRetryAsync(messages, options, ct, maxRetry - 1);
                }
            }
        }
        """);

    /// <summary>Recursion retry written as a local function.</summary>
    [Fact]
    public Task A_local_function_calling_itself_from_its_catch_is_reported() => VerifyAsync(
        """
        sealed class User(IChatClient chat)
        {
            public async Task<string> AskAsync(string q)
            {
                return await Attempt(3);

                async Task<string> Attempt(int left)
                {
                    try
                    {
                        return (await chat.[|GetResponseAsync|](q)).Text;
                    }
                    catch (HttpRequestException) when (left > 0)
                    {
                        await Task.Delay(500);
                        return await Attempt(left - 1);
                    }
                }
            }
        }
        """);

    /// <summary>A generic <c>RetryAsync(Func&lt;Task&lt;T&gt;&gt;)</c> helper whose retry is a <c>goto</c> back to a label on the try.</summary>
    [Fact]
    public Task A_retry_helper_written_with_goto_is_reported_at_the_call_it_is_given() => VerifyAsync(
        """
        static class Retry
        {
            public static async Task<T> RetryAsync<T>(Func<Task<T>> func)
            {
                var tries = 0;
            again:
                try
                {
                    return await func();
                }
                catch (HttpRequestException) when (++tries < 3)
                {
                    goto again;
                }
            }
        }
        sealed class User(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string q) => Retry.RetryAsync(() => chat.[|GetResponseAsync|](q));
        }
        """);

    /// <summary>Validation re-ask loop: parse the JSON, on failure ask the same question again. A result retry by AIL0001's definition (the request is unchanged, the rejected answer is dropped).</summary>
    [Fact]
    public Task A_loop_that_asks_again_when_the_json_does_not_parse_is_reported() => VerifyAsync(
        """
        record Ticket(string Title);
        sealed class Json(IChatClient chat)
        {
            public async Task<Ticket?> AskAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await chat.[|GetResponseAsync|](prompt);
                    try
                    {
                        return JsonSerializer.Deserialize<Ticket>(r.Text);
                    }
                    catch (JsonException) { }
                }
                return null;
            }
        }
        """);

    [Fact]
    public async Task Half_typed_agent_and_resume_loops_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                sealed class Broken(IChatClient chat)
                {
                    public async Task<string> RunAsync(List<ChatMessage> history, ChatOptions options)
                    {
                        while (true)
                        {
                            try
                            {
                                await foreach (var u in chat.GetStreamingResponseAsync(history, options))
                                {
                                    options.ContinuationToken = u.
                                }
                                var r = await chat.GetResponseAsync(history, options;
                                history.AddMessages(r);
                                if (r.FinishReason == ) return r.Text;
                            }
                            catch (IOException) { continue }
                        }
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
