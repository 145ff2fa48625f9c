using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0004: a key built from the retry loop's own counter (<c>$"{ticketId}-{attempt}"</c>) is new on every attempt,
/// exactly like a fresh GUID, so the server cannot recognise the retry. The hoisting fix cannot apply to it.
/// </summary>
public class CounterDerivedKeyTests
{
    private const string Id = "AIL0004";

    private const string Gateway = """
        record SummaryRequest
        {
            public string Text { get; init; } = "";
            [IdempotencyKey] public string? RequestId { get; init; }
        }

        class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;

            public async Task<string> SummarizeAsync(SummaryRequest request) =>
                (await chat.CompleteChatAsync(new UserChatMessage(request.Text))).Value.Content[0].Text;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + Gateway + source, expected);

    [Fact]
    public Task Key_from_the_for_loop_counter_in_a_header_and_in_a_key_parameter() => VerifyAsync(
        """
        class Assistant(ChatClient chat, Gateway gateway)
        {
            public async Task<ClientResult> Raw(BinaryContent body, string ticketId)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        var options = new RequestOptions();
                        options.AddHeader("Idempotency-Key", {|#0:$"{ticketId}-{attempt}"|});
                        return await chat.CompleteChatAsync(body, options);
                    }
                    catch (ClientResultException) when (attempt < 3)
                    {
                        await Task.Delay(200 * attempt);
                    }
                }

                throw new InvalidOperationException();
            }

