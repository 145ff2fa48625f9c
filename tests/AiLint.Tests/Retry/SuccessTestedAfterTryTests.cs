using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 68 (Phelix), the second form of its retry middleware: the catch only keeps the exception and falls out, and
/// the statements after the <c>try</c> test what the <c>try</c> produced (<c>if (response is not null) return
/// response;</c>, or for the stream <c>if (buffered is not null) { yield the list; yield break; }</c>), wait, and go
/// round; after the loop the last exception is thrown. A failure leaves the answer unset, so the loop sends the same
/// request again. Beside them, the loops of the same form that leave without the answer, or go round with new input.
/// </summary>
public class SuccessTestedAfterTryTests
{
    private const string LocalUsings = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

    /// <summary>
    /// Both methods reported as retries of the <c>for</c> loop. The stream was missed before; the non-streaming form was
    /// reported, but read as a loop that rejects a null answer ("asks again after rejecting the answer"), where it is a
    /// plain retry after a failure.
    /// </summary>
    [Fact]
    public Task Answer_tested_after_a_catch_that_only_keeps_the_exception_is_a_retry() => VerifyAsync(
        """
        public sealed class RetryingChatClient(IChatClient inner, int maxAttempts) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                Exception? last = null;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    ChatResponse? response = null;
                    try
                    {
                        response = await inner.{|#0:GetResponseAsync|}(messages, options, cancellationToken);
                    }
                    catch (Exception ex)
                    {
                        last = ex;
                    }

                    if (response is not null)
                    {
                        return response;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                }

                throw last ?? new InvalidOperationException("No attempt was made.");
            }

            public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                Exception? last = null;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    List<ChatResponseUpdate>? buffered = new();
                    try
                    {
                        await foreach (var update in inner.{|#1:GetStreamingResponseAsync|}(messages, options, cancellationToken))
                        {
                            buffered.Add(update);
                        }
                    }
                    catch (Exception ex)
                    {
                        last = ex;
                        buffered = null;
                    }

                    if (buffered is not null)
                    {
                        foreach (var update in buffered)
                        {
                            yield return update;
                        }

                        yield break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                }

                throw last ?? new InvalidOperationException("No attempt was made.");
            }

            public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

            public void Dispose() => inner.Dispose();
        }
        """,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "for loop"),
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(1).WithArguments("GetStreamingResponseAsync", "for loop"));

    /// <summary>
    /// The same form that does not carry the answer out: a status poll that leaves on "done" without keeping the
    /// answer, a stream whose way out yields nothing of what it collected, and a conversation that grows each pass.
    /// </summary>
    [Fact]
    public Task Same_form_without_the_answer_on_the_way_out_or_with_new_input_is_quiet() => VerifyAsync(
        """
        public sealed class Poller(IChatClient chat)
        {
            public async Task WaitUntilDoneAsync(CancellationToken ct)
            {
                while (true)
                {
                    string? status = null;
                    try
                    {
                        status = (await chat.GetResponseAsync("Is the export finished? Answer done or pending.", cancellationToken: ct)).Text;
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                    }

                    if (status == "done")
                    {
                        return;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(30), ct);
                }
            }

            public async IAsyncEnumerable<string> HeartbeatAsync([EnumeratorCancellation] CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var received = new List<ChatResponseUpdate>();
                    var failed = false;
                    try
                    {
                        await foreach (var update in chat.GetStreamingResponseAsync("ping", cancellationToken: ct))
                        {
                            received.Add(update);
                        }
                    }
                    catch (Exception)
                    {
                        failed = true;
                    }

                    if (!failed)
                    {
                        yield return "alive";
                        yield break;
                    }
                }
            }

            public async Task<string> ChatAsync(List<ChatMessage> history, CancellationToken ct)
            {
                while (true)
                {
                    ChatResponse? response = null;
                    try
                    {
                        response = await chat.GetResponseAsync(history, cancellationToken: ct);
                    }
                    catch (Exception ex)
                    {
                        history.Add(new ChatMessage(ChatRole.User, "The last call failed: " + ex.Message));
                    }

                    if (response is not null)
                    {
                        return response.Text;
                    }
                }
            }
        }
        """);
}
