using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retry that the code fixes at one attempt sends the request once: a project helper looping
/// <c>for (int attempt = 1; attempt &lt;= maxAttempts; attempt++)</c> called with <c>maxAttempts: 1</c> (or
/// <c>maxRetries: 0</c> into <c>attempt &lt;= maxRetries</c> from 0, or leaving a constant default of 1), and an inline
/// <c>for (var i = 0; i &lt; 1; i++)</c>. No duplicate request, so none of AIL0001–AIL0004. A count of 2, a count from
/// settings, or a call overriding the default 1 with 3 is still a retry.
/// </summary>
public class SingleAttemptRetryTests
{
    private const string Helpers = """
        public static class RetryHelper
        {
            public static async Task<T> ExecuteWithRetryAsync<T>(Func<Task<T>> operation, int maxAttempts = 3)
            {
                Exception? last = null;
                for (int attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception ex) when (attempt < maxAttempts)
                    {
                        last = ex;
                        await Task.Delay(1000 * attempt);
                    }
                }

                throw last ?? new InvalidOperationException();
            }

            public static async Task<T> WithRetriesAsync<T>(Func<Task<T>> operation, int maxRetries)
            {
                for (int attempt = 0; attempt <= maxRetries; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception) when (attempt < maxRetries)
                    {
                        await Task.Delay(500);
                    }
                }

                throw new InvalidOperationException("All retry attempts failed");
            }

            public static async Task<T> OnceByDefaultAsync<T>(Func<Task<T>> operation, int maxAttempts = 1)
            {
                for (var attempt = 0; attempt < maxAttempts; attempt++)
                {
                    try
                    {
                        return await operation();
                    }
                    catch (Exception) when (attempt + 1 < maxAttempts)
                    {
                        await Task.Delay(500);
                    }
                }

                throw new InvalidOperationException();
            }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", Usings + Helpers + source, expected);

    private static DiagnosticResult Stacked(int location, string retry, string multiply) =>
        Diagnostic("AIL0003").WithLocation(location).WithArguments("CompleteChatAsync", retry, "OpenAI", "3 retries by default", multiply);

    [Fact]
    public Task One_attempt_passed_to_the_helper_is_not_a_retry() => VerifyAsync(
        """
        public class Provider(string apiKey)
        {
            public async Task<string> AskAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetryAsync(() => client.CompleteChatAsync(question), maxAttempts: 1);
                return response.Content[0].Text;
            }

            public async Task<string> NoneAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetryAsync(() => client.CompleteChatAsync(question), 0);
                return response.Content[0].Text;
            }
        }
        """);

    [Fact]
    public Task Zero_retries_into_an_inclusive_bound_from_zero_is_not_a_retry() => VerifyAsync(
        """
        public class Provider(string apiKey)
        {
            public async Task<string> AskAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.WithRetriesAsync(() => client.CompleteChatAsync(question), maxRetries: 0);
                return response.Content[0].Text;
            }
        }
        """);

    /// <summary>The twins: two attempts, and one retry into the inclusive bound (two attempts), are retries.</summary>
    [Fact]
    public Task Two_attempts_passed_to_the_helper_is_a_retry() => VerifyAsync(
        """
        public class Provider(string apiKey)
        {
            public async Task<string> AskAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetryAsync(() => client.{|AIL0001:{|#0:CompleteChatAsync|}|}(question), maxAttempts: 2);
                return response.Content[0].Text;
            }

            public async Task<string> OneRetryAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.WithRetriesAsync(() => client.{|AIL0001:{|#1:CompleteChatAsync|}|}(question), maxRetries: 1);
                return response.Content[0].Text;
            }
        }
        """,
        Stacked(0, "RetryHelper.ExecuteWithRetryAsync", "2 × 4 = 8 requests"),
        Stacked(1, "RetryHelper.WithRetriesAsync", "2 × 4 = 8 requests"));

    /// <summary>A count from settings may be anything: still reported, with "each of its attempts".</summary>
    [Fact]
    public Task Count_from_settings_is_still_a_retry() => VerifyAsync(
        """
        public class Provider(string apiKey, int configuredAttempts)
        {
            public async Task<string> AskAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetryAsync(() => client.{|AIL0001:{|#0:CompleteChatAsync|}|}(question), configuredAttempts);
                return response.Content[0].Text;
            }
        }
        """,
        Stacked(0, "RetryHelper.ExecuteWithRetryAsync", "each of its attempts makes up to 4 requests"));

    /// <summary>The parameter's constant default 1 runs once; the call passing 3 retries.</summary>
    [Fact]
    public Task Default_of_one_is_quiet_and_an_override_of_three_is_reported() => VerifyAsync(
        """
        public class Provider(string apiKey)
        {
            public async Task<string> OnceAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.OnceByDefaultAsync(() => client.CompleteChatAsync(question));
                return response.Content[0].Text;
            }

            public async Task<string> ThriceAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.OnceByDefaultAsync(() => client.{|AIL0001:{|#0:CompleteChatAsync|}|}(question), 3);
                return response.Content[0].Text;
            }
        }
        """,
        Stacked(0, "RetryHelper.OnceByDefaultAsync", "3 × 4 = 12 requests"));

    /// <summary>An inline loop of one pass sends once; its two-pass twin is a retry.</summary>
    [Fact]
    public Task Inline_loop_of_one_pass_is_not_a_retry() => VerifyAsync(
        """
        public class Provider(string apiKey)
        {
            public async Task<string> OnceAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                for (var i = 0; i < 1; i++)
                {
                    try
                    {
                        ChatCompletion response = await client.CompleteChatAsync(question);
                        return response.Content[0].Text;
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }

            public async Task<string> TwiceAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                for (var i = 0; i < 2; i++)
                {
                    try
                    {
                        ChatCompletion response = await client.{|AIL0001:{|#0:CompleteChatAsync|}|}(question);
                        return response.Content[0].Text;
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """,
        Stacked(0, "for loop", "2 × 4 = 8 requests"));

    /// <summary>Half-typed counts: no crash, and no report on a count the compiler cannot read.</summary>
    [Fact]
    public Task Half_typed_count_does_not_crash_or_report() => VerifyAsync(
        """
        public class Provider(string apiKey)
        {
            public async Task<string> UnknownNameAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.ExecuteWithRetryAsync(() => client.CompleteChatAsync(question), maxAttempts: {|CS0103:attempts|});
                return response.Content[0].Text;
            }

            public async Task<string> MissingAsync(string question)
            {
                var client = new ChatClient("gpt-4o-mini", apiKey);
                ChatCompletion response = await RetryHelper.WithRetriesAsync(() => client.CompleteChatAsync(question), maxRetries: {|CS1525:)|};
                return response.Content[0].Text;
            }
        }
        """);
}
