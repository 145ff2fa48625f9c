using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 58 (CodeCafe, "Retry stacked on SDK retries through middleware"): a retrying <c>DelegatingChatClient</c> added
/// by a <c>ChatClientBuilder</c> step (<c>.Use(inner =&gt; new RetryChatClient(inner, 3))</c>, <c>.Use((inner, services)
/// =&gt; ...)</c>, <c>services.AddChatClient(adapter).Use(...)</c>) over an OpenAI or Anthropic adapter whose own retries
/// are on stacks both retries: AIL0003 beside AIL0001. Quiet for AIL0003: the SDK's retries off, an injected or unknown
/// inner client, a factory with several results, a lambda that is no builder step; and no report at all for a
/// middleware that does not retry.
/// </summary>
public class ChatClientBuilderMiddlewareTests
{
    private const string Id = "AIL0003";

    private const string Usings = """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    /// <summary>The retrying middleware (CodeCafe's <c>RetryChatClient</c>); <paramref name="call"/> is the marked call.</summary>
    private static string Middleware(string call = "base.{|AIL0001:{|#0:GetResponseAsync|}|}") => $$"""
        sealed class RetryChatClient(IChatClient inner, int maxRetries) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(
                IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await {{call}}(messages, options, cancellationToken);
                    }
                    catch (ClientResultException ex) when (attempt < maxRetries && ex.Status >= 500)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                    }
                }
            }
        }

        """;

    private const string Quiet = "base.{|AIL0001:GetResponseAsync|}";

    private static DiagnosticResult OpenAIStacked() => Diagnostic(Id).WithLocation(0)
        .WithArguments("GetResponseAsync", "for loop", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests");

    private static DiagnosticResult AnthropicStacked() => Diagnostic(Id).WithLocation(0)
        .WithArguments("GetResponseAsync", "for loop", "Anthropic", "2 retries by default", "each of its attempts makes up to 3 requests");

    /// <summary>The task's shape: <c>new ChatClientBuilder(adapter).Use(inner =&gt; ...).Build()</c>. Failed before (AIL0001 only).</summary>
    [Fact]
    public Task Retry_middleware_added_by_Use_over_an_OpenAI_adapter_is_reported() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient Create(string key, string model)
            {
                var openAiClient = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions());
                return new ChatClientBuilder(openAiClient.GetChatClient(model).AsIChatClient())
                    .Use(inner => new RetryChatClient(inner, maxRetries: 3))
                    .Build();
            }
        }

        """ + Middleware(),
        OpenAIStacked());

    /// <summary>The two-argument step (<c>(inner, services)</c>, block body) after another step, on <c>AsBuilder()</c> of an Anthropic adapter.</summary>
    [Fact]
    public Task Retry_middleware_added_by_a_service_aware_Use_over_an_Anthropic_adapter_is_reported() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient Create() =>
                new AnthropicClient().AsIChatClient("claude-sonnet-4-5")
                    .AsBuilder()
                    .UseFunctionInvocation()
                    .Use((inner, services) =>
                    {
                        var retrying = new RetryChatClient(inner, 3);
                        return retrying;
                    })
                    .Build();
        }

        """ + Middleware(),
        AnthropicStacked());

    /// <summary>DI: <c>services.AddChatClient(adapter).Use(...)</c>, the adapter given directly.</summary>
    [Fact]
    public Task Retry_middleware_added_to_a_registered_adapter_is_reported() => VerifyAsync(
        """
        static class Registration
        {
            public static void Register(IServiceCollection services, string key)
            {
                var sdkChatClient = new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient();
                services.AddChatClient(sdkChatClient).Use(inner => new RetryChatClient(inner, 3));
            }
        }

        """ + Middleware(),
        OpenAIStacked());

    /// <summary>DI with the adapter made by the registration's factory (one return).</summary>
    [Fact]
    public Task Retry_middleware_added_to_an_adapter_a_registration_factory_makes_is_reported() => VerifyAsync(
        """
        static class Registration
        {
            public static void Register(IServiceCollection services) =>
                services.AddChatClient(sp => new AnthropicClient().AsIChatClient("claude-sonnet-4-5"))
                    .Use((inner, sp) => new RetryChatClient(inner, 3));
        }

        """ + Middleware(),
        AnthropicStacked());

    /// <summary>
    /// The step in a project extension method (<c>UseRetry(this ChatClientBuilder builder)</c>, the documented idiom),
    /// called on a builder over an OpenAI adapter and on a registration of one.
    /// </summary>
    [Fact]
    public Task Retry_middleware_added_by_a_project_UseRetry_extension_over_an_adapter_is_reported() => VerifyAsync(
        """
        static class RetryChatClientBuilderExtensions
        {
            public static ChatClientBuilder UseRetry(this ChatClientBuilder builder, int maxRetries = 3) =>
                builder.Use(inner => new RetryChatClient(inner, maxRetries));
        }

        static class Registration
        {
            public static IChatClient Create(IChatClient injected) => injected.AsBuilder().UseRetry().Build();

            public static void Register(IServiceCollection services, string key) =>
                services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient()).UseRetry(5);
        }

        """ + Middleware(),
        OpenAIStacked());

    /// <summary>The same extension called only on builders over an injected client or an adapter with retries off: AIL0001 only.</summary>
    [Fact]
    public Task Retry_middleware_added_by_a_project_extension_over_unknown_or_quiet_clients_is_AIL0001_only() => VerifyAsync(
        """
        static class RetryChatClientBuilderExtensions
        {
            public static ChatClientBuilder UseRetry(this ChatClientBuilder builder, int maxRetries = 3) =>
                builder.Use(inner => new RetryChatClient(inner, maxRetries));
        }

        static class Registration
        {
            public static IChatClient Create(IChatClient injected) => injected.AsBuilder().UseRetry().Build();

            public static void Register(IServiceCollection services) =>
                services.AddChatClient(new AnthropicClient { MaxRetries = 0 }.AsIChatClient("claude-sonnet-4-5")).UseRetry(5);
        }

        """ + Middleware(Quiet));

    /// <summary>The correct code beside the positives: the same steps over adapters whose SDK retries are off. AIL0001 only.</summary>
    [Fact]
    public Task Retry_middleware_added_over_an_adapter_with_retries_off_is_AIL0001_only() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient OpenAIOff(string key) =>
                new ChatClientBuilder(new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })
                        .GetChatClient("gpt-4.1-2025-04-14").AsIChatClient())
                    .Use(inner => new RetryChatClient(inner, 3))
                    .Build();

            public static void Register(IServiceCollection services) =>
                services.AddChatClient(new AnthropicClient { MaxRetries = 0 }.AsIChatClient("claude-sonnet-4-5"))
                    .Use((inner, sp) => new RetryChatClient(inner, 3));
        }

        """ + Middleware(Quiet));

    /// <summary>
    /// The inner client is not shown: injected, resolved from the container, one of two factory results, or the lambda
    /// is handed to a project method rather than to a builder step. AIL0001 only.
    /// </summary>
    [Fact]
    public Task Retry_middleware_added_over_an_unknown_client_is_AIL0001_only() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient Injected(IChatClient injected) =>
                new ChatClientBuilder(injected).Use(inner => new RetryChatClient(inner, 3)).Build();

            public static void Resolved(IServiceCollection services) =>
                services.AddChatClient(sp => sp.GetRequiredService<OpenAIClient>().GetChatClient("gpt-4.1-2025-04-14").AsIChatClient())
                    .Use(inner => new RetryChatClient(inner, 3));

            public static void EitherOf(IServiceCollection services, bool useOpenAI) =>
                services.AddChatClient(sp =>
                {
                    if (useOpenAI)
                    {
                        return new OpenAIClient("k").GetChatClient("gpt-4.1-2025-04-14").AsIChatClient();
                    }

                    return sp.GetRequiredService<IChatClient>();
                }).Use(inner => new RetryChatClient(inner, 3));

            public static IChatClient Wrapped() => Wrap(inner => new RetryChatClient(inner, 3));

            private static IChatClient Wrap(Func<IChatClient, IChatClient> wrap) => wrap(new OpenAIClient("k").GetChatClient("gpt-4.1-2025-04-14").AsIChatClient());
        }

        """ + Middleware(Quiet));

    /// <summary>A middleware added the same way that forwards once and does not retry: nothing reported.</summary>
    [Fact]
    public Task Forwarding_middleware_added_over_an_adapter_with_retries_on_is_not_reported() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient Create(string key) =>
                new ChatClientBuilder(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient())
                    .Use(inner => new TimingChatClient(inner))
                    .Build();
        }

        sealed class TimingChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(
                IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var started = DateTime.UtcNow;
                try
                {
                    return await base.GetResponseAsync(messages, options, cancellationToken);
                }
                finally
                {
                    Console.WriteLine(DateTime.UtcNow - started);
                }
            }
        }
        """);

    /// <summary>Half-typed builder code (a step lambda cut short, a registration missing its client): no crash.</summary>
    [Fact]
    public Task Half_typed_builder_steps_do_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
            static class Factory
            {
                public static IChatClient Create(string key) =>
                    new ChatClientBuilder(new OpenAIClient(key).GetChatClient("gpt-4.1").AsIChatClient()).Use(inner => new RetryChatClient(inner, ).Build();
                public static void Register(IServiceCollection services) => services.AddChatClient().Use(inner => new RetryChatClient(inner, 3));
            }

            """ + Middleware("base.{|AIL0001:GetResponseAsync|}"),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
