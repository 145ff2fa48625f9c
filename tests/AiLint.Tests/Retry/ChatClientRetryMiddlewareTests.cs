using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 68 (the Phelix app): retry middleware written as a class of its own, either implementing
/// <c>IChatClient</c> directly over an inner client held in a field, or deriving from <c>DelegatingChatClient</c>.
/// <c>GetResponseAsync</c> wraps the inner call in a hand-written loop (try/catch, delay, attempt counter), and
/// <c>GetStreamingResponseAsync</c> buffers the stream inside a loop whose catch only keeps the exception and goes
/// round; after the loop it throws the last one. Beside them, the middleware real apps write next to such a class
/// and that sends nothing twice.
/// </summary>
public class ChatClientRetryMiddlewareTests
{
    private const string LocalUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

    /// <summary>
    /// Phelix's <c>ResilientChatClient</c>, reduced: the inner client in a readonly field, a <c>while (true)</c> retry
    /// whose catch logs, counts and waits, and a streaming method that collects the inner stream into a list inside a
    /// <c>for</c> loop whose catch only stores the exception; the list is replayed after a success and the last
    /// exception is thrown after the loop. The collected stream is a generation call (AIL0001, as AIL0002's page
    /// defines a stream buffered in a local).
    /// </summary>
    [Fact]
    public Task Field_held_inner_client_retried_in_both_methods_is_reported() => VerifyAsync(
        """
        public sealed class ResilientChatClient : IChatClient
        {
            private readonly IChatClient _inner;
            private readonly ILogger<ResilientChatClient> _logger;
            private readonly int _maxRetries;

            public ResilientChatClient(IChatClient inner, ILogger<ResilientChatClient> logger, int maxRetries = 3)
            {
                _inner = inner;
                _logger = logger;
                _maxRetries = maxRetries;
            }

            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await _inner.{|#0:GetResponseAsync|}(messages, options, cancellationToken);
                    }
                    catch (Exception ex) when (attempt < _maxRetries && IsTransient(ex))
                    {
                        attempt++;
                        var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                        _logger.LogWarning(ex, "Attempt {Attempt} failed; retrying in {Delay}", attempt, delay);
                        await Task.Delay(delay, cancellationToken);
                    }
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                Exception? lastError = null;
                for (var attempt = 0; attempt <= _maxRetries; attempt++)
                {
                    if (attempt > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                    }

                    var buffered = new List<ChatResponseUpdate>();
                    try
                    {
                        await foreach (var update in _inner.{|#1:GetStreamingResponseAsync|}(messages, options, cancellationToken))
                        {
                            buffered.Add(update);
                        }
                    }
                    catch (Exception ex) when (IsTransient(ex))
                    {
                        lastError = ex;
                        continue;
                    }

                    foreach (var update in buffered)
                    {
                        yield return update;
                    }

                    yield break;
                }

                throw lastError!;
            }

            public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

            public void Dispose() => _inner.Dispose();

            private static bool IsTransient(Exception ex) => ex is HttpRequestException or TimeoutException;
        }
        """,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "while loop"),
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(1).WithArguments("GetStreamingResponseAsync", "for loop"));

    /// <summary>
    /// The same middleware on <c>DelegatingChatClient</c> with a catch that only stores the exception and falls out
    /// (no <c>continue</c>): the success path sits in the <c>try</c>, so falling out of the catch reaches the end of
    /// the loop body and goes round.
    /// </summary>
    [Fact]
    public Task Delegating_client_whose_catch_only_stores_the_exception_is_reported() => VerifyAsync(
        """
        public sealed class RetryingChatClient(IChatClient inner, int maxAttempts) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                Exception? last = null;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        return await base.[|GetResponseAsync|](messages, options, cancellationToken);
                    }
                    catch (Exception ex)
                    {
                        last = ex;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
                }

                throw last!;
            }

            public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                Exception? last = null;
                List<ChatResponseUpdate>? updates = null;
                for (var attempt = 1; attempt <= maxAttempts && updates is null; attempt++)
                {
                    try
                    {
                        var collected = new List<ChatResponseUpdate>();
                        await foreach (var update in base.[|GetStreamingResponseAsync|](messages, options, cancellationToken))
                        {
                            collected.Add(update);
                        }

                        updates = collected;
                    }
                    catch (Exception ex)
                    {
                        last = ex;
                    }
                }

                if (updates is null)
                {
                    throw last!;
                }

                foreach (var update in updates)
                {
                    yield return update;
                }
            }
        }
        """);

    /// <summary>
    /// The common published form (AIKit-style <c>RetryChatClient : IChatClient</c>): a <c>for</c> loop whose catch keeps
    /// every exception in a list and waits only when attempts remain, an <c>AggregateException</c> after the loop; and a
    /// streaming method that breaks out after collecting, with a success flag read after the loop.
    /// </summary>
    [Fact]
    public Task Exception_list_and_success_flag_forms_are_reported() => VerifyAsync(
        """
        public sealed class RetryChatClient(IChatClient innerClient, int maxRetries) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var exceptions = new List<Exception>();
                var delay = TimeSpan.FromSeconds(1);
                for (int attempt = 0; attempt <= maxRetries; attempt++)
                {
                    try
                    {
                        return await innerClient.[|GetResponseAsync|](messages, options, cancellationToken);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
                    {
                        exceptions.Add(ex);
                        if (attempt < maxRetries)
                        {
                            await Task.Delay(delay, cancellationToken);
                            delay *= 2;
                        }
                    }
                }

                throw new AggregateException("Failed after retries.", exceptions);
            }

            public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                Exception? last = null;
                var buffer = new List<ChatResponseUpdate>();
                var succeeded = false;
                for (var attempt = 0; attempt <= maxRetries; attempt++)
                {
                    try
                    {
                        buffer.Clear();
                        await foreach (var update in innerClient.[|GetStreamingResponseAsync|](messages, options, cancellationToken))
                        {
                            buffer.Add(update);
                        }

                        succeeded = true;
                        break;
                    }
                    catch (Exception ex)
                    {
                        last = ex;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(attempt + 1), cancellationToken);
                }

                if (!succeeded)
                {
                    throw last!;
                }

                foreach (var update in buffer)
                {
                    yield return update;
                }
            }

            public object? GetService(Type serviceType, object? serviceKey = null) => innerClient.GetService(serviceType, serviceKey);

            public void Dispose() => innerClient.Dispose();
        }
        """);
}
