using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A <c>ResiliencePipeline</c> injected without a key is judged by the project's unkeyed registrations of that service
/// (<c>services.AddSingleton(pipeline)</c>, a factory lambda): a breaker-and-timeout pipeline is not a retry.
/// </summary>
public class UnkeyedPipelineRegistrationTests
{
    private const string Id = "AIL0001";

    private const string PollyUsings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Polly;

        """;

    private const string Assistant = """
        public sealed class Assistant(IChatClient client, ResiliencePipeline pipeline)
        {
            private readonly ResiliencePipeline guarded = pipeline;

            public async Task<string> AskAsync(string q) =>
                (await pipeline.ExecuteAsync(async ct => await client.{|#0:GetResponseAsync|}(q, cancellationToken: ct))).Text;

            public async Task<string> AskThroughFieldAsync(string q) =>
                (await guarded.ExecuteAsync(async ct => await client.{|#1:GetResponseAsync|}(q, cancellationToken: ct))).Text;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, PollyUsings + source, expected);

    [Fact]
    public Task A_breaker_and_timeout_pipeline_registered_as_an_instance_is_not_a_retry() => VerifyAsync(
        Assistant.Replace("{|#0:", "").Replace("{|#1:", "").Replace("GetResponseAsync|}", "GetResponseAsync") + """
        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                var pipeline = new ResiliencePipelineBuilder()
                    .AddTimeout(TimeSpan.FromSeconds(30))
                    .AddCircuitBreaker(new Polly.CircuitBreaker.CircuitBreakerStrategyOptions())
                    .Build();
                services.AddSingleton(pipeline);
                services.AddSingleton<Assistant>();
            }
        }
        """);

    [Fact]
    public Task A_timeout_pipeline_registered_by_a_factory_is_not_a_retry() => VerifyAsync(
        Assistant.Replace("{|#0:", "").Replace("{|#1:", "").Replace("GetResponseAsync|}", "GetResponseAsync") + """
        static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddSingleton<ResiliencePipeline>(sp => new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build());
        }
        """);

    [Fact]
    public Task A_registered_pipeline_with_a_retry_retries() => VerifyAsync(
        Assistant + """
        static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddSingleton<ResiliencePipeline>(sp =>
                {
                    return new ResiliencePipelineBuilder()
                        .AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 2 })
                        .AddTimeout(TimeSpan.FromSeconds(30))
                        .Build();
                });
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task Without_a_visible_registration_an_injected_pipeline_is_assumed_to_retry() => VerifyAsync(
        Assistant,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task A_registration_of_another_pipeline_type_says_nothing_about_this_one() => VerifyAsync(
        Assistant + """
        static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddSingleton<ResiliencePipeline<string>>(new ResiliencePipelineBuilder<string>().AddTimeout(TimeSpan.FromSeconds(30)).Build());
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    /// <summary>
    /// A factory lambda that returns <c>ResiliencePipeline.Empty</c> when a setting switches retries off may give the
    /// assistant a pipeline that runs the call once: not a sure retry. One whose every return retries is.
    /// </summary>
    [Fact]
    public Task A_registration_factory_with_an_early_return_of_no_retry_is_not_a_sure_retry() => VerifyAsync(
        Assistant.Replace("{|#0:", "").Replace("{|#1:", "").Replace("GetResponseAsync|}", "GetResponseAsync") + """
        public sealed class AiSettings
        {
            public bool EnableRetries { get; set; }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services, AiSettings settings) =>
                services.AddSingleton<ResiliencePipeline>(sp =>
                {
                    if (!settings.EnableRetries)
                    {
                        return ResiliencePipeline.Empty;
                    }

                    return new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
                });
        }
        """);

    [Fact]
    public Task A_registration_factory_whose_every_return_retries_retries() => VerifyAsync(
        Assistant + """
        public sealed class AiSettings
        {
            public int Attempts { get; set; }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services, AiSettings settings) =>
                services.AddSingleton<ResiliencePipeline>(sp =>
                {
                    if (settings.Attempts > 5)
                    {
                        return new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 5 }).Build();
                    }

                    return new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = settings.Attempts }).Build();
                });
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic(Id).WithLocation(1).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));

    /// <summary>
    /// A keyed registration whose configure callback adds the retry only under a setting, or after an early
    /// <c>return;</c>, may build none: not reported. The one next to it that always adds a retry is.
    /// </summary>
    [Fact]
    public Task A_keyed_registration_adding_its_retry_under_a_setting_is_not_a_sure_retry() => VerifyAsync(
        """
        public sealed class AiSettings
        {
            public bool EnableRetries { get; set; }
        }

        public sealed class Assistant(IChatClient client, [FromKeyedServices("optional")] ResiliencePipeline optional,
            [FromKeyedServices("early")] ResiliencePipeline early, [FromKeyedServices("always")] ResiliencePipeline always)
        {
            public async Task<string> OptionalAsync(string q) =>
                (await optional.ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct))).Text;

            public async Task<string> EarlyAsync(string q) =>
                (await early.ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct))).Text;

            public async Task<string> AlwaysAsync(string q) =>
                (await always.ExecuteAsync(async ct => await client.{|#0:GetResponseAsync|}(q, cancellationToken: ct))).Text;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services, AiSettings settings)
            {
                services.AddResiliencePipeline("optional", builder =>
                {
                    builder.AddTimeout(TimeSpan.FromSeconds(30));
                    if (settings.EnableRetries)
                    {
                        builder.AddRetry(new Polly.Retry.RetryStrategyOptions());
                    }
                });
                services.AddResiliencePipeline("early", builder =>
                {
                    builder.AddTimeout(TimeSpan.FromSeconds(30));
                    if (!settings.EnableRetries)
                    {
                        return;
                    }

                    builder.AddRetry(new Polly.Retry.RetryStrategyOptions());
                });
                services.AddResiliencePipeline("always", (builder, context) =>
                {
                    builder.AddRetry(new Polly.Retry.RetryStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30));
                });
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", "ResiliencePipeline.ExecuteAsync"));
}
