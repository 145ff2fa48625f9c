using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Reviewer findings on refusal-only catches written another way round: the refusal type tested in the <c>when</c>
/// filter instead of caught (<c>when (e is AnthropicOverloadedException &amp;&amp; i &lt; 4)</c>), and the attempt cap folded
/// into the rethrow test by <c>||</c> (<c>if (e.Status != 429 || ++attempt &gt;= 5) throw;</c>). Both go round only on a
/// refused request, like the documented forms; their look-alikes that also go round on a 5xx stay reported.
/// </summary>
public class RefusalFilterShapeTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = "using System.Net;\nusing Anthropic;\nusing Anthropic.Exceptions;\nusing Anthropic.Models.Messages;\n";

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source);

    [Fact]
    public Task A_refusal_type_tested_in_the_filter_is_not_a_retry() => VerifyAsync(
        """
        public sealed class Writer(AnthropicClient claude, ChatClient chat)
        {
            public async Task<Message> TypeTest(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (AnthropicApiException e) when (e is AnthropicOverloadedException && i < 4) { await Task.Delay(2000); }
                }
            }

            public async Task<Message> OrPattern(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (AnthropicApiException e) when (e is AnthropicOverloadedException or AnthropicRateLimitException && i < 4) { await Task.Delay(2000); }
                }
            }

            public async Task<Message> Declared(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (Exception e) when (i < 4 && e is AnthropicRateLimitException limited) { await Task.Delay(limited.Message.Length); }
                }
            }

            // The same for OpenAI: a ClientResultException with status 429 tested in the filter of a broader catch.
            public async Task<ClientResult<ChatCompletion>> OpenAiStatusPattern(string q)
            {
                for (var i = 0; ; i++)
                {
                    try { return await chat.CompleteChatAsync([new UserChatMessage(q)]); }
                    catch (Exception e) when (e is ClientResultException { Status: 429 } && i < 4) { await Task.Delay(2000); }
                }
            }

            // `if (e is not AnthropicRateLimitException) throw;` at the start of the catch.
            public async Task<Message> RethrowUnlessRefusalType(MessageCreateParams request)
            {
                while (true)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (AnthropicApiException e)
                    {
                        if (e is not (AnthropicRateLimitException or AnthropicOverloadedException)) throw;
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_filter_that_also_admits_server_errors_stays_a_retry() => VerifyAsync(
        """
        public sealed class Writer(AnthropicClient claude)
        {
            public async Task<Message> Any5xx(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e) when (e is Anthropic5xxException && i < 4) { await Task.Delay(2000); }
                }
            }

            // `||` admits everything while i < 4.
            public async Task<Message> OrCounter(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e) when (e is AnthropicOverloadedException || i < 4) { await Task.Delay(2000); }
                }
            }

            public async Task<Message> OrPatternWith5xx(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e) when (e is AnthropicOverloadedException or Anthropic5xxException && i < 4) { await Task.Delay(2000); }
                }
            }

            // Throws unless it is a 5xx: goes round on a 500.
            public async Task<Message> RethrowUnless5xx(MessageCreateParams request)
            {
                while (true)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e)
                    {
                        if (e is not Anthropic5xxException) throw;
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_rethrow_with_the_attempt_cap_folded_in_by_or_is_not_a_retry() => VerifyAsync(
        """
        public sealed class Writer(AnthropicClient claude, ChatClient chat)
        {
            public async Task<Message> Capped429(MessageCreateParams request)
            {
                var attempt = 0;
                while (true)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (AnthropicApiException e)
                    {
                        if ((int)e.StatusCode != 429 || ++attempt >= 5) throw;
                        await Task.Delay(1000 * attempt);
                    }
                }
            }

            // The cap first, and Anthropic's 529.
            public async Task<Message> CapFirst529(MessageCreateParams request)
            {
                var attempt = 0;
                while (true)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (AnthropicApiException e)
                    {
                        if (++attempt >= 5 || (int)e.StatusCode != 529) throw;
                        await Task.Delay(1000 * attempt);
                    }
                }
            }

            public async Task<ClientResult<ChatCompletion>> OpenAi(string q)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { return await chat.CompleteChatAsync([new UserChatMessage(q)]); }
                    catch (ClientResultException e)
                    {
                        if (e.Status != 429 || attempt == 5) throw;
                        await Task.Delay(TimeSpan.FromSeconds(attempt));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_rethrow_that_lets_other_failures_through_stays_a_retry() => VerifyAsync(
        """
        public sealed class Writer(AnthropicClient claude, ChatClient chat)
        {
            // `&&`: a 500 with attempts left does not throw, and goes round.
            public async Task<Message> AndCounter(MessageCreateParams request)
            {
                var attempt = 0;
                while (true)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e)
                    {
                        if ((int)e.StatusCode != 429 && ++attempt >= 5) throw;
                        await Task.Delay(1000);
                    }
                }
            }

            // Neither part of the `||` singles out a refusal.
            public async Task<ClientResult<ChatCompletion>> OrServerError(string q)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { return await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)]); }
                    catch (ClientResultException e)
                    {
                        if (e.Status < 500 || attempt == 5) throw;
                        await Task.Delay(TimeSpan.FromSeconds(attempt));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_filters_and_rethrows_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                public sealed class Writer(AnthropicClient claude)
                {
                    public async Task<Message> A(MessageCreateParams request)
                    {
                        for (var i = 0; ; i++)
                        {
                            try { return await claude.Messages.{|AIL0001:Create|}(request); }
                            catch (AnthropicApiException e) when (e is Unknown or && i < 4) { await Task.Delay(2000); }
                        }
                    }

                    public async Task<Message> B(MessageCreateParams request)
                    {
                        while (true)
                        {
                            try { return await claude.Messages.{|AIL0001:Create|}(request); }
                            catch (AnthropicApiException e)
                            {
                                if (e is not || (int)e.StatusCode != ) throw;
                                await Task.Delay(1000);
                            }
                        }
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
