using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// False-positive hunt on today's positives: inline <c>Use</c> middleware whose <c>next</c> is retried, Polly factories
/// judged through their return paths and implementations, and the background / batch loops real apps write around
/// model calls. Each test is the correct code that sits next to a reported shape; the few pinned positives say why
/// they stay reported.
/// </summary>
public class MiddlewareAndPipelineFalsePositiveProbeTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Collections.Concurrent;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Channels;
        using Microsoft.Agents.AI;

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source);

    // ---- ChatClientBuilder.Use / AIAgentBuilder.Use ------------------------------------------------------------------

    /// <summary>
    /// Middleware that calls <c>next</c> once and then loops over what came back (the tool calls, the messages it
    /// logs), caching middleware that returns early on a hit, and telemetry middleware that logs and rethrows: one
    /// request each time.
    /// </summary>
    [Fact]
    public Task Middleware_calling_next_once_is_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            private static readonly ConcurrentDictionary<string, bool> Seen = new();

            public static IChatClient Build(IChatClient inner) =>
                inner.AsBuilder()
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        var list = messages.ToList();
                        await next(list, options, cancellationToken);
                        foreach (var message in list)
                        {
                            foreach (var call in message.Contents.OfType<FunctionCallContent>())
                            {
                                Console.WriteLine(call.Name);
                            }
                        }
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        var key = string.Join("|", messages.Select(m => m.Text));
                        if (Seen.ContainsKey(key))
                        {
                            return;
                        }

                        await next(messages, options, cancellationToken);
                        Seen[key] = true;
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        var started = DateTime.UtcNow;
                        try
                        {
                            await next(messages, options, cancellationToken);
                        }
                        catch (Exception e)
                        {
                            Console.WriteLine($"failed after {DateTime.UtcNow - started}: {e.Message}");
                            throw;
                        }
                        finally
                        {
                            Console.WriteLine(DateTime.UtcNow - started);
                        }
                    })
                    .Build();
        }
        """);

    /// <summary>
    /// A loop that sends each batch of a split conversation through <c>next</c> by index and skips a failed batch, and a
    /// fallback that walks a list of models, one attempt each (<c>models[attempt]</c>, or <c>options.ModelId</c> changed in
    /// the catch): each pass sends a different request.
    /// </summary>
    [Fact]
    public Task Middleware_loops_whose_request_changes_each_pass_are_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner, string[] models, string fallbackModel) =>
                inner.AsBuilder()
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        var batches = messages.Chunk(10).ToList();
                        for (var i = 0; i < batches.Count; i++)
                        {
                            try
                            {
                                await next(batches[i], options, cancellationToken);
                            }
                            catch (HttpRequestException)
                            {
                            }
                        }
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        for (var attempt = 0; attempt < models.Length; attempt++)
                        {
                            try
                            {
                                await next(messages, new ChatOptions { ModelId = models[attempt] }, cancellationToken);
                                return;
                            }
                            catch (HttpRequestException) when (attempt < models.Length - 1)
                            {
                            }
                        }
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        options ??= new ChatOptions();
                        for (var attempt = 0; ; attempt++)
                        {
                            try
                            {
                                await next(messages, options, cancellationToken);
                                return;
                            }
                            catch (HttpRequestException) when (attempt == 0)
                            {
                                options.ModelId = fallbackModel;
                            }
                        }
                    })
                    .Build();
        }
        """);

    /// <summary>
    /// Rate-limiting middleware that waits in a loop for a lease and calls <c>next</c> once it has one (the loop goes round
    /// only while <c>next</c> has not run), and moderation middleware that checks each message before calling <c>next</c>
    /// once: no request is sent twice.
    /// </summary>
    [Fact]
    public Task Rate_limiting_and_moderation_middleware_is_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner, System.Threading.RateLimiting.RateLimiter limiter, Func<string, bool> isAllowed) =>
                inner.AsBuilder()
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        while (true)
                        {
                            using var lease = await limiter.AcquireAsync(1, cancellationToken);
                            if (lease.IsAcquired)
                            {
                                await next(messages, options, cancellationToken);
                                return;
                            }

                            await Task.Delay(500, cancellationToken);
                        }
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        foreach (var message in messages)
                        {
                            if (!isAllowed(message.Text))
                            {
                                throw new InvalidOperationException("blocked");
                            }
                        }

                        await next(messages, options, cancellationToken);
                    })
                    .Build();
        }
        """);

    /// <summary>
    /// Self-consistency voting: <c>next</c> run <c>n</c> times on purpose, whether or not a sample fails (the loop never
    /// stops on success). Deliberate samples, not a retry.
    /// </summary>
    [Fact]
    public Task Middleware_sampling_n_times_for_a_vote_is_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner, int samples) =>
                inner.AsBuilder()
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        var tasks = new List<Task>();
                        for (var i = 0; i < samples; i++)
                        {
                            tasks.Add(next(messages, options, cancellationToken));
                        }

                        await Task.WhenAll(tasks);
                    })
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        for (var i = 0; i < samples; i++)
                        {
                            await next(messages, options, cancellationToken);
                        }
                    })
                    .Build();
        }
        """);

    /// <summary>
    /// The <c>Use</c> overloads that hand the lambda the inner client (one for <c>GetResponseAsync</c>, one for streaming):
    /// a non-streaming function that calls once, and a streaming one that loops over the response stream, are not
    /// retries. A middleware method in another class registered by a method group is not followed.
    /// </summary>
    [Fact]
    public Task Inner_client_overloads_and_method_groups_without_a_retry_are_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                inner.AsBuilder()
                    .Use(
                        async (messages, options, innerClient, cancellationToken) =>
                        {
                            var response = await innerClient.GetResponseAsync(messages, options, cancellationToken);
                            foreach (var message in response.Messages)
                            {
                                Console.WriteLine(message.Text);
                            }

                            return response;
                        },
                        (messages, options, innerClient, cancellationToken) => Stream(innerClient, messages, options, cancellationToken))
                    .Use(Middleware.InvokeAsync)
                    .Build();

            private static async IAsyncEnumerable<ChatResponseUpdate> Stream(IChatClient inner, IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
            {
                await foreach (var update in inner.GetStreamingResponseAsync(messages, options, cancellationToken))
                {
                    yield return update;
                }
            }
        }

        static class Middleware
        {
            public static async Task InvokeAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options, Func<IEnumerable<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken)
            {
                var started = DateTime.UtcNow;
                await next(messages, options, cancellationToken);
                Console.WriteLine(DateTime.UtcNow - started);
            }
        }
        """);

    /// <summary>
    /// Agent Framework middleware: a run middleware that calls <c>next</c> once, and a function-invocation middleware
    /// that retries the tool (its <c>next</c> runs the tool function, not the model).
    /// </summary>
    [Fact]
    public Task Agent_middleware_without_a_model_retry_is_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static AIAgent Build(AIAgent inner) =>
                inner.AsBuilder()
                    .Use(async (messages, session, options, next, cancellationToken) =>
                    {
                        Console.WriteLine("run started");
                        await next(messages, session, options, cancellationToken);
                    })
                    .Use(async (runningAgent, context, next, cancellationToken) =>
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await next(context, cancellationToken);
                            }
                            catch (HttpRequestException) when (attempt < 3)
                            {
                            }
                        }
                    })
                    .Build();
        }
        """);

    /// <summary>
    /// A startup loop that retries building the client (reading settings, creating the inner client) registers the
    /// middleware on each pass but sends nothing: <c>next</c> runs later, once per request, outside that loop.
    /// </summary>
    [Fact]
    public Task Middleware_registered_inside_a_construction_retry_is_not_reported() => VerifyAsync(
        """
        static class Setup
        {
            public static IChatClient Build(Func<IChatClient> createInner)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return createInner().AsBuilder()
                            .Use(async (messages, options, next, cancellationToken) =>
                            {
                                Console.WriteLine("request");
                                await next(messages, options, cancellationToken);
                            })
                            .Build();
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        Thread.Sleep(1000);
                    }
                }
            }
        }
        """);

    /// <summary>
    /// The same startup loop that also sends a warm-up request does retry that request (pinned); the inner-client
    /// overload and the agent's run middleware registered in such a loop are not retried by it either.
    /// </summary>
    [Fact]
    public Task A_construction_retry_still_retries_the_warm_up_call_it_makes() => VerifyAsync(
        """
        static class Setup
        {
            public static async Task<IChatClient> BuildAsync(Func<IChatClient> createInner, AIAgent agent)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var client = createInner().AsBuilder()
                            .Use(
                                async (messages, options, innerClient, cancellationToken) => await innerClient.GetResponseAsync(messages, options, cancellationToken),
                                null)
                            .Build();
                        var wrapped = agent.AsBuilder()
                            .Use(async (messages, session, options, next, cancellationToken) => await next(messages, session, options, cancellationToken))
                            .Build();
                        // The warm-up's answer is read, so this is not a discarded probe (see WarmUpProbes).
                        var pong = await client.[|GetResponseAsync|]("ping");
                        Console.WriteLine(pong.Text);
                        return client;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    /// <summary>Half-typed middleware registered inside a retry loop (no parameters, an unbound builder) does not crash.</summary>
    [Fact]
    public async Task Half_typed_middleware_inside_a_retry_loop_does_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                static class Setup
                {
                    public static IChatClient Build(IChatClient inner)
                    {
                        while (true)
                        {
                            try
                            {
                                return inner.AsBuilder()
                                    .Use(async () => await Task.Delay(1))
                                    .Use(async (messages, options, next, ct) => await next(messages, options, ct))
                                    .Build();
                            }
                            catch
                            {
                                missing.Use(async (m, o, next, ct) => await next(m, o, ct));
                            }
                        }
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    // ---- Polly factories --------------------------------------------------------------------------------------------

    /// <summary>
    /// Pipelines that never retry: <c>MaxRetryAttempts = 0</c> (Polly rejects it or runs once), a retry added only when
    /// the configured count is positive (the factory may build no retry), a timeout only, a fallback only.
    /// </summary>
    [Fact]
    public Task Pipelines_that_may_not_retry_are_not_reported() => VerifyAsync(
        """
        sealed class LlmSettings { public int MaxRetries { get; set; } }

        static class Pipelines
        {
            public static ResiliencePipeline Create(LlmSettings settings)
            {
                var builder = new ResiliencePipelineBuilder();
                if (settings.MaxRetries > 0)
                {
                    builder.AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = settings.MaxRetries });
                }

                return builder.AddTimeout(TimeSpan.FromSeconds(30)).Build();
            }

            public static ResiliencePipeline NoRetries() =>
                new ResiliencePipelineBuilder()
                    .AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 0 })
                    .Build();

            public static ResiliencePipeline<ChatResponse> Fallback() =>
                new ResiliencePipelineBuilder<ChatResponse>()
                    .AddFallback(new Polly.Fallback.FallbackStrategyOptions<ChatResponse>
                    {
                        FallbackAction = _ => Outcome.FromResultAsValueTask(new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, "Sorry, try later."))),
                    })
                    .Build();

            public static ResiliencePipeline TimeoutOnly() =>
                new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(20)).Build();
        }

        sealed class Assistant(IChatClient chat, LlmSettings settings)
        {
            public async Task AskAsync(string q)
            {
                await Pipelines.Create(settings).ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                await Pipelines.NoRetries().ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                await Pipelines.Fallback().ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                await Pipelines.TimeoutOnly().ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
            }
        }
        """);

    /// <summary>
    /// A keyed registration whose retry is switched off with <c>MaxRetryAttempts = 0</c> (target-typed options) runs the
    /// call once; the same registration with one retry is reported (pinned).
    /// </summary>
    [Fact]
    public Task A_registered_retry_with_zero_attempts_is_not_reported() => RetryTestSupport.VerifyAsync(
        Id,
        Usings + MoreUsings + """
        using Microsoft.Extensions.DependencyInjection;
        using Polly.Registry;

        static class Registration
        {
            public static void AddPipelines(IServiceCollection services)
            {
                services.AddResiliencePipeline("llm-off", builder => builder.AddRetry(new() { MaxRetryAttempts = 0 }));
                services.AddResiliencePipeline("llm-on", builder => builder.AddRetry(new() { MaxRetryAttempts = 1 }));
            }
        }

        sealed class Assistant(IChatClient chat, ResiliencePipelineProvider<string> provider)
        {
            public async Task AskAsync(string q)
            {
                await provider.GetPipeline("llm-off").ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                await provider.GetPipeline("llm-on").ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
            }
        }
        """);

    /// <summary>
    /// Hedging is kept as a positive on purpose: <c>AddHedging</c> sends further copies of the same request while the first
    /// is still running (or after it fails), so a non-idempotent generation may be produced and billed more than once —
    /// the same harm as a retry. A factory reached through an interface whose only implementation hedges is reported too.
    /// </summary>
    [Fact]
    public Task Hedging_pipelines_stay_reported() => VerifyAsync(
        """
        interface IPipelineFactory { ResiliencePipeline<ChatResponse> Create(); }

        sealed class HedgingFactory : IPipelineFactory
        {
            public ResiliencePipeline<ChatResponse> Create() =>
                new ResiliencePipelineBuilder<ChatResponse>()
                    .AddHedging(new Polly.Hedging.HedgingStrategyOptions<ChatResponse> { MaxHedgedAttempts = 2 })
                    .Build();
        }

        sealed class Assistant(IChatClient chat, IPipelineFactory factory)
        {
            public async Task<ChatResponse> AskAsync(string q) =>
                await factory.Create().ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// A pipeline factory behind an interface with two implementations, one of which runs the call once
    /// (<c>ResiliencePipeline.Empty</c>), may run it once: not reported. Result predicates that admit only 429, written
    /// with a pattern or a cast to int, are rate-limit waits; one that also admits 503 still retries (pinned).
    /// </summary>
    [Fact]
    public Task Interface_factories_and_429_result_predicates() => VerifyAsync(
        """
        interface IPipelines { ResiliencePipeline<HttpResponseMessage> Create(); }

        sealed class RetryingPipelines : IPipelines
        {
            public ResiliencePipeline<HttpResponseMessage> Create() =>
                new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new Polly.Retry.RetryStrategyOptions<HttpResponseMessage>()).Build();
        }

        sealed class NoPipelines : IPipelines
        {
            public ResiliencePipeline<HttpResponseMessage> Create() => ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        sealed class Chat(HttpClient http, IPipelines pipelines)
        {
            private const string Url = "https://api.openai.com/v1/chat/completions";

            private static readonly ResiliencePipeline<HttpResponseMessage> Pattern = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new Polly.Retry.RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests),
                })
                .Build();

            private static readonly ResiliencePipeline<HttpResponseMessage> Cast = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new Polly.Retry.RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => (int)r.StatusCode == 429),
                })
                .Build();

            private static readonly ResiliencePipeline<HttpResponseMessage> Overloaded = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new Polly.Retry.RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
                })
                .Build();

            public async Task Send(string body)
            {
                await pipelines.Create().ExecuteAsync(async ct => await http.PostAsync(Url, new StringContent(body), ct));
                await Pattern.ExecuteAsync(async ct => await http.PostAsync(Url, new StringContent(body), ct));
                await Cast.ExecuteAsync(async ct => await http.PostAsync(Url, new StringContent(body), ct));
                await Overloaded.ExecuteAsync(async ct => await http.[|PostAsync|](Url, new StringContent(body), ct));
            }
        }
        """);

    // ---- Loops real apps write around model calls ------------------------------------------------------------------

    /// <summary>
    /// Background services: a <c>while (!stoppingToken.IsCancellationRequested)</c> loop that takes one queue item per
    /// pass (dequeued, or read from a channel), logs a failure and goes on; and one that calls a project helper which
    /// fetches its own work each time, then waits before polling again.
    /// </summary>
    [Fact]
    public Task Background_service_loops_are_not_reported() => VerifyAsync(
        """
        sealed class Worker(IChatClient chat, ConcurrentQueue<string> queue, ChannelReader<string> reader, Func<Task<IReadOnlyList<string>>> pending)
        {
            public async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!queue.TryDequeue(out var item))
                    {
                        await Task.Delay(1000, stoppingToken);
                        continue;
                    }

                    try
                    {
                        await chat.GetResponseAsync(item, cancellationToken: stoppingToken);
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            }

            public async Task ReadChannelAsync(CancellationToken stoppingToken)
            {
                while (await reader.WaitToReadAsync(stoppingToken))
                {
                    while (reader.TryRead(out var item))
                    {
                        try
                        {
                            await chat.GetResponseAsync(item, cancellationToken: stoppingToken);
                        }
                        catch (HttpRequestException e)
                        {
                            Console.WriteLine(e.Message);
                        }
                    }
                }
            }

            public async Task PollAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    try
                    {
                        await ProcessPendingAsync(stoppingToken);
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine(e.Message);
                    }

                    await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
                }
            }

            private async Task ProcessPendingAsync(CancellationToken cancellationToken)
            {
                foreach (var item in await pending())
                {
                    await chat.GetResponseAsync(item, cancellationToken: cancellationToken);
                }
            }
        }
        """);

    /// <summary>
    /// Workers that fetch their next job from a project interface (<c>store.GetPendingJobAsync</c>) or an injected
    /// delegate, and periodic jobs (<c>PeriodicTimer</c>, a delay loop) that send the same prompt every period whether or
    /// not the last one worked: each pass is a new piece of work, and success does not end the loop.
    /// </summary>
    [Fact]
    public Task Workers_fetching_jobs_and_periodic_jobs_are_not_reported() => VerifyAsync(
        """
        interface IJobStore { Task<string?> GetPendingJobAsync(CancellationToken cancellationToken); }

        sealed class Worker(IChatClient chat, IJobStore store, Func<CancellationToken, Task<string>> receive)
        {
            public async Task FromStoreAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    try
                    {
                        var job = await store.GetPendingJobAsync(stoppingToken);
                        if (job is null)
                        {
                            await Task.Delay(5000, stoppingToken);
                            continue;
                        }

                        await chat.GetResponseAsync(job, cancellationToken: stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            }

            public async Task FromDelegateAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    try
                    {
                        var text = await receive(stoppingToken);
                        await chat.GetResponseAsync(text, cancellationToken: stoppingToken);
                    }
                    catch (HttpRequestException e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            }

            public async Task DailyAsync(CancellationToken stoppingToken)
            {
                using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    try
                    {
                        await chat.GetResponseAsync("Write today's digest.", cancellationToken: stoppingToken);
                    }
                    catch (HttpRequestException e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            }

            public async Task HourlyAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    try
                    {
                        await chat.GetResponseAsync("Summarize the last hour.", cancellationToken: stoppingToken);
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine(e.Message);
                    }

                    await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
                }
            }
        }
        """);

    /// <summary>
    /// Self-consistency written against the client: <c>n</c> samples taken in a loop that keeps going after a success
    /// (a failed sample is skipped), or started together with <c>Enumerable.Range(...).Select</c>, then a majority vote.
    /// </summary>
    [Fact]
    public Task Sampling_for_a_majority_vote_is_not_reported() => VerifyAsync(
        """
        sealed class Voter(IChatClient chat)
        {
            public async Task<string?> VoteAsync(string question, int samples, CancellationToken cancellationToken)
            {
                var answers = new List<string>();
                for (var i = 0; i < samples; i++)
                {
                    try
                    {
                        var response = await chat.GetResponseAsync(question, new ChatOptions { Temperature = 0.8f }, cancellationToken);
                        answers.Add(response.Text.Trim());
                    }
                    catch (HttpRequestException)
                    {
                    }
                }

                return answers.GroupBy(a => a).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
            }

            public async Task<string?> VoteTogetherAsync(string question, int samples, CancellationToken cancellationToken)
            {
                var responses = await Task.WhenAll(Enumerable.Range(0, samples).Select(_ => chat.GetResponseAsync(question, cancellationToken: cancellationToken)));
                return responses.GroupBy(r => r.Text).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
            }
        }
        """);

    /// <summary>
    /// Batch shapes: <c>foreach</c> over documents with catch-and-continue, <c>Parallel.ForEachAsync</c> over inputs with
    /// a catch per input, and a hub-style streaming method called once per user message.
    /// </summary>
    [Fact]
    public Task Batch_and_per_message_shapes_are_not_reported() => VerifyAsync(
        """
        sealed class Summaries(IChatClient chat)
        {
            public async Task<Dictionary<string, string>> SummarizeAllAsync(IReadOnlyList<string> documents, CancellationToken cancellationToken)
            {
                var results = new Dictionary<string, string>();
                foreach (var document in documents)
                {
                    try
                    {
                        var response = await chat.GetResponseAsync("Summarize: " + document, cancellationToken: cancellationToken);
                        results[document] = response.Text;
                    }
                    catch (HttpRequestException e)
                    {
                        Console.WriteLine(e.Message);
                        continue;
                    }
                }

                return results;
            }

            public Task ClassifyAllAsync(IEnumerable<string> inputs, CancellationToken cancellationToken) =>
                Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (input, ct) =>
                {
                    try
                    {
                        await chat.GetResponseAsync("Classify: " + input, cancellationToken: ct);
                    }
                    catch (Exception e)
                    {
                        Console.WriteLine(e.Message);
                    }
                });
        }

        sealed class ChatHub(IChatClient chat)
        {
            public async IAsyncEnumerable<string> StreamAsync(string message, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
            {
                await foreach (var update in chat.GetStreamingResponseAsync(message, cancellationToken: cancellationToken))
                {
                    yield return update.Text;
                }
            }
        }
        """);

    /// <summary>
    /// A loop that re-asks with the validation error appended to the conversation is a self-correction: each pass sends
    /// the grown history, so it is not reported (and so no idempotency-key fix is offered for it).
    /// </summary>
    [Fact]
    public Task Re_asking_with_the_validation_error_appended_is_not_reported() => VerifyAsync(
        """
        sealed class Extractor(IChatClient chat)
        {
            public async Task<System.Text.Json.JsonDocument> ExtractAsync(string text, CancellationToken cancellationToken)
            {
                var messages = new List<Microsoft.Extensions.AI.ChatMessage> { new(ChatRole.User, "Extract JSON from: " + text) };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await chat.GetResponseAsync(messages, cancellationToken: cancellationToken);
                    try
                    {
                        return System.Text.Json.JsonDocument.Parse(response.Text);
                    }
                    catch (System.Text.Json.JsonException e)
                    {
                        messages.AddMessages(response);
                        messages.Add(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "That was not valid JSON: " + e.Message + ". Answer again."));
                    }
                }

                throw new InvalidOperationException("no valid JSON");
            }
        }
        """);
}
