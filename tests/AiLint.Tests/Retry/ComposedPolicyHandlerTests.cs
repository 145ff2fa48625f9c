using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 84 M2 (adamruderman/chat-copilot <c>webapi/Services/SemanticKernelProvider.cs</c>): a Polly retry handler
/// composed by hand, <c>new HttpClient(new PolicyHttpMessageHandler(retryPolicy) { InnerHandler = ... })</c>, given to
/// <c>AddAzureOpenAIChatCompletion(..., httpClient: httpClient)</c>: every chat completion is re-POSTed on 5xx, 408 and
/// network errors, with no AddHttpClient anywhere. AIL0001 at the handler. Quiet: a timeout, circuit-breaker or
/// 429-only policy, the same retry handler under a non-LLM HttpClient, and half-typed code.
/// </summary>
public class ComposedPolicyHandlerTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net;
        using System.Net.Http;
        using Microsoft.Extensions.Http;
        using Microsoft.SemanticKernel;
        using Polly.Extensions.Http;
        using Polly.Retry;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + source, expected);

    private static DiagnosticResult At(int location) => Diagnostic(Id).WithLocation(location).WithArguments("HttpClient", "PolicyHttpMessageHandler");

    /// <summary>The repro of review 84 (chat-copilot's completion kernel, reduced). Failed before (no diagnostic).</summary>
    [Fact]
    public Task Policy_handler_composed_into_the_HttpClient_of_a_Semantic_Kernel_chat_connector_is_reported() => VerifyAsync(
        """
        public static class SemanticKernelProvider
        {
            public static Kernel Create(string deployment, string endpoint, string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                var httpClientHandler = new HttpClientHandler { CheckCertificateRevocationList = true };

                AsyncRetryPolicy<HttpResponseMessage> retryPolicy = HttpPolicyExtensions
                    .HandleTransientHttpError()
                    .WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(60 + Random.Shared.Next(0, 10)));

                HttpClient httpClient = new(new {|#0:PolicyHttpMessageHandler|}(retryPolicy) { InnerHandler = httpClientHandler })
                {
                    Timeout = TimeSpan.FromMinutes(60)
                };

                builder.AddAzureOpenAIChatCompletion(deployment, endpoint, apiKey, httpClient: httpClient);
                return builder.Build();
            }
        }
        """,
        At(0));

    /// <summary>The handler in a local, the HttpClient an OpenAI client's transport, the policy a Handle/OrResult chain.</summary>
    [Fact]
    public Task Policy_handler_local_under_an_OpenAI_transport_is_reported() => VerifyAsync(
        """
        public static class ChatClients
        {
            public static ChatClient Create(string key)
            {
                var retry = Policy.Handle<HttpRequestException>()
                    .OrResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500)
                    .WaitAndRetryAsync(2, attempt => TimeSpan.FromSeconds(attempt));
                var handler = new {|#0:PolicyHttpMessageHandler|}(retry) { InnerHandler = new HttpClientHandler() };
                var http = new HttpClient(handler);
                var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
                return client.GetChatClient("gpt-4o");
            }
        }
        """,
        At(0));

    /// <summary>
    /// Handlers that re-send nothing after processing (a timeout, a circuit breaker, a retry of 429s only), and the retry
    /// handler composed into an HttpClient that calls no model: quiet.
    /// </summary>
    [Fact]
    public Task Timeout_breaker_rate_limit_handlers_and_a_non_LLM_client_are_quiet() => VerifyAsync(
        """
        public static class Kernels
        {
            public static Kernel WithTimeout(string deployment, string endpoint, string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                var timeout = Policy.TimeoutAsync<HttpResponseMessage>(30);
                var http = new HttpClient(new PolicyHttpMessageHandler(timeout) { InnerHandler = new HttpClientHandler() });
                builder.AddAzureOpenAIChatCompletion(deployment, endpoint, apiKey, httpClient: http);
                return builder.Build();
            }

            public static Kernel WithBreaker(string deployment, string endpoint, string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                var breaker = HttpPolicyExtensions.HandleTransientHttpError().CircuitBreakerAsync(5, TimeSpan.FromSeconds(30));
                var http = new HttpClient(new PolicyHttpMessageHandler(breaker) { InnerHandler = new HttpClientHandler() });
                builder.AddAzureOpenAIChatCompletion(deployment, endpoint, apiKey, httpClient: http);
                return builder.Build();
            }

            public static Kernel WithRateLimitWaits(string deployment, string endpoint, string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                var waits = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt * 10));
                var http = new HttpClient(new PolicyHttpMessageHandler(waits) { InnerHandler = new HttpClientHandler() });
                builder.AddAzureOpenAIChatCompletion(deployment, endpoint, apiKey, httpClient: http);
                return builder.Build();
            }

            public static async Task<string> ReadRepoAsync()
            {
                var retry = HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(2));
                using var http = new HttpClient(new PolicyHttpMessageHandler(retry) { InnerHandler = new HttpClientHandler() })
                {
                    BaseAddress = new Uri("https://api.github.com/"),
                };
                return await http.GetStringAsync("repos/microsoft/semantic-kernel");
            }
        }
        """);

    /// <summary>Half-typed code: a policy of an unresolved type, a handler given to a call still being written.</summary>
    [Fact]
    public Task Half_typed_handlers_do_not_crash_or_report() => new AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
    {
        TestCode = HttpUsings + """
        public static class Broken
        {
            public static Kernel Create(string deployment, string endpoint, string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                var http = new HttpClient(new PolicyHttpMessageHandler(retryPolicy) { InnerHandler = new HttpClientHandler() });
                builder.AddAzureOpenAIChatCompletion(deployment, endpoint, apiKey, httpClient: http);
                var other = new HttpClient(new PolicyHttpMessageHandler(HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, _ => TimeSpan.Zero)));
                builder.AddAzureOpenAIChatCompletionn(deployment, endpoint, apiKey, httpClient: other
                return builder.Build();
            }
        }
        """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
