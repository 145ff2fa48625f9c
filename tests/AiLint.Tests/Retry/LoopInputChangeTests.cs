using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// How a hand-written loop changes what the model call reads between passes, from the survivors of a mutation run on
/// <c>LoopRetryClassifier</c> (docs/testing.md): each way of changing the inputs makes the loop "not a retry" (a trimmed
/// history, a corrected prompt, the next model of a fallback list), and a change to something the call does not read
/// leaves it a retry.
/// </summary>
public class LoopInputChangeTests
{
    private const string Id = "AIL0001";

    private const string LoopUsings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, LoopUsings + source, expected);

    /// <summary>
    /// The catch edits the message list the call sends (drops the oldest turns after a context-length error, inserts a
    /// hint, starts over from a summary): the next pass sends a different request.
    /// </summary>
    [Theory]
    [InlineData("messages.RemoveAt(1);")]
    [InlineData("messages.RemoveRange(1, 2);")]
    [InlineData("messages.Insert(1, new ChatMessage(ChatRole.System, \"Answer in one sentence.\"));")]
    [InlineData("messages.Clear(); messages.Add(new ChatMessage(ChatRole.User, \"Summarize briefly.\"));")]
    public Task Editing_the_message_list_in_the_catch_is_not_a_retry(string edit) => VerifyAsync(
        $$"""
        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(List<ChatMessage> messages)
            {
                while (true)
                {
                    try { return (await client.GetResponseAsync(messages)).Text; }
                    catch (HttpRequestException) { {{edit}} }
                }
            }
        }
        """);

    [Fact]
    public Task Appending_to_the_prompt_builder_in_the_catch_is_not_a_retry() => VerifyAsync(
        """
        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(string question)
            {
                var prompt = new StringBuilder(question);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.GetResponseAsync(prompt.ToString())).Text; }
                    catch (HttpRequestException ex) { prompt.AppendLine().Append("The last attempt failed: ").Append(ex.Message); }
                }

                return "";
            }
        }
        """);

    /// <summary>Each pass takes the next question from a stack, a blocking collection or an async enumerator.</summary>
    [Theory]
    [InlineData("Stack<string>", "var question = work.Pop();")]
    [InlineData("Stack<string>", "if (!work.TryPop(out var question)) return \"\";")]
    [InlineData("BlockingCollection<string>", "var question = work.Take();")]
    [InlineData("ConcurrentQueue<string>", "if (!work.TryDequeue(out var question)) return \"\";")]
    public Task Taking_the_next_question_on_every_pass_is_not_a_retry(string type, string take) => VerifyAsync(
        $$"""
        class Desk(IChatClient client)
        {
            public async Task<string> FirstAnswerAsync({{type}} work)
            {
                while (true)
                {
                    {{take}}
                    try { return (await client.GetResponseAsync(question)).Text; }
                    catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task Advancing_an_async_enumerator_feeding_the_call_is_not_a_retry() => VerifyAsync(
        """
        class Desk(IChatClient client)
        {
            public async Task<string> FirstAnswerAsync(IAsyncEnumerable<string> questions)
            {
                await using var next = questions.GetAsyncEnumerator();
                while (await next.MoveNextAsync())
                {
                    try { return (await client.GetResponseAsync(next.Current)).Text; }
                    catch (HttpRequestException) { }
                }

                return "";
            }
        }
        """);

    /// <summary>The call reads <c>conversation.Messages</c>; the catch appends to that same list through the owner.</summary>
    [Fact]
    public Task Appending_to_a_list_reached_through_a_member_is_not_a_retry() => VerifyAsync(
        """
        class Conversation { public List<ChatMessage> Messages { get; } = new(); }

        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(Conversation conversation)
            {
                while (true)
                {
                    try { return (await client.GetResponseAsync(conversation.Messages)).Text; }
                    catch (HttpRequestException ex) { conversation.Messages.Add(new ChatMessage(ChatRole.User, "Error: " + ex.Message)); }
                }
            }
        }
        """);

    [Fact]
    public Task Reassigning_the_prompt_by_tuple_in_the_catch_is_not_a_retry() => VerifyAsync(
        """
        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(string prompt)
            {
                var attempt = 0;
                while (attempt < 3)
                {
                    try { return (await client.GetResponseAsync(prompt)).Text; }
                    catch (HttpRequestException) { (prompt, attempt) = (prompt + "\nBe brief.", attempt + 1); }
                }

                return "";
            }
        }
        """);

    /// <summary>Fallback lists walked by index or as name/client pairs: each pass calls something else.</summary>
    [Fact]
    public Task Fallback_lists_walked_by_index_or_by_pair_are_not_retries() => VerifyAsync(
        """
        class Fallback(IChatClient client)
        {
            public async Task<string> AskAsync(string question, string[] models)
            {
                for (var i = 0; i < models.Length; i++)
                {
                    try { return (await client.GetResponseAsync(question, new ChatOptions { ModelId = models[i] })).Text; }
                    catch (HttpRequestException) { }
                }

                return "";
            }

            public async Task<string> AskAnyAsync(string question, Dictionary<string, IChatClient> clients)
            {
                foreach (var (name, candidate) in clients)
                {
                    try { return (await candidate.GetResponseAsync(question)).Text; }
                    catch (HttpRequestException) { Console.WriteLine($"{name} failed"); }
                }

                return "";
            }
        }
        """);

    /// <summary>Recording the failure in a list the call does not read changes nothing that is sent: still a retry.</summary>
    [Fact]
    public Task Recording_failures_in_a_list_the_call_does_not_read_is_a_retry() => VerifyAsync(
        """
        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(string question, List<Exception> failures)
            {
                var errors = new StringBuilder();
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return (await client.{|#0:GetResponseAsync|}(question)).Text; }
                    catch (HttpRequestException ex) { failures.Add(ex); errors.AppendLine(ex.Message); }
                }

                throw new InvalidOperationException(errors.ToString());
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"));

    /// <summary>A recursive retry whose catch first appends to the history it passes back is a self-correction.</summary>
    [Fact]
    public Task Recursion_after_appending_to_the_history_is_not_a_retry() => VerifyAsync(
        """
        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(List<ChatMessage> history, int attempt = 0)
            {
                try
                {
                    return (await client.GetResponseAsync(history)).Text;
                }
                catch (HttpRequestException ex) when (attempt < 2)
                {
                    history.Add(new ChatMessage(ChatRole.User, "The last attempt failed: " + ex.Message));
                    return await AskAsync(history, attempt + 1);
                }
            }
        }
        """);
    // ---- How success leaves the loop -----------------------------------------------------------------------------

    /// <summary>
    /// A health probe sends the same prompt every minute. The <c>break</c> after the call leaves the <c>switch</c>, not
    /// the loop: a success goes round again, so the loop is a schedule, not a retry.
    /// </summary>
    [Fact]
    public Task A_break_out_of_a_switch_after_the_call_does_not_leave_the_loop() => VerifyAsync(
        """
        enum Probe { Chat, None }

        class HealthProbe(IChatClient client)
        {
            public async Task RunAsync(Probe probe, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    try
                    {
                        switch (probe)
                        {
                            case Probe.Chat:
                                var reply = await client.GetResponseAsync("ping", cancellationToken: ct);
                                Console.WriteLine(reply.Text);
                                break;
                        }

                        await Task.Delay(TimeSpan.FromMinutes(1), ct);
                    }
                    catch (HttpRequestException) { }
                }
            }
        }
        """);

    /// <summary>Both branches of an <c>if</c>/<c>else</c> return the call's result: success leaves the loop either way.</summary>
    [Fact]
    public Task A_call_returned_from_an_else_branch_is_a_retry() => VerifyAsync(
        """
        class Chat(IChatClient client)
        {
            public async Task<string> AskAsync(List<ChatMessage> messages, ChatOptions? options)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        if (options is null) return (await client.{|#0:GetResponseAsync|}(messages)).Text;
                        else return (await client.{|#1:GetResponseAsync|}(messages, options)).Text;
                    }
                    catch (HttpRequestException) when (attempt < 3) { await Task.Delay(500 * attempt); }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "for loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "for loop"));
}
