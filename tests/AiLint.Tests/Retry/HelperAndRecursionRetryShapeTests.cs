using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Retries in the shapes real code takes that AiLint used to miss: a loop over a project helper that answers null or
/// false on failure, a method calling itself after rejecting the answer, and keys built from the counter of a
/// <c>goto</c> or recursive retry (AIL0004). Each positive sits next to the correct code written beside it: turn loops,
/// work queues, fallbacks over prompts or models, self-correction, rate-limit waits.
/// </summary>
public class HelperAndRecursionRetryShapeTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using AiLint;
        using Microsoft.Extensions.AI;

        """;

    private const string TryAsk = """
        class Asker(IChatClient chat)
        {
            // Catches and answers null: a failure reaches the caller as a missing reply.
            public async Task<string?> TryAskAsync(string prompt)
            {
                try { return (await chat.GetResponseAsync(prompt)).Text; }
                catch (HttpRequestException) { return null; }
            }

            public async Task<bool> TrySummariseAsync(string doc)
            {
                try { Summary = (await chat.GetResponseAsync("Summarise: " + doc)).Text; return true; }
                catch (Exception) { return false; }
            }

            public string? Summary { get; private set; }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    private static Task VerifyKeysAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0004", LocalUsings + source, expected);

    // ---- 1. Loops over a helper that answers null or false on failure --------------------------------------------

    [Fact]
    public Task Brace_less_loop_until_the_helper_answers_is_a_retry() => VerifyAsync(
        TryAsk + """
        class Service(Asker asker)
        {
            public async Task<string?> AskAsync(string prompt)
            {
                string? reply = null;
                for (var i = 0; reply is null && i < 3; i++)
                    reply = await asker.{|#0:TryAskAsync|}(prompt);
                return reply;
            }

            public async Task<string?> WhileAsync(string prompt)
            {
                string? reply = null;
                var tries = 0;
                while (reply == null && tries++ < 3)
                    reply = await asker.{|#1:TryAskAsync|}(prompt);
                return reply;
            }

            public async Task<string?> SummaryAsync(string doc)
            {
                var ok = false;
                var attempts = 0;
                while (!ok && attempts++ < 3)
                {
                    ok = await asker.{|#2:TrySummariseAsync|}(doc);
                }

                return asker.Summary;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("TryAskAsync", "for loop that asks again after rejecting the answer"),
        Diagnostic(Id).WithLocation(1).WithArguments("TryAskAsync", "while loop that asks again after rejecting the answer"),
        Diagnostic(Id).WithLocation(2).WithArguments("TrySummariseAsync", "while loop that asks again after rejecting the answer"));

    [Fact]
    public Task Brace_less_loops_that_send_something_new_each_pass_are_not_retries() => VerifyAsync(
        TryAsk + """
        class Service(Asker asker)
        {
            // Falls back over prompts: each pass asks a different question.
            public async Task<string?> FirstAnsweredAsync(string[] prompts)
            {
                string? reply = null;
                for (var i = 0; reply is null && i < prompts.Length; i++)
                    reply = await asker.TryAskAsync(prompts[i]);
                return reply;
            }

            // A turn loop: the next question comes from the user.
            public async Task ReplAsync()
            {
                string? reply = null;
                while (reply is null)
                {
                    var input = Console.ReadLine();
                    if (input is null) break;
                    reply = await asker.TryAskAsync(input);
                }
            }

            // A work queue: each pass takes a new document.
            public async Task DrainAsync(Queue<string> docs)
            {
                var ok = true;
                while (ok && docs.Count > 0)
                    ok = await asker.TrySummariseAsync(docs.Dequeue());
            }

            // The prompt is rebuilt from the attempt: a different request each pass.
            public async Task<string?> EscalateAsync(string question)
            {
                string? reply = null;
                for (var i = 0; reply is null && i < 3; i++)
                    reply = await asker.TryAskAsync(i == 0 ? question : question + " (answer briefly)");
                return reply;
            }
        }
        """);

    [Fact]
    public Task Brace_less_loop_over_fallback_clients_is_not_a_retry() => VerifyAsync(
        """
        class Router(IReadOnlyList<IChatClient> clients)
        {
            public async Task<string?> AskAsync(string prompt)
            {
                string? reply = null;
                for (var i = 0; reply is null && i < clients.Count; i++)
                    reply = await TryAsync(clients[i], prompt);
                return reply;
            }

            private static async Task<string?> TryAsync(IChatClient client, string prompt)
            {
                try { return (await client.GetResponseAsync(prompt)).Text; }
                catch (HttpRequestException) { return null; }
            }
        }
        """);

    // ---- 2. Recursion ---------------------------------------------------------------------------------------------

    [Fact]
    public Task A_method_calling_itself_after_rejecting_the_answer_is_a_retry() => VerifyAsync(
        """
        class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt, int attempt = 0)
            {
                var response = await chat.{|#0:GetResponseAsync|}(prompt);
                if (string.IsNullOrWhiteSpace(response.Text) && attempt < 3)
                {
                    await Task.Delay(500 * (attempt + 1));
                    return await AskAsync(prompt, attempt + 1);
                }

                return response.Text;
            }

            public async Task<string> WithMessagesAsync(string question, int retries = 2)
            {
                var messages = new List<ChatMessage> { new(ChatRole.System, "Answer in JSON."), new(ChatRole.User, question) };
                var response = await chat.{|#1:GetResponseAsync|}(messages);
                var text = response.Text.Trim();
                if (!text.StartsWith("{") && retries > 0)
                    return await WithMessagesAsync(question, retries - 1).ConfigureAwait(false);
                return text;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "recursive call to AskAsync that asks again after rejecting the answer"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "recursive call to WithMessagesAsync that asks again after rejecting the answer"));

    [Fact]
    public Task Recursion_that_changes_the_request_is_not_a_retry() => VerifyAsync(
        """
        class Asker(IChatClient chat)
        {
            private readonly List<ChatMessage> history = new();

            // Falls back to a request without the image.
            public async Task<string?> DescribeAsync(string prompt, byte[]? image)
            {
                var message = new ChatMessage(ChatRole.User, prompt);
                if (image is not null) message.Contents.Add(new DataContent(image, "image/png"));
                var response = await chat.GetResponseAsync([message]);
                if (string.IsNullOrEmpty(response.Text) && image is not null)
                    return await DescribeAsync(prompt, null);
                return response.Text;
            }

            // Sends the rejected answer back.
            public async Task<string> FixAsync(string prompt, int attempt = 0)
            {
                var response = await chat.GetResponseAsync(prompt);
                if (!response.Text.StartsWith("{") && attempt < 3)
                    return await FixAsync(prompt + "\nNot JSON: " + response.Text, attempt + 1);
                return response.Text;
            }

            // A conversation kept in a field grows on every run.
            public async Task<string> ChatAsync(string input, int attempt = 0)
            {
                history.Add(new ChatMessage(ChatRole.User, input));
                var response = await chat.GetResponseAsync(history);
                if (string.IsNullOrEmpty(response.Text) && attempt < 2)
                    return await ChatAsync(input, attempt + 1);
                history.AddMessages(response);
                return response.Text;
            }

            // Keeps every answer: a continuation, not a retry.
            public async Task<string> ContinueAsync(string prompt, int depth = 0)
            {
                var response = await chat.GetResponseAsync(prompt);
                if (response.FinishReason == ChatFinishReason.Length && depth < 3)
                    return response.Text + await ContinueAsync(prompt + response.Text, depth + 1);
                return response.Text;
            }

            // Checks a verdict: the answer itself is never returned.
            public async Task<bool> IsSafeAsync(string text, int attempt = 0)
            {
                var response = await chat.GetResponseAsync("Is this safe? " + text);
                if (response.Text.Length == 0 && attempt < 2)
                    return await IsSafeAsync(text, attempt + 1);
                return true;
            }
        }
        """);

    [Fact]
    public Task Recursion_on_an_agent_session_or_a_freshly_built_prompt_is_not_a_retry() => VerifyAsync(
        """
        using Microsoft.Agents.AI;

        class Planner(AIAgent agent, IChatClient chat, Func<Task<string>> readNews)
        {
            // Each run appends to the session: the next run is a different request.
            public async Task<string> PlanAsync(string goal, AgentSession session, int attempt = 0)
            {
                var response = await agent.RunAsync(goal, session);
                if (!response.Text.StartsWith("{") && attempt < 2)
                    return await PlanAsync(goal, session, attempt + 1);
                return response.Text;
            }

            // The prompt is rebuilt from fresh data on every run.
            public async Task<string> BriefAsync(string topic, int attempt = 0)
            {
                var news = await readNews();
                var response = await chat.GetResponseAsync($"Brief me on {topic}: {news}");
                if (response.Text.Length == 0 && attempt < 2)
                    return await BriefAsync(topic, attempt + 1);
                return response.Text;
            }
        }
        """);

    [Fact]
    public Task Recursive_and_goto_retries_from_the_catch_stay_reported_and_a_rate_limit_only_one_does_not() => VerifyAsync(
        """
        static class ChatExtensions
        {
            public static async Task<ChatResponse> AskWithRetryAsync(this IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken ct = default, int maxRetry = 5)
            {
                try
                {
                    return await chat.{|#0:GetResponseAsync|}(messages, options, ct);
                }
                catch (Exception)
                {
                    await Task.Delay(10000, ct);
                    return await chat.AskWithRetryAsync(messages, options, ct, maxRetry - 1);
                }
            }

            public static async Task<ChatResponse> AskOnRateLimitAsync(this IChatClient chat, IEnumerable<ChatMessage> messages, int maxRetry = 5)
            {
                try
                {
                    return await chat.GetResponseAsync(messages);
                }
                catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && maxRetry > 0)
                {
                    await Task.Delay(10000);
                    return await chat.AskOnRateLimitAsync(messages, maxRetry - 1);
                }
            }

            public static async Task<string> AskWithGotoAsync(this IChatClient chat, string prompt)
            {
                var attempt = 0;
            retry:
                try { return (await chat.{|#1:GetResponseAsync|}(prompt)).Text; }
                catch (HttpRequestException) when (attempt < 3)
                {
                    attempt++;
                    await Task.Delay(1000);
                    goto retry;
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "recursive call to AskWithRetryAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "goto retry"));

    // ---- AIL0004: keys built from the counter of a goto or recursive retry -----------------------------------------

    private const string Gateway = """
        class Gateway(IChatClient chat)
        {
            public async Task<string> CompleteAsync(string prompt, [IdempotencyKey] string key) => (await chat.GetResponseAsync(prompt)).Text;
        }

        """;

    [Fact]
    public Task Key_built_from_the_attempt_of_a_recursive_or_goto_retry_is_fresh() => VerifyKeysAsync(
        Gateway + """
        class Asker(Gateway gateway)
        {
            public async Task<string> RecursiveAsync(string id, string prompt, int attempt = 0)
            {
                try { return await gateway.CompleteAsync(prompt, {|#0:$"{id}-{attempt}"|}); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    return await RecursiveAsync(id, prompt, attempt + 1);
                }
            }

            public async Task<string> GotoAsync(string id, string prompt)
            {
                var attempt = 0;
            retry:
                try { return await gateway.CompleteAsync(prompt, {|#1:$"{id}-{attempt}"|}); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    attempt++;
                    goto retry;
                }
            }

            public async Task<string> GotoCountingAtTheLabelAsync(string id, string prompt)
            {
                var attempt = 0;
            retry:
                attempt++;
                try { return await gateway.CompleteAsync(prompt, {|#2:id + ":" + attempt|}); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    goto retry;
                }
            }
        }
        """,
        Diagnostic("AIL0004").WithLocation(0).WithArguments("CompleteAsync", "recursive call to RecursiveAsync"),
        Diagnostic("AIL0004").WithLocation(1).WithArguments("CompleteAsync", "goto retry"),
        Diagnostic("AIL0004").WithLocation(2).WithArguments("CompleteAsync", "goto retry"));

    [Fact]
    public Task Stable_keys_in_recursive_and_goto_retries_are_fine() => VerifyKeysAsync(
        Gateway + """
        class Asker(Gateway gateway)
        {
            public async Task<string> RecursiveAsync(string id, string prompt, int attempt = 0)
            {
                try { return await gateway.CompleteAsync(prompt, $"summary:{id}"); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    await Task.Delay(100 * (attempt + 1));
                    return await RecursiveAsync(id, prompt, attempt + 1);
                }
            }

            // The id is passed on unchanged: not a counter even though the method calls itself.
            public async Task<string> PassedOnAsync(string id, string prompt, int attempt = 0)
            {
                try { return await gateway.CompleteAsync(prompt, id); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    return await PassedOnAsync(id, prompt, attempt + 1);
                }
            }

            // Walks pages by calling itself outside the catch; the catch retries the same page.
            public async Task<string> PagedAsync(string id, string[] pages, int page = 0)
            {
                string text;
                try { text = await gateway.CompleteAsync(pages[page], $"{id}-{page}"); }
                catch (HttpRequestException)
                {
                    return await PagedAsync(id, pages, page);
                }

                if (page + 1 < pages.Length)
                    return text + await PagedAsync(id, pages, page + 1);
                return text;
            }

            public async Task<string> GotoAsync(string id, string prompt)
            {
                var attempt = 0;
                var key = $"summary:{id}";
            retry:
                try { return await gateway.CompleteAsync(prompt, key); }
                catch (HttpRequestException) when (attempt < 3)
                {
                    attempt++;
                    await Task.Delay(100 * attempt);
                    goto retry;
                }
            }
        }
        """);

    // ---- Broken code --------------------------------------------------------------------------------------------

    [Fact]
    public Task Half_typed_recursion_and_brace_less_loops_do_not_crash() => RetryTestSupport.VerifyAsync(Id, LocalUsings + """
        class Asker(IChatClient chat)
        {
            public async Task<string> AskAsync(string prompt, int attempt = 0)
            {
                var response = await chat.GetResponseAsync(prompt);
                if (string.IsNullOrWhiteSpace(response.Text) && attempt < 3)
                    return await {|CS0103:Missing|}(prompt, attempt + 1);
                for (var i = 0; response is null && i < 3; i++)
                    response = await chat.GetResponseAsync({|CS0103:undefinedPrompt|});
                return response.Text;
            }
        }
        """);
}
