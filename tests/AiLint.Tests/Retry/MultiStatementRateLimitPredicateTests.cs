using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A project retry helper whose only catch that goes round asks a <c>bool</c> predicate written as a chain of
/// <c>if (test) return true;</c> ending in <c>return false;</c> (review 19, FP2: the 429-only <c>GeminiRetryHelper</c>).
/// The chain answers true exactly when the <c>||</c> of its tests holds, so it is judged like the one-expression form:
/// a rate-limit wait when every test admits only a 429, a retry as soon as one test admits anything else, and a retry
/// when the body holds any other statement (not read).
/// </summary>
public class MultiStatementRateLimitPredicateTests
{
    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync("AIL0001", Usings + "using System.Net;\nusing System.Net.Http;\nusing ChatMessage = OpenAI.Chat.ChatMessage;\n" + source);

    /// <summary>The repro's helper, with the predicate's body in place of <c>{0}</c>; the caller is the last member.</summary>
    private static string Helper(string predicateBody, string callMarkup) => """
        public static class RetryHelper
        {
            public static async Task<T> ExecuteAsync<T>(Func<Task<T>> action, int maxRetries = 3)
            {
                for (var attempt = 0; attempt <= maxRetries; attempt++)
                {
                    try { return await action(); }
                    catch (Exception ex) when (attempt < maxRetries && Is429(ex))
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10 * (attempt + 1)));
                    }
                }
                return await action();
            }

            private static bool Is429(Exception ex)
            {
        """ + predicateBody + """

            }

            private static void Log(Exception ex) => Console.WriteLine(ex.Message);

            private static int Counter;

            private static int? StatusOf(Exception ex) { Log(ex); return (ex as ClientResultException)?.Status; }
        }

        public sealed class Caller(ChatClient chat)
        {
            public async Task<string> AskAsync(List<ChatMessage> messages)
                => (await RetryHelper.ExecuteAsync(() => chat.
        """ + callMarkup + """
        (messages))).Value.Content[0].Text;
        }
        """;

    private const string Quiet = "CompleteChatAsync";

    private const string Reported = "[|CompleteChatAsync|]";

