using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 70 (shape A, amodelandme/phelix <c>RetryingChatClient</c>, AIKit <c>RetryChatClient</c>): retry middleware
/// that implements <c>IChatClient</c> itself, holding the inner client in a primary-constructor parameter or a field
/// set from its constructor, composed over an OpenAI or Anthropic adapter whose own retries are on (<c>new
/// RetryingChatClient(adapter)</c> or a builder's <c>Use(inner =&gt; new RetryingChatClient(inner))</c>). Its retry stacks
/// on the SDK's as a <c>DelegatingChatClient</c>'s does: AIL0003 beside AIL0001. Quiet for AIL0003: the SDK's retries
/// off, a 429-only middleware (a rate-limit wait), a middleware that does not retry, an inner client that is not an SDK
/// adapter, and a class that holds two clients and is given a retrying adapter for the other one.
/// </summary>
public class ChatClientImplementingMiddlewareSdkRetryTests
{
    private const string Id = "AIL0003";

    private const string Usings = """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Microsoft.Extensions.AI;
        using OpenAI;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    /// <summary>
    /// Phelix's <c>RetryingChatClient</c>, reduced: <c>IChatClient</c> over a primary-constructor <c>inner</c>, a
    /// <c>while (true)</c> loop whose catch admits 5xx and timeouts while <c>attempt &lt; policy.MaxRetries</c>.
    /// <paramref name="catchFilter"/> decides what the catch admits.
    /// </summary>
    private static string PrimaryConstructorMiddleware(string call, string catchFilter = "IsTransient(ex) && attempt < policy.MaxRetries") => $$"""
        public sealed record RetryPolicy { public int MaxRetries { get; init; } = 4; }

        public sealed class RetryingChatClient(IChatClient inner, RetryPolicy policy) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                int attempt = 0;
                while (true)
                {
                    try
                    {
                        return await {{call}}(messages, options, cancellationToken);
                    }
                    catch (Exception ex) when ({{catchFilter}})
                    {
                        await Task.Delay(1000, cancellationToken);
                        attempt++;
                    }
                }
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => inner.GetStreamingResponseAsync(messages, options, cancellationToken);

            public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

            public void Dispose() => inner.Dispose();