            public async Task<string> Typed(string text, string id)
            {
                for (int i = 0; i < 3; i++)
                {
                    try
                    {
                        return await gateway.SummarizeAsync(text, {|#1:$"{id}:{i}"|});
                    }
                    catch (ClientResultException) { }
                }

                return "";
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "for loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("SummarizeAsync", "for loop"));

    [Fact]
    public Task Key_from_a_local_the_while_loop_increments_concatenated_or_through_a_local() => VerifyAsync(
        """
        class Assistant(Gateway gateway)
        {
            public async Task<string> Concatenated(string text, string ticketId)
            {
                var attempt = 0;
                while (true)
                {
                    attempt++;
                    try
                    {
                        return await gateway.SummarizeAsync(text, {|#0:ticketId + "-" + attempt.ToString()|});
                    }
                    catch (ClientResultException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt));
                    }
                }
            }

            public async Task<string> ThroughALocal(string text, string ticketId)
            {
                var retries = 0;
                while (true)
                {
                    var key = {|#1:ticketId + "-" + retries|};
                    try
                    {
                        return await gateway.SummarizeAsync(new SummaryRequest { Text = text, RequestId = key });
                    }
                    catch (ClientResultException) when (retries < 3)
                    {
                        retries += 1;
                    }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "while loop"),
        Diagnostic(Id).WithLocation(1).WithArguments("SummarizeAsync", "while loop"));

    [Fact]
    public Task Key_from_a_counter_the_pipeline_callback_increments() => VerifyAsync(
        """
        class Assistant(Gateway gateway, ResiliencePipeline pipeline)
        {
            public async Task<string> M(string text, string ticketId)
            {
                var attempt = 0;
                return await pipeline.ExecuteAsync(async ct =>
                {
                    attempt++;
                    return await gateway.SummarizeAsync(text, {|#0:$"{ticketId}-{attempt}"|});
                });
            }

            // Counted for the log only; the key names the ticket.
            public async Task<string> N(string text, string ticketId)
            {
                var attempt = 0;
                return await pipeline.ExecuteAsync(async ct =>
                {
                    Console.WriteLine($"attempt {++attempt}");
                    return await gateway.SummarizeAsync(text, $"summary:{ticketId}");
                });
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Keys_from_the_request_only_or_hoisted_are_fine_whatever_the_counter_does() => VerifyAsync(
        """
        class Assistant(Gateway gateway)
        {
            public async Task<string> FromTheTicket(string text, string ticketId)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        // The counter is only logged and used for the back-off.
                        Console.WriteLine($"attempt {attempt} for {ticketId}");
                        return await gateway.SummarizeAsync(text, $"{ticketId}");
                    }
                    catch (ClientResultException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)));
                    }
                }

                return "";
            }

            public async Task<string> Hoisted(string text, string ticketId)
            {
                var key = $"summary:{ticketId}:{Guid.NewGuid():N}";
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await gateway.SummarizeAsync(text, key);
                    }
                    catch (ClientResultException) when (++attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    /// <summary>A key made lazily on the first attempt and kept (`??=`, or an `if` on null) is the correct code.</summary>
    [Fact]
    public Task A_key_made_once_inside_the_loop_and_kept_is_fine() => VerifyAsync(
        """
        class Assistant(Gateway gateway)
        {
            public async Task<string> Coalesced(string text)
            {
                string? requestId = null;
                for (var attempt = 0; ; attempt++)
                {
                    requestId ??= Guid.NewGuid().ToString();
                    try
                    {
                        return await gateway.SummarizeAsync(text, requestId);
                    }
                    catch (ClientResultException) when (attempt < 2)
                    {
                    }
                }
            }

            public async Task<string> Guarded(string text, string ticketId)
            {
                string? requestId = null;
                var attempt = 0;
                while (true)
                {
                    if (requestId is null)
                    {
                        requestId = $"{ticketId}-{attempt}";
                    }

                    try
                    {
                        return await gateway.SummarizeAsync(text, requestId);
                    }
                    catch (ClientResultException) when (++attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_batch_index_in_the_key_is_not_a_retry_counter() => VerifyAsync(
        """
        class Assistant(Gateway gateway)
        {
            // Each document is its own request: the index tells requests apart, it does not change between attempts.
            public async Task Batch(IReadOnlyList<string> documents, string batchId)
            {
                for (var i = 0; i < documents.Count; i++)
                {
                    try
                    {
                        await gateway.SummarizeAsync(documents[i], $"{batchId}-{i}");
                    }
                    catch (ClientResultException ex)
                    {
                        Console.WriteLine($"document {i} failed: {ex.Message}");
                        continue;
                    }
                }
            }

            // A retry inside the batch: the key names the item (outer index), not the attempt.
            public async Task BatchWithRetry(IReadOnlyList<string> documents, string batchId)
            {
                for (var i = 0; i < documents.Count; i++)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await gateway.SummarizeAsync(documents[i], $"{batchId}-{i}");
                            break;
                        }
                        catch (ClientResultException) { await Task.Delay(100 * attempt); }
                    }
                }
            }
        }
        """);

    [Fact]
    public Task The_outer_batch_index_and_the_inner_attempt_counter_reported_once() => VerifyAsync(
        """
        class Assistant(Gateway gateway)
        {
            public async Task BatchWithRetry(IReadOnlyList<string> documents, string batchId)
            {
                for (var i = 0; i < documents.Count; i++)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await gateway.SummarizeAsync(documents[i], {|#0:$"{batchId}-{i}-{attempt}"|});
                            break;
                        }
                        catch (ClientResultException) { await Task.Delay(100 * attempt); }
                    }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("SummarizeAsync", "for loop"));

    [Fact]
    public Task Fix_is_not_offered_for_a_counter_key() => new CodeFixTest<RetryAnalyzer, HoistIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + Gateway + """
            class Assistant(Gateway gateway)
            {
                public async Task<string> M(string text, string ticketId)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        var key = [|$"{ticketId}-{attempt}"|];
                        try
                        {
                            return await gateway.SummarizeAsync(text, key);
                        }
                        catch (ClientResultException) { }
                    }

                    return "";
                }
            }
            """,
        FixedCode = Usings + Gateway + """
            class Assistant(Gateway gateway)
            {
                public async Task<string> M(string text, string ticketId)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        var key = [|$"{ticketId}-{attempt}"|];
                        try
                        {
                            return await gateway.SummarizeAsync(text, key);
                        }
                        catch (ClientResultException) { }
                    }

                    return "";
                }
            }
            """,
    }.RunAsync();
}
