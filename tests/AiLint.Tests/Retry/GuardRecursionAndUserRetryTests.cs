using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Reviewer items on hand-written retries: a method that calls itself after its <c>try</c> (reached only from a catch
/// that falls out, often behind a guard clause such as <c>if (attempt &gt;= 3) throw</c>), and a console loop that goes
/// round after a failure only when the user asks for it ("Retry? (y/n)"), which is the user's new request, not a retry.
/// Every positive sits beside the correct code written the same way.
/// </summary>
public class GuardRecursionAndUserRetryTests
{
    private const string LocalUsings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        """;

    private static Task VerifyAsync(string id, string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(id, LocalUsings + source, expected);

    // ---- 1. Recursion after the try ------------------------------------------------------------------------------

    [Fact]
    public Task Guard_clause_recursion_in_the_catch_or_after_the_try_is_a_retry() => VerifyAsync(
        "AIL0001",
        """
        class Asker(IChatClient chat, ILogger<Asker> logger)
        {
            public async Task<string> InCatchAsync(string prompt, int attempt = 0)
            {
                if (attempt >= 3) throw new InvalidOperationException("gave up");
                try { return (await chat.{|#0:GetResponseAsync|}(prompt)).Text; }
                catch (HttpRequestException) { await Task.Delay(1000); return await InCatchAsync(prompt, attempt + 1); }
            }

            public async Task<string> AfterTryAsync(string prompt, int attempt = 0)
            {
                if (attempt >= 3) throw new InvalidOperationException("gave up");
                try
                {
                    var response = await chat.{|#1:GetResponseAsync|}(prompt);
                    return response.Text;
                }
                catch (HttpRequestException ex)
                {
                    logger.LogWarning(ex, "Attempt {Attempt} failed", attempt);
                }

                await Task.Delay(1000 * (attempt + 1));
                return await AfterTryAsync(prompt, attempt + 1);
            }

            public async Task<string> GuardAfterTryAsync(string prompt, int retriesLeft = 3)
            {
                try { return (await chat.{|#2:GetResponseAsync|}(prompt)).Text; }
                catch (HttpRequestException) { }
                if (retriesLeft > 0) return await GuardAfterTryAsync(prompt, retriesLeft - 1);
                throw new InvalidOperationException("gave up");
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "recursive call to InCatchAsync"),
        Diagnostic("AIL0001").WithLocation(1).WithArguments("GetResponseAsync", "recursive call to AfterTryAsync"),
        Diagnostic("AIL0001").WithLocation(2).WithArguments("GetResponseAsync", "recursive call to GuardAfterTryAsync"));

    [Fact]
    public Task Recursion_after_the_try_that_sends_something_new_or_follows_a_success_is_not_a_retry() => VerifyAsync(
        "AIL0001",
        """
        class Asker(IChatClient chat)
        {
            private readonly List<ChatMessage> history = new();

            // Fallback: the next attempt sends a shorter prompt.
            public async Task<string> ShorterAsync(string prompt, int attempt = 0)
            {
                if (attempt >= 3) throw new InvalidOperationException("gave up");
                try { return (await chat.GetResponseAsync(prompt)).Text; }
                catch (HttpRequestException) { }
                return await ShorterAsync(prompt.Substring(0, prompt.Length / 2), attempt + 1);
            }

            // Self-correction: the catch tells the model what went wrong, so the next request differs.
            public async Task<string> CorrectingAsync(int attempt = 0)
            {
                if (attempt >= 3) throw new InvalidOperationException("gave up");
                try { return (await chat.GetResponseAsync(history)).Text; }
                catch (FormatException ex) { history.Add(new ChatMessage(ChatRole.User, "Invalid output: " + ex.Message)); }
                return await CorrectingAsync(attempt + 1);
            }

            // Sampling: a success reaches the call of itself too (the try falls through), a deliberate repeat.
            public async Task<List<string>> SampleAsync(string prompt, int left, List<string> samples)
            {
                try { samples.Add((await chat.GetResponseAsync(prompt)).Text); }
                catch (HttpRequestException) { }
                if (left > 1) return await SampleAsync(prompt, left - 1, samples);
                return samples;
            }

            // Rate-limit wait: the refused request produced nothing.
            public async Task<string> RateLimitedAsync(string prompt, int attempt = 0)
            {
                if (attempt >= 5) throw new InvalidOperationException("gave up");
                try { return (await chat.GetResponseAsync(prompt)).Text; }
                catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests) { }
                await Task.Delay(2000);
                return await RateLimitedAsync(prompt, attempt + 1);
            }

            // The catch rethrows: nothing after the try runs again.
            public async Task<string> RethrowAsync(string prompt)
            {
                try { return (await chat.GetResponseAsync(prompt)).Text; }
                catch (HttpRequestException) { throw; }
            }
        }
        """);

    [Fact]
    public Task Recursion_after_a_try_in_half_typed_code_does_not_crash() =>
        new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = LocalUsings + """
                class Asker(IChatClient chat)
                {
                    public async Task<string> AskAsync(string prompt, int attempt = 0)
                    {
                        try { return (await chat.GetResponseAsync(prompt)).Text; }
                        catch (HttpRequestException) { }
                        return await AskAsync(prompt, attempt + 1, );
                    }

                    public async Task<string> EmptyAsync(string prompt, int attempt = 0)
                    {
                        try { }
                        catch { }
                        return await EmptyAsync(prompt attempt + 1);
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();

    // ---- 2. A retry the user asks for at the console --------------------------------------------------------------

    [Fact]
    public Task Stream_loop_that_goes_round_on_its_own_after_a_failure_is_reported() => VerifyAsync(
        "AIL0002",
        """
        class App(IChatClient chat)
        {
            public async Task RunAsync(List<ChatMessage> history)
            {
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.{|#0:GetStreamingResponseAsync|}(history)) Console.Write(u.Text);
                        break;
                    }
                    catch (HttpRequestException ex) { Console.WriteLine(ex.Message); }
                    await Task.Delay(1000);
                }
            }

            // A pause without a choice: the loop still goes round by itself.
            public async Task PauseAsync(List<ChatMessage> history)
            {
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.{|#1:GetStreamingResponseAsync|}(history)) Console.Write(u.Text);
                        break;
                    }
                    catch (HttpRequestException) { Console.WriteLine("Failed, press Enter to try again."); }
                    Console.ReadLine();
                }
            }

            // The catch `continue`s past the question: a failure never reaches it.
            public async Task SkipsTheQuestionAsync(List<ChatMessage> history)
            {
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.{|#2:GetStreamingResponseAsync|}(history)) Console.Write(u.Text);
                        break;
                    }
                    catch (HttpRequestException) { await Task.Delay(500); continue; }
                    if (Console.ReadLine() != "r") break;
                }
            }

            // A line from a file is not a person deciding.
            public async Task ScriptedAsync(List<ChatMessage> history, TextReader script)
            {
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.{|#3:GetStreamingResponseAsync|}(history)) Console.Write(u.Text);
                        break;
                    }
                    catch (HttpRequestException) { }
                    if (script.ReadLine() != "r") break;
                }
            }
        }
        """,
        Diagnostic("AIL0002").WithLocation(0).WithArguments("GetStreamingResponseAsync", "while loop"),
        Diagnostic("AIL0002").WithLocation(1).WithArguments("GetStreamingResponseAsync", "while loop"),
        Diagnostic("AIL0002").WithLocation(2).WithArguments("GetStreamingResponseAsync", "while loop"),
        Diagnostic("AIL0002").WithLocation(3).WithArguments("GetStreamingResponseAsync", "while loop"));

    [Fact]
    public Task Stream_loop_that_goes_round_only_when_the_user_asks_is_not_a_retry() => VerifyAsync(
        "AIL0002",
        """
        class App(IChatClient chat)
        {
            public async Task AfterTheTryAsync(List<ChatMessage> history)
            {
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.GetStreamingResponseAsync(history)) Console.Write(u.Text);
                        break;
                    }
                    catch (HttpRequestException ex) { Console.WriteLine(ex.Message); }
                    Console.Write("Press r to retry: ");
                    if (Console.ReadLine() != "r") break;
                }
            }

            public async Task InTheCatchAsync(List<ChatMessage> history)
            {
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.GetStreamingResponseAsync(history)) Console.Write(u.Text);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                        Console.Write("Retry? (y/n) ");
                        var answer = Console.ReadKey().KeyChar;
                        if (answer != 'y') throw;
                    }
                }
            }

            public async Task ContinueOnYesAsync(List<ChatMessage> history)
            {
                while (true)
                {
                    try
                    {
                        await foreach (var u in chat.GetStreamingResponseAsync(history)) Console.Write(u.Text);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                        if (AskYesNo("Retry?")) continue;
                        throw;
                    }
                }
            }

            public async Task DoLoopAsync(List<ChatMessage> history)
            {
                var done = false;
                do
                {
                    try
                    {
                        await foreach (var u in chat.GetStreamingResponseAsync(history)) Console.Write(u.Text);
                        done = true;
                    }
                    catch (HttpRequestException) { Console.Write("Failed. Retry? "); }
                }
                while (!done && Console.ReadLine() == "y");
            }

            private static bool AskYesNo(string question)
            {
                Console.Write(question + " (y/n) ");
                return Console.ReadLine() == "y";
            }
        }
        """);

    [Fact]
    public Task Buffered_call_retried_only_when_the_user_asks_is_not_a_retry_either() => VerifyAsync(
        "AIL0001",
        """
        class App(IChatClient chat)
        {
            public async Task<string> AskUntilTheUserGivesUpAsync(string prompt)
            {
                while (true)
                {
                    try { return (await chat.GetResponseAsync(prompt)).Text; }
                    catch (HttpRequestException ex) { Console.WriteLine(ex.Message); }
                    Console.Write("Retry? (y/n) ");
                    if (Console.ReadLine() != "y") throw new OperationCanceledException();
                }
            }

            public async Task<string> AskOnItsOwnAsync(string prompt)
            {
                while (true)
                {
                    try { return (await chat.{|#0:GetResponseAsync|}(prompt)).Text; }
                    catch (HttpRequestException ex) { Console.WriteLine(ex.Message); }
                    await Task.Delay(1000);
                }
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "while loop"));

    [Fact]
    public Task Console_read_the_loop_can_skip_is_not_the_users_answer() => VerifyAsync(
        "AIL0001",
        """
        class App(IChatClient chat)
        {
            // Goes round on its own unless a key happens to be waiting: Esc can only stop it.
            public async Task<string?> EscToGiveUpAsync(string question)
            {
                while (true)
                {
                    try { return (await chat.{|#0:GetResponseAsync|}(question)).Text; }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"{ex.Message} - retrying in 5s (Esc to give up)");
                        await Task.Delay(5000);
                        if (Console.KeyAvailable && Console.ReadKey(true).Key == ConsoleKey.Escape) return null;
                    }
                }
            }

            public async Task<string?> ConditionalReadAsync(string question, bool interactive)
            {
                while (true)
                {
                    try { return (await chat.{|#1:GetResponseAsync|}(question)).Text; }
                    catch (HttpRequestException) { await Task.Delay(5000); }
                    if ((interactive ? Console.ReadLine() : "y") != "y") return null;
                }
            }

            public async Task<string?> KeyReadOnlyIfWaitingAsync(string question)
            {
                while (true)
                {
                    try { return (await chat.{|#2:GetResponseAsync|}(question)).Text; }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(5000);
                        var key = ConsoleKey.Enter;
                        if (Console.KeyAvailable) key = Console.ReadKey(true).Key;
                        if (key == ConsoleKey.Escape) return null;
                    }
                }
            }

            // The same loop that waits for the key on every way round asks the user: not reported.
            public async Task<string?> EscOrAnyKeyAsync(string question)
            {
                while (true)
                {
                    try { return (await chat.GetResponseAsync(question)).Text; }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine($"{ex.Message} - any key to retry, Esc to give up");
                        if (Console.ReadKey(true).Key == ConsoleKey.Escape) return null;
                    }
                }
            }
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("GetResponseAsync", "while loop"),
        Diagnostic("AIL0001").WithLocation(1).WithArguments("GetResponseAsync", "while loop"),
        Diagnostic("AIL0001").WithLocation(2).WithArguments("GetResponseAsync", "while loop"));
}
