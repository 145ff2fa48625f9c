using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 70 (finding D, LocalAgentTravelPlanner): AIL0003's last argument gives the product of the loop's attempts and
/// the SDK's when the loop's own count is visible as constants, as it does for Polly options. A loop with no
/// condition whose catch goes round only <c>when (attempt &lt; MaxRetries)</c> (<c>const int MaxRetries = 3</c>, the
/// counter starting at a constant and counted up by one after the catch's test) makes MaxRetries + 1 attempts. Where
/// the count is not shown (a bound from settings, the counter counted before the call), the text stays "each of its
/// attempts makes up to N requests".
/// </summary>
public class LoopAttemptCountMessageTests
{
    private const string Id = "AIL0003";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    private static DiagnosticResult Stacked(int location, string retry, string multiply) =>
        Diagnostic(Id).WithLocation(location).WithArguments("CompleteChatAsync", retry, "OpenAI", "3 retries by default", multiply);

    /// <summary>
    /// LocalAgentTravelPlanner's loop: <c>for (var attempt = 0; ; attempt++)</c> whose catch goes round while
    /// <c>attempt &lt; MaxRetries</c> (3): 4 attempts of 4 requests. The message said "each of its attempts" before.
    /// </summary>
    [Fact]
    public Task Conditionless_for_loop_bounded_by_a_const_in_the_catch_filter_gives_the_product() => VerifyAsync(
        """
        class Assistant
        {
            private const int MaxRetries = 3;

            public async Task<ChatCompletion> AskAsync(string apiKey, string question, CancellationToken cancellationToken)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}([new UserChatMessage(question)], cancellationToken: cancellationToken);
                    }
                    catch (ClientResultException ex) when (attempt < MaxRetries && ex.Status >= 500)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                    }
                }
            }
        }
        """,
        Stacked(0, "for loop", "4 × 4 = 16 requests"));

    /// <summary>
    /// The brief's form, <c>for (var attempt = 0; attempt &lt; MaxRetries; attempt++)</c> with a const bound, and a
    /// <c>while (true)</c> whose catch tests <c>retries &lt;= MaxRetries</c> before counting it up from 1: 3 and 3 attempts.
    /// </summary>
    [Fact]
    public Task Const_bounded_for_condition_and_while_filter_give_the_product() => VerifyAsync(
        """
        class Assistant
        {
            private const int MaxRetries = 3;
            private const int MaxTries = 2;

            public async Task<ChatCompletion?> ForAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                for (var attempt = 0; attempt < MaxRetries; attempt++)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }

            public async Task<ChatCompletion> WhileAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                var retries = 1;
                while (true)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#1:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException ex) when (ex.Status >= 500 && retries <= MaxTries)
                    {
                        retries++;
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "for loop", "OpenAI", "3 retries by default", "3 × 4 = 12 requests"),
        Stacked(1, "while loop", "3 × 4 = 12 requests"));

    /// <summary>
    /// The count not shown keeps today's text: a bound read from a field set at run time, a counter counted up before
    /// the call (its value at the catch's test is not its start), a counter also reset in the loop, a second catch
    /// that goes round with no bound, and a counter counted under an <c>if</c> (a 503 goes round uncounted).
    /// </summary>
    [Fact]
    public Task Bounds_not_shown_keep_each_of_its_attempts() => VerifyAsync(
        """
        class Assistant(int configuredRetries)
        {
            private const int MaxRetries = 3;
            private readonly int maxRetries = configuredRetries;

            public async Task<ChatCompletion> FieldBoundAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException) when (attempt < maxRetries)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task<ChatCompletion> CountedBeforeAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                var attempt = 0;
                while (true)
                {
                    attempt++;
                    try
                    {
                        return await chat.{|AIL0001:{|#1:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException) when (attempt < MaxRetries)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task<ChatCompletion> ResetAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#2:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException ex) when (attempt < MaxRetries)
                    {
                        attempt = ex.Status == 503 ? 0 : attempt + 1;
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task<ChatCompletion> UnboundedCatchAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#3:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException) when (attempt < MaxRetries)
                    {
                        await Task.Delay(1000);
                    }
                    catch (TimeoutException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task<ChatCompletion> CountedOnlySometimesAsync(string apiKey, string question)
            {
                var chat = new ChatClient("gpt-4.1-2025-04-14", apiKey);
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await chat.{|AIL0001:{|#4:CompleteChatAsync|}|}(new UserChatMessage(question));
                    }
                    catch (ClientResultException ex) when (attempt < MaxRetries)
                    {
                        if (ex.Status != 503)
                        {
                            attempt++;
                        }

                        await Task.Delay(1000);
                    }
                }
            }
        }
        """,
        Stacked(0, "for loop", "each of its attempts makes up to 4 requests"),
        Stacked(1, "while loop", "each of its attempts makes up to 4 requests"),
        Stacked(2, "while loop", "each of its attempts makes up to 4 requests"),
        Stacked(3, "for loop", "each of its attempts makes up to 4 requests"),
        Stacked(4, "while loop", "each of its attempts makes up to 4 requests"));
}
