using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A hand-written stream retry whose catch goes round only while nothing was yielded yet (aygaz-ecommerce-agent's
/// <c>catch (Exception ex) when (... &amp;&amp; !yieldedAny ...)</c>, or <c>if (yieldedAny) throw;</c> first in the catch)
/// re-sends a request the user has seen none of: AIL0001's case (a generation call retried with no idempotency key), not
/// AIL0002's, in the in-try, made-before-try and nested forms. A call that carries a key stays quiet, and the key fix
/// inserts compiling code (the key goes before the loop of the iterator).
/// </summary>
public class StreamRemadeBeforeFirstPartTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", Usings + StreamRemadeEachPassTests.Prelude + source, expected);

    /// <summary>The three forms with <c>when (!yieldedAny)</c>, and the nested one with <c>if (yieldedAny) throw;</c>.</summary>
    [Fact]
    public Task Catches_that_go_round_only_while_nothing_was_yielded_are_AIL0001() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<string?> InTryAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var yieldedAny = false;
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

            public async IAsyncEnumerable<ChatResponseUpdate> BeforeTryAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var yieldedAny = false;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                for (var attempt = 0; ; attempt++)
                {
                    responseStream ??= client.{|#1:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException) when (!yieldedAny && attempt < 3)
                    {
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    yieldedAny = true;
                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> NestedAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var yieldedAny = false;
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
                            if (yieldedAny) throw;
                            retry = true;
                            break;
                        }

                        yieldedAny = true;
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

    /// <summary>aygaz's helper with its guard: the call in the lambda passed to it is re-sent, never shown twice.</summary>
    [Fact]
    public Task The_nested_helper_with_its_nothing_yielded_guard_is_AIL0001_on_the_lambda_call() => VerifyAsync(
        StreamRemadeEachPassTests.NestedHelper.Replace("GUARD", "!yieldedAny &&").Replace("CALL", "{|#0:GetStreamingResponseAsync|}"),
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetStreamingResponseAsync", "AiProviderRetryExecutor.ExecuteStreamingAsync"));

    /// <summary>
    /// A flag that is not "set once a part was yielded" is no guard: one set beside something other than a
    /// <c>yield return</c>, or one declared inside the loop (false again on every pass). These stay AIL0002.
    /// </summary>
    [Fact]
    public Task Flags_that_do_not_track_what_was_yielded_keep_AIL0002() => VerifyAsync(
        """
        public sealed class Svc(IChatClient client)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> SetElsewhereAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                var warned = false;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= client.{|#0:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException) when (!warned)
                    {
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    if (responseStream.Current.Text.Length > 1000)
                    {
                        warned = true;
                    }

                    yield return responseStream.Current;
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> DeclaredInLoopAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            {
                while (true)
                {
                    var yieldedAny = false;
                    var e = client.{|#1:GetStreamingResponseAsync|}(messages, cancellationToken: ct).GetAsyncEnumerator(ct);
                    var retry = false;
                    while (true)
                    {
                        try
                        {
                            if (!await e.MoveNextAsync()) goto done;
                        }
                        catch (HttpRequestException) when (!yieldedAny)
                        {
                            retry = true;
                            break;
                        }

                        yieldedAny = true;
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
        Diagnostic("AIL0002").WithLocation(1).WithArguments("GetStreamingResponseAsync", "while loop"));

    /// <summary>A project stream method with an <c>[IdempotencyKey]</c> parameter; the guarded loop of <c>KEYED</c>.</summary>
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

    private const string GuardedLoop = """
            {
                var yieldedAny = false;
                IAsyncEnumerator<ChatResponseUpdate>? responseStream = null;
                while (true)
                {
                    responseStream ??= CALL.GetAsyncEnumerator(ct);
                    bool hasNext;
                    try
                    {
                        hasNext = await responseStream.MoveNextAsync();
                    }
                    catch (HttpRequestException) when (!yieldedAny)
                    {
                        responseStream = null;
                        continue;
                    }

                    if (!hasNext) yield break;
                    yieldedAny = true;
                    yield return responseStream.Current;
                }
            }
        """;

    /// <summary>The key AIL0001 already understands (an <c>[IdempotencyKey]</c> argument made outside the loop) keeps it quiet.</summary>
    [Fact]
    public Task A_guarded_stream_retry_whose_call_carries_a_key_is_quiet() => VerifyAsync(
        KeyedStream + """
        public sealed class Svc(Gateway gateway)
        {
            public async IAsyncEnumerable<ChatResponseUpdate> KeyedAsync(List<ChatMessage> messages, string requestId, [EnumeratorCancellation] CancellationToken ct = default)
        """ + "\n" + GuardedLoop.Replace("CALL", "gateway.StreamAsync(messages, requestId, ct)") + "\n" + """
        }
        """);

    /// <summary>
    /// Without the key the fix is offered (the loop is a statement of the iterator's block): the key is made once before
    /// the loop and passed by name, which compiles in an iterator as anywhere else.
    /// </summary>
    [Fact]
    public Task The_key_fix_on_a_guarded_stream_retry_makes_the_key_before_the_loop() => new CodeFixTest<RetryAnalyzer, AddIdempotencyKeyCodeFixProvider>
    {
        MarkupDiagnosticId = "AIL0001",
        TestCode = Usings + StreamRemadeEachPassTests.Prelude + KeyedStream + """
            public sealed class Svc(Gateway gateway)
            {
                public async IAsyncEnumerable<ChatResponseUpdate> UnkeyedAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
            """ + "\n" + GuardedLoop.Replace("CALL", "gateway.[|StreamAsync|](messages, ct: ct)") + "\n" + """
            }
            """,
        FixedCode = Usings + StreamRemadeEachPassTests.Prelude + KeyedStream + """
            public sealed class Svc(Gateway gateway)
            {
                public async IAsyncEnumerable<ChatResponseUpdate> UnkeyedAsync(List<ChatMessage> messages, [EnumeratorCancellation] CancellationToken ct = default)
                {
                    var yieldedAny = false;
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
                        catch (HttpRequestException) when (!yieldedAny)
                        {
                            responseStream = null;
                            continue;
                        }

                        if (!hasNext) yield break;
                        yieldedAny = true;
                        yield return responseStream.Current;
                    }
                }
            }
            """,
    }.RunAsync();
}
