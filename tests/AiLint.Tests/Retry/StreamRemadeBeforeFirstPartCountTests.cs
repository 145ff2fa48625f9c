using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// The count form of the "nothing yielded yet" guard of a hand-written stream retry: <c>int yielded = 0;</c> before the
/// loop, <c>yielded++;</c> beside the <c>yield return</c>, and a catch that goes round only while it is still zero
/// (<c>when (yielded == 0)</c>, <c>if (yielded &gt; 0) throw;</c>, <c>if (count != 0) throw;</c>). It says what the bool
/// flag of <see cref="StreamRemadeBeforeFirstPartTests"/> says, so it is read the same way: AIL0001 (a re-send the user
/// saw none of), not AIL0002. A count that is not "parts yielded so far" keeps AIL0002.
/// </summary>
public class StreamRemadeBeforeFirstPartCountTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", Usings + StreamRemadeEachPassTests.Prelude + source, expected);

    /// <summary>The in-try, made-before-try and nested forms, each guarded by a count instead of a flag.</summary>
    [Fact]
    public Task Catches_that_go_round_only_while_the_yield_count_is_zero_are_AIL0001() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<string?> InTryAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                int yielded = 0;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    string? text;
                    try
                    {
                        responseStream ??= client.{|#0:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        if (!await responseStream.MoveNextAsync())
                        {
                            yield break;
                        }

                        text = responseStream.Current.Text;
                    }
                    catch (Exception) when (yielded == 0)
                    {
                        responseStream = null;
                        await Task.Delay(500, ct);
                        continue;
                    }

                    yielded++;
                    yield return text;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> BeforeTryAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var count = 0;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                for (var attempt = 0; ; attempt++)
                {
                    responseStream ??= client.{|#1:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                        if (count != 0) throw;
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    count += 1;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> NestedAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var yielded = 0;
                while (true)
                {
                    var e = client.{|#2:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var retry = false;
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException ex)
                        {
                            Console.WriteLine(ex.Message);
                            if (yielded > 0) throw;
                            retry = true;
                            break;
                        }

                        ++yielded;
                        yield return e.Current;
                    }

                    if (retry)
                    {
                        await Task.Delay(1000, ct);
                        continue;
                    }
                }

            done:
                ;
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "while loop"),
        Diagnostic("AIL0001").WithLocation(1).WithArguments("GetStreamingResponseAsync", "for loop"),
        Diagnostic("AIL0001").WithLocation(2).WithArguments("GetStreamingResponseAsync", "while loop"));

    /// <summary>aygaz's helper with the count in its filter (<c>when (... &amp;&amp; yielded == 0 &amp;&amp; attempt &lt; 2)</c>).</summary>
    [Fact]
    public Task The_nested_helper_with_a_zero_count_guard_is_AIL0001_on_the_lambda_call() => VerifyAsync(
        StreamRemadeEachPassTests.NestedHelper
            .Replace("var yieldedAny = false;", "var yielded = 0;")
            .Replace("yieldedAny = true;", "yielded++;")
            .Replace("GUARD", "yielded == 0 &&")
            .Replace("CALL", "{|#0:GetStreamingResponseAsync|}"),
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "AiProviderRetryExecutor.ExecuteStreamingAsync"));

    /// <summary>
    /// Counts that are not "parts yielded so far": reset inside the loop (zero again after a failure once parts were
    /// shown), compared with a number other than zero (<c>when (yielded &lt; 3)</c> goes round after the user saw two
    /// parts), counted in the catch rather than beside the <c>yield return</c> (a count of failures), or declared
    /// inside the loop. The user may have seen part of the answer, so these stay AIL0002.
    /// </summary>
    [Fact]
    public Task Counts_that_do_not_track_what_was_yielded_keep_AIL0002() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> ResetInLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var yielded = 0;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.{|#0:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException) when (yielded == 0)
                    {
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    yielded++;
                    yield return responseStream.Current;
                    if (responseStream.Current.Text.EndsWith('\n'))
                    {
                        yielded = 0;
                    }
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> ComparedWithThreeAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var yielded = 0;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.{|#1:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException) when (yielded < 3)
                    {
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    yielded++;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> CountedInCatchAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var retries = 0;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.{|#2:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException) when (retries == 0)
                    {
                        retries++;
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> DeclaredInLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                while (true)
                {
                    var yielded = 0;
                    var e = client.{|#3:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var retry = false;
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException) when (yielded == 0)
                        {
                            retry = true;
                            break;
                        }

                        yielded++;
                        yield return e.Current;
                    }

                    if (retry) continue;
                }

            done:
                ;
            }
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "while loop"),
        Diagnostic("AIL0002").WithLocation(1).WithArguments("GetStreamingResponseAsync", "while loop"),
        Diagnostic("AIL0002").WithLocation(2).WithArguments("GetStreamingResponseAsync", "while loop"),
        Diagnostic("AIL0002").WithLocation(3).WithArguments("GetStreamingResponseAsync", "while loop"));

    /// <summary>A project stream method with an <c>[IdempotencyKey]</c> parameter.</summary>
    private const string KeyedStream = """
        public sealed class Gateway(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> messages, [IdempotencyKey] string? requestId = null, [EnumeratorCancellation] CancellationToken ct = default)
            {
                await foreach (var update in client.GetStreamingResponseAsync(messages, cancellationToken: ct))
                {
                    yield return update;
                }
            }
        }

        """;

    /// <summary>The loop of the fix test: CALL is the stream call.</summary>
    private const string CountGuardedLoop = """
            {
                var yielded = 0;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= CALL.GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException) when (yielded == 0)
                    {
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    yielded++;
                    yield return responseStream.Current;
                }
            }
        """;

    /// <summary>The key fix on the count form: the key is made once before the loop and passed by name; the result compiles.</summary>
    [Fact]
    public Task The_key_fix_on_a_count_guarded_stream_retry_makes_the_key_before_the_loop() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = "AIL0001",
        TestCode = Usings + StreamRemadeEachPassTests.Prelude + KeyedStream + """
            public sealed class Svc(Gateway gateway)
            {
                public async IAsyncEnumerable<ChatResponseUpdate> UnkeyedAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            """ + "\n" + CountGuardedLoop.Replace("CALL", "gateway.[|StreamAsync|](messages, ct: ct)") + "\n" + """
            }
            """,
        FixedCode = Usings + StreamRemadeEachPassTests.Prelude + KeyedStream + """
            public sealed class Svc(Gateway gateway)
            {
                public async IAsyncEnumerable<ChatResponseUpdate> UnkeyedAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    var yielded = 0;
                    IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                    var idempotencyKey = Guid.NewGuid().ToString();
                    while (true)
                    {
                        responseStream ??= gateway.StreamAsync(messages, ct: ct, requestId: idempotencyKey).GetAsyncEnumerator(ct);
                        bool hasNext;
                        try
                        {
                            hasNext = await responseStream.MoveNextAsync();
                        }
                        catch (HttpRequestException) when (yielded == 0)
                        {
                            responseStream = null;
                            continue;
                        }

                        if (!hasNext) yield break;
                        yielded++;
                        yield return responseStream.Current;
                    }
                }
            }
            """,
    }.RunAsync();

    /// <summary>
    /// Half-typed guards: a comparison with nothing on its right, a count of a type that does not resolve, and a test
    /// of an undeclared count. No crash, and no guard is read out of them: each loop stays what it was before the guard
    /// was typed, an unguarded stream retry (AIL0002), never AIL0001.
    /// </summary>
    [Fact]
    public Task Half_typed_count_guards_do_not_crash_or_read_as_guards() => new AnalyzerTest<RetryAnalyzer>
    {
        MarkupDiagnosticId = "AIL0002",
        TestCode = Usings + StreamRemadeEachPassTests.Prelude + """
            public sealed class Svc(IChatClient client)
            {
                public async IAsyncEnumerable<ChatResponseUpdate> NoRightAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    var yielded = 0;
                    IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                    while (true)
                    {
                        responseStream ??= client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        bool hasNext;
                        try
                        {
                            hasNext = await responseStream.MoveNextAsync();
                        }
                        catch (HttpRequestException) when (yielded == )
                        {
                            responseStream = null;
                            continue;
                        }

                        if (!hasNext) yield break;
                        yielded++;
                        yield return responseStream.Current;
                    }
                }

                public async IAsyncEnumerable<ChatResponseUpdate> MissingTypeAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    Counter yielded = 0;
                    IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                    while (true)
                    {
                        responseStream ??= client.[|GetStreamingResponseAsync|](messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                        bool hasNext;
                        try
                        {
                            hasNext = await responseStream.MoveNextAsync();
                        }
                        catch (HttpRequestException ex)
                        {
                            if (yielded > 0) throw;
                            responseStream = null;
                            continue;
                        }

                        if (!hasNext) yield break;
                        yielded++;
                        yield return responseStream.Current;
                    }
                }

                public async IAsyncEnumerable<ChatResponseUpdate> UndeclaredAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
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
                        catch (HttpRequestException) when (sent == 0)
                        {
                            responseStream = null;
                            continue;
                        }

                        if (!hasNext) yield break;
                        sent++;
                        yield return responseStream.Current;
                    }
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