            static bool IsTransient(Exception ex) => ex switch
            {
                HttpRequestException http => http.StatusCode == HttpStatusCode.TooManyRequests || ((int?)http.StatusCode >= 500 && (int?)http.StatusCode <= 599),
                TaskCanceledException => true,
                _ => false
            };
        }

        """;

    private const string Reported = "inner.{|AIL0001:{|#0:GetResponseAsync|}|}";

    private const string AIL0001Only = "inner.{|AIL0001:GetResponseAsync|}";

    private static DiagnosticResult Stacked(string retry, string provider, string own, string multiply) =>
        Diagnostic(Id).WithLocation(0).WithArguments("GetResponseAsync", retry, provider, own, multiply);

    /// <summary>Review 70's shape-a/Host.cs: the middleware added by <c>Use</c> over an OpenAI adapter with default options. AIL0001 only before.</summary>
    [Fact]
    public Task Use_step_over_an_OpenAI_adapter_is_reported() => VerifyAsync(
        """
        internal static class PhelixHost
        {
            internal static IChatClient Build(string apiKey, string baseUrl, string modelId, RetryPolicy retryPolicy)
            {
                OpenAIClient openAiClient = new(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(baseUrl) });

                IChatClient chatClient = new ChatClientBuilder(openAiClient.GetChatClient(modelId).AsIChatClient())
                    .Use(inner => new RetryingChatClient(inner, retryPolicy))
                    .Build();
                return chatClient;
            }
        }

        """ + PrimaryConstructorMiddleware(Reported),
        Stacked("while loop", "OpenAI", "3 retries by default", "each of its attempts makes up to 4 requests"));

    /// <summary>
    /// AIKit's form: the inner client in a readonly field set from the constructor, constructed directly over an
    /// Anthropic adapter (2 retries by default). AIL0001 only before.
    /// </summary>
    [Fact]
    public Task Field_held_inner_constructed_over_an_Anthropic_adapter_is_reported() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient Create() => new RetryChatClient(new AnthropicClient().AsIChatClient("claude-sonnet-4-5"), 3);
        }

        public sealed class RetryChatClient : IChatClient
        {
            private readonly IChatClient _innerClient;
            private readonly int _maxRetries;

            public RetryChatClient(IChatClient innerClient, int maxRetries)
            {
                _innerClient = innerClient ?? throw new ArgumentNullException(nameof(innerClient));
                _maxRetries = maxRetries;
            }

            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var materialized = new List<ChatMessage>(messages);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await _innerClient.{|AIL0001:{|#0:GetResponseAsync|}|}(materialized, options, cancellationToken);
                    }
                    catch (HttpRequestException) when (attempt < _maxRetries)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                    }
                }
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => _innerClient.GetStreamingResponseAsync(messages, options, cancellationToken);

            public object? GetService(Type serviceType, object? serviceKey = null) => _innerClient.GetService(serviceType, serviceKey);

            public void Dispose() => _innerClient.Dispose();
        }
        """,
        Stacked("for loop", "Anthropic", "2 retries by default", "each of its attempts makes up to 3 requests"));

    /// <summary>
    /// The twins real apps write: the SDK's retries off (<c>RetryPolicy = new ClientRetryPolicy(0)</c>, Anthropic
    /// <c>MaxRetries = 0</c>), and the middleware over a client the code does not show as an SDK adapter (an injected
    /// client, a local test double): AIL0001 only.
    /// </summary>
    [Fact]
    public Task Middleware_over_retries_off_or_a_non_adapter_client_is_AIL0001_only() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient OpenAIOff(string key, RetryPolicy policy) => new RetryingChatClient(
                new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient(), policy);

            public static IChatClient AnthropicOff(RetryPolicy policy) =>
                new ChatClientBuilder(new AnthropicClient { MaxRetries = 0 }.AsIChatClient("claude-sonnet-4-5")).Use(inner => new RetryingChatClient(inner, policy)).Build();

            public static IChatClient Injected(IChatClient injected, RetryPolicy policy) => new RetryingChatClient(injected, policy);

            public static IChatClient Local(RetryPolicy policy) => new RetryingChatClient(new EchoChatClient(), policy);
        }

        sealed class EchoChatClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo")));

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => throw new NotSupportedException();

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose() { }
        }

        """ + PrimaryConstructorMiddleware(AIL0001Only));

    /// <summary>
    /// Kubernetes-MCP-Guard's <c>RateLimitRetryingChatClient</c> form: the same middleware over an OpenAI adapter with
    /// retries on, but its catch admits only 429 (a rate-limit wait, quiet per the AIL0001 and AIL0003 pages): nothing.
    /// </summary>
    [Fact]
    public Task Rate_limit_only_middleware_over_an_adapter_is_quiet() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient Create(string key, RetryPolicy policy) =>
                new RetryingChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient(), policy);
        }

        """ + PrimaryConstructorMiddleware("inner.GetResponseAsync",
            "ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } && attempt < policy.MaxRetries"));

    /// <summary>
    /// Middleware over an adapter with retries on that does not retry (a logging pass-through), and a class that holds
    /// two clients, is given the retrying adapter for one and retries the other (an injected fallback): nothing, and
    /// AIL0001 only.
    /// </summary>
    [Fact]
    public Task Non_retrying_middleware_and_the_other_held_client_are_not_AIL0003() => VerifyAsync(
        """
        static class Factory
        {
            public static IChatClient Logged(string key) => new LoggingChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient());

            public static IChatClient Fallback(string key, IChatClient backup) =>
                new FallbackChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClient(), backup);
        }

        sealed class LoggingChatClient(IChatClient inner) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                Console.WriteLine("sending");
                var response = await inner.GetResponseAsync(messages, options, cancellationToken);
                Console.WriteLine(response.Text);
                return response;
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => inner.GetStreamingResponseAsync(messages, options, cancellationToken);

            public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

            public void Dispose() => inner.Dispose();
        }

        sealed class FallbackChatClient(IChatClient primary, IChatClient backup) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await backup.{|AIL0001:GetResponseAsync|}(messages, options, cancellationToken);
                    }
                    catch (HttpRequestException) when (attempt < 2)
                    {
                        await Task.Delay(500, cancellationToken);
                    }
                }
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => primary.GetStreamingResponseAsync(messages, options, cancellationToken);

            public object? GetService(Type serviceType, object? serviceKey = null) => primary.GetService(serviceType, serviceKey);

            public void Dispose() => primary.Dispose();
        }
        """);

    /// <summary>Half-typed code: an unknown inner type and a construction with an unresolved argument: no crash, no AIL0003.</summary>
    [Fact]
    public Task Half_typed_middleware_is_not_reported()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + """
                static class Factory
                {
                    public static IChatClient Create(string key) => new HalfChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-2025-04-14").AsIChatClent(), missing);
                }

                sealed class HalfChatClient(IChatClent inner, int max) : IChatClient
                {
                    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                    {
                        for (var attempt = 0; ; attempt++)
                        {
                            try
                            {
                                return await inner.GetResponseAsync(messages, options, cancellationToken);
                            }
                            catch (HttpRequestException) when (attempt < max)
                            {
                            }
                        }
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        return test.RunAsync();
    }
}