    [Fact]
    public Task The_reviewed_two_if_429_predicate_is_a_rate_limit_wait() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException cre && cre.Status == (int)HttpStatusCode.TooManyRequests)
                    return true;

                if (ex is HttpRequestException hre && hre.StatusCode == HttpStatusCode.TooManyRequests)
                    return true;

                return false;
        """, Quiet));

    [Fact]
    public Task The_same_chain_with_a_test_that_admits_5xx_stays_a_retry() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException cre && cre.Status == (int)HttpStatusCode.TooManyRequests)
                    return true;

                if (ex is ClientResultException server && server.Status >= 500)
                    return true;

                return false;
        """, Reported));

    [Fact]
    public Task A_test_that_admits_any_HttpRequestException_or_a_timeout_stays_a_retry() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException cre && cre.Status == 429)
                    return true;

                if (ex is HttpRequestException)
                    return true;

                if (ex is TaskCanceledException)
                    return true;

                return false;
        """, Reported));

    [Fact]
    public Task A_test_that_admits_408_stays_a_retry() => VerifyAsync(Helper(
        """
                if (ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests })
                    return true;

                if (ex is HttpRequestException { StatusCode: HttpStatusCode.RequestTimeout })
                    return true;

                return false;
        """, Reported));

    [Fact]
    public Task An_if_returning_a_status_test_and_a_final_returned_test_are_read_too() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException cre)
                {
                    return cre.Status == 429;
                }

                return ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests };
        """, Quiet));

    [Fact]
    public Task An_if_returning_a_broad_status_test_stays_a_retry() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException cre)
                {
                    return cre.Status == 429 || cre.Status == 503;
                }

                return false;
        """, Reported));

    [Fact]
    public Task An_if_that_returns_false_only_narrows() => VerifyAsync(Helper(
        """
                if (ex is OperationCanceledException)
                    return false;

                if (ex is ClientResultException { Status: 429 })
                    return true;

                return false;
        """, Quiet));

    [Fact]
    public Task A_chain_that_ends_in_return_true_admits_everything_else() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException { Status: 400 })
                    return false;

                return true;
        """, Reported));

    [Fact]
    public Task The_reviewed_chain_that_reads_the_status_into_a_local_first_is_a_rate_limit_wait() => VerifyAsync(Helper(
        """
                var status = (ex as ClientResultException)?.Status;
                if (status == 429) return true;
                if (ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests }) return true;
                return false;
        """, Quiet));

    [Fact]
    public Task The_same_local_chain_admitting_5xx_stays_a_retry() => VerifyAsync(Helper(
        """
                var status = (ex as ClientResultException)?.Status;
                if (status == 429) return true;
                if (status >= 500) return true;
                return false;
        """, Reported));

    [Fact]
    public Task The_same_local_chain_admitting_408_a_timeout_or_any_HttpRequestException_stays_a_retry() => Task.WhenAll(
        VerifyAsync(Helper(
            """
                    var status = (ex as ClientResultException)?.Status;
                    if (status == 429 || status == 408) return true;
                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    var status = (ex as ClientResultException)?.Status;
                    if (status == 429) return true;
                    if (ex is TaskCanceledException) return true;
                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    var http = ex as HttpRequestException;
                    if (http?.StatusCode == HttpStatusCode.TooManyRequests) return true;
                    if (http is not null) return true;
                    return false;
            """, Reported)));

    [Fact]
    public Task Locals_read_from_the_parameter_through_casts_members_and_patterns_stand_for_their_initializers() => Task.WhenAll(
        VerifyAsync(Helper(
            """
                    var cre = ex as ClientResultException;
                    int? status = cre?.Status;
                    if (status is 429) return true;
                    return false;
            """, Quiet)),
        VerifyAsync(Helper(
            """
                    var code = (ex as HttpRequestException)?.StatusCode;
                    var rateLimited = ex is ClientResultException { Status: 429 };
                    if (rateLimited) return true;
                    return code == HttpStatusCode.TooManyRequests;
            """, Quiet)),
        VerifyAsync(Helper(
            """
                    var message = ex.Message;
                    const int TooMany = 429;
                    if ((ex as ClientResultException)?.Status == TooMany) return true;
                    return message.Contains("429");
            """, Quiet)));

    [Fact]
    public Task A_local_from_a_call_or_written_later_leaves_the_body_unread() => Task.WhenAll(
        VerifyAsync(Helper(
            """
                    var status = StatusOf(ex);
                    if (status == 429) return true;
                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    var status = (ex as ClientResultException)?.Status;
                    status = 500;
                    if (status == 429) return true;
                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    var status = (ex as ClientResultException)?.Status;
                    if (ex.InnerException is ClientResultException inner && (status = inner.Status) > 0) return false;
                    if (status == 429) return true;
                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    var attempts = Counter++;
                    if (ex is ClientResultException { Status: 429 }) return true;
                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    var status = new Random().Next() > 0 ? 429 : 500;
                    if (status == 429) return true;
                    return false;
            """, Reported)));

    [Fact]
    public Task A_body_with_a_call_or_a_nested_if_is_not_read() => Task.WhenAll(
        VerifyAsync(Helper(
            """
                    Log(ex);
                    if (ex is ClientResultException { Status: 429 })
                        return true;

                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    if (ex is ClientResultException cre)
                    {
                        if (cre.Status == 429) return true;
                    }

                    return false;
            """, Reported)),
        VerifyAsync(Helper(
            """
                    for (var e = ex; e is not null; e = e.InnerException)
                    {
                        if (e is ClientResultException { Status: 429 }) return true;
                    }

                    return false;
            """, Reported)));

    [Fact]
    public Task A_predicate_that_never_answers_true_is_not_a_rate_limit_test() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException { Status: 429 })
                    return false;

                return false;
        """, Reported));

    [Fact]
    public Task The_one_expression_form_with_an_and_in_each_alternative_is_read_like_the_chain() => VerifyAsync(Helper(
        """
                return ex is ClientResultException cre && cre.Status == 429
                    || ex is HttpRequestException hre && hre.StatusCode == HttpStatusCode.TooManyRequests;
        """, Quiet));

    [Fact]
    public Task The_one_expression_form_with_a_broad_alternative_stays_a_retry() => VerifyAsync(Helper(
        """
                return ex is ClientResultException cre && cre.Status == 429
                    || ex is HttpRequestException;
        """, Reported));

    [Fact]
    public Task A_chain_with_an_inner_exception_self_call_is_read() => VerifyAsync(Helper(
        """
                if (ex is ClientResultException { Status: 429 })
                    return true;

                if (ex.InnerException is not null && Is429(ex.InnerException))
                    return true;

                return false;
        """, Quiet));

    [Fact]
    public Task Half_typed_predicates_do_not_crash_and_stay_a_retry() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + "using System.Net;\nusing System.Net.Http;\nusing ChatMessage = OpenAI.Chat.ChatMessage;\n" + Helper(
            """
                    if (ex is ClientResultException cre && cre.Status == )
                        return true;

                    if (ex is HttpRequestException
                    return false;
            """, Reported),
        MarkupDiagnosticId = "AIL0001",
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
