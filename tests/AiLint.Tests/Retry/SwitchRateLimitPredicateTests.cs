using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A rate-limit-only retry whose predicate is a switch over the exception (review 35, FP1: OpenAgentOrchestrator's
/// <c>RetryingChatClient.IsRateLimitError</c>, a <c>DelegatingChatClient</c>), read like the if-chain
/// <see cref="MultiStatementRateLimitPredicateTests"/> covers: each arm's pattern with its <c>when</c> and value, a
/// <c>false</c> arm adding nothing. An arm answering <c>true</c> for anything but a refusal, a <c>when</c> that cannot be
/// judged, or a discard arm answering anything but <c>false</c> or a rate-limit test keeps it a retry. Also the same
/// file's message tests for the providers' underscore error codes (review 35, D1).
/// </summary>
public class SwitchRateLimitPredicateTests
{
    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(
        "AIL0001", Usings + "using System.Net;\nusing System.Net.Http;\nusing ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n" + source);

    private const string Quiet = "GetResponseAsync";

    private const string Reported = "[|GetResponseAsync|]";

    /// <summary>The repro's middleware with <paramref name="predicate"/> as the body of <c>IsRateLimitError</c> (after <c>=&gt;</c> or as a block).</summary>
    private static string Client(string predicate, string callMarkup) => """
        public sealed class RetryingChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await base.
        """ + callMarkup + """
        (messages, options, cancellationToken);
                    }
                    catch (Exception ex) when (attempt < 4 && IsRateLimitError(ex))
                    {
                        attempt++;
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
                    }
                }
            }

            private static bool IsTransient(Exception ex) => ex is TimeoutException || ex.Message.Length > 0;

            internal static bool IsRateLimitError(Exception ex)
        """ + predicate + """

        }
        """;

    // ---- Switch expression --------------------------------------------------------------------------------------

    [Fact]
    public Task The_reviewed_switch_expression_with_a_false_discard_is_a_rate_limit_wait() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == (int)HttpStatusCode.TooManyRequests,
                HttpRequestException hre => hre.StatusCode == HttpStatusCode.TooManyRequests,
                _ => false
            };
        """, Quiet));

    [Fact]
    public Task The_real_files_discard_arm_testing_the_message_for_underscore_codes_is_a_rate_limit_wait() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == (int)HttpStatusCode.TooManyRequests,
                HttpRequestException hre => hre.StatusCode == HttpStatusCode.TooManyRequests,
                _ => ex.Message.Contains("429", StringComparison.Ordinal)
                     || ex.Message.Contains("rate_limit", StringComparison.OrdinalIgnoreCase)
                     || ex.Message.Contains("too_many_requests", StringComparison.OrdinalIgnoreCase)
            };
        """, Quiet));

    [Fact]
    public Task An_arm_that_also_admits_5xx_stays_a_retry() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == 429 || cre.Status >= 500,
                HttpRequestException hre => hre.StatusCode == HttpStatusCode.TooManyRequests,
                _ => false
            };
        """, Reported));

    [Fact]
    public Task An_arm_answering_true_for_a_5xx_pattern_stays_a_retry() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException { Status: 429 } => true,
                ClientResultException { Status: >= 500 } => true,
                _ => false
            };
        """, Reported));

    [Fact]
    public Task A_discard_arm_answering_true_stays_a_retry() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == 429,
                HttpRequestException hre => hre.StatusCode == HttpStatusCode.TooManyRequests,
                _ => true
            };
        """, Reported));

    [Fact]
    public Task A_discard_arm_answering_another_test_stays_a_retry() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == 429,
                _ => ex is TimeoutException
            };
        """, Reported));

    [Fact]
    public Task An_HttpRequestException_arm_answering_true_stays_a_retry() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == 429,
                HttpRequestException => true,
                _ => false
            };
        """, Reported));

    [Fact]
    public Task A_when_clause_that_cannot_be_judged_on_a_true_arm_stays_a_retry() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == 429,
                HttpRequestException hre when IsTransient(hre) => true,
                _ => false
            };
        """, Reported));

    [Fact]
    public Task A_when_clause_testing_the_status_on_a_true_arm_is_a_rate_limit_wait() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre when cre.Status == 429 => true,
                HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => true,
                _ => false
            };
        """, Quiet));

    [Fact]
    public Task A_switch_on_the_status_is_read_against_the_switched_status() => VerifyAsync(Client(
        """
        => (ex as ClientResultException)?.Status switch
            {
                429 => true,
                _ => false
            };
        """, Quiet));

    [Fact]
    public Task A_switch_on_the_status_with_a_503_arm_stays_a_retry() => VerifyAsync(Client(
        """
        => (ex as ClientResultException)?.Status switch
            {
                429 or 503 => true,
                _ => false
            };
        """, Reported));

    [Fact]
    public Task An_inner_exception_arm_calling_the_predicate_again_counts_as_the_same_test() => VerifyAsync(Client(
        """
        => ex switch
            {
                ClientResultException cre => cre.Status == 429,
                AggregateException { InnerException: { } inner } => IsRateLimitError(inner),
                _ => false
            };
        """, Quiet));

    [Fact]
    public Task The_switch_expression_written_in_the_filter_itself_is_read_too() => VerifyAsync("""
        public sealed class RetryingChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await base.GetResponseAsync(messages, options, cancellationToken); }
                    catch (Exception ex) when (attempt < 4 && ex switch { ClientResultException { Status: 429 } => true, _ => false })
                    {
                        await Task.Delay(1000, cancellationToken);
                    }
                }
            }
        }

        public sealed class LooseRetryingChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await base.[|GetResponseAsync|](messages, options, cancellationToken); }
                    catch (Exception ex) when (attempt < 4 && ex switch { ClientResultException { Status: 429 } => true, _ => true })
                    {
                        await Task.Delay(1000, cancellationToken);
                    }
                }
            }
        }
        """);

    // ---- Switch statement ---------------------------------------------------------------------------------------

    [Fact]
    public Task A_switch_statement_of_returning_sections_with_a_false_default_is_a_rate_limit_wait() => VerifyAsync(Client(
        """
        {
                switch (ex)
                {
                    case ClientResultException cre:
                        return cre.Status == 429;
                    case HttpRequestException hre:
                        return hre.StatusCode == HttpStatusCode.TooManyRequests;
                    default:
                        return false;
                }
            }
        """, Quiet));

    [Fact]
    public Task A_switch_statement_followed_by_return_false_is_a_rate_limit_wait() => VerifyAsync(Client(
        """
        {
                switch (ex)
                {
                    case ClientResultException { Status: 429 }:
                        return true;
                    case HttpRequestException hre when hre.StatusCode == HttpStatusCode.TooManyRequests:
                        return true;
                }

                return false;
            }
        """, Quiet));

    [Fact]
    public Task A_switch_statement_section_answering_true_for_any_HttpRequestException_stays_a_retry() => VerifyAsync(Client(
        """
        {
                switch (ex)
                {
                    case ClientResultException cre:
                        return cre.Status == 429;
                    case HttpRequestException:
                        return true;
                    default:
                        return false;
                }
            }
        """, Reported));

    [Fact]
    public Task A_switch_statement_with_a_true_default_stays_a_retry() => VerifyAsync(Client(
        """
        {
                switch (ex)
                {
                    case ClientResultException cre:
                        return cre.Status == 429;
                    default:
                        return true;
                }
            }
        """, Reported));

    [Fact]
    public Task A_switch_statement_section_doing_more_than_return_is_not_read() => VerifyAsync(Client(
        """
        {
                switch (ex)
                {
                    case ClientResultException cre:
                        Console.WriteLine(cre.Status);
                        return cre.Status == 429;
                    default:
                        return false;
                }
            }
        """, Reported));

    // ---- Underscore error codes in message tests ----------------------------------------------------------------

    [Fact]
    public Task Message_tests_for_the_underscore_codes_are_rate_limit_tests() => VerifyAsync(Client(
        """
        =>
                ex.Message.Contains("429", StringComparison.Ordinal)
                || ex.Message.Contains("rate_limit", StringComparison.OrdinalIgnoreCase)
                || ex.Message.Contains("too_many_requests", StringComparison.OrdinalIgnoreCase);
        """, Quiet));

    [Fact]
    public Task Message_tests_for_the_full_error_codes_are_rate_limit_tests() => VerifyAsync(Client(
        """
        => ex.Message.Contains("rate_limit_exceeded") || ex.Message.Contains("rate_limit_error");
        """, Quiet));

    [Theory]
    [InlineData("error")]
    [InlineData("timeout")]
    [InlineData("5")]
    [InlineData("limit")]
    [InlineData("too_many")]
    public Task A_message_test_for_anything_broader_stays_a_retry(string marker) => VerifyAsync(Client(
        "=> ex.Message.Contains(\"too_many_requests\") || ex.Message.Contains(\"" + marker + "\");", Reported));

    // ---- Half-typed code ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Half_typed_switch_predicates_do_not_crash_and_stay_retries()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + "using ChatMessage = Microsoft.Extensions.AI.ChatMessage;\n" + """
                public sealed class RetryingChatClient(IChatClient inner) : DelegatingChatClient(inner)
                {
                    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                    {
                        while (true)
                        {
                            try { return await base.[|GetResponseAsync|](messages, options, cancellationToken); }
                            catch (Exception ex) when (IsRateLimitError(ex) || Unfinished(ex))
                            {
                                await Task.Delay(1000, cancellationToken);
                            }
                        }
                    }

                    static bool IsRateLimitError(Exception ex) => ex switch
                    {
                        UnknownException u => u.Status == 429,
                        ClientResultException cre => cre.Status ==
                        _ =>
                    };

                    static bool Unfinished(Exception ex)
                    {
                        switch (ex)
                        {
                            case ClientResultException c:
                                return c.Status == 429
                            case :
                                return
                        }
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0001",
        };
        await test.RunAsync();
    }
}
