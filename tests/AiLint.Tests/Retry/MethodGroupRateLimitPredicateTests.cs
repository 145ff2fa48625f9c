using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 43 (FP-1, StefH/OpenAI's OpenAI.Polly): a Polly v7 <c>Policy.Handle&lt;T&gt;(IsRateLimitReached)</c> given a
/// METHOD GROUP of a project predicate is read as the lambda <c>e =&gt; IsRateLimitReached(e)</c> is; and a message
/// test written with a regex whose pattern is a plain rate-limit phrase (<c>new Regex("Rate limit reached")</c>,
/// <c>Regex.IsMatch(e.Message, "rate limit")</c>) reads like <c>e.Message.Contains("rate limit")</c>. A wider pattern
/// (<c>".*"</c>, <c>"error"</c>, an alternation) or a predicate that admits more keeps the retry reported.
/// </summary>
public class MethodGroupRateLimitPredicateTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source) =>
        RetryTestSupport.VerifyAsync(Id, Usings + "using System.Net;\nusing System.Net.Http;\nusing System.Text.RegularExpressions;\nusing Polly.Retry;\n" + source);

    [Fact]
    public Task A_method_group_of_a_one_return_rate_limit_predicate_is_a_rate_limit_wait() => VerifyAsync(
        """
        public sealed class Writer(IChatClient chat)
        {
            private static readonly AsyncRetryPolicy ViaMethodGroup = Policy
                .Handle<HttpRequestException>(IsRateLimitReached)
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

            private static readonly AsyncRetryPolicy ViaLambda = Policy
                .Handle<HttpRequestException>(e => IsRateLimitReached(e))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

            private static readonly AsyncRetryPolicy ViaStatus = Policy
                .Handle<HttpRequestException>(IsTooManyRequests)
                .Or<HttpRequestException>(IsRateLimitReached)
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));

            public Task<ChatResponse> A(string prompt) => ViaMethodGroup.ExecuteAsync(() => chat.GetResponseAsync(prompt));

            public Task<ChatResponse> B(string prompt) => ViaLambda.ExecuteAsync(() => chat.GetResponseAsync(prompt));

            public Task<ChatResponse> C(string prompt) => ViaStatus.ExecuteAsync(() => chat.GetResponseAsync(prompt));

            private static bool IsRateLimitReached(HttpRequestException e) => e.Message.Contains("rate limit");

            private static bool IsTooManyRequests(HttpRequestException e)
            {
                return e.StatusCode == HttpStatusCode.TooManyRequests;
            }
        }
        """);

    [Fact]
    public Task A_method_group_of_a_predicate_that_admits_more_is_still_a_retry() => VerifyAsync(
        """
        public sealed class Writer(IChatClient chat)
        {
            private static readonly AsyncRetryPolicy Transient = Policy
                .Handle<HttpRequestException>(IsTransient)
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            private static readonly AsyncRetryPolicy OrServerError = Policy
                .Handle<HttpRequestException>(IsRateLimitReached)
                .Or<HttpRequestException>(IsServerError)
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            public Task<ChatResponse> A(string prompt) => Transient.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            public Task<ChatResponse> B(string prompt) => OrServerError.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            private static bool IsRateLimitReached(HttpRequestException e) => e.Message.Contains("rate limit");

            private static bool IsServerError(HttpRequestException e) => (int?)e.StatusCode >= 500;

            private static bool IsTransient(HttpRequestException e) => e.StatusCode == HttpStatusCode.TooManyRequests || (int?)e.StatusCode >= 500;
        }
        """);

    /// <summary>The repository's exact predicate: a method group whose body asks a static readonly regex.</summary>
    [Fact]
    public Task A_regex_with_a_plain_rate_limit_phrase_is_a_message_test() => VerifyAsync(
        """
        public sealed class Writer(IChatClient chat)
        {
            private static readonly Regex RateLimitReachedRegex = new("Rate limit reached", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

            private static readonly AsyncRetryPolicy AsInRepo = Policy
                .Handle<HttpRequestException>(IsRateLimitReachedException)
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

            private static readonly AsyncRetryPolicy StaticIsMatch = Policy
                .Handle<HttpRequestException>(e => Regex.IsMatch(e.Message, "too many requests", RegexOptions.IgnoreCase))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            public Task<ChatResponse> A(string prompt) => AsInRepo.ExecuteAsync(() => chat.GetResponseAsync(prompt));

            public Task<ChatResponse> B(string prompt) => StaticIsMatch.ExecuteAsync(() => chat.GetResponseAsync(prompt));

            public async Task<ChatResponse> C(string prompt)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await chat.GetResponseAsync(prompt);
                    }
                    catch (HttpRequestException e) when (RateLimitReachedRegex.IsMatch(e.Message) && attempt < 5)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }

            private static bool IsRateLimitReachedException(HttpRequestException httpException)
            {
                return RateLimitReachedRegex.IsMatch(httpException.Message);
            }
        }
        """);

    [Fact]
    public Task A_regex_that_matches_more_than_a_rate_limit_is_not_a_message_test() => VerifyAsync(
        """
        public sealed class Writer(IChatClient chat)
        {
            private static readonly Regex Anything = new(".*");
            private static Regex Mutable = new("rate limit");

            private static readonly AsyncRetryPolicy AnyMessage = Policy
                .Handle<HttpRequestException>(e => Anything.IsMatch(e.Message))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            private static readonly AsyncRetryPolicy ErrorWord = Policy
                .Handle<HttpRequestException>(e => Regex.IsMatch(e.Message, "error"))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            private static readonly AsyncRetryPolicy Alternation = Policy
                .Handle<HttpRequestException>(e => Regex.IsMatch(e.Message, "rate limit|timeout"))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            private static readonly AsyncRetryPolicy Wildcard = Policy
                .Handle<HttpRequestException>(e => Regex.IsMatch(e.Message, "rate limit.*|5\\d\\d"))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            private static readonly AsyncRetryPolicy OtherText = Policy
                .Handle<HttpRequestException>(e => Regex.IsMatch(e.StackTrace ?? "", "rate limit"))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            private static readonly AsyncRetryPolicy Reassigned = Policy
                .Handle<HttpRequestException>(e => Mutable.IsMatch(e.Message))
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            public Task<ChatResponse> A(string prompt) => AnyMessage.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            public Task<ChatResponse> B(string prompt) => ErrorWord.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            public Task<ChatResponse> C(string prompt) => Alternation.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            public Task<ChatResponse> D(string prompt) => Wildcard.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            public Task<ChatResponse> E(string prompt) => OtherText.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            public Task<ChatResponse> F(string prompt) => Reassigned.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

            public void Widen() => Mutable = new Regex(".*");
        }
        """);

    [Fact]
    public Task Half_typed_method_group_and_regex_predicates_do_not_crash() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + "using System.Net.Http;\nusing System.Text.RegularExpressions;\nusing Polly.Retry;\n" + """
            public sealed class Writer(IChatClient chat)
            {
                private static readonly Regex Broken = new(;
                private static readonly AsyncRetryPolicy P = Policy.Handle<HttpRequestException>(IsRate).WaitAndRetryAsync(3, i => TimeSpan.Zero);
                private static readonly AsyncRetryPolicy Q = Policy.Handle<HttpRequestException>(Missing).WaitAndRetryAsync(3, i => TimeSpan.Zero);
                private static readonly AsyncRetryPolicy R = Policy.Handle<HttpRequestException>(e => Regex.IsMatch(e.Message, )).WaitAndRetryAsync(3, i => TimeSpan.Zero);

                // The predicate's body does not compile: it is not read as a rate-limit test, so the retry stays.
                public Task<ChatResponse> A(string prompt) => P.ExecuteAsync(() => chat.[|GetResponseAsync|](prompt));

                private static bool IsRate(HttpRequestException e) => Broken.IsMatch(e.);
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
