using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A long-poll update loop (Telegram-style offset) whose offset passes an update only after handling it succeeded: a
/// failure fetches the same update again and sends the same request again. Beside it, the correct loops: the offset
/// advanced before the handling, in a <c>finally</c> or in the catch, a catch that rethrows, and a turn loop.
/// </summary>
public class LongPollRedeliveryTests
{
    private const string Id = "AIL0001";
    private const string Name = "long-poll loop that fetches the failed update again";

    private const string LocalUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        record Update(long UpdateId, long ChatId, string Text);
        interface IBot
        {
            Task<Update[]> GetUpdatesAsync(long offset, CancellationToken ct = default);
            Task SendAsync(long chatId, string text);
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, LocalUsings + source, expected);

    [Fact]
    public Task Offset_advanced_only_after_a_successful_reply_is_a_retry() => VerifyAsync(
        """
        class Bot(IChatClient chat, IBot bot, ILogger<Bot> logger)
        {
            public async Task PollAsync(CancellationToken ct)
            {
                long offset = 0;
                while (!ct.IsCancellationRequested)
                {
                    var updates = await bot.GetUpdatesAsync(offset, ct);
                    try
                    {
                        foreach (var update in updates)
                        {
                            var reply = await chat.{|#0:GetResponseAsync|}(update.Text, cancellationToken: ct);
                            await bot.SendAsync(update.ChatId, reply.Text);
                            offset = update.UpdateId + 1;
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        logger.LogError(ex, "Polling failed");
                        await Task.Delay(1000, ct);
                    }
                }
            }

            private long next;

            public async Task BreakOutAsync(CancellationToken ct)
            {
                while (true)
                {
                    var updates = await bot.GetUpdatesAsync(next, ct);
                    foreach (var update in updates)
                    {
                        try
                        {
                            var reply = await chat.{|#1:GetResponseAsync|}(update.Text);
                            await bot.SendAsync(update.ChatId, reply.Text);
                            next = update.UpdateId + 1;
                        }
                        catch (Exception ex)
                        {
                            logger.LogError(ex, "Handling failed");
                            break;
                        }
                    }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", Name),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", Name));

    [Fact]
    public Task Offset_that_moves_on_after_a_failure_is_not_a_retry() => VerifyAsync(
        """
        class Bot(IChatClient chat, IBot bot, ILogger<Bot> logger)
        {
            // Advanced before the handling: a failed update is never fetched again.
            public async Task BeforeAsync(CancellationToken ct)
            {
                long offset = 0;
                while (!ct.IsCancellationRequested)
                {
                    var updates = await bot.GetUpdatesAsync(offset, ct);
                    try
                    {
                        foreach (var update in updates)
                        {
                            offset = update.UpdateId + 1;
                            var reply = await chat.GetResponseAsync(update.Text);
                            await bot.SendAsync(update.ChatId, reply.Text);
                        }
                    }
                    catch (HttpRequestException ex) { logger.LogError(ex, "Polling failed"); }
                }
            }

            // Advanced in a finally.
            public async Task FinallyAsync(CancellationToken ct)
            {
                long offset = 0;
                while (!ct.IsCancellationRequested)
                {
                    var updates = await bot.GetUpdatesAsync(offset, ct);
                    foreach (var update in updates)
                    {
                        try { await bot.SendAsync(update.ChatId, (await chat.GetResponseAsync(update.Text)).Text); }
                        catch (HttpRequestException ex) { logger.LogError(ex, "Handling failed"); break; }
                        finally { offset = update.UpdateId + 1; }
                    }
                }
            }

            // Advanced in the catch too: skip the failed update.
            public async Task SkipAsync(CancellationToken ct)
            {
                long offset = 0;
                while (!ct.IsCancellationRequested)
                {
                    var updates = await bot.GetUpdatesAsync(offset, ct);
                    foreach (var update in updates)
                    {
                        try
                        {
                            await bot.SendAsync(update.ChatId, (await chat.GetResponseAsync(update.Text)).Text);
                            offset = update.UpdateId + 1;
                        }
                        catch (HttpRequestException ex) { logger.LogError(ex, "Skipped"); offset = update.UpdateId + 1; break; }
                    }
                }
            }

            // The catch in the foreach moves on to the next update (no break): a later success passes the failed one.
            public async Task NextUpdateAsync(CancellationToken ct)
            {
                long offset = 0;
                while (!ct.IsCancellationRequested)
                {
                    var updates = await bot.GetUpdatesAsync(offset, ct);
                    foreach (var update in updates)
                    {
                        try
                        {
                            await bot.SendAsync(update.ChatId, (await chat.GetResponseAsync(update.Text)).Text);
                            offset = update.UpdateId + 1;
                        }
                        catch (HttpRequestException ex) { logger.LogError(ex, "Failed"); }
                    }
                }
            }

            // The catch rethrows: the loop stops.
            public async Task RethrowAsync(CancellationToken ct)
            {
                long offset = 0;
                while (!ct.IsCancellationRequested)
                {
                    var updates = await bot.GetUpdatesAsync(offset, ct);
                    try
                    {
                        foreach (var update in updates)
                        {
                            await bot.SendAsync(update.ChatId, (await chat.GetResponseAsync(update.Text)).Text);
                            offset = update.UpdateId + 1;
                        }
                    }
                    catch (HttpRequestException ex) { logger.LogError(ex, "Stopping"); throw; }
                }
            }

            // Pagination: the cursor comes from the page, not from the item, and the request does not read the item's page.
            public async Task PagesAsync(CancellationToken ct)
            {
                long page = 0;
                while (page >= 0)
                {
                    var updates = await bot.GetUpdatesAsync(page, ct);
                    try
                    {
                        foreach (var update in updates)
                        {
                            await bot.SendAsync(update.ChatId, (await chat.GetResponseAsync(update.Text)).Text);
                        }

                        page = updates.Length == 0 ? -1 : page + 1;
                    }
                    catch (HttpRequestException ex) { logger.LogError(ex, "Page failed"); page++; }
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_long_poll_does_not_crash() =>
        new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = LocalUsings + """
                class Bot(IChatClient chat, IBot bot)
                {
                    public async Task PollAsync(CancellationToken ct)
                    {
                        long offset = 0;
                        while (true)
                        {
                            var updates = await bot.GetUpdatesAsync(;
                            try
                            {
                                foreach (var update in updates)
                                {
                                    await chat.GetResponseAsync(update.);
                                    offset = update. + 1;
                                }
                            }
                            catch { }
                        }
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
