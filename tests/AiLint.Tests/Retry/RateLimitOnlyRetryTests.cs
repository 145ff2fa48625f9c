using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Retries that only re-send a request the provider refused with 429 (a rate limit) duplicate nothing, so they are not
/// AIL0001/AIL0002 retries; any other failure they admit makes them retries again.
/// </summary>
public class RateLimitOnlyRetryTests
{
    private const string Id = "AIL0001";

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + "using System.Net;\nusing System.Net.Http;\nusing Polly.Retry;\n" + source);

    [Fact]
    public Task Loops_and_recursion_that_catch_only_rate_limits() => VerifyAsync(
        """
        public sealed class Writer(IChatClient client, ChatClient chat, Anthropic.AnthropicClient claude)
        {
            public async Task<ChatResponse> FilterAsync(string prompt, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await client.GetResponseAsync(prompt, cancellationToken: ct);
                    }
                    catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests && attempt < 5)
                    {
                        await Task.Delay(1000 * attempt, ct);
                    }
                }
            }

            public async Task<ClientResult<ChatCompletion>> GuardAsync(string prompt)
            {
                while (true)
                {
                    try
                    {
                        return await chat.CompleteChatAsync(prompt);
                    }
                    catch (ClientResultException e)
                    {
                        if (e.Status != 429) throw;
                        await Task.Delay(2000);
                    }
                }
            }

            public async Task<Anthropic.Models.Messages.Message> TypedAsync(Anthropic.Models.Messages.MessageCreateParams request)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        return await claude.Messages.Create(request);
                    }
                    catch (Anthropic.Exceptions.AnthropicRateLimitException)
                    {
                        await Task.Delay(5000);
                    }
                }

                throw new TimeoutException();
            }

            public async Task<ChatResponse> RecursiveAsync(string prompt, int left)
            {
                try
                {
                    return await client.GetResponseAsync(prompt);
                }
                catch (ClientResultException e) when (e.Status is 429 && left > 0)
                {
                    return await RecursiveAsync(prompt, left - 1);
                }
            }
        }
        """);

    [Fact]
    public Task Polly_policies_that_handle_only_rate_limits() => VerifyAsync(
        """
        public sealed class Writer(IChatClient client)
        {
            private static readonly AsyncRetryPolicy V7 = Policy.Handle<ClientResultException>(e => e.Status == 429).WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            private static readonly ResiliencePipeline V8 = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(e => e.StatusCode == HttpStatusCode.TooManyRequests) })
                .Build();

            public Task<ChatResponse> A(string prompt) => V7.ExecuteAsync(() => client.GetResponseAsync(prompt));

            public ValueTask<ChatResponse> B(string prompt) => V8.ExecuteAsync(async ct => await client.GetResponseAsync(prompt, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task Retries_that_also_admit_other_failures_are_still_reported() => VerifyAsync(
        """
        public sealed class Writer(IChatClient client)
        {
            private static readonly AsyncRetryPolicy V7 = Policy.Handle<ClientResultException>(e => e.Status == 429 || e.Status >= 500).WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            private static readonly AsyncRetryPolicy V7Or = Policy.Handle<ClientResultException>(e => e.Status == 429).Or<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            private static readonly ResiliencePipeline V8 = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(e => e.Status == 429).Handle<TimeoutException>() })
                .Build();

            public Task<ChatResponse> A(string prompt) => V7.ExecuteAsync(() => client.[|GetResponseAsync|](prompt));

            public Task<ChatResponse> B(string prompt) => V7Or.ExecuteAsync(() => client.[|GetResponseAsync|](prompt));

            public ValueTask<ChatResponse> C(string prompt) => V8.ExecuteAsync(async ct => await client.[|GetResponseAsync|](prompt, cancellationToken: ct));

            public async Task<ChatResponse> D(string prompt)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await client.[|GetResponseAsync|](prompt);
                    }
                    catch (ClientResultException e) when (e.Status == 429)
                    {
                        await Task.Delay(1000);
                    }
                    catch (TaskCanceledException)
                    {
                    }
                }

                throw new TimeoutException();
            }

            public async Task<ChatResponse> E(string prompt)
            {
                while (true)
                {
                    try
                    {
                        return await client.[|GetResponseAsync|](prompt);
                    }
                    catch (ClientResultException e) when (IsTransient(e))
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            private static bool IsTransient(ClientResultException e) => e.Status == 429 || e.Status >= 500;
        }
        """);
}
