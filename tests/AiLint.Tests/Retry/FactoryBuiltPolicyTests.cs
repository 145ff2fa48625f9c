using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Polly pipelines and policies built once, in a factory method of the project or a get-only property, and used
/// elsewhere (the shape of a <c>RetryChatClient</c> that builds its pipeline in its constructor, a static
/// <c>Pipelines.Create()</c> class, a <c>PolicyHolder</c> with get-only policy properties). What the factory builds decides:
/// a retry is reported, a timeout-only pipeline is not. Also the v8 <c>ShouldHandle</c> lambda that admits only 429.
/// </summary>
public class FactoryBuiltPolicyTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = """
        using System.Net;
        using System.Net.Http;
        using Polly.Retry;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source, expected);

    [Fact]
    public Task A_pipeline_a_factory_method_builds_with_a_retry_is_reported() => VerifyAsync(
        """
        static class Pipelines
        {
            public static ResiliencePipeline Create(int retries)
            {
                var builder = new ResiliencePipelineBuilder();
                builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = retries });
                return builder.Build();
            }
        }

        sealed class Assistant(IChatClient chat)
        {
            private readonly ResiliencePipeline pipeline = Pipelines.Create(2);

            public async Task<ChatResponse> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// Before: a pipeline from a factory method or a get-only property was "not visible" and so taken for a retry. A
    /// timeout-only pipeline built there runs the call once.
    /// </summary>
    [Fact]
    public Task A_timeout_only_pipeline_from_a_factory_method_or_a_get_only_property_is_not_a_retry() => VerifyAsync(
        """
        sealed class Guarded(IChatClient chat)
        {
            private readonly ResiliencePipeline pipeline = CreatePipeline();

            private ResiliencePipeline Guard { get; } = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();

            private ResiliencePipeline Shared => pipeline;

            private static ResiliencePipeline CreatePipeline() => new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();

            public async Task<ChatResponse> FieldAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> PropertyAsync(string q) =>
                await Guard.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> GetterAsync(string q) =>
                await Shared.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task A_get_only_property_assigned_a_retry_in_the_constructor_is_reported() => VerifyAsync(
        """
        sealed class RetryingClient
        {
            private readonly IChatClient inner;

            public RetryingClient(IChatClient inner)
            {
                this.inner = inner;
                Pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();
            }

            public ResiliencePipeline Pipeline { get; }

            public async Task<ChatResponse> AskAsync(string q) =>
                await Pipeline.ExecuteAsync(async ct => await inner.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task A_v7_timeout_policy_from_a_factory_or_a_holder_property_is_not_a_retry_but_a_retry_policy_is() => VerifyAsync(
        """
        sealed class PolicyHolder
        {
            public PolicyHolder()
            {
                Timeout = Policy.TimeoutAsync(10);
                Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            }

            public IAsyncPolicy Timeout { get; }

            public IAsyncPolicy Retry { get; }
        }

        sealed class Assistant(IChatClient chat)
        {
            private static readonly PolicyHolder Policies = new();

            private readonly IAsyncPolicy guard = CreateGuard();

            private static IAsyncPolicy CreateGuard() => Policy.TimeoutAsync(30);

            public async Task<ChatResponse> GuardedAsync(string q) => await guard.ExecuteAsync(() => chat.GetResponseAsync(q));

            public async Task<ChatResponse> TimedAsync(string q) => await Policies.Timeout.ExecuteAsync(() => chat.GetResponseAsync(q));

            public async Task<ChatResponse> RetriedAsync(string q) => await Policies.Retry.ExecuteAsync(() => chat.[|GetResponseAsync|](q));
        }
        """);

    /// <summary>
    /// A v7 retry policy that a factory method builds to handle only rate limits (a 429 status or OpenAI's
    /// <c>rate_limit_exceeded</c> message) is a rate-limit wait once the factory is followed; the same factory admitting
    /// 5xx is a retry.
    /// </summary>
    [Fact]
    public Task A_v7_rate_limit_only_policy_from_a_factory_is_not_a_retry() => VerifyAsync(
        """
        sealed class Writer(ChatClient chat)
        {
            private readonly Polly.Retry.AsyncRetryPolicy rateLimits = CreateRateLimitPolicy();
            private readonly Polly.Retry.AsyncRetryPolicy transient = CreateTransientPolicy();

            private static Polly.Retry.AsyncRetryPolicy CreateRateLimitPolicy() =>
                Policy.Handle<ClientResultException>(e => e.Status == 429 || e.Message.Contains("rate_limit_exceeded"))
                    .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            private static Polly.Retry.AsyncRetryPolicy CreateTransientPolicy() =>
                Policy.Handle<ClientResultException>(e => e.Status == 429 || e.Status >= 500)
                    .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(attempt));

            public Task<ClientResult<ChatCompletion>> SlowAsync(string q) => rateLimits.ExecuteAsync(() => chat.CompleteChatAsync(q));

            public Task<ClientResult<ChatCompletion>> RetriedAsync(string q) => transient.ExecuteAsync(() => chat.[|CompleteChatAsync|](q));
        }
        """);

    /// <summary>A v7 policy built with <c>RetryAsync(0)</c> (retries switched off in code) runs the call once.</summary>
    [Fact]
    public Task A_v7_retry_policy_with_zero_retries_is_not_a_retry() => VerifyAsync(
        """
        sealed class Switched(IChatClient chat)
        {
            private static IAsyncPolicy Create(bool retries) => retries ? Policy.Handle<HttpRequestException>().RetryAsync(3) : Policy.NoOpAsync();

            private readonly IAsyncPolicy off = Policy.Handle<HttpRequestException>().RetryAsync(0);
            private readonly IAsyncPolicy once = Policy.Handle<HttpRequestException>().RetryAsync();
            private readonly IAsyncPolicy chosen = Create(true);

            public async Task<ChatResponse> OffAsync(string q) => await off.ExecuteAsync(() => chat.GetResponseAsync(q));

            public async Task<ChatResponse> OnceAsync(string q) => await once.ExecuteAsync(() => chat.[|GetResponseAsync|](q));

            public async Task<ChatResponse> ChosenAsync(string q) => await chosen.ExecuteAsync(() => chat.[|GetResponseAsync|](q));
        }
        """);

    /// <summary>
    /// A mutable field whose initializer builds a timeout but which an <c>Enable</c> method reassigns to a retry may hold
    /// either: it is no longer traced to its initializer, and an unknown pipeline is taken for a retry.
    /// </summary>
    [Fact]
    public Task A_mutable_pipeline_field_reassigned_in_its_type_is_not_judged_by_its_initializer() => VerifyAsync(
        """
        sealed class Switchable(IChatClient chat)
        {
            private ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(5)).Build();

            public void EnableRetries() => pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            public async Task<ChatResponse> AskAsync(string q) =>
                await pipeline.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// Polly v8 options whose <c>ShouldHandle</c> is a lambda (the common alternative to <c>PredicateBuilder</c>) that
    /// admits only a 429: a rate-limit wait, as for the other forms. A lambda that admits network errors, or a 429 or a
    /// 5xx, is still a retry.
    /// </summary>
    [Fact]
    public Task A_should_handle_lambda_that_admits_only_429_is_a_rate_limit_wait() => VerifyAsync(
        """
        sealed class Lambdas(IChatClient chat)
        {
            private static readonly ResiliencePipeline RateLimited = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = 5,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 }),
                })
                .Build();

            private static readonly ResiliencePipeline RateLimitedTyped = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is HttpRequestException e && e.StatusCode == HttpStatusCode.TooManyRequests),
                })
                .Build();

            private static readonly ResiliencePipeline Network = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException) })
                .Build();

            private static readonly ResiliencePipeline RateOrServer = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 } || args.Outcome.Exception is ClientResultException { Status: >= 500 }),
                })
                .Build();

            public async Task<ChatResponse> A(string q) => await RateLimited.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> B(string q) => await RateLimitedTyped.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> C(string q) => await Network.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));

            public async Task<ChatResponse> D(string q) => await RateOrServer.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    // ---- Factories with more than one way to end ----------------------------------------------------------------------

    /// <summary>
    /// A factory that returns <c>ResiliencePipeline.Empty</c> early when a setting switches retries off may run the call
    /// once: not reported. The same factory called with a constant that takes the retry path is reported, and one whose
    /// every return builds a retry is reported whatever the setting.
    /// </summary>
    [Fact]
    public Task A_factory_with_an_early_return_of_no_retry_is_reported_only_on_a_path_that_surely_builds_one() => VerifyAsync(
        """
        sealed class ResilienceSettings
        {
            public bool EnableRetries { get; set; }
            public int MaxRetries { get; set; } = 3;
        }

        static class Pipelines
        {
            public static ResiliencePipeline FromSettings(ResilienceSettings settings)
            {
                if (!settings.EnableRetries)
                {
                    return ResiliencePipeline.Empty;
                }

                return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = settings.MaxRetries }).Build();
            }

            public static ResiliencePipeline Create(bool enableRetries)
            {
                if (!enableRetries)
                {
                    return ResiliencePipeline.Empty;
                }

                return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
            }

            public static ResiliencePipeline Patient(ResilienceSettings settings)
            {
                if (settings.MaxRetries > 5)
                {
                    return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 5 }).Build();
                }

                return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = settings.MaxRetries }).Build();
            }
        }

        sealed class Assistant(IChatClient chat, ResilienceSettings settings)
        {
            private readonly ResiliencePipeline configured = Pipelines.FromSettings(settings);
            private readonly ResiliencePipeline off = Pipelines.Create(enableRetries: false);
            private readonly ResiliencePipeline on = Pipelines.Create(true);
            private readonly ResiliencePipeline patient = Pipelines.Patient(settings);

            public async Task<ChatResponse> ConfiguredAsync(string q) =>
                await configured.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> OffAsync(string q) =>
                await off.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> OnAsync(string q) =>
                await on.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));

            public async Task<ChatResponse> PatientAsync(string q) =>
                await patient.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// A factory that returns a timeout-only pipeline for model calls and a retrying one otherwise, chosen by a setting or
    /// a non-constant argument: a path runs the model call once, so it is not reported; a constant that picks the retry
    /// path is.
    /// </summary>
    [Fact]
    public Task A_factory_returning_a_timeout_only_pipeline_on_one_path_is_not_a_retry() => VerifyAsync(
        """
        enum Target { Model, Search }

        static class Pipelines
        {
            public static ResiliencePipeline For(Target target)
            {
                var timeout = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromMinutes(2));
                if (target == Target.Model)
                {
                    return timeout.Build();
                }

                return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(10)).Build();
            }
        }

        sealed class Assistant(IChatClient chat, Target target)
        {
            private readonly ResiliencePipeline model = Pipelines.For(Target.Model);
            private readonly ResiliencePipeline search = Pipelines.For(Target.Search);
            private readonly ResiliencePipeline chosen = Pipelines.For(target);

            public async Task<ChatResponse> ModelAsync(string q) =>
                await model.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> ChosenAsync(string q) =>
                await chosen.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> SearchAsync(string q) =>
                await search.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// A builder whose retry is added only under a setting (<c>if (options.UseRetries) builder.AddRetry(...)</c>), or only
    /// after an early <c>return builder.Build()</c>, may build no retry: not reported. A retry added unconditionally is,
    /// and so is one added in the same branch as the <c>Build</c> that uses it (the branch builds a retry or nothing).
    /// </summary>
    [Fact]
    public Task A_retry_added_under_a_setting_or_after_an_early_build_is_not_a_sure_retry() => VerifyAsync(
        """
        sealed class AiOptions
        {
            public bool UseRetries { get; set; }
        }

        sealed class Assistant
        {
            private readonly IChatClient chat;
            private readonly ResiliencePipeline optional;
            private readonly ResiliencePipeline always;

            public Assistant(IChatClient chat, AiOptions options)
            {
                this.chat = chat;
                optional = BuildOptional(options);
                always = BuildAlways(options);
            }

            private static ResiliencePipeline BuildOptional(AiOptions options)
            {
                var builder = new ResiliencePipelineBuilder();
                builder.AddTimeout(TimeSpan.FromSeconds(30));
                if (options.UseRetries)
                {
                    builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 });
                }

                return builder.Build();
            }

            private static ResiliencePipeline BuildAlways(AiOptions options)
            {
                var builder = new ResiliencePipelineBuilder();
                if (!options.UseRetries)
                {
                    return builder.AddTimeout(TimeSpan.FromSeconds(30)).Build();
                }

                builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 });
                return builder.Build();
            }

            private static ResiliencePipeline BuildRetry()
            {
                var builder = new ResiliencePipelineBuilder();
                builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 });
                return builder.Build();
            }

            public async Task<ChatResponse> WhenOnAsync(string q, AiOptions options)
            {
                if (options.UseRetries)
                {
                    var builder = new ResiliencePipelineBuilder();
                    builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 });
                    var pipeline = builder.Build();
                    return await pipeline.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
                }

                return await chat.GetResponseAsync(q);
            }

            public async Task<ChatResponse> OptionalAsync(string q) =>
                await optional.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> AlwaysAsync(string q) =>
                await always.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> RetriedAsync(string q) =>
                await BuildRetry().ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// An undecided choice between a retry and no retry, in place (<c>settings.Retry ? retrying : ResiliencePipeline.Empty</c>)
    /// or in a v7 policy factory with an early <c>Policy.NoOpAsync()</c>, is not a sure retry. A v7 factory whose every
    /// return retries, and a getter whose every return retries, are.
    /// </summary>
    [Fact]
    public Task Undecided_choices_and_v7_factories_with_early_returns() => VerifyAsync(
        """
        sealed class Settings
        {
            public bool Retry { get; set; }
            public int Attempts { get; set; }
        }

        sealed class Assistant(IChatClient chat, Settings settings)
        {
            private static readonly ResiliencePipeline Retrying = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            private readonly ResiliencePipeline chosen = settings.Retry ? Retrying : ResiliencePipeline.Empty;

            private IAsyncPolicy Policy7()
            {
                if (settings.Attempts == 0)
                {
                    return Policy.NoOpAsync();
                }

                return Policy.Handle<HttpRequestException>().WaitAndRetryAsync(settings.Attempts, i => TimeSpan.FromSeconds(i));
            }

            private IAsyncPolicy Always7()
            {
                if (settings.Attempts > 3)
                {
                    return Policy.Handle<HttpRequestException>().RetryAsync(3);
                }

                return Policy.Handle<HttpRequestException>().RetryAsync(settings.Attempts + 1);
            }

            private ResiliencePipeline Guard
            {
                get
                {
                    if (settings.Attempts > 3)
                    {
                        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();
                    }

                    return Retrying;
                }
            }

            public async Task<ChatResponse> ChosenAsync(string q) =>
                await chosen.ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));

            public async Task<ChatResponse> MaybeAsync(string q) => await Policy7().ExecuteAsync(() => chat.GetResponseAsync(q));

            public async Task<ChatResponse> AlwaysAsync(string q) => await Always7().ExecuteAsync(() => chat.[|GetResponseAsync|](q));

            public async Task<ChatResponse> GuardedAsync(string q) =>
                await Guard.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
        }
        """);

    /// <summary>
    /// A pipeline from a factory the code reaches through an interface (<c>IPipelineFactory.Create()</c>) is judged by the
    /// project's implementations: every return of every implementation must retry. A timeout-only implementation, or one
    /// with an early <c>ResiliencePipeline.Empty</c>, is not a sure retry; a retrying one is; an interface the project
    /// does not implement (a mock, another assembly) is unknown and taken for a retry, as before.
    /// </summary>
    [Fact]
    public Task A_factory_behind_an_interface_is_judged_by_its_implementations() => VerifyAsync(
        """
        interface ITimeouts { ResiliencePipeline Create(); }
        interface ISwitchable { ResiliencePipeline Create(bool enabled); }
        interface IRetries { ResiliencePipeline Create(); }
        interface IMixed { ResiliencePipeline Create(); }
        interface IExternal { ResiliencePipeline Create(); }

        sealed class Timeouts : ITimeouts
        {
            public ResiliencePipeline Create() => new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();
        }

        sealed class Switchable : ISwitchable
        {
            public ResiliencePipeline Create(bool enabled)
            {
                if (!enabled)
                {
                    return ResiliencePipeline.Empty;
                }

                return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
            }
        }

        sealed class Retries : IRetries
        {
            public ResiliencePipeline Create()
            {
                var builder = new ResiliencePipelineBuilder();
                builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 });
                return builder.Build();
            }
        }

        sealed class Mixed1 : IMixed
        {
            public ResiliencePipeline Create() => new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();
        }

        sealed class Mixed2 : IMixed
        {
            public ResiliencePipeline Create() => ResiliencePipeline.Empty;
        }

        sealed class Assistant(IChatClient chat, ITimeouts timeouts, ISwitchable switchable, IRetries retries, IMixed mixed, IExternal external)
        {
            public async Task Ask(string q, bool on)
            {
                await timeouts.Create().ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                await switchable.Create(on).ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                await mixed.Create().ExecuteAsync(async ct => await chat.GetResponseAsync(q, cancellationToken: ct));
                await retries.Create().ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
                await external.Create().ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
            }
        }
        """);

    // ---- Result predicates that admit only 429 -------------------------------------------------------------------------

    /// <summary>
    /// A v7 <c>Policy.HandleResult&lt;HttpResponseMessage&gt;(r =&gt; r.StatusCode == TooManyRequests)</c> and a v8
    /// <c>PredicateBuilder&lt;HttpResponseMessage&gt;().HandleResult(r =&gt; r.StatusCode == (HttpStatusCode)429)</c> admit
    /// only refused requests, like the <c>ShouldHandle</c> lambda: a rate-limit wait. The same forms admitting a 5xx, or
    /// chained with <c>HandleTransientHttpError</c>-like exception links, still retry.
    /// </summary>
    [Fact]
    public Task HandleResult_predicates_that_admit_only_429_are_rate_limit_waits() => VerifyAsync(
        """
        sealed class Chat(HttpClient http)
        {
            private static readonly IAsyncPolicy<HttpResponseMessage> Waits =
                Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                    .WaitAndRetryAsync(5, i => TimeSpan.FromSeconds(i));

            private static readonly IAsyncPolicy<HttpResponseMessage> ServerErrors =
                Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                    .OrResult(r => (int)r.StatusCode >= 500)
                    .WaitAndRetryAsync(5, i => TimeSpan.FromSeconds(i));

            private static readonly IAsyncPolicy<HttpResponseMessage> NetworkToo =
                Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                    .Or<HttpRequestException>()
                    .WaitAndRetryAsync(5, i => TimeSpan.FromSeconds(i));

            private static readonly ResiliencePipeline<HttpResponseMessage> Waits8 = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == (HttpStatusCode)429),
                    MaxRetryAttempts = 5,
                })
                .Build();

            private static readonly ResiliencePipeline<HttpResponseMessage> Transient8 = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .HandleResult(r => r.StatusCode == (HttpStatusCode)429)
                        .Handle<HttpRequestException>(),
                })
                .Build();

            private const string Url = "https://api.openai.com/v1/chat/completions";

            public Task<HttpResponseMessage> A(string body) => Waits.ExecuteAsync(() => http.PostAsync(Url, new StringContent(body)));

            public Task<HttpResponseMessage> B(string body) => ServerErrors.ExecuteAsync(() => http.[|PostAsync|](Url, new StringContent(body)));

            public Task<HttpResponseMessage> C(string body) => NetworkToo.ExecuteAsync(() => http.[|PostAsync|](Url, new StringContent(body)));

            public async Task<HttpResponseMessage> D(string body) =>
                await Waits8.ExecuteAsync(async ct => await http.PostAsync(Url, new StringContent(body), ct));

            public async Task<HttpResponseMessage> E(string body) =>
                await Transient8.ExecuteAsync(async ct => await http.[|PostAsync|](Url, new StringContent(body), ct));
        }
        """);

    /// <summary>
    /// Factories that never end (<c>A()</c> returns <c>B()</c> returns <c>A()</c>, a property returning itself, a factory
    /// with two returns that call itself), one cut off mid-chain and ones with half-typed returns: none of them shows its
    /// pipeline, so each is taken for a retry, as an unknown pipeline always was.
    /// </summary>
    [Fact]
    public async Task Half_typed_and_self_referencing_factories_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                sealed class Broken(IChatClient chat)
                {
                    private readonly ResiliencePipeline a = A();
                    private static ResiliencePipeline A() => B();
                    private static ResiliencePipeline B() => A();
                    private ResiliencePipeline Loop => Loop;
                    private static ResiliencePipeline Half() => new ResiliencePipelineBuilder().AddTimeout(
                    private readonly IAsyncPolicy p = Make();
                    private static IAsyncPolicy Make() { if (DateTime.Now.Second > 3) return Policy.Handle<Exception>().RetryAsync(; return Policy.Handle<Exception>().RetryAsync(); }
                    private static ResiliencePipeline Early(bool on) { if (!on) return ; var b = new ResiliencePipelineBuilder(); if (on) b.AddRetry(new RetryStrategyOptions()); return b.Build(); }
                    private static ResiliencePipeline Self(bool on) { if (on) return Self(!on); return Self(on); }
                    public async Task M(string q)
                    {
                        await a.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
                        await Loop.ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
                        await Half().ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
                        await p.ExecuteAsync(() => chat.[|GetResponseAsync|](q));
                        // A factory with a half-typed return is not read: an unknown pipeline, taken for a retry.
                        await Early(true).ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
                        await Self(true).ExecuteAsync(async ct => await chat.[|GetResponseAsync|](q, cancellationToken: ct));
                    }
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
