using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Self-correction whose feedback is kept in a local declared before the loop (the real shape: a structured-output
/// batch translator whose catch keeps <c>lastError = ex</c> and whose next pass rebuilds its messages, appending
/// "Your previous response was invalid: ..." when there is an error). The next request carries what went wrong, so it
/// is a new request and not a retry (AIL0001 "Not a retry", self-correction). The twins where the kept error never
/// reaches the request, or where nothing changes between passes, stay reported.
/// </summary>
public class SelfCorrectionLocalFeedbackTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using Microsoft.Extensions.Logging;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        sealed record Ticket(string Id, string Body);
        sealed record Summary(string Id, string Text);
        sealed record SummaryBatch(List<Summary> Items);

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source);

    /// <summary>
    /// The real shape: messages rebuilt in the try each pass, and <c>if (attempt > 1 &amp;&amp; lastError is not null)</c>
    /// appends the kept exception's message as a user turn.
    /// </summary>
    [Fact]
    public Task Exception_kept_in_a_local_and_appended_to_the_rebuilt_messages_is_not_a_retry() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat, int maxAttempts = 3)
        {
            public async Task<List<Summary>> SummarizeAsync(IReadOnlyList<Ticket> tickets, CancellationToken ct)
            {
                Exception? lastError = null;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        var messages = new List<ChatMessage>
                        {
                            new(ChatRole.System, "Summarize each ticket in one sentence."),
                            new(ChatRole.User, string.Join("\n", tickets.Select(t => $"<{t.Id}> {t.Body}"))),
                        };
                        if (attempt > 1 && lastError is not null)
                        {
                            messages.Add(new ChatMessage(ChatRole.User,
                                $"Your previous response was invalid: {lastError.Message}. Answer for every ticket id."));
                        }

                        var response = await chat.GetResponseAsync<SummaryBatch>(messages, options: null, useJsonSchemaResponseFormat: true, ct);
                        if (!response.TryGetResult(out var batch) || batch is null)
                        {
                            throw new InvalidOperationException("The answer did not match the schema.");
                        }

                        return batch.Items;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        lastError = ex;
                    }
                }

                throw new InvalidOperationException("No valid summary.", lastError);
            }
        }
        """);

    /// <summary>The error text kept as a string, and the appended message built by concatenation.</summary>
    [Fact]
    public Task Error_message_kept_as_a_string_and_appended_is_not_a_retry() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<List<Summary>> SummarizeAsync(IReadOnlyList<Ticket> tickets)
            {
                string? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.User, string.Join("\n", tickets.Select(t => t.Body))) };
                    if (lastError != null)
                    {
                        messages.Add(new ChatMessage(ChatRole.User, "Your previous response was invalid: " + lastError));
                    }

                    try
                    {
                        var response = await chat.GetResponseAsync(messages);
                        return JsonSerializer.Deserialize<SummaryBatch>(response.Text)!.Items;
                    }
                    catch (JsonException ex)
                    {
                        lastError = ex.Message;
                    }
                }

                return [];
            }
        }
        """);

    /// <summary>The prompt picked by a conditional on the kept error.</summary>
    [Fact]
    public Task Prompt_chosen_by_a_conditional_on_the_kept_error_is_not_a_retry() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<SummaryBatch?> SummarizeAsync(string tickets)
            {
                string? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var prompt = lastError is null
                        ? $"Summarize as JSON:\n{tickets}"
                        : $"Summarize as JSON:\n{tickets}\nYour previous response was invalid: {lastError}";
                    try
                    {
                        var response = await chat.GetResponseAsync(prompt);
                        return JsonSerializer.Deserialize<SummaryBatch>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        lastError = ex.Message;
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>The messages built by a helper that is given the kept error.</summary>
    [Fact]
    public Task Messages_built_by_a_helper_given_the_kept_error_is_not_a_retry() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<SummaryBatch?> SummarizeAsync(IReadOnlyList<Ticket> tickets)
            {
                string? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await chat.GetResponseAsync(BuildMessages(tickets, lastError));
                        return JsonSerializer.Deserialize<SummaryBatch>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        lastError = ex.Message;
                    }
                }

                return null;
            }

            private static List<ChatMessage> BuildMessages(IReadOnlyList<Ticket> tickets, string? lastError)
            {
                var messages = new List<ChatMessage> { new(ChatRole.User, string.Join("\n", tickets.Select(t => t.Body))) };
                if (lastError is not null)
                {
                    messages.Add(new ChatMessage(ChatRole.User, $"Your previous response was invalid: {lastError}"));
                }

                return messages;
            }
        }
        """);

    /// <summary>
    /// A validator's verdict kept in the local (<c>lastError = validationError</c>) before going round: a result loop
    /// whose next pass sends the verdict back. (Quiet before the appended inputs were read too: a result loop that keeps
    /// a verdict in a local outliving the pass is not read as a result retry, whether or not the verdict is sent.)
    /// </summary>
    [Fact]
    public Task Validation_error_kept_in_a_local_and_appended_is_not_a_retry() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<SummaryBatch?> SummarizeAsync(IReadOnlyList<Ticket> tickets)
            {
                string? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.User, string.Join("\n", tickets.Select(t => t.Body))) };
                    if (lastError is not null)
                    {
                        messages.Add(new ChatMessage(ChatRole.User, $"Your previous response was invalid: {lastError}"));
                    }

                    var response = await chat.GetResponseAsync(messages);
                    var validationError = response.Text.Contains("\"Items\"", StringComparison.Ordinal) ? null : "the answer has no Items array";
                    if (validationError is null)
                    {
                        return JsonSerializer.Deserialize<SummaryBatch>(response.Text);
                    }

                    lastError = validationError;
                }

                return null;
            }
        }
        """);

    /// <summary>A prompt builder local (<c>StringBuilder</c>) that appends the kept error.</summary>
    [Fact]
    public Task Kept_error_appended_to_a_prompt_builder_is_not_a_retry() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<SummaryBatch?> SummarizeAsync(string tickets)
            {
                string? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var prompt = new StringBuilder("Summarize as JSON:\n").Append(tickets);
                    if (lastError is not null)
                    {
                        prompt.AppendLine().Append("Your previous response was invalid: ").Append(lastError);
                    }

                    try
                    {
                        var response = await chat.GetResponseAsync(prompt.ToString());
                        return JsonSerializer.Deserialize<SummaryBatch>(response.Text);
                    }
                    catch (JsonException ex)
                    {
                        lastError = ex.Message;
                    }
                }

                return null;
            }
        }
        """);

    // ---- Reported twins ------------------------------------------------------------------------------------------------

    /// <summary>The kept error is only logged before the next pass; the request is the same, so the loop re-sends it.</summary>
    [Fact]
    public Task Kept_error_only_logged_is_reported() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat, ILogger<TicketSummarizer> logger)
        {
            public async Task<List<Summary>> SummarizeAsync(IReadOnlyList<Ticket> tickets, CancellationToken ct)
            {
                Exception? lastError = null;
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        var messages = new List<ChatMessage>
                        {
                            new(ChatRole.User, string.Join("\n", tickets.Select(t => $"<{t.Id}> {t.Body}"))),
                        };
                        if (attempt > 1 && lastError is not null)
                        {
                            logger.LogWarning("Attempt {Attempt} after: {Error}", attempt, lastError.Message);
                        }

                        var response = await chat.[|GetResponseAsync|]<SummaryBatch>(messages, options: null, useJsonSchemaResponseFormat: true, ct);
                        if (!response.TryGetResult(out var batch) || batch is null)
                        {
                            throw new InvalidOperationException("The answer did not match the schema.");
                        }

                        return batch.Items;
                    }
                    catch (HttpRequestException ex)
                    {
                        lastError = ex;
                    }
                }

                throw new InvalidOperationException("No valid summary.", lastError);
            }
        }
        """);

    /// <summary>The kept error is appended to a list that is not sent (a diagnostics log), so the request stays the same.</summary>
    [Fact]
    public Task Kept_error_appended_to_a_list_that_is_not_sent_is_reported() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<SummaryBatch?> SummarizeAsync(IReadOnlyList<Ticket> tickets, List<string> problems)
            {
                string? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.User, string.Join("\n", tickets.Select(t => t.Body))) };
                    var notes = new List<string>();
                    if (lastError != null)
                    {
                        notes.Add("Your previous response was invalid: " + lastError);
                    }

                    try
                    {
                        var response = await chat.[|GetResponseAsync|](messages);
                        return JsonSerializer.Deserialize<SummaryBatch>(response.Text);
                    }
                    catch (HttpRequestException ex)
                    {
                        lastError = ex.Message;
                        problems.AddRange(notes);
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>
    /// The catch appends the error to the list, but the list is declared anew on the next pass: the error never reaches
    /// a request, and the same request is sent again.
    /// </summary>
    [Fact]
    public Task Error_appended_in_the_catch_to_a_list_the_next_pass_rebuilds_is_reported() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<SummaryBatch?> SummarizeAsync(string tickets)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.User, tickets) };
                    try
                    {
                        var response = await chat.[|GetResponseAsync|](messages);
                        return JsonSerializer.Deserialize<SummaryBatch>(response.Text);
                    }
                    catch (HttpRequestException ex)
                    {
                        messages.Add(new ChatMessage(ChatRole.User, "Your previous response was invalid: " + ex.Message));
                    }
                }

                return null;
            }
        }
        """);

    /// <summary>The request does not change between passes; the kept error is read only after the loop.</summary>
    [Fact]
    public Task Unchanged_request_with_the_error_kept_for_the_final_throw_is_reported() => VerifyAsync("""
        sealed class TicketSummarizer(IChatClient chat)
        {
            public async Task<List<Summary>> SummarizeAsync(IReadOnlyList<Ticket> tickets, CancellationToken ct)
            {
                Exception? lastError = null;
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        var messages = new List<ChatMessage> { new(ChatRole.User, string.Join("\n", tickets.Select(t => t.Body))) };
                        messages.Add(new ChatMessage(ChatRole.User, "Answer for every ticket id."));
                        var response = await chat.[|GetResponseAsync|]<SummaryBatch>(messages, options: null, useJsonSchemaResponseFormat: true, ct);
                        if (!response.TryGetResult(out var batch) || batch is null)
                        {
                            throw new InvalidOperationException("The answer did not match the schema.");
                        }

                        return batch.Items;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        lastError = ex;
                    }
                }

                throw new InvalidOperationException("No valid summary.", lastError);
            }
        }
        """);

    /// <summary>Half-typed code: an append with no argument, an undeclared error local, an unfinished call. No crash, no diagnostic.</summary>
    [Fact]
    public Task Half_typed_append_in_the_loop_reports_nothing()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                sealed class TicketSummarizer(IChatClient chat)
                {
                    public async Task<SummaryBatch?> SummarizeAsync(string tickets)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var messages = new List<ChatMessage> { new(ChatRole.User, tickets) };
                            messages.Add();
                            messages.Add(new ChatMessage(ChatRole.User, "Invalid: " + lastError));
                            messages.Append(
                            try
                            {
                                var response = await chat.GetResponseAsync(messages);
                                return JsonSerializer.Deserialize<SummaryBatch>(response.Text);
                            }
                            catch (JsonException ex)
                            {
                                lastError = ex.Message;
                            }
                        }

                        return null;
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        return test.RunAsync();
    }
}
