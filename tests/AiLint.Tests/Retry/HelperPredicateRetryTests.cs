using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A project retry helper whose catch filter asks a predicate the caller passes (<c>when (shouldRetry(ex))</c>): the
/// caller decides what is retried, so a call whose predicate admits only rate limits (429) is a rate-limit wait, like
/// the same test written in the catch filter (review 15, FP2). Anything else the helper or the predicate admits keeps
/// the retry.
/// </summary>
public class HelperPredicateRetryTests
{
    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync("AIL0001", Usings + "using System.Net;\nusing System.Net.Http;\n" + source);

    /// <summary>Top-level statements, as in the review's repro (an executable).</summary>
    private static Task VerifyProgramAsync(string source) => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + source,
        MarkupDiagnosticId = "AIL0001",
        OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
    }.RunAsync();

    /// <summary>The helper of the review's repro: a local function of top-level statements.</summary>
    private const string LocalHelper = """
        static async Task<T> RetryAsync<T>(Func<Task<T>> action, Func<Exception, bool> shouldRetry, int maxAttempts = 5)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await action();
                }
                catch (Exception ex) when (attempt < maxAttempts && shouldRetry(ex))
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt));
                }
            }
        }

        var chat = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "sk-test");

        """;

    [Fact]
    public Task A_429_only_predicate_passed_to_the_local_helper_is_a_rate_limit_wait() => VerifyProgramAsync(
        LocalHelper + """
        var title = await RetryAsync(
            async () => (await chat.CompleteChatAsync([new UserChatMessage("Title for: tides")])).Value.Content[0].Text,
            shouldRetry: ex => ex is ClientResultException { Status: 429 });
        var other = await RetryAsync(
            async () => (await chat.CompleteChatAsync([new UserChatMessage("Title for: waves")])).Value.Content[0].Text,
            ex => ex is ClientResultException e && e.Status == 429);
        Console.WriteLine(title + other);
        """);

    [Fact]
    public Task A_predicate_that_admits_other_failures_keeps_the_helper_a_retry() => VerifyProgramAsync(
        LocalHelper + """
        var title = await RetryAsync(
            async () => (await chat.{|AIL0003:[|CompleteChatAsync|]|}([new UserChatMessage("Title for: tides")])).Value.Content[0].Text,
            shouldRetry: ex => ex is ClientResultException);
        var other = await RetryAsync(
            async () => (await chat.{|AIL0003:[|CompleteChatAsync|]|}([new UserChatMessage("Title for: waves")])).Value.Content[0].Text,
            ex => ex is ClientResultException { Status: 429 } || ex is TimeoutException);
        Console.WriteLine(title + other);
        """);

    [Fact]
    public Task Helpers_in_a_class_with_the_predicate_in_the_filter_or_invoked_are_judged_per_call() => VerifyAsync(
        """
        public static class Retry
        {
            public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, Func<Exception, bool> isTransient, CancellationToken ct = default)
            {
                var delay = TimeSpan.FromSeconds(1);
                while (true)
                {
                    try
                    {
                        return await operation(ct);
                    }
                    catch (Exception e) when (isTransient.Invoke(e))
                    {
                        await Task.Delay(delay, ct);
                        delay *= 2;
                    }
                }
            }
        }

        public sealed class Summaries(IChatClient client)
        {
            public Task<ChatResponse> RateLimitedAsync(string text) =>
                Retry.RunAsync(ct => client.GetResponseAsync(text, cancellationToken: ct), e => e is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests });

            public Task<ChatResponse> AnyHttpFailureAsync(string text) =>
                Retry.RunAsync(ct => client.[|GetResponseAsync|](text, cancellationToken: ct), e => e is HttpRequestException);
        }
        """);

    [Fact]
    public Task A_catch_that_starts_by_rethrowing_what_the_predicate_rejects_asks_it_too() => VerifyAsync(
        """
        public static class Retry
        {
            public static async Task<T> RethrowAsync<T>(Func<Task<T>> action, Func<Exception, bool> shouldRetry, int max = 4)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { return await action(); }
                    catch (Exception ex)
                    {
                        if (!shouldRetry(ex) || attempt >= max) throw;
                        await Task.Delay(200 * attempt);
                    }
                }
            }

            // Rethrows only when both hold: a failure the predicate rejects still goes round on the first attempt.
            public static async Task<T> BothAsync<T>(Func<Task<T>> action, Func<Exception, bool> shouldRetry)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { return await action(); }
                    catch (Exception ex)
                    {
                        if (!shouldRetry(ex) && attempt > 1) throw;
                        await Task.Delay(200 * attempt);
                    }
                }
            }
        }

        public sealed class Summaries(IChatClient client)
        {
            public Task<ChatResponse> A(string text) =>
                Retry.RethrowAsync(() => client.GetResponseAsync(text), ex => ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests });

            public Task<ChatResponse> B(string text) =>
                Retry.RethrowAsync(() => client.[|GetResponseAsync|](text), ex => ex is HttpRequestException);

            public Task<ChatResponse> C(string text) =>
                Retry.BothAsync(() => client.[|GetResponseAsync|](text), ex => ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests });
        }
        """);

    [Fact]
    public Task A_helper_that_also_retries_without_asking_the_predicate_stays_a_retry() => VerifyAsync(
        """
        public static class Retry
        {
            // Retries timeouts whatever the caller says: a 429-only predicate does not make it a rate-limit wait.
            public static async Task<T> OrFilterAsync<T>(Func<Task<T>> action, Func<Exception, bool> shouldRetry)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await action(); }
                    catch (Exception ex) when (attempt < 3 && (shouldRetry(ex) || ex is TimeoutException)) { await Task.Delay(500); }
                }
            }

            public static async Task<T> SecondCatchAsync<T>(Func<Task<T>> action, Func<Exception, bool> shouldRetry)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await action(); }
                    catch (Exception ex) when (attempt < 3 && shouldRetry(ex)) { await Task.Delay(500); }
                    catch (TaskCanceledException) when (attempt < 3) { }
                }
            }

            // The predicate only decides whether to log; every failure goes round.
            public static async Task<T> LogOnlyAsync<T>(Func<Task<T>> action, Func<Exception, bool> isExpected)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await action(); }
                    catch (Exception ex) when (attempt < 3) { if (!isExpected(ex)) Console.WriteLine(ex); }
                }
            }
        }

        public sealed class Summaries(IChatClient client)
        {
            public Task<ChatResponse> A(string text) =>
                Retry.OrFilterAsync(() => client.[|GetResponseAsync|](text), ex => ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests });

            public Task<ChatResponse> B(string text) =>
                Retry.SecondCatchAsync(() => client.[|GetResponseAsync|](text), ex => ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests });

            public Task<ChatResponse> C(string text) =>
                Retry.LogOnlyAsync(() => client.[|GetResponseAsync|](text), ex => ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests });
        }
        """);

    [Fact]
    public Task Half_typed_helper_calls_do_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
            public static class Retry
            {
                public static async Task<T> RunAsync<T>(Func<Task<T>> action, Func<Exception, bool> shouldRetry)
                {
                    while (true)
                    {
                        try { return await action(); }
                        catch (Exception ex) when (shouldRetry(ex, 1)) { }
                    }
                }
            }

            public sealed class Summaries(IChatClient client)
            {
                public Task<ChatResponse> A(string text) => Retry.RunAsync(() => client.[|GetResponseAsync|](text), ex => ex is );
                public Task<ChatResponse> B(string text) => Retry.RunAsync(() => client.GetResponseAsync(text), );
            }
            """,
        MarkupDiagnosticId = "AIL0001",
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
