using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 89 (SaffetHakanKocak/aygaz-ecommerce-agent, AiProviderRetryExecutor.ExecuteStreamingAsync; repro-2, repro-3):
/// the hand-written form of <c>await foreach</c> (an enumerator kept with <c>??=</c> in a local declared before the
/// loop, a <c>MoveNextAsync</c> in the try so the <c>yield return</c> can sit outside it) is a retry when a catch sets
/// the local back to <c>null</c> and goes round: the next pass makes a new stream, which is the same request again.
/// That holds whatever the loop's condition reads (<c>while (true)</c> was missed), and it does not hold when the
/// failure path always leaves (<c>if (!hasNext) yield break;</c> right after a catch that falls out: repro-3 was
/// reported). Real Microsoft.Extensions.AI assemblies.
/// </summary>
public class HandWrittenStreamRetryTests
{
    private static Task VerifyAsync(string source) =>
        RetryTestSupport.VerifyAsync("AIL0002", RetryTestSupport.Usings + Prelude + source);

    /// <summary>OpenAI.Chat has a ChatMessage too; these tests use Microsoft.Extensions.AI's.</summary>
    private const string Prelude = "using System.Net.Http;\nusing System.Runtime.CompilerServices;\nusing ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n";

    /// <summary>repro-2's TrueLoopAsync: the body reported under <c>while (!response.IsError)</c>, written under <c>while (true)</c>.</summary>
    [Fact]
    public Task A_catch_that_remakes_the_stream_under_while_true_is_a_retry() => VerifyAsync(
        """
        public record Reply(string? Message = null, bool IsError = false);

        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<Reply> TrueLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var response = new Reply();
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    try
                    {
                        responseStream ??= client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        if (!await responseStream.MoveNextAsync())
                        {
                            yield break;
                        }

                        response = response with { Message = responseStream.Current.Text };
                    }
                    catch (Exception)
                    {
                        responseStream = null;
                        await Task.Delay(500, ct);
                        continue;
                    }

                    yield return response;
                }
            }
        }
        """);

    /// <summary>
    /// The same loop with the real helper's guard (<c>when (!yieldedAny)</c>, the flag set once a part is yielded): the
    /// stream is remade only while nothing was shown, so the user saw none of the failed attempt. That is AIL0001's case
    /// (the request is sent again without a key), not "the user has already partly seen" it.
    /// </summary>
    [Fact]
    public Task A_catch_that_remakes_the_stream_only_while_nothing_was_yielded_is_AIL0001_not_a_stream_retry() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<string?> GuardedAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var yieldedAny = false;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    string? text;
                    try
                    {
                        responseStream ??= client.{|AIL0001:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        if (!await responseStream.MoveNextAsync())
                        {
                            yield break;
                        }

                        text = responseStream.Current.Text;
                    }
                    catch (Exception) when (!yieldedAny)
                    {
                        responseStream = null;
                        await Task.Delay(500, ct);
                        continue;
                    }

                    yieldedAny = true;
                    yield return text;
                }
            }
        }
        """);

    /// <summary>Probe p10: <c>hasNext</c> set in the try, the catch remakes and <c>continue</c>s, the loop yields after the try.</summary>
    [Fact]
    public Task A_has_next_loop_whose_catch_remakes_the_stream_and_continues_is_a_retry() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        responseStream ??= client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        responseStream = null;
                        await Task.Delay(1000, ct);
                        continue;
                    }

                    if (!hasNext) yield break;
                    yield return responseStream.Current;
                }
            }
        }
        """);

    /// <summary>
    /// repro-3 (probe-only false positive): the catch falls out with <c>hasNext</c> still false, and the next statement
    /// leaves. A failure ends the iterator; nothing is sent again, under either loop condition.
    /// </summary>
    [Fact]
    public Task A_catch_whose_failure_path_yields_break_is_not_a_retry() => VerifyAsync(
        """
        public record Reply(string? Message = null, bool IsError = false);

        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<Reply> StopOnErrorAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var response = new Reply();
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (!response.IsError)
                {
                    bool hasNext = false;
                    try
                    {
                        responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (Exception)
                    {
                        responseStream = null;
                        await Task.Delay(500, ct);
                    }

                    if (!hasNext) yield break;
                    response = response with { Message = responseStream!.Current.Text };
                    yield return response;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> StopOnErrorTrueLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    var hasNext = false;
                    try
                    {
                        responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        responseStream = null;
                    }

                    if (hasNext == false)
                    {
                        yield break;
                    }

                    yield return responseStream!.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> BreakOutAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    bool hasNext = false;
                    try
                    {
                        responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        responseStream = null;
                        hasNext = false;
                    }

                    if (!hasNext) break;
                    yield return responseStream!.Current;
                }
            }
        }
        """);

    /// <summary>
    /// The twin that falls out of the catch but whose flag may already be true (something after <c>MoveNextAsync</c> in
    /// the try failed): the pass goes round with a new stream, so it is still a retry.
    /// </summary>
    [Fact]
    public Task A_flag_set_before_a_later_failure_in_the_try_still_goes_round() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<string> StreamAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    bool hasNext = false;
                    string text = "";
                    try
                    {
                        responseStream ??= client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        hasNext = await responseStream.MoveNextAsync();
                        text = responseStream.Current.Text.Trim();
                    }
                    catch (Exception)
                    {
                        responseStream = null;
                    }

                    if (!hasNext) yield break;
                    yield return text;
                }
            }
        }
        """);

    /// <summary>Quiet twins: a catch that ends the stream, an enumerator kept through failures, a turn loop.</summary>
    [Fact]
    public Task Loops_that_end_on_failure_keep_the_enumerator_or_ask_something_new_are_not_retries() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> EndsOnFailureAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        responseStream = null;
                        yield break;
                    }

                    if (!hasNext) yield break;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> KeptAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000, ct);
                        continue;
                    }

                    if (!hasNext) yield break;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> TurnLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    if (responseStream is null)
                    {
                        var question = Console.ReadLine();
                        if (string.IsNullOrEmpty(question)) yield break;
                        messages.Add(new ChatMessage(ChatRole.User, question));
                    }

                    try
                    {
                        responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        if (!await responseStream.MoveNextAsync())
                        {
                            responseStream = null;
                            continue;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Console.WriteLine("The answer failed; ask again.");
                        responseStream = null;
                        continue;
                    }

                    yield return responseStream.Current;
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_hand_written_stream_loops_do_not_crash() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        MarkupDiagnosticId = "AIL0002",
        TestCode = RetryTestSupport.Usings + Prelude + """

            public sealed class Svc(IChatClient client)
            {
                public async IAsyncEnumerable<ChatResponseUpdate> MisspeltAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                    while (true)
                    {
                        bool hasNext = false;
                        try
                        {
                            responseStream ??= client.GetStreamingResponsAsync(messages, ct).GetAsyncEnumerator(ct);
                            hasNext = await responseStream.MoveNextAsync();
                        }
                        catch (Exception)
                        {
                            responseStream = ;
                            continue;
                        }

                        if (!hasNx) yield break;
                        yield return responseStream.Current;
                    }
                }

                public async IAsyncEnumerable<ChatResponseUpdate> UnknownFlagAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                    while (true)
                    {
                        try
                        {
                            responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                            hasNext = await responseStream.MoveNextAsync();
                        }
                        catch (Exception)
                        {
                            responseStream = null;
                        }

                        if (!hasNext) yield break;
                        yield return responseStream.Current;
                    }
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
