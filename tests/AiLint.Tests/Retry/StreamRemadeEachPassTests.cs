using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// The nested hand-written stream retry that real helpers write (SaffetHakanKocak/aygaz-ecommerce-agent,
/// <c>AiProviderRetryExecutor.ExecuteStreamingAsync</c>): an outer loop makes a NEW enumerator on each pass, an inner
/// loop reads it with <c>MoveNextAsync</c> in a try (so the <c>yield return</c> sits outside it), a catch breaks out with
/// <c>retry = true</c>, and <c>if (retry) { await Task.Delay(d); continue; }</c> after the inner loop makes the stream
/// again: the same request, after parts were already yielded (AIL0002). The end of the stream leaves by <c>goto done</c>
/// or by a flag. Real Microsoft.Extensions.AI and OpenAI assemblies.
/// </summary>
public class StreamRemadeEachPassTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0002", Usings + Prelude + source, expected);

    /// <summary>OpenAI.Chat has a ChatMessage too; these tests use Microsoft.Extensions.AI's.</summary>
    internal const string Prelude = "using System.Net.Http;\nusing System.Runtime.CompilerServices;\nusing ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n";

    /// <summary>The goto form: the end of the stream jumps to a label after the outer loop; a failure breaks out and goes round.</summary>
    [Fact]
    public Task An_outer_loop_that_makes_a_new_enumerator_after_a_failure_left_by_goto_is_a_stream_retry() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var attempt = 0;
                while (true)
                {
                    var e = client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var retry = false;
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException) when (attempt++ < 3)
                        {
                            retry = true;
                            break;
                        }

                        yield return e.Current;
                    }

                    if (retry)
                    {
                        await Task.Delay(1000, ct);
                        continue;
                    }
                }

            done:
                yield break;
            }
        }
        """);

    /// <summary>
    /// The flag form under <c>for (;;)</c> with the enumerator disposed by <c>await using</c>: the end of the stream sets
    /// <c>finished</c> and breaks; after the inner loop <c>if (retry) ... continue;</c> then <c>if (finished) yield break;</c>.
    /// And <c>while (attempt &lt; max)</c> around OpenAI's <c>CompleteChatStreamingAsync</c>, the inner loop in a try/finally,
    /// with <c>hasNext</c> tested after the try and the loop simply falling round after a failure.
    /// </summary>
    [Fact]
    public Task An_outer_loop_that_makes_a_new_enumerator_after_a_failure_left_by_a_flag_is_a_stream_retry() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client, ChatClient openai)
        {
            public async IAsyncEnumerable<string?> FlagAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                for (;;)
                {
                    await using var e = client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var retry = false;
                    var finished = false;
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync())
                            {
                                finished = true;
                                break;
                            }
                        }
                        catch (HttpRequestException)
                        {
                            retry = true;
                            break;
                        }

                        yield return e.Current.Text;
                    }

                    if (retry)
                    {
                        await Task.Delay(500, ct);
                        continue;
                    }

                    if (finished) yield break;
                }
            }

            public async IAsyncEnumerable<string> CountedAsync(string question, [EnumeratorCancellation] CancellationToken ct = default)
            {
                const int max = 3;
                var attempt = 0;
                while (attempt < max)
                {
                    attempt++;
                    var e = openai.[|CompleteChatStreamingAsync|]([new UserChatMessage(question)], cancellationToken: ct).GetAsyncEnumerator(ct);
                    try
                    {
                        while (true)
                        {
                            bool hasNext;
                            try
                            {
                                hasNext = await e.MoveNextAsync();
                            }
                            catch (ClientResultException)
                            {
                                break;
                            }

                            if (!hasNext) yield break;
                            foreach (var part in e.Current.ContentUpdate)
                            {
                                yield return part.Text;
                            }
                        }
                    }
                    finally
                    {
                        await e.DisposeAsync();
                    }

                    await Task.Delay(1000, ct);
                }
            }
        }
        """);

    /// <summary>
    /// aygaz's helper as written: it takes the stream factory, so the call in the lambda passed to it is the one
    /// retried (AIL0002.md: a helper that takes <c>Func&lt;IAsyncEnumerable&lt;T&gt;&gt;</c> stays reported).
    /// </summary>
    [Fact]
    public Task A_helper_that_remakes_the_factory_stream_each_pass_retries_the_lambda_call() => VerifyAsync(
        NestedHelper.Replace("GUARD", "").Replace("CALL", "[|GetStreamingResponseAsync|]"));

    /// <summary>
    /// REPLACE: the helper's retry filter guard; CALL: the call in the lambda. Written as aygaz writes it: the outer
    /// <c>while (true)</c>, the inner <c>MoveNextAsync</c> loop left by <c>goto done</c>, <c>yieldedAny</c> set beside
    /// the <c>yield return</c>.
    /// </summary>
    internal const string NestedHelper = """
        public static class AiProviderRetryExecutor
        {
            public static async IAsyncEnumerable<T> ExecuteStreamingAsync<T>(
                Func<CancellationToken, IAsyncEnumerable<T>> streamFactory,
                [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                var attempt = 0;
                var yieldedAny = false;
                while (true)
                {
                    var enumerator = streamFactory(cancellationToken).GetAsyncEnumerator(cancellationToken);
                    var retry = false;
                    try
                    {
                        while (true)
                        {
                            try
                            {
                                if (!await enumerator.MoveNextAsync()) goto done;
                            }
                            catch (Exception ex) when (ex is not OperationCanceledException && GUARD attempt < 2)
                            {
                                retry = true;
                                break;
                            }

                            yieldedAny = true;
                            yield return enumerator.Current;
                        }
                    }
                    finally
                    {
                        await enumerator.DisposeAsync();
                    }

                    if (retry)
                    {
                        attempt++;
                        await Task.Delay(1000 * attempt, cancellationToken);
                        continue;
                    }
                }

            done:
                ;
            }
        }

        public sealed class ResilientChat(IChatClient inner)
        {
            public IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> messages, CancellationToken cancellationToken = default)
                => AiProviderRetryExecutor.ExecuteStreamingAsync(
                    ct => inner.CALL(messages, cancellationToken: ct),
                    cancellationToken);
        }
        """;

    /// <summary>
    /// Quiet twins real apps write next to it: a turn loop that appends the answer and the next question to the history
    /// and goes round; a catch that leaves (<c>throw</c>, <c>yield break</c>); a catch that keeps the failed enumerator
    /// (<c>continue</c> of the inner loop: a failed enumerator answers no more, nothing is sent again); a poll whose end
    /// of stream goes round on purpose; a catch that breaks out while the statements after the inner loop leave; and one
    /// that ends the outer loop through its condition (<c>failed = true;</c> under <c>while (!failed)</c>).
    /// </summary>
    [Fact]
    public Task Turn_loops_leaving_catches_kept_enumerators_and_polls_are_not_stream_retries() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<string> TurnLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                while (true)
                {
                    var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var retry = false;
                    var text = "";
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) break;
                        }
                        catch (HttpRequestException)
                        {
                            retry = true;
                            break;
                        }

                        text += e.Current.Text;
                        yield return e.Current.Text;
                    }

                    if (retry) continue;
                    messages.Add(new ChatMessage(ChatRole.Assistant, text));
                    var next = Console.ReadLine();
                    if (string.IsNullOrEmpty(next)) yield break;
                    messages.Add(new ChatMessage(ChatRole.User, next));
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> ThrowsAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                while (true)
                {
                    var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException ex)
                        {
                            throw new InvalidOperationException("The answer was interrupted.", ex);
                        }

                        yield return e.Current;
                    }
                }

            done:
                yield break;
            }

            public async IAsyncEnumerable<ChatResponseUpdate> YieldBreakAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                while (true)
                {
                    var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException)
                        {
                            yield break;
                        }

                        yield return e.Current;
                    }
                }

            done:
                ;
            }

            public async IAsyncEnumerable<ChatResponseUpdate> KeepsEnumeratorAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var failures = 0;
                while (true)
                {
                    var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    while (failures < 3)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException)
                        {
                            failures++;
                            await Task.Delay(1000, ct);
                            continue;
                        }

                        yield return e.Current;
                    }

                    yield break;
                }

            done:
                ;
            }

            public async IAsyncEnumerable<string> PollAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                while (!ct.IsCancellationRequested)
                {
                    var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var retry = false;
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) break;
                        }
                        catch (HttpRequestException)
                        {
                            retry = true;
                            break;
                        }

                        yield return e.Current.Text;
                    }

                    if (retry)
                    {
                        await Task.Delay(1000, ct);
                        continue;
                    }

                    await Task.Delay(TimeSpan.FromMinutes(5), ct);
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> EndsAfterInnerLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                while (true)
                {
                    var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var failed = false;
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) break;
                        }
                        catch (HttpRequestException)
                        {
                            failed = true;
                            break;
                        }

                        yield return e.Current;
                    }

                    if (failed) Console.WriteLine("The answer was interrupted.");
                    yield break;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> EndsByConditionAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var failed = false;
                while (!failed)
                {
                    var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException)
                        {
                            failed = true;
                            break;
                        }

                        yield return e.Current;
                    }
                }

            done:
                ;
            }
        }
        """);

    [Fact]
    public Task Half_typed_nested_stream_loops_do_not_crash_or_report() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        MarkupDiagnosticId = "AIL0002",
        TestCode = Usings + Prelude + """

            public sealed class Svc(IChatClient client)
            {
                public async IAsyncEnumerable<ChatResponseUpdate> MisspeltAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    while (true)
                    {
                        var e = client.GetStreamingResponsAsync(messages, ct).GetAsyncEnumerator(ct);
                        var retry = false;
                        while (true)
                        {
                            try
                            {
                                if (!await e.MoveNextAsync()) goto done;
                            }
                            catch (Exception)
                            {
                                retry = ;
                                break;
                            }

                            yield return e.Current;
                        }

                        if (retry) { continue; }
                    }

                done:
                    ;
                }

                public async IAsyncEnumerable<ChatResponseUpdate> UnknownFlagAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    while (true)
                    {
                        var e = client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        while (true)
                        {
                            try
                            {
                                if (!await e.MoveNextAsync()) goto finished;
                            }
                            catch (Exception)
                            {
                                retryIt = true;
                                break;
                            }

                            yield return e.Current;
                        }

                        if (retryIt) { continue; }
                    }
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
