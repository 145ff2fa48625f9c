using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A work loop whose catch puts the failed item back on the queue it reads (a re-queue is a retry: the same request is
/// sent again when the loop reaches the item), beside the correct work loops: log and move on, a dead-letter queue, a
/// changed request written back, a rate-limit wait, a queue written through code AiLint does not follow.
/// </summary>
public class RequeueRetryTests
{
    private const string Id = "AIL0001";

    private const string LocalUsings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        record Job(string Prompt, int Attempts = 0);

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    [Fact]
    public Task Failed_item_written_back_to_its_queue_is_a_retry() => VerifyAsync(
        """
        class Worker(IChatClient chat, ILogger<Worker> logger)
        {
            private readonly Channel<Job> jobs = Channel.CreateUnbounded<Job>();
            private readonly ConcurrentQueue<string> pending = new();

            public async Task RunAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    try
                    {
                        var r = await chat.{|#0:GetResponseAsync|}(job.Prompt, cancellationToken: ct);
                        logger.LogInformation("{Text}", r.Text);
                    }
                    catch (HttpRequestException ex) when (job.Attempts < 3)
                    {
                        logger.LogWarning(ex, "Retrying later");
                        await jobs.Writer.WriteAsync(job with { Attempts = job.Attempts + 1 }, ct);
                    }
                }
            }

            public async Task DrainAsync()
            {
                while (pending.TryDequeue(out var text))
                {
                    var prompt = "Summarise: " + text;
                    try { Console.WriteLine((await chat.{|#1:GetResponseAsync|}(prompt)).Text); }
                    catch (HttpRequestException) { pending.Enqueue(text); await Task.Delay(1000); }
                }
            }

            public async Task ReadOneByOneAsync(Channel<Job> queue, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    var job = await queue.Reader.ReadAsync(ct);
                    try { Console.WriteLine((await chat.{|#2:GetResponseAsync|}(job.Prompt)).Text); }
                    catch (Exception) { queue.Writer.TryWrite(job); }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "re-queue to jobs"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "re-queue to pending"),
        Diagnostic(Id).WithLocation(2).WithArguments("GetResponseAsync", "re-queue to queue"));

    [Fact]
    public Task Work_loops_that_move_on_or_send_something_new_are_not_retries() => VerifyAsync(
        """
        class Worker(IChatClient chat, ILogger<Worker> logger)
        {
            private readonly Channel<Job> jobs = Channel.CreateUnbounded<Job>();
            private readonly Channel<Job> deadLetters = Channel.CreateUnbounded<Job>();
            private readonly ConcurrentQueue<string> pending = new();
            private readonly ConcurrentQueue<string> failed = new();

            // Log and move on.
            public async Task LogAndMoveOnAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    try { logger.LogInformation("{Text}", (await chat.GetResponseAsync(job.Prompt)).Text); }
                    catch (HttpRequestException ex) { logger.LogError(ex, "Job failed"); }
                }
            }

            // A dead-letter queue is another queue: nothing is sent again here.
            public async Task DeadLetterAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    try { logger.LogInformation("{Text}", (await chat.GetResponseAsync(job.Prompt)).Text); }
                    catch (HttpRequestException) { await deadLetters.Writer.WriteAsync(job, ct); }
                }
            }

            public async Task FailedListAsync()
            {
                while (pending.TryDequeue(out var text))
                {
                    try { Console.WriteLine((await chat.GetResponseAsync(text)).Text); }
                    catch (HttpRequestException) { failed.Enqueue(text); }
                }
            }

            // The item written back asks something else (a shorter prompt).
            public async Task ShorterAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    try { logger.LogInformation("{Text}", (await chat.GetResponseAsync(job.Prompt)).Text); }
                    catch (HttpRequestException) { await jobs.Writer.WriteAsync(job with { Prompt = job.Prompt.Substring(0, job.Prompt.Length / 2) }, ct); }
                }
            }

            // A rate-limit wait: the refused request produced nothing.
            public async Task RateLimitAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    try { logger.LogInformation("{Text}", (await chat.GetResponseAsync(job.Prompt)).Text); }
                    catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests) { await jobs.Writer.WriteAsync(job, ct); }
                }
            }

            // The success path writes the item on (a pipeline stage), the catch does not.
            public async Task NextStageAsync(CancellationToken ct)
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                {
                    try
                    {
                        var r = await chat.GetResponseAsync(job.Prompt);
                        await jobs.Writer.WriteAsync(new Job("Review: " + r.Text), ct);
                    }
                    catch (HttpRequestException ex) { logger.LogError(ex, "Job failed"); }
                }
            }
        }
        """);

    [Fact]
    public Task Job_put_back_on_shutdown_and_the_loop_left_is_not_a_retry() => VerifyAsync(
        """
        class Worker(Channel<Job> queue, IChatClient chat)
        {
            // The job in hand is put back so shutdown loses nothing; `break` leaves the loop, which never takes it again.
            public async Task RunAsync(CancellationToken stoppingToken)
            {
                while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
                {
                    var job = await queue.Reader.ReadAsync(CancellationToken.None);
                    try { Console.WriteLine((await chat.GetResponseAsync(job.Prompt, cancellationToken: stoppingToken)).Text); }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        queue.Writer.TryWrite(job);
                        break;
                    }
                }
            }

            public async Task ReturnAsync(CancellationToken ct)
            {
                await foreach (var job in queue.Reader.ReadAllAsync(CancellationToken.None))
                {
                    try { Console.WriteLine((await chat.GetResponseAsync(job.Prompt, cancellationToken: ct)).Text); }
                    catch (OperationCanceledException)
                    {
                        await queue.Writer.WriteAsync(job, CancellationToken.None);
                        return;
                    }
                }
            }

            // Only the branch that puts the job back leaves; the other goes round without it.
            public async Task BranchAsync(CancellationToken ct)
            {
                await foreach (var job in queue.Reader.ReadAllAsync(CancellationToken.None))
                {
                    try { Console.WriteLine((await chat.GetResponseAsync(job.Prompt, cancellationToken: ct)).Text); }
                    catch (Exception ex)
                    {
                        if (ct.IsCancellationRequested)
                        {
                            queue.Writer.TryWrite(job);
                            break;
                        }

                        Console.WriteLine(ex.Message);
                    }
                }
            }

            public async Task RethrowAsync(CancellationToken ct)
            {
                await foreach (var job in queue.Reader.ReadAllAsync(CancellationToken.None))
                {
                    try { Console.WriteLine((await chat.GetResponseAsync(job.Prompt, cancellationToken: ct)).Text); }
                    catch (Exception)
                    {
                        queue.Writer.TryWrite(job);
                        throw;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Job_put_back_and_the_loop_going_round_is_still_a_retry() => VerifyAsync(
        """
        class Worker(Channel<Job> queue, IChatClient chat)
        {
            public async Task ContinueAsync(CancellationToken ct)
            {
                await foreach (var job in queue.Reader.ReadAllAsync(CancellationToken.None))
                {
                    try { Console.WriteLine((await chat.{|#0:GetResponseAsync|}(job.Prompt, cancellationToken: ct)).Text); }
                    catch (OperationCanceledException)
                    {
                        await queue.Writer.WriteAsync(job, CancellationToken.None);
                        continue;
                    }
                }
            }

            // Leaves only when shutdown is asked; any other failure goes round to the put-back job.
            public async Task SometimesLeavesAsync(CancellationToken ct)
            {
                while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
                {
                    var job = await queue.Reader.ReadAsync(CancellationToken.None);
                    try { Console.WriteLine((await chat.{|#1:GetResponseAsync|}(job.Prompt, cancellationToken: ct)).Text); }
                    catch (Exception)
                    {
                        queue.Writer.TryWrite(job);
                        if (ct.IsCancellationRequested) break;
                    }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "re-queue to queue"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "re-queue to queue"));

    [Fact]
    public Task Half_typed_requeue_does_not_crash() =>
        new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = LocalUsings + """
                class Worker(IChatClient chat)
                {
                    private readonly Channel<Job> jobs = Channel.CreateUnbounded<Job>();

                    public async Task RunAsync(CancellationToken ct)
                    {
                        await foreach (var job in jobs.Reader.ReadAllAsync(ct))
                        {
                            try { Console.WriteLine((await chat.{|#0:GetResponseAsync|}(job.Prompt)).Text); }
                            catch (HttpRequestException) { await jobs.Writer.WriteAsync(job with { Attempts = }, ct); }
                        }

                        while (jobs.Reader.TryRead(out var))
                        {
                            try { await chat.GetResponseAsync(); }
                            catch { jobs.Writer.TryWrite(); }
                        }
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            // The half-typed `with` still sets only Attempts, which the request does not read: the re-queue stands.
            ExpectedDiagnostics = { Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "re-queue to jobs") },
        }.RunAsync();
}
