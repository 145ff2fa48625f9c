using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Reviewer findings on refusal-only retries: a Polly v8 <c>ShouldHandle</c> written as a switch on the outcome or a
/// <c>?:</c> answering <c>PredicateResult.True()</c>/<c>False()</c> (the form Polly's documentation uses), and Anthropic's
/// overloaded error (HTTP 529, <c>AnthropicOverloadedException</c>), which turns a request away before anything is
/// generated, like 429.
/// </summary>
public class RefusalOnlyPredicateTests
{
    private const string Id = "AIL0001";

    private const string MoreUsings = "using System.Net;\nusing System.Net.Http;\nusing Polly.Retry;\nusing Anthropic;\nusing Anthropic.Exceptions;\nusing Anthropic.Models.Messages;\n";

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + MoreUsings + source);

    [Fact]
    public Task ShouldHandle_switch_or_conditional_that_answers_yes_only_for_429_is_not_a_retry() => VerifyAsync(
        """
        public sealed class Writer(ChatClient chat, IChatClient client)
        {
            private static readonly ResiliencePipeline Switch = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => args.Outcome switch
                    {
                        { Exception: ClientResultException { Status: 429 } } => PredicateResult.True(),
                        _ => PredicateResult.False(),
                    },
                    MaxRetryAttempts = 5,
                })
                .Build();

            private static readonly ResiliencePipeline Conditional = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => args.Outcome.Exception is ClientResultException { Status: 429 } ? PredicateResult.True() : PredicateResult.False(),
                })
                .Build();

            // A guard on the arm, an HttpRequestException's status, and FromResult(true) as the answer.
            private static readonly ResiliencePipeline Guarded = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => args.Outcome switch
                    {
                        { Exception: ClientResultException e } when e.Status == 429 => ValueTask.FromResult(true),
                        { Exception: HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } } => PredicateResult.True(),
                        _ => ValueTask.FromResult(false),
                    },
                })
                .Build();

            // Polly's "switch expressions instead of PredicateBuilder" form: a switch on the exception itself.
            private static readonly ResiliencePipeline OnException = new ResiliencePipelineBuilder()
                .AddRetry(new()
                {
                    ShouldHandle = static args => args.Outcome.Exception switch
                    {
                        ClientResultException { Status: 429 } => PredicateResult.True(),
                        AnthropicRateLimitException => PredicateResult.True(),
                        _ => PredicateResult.False(),
                    },
                })
                .Build();

            public ValueTask<ClientResult<ChatCompletion>> A(string q) => Switch.ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));

            public ValueTask<ClientResult<ChatCompletion>> D(string q) => OnException.ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));

            public ValueTask<ClientResult<ChatCompletion>> B(string q) => Conditional.ExecuteAsync(async ct => await chat.CompleteChatAsync([new UserChatMessage(q)], cancellationToken: ct));

            public ValueTask<ChatResponse> C(string q) => Guarded.ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct));
        }
        """);

    [Fact]
    public Task ShouldHandle_switch_or_conditional_that_also_admits_other_failures_is_a_retry() => VerifyAsync(
        """
        public sealed class Writer(ChatClient chat)
        {
            private static readonly ResiliencePipeline AlsoServerErrors = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => args.Outcome switch
                    {
                        { Exception: ClientResultException { Status: 429 } } => PredicateResult.True(),
                        { Exception: ClientResultException { Status: >= 500 } } => PredicateResult.True(),
                        { Exception: TimeoutException } => PredicateResult.True(),
                        _ => PredicateResult.False(),
                    },
                })
                .Build();

            // The yes and no answers the other way round: every failure but a 429 is retried.
            private static readonly ResiliencePipeline Inverted = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => args.Outcome.Exception is ClientResultException { Status: 429 } ? PredicateResult.False() : PredicateResult.True(),
                })
                .Build();

            // A yes arm that is not a plain answer (a helper's verdict) is not read.
            private static readonly ResiliencePipeline Computed = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => args.Outcome switch
                    {
                        { Exception: ClientResultException { Status: 429 } } => PredicateResult.True(),
                        { Exception: { } e } => ValueTask.FromResult(e is HttpRequestException),
                        _ => PredicateResult.False(),
                    },
                })
                .Build();

            // 429, and 503 on the first attempt only: a 503 may come after the request was worked on.
            private static readonly ResiliencePipeline AlsoUnavailableOnce = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => args.Outcome switch
                    {
                        { Exception: ClientResultException { Status: 429 } } => PredicateResult.True(),
                        { Exception: ClientResultException { Status: 503 } } when args.AttemptNumber == 0 => PredicateResult.True(),
                        _ => PredicateResult.False(),
                    },
                })
                .Build();

            public ValueTask<ClientResult<ChatCompletion>> D(string q) => AlsoUnavailableOnce.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));

            public ValueTask<ClientResult<ChatCompletion>> A(string q) => AlsoServerErrors.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));

            public ValueTask<ClientResult<ChatCompletion>> B(string q) => Inverted.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));

            public ValueTask<ClientResult<ChatCompletion>> C(string q) => Computed.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
        }
        """);

    [Fact]
    public Task A_wait_on_Anthropic_overloaded_only_is_not_a_retry() => VerifyAsync(
        """
        public sealed class Writer(AnthropicClient claude)
        {
            public async Task<Message> Typed(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (AnthropicOverloadedException) when (i < 4) { await Task.Delay(2000 * (i + 1)); }
                }
            }

            public async Task<Message> ByStatus(MessageCreateParams request)
            {
                while (true)
                {
                    try { return await claude.Messages.Create(request); }
                    catch (AnthropicApiException e) when ((int)e.StatusCode == 529 || (int)e.StatusCode == 429) { await Task.Delay(3000); }
                }
            }
        }
        """);

    [Fact]
    public Task A_wait_on_any_server_error_or_on_503_stays_a_retry() => VerifyAsync(
        """
        public sealed class Writer(AnthropicClient claude)
        {
            public async Task<Message> Any5xx(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (Anthropic5xxException) when (i < 4) { await Task.Delay(2000); }
                }
            }

            public async Task<Message> Unavailable(MessageCreateParams request)
            {
                for (var i = 0; ; i++)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicServiceUnavailableException) when (i < 4) { await Task.Delay(2000); }
                }
            }

            public async Task<Message> OverloadedOrGatewayTimeout(MessageCreateParams request)
            {
                while (true)
                {
                    try { return await claude.Messages.{|AIL0001:Create|}(request); }
                    catch (AnthropicApiException e) when ((int)e.StatusCode == 529 || (int)e.StatusCode == 504) { await Task.Delay(3000); }
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_ShouldHandle_switch_does_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                public sealed class Writer(ChatClient chat)
                {
                    private static readonly ResiliencePipeline P = new ResiliencePipelineBuilder()
                        .AddRetry(new RetryStrategyOptions
                        {
                            ShouldHandle = args => args.Outcome switch
                            {
                                { Exception: ClientResultException { Status: } } => PredicateResult.True(),
                                { Exception: Unknown { Status: 429 } } => PredicateResult.(),
                                _ => ,
                            },
                        })
                        .Build();

                    private static readonly ResiliencePipeline Q = new ResiliencePipelineBuilder()
                        .AddRetry(new RetryStrategyOptions { ShouldHandle = args => args.Outcome.Exception is ? PredicateResult.True() : })
                        .Build();

                    public ValueTask<ClientResult<ChatCompletion>> A(string q) => P.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));

                    public ValueTask<ClientResult<ChatCompletion>> B(string q) => Q.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
                }
                """,
            MarkupDiagnosticId = Id,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
