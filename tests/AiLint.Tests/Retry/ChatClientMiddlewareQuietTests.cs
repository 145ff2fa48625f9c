using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// The chat-client middleware real apps write next to a retrying one (review 68, Phelix), which sends no request
/// twice and must stay quiet under AIL0001 and AIL0002: a retry only on 429 that waits the Retry-After, a
/// function-invocation turn loop (each pass sends the grown conversation), a streaming wrapper that yields as it goes
/// with no loop, and a caching client. Then half-typed middleware, which must neither crash nor report.
/// </summary>
public class ChatClientMiddlewareQuietTests
{
    private const string LocalUsings = """
        using System;
        using System.ClientModel;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Linq;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        """;

    /// <summary>Quiet under both rules: the analyzer reports nothing at all for the source.</summary>
    private static Task VerifyQuietAsync(string source) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source);

    /// <summary>
    /// A 429 refused the request before anything was generated; waiting the provider's Retry-After and sending it again
    /// duplicates nothing (AIL0001's "Rate-limit waits"). Both methods of the client are written that way, the stream
    /// buffered as in the retrying twin.
    /// </summary>
    [Fact]
    public Task Rate_limit_only_middleware_with_retry_after_is_quiet() => VerifyQuietAsync(
        """
        public sealed class RateLimitWaitingChatClient(IChatClient inner, ILogger<RateLimitWaitingChatClient> logger) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await inner.GetResponseAsync(messages, options, cancellationToken);
                    }
                    catch (ClientResultException ex) when (ex.Status == 429 && attempt < 5)
                    {
                        var wait = RetryAfter(ex);
                        logger.LogWarning("Rate limited; waiting {Wait}", wait);
                        await Task.Delay(wait, cancellationToken);
                    }
                }
            }

            public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                for (var attempt = 1; attempt <= 5; attempt++)
                {
                    var buffered = new List<ChatResponseUpdate>();
                    try
                    {
                        await foreach (var update in inner.GetStreamingResponseAsync(messages, options, cancellationToken))
                        {
                            buffered.Add(update);
                        }
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        await Task.Delay(RetryAfter(ex), cancellationToken);
                        continue;
                    }

                    foreach (var update in buffered)
                    {
                        yield return update;
                    }

                    yield break;
                }
            }

            public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

            public void Dispose() => inner.Dispose();

            private static TimeSpan RetryAfter(ClientResultException ex) =>
                ex.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true && int.TryParse(value, out var seconds)
                    ? TimeSpan.FromSeconds(seconds)
                    : TimeSpan.FromSeconds(2);
        }
        """);

    /// <summary>
    /// A hand-written function-invocation loop: every pass sends the conversation grown by the answer and the tool
    /// results, and the only catch is around the tool (its error goes back to the model as the result).
    /// </summary>
    [Fact]
    public Task Tool_call_turn_loop_in_a_delegating_client_is_quiet() => VerifyQuietAsync(
        """
        public sealed class ToolLoopChatClient(IChatClient inner, IReadOnlyDictionary<string, AIFunction> tools) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var history = messages.ToList();
                for (var turn = 0; turn < 10; turn++)
                {
                    var response = await base.GetResponseAsync(history, options, cancellationToken);
                    history.AddMessages(response);
                    var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                    if (calls.Count == 0)
                    {
                        return response;
                    }

                    foreach (var call in calls)
                    {
                        object? result;
                        try
                        {
                            result = await tools[call.Name].InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
                        }
                        catch (Exception ex)
                        {
                            result = "Error: " + ex.Message;
                        }

                        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
                    }
                }

                throw new InvalidOperationException("Too many tool turns.");
            }
        }
        """);

    /// <summary>
    /// Telemetry middleware: the stream is yielded update by update with no loop around it, the failure logged and
    /// rethrown; the non-streaming call is timed once.
    /// </summary>
    [Fact]
    public Task Streaming_wrapper_that_yields_as_it_goes_is_quiet() => VerifyQuietAsync(
        """
        public sealed class TimingChatClient(IChatClient inner, ILogger<TimingChatClient> logger) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    return await base.GetResponseAsync(messages, options, cancellationToken);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Chat call failed after {Elapsed}", watch.Elapsed);
                    throw;
                }
            }

            public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                var watch = Stopwatch.StartNew();
                await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
                {
                    yield return update;
                }

                logger.LogInformation("Stream finished after {Elapsed}", watch.Elapsed);
            }
        }
        """);

    /// <summary>A caching client: a hit returns early, a miss calls the inner client once and stores the answer.</summary>
    [Fact]
    public Task Caching_middleware_is_quiet() => VerifyQuietAsync(
        """
        public sealed class MemoChatClient(IChatClient inner) : IChatClient
        {
            private readonly ConcurrentDictionary<string, ChatResponse> cache = new();

            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var key = string.Join("\n", messages.Select(m => $"{m.Role}:{m.Text}"));
                if (cache.TryGetValue(key, out var cached))
                {
                    return cached;
                }

                var response = await inner.GetResponseAsync(messages, options, cancellationToken);
                cache[key] = response;
                return response;
            }

            public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                var response = await GetResponseAsync(messages, options, cancellationToken);
                foreach (var update in response.ToChatResponseUpdates())
                {
                    yield return update;
                }
            }

            public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

            public void Dispose() => inner.Dispose();
        }
        """);

    /// <summary>
    /// Half-typed middleware: the inner client's type misspelt (an error type), the interface half implemented and a
    /// call missing its closing parenthesis. Nothing is reported and nothing crashes.
    /// </summary>
    [Fact]
    public async Task Half_typed_retrying_client_neither_crashes_nor_reports()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = LocalUsings + """
                public sealed class Broken(IChatClinet inner) : IChatClient
                {
                    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                    {
                        for (var attempt = 0; ; attempt++)
                        {
                            try { return await inner.GetResponseAsync(messages, options, cancellationToken); }
                            catch (Exception ex) { await Task.Delay(100 * attempt); }
                        }
                    }

                    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        Exception? last = null;
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var buffered = new List<ChatResponseUpdate>();
                            try { await foreach (var u in inner.GetStreamingResponseAsync(messages, options, cancellationToken) buffered.Add(u); }
                            catch (Exception ex) { last = ex; continue; }
                            foreach (var u in buffered) yield return u;
                            yield break;
                        }

                        throw last!;
                    }
                }
                """,
            MarkupDiagnosticId = "AIL0001",
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
