using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Chat-client and agent middleware registered as a method group (<c>builder.Use(RetryingAsync)</c>,
/// <c>.Use(getResponseFunc: MyRetry, getStreamingResponseFunc: null)</c>): the method's body is followed like an inline
/// lambda's, so a <c>next</c> (or inner client) re-run in a loop or a Polly pipeline is a retry.
/// </summary>
public class MiddlewareMethodGroupTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Linq;
        using System.Net.Http;
        using Microsoft.Agents.AI;

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source);

    [Fact]
    public Task Shared_function_middleware_method_retrying_next_is_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                new ChatClientBuilder(inner).Use(RetryingAsync).Build();

            private static async Task RetryingAsync(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options,
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await [|next|](messages, options, cancellationToken);
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                    }
                }
            }
        }

        sealed class PipedMiddleware(ResiliencePipeline pipeline)
        {
            public IChatClient Wrap(IChatClient inner) => inner.AsBuilder().Use(this.SendAsync).Build();

            private Task SendAsync(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options,
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken) =>
                pipeline.ExecuteAsync(async ct => await [|next|](messages, options, ct), cancellationToken).AsTask();
        }
        """);

    [Fact]
    public Task Inner_client_middleware_method_is_read_like_any_call() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                inner.AsBuilder().Use(RetryingGetResponseAsync, null).Build();

            public static IChatClient Named(IChatClient inner) =>
                inner.AsBuilder().Use(getResponseFunc: RetryingGetResponseAsync, getStreamingResponseFunc: null).Build();

            private static async Task<ChatResponse> RetryingGetResponseAsync(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options, IChatClient innerClient, CancellationToken cancellationToken)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await innerClient.[|GetResponseAsync|](messages, options, cancellationToken);
                    }
                    catch (TimeoutException) when (attempt < 2)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Agent_middleware_method_retrying_next_is_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static AIAgent Build(AIAgent inner) => inner.AsBuilder().Use(RetryAsync).Build();

            private static async Task RetryAsync(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, AgentSession? session, AgentRunOptions? options,
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, AgentSession?, AgentRunOptions?, CancellationToken, Task> next,
                CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await [|next|](messages, session, options, cancellationToken);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        }
        """);

    /// <summary>
    /// A method group that calls <c>next</c> once, a method with the middleware shape that is never registered, and a
    /// method whose loop sends the next chunk each time round are not retries.
    /// </summary>
    [Fact]
    public Task Middleware_methods_without_a_retry_are_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                new ChatClientBuilder(inner).Use(LoggingAsync).Use(ChunkedAsync).Build();

            private static async Task LoggingAsync(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options,
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken)
            {
                var started = DateTime.UtcNow;
                try
                {
                    await next(messages, options, cancellationToken);
                }
                catch (HttpRequestException e)
                {
                    Console.WriteLine(e.Message);
                    throw;
                }

                Console.WriteLine(DateTime.UtcNow - started);
            }

            private static async Task ChunkedAsync(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options,
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken)
            {
                foreach (var chunk in messages.Chunk(20))
                {
                    try
                    {
                        await next(chunk, options, cancellationToken);
                    }
                    catch (HttpRequestException)
                    {
                        continue;
                    }
                }
            }

            // Same shape, never handed to Use: `next` is whatever the caller passes.
            public static async Task NotRegisteredAsync(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options,
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken)
            {
                while (true)
                {
                    try
                    {
                        await next(messages, options, cancellationToken);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        }
        """);

    /// <summary>
    /// A method group that passes the request straight to <c>next</c>, registered directly and through a delegate local,
    /// inside a pipeline: registering calls nothing, so the pipeline around the registration retries no request.
    /// </summary>
    [Fact]
    public Task A_passthrough_method_group_and_a_retried_registration_are_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner, ResiliencePipeline pipeline)
            {
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task>, CancellationToken, Task> viaDelegate = Passthrough;
                return pipeline.Execute(() => new ChatClientBuilder(inner).Use(viaDelegate).Use(Passthrough).Build());
            }

            private static Task Passthrough(
                IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options,
                Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken) =>
                next(messages, options, cancellationToken);
        }
        """);

    [Fact]
    public async Task Half_typed_method_group_registrations_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                static class Setup
                {
                    public static IChatClient Build(IChatClient inner) =>
                        new ChatClientBuilder(inner).Use(RetryingAsync, ).Use(Missing).Use(RetryingAsync.).Build();

                    private static async Task RetryingAsync(
                        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options,
                        Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next)
                    {
                        while (true) { try { await next(messages, options, default); return; } catch { } }
                    }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
