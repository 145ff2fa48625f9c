using Polly;
using Polly.Retry;

namespace SupportAssistant.Retry;

/// <summary>A ticket as the assistant sees it.</summary>
public sealed record SupportTicket(string Id, string CustomerName, string Subject, string Body);

/// <summary>The resilience pipeline every LLM call of the assistant goes through.</summary>
public static class LlmResilience
{
    public static ResiliencePipeline CreatePipeline() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddTimeout(TimeSpan.FromSeconds(60))
        .Build();
}

/// <summary>The team's own retry helper: every lambda passed to it is re-run on failure.</summary>
public static class RetryHelper
{
    public static async Task<T> WithBackoffAsync<T>(Func<CancellationToken, Task<T>> action, ILogger logger, CancellationToken cancellationToken, int maxAttempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (attempt < maxAttempts && ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "LLM call failed on attempt {Attempt}; retrying", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)), cancellationToken);
            }
        }
    }
}
