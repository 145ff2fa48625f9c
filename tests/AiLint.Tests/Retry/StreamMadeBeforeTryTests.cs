using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 89, repro-1 (SaffetHakanKocak/aygaz-ecommerce-agent, <c>AiProviderRetryExecutor.ExecuteStreamingAsync</c>): the
/// hand-written <c>await foreach</c> with the enumerator made BEFORE the try
/// (<c>stream ??= factory(ct).GetAsyncEnumerator(ct); try { hasNext = await stream.MoveNextAsync(); } catch { stream = null; continue; }</c>).
/// The call is in no try, so the finder's try reading missed it; the catch that resets the local and goes round makes a
/// new stream, the same request again. Real Microsoft.Extensions.AI assemblies.
/// </summary>
public class StreamMadeBeforeTryTests
{
    private static Task VerifyAsync(string source) =>
        RetryTestSupport.VerifyAsync("AIL0002", RetryTestSupport.Usings + Prelude + source);

    /// <summary>OpenAI.Chat has a ChatMessage too; these tests use Microsoft.Extensions.AI's.</summary>
    private const string Prelude = "using System.Net.Http;\nusing System.Runtime.CompilerServices;\nusing ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n";

    /// <summary>Probe p9: the direct form, under <c>while (true)</c>.</summary>
    [Fact]
    public Task A_catch_that_remakes_a_stream_made_before_the_try_is_a_retry() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
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
    /// repro-1 reduced to the <c>??=</c> form: a helper taking <c>Func&lt;CancellationToken, IAsyncEnumerable&lt;T&gt;&gt;</c>
    /// that re-opens the stream after a failed <c>MoveNextAsync</c>; GUARD is the catch filter's extra condition, CALL the
    /// call inside the lambda passed to it.
    /// </summary>
    private const string FactoryHelper = """
        public static class AiProviderRetryExecutor
        {
            public static async IAsyncEnumerable<T> ExecuteStreamingAsync<T>(
                Func<CancellationToken, IAsyncEnumerable<T>> streamFactory,
                [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                int attempt = 0;
                bool yieldedAny = false;
                IAsyncEnumerator<T>? enumerator = null;
                while (true)
                {
                    enumerator ??= streamFactory(cancellationToken).GetAsyncEnumerator(cancellationToken);
                    bool hasNext;
                    try
                    {
                        hasNext = await enumerator.MoveNextAsync();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException && GUARD attempt++ < 1)
                    {
                        enumerator = null;
                        await Task.Delay(1000, cancellationToken);
                        continue;
                    }

                    if (!hasNext) yield break;
                    yieldedAny = true;
                    yield return enumerator.Current;
                }
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
    /// Without a guard the helper re-opens the stream after parts were shown. AIL0002.md: "A helper that takes
    /// <c>Func&lt;IAsyncEnumerable&lt;T&gt;&gt;</c> may read it inside its own loop, so it stays reported", on the call
    /// inside the lambda passed to it.
    /// </summary>
    [Fact]
    public Task A_helper_taking_a_stream_factory_that_remakes_it_before_the_try_retries_the_lambda_call() => VerifyAsync(
        FactoryHelper.Replace("GUARD", "").Replace("CALL", "[|GetStreamingResponseAsync|]"));

    /// <summary>
    /// The real helper's guard (<c>when (... &amp;&amp; !yieldedAny ...)</c>, the flag set once a part is yielded): the
    /// stream is re-opened only while nothing was shown, which the pages make AIL0001 (a re-sent request without a
    /// key), not AIL0002 (an answer replaced after part of it was seen).
    /// </summary>
    [Fact]
    public Task A_helper_that_remakes_the_stream_only_while_nothing_was_yielded_is_AIL0001_not_a_stream_retry() => VerifyAsync(
        FactoryHelper.Replace("GUARD", "!yieldedAny &&").Replace("CALL", "{|AIL0001:GetStreamingResponseAsync|}"));

    /// <summary>
    /// Twins real apps write next to it: a catch that leaves (throw, <c>yield break</c>), an enumerator kept through
    /// failures (the catch does not reset it: a failed enumerator answers no more, nothing is sent again), a catch that
    /// admits only 429s, and a chat turn loop that appends to the history before making the next stream.
    /// </summary>
    [Fact]
    public Task Loops_that_leave_keep_the_enumerator_wait_out_429s_or_take_turns_are_not_retries() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> ThrowsAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException ex)
                    {
                        responseStream = null;
                        throw new InvalidOperationException("stream failed", ex);
                    }

                    if (!hasNext) yield break;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> EndsOnFailureAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext = false;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        responseStream = null;
                        hasNext = false;
                    }

                    if (!hasNext) yield break;
                    yield return responseStream!.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> KeptThroughFailuresAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                int failures = 0;
                while (failures < 3)
                {
                    responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        failures++;
                        continue;
                    }

                    if (!hasNext) yield break;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> RateLimitOnlyAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        responseStream = null;
                        await Task.Delay(5000, ct);
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
                    responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException)
                    {
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext)
                    {
                        var next = Console.ReadLine();
                        if (next is null) yield break;
                        messages.Add(new ChatMessage(ChatRole.User, next));
                        responseStream = null;
                        continue;
                    }

                    yield return responseStream.Current;
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_streams_made_before_the_try_do_not_crash_or_report() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
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
                        responseStream ??= client.GetStreamingResponsAsync(messages, ct).GetAsyncEnumerator(ct);
                        bool hasNext;
                        try
                        {
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

                public async IAsyncEnumerable<UnknownUpdate> UnknownEnumeratorAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    IAsyncEnumerator<UnknownUpdate>? responseStream = null;
                    while (true)
                    {
                        responseStream ??= client.GetStreamingResponseAsync(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        try
                        {
                            hasNext = await responseStream.MoveNextAsync();
                        }
                        catch (Exception)
                        {
                            responseStream = null;
                            continue;
                        }

                        yield return responseStream.Current;
                    }
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
