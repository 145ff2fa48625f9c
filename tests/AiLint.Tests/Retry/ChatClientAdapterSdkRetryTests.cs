using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 58 (CodeCafe <c>AiChatClientFactory</c>, Repro/RetryMiddlewareOverSdkRetries): a retry around an
/// <c>IChatClient</c> that is visibly the Microsoft.Extensions.AI adapter of an OpenAI or Anthropic client whose own
/// retries are on stacks both: AIL0003 beside AIL0001. Found through the client itself, a retrying
/// <c>DelegatingChatClient</c> constructed over it in the project, or the project's only <c>IChatClient</c> registrations
/// for an injected client. Quiet for AIL0003: an adapter over a client with retries off, a middleware built over an
/// unknown client, an injected client with no, keyed, mixed or unknown registrations, turn loops and result loops.
/// </summary>
public class ChatClientAdapterSdkRetryTests
{
    private const string Id = "AIL0003";

    private const string Usings = """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;
        using Polly;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    /// <summary>The retrying middleware of the repro (<c>RetryChatClient</c>); <paramref name="call"/> is the marked call.</summary>
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

    private static DiagnosticResult Stacked(int location, string call, string retry, string provider, string own, string multiply) =>
        Diagnostic(Id).WithLocation(location).WithArguments(call, retry, provider, own, multiply);

    /// <summary>The repro of review 58: middleware over an OpenAI adapter with default options. AIL0003 failed before (AIL0001 only).</summary>
    [Fact]
    public Task Retry_middleware_over_an_OpenAI_adapter_with_default_retries_is_reported() => VerifyAsync(
        """
        static class Program
        {
            static async Task Main()
            {
                IChatClient client = new OpenAIClient(new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!), new OpenAIClientOptions())
                    .GetChatClient("gpt-4.1-2025-04-14")
                    .AsIChatClient();
                client = new RetryChatClient(client, maxRetries: 3);
                Console.WriteLine((await client.GetResponseAsync(Console.ReadLine()!)).Text);
            }
        }

        """ + Middleware(),
        Stacked(0, "GetResponseAsync", "for loop", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"));

    /// <summary>
    /// CodeCafe's factory: the middleware built in a factory method around an Anthropic adapter (2 retries by default),
    /// its calls made through <c>InnerClient</c>: reported.
    /// </summary>
    [Fact]
    public Task Retry_middleware_built_by_a_factory_over_an_Anthropic_adapter_is_reported() => VerifyAsync(
        """
        using Anthropic;
        using Anthropic.Core;

        static class AiChatClientFactory
        {
            public static IChatClient Create(string key) =>
                new RetryChatClient(new AnthropicClient(new ClientOptions { ApiKey = key }).AsIChatClient("claude-sonnet-4-5"), 2);
        }

        """ + Middleware("InnerClient.{|AIL0001:{|#0:GetResponseAsync|}|}"),
        Stacked(0, "GetResponseAsync", "for loop", "Anthropic", "2 retries by default", "each of its attempts makes up to 3 requests"));

    /// <summary>
    /// Polly around an adapter held in a field (through <c>AsBuilder()...Build()</c>), and around an injected client whose
    /// project registers only such an adapter (<c>AddChatClient</c>): reported.
    /// </summary>
    [Fact]
    public Task Polly_around_a_visible_or_registered_adapter_is_reported() => VerifyAsync(
        """
        static class Registration
        {
            public static void Register(IServiceCollection services, string key) =>
                services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient()).UseLogging();
        }

        sealed class Summarizer(IChatClient chat, ResiliencePipeline pipeline)
        {
            private readonly IChatClient built = new OpenAIClient("k").GetChatClient("gpt-4.1-2025-04-14").AsIChatClient()
                .AsBuilder().UseFunctionInvocation().Build();

            public async Task<string> SummarizeAsync(string text)
            {
                var first = await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:{|#0:GetResponseAsync|}|}(text, cancellationToken: ct));
                var second = await pipeline.ExecuteAsync(async ct => await built.{|AIL0001:{|#1:GetResponseAsync|}|}(text, cancellationToken: ct));
                return first.Text + second.Text;
            }
        }
        """,
        Stacked(0, "GetResponseAsync", "ResiliencePipeline.ExecuteAsync", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"),
        Stacked(1, "GetResponseAsync", "ResiliencePipeline.ExecuteAsync", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"));

    /// <summary>
    /// The same middleware over adapters whose SDK retries are off (<c>RetryPolicy = new ClientRetryPolicy(0)</c>,
    /// Anthropic <c>MaxRetries = 0</c>), or over a client the code does not show: AIL0001 only.
    /// </summary>
    [Fact]
    public Task Retry_middleware_over_an_adapter_with_retries_off_or_an_unknown_client_is_AIL0001_only() => VerifyAsync(
        """
        using Anthropic;

        static class Factory
        {
            public static IChatClient OpenAIOff(string key) => new RetryChatClient(
                new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient(), 3);

            public static IChatClient AnthropicOff() => new RetryChatClient(new AnthropicClient { MaxRetries = 0 }.AsIChatClient("claude-sonnet-4-5"), 3);

            public static IChatClient Unknown(IChatClient injected) => new RetryChatClient(injected, 3);
        }

        """ + Middleware("base.{|AIL0001:GetResponseAsync|}"));

    /// <summary>
    /// An injected client is judged by the registrations only when every one is an adapter with retries on: none, one
    /// with retries off, one resolved from the container, a keyed parameter: quiet for AIL0003.
    /// </summary>
    [Fact]
    public Task Injected_client_with_unknown_mixed_or_keyed_registrations_is_AIL0001_only() => VerifyAsync(
        """
        static class Registration
        {
            public static void Register(IServiceCollection services, string key)
            {
                services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient());
                services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<OpenAIClient>().GetChatClient("gpt-4.1-2025-04-14").AsIChatClient());
                services.AddKeyedSingleton<IChatClient>("fast", new OpenAIClient(key).GetChatClient("gpt-4.1-mini-2025-04-14").AsIChatClient());
            }
        }

        sealed class Summarizer(IChatClient chat, [FromKeyedServices("fast")] IChatClient fast, ResiliencePipeline pipeline)
        {
            public async Task<string> SummarizeAsync(string text)
            {
                var first = await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:GetResponseAsync|}(text, cancellationToken: ct));
                var second = await pipeline.ExecuteAsync(async ct => await fast.{|AIL0001:GetResponseAsync|}(text, cancellationToken: ct));
                return first.Text + second.Text;
            }
        }
        """);

    /// <summary>The only registration turns the SDK's retries off: quiet for AIL0003.</summary>
    [Fact]
    public Task Injected_client_registered_with_retries_off_is_AIL0001_only() => VerifyAsync(
        """
        static class Registration
        {
            public static void Register(IServiceCollection services, string key) =>
                services.AddChatClient(sp => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })
                    .GetChatClient("gpt-4.1-2025-04-14").AsIChatClient());
        }

        sealed class Summarizer(IChatClient chat, ResiliencePipeline pipeline)
        {
            public async Task<string> SummarizeAsync(string text) =>
                (await pipeline.ExecuteAsync(async ct => await chat.{|AIL0001:GetResponseAsync|}(text, cancellationToken: ct))).Text;
        }
        """);

    /// <summary>
    /// A chat loop over an adapter with retries on (a turn loop, not a retry), and a loop that asks again after
    /// rejecting the answer (a result retry: an exception leaves it, so nothing multiplies): no AIL0003.
    /// </summary>
    [Fact]
    public Task Turn_loop_and_result_loop_over_an_adapter_are_not_AIL0003() => VerifyAsync(
        """
        sealed class Chat
        {
            private readonly IChatClient client = new OpenAIClient("k").GetChatClient("gpt-4.1-2025-04-14").AsIChatClient();

            public async Task RunAsync()
            {
                var history = new List<ChatMessage>();
                while (Console.ReadLine() is { } line)
                {
                    history.Add(new ChatMessage(ChatRole.User, line));
                    try
                    {
                        var response = await client.GetResponseAsync(history);
                        history.AddMessages(response);
                    }
                    catch (ClientResultException)
                    {
                        Console.WriteLine("Try again.");
                    }
                }
            }

            public async Task<string> JsonAsync(string prompt)
            {
                for (var i = 0; i < 3; i++)
                {
                    var r = await client.{|AIL0001:GetResponseAsync|}(prompt);
                    if (r.Text.StartsWith("{", StringComparison.Ordinal))
                    {
                        return r.Text;
                    }
                }

                return "{}";
            }
        }
        """);

    /// <summary>Half-typed code: an adapter call on a missing client, a middleware created with missing arguments; no crash.</summary>
    [Fact]
    public Task Half_typed_adapter_code_does_not_crash() => new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = Usings + """
            static class Factory
            {
                public static IChatClient Create() => new RetryChatClient(missing.GetChatClient("gpt-4.1").AsIChatClient());
                public static IChatClient Other() => new RetryChatClient(new OpenAIClient(
            }

            """ + Middleware("base.{|AIL0001:GetResponseAsync|}"),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
