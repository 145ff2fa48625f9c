using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003's count for a loop with no bound of its own whose counted catch goes round only <c>when (attempt &lt;
/// MaxRetries &amp;&amp; ...)</c> stays visible beside a catch that never goes round: one whose every path returns or
/// throws (PulsaLLM's <c>LlmWorker.CallWithRetryAsync</c>, a 400 catch that answers with a changed request or throws).
/// Only a catch that can go round without the bound hides the count.
/// </summary>
public class LeavingCatchAttemptCountTests
{
    private const string Id = "AIL0003";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult Stacked(int location, string multiply) =>
        Diagnostic(Id).WithLocation(location).WithArguments("CompleteChatAsync", "for loop", "OpenAI", "3 retries by default", multiply);

    [Fact]
    public Task A_first_catch_that_throws_or_returns_keeps_the_product() => VerifyAsync(
        """
        class Worker
        {
            private const int MaxRetries = 3;

            public async Task<ChatCompletion> ThrowingCatchAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        Console.WriteLine(ex.Message);
                        throw new InvalidOperationException("The request was rejected.", ex);
                    }
                    catch (ClientResultException ex) when (attempt < MaxRetries && ex.Status is 429 or >= 500)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task<ChatCompletion?> ReturningCatchAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#1:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        if (ex.Message.Contains("context_length_exceeded"))
                        {
                            return null;
                        }

                        throw;
                    }
                    catch (ClientResultException ex) when (attempt < MaxRetries && ex.Status is 429 or >= 500)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """,
        Stacked(0, "4 × 4 = 16 requests"),
        Stacked(1, "4 × 4 = 16 requests"));

    /// <summary>A first catch that can go round (its end is reachable) still hides the count.</summary>
    [Fact]
    public Task A_first_catch_that_can_go_round_keeps_each_of_its_attempts() => VerifyAsync(
        """
        class Worker
        {
            private const int MaxRetries = 3;

            public async Task<ChatCompletion?> SometimesReturnsAsync(string apiKey, string question, bool give)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException ex) when (ex.Status == 400)
                    {
                        if (give)
                        {
                            return null;
                        }

                        await Task.Delay(1000);
                    }
                    catch (ClientResultException ex) when (attempt < MaxRetries && ex.Status is 429 or >= 500)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """,
        Stacked(0, "each of its attempts makes up to 4 requests"));

    /// <summary>
    /// Half-typed code: a leaving catch missing a semicolon still leaves (the count stays), and an unfinished catch with
    /// no loop around it is no retry. No crash.
    /// </summary>
    [Fact]
    public async Task Half_typed_leaving_catch_does_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                class Worker
                {
                    private const int MaxRetries = 3;

                    public async Task<ChatCompletion> AskAsync(string apiKey, string question)
                    {
                        var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                        for (var attempt = 0; ; attempt++)
                        {
                            try { return await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(question)); }
                            catch (ClientResultException ex) when (ex.Status == 400) { Console.WriteLine(ex.Message) throw; }
                            catch (ClientResultException ex) when (attempt < MaxRetries) { await Task.Delay(1000); }
                        }
                    }

                    public async Task<ChatCompletion> OnceAsync(string apiKey, string question)
                    {
                        var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                        try { return await chat.CompleteChatAsync(new UserChatMessage(question)); }
                        catch (ClientResultException ex) when (ex.Status == 400) { throw new Missing(
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        test.ExpectedDiagnostics.Add(Stacked(0, "4 × 4 = 16 requests"));
        await test.RunAsync();
    }
}
