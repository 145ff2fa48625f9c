using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003 for a client field whose only constructor assignment is a <c>?:</c> with a <c>null</c> arm (review 78,
/// jmgarris/AgentLearningLab <c>OpenAIResponsesModelClient</c>: <c>_responsesClient = string.IsNullOrWhiteSpace(apiKey) ?
/// null : new ResponsesClient(new ApiKeyCredential(apiKey));</c>, "offline mode" without a key). A null client sends
/// nothing, so every request the retry makes goes through the default-retry client of the other arm. The rule holds
/// only when every non-null arm is such a client: an arm with retries off, or a client handed in, keeps it quiet.
/// </summary>
public class ConditionalSdkClientTests
{
    private const string Id = "AIL0003";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, Usings + "using OpenAI.Responses;\n" + source, expected);

    /// <summary>The reduced real shape: a hand-written 3-attempt loop over the Responses client.</summary>
    [Fact]
    public Task A_client_field_behind_a_null_arm_is_reported() => VerifyAsync(
        """
        public sealed class OpenAIResponsesModelClient
        {
            private readonly ResponsesClient? _responsesClient;

            public OpenAIResponsesModelClient(string apiKey)
            {
                _responsesClient = string.IsNullOrWhiteSpace(apiKey)
                    ? null
                    : new ResponsesClient(new ApiKeyCredential(apiKey));
            }

            public async Task<ResponseResult> CreateTurnAsync(string model, CancellationToken cancellationToken)
            {
                const int maxAttempts = 3;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        var options = new CreateResponseOptions { Model = model, StoredOutputEnabled = true };
                        ClientResult<ResponseResult> clientResult = await _responsesClient!.{|AIL0001:{|#0:CreateResponseAsync|}|}(options, cancellationToken);
                        return clientResult.Value;
                    }
                    catch (ClientResultException ex) when (attempt < maxAttempts && ex.Status is 408 or 500 or 502 or 503 or 504)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
                    }
                }

                throw new InvalidOperationException("OpenAI Responses request failed after bounded retries.");
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CreateResponseAsync", "for loop", "OpenAI", "3 retries by default", "3 × 4 = 12 requests"));

    /// <summary>The arms the other way round, inside a factory chain, two default-retry arms, and Anthropic.</summary>
    [Fact]
    public Task Every_non_null_arm_a_default_retry_client_is_reported() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Models.Messages;
        class Assistant
        {
            private readonly ChatClient? chat;
            private readonly ChatClient both;
            private readonly AnthropicClient? claude;
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();

            public Assistant(string? key, bool mini)
            {
                chat = key is not null ? new OpenAIClient(key).GetChatClient("gpt-4o") : null;
                both = mini ? new ChatClient("gpt-4o-mini", key!) : new ChatClient("gpt-4o", key!);
                claude = key is null ? default : new AnthropicClient { ApiKey = key };
            }

            public async Task M(string q, MessageCreateParams p)
            {
                await pipeline.ExecuteAsync(async ct => await chat!.{|AIL0001:{|#0:CompleteChatAsync|}|}([new UserChatMessage(q)], cancellationToken: ct));
                await pipeline.ExecuteAsync(async ct => await both.{|AIL0001:{|#1:CompleteChatAsync|}|}([new UserChatMessage(q)], cancellationToken: ct));
                await pipeline.ExecuteAsync(async ct => await claude!.Messages.{|AIL0001:{|#2:Create|}|}(p, cancellationToken: ct));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"),
        Diagnostic(Id).WithLocation(2).WithArguments("Create", "ResiliencePipeline.ExecuteAsync", "Anthropic", "2 retries by default", "4 × 3 = 12 requests"));

    /// <summary>Quiet twins: the other arm a client with its retries off, or a client handed in (configured where it was registered).</summary>
    [Fact]
    public Task An_arm_with_retries_off_or_handed_in_keeps_it_quiet() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Models.Messages;
        class Assistant
        {
            private readonly ChatClient offOrOn;
            private readonly ChatClient injectedOrNew;
            private readonly AnthropicClient? claude;
            private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();

            public Assistant(string key, bool retryInSdk, ChatClient? injected)
            {
                offOrOn = retryInSdk
                    ? new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions())
                    : new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
                injectedOrNew = injected is not null ? injected : new ChatClient("gpt-4o", key);
                claude = key.Length == 0 ? null : new AnthropicClient { ApiKey = key, MaxRetries = 0 };
            }

            public async Task M(string q, MessageCreateParams p)
            {
                await pipeline.ExecuteAsync(async ct => await offOrOn.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
                await pipeline.ExecuteAsync(async ct => await injectedOrNew.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
                await pipeline.ExecuteAsync(async ct => await claude!.Messages.{|AIL0001:Create|}(p, cancellationToken: ct));
            }
        }
        """);

    /// <summary>Half-typed code: no crash, nothing reported on an arm of an error type.</summary>
    [Fact]
    public Task Half_typed_conditional_clients_do_not_crash() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
            class Assistant
            {
                private readonly ChatClient? chat;
                private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();

                public Assistant(string? key) => chat = key is null ? null : new MissingClient(key).GetChatClient("gpt-4o");

                public async Task M(string q)
                {
                    await pipeline.ExecuteAsync(async ct => await chat!.[|CompleteChatAsync|]([new UserChatMessage(q)], cancellationToken: ct));
                }
            }

            class Broken
            {
                private readonly ChatClient? other;
                private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();

                public Broken(string? key)
                {
                    other = key is null ? null : new ChatClient("gpt-4o",
                }

                public async Task M(string q) => await pipeline.ExecuteAsync(async ct => await other!.[|CompleteChatAsync|](
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
        MarkupDiagnosticId = "AIL0001",
    }.RunAsync();
}
