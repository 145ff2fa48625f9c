using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Retries written as middleware around model calls: Microsoft.Extensions.AI's inline <c>ChatClientBuilder.Use</c>
/// middleware, Agent Framework's <c>AIAgentBuilder.Use</c>, <c>AIAgent.RunAsync</c> under Polly or a catch-and-retry loop,
/// and Semantic Kernel function filters (not reported: see the last tests). Each shape has the correct code that sits
/// next to it as a negative.
/// </summary>
public class MiddlewareRetryTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using Microsoft.Agents.AI;

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source);

    // ---- ChatClientBuilder.Use(async (messages, options, next, ct) => ...) ---------------------------------------------

    /// <summary>
    /// The shared-function overload hands the lambda <c>next</c>, which runs the rest of the pipeline down to the model: a
    /// catch that goes round and calls <c>next</c> again with the same messages re-sends the request.
    /// </summary>
    [Fact]
    public Task Inline_chat_middleware_retrying_next_is_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                new ChatClientBuilder(inner)
                    .Use(async (messages, options, next, cancellationToken) =>
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
                    })
                    .Build();

            public static IChatClient Piped(IChatClient inner, ResiliencePipeline pipeline) =>
                inner.AsBuilder()
                    .Use((messages, options, next, cancellationToken) =>
                        pipeline.ExecuteAsync(async ct => await [|next|](messages, options, ct), cancellationToken).AsTask())
                    .Build();
        }
        """);

    /// <summary>
    /// Middleware that calls <c>next</c> once (logging, timing), waits only on a 429, or calls <c>next</c> from a loop without
    /// a catch that goes round, is not a retry; neither is a delegate named <c>next</c> outside a <c>Use</c> lambda.
    /// </summary>
    [Fact]
    public Task Inline_chat_middleware_without_a_retry_is_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                new ChatClientBuilder(inner)
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        var started = DateTime.UtcNow;
                        await next(messages, options, cancellationToken);
                        Console.WriteLine(DateTime.UtcNow - started);
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        while (true)
                        {
                            try
                            {
                                await next(messages, options, cancellationToken);
                                return;
                            }
                            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                            }
                        }
                    })
                    .Build();

            public static async Task RunAllAsync(Func<string, Task> next, IEnumerable<string> items)
            {
                foreach (var item in items)
                {
                    try
                    {
                        await next(item);
                    }
                    catch (Exception)
                    {
                        continue;
                    }
                }
            }
        }
        """);

    /// <summary>
    /// The other <c>Use</c> overload gives the lambda the inner client: a loop around <c>innerClient.GetResponseAsync</c> is
    /// the same retry (pinned), and a middleware that appends a correction before asking again is a self-correction.
    /// </summary>
    [Fact]
    public Task Inline_middleware_with_the_inner_client_is_read_like_any_call() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                inner.AsBuilder()
                    .Use(
                        async (messages, options, innerClient, cancellationToken) =>
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
                        },
                        (messages, options, innerClient, cancellationToken) => innerClient.GetStreamingResponseAsync(messages, options, cancellationToken))
                    .Build();

            public static IChatClient Correcting(IChatClient inner) =>
                inner.AsBuilder()
                    .Use(
                        async (messages, options, innerClient, cancellationToken) =>
                        {
                            var history = messages.ToList();
                            for (var attempt = 0; ; attempt++)
                            {
                                try
                                {
                                    return await innerClient.GetResponseAsync(history, options, cancellationToken);
                                }
                                catch (InvalidOperationException e) when (attempt < 2)
                                {
                                    history.Add(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "Fix this: " + e.Message));
                                }
                            }
                        },
                        null)
                    .Build();
        }
        """);

    /// <summary>
    /// Adversarial shapes around the new <c>next</c> positive: middleware that sends each chunk of a long conversation
    /// through <c>next</c> (the input advances), falls back to another model before going round (the request changes),
    /// runs <c>next</c> a fixed number of times whatever happens (success does not leave: not a retry loop), or calls
    /// <c>next</c> in a loop whose catch rethrows. None of them is a retry of the same request.
    /// </summary>
    [Fact]
    public Task Inline_chat_middleware_loops_that_are_not_retries_are_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner, string fallbackModel) =>
                new ChatClientBuilder(inner)
                    .Use(async (messages, options, next, cancellationToken) =>
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
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        var current = options;
                        for (var attempt = 0; ; attempt++)
                        {
                            try
                            {
                                await next(messages, current, cancellationToken);
                                return;
                            }
                            catch (HttpRequestException) when (attempt < 1)
                            {
                                current = new ChatOptions { ModelId = fallbackModel };
                            }
                        }
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            try
                            {
                                await next(messages, options, cancellationToken);
                            }
                            catch (HttpRequestException)
                            {
                            }
                        }
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                await next(messages, options, cancellationToken);
                                return;
                            }
                            catch (HttpRequestException e)
                            {
                                Console.WriteLine(e.Message);
                                throw;
                            }
                        }
                    })
                    .Build();
        }
        """);

    /// <summary>Half-typed middleware lambdas (missing parameters, an unbound <c>next</c>) do not crash the analyzer.</summary>
    [Fact]
    public async Task Half_typed_middleware_does_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                static class Setup
                {
                    public static IChatClient Build(IChatClient inner) =>
                        new ChatClientBuilder(inner)
                            .Use(async (messages, options, next) =>
                            {
                                while (true) { try { await next(messages, options); return; } catch { } }
                            })
                            .Use(async (messages, options, next, ct) =>
                            {
                                while (true) { try { await next(messages, options, ct, 5); return; } catch { } }
                            })
                            .Use(async (m, o, next, ct) => { while (true) { try { await nxt(m, o, ct); return; } catch { } } })
                            .Build();
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    /// <summary>
    /// A hand-made <c>RetryingChatClient</c> that implements <c>IChatClient</c> itself (not through DelegatingChatClient)
    /// and loops around its inner client is a retry; a failover client that tries each of its clients once in turn is not
    /// (each pass sends to another provider).
    /// </summary>
    [Fact]
    public Task A_hand_made_retrying_chat_client_is_reported_but_a_failover_client_is_not() => VerifyAsync(
        """
        sealed class RetryingChatClient(IChatClient inner, int maxAttempts) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await inner.[|GetResponseAsync|](messages, options, cancellationToken);
                    }
                    catch (HttpRequestException) when (attempt < maxAttempts)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                    }
                }
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                inner.GetStreamingResponseAsync(messages, options, cancellationToken);

            public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

            public void Dispose() => inner.Dispose();
        }

        sealed class FailoverChatClient(IReadOnlyList<IChatClient> clients) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                Exception? last = null;
                foreach (var client in clients)
                {
                    try
                    {
                        return await client.GetResponseAsync(messages, options, cancellationToken);
                    }
                    catch (HttpRequestException e)
                    {
                        last = e;
                    }
                }

                throw last ?? new InvalidOperationException("no clients");
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                clients[0].GetStreamingResponseAsync(messages, options, cancellationToken);

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }
        """);

    /// <summary>
    /// The usual home of such middleware: an extension method on <c>ChatClientBuilder</c> in a file that names no chat
    /// client or SDK call at all.
    /// </summary>
    [Fact]
    public Task Inline_middleware_in_a_builder_extension_file_is_reported() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public static class RetryMiddleware
        {
            public static ChatClientBuilder UseSimpleRetry(this ChatClientBuilder builder, int maxAttempts) =>
                builder.Use(async (messages, options, next, cancellationToken) =>
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await [|next|](messages, options, cancellationToken);
                            return;
                        }
                        catch (HttpRequestException) when (attempt < maxAttempts)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
                        }
                    }
                });
        }
        """);

    /// <summary>A <c>DelegatingAIAgent</c> whose run override retries <c>base.RunCoreAsync</c> is a retry of the agent run.</summary>
    [Fact]
    public Task A_delegating_agent_retrying_its_inner_run_is_reported() => VerifyAsync(
        """
        sealed class RetryingAgent(AIAgent inner) : DelegatingAIAgent(inner)
        {
            protected override async Task<AgentResponse> RunCoreAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await base.[|RunCoreAsync|](messages, session, options, cancellationToken);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(500 * attempt, cancellationToken);
                    }
                }
            }
        }
        """);

    // ---- Agent Framework ---------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>AIAgent.RunAsync</c> under a Polly pipeline, or in a catch-and-retry loop with a session (a failed run adds
    /// nothing to the session, so the next attempt sends the same request), and <c>AIAgentBuilder.Use</c> middleware that
    /// retries <c>next</c>.
    /// </summary>
    [Fact]
    public Task Agent_runs_under_a_retry_are_reported() => VerifyAsync(
        """
        sealed class Desk(AIAgent agent, ResiliencePipeline pipeline)
        {
            public async Task<string> AskAsync(string question, AgentSession session, CancellationToken ct)
            {
                var response = await pipeline.ExecuteAsync(async token => await agent.[|RunAsync|](question, session, cancellationToken: token), ct);
                return response.Text;
            }

            public async Task<string> AskAgainAsync(string question, AgentSession session)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        return (await agent.[|RunAsync|](question, session)).Text;
                    }
                    catch (HttpRequestException) when (++attempts < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public static AIAgent Build(AIAgent inner) =>
                inner.AsBuilder()
                    .Use(async (messages, session, options, next, cancellationToken) =>
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
                    })
                    .Build();
        }
        """);

    /// <summary>
    /// A chat REPL whose catch prints the error and goes on to the next question, an agent asked about each ticket, and
    /// agent middleware that only logs are not retries.
    /// </summary>
    [Fact]
    public Task Agent_loops_that_ask_new_questions_are_not_reported() => VerifyAsync(
        """
        sealed class Desk(AIAgent agent)
        {
            public async Task ChatAsync()
            {
                var session = await agent.CreateSessionAsync();
                while (true)
                {
                    var line = Console.ReadLine();
                    if (string.IsNullOrEmpty(line))
                    {
                        break;
                    }

                    try
                    {
                        Console.WriteLine(await agent.RunAsync(line, session));
                    }
                    catch (HttpRequestException e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            }

            public async Task TriageAsync(IEnumerable<string> tickets)
            {
                foreach (var ticket in tickets)
                {
                    try
                    {
                        await agent.RunAsync(ticket);
                    }
                    catch (HttpRequestException)
                    {
                        continue;
                    }
                }
            }

            public static AIAgent Build(AIAgent inner) =>
                inner.AsBuilder()
                    .Use(async (messages, session, options, next, cancellationToken) =>
                    {
                        Console.WriteLine("run");
                        await next(messages, session, options, cancellationToken);
                    })
                    .Build();
        }
        """);

    // ---- Semantic Kernel filters -------------------------------------------------------------------------------------

    /// <summary>
    /// A function invocation filter runs around every kernel function: a prompt function (a model call) as well as a
    /// plugin's C# method, and an auto function invocation filter runs around the tools the model asked for. Which
    /// function <c>next(context)</c> runs is decided where the kernel is used, not in the filter, so a retry loop around it
    /// is not reported. A retry around the prompt call itself (<c>kernel.InvokePromptAsync</c>) is.
    /// </summary>
    [Fact]
    public Task Semantic_kernel_filters_retrying_next_are_not_reported_but_a_retried_prompt_call_is() => VerifyAsync(
        """
        using Microsoft.SemanticKernel;

        sealed class RetryFilter(int times) : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(Microsoft.SemanticKernel.FunctionInvocationContext context, Func<Microsoft.SemanticKernel.FunctionInvocationContext, Task> next)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await next(context);
                        return;
                    }
                    catch (HttpRequestException) when (attempt < times)
                    {
                        await Task.Delay(500);
                    }
                }
            }
        }

        sealed class ToolRetryFilter : IAutoFunctionInvocationFilter
        {
            public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
            {
                var count = 0;
                do
                {
                    try
                    {
                        await next(context);
                        break;
                    }
                    catch (Exception)
                    {
                    }
                }
                while (count++ < 3);
            }
        }

        sealed class Summaries(Kernel kernel)
        {
            public async Task<string> SummarizeAsync(string text)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var result = await kernel.[|InvokePromptAsync|]("Summarize: " + text);
                        return result.ToString();
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    // ---- False-positive hunt: loops around agent runs that are not retries --------------------------------------------

    /// <summary>
    /// Loops around agent runs that each send a new request: a turn loop whose catch tells the agent about the error
    /// (the session grows), a tool loop that feeds back results, a paging loop whose cursor advances, and a loop over
    /// agents (a different receiver each pass). None is reported.
    /// </summary>
    [Fact]
    public Task Agent_turn_tool_and_paging_loops_are_not_reported() => VerifyAsync(
        """
        sealed class Runner(AIAgent agent, IReadOnlyList<AIAgent> agents)
        {
            public async Task<string> TurnsAsync(AgentSession session, List<Microsoft.Extensions.AI.ChatMessage> history)
            {
                for (var turn = 0; turn < 5; turn++)
                {
                    try
                    {
                        var response = await agent.RunAsync(history, session);
                        if (response.Text.Contains("DONE"))
                        {
                            return response.Text;
                        }

                        history.Add(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "Continue."));
                    }
                    catch (InvalidOperationException e)
                    {
                        history.Add(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "That failed: " + e.Message));
                    }
                }

                return "";
            }

            public async Task<List<string>> PagesAsync(string topic)
            {
                var pages = new List<string>();
                var page = 1;
                while (page <= 3)
                {
                    try
                    {
                        var response = await agent.RunAsync($"Write page {page} about {topic}.");
                        pages.Add(response.Text);
                    }
                    catch (HttpRequestException)
                    {
                    }

                    page++;
                }

                return pages;
            }

            public async Task<string> AnyAgentAsync(string question)
            {
                foreach (var candidate in agents)
                {
                    try
                    {
                        return (await candidate.RunAsync(question)).Text;
                    }
                    catch (HttpRequestException)
                    {
                    }
                }

                return "";
            }
        }
        """);
}
