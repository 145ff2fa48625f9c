using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0003 for Azure.AI.OpenAI's <c>AzureOpenAIClient</c>: it derives from <c>OpenAIClient</c>, and the constructor of
/// <c>AzureOpenAIClientOptions</c> (also used when no options are passed) installs a 3-retry <c>ClientRetryPolicy</c>.
/// </summary>
public class AzureOpenAISdkRetryTests
{
    private const string Id = "AIL0003";

    private const string AzureUsings = Usings + """
        using Azure.AI.OpenAI;
        using Azure.Core;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, AzureUsings + source, expected);

    [Fact]
    public Task Azure_client_without_options_and_with_default_options_inside_a_retry() => VerifyAsync(
        """
        class Assistant(ResiliencePipeline pipeline)
        {
            public async Task M(string endpoint, string key, string q)
            {
                var chat = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(key)).GetChatClient("gpt-4o");
                var retry = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
                await retry.ExecuteAsync(async ct => await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}([new UserChatMessage(q)], cancellationToken: ct));
            }

            public async Task N(string endpoint, TokenCredential credential, string q)
            {
                var options = new AzureOpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(30) };
                var azure = new AzureOpenAIClient(new Uri(endpoint), credential, options);
                var chat = azure.GetChatClient("gpt-4o");
                var retry = Policy.Handle<ClientResultException>().RetryAsync(2);
                await retry.ExecuteAsync(() => chat.{|AIL0001:{|#1:CompleteChatAsync|}|}(new UserChatMessage(q)));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync", "Azure OpenAI", "3 retries by default", "4 × 4 = 16 requests"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "AsyncRetryPolicy.ExecuteAsync", "Azure OpenAI", "3 retries by default", "3 × 4 = 12 requests"));

    [Fact]
    public Task Azure_client_with_its_retries_off_or_injected_is_not_reported() => VerifyAsync(
        """
        class Assistant(ResiliencePipeline pipeline, AzureOpenAIClient injected)
        {
            public async Task M(string endpoint, string key, string q)
            {
                var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) };
                var chat = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(key), options).GetChatClient("gpt-4o");
                await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));

                // Configured at registration, out of sight.
                var injectedChat = injected.GetChatClient("gpt-4o");
                await pipeline.ExecuteAsync(async ct => await injectedChat.{|AIL0001:CompleteChatAsync|}([new UserChatMessage(q)], cancellationToken: ct));
            }
        }
        """);

    [Fact]
    public Task Fix_adds_or_completes_AzureOpenAIClientOptions() => new CodeFixTest<RetryAnalyzer, DisableSdkRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = AzureUsings + """
            class Assistant(ResiliencePipeline pipeline)
            {
                public async Task M(string endpoint, TokenCredential credential, string q)
                {
                    var chat = new AzureOpenAIClient(new Uri(endpoint), credential).GetChatClient("gpt-4o");
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:[|CompleteChatAsync|]|}(new UserChatMessage(q)));
                }

                public async Task N(string endpoint, string key, string q)
                {
                    var options = new AzureOpenAIClientOptions();
                    var chat = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(key), options).GetChatClient("gpt-4o");
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:[|CompleteChatAsync|]|}(new UserChatMessage(q)));
                }
            }
            """,
        FixedCode = AzureUsings + """
            class Assistant(ResiliencePipeline pipeline)
            {
                public async Task M(string endpoint, TokenCredential credential, string q)
                {
                    var chat = new AzureOpenAIClient(new Uri(endpoint), credential, new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).GetChatClient("gpt-4o");
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
                }

                public async Task N(string endpoint, string key, string q)
                {
                    var options = new AzureOpenAIClientOptions() { RetryPolicy = new ClientRetryPolicy(0) };
                    var chat = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(key), options).GetChatClient("gpt-4o");
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
                }
            }
            """,
    }.RunAsync();
}
