using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003's product for a retry helper of the project whose loop is bounded by one of its own parameters
/// (Bardin08/docify: <c>ExecuteWithRetry(Func&lt;Task&lt;T&gt;&gt; operation, int maxAttempts = 5, ...)</c> looping
/// <c>for (int attempt = 1; attempt &lt;= maxAttempts; attempt++)</c>, called with <c>maxAttempts: 5</c>). The helper's
/// own loop shows no count, but the call does: the passed constant (or the parameter's constant default when the call
/// leaves it out) gives that call's attempts. A value the call does not spell (a setting), or a bound the helper
/// changes before its loop, keeps "each of its attempts makes up to N requests".
/// </summary>
public class HelperAttemptCountMessageTests
{
    private const string Id = "AIL0003";

    // docify's helper, shortened: a for loop bounded by the parameter, an exception-only retry.
    private const string Helper = """
        public static class RetryHelper
        {
            public static async Task<T> ExecuteWithRetry<T>(Func<Task<T>> operation, int maxAttempts = 5, TimeSpan? initialDelay = null, CancellationToken cancellationToken = default)
            {
                var delay = initialDelay ?? TimeSpan.FromSeconds(1);
                Exception? lastException = null;
                for (int attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception ex) when (attempt < maxAttempts)
                    {
                        lastException = ex;
                        await Task.Delay(delay * attempt, cancellationToken);
                    }
                }

                throw lastException!;
            }

            public static async Task<T> Clamped<T>(Func<Task<T>> operation, int maxAttempts)
            {
                maxAttempts = Math.Max(1, maxAttempts);
                for (var attempt = 0; attempt < maxAttempts; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception) when (attempt + 1 < maxAttempts)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new InvalidOperationException();
            }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", Usings + Helper + source, expected);

    private static DiagnosticResult Stacked(int location, string retry, string multiply) =>
        Diagnostic(Id).WithLocation(location).WithArguments("CompleteChatAsync", retry, "OpenAI", "3 retries by default", multiply);

    /// <summary>docify's call, <c>maxAttempts: 5</c>: 5 attempts of 4 requests; the default 5 when the call leaves it out.</summary>
    [Fact]
    public Task Constant_passed_for_the_helpers_bound_gives_the_product() => VerifyAsync(
        """
        public class GptProvider(string apiKey)
        {
            public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
            {
                var client = new ChatClient("gpt-4o-2024-08-06", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetry(
                    async () => await client.{|AIL0001:{|#0:CompleteChatAsync|}|}([new UserChatMessage(question)], cancellationToken: cancellationToken),
                    maxAttempts: 5,
                    initialDelay: TimeSpan.FromSeconds(1),
                    cancellationToken: cancellationToken);
                return response.Content[0].Text;
            }

            public async Task<string> AskTwiceAsync(string question)
            {
                var client = new ChatClient("gpt-4o-2024-08-06", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetry(() => client.{|AIL0001:{|#1:CompleteChatAsync|}|}(question), 2);
                return response.Content[0].Text;
            }

            public async Task<string> AskWithDefaultAsync(string question)
            {
                var client = new ChatClient("gpt-4o-2024-08-06", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetry(() => client.{|AIL0001:{|#2:CompleteChatAsync|}|}(question));
                return response.Content[0].Text;
            }
        }
        """,
        Stacked(0, "RetryHelper.ExecuteWithRetry", "5 × 4 = 20 requests"),
        Stacked(1, "RetryHelper.ExecuteWithRetry", "2 × 4 = 8 requests"),
        Stacked(2, "RetryHelper.ExecuteWithRetry", "5 × 4 = 20 requests"));

    /// <summary>
    /// A count from settings, and a helper that clamps its bound before the loop: the code does not fix the count at
    /// the call, so the message keeps "each of its attempts".
    /// </summary>
    [Fact]
    public Task Bound_from_settings_or_changed_by_the_helper_keeps_each_of_its_attempts() => VerifyAsync(
        """
        public class GptProvider(string apiKey, int configuredAttempts)
        {
            public async Task<string> FromSettingsAsync(string question)
            {
                var client = new ChatClient("gpt-4o-2024-08-06", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetry(() => client.{|AIL0001:{|#0:CompleteChatAsync|}|}(question), configuredAttempts);
                return response.Content[0].Text;
            }

            public async Task<string> ClampedAsync(string question)
            {
                var client = new ChatClient("gpt-4o-2024-08-06", apiKey);
                ChatCompletion response = await RetryHelper.Clamped(() => client.{|AIL0001:{|#1:CompleteChatAsync|}|}(question), 3);
                return response.Content[0].Text;
            }
        }
        """,
        Stacked(0, "RetryHelper.ExecuteWithRetry", "each of its attempts makes up to 4 requests"),
        Stacked(1, "RetryHelper.Clamped", "each of its attempts makes up to 4 requests"));

    /// <summary>
    /// JiraFhirUtils' bound, <c>attempt &lt;= maxRetries</c> from 0 (retries, not attempts): 3 passed makes 4 attempts.
    /// </summary>
    [Fact]
    public Task Inclusive_retry_bound_from_zero_counts_one_more_attempt() => VerifyAsync(
        """
        public static class Retries
        {
            public static async Task<T> ExecuteWithRetryAsync<T>(Func<Task<T>> operation, int maxRetries, int delaySeconds)
            {
                for (int attempt = 0; attempt <= maxRetries; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception ex) when (attempt < maxRetries)
                    {
                        Console.WriteLine(ex.Message);
                        await Task.Delay(TimeSpan.FromSeconds(delaySeconds));
                    }
                }

                throw new InvalidOperationException("All retry attempts failed");
            }
        }

        public class Provider(string apiKey)
        {
            public async Task<string> AskAsync(string question)
            {
                var client = new ChatClient("gpt-4o-2024-08-06", apiKey);
                ChatCompletion response = await Retries.ExecuteWithRetryAsync(() => client.{|AIL0001:{|#0:CompleteChatAsync|}|}(question), 3, 2);
                return response.Content[0].Text;
            }
        }
        """,
        Stacked(0, "Retries.ExecuteWithRetryAsync", "4 × 4 = 16 requests"));
}
