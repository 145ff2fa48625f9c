using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 84 finding #11 (maxanstey-meridian/tandem StreamRetryChatClient, repro-1): a stream collected into a local
/// inside a retry is a generation retried (AIL0001) also when the loop enumerates it through <c>.WithCancellation(ct)</c>
/// or <c>.ConfigureAwait(false)</c>; both only configure how the same stream is read. A loop over the configured stream
/// that shows each update keeps AIL0002.
/// </summary>
public class ConfiguredStreamCollectionTests
{
    private const string StreamUsings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using System.Linq;
        using System.Net.Http;
        using System.Runtime.CompilerServices;
        using System.Text;

        """;

    /// <summary>The real shape: retry middleware buffers each attempt in a list and replays it after the attempt succeeded.</summary>
    [Fact]
    public Task Middleware_collecting_through_WithCancellation_is_a_generation_retry() => VerifyAsync("AIL0001", StreamUsings + """
        public sealed class StreamRetryChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
                IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => StreamWithRetryAsync(messages.ToList(), options, cancellationToken);

            private async IAsyncEnumerable<ChatResponseUpdate> StreamWithRetryAsync(
                IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                for (var attempt = 1; ; attempt++)
                {
                    var updates = new List<ChatResponseUpdate>();
                    try
                    {
                        await foreach (var update in InnerClient.[|GetStreamingResponseAsync|](messages, options, cancellationToken).WithCancellation(cancellationToken))
                        {
                            if (update is not null)
                            {
                                updates.Add(update);
                            }
                        }
                    }
                    catch (Exception) when (attempt < 4)
                    {
                        await Task.Delay(1000, cancellationToken);
                        continue;
                    }

                    foreach (var update in updates)
                    {
                        yield return update;
                    }

                    yield break;
                }
            }
        }
        """);

    /// <summary>
    /// A service method collecting into a StringBuilder, with <c>.ConfigureAwait(false)</c>, with both settings chained
    /// (the second is the wrapper's own method), and through a local that holds the stream.
    /// </summary>
    [Fact]
    public Task Service_collecting_through_configured_streams_is_a_generation_retry() => VerifyAsync("AIL0001", StreamUsings + """
        public sealed class Answers(IChatClient chat)
        {
            public async Task<string> ConfigureAwaitAsync(string question, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var sb = new StringBuilder();
                        await foreach (var u in chat.[|GetStreamingResponseAsync|](question, cancellationToken: ct).ConfigureAwait(false))
                        {
                            sb.Append(u.Text);
                        }
                        return sb.ToString();
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }

            public async Task<string> ChainedAsync(string question, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var sb = new StringBuilder();
                        await foreach (var u in chat.[|GetStreamingResponseAsync|](question).WithCancellation(ct).ConfigureAwait(false))
                        {
                            sb.Append(u.Text);
                        }
                        return sb.ToString();
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }

            public async Task<string> LocalAsync(string question, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var text = "";
                        var stream = chat.[|GetStreamingResponseAsync|](question);
                        await foreach (var u in stream.WithCancellation(ct))
                        {
                            text += u.Text;
                        }
                        return text;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }
        """);

    /// <summary>The twins that show each update while the configured stream runs (console, a callback, yield return): AIL0002.</summary>
    [Fact]
    public Task Configured_streams_shown_while_they_run_stay_stream_retries() => VerifyAsync("AIL0002", StreamUsings + """
        public sealed class Answers(IChatClient chat, Action<string> show)
        {
            public async Task WriteAsync(string question, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await foreach (var u in chat.[|GetStreamingResponseAsync|](question).WithCancellation(ct).ConfigureAwait(false))
                        {
                            Console.Write(u.Text);
                        }
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }

            public async Task CallbackAsync(string question, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await foreach (var u in chat.[|GetStreamingResponseAsync|](question).ConfigureAwait(false))
                        {
                            show(u.Text);
                        }
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }

        public sealed class ForwardingRetryClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
                IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var failed = false;
                    var buffered = new List<ChatResponseUpdate>();
                    try
                    {
                        await foreach (var update in InnerClient.[|GetStreamingResponseAsync|](messages, options, cancellationToken).WithCancellation(cancellationToken))
                        {
                            buffered.Add(update);
                            Console.Write(update.Text);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        failed = true;
                    }

                    if (!failed)
                    {
                        foreach (var update in buffered)
                        {
                            yield return update;
                        }

                        yield break;
                    }
                }
            }
        }
        """);

    /// <summary>Half-typed code: an unknown stream method under <c>.WithCancellation</c>, an unfinished argument list.</summary>
    [Fact]
    public Task Half_typed_configured_streams_do_not_crash() => new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = StreamUsings + """
            public sealed class Answers(IChatClient chat)
            {
                public async Task<string> AskAsync(string question, CancellationToken ct)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            var sb = new StringBuilder();
                            await foreach (var u in chat.StreamMissing(question).WithCancellation(ct))
                            {
                                sb.Append(u.Text);
                            }
                            await foreach (var u in chat.GetStreamingResponseAsync(question).WithCancellation(
                            return sb.ToString();
                        }
                        catch (HttpRequestException) when (attempt < 3)
                        {
                            await Task.Delay(1000, ct);
                        }
                    }
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
