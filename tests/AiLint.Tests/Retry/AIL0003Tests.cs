using AiLint.CodeFixes.Rules.Retry;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>AIL0003: a retry around an OpenAI or Anthropic client whose own retries are on.</summary>
public class AIL0003Tests
{
    private const string Id = "AIL0003";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    [Fact]
    public Task OpenAI_client_built_with_default_options_inside_a_visible_pipeline() => VerifyAsync(
        """
        class Assistant
        {
            public async Task M(string apiKey, string q)
            {
                var chat = new ChatClient("gpt-4o", apiKey);
                var pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
                await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:{|#0:CompleteChatAsync|}|}([new UserChatMessage(q)], cancellationToken: ct));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "ResiliencePipeline.ExecuteAsync", "OpenAI", "3 retries by default", "4 × 4 = 16 requests"));

    [Fact]
    public Task OpenAI_client_from_OpenAIClient_and_field_with_explicit_retries() => VerifyAsync(
        """
        class Assistant(IAsyncPolicy policy)
        {
            private readonly ChatClient chat = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(2) }).GetChatClient("gpt-4o");

            public async Task M(string q)
            {
                var retry = Policy.Handle<ClientResultException>().RetryAsync(2);
                await retry.ExecuteAsync(() => chat.{|AIL0001:{|#0:CompleteChatAsync|}|}(new UserChatMessage(q)));
                await policy.ExecuteAsync(() => chat.{|AIL0001:{|#1:CompleteChatAsync|}|}(new UserChatMessage(q)));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompleteChatAsync", "AsyncRetryPolicy.ExecuteAsync", "OpenAI", "2 retries configured", "3 × 3 = 9 requests"),
        Diagnostic(Id).WithLocation(1).WithArguments("CompleteChatAsync", "IAsyncPolicy.ExecuteAsync", "OpenAI", "2 retries configured", "each of its attempts makes up to 3 requests"));

    [Fact]
    public Task Anthropic_client_with_default_retries_in_a_loop() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Models.Messages;
        class Assistant
        {
            public async Task<Message> M(MessageCreateParams p)
            {
                var claude = new AnthropicClient { ApiKey = "k" };
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { return await claude.Messages.{|AIL0001:{|#0:Create|}|}(p); }
                    catch (Anthropic.Exceptions.Anthropic5xxException) when (attempt < 2) { }
                }

                throw new InvalidOperationException();
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("Create", "for loop", "Anthropic", "2 retries by default", "3 × 3 = 9 requests"));

    [Fact]
    public Task Visibly_disabled_or_unknown_clients_are_not_reported() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Core;
        using Anthropic.Models.Messages;
        class Assistant(ChatClient injected, ResiliencePipeline pipeline)
        {
            public async Task M(string q, MessageCreateParams p)
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) };
                var chat = new ChatClient("gpt-4o", new ApiKeyCredential("k"), options);
                await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));

                var setLater = new OpenAIClientOptions();
                setLater.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
                var chat2 = new OpenAIClient(new ApiKeyCredential("k"), setLater).GetChatClient("gpt-4o");
                await pipeline.ExecuteAsync(async ct => await chat2.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));

                // Injected: the registration may well have disabled the SDK's retries.
                await pipeline.ExecuteAsync(async ct => await injected.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));

                var claude = new AnthropicClient { MaxRetries = 0 };
                await pipeline.ExecuteAsync(async ct => await claude.Messages.{|AIL0001:Create|}(p));
                var claude2 = new AnthropicClient(new ClientOptions { MaxRetries = 0 });
                await pipeline.ExecuteAsync(async ct => await claude2.Messages.{|AIL0001:Create|}(p));
                var claude3 = new AnthropicClient();
                await pipeline.ExecuteAsync(async ct => await claude3.WithOptions(o => o with { MaxRetries = 0 }).Messages.{|AIL0001:Create|}(p));

                // Not inside a retry at all.
                await new ChatClient("gpt-4o", "k").CompleteChatAsync(new UserChatMessage(q));
            }
        }
        """);

    [Fact]
    public Task Fix_adds_options_to_an_OpenAI_client_built_in_the_method() => new CodeFixTest<RetryAnalyzer, DisableSdkRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + """
            class Assistant(ResiliencePipeline pipeline)
            {
                public async Task M(string apiKey, string q)
                {
                    var chat = new ChatClient("gpt-4o", apiKey);
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:[|CompleteChatAsync|]|}(new UserChatMessage(q)));
                }

                public async Task N(string q)
                {
                    var options = new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(30) };
                    var chat = new OpenAIClient(new ApiKeyCredential("k"), options).GetChatClient("gpt-4o");
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:[|CompleteChatAsync|]|}(new UserChatMessage(q)));
                }
            }
            """,
        FixedCode = Usings + """
            class Assistant(ResiliencePipeline pipeline)
            {
                public async Task M(string apiKey, string q)
                {
                    var chat = new ChatClient("gpt-4o", new ApiKeyCredential(apiKey), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
                }

                public async Task N(string q)
                {
                    var options = new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(30), RetryPolicy = new ClientRetryPolicy(0) };
                    var chat = new OpenAIClient(new ApiKeyCredential("k"), options).GetChatClient("gpt-4o");
                    await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:CompleteChatAsync|}(new UserChatMessage(q)));
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Fix_sets_MaxRetries_on_an_Anthropic_client_built_in_the_method() => new CodeFixTest<RetryAnalyzer, DisableSdkRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = """
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;
            using Polly;
            class Assistant(ResiliencePipeline pipeline)
            {
                public async Task M(MessageCreateParams p)
                {
                    var claude = new AnthropicClient();
                    await pipeline.ExecuteAsync(async ct => await claude.Messages.{|AIL0001:[|Create|]|}(p, ct));
                }
            }
            """,
        FixedCode = """
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;
            using Polly;
            class Assistant(ResiliencePipeline pipeline)
            {
                public async Task M(MessageCreateParams p)
                {
                    var claude = new AnthropicClient() { MaxRetries = 0 };
                    await pipeline.ExecuteAsync(async ct => await claude.Messages.{|AIL0001:Create|}(p, ct));
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task No_fix_when_the_client_is_built_elsewhere() => new CodeFixTest<RetryAnalyzer, DisableSdkRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = Usings + """
            class Assistant(ResiliencePipeline pipeline)
            {
                private readonly ChatClient chat = new("gpt-4o", "k");

                public Task M(string q) => pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:[|CompleteChatAsync|]|}(new UserChatMessage(q))).AsTask();
            }
            """,
        FixedCode = Usings + """
            class Assistant(ResiliencePipeline pipeline)
            {
                private readonly ChatClient chat = new("gpt-4o", "k");

                public Task M(string q) => pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:[|CompleteChatAsync|]|}(new UserChatMessage(q))).AsTask();
            }
            """,
    }.RunAsync();
}
