using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 at a Microsoft.Extensions.Http.Polly handler (<c>AddTransientHttpErrorPolicy</c>, <c>AddPolicyHandler</c>)
/// whose Polly v7 retry re-sends the POSTs of an HttpClient used for LLM calls.
/// </summary>
public class HttpPolicyHandlerTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;
        using Polly.Extensions.Http;

        """;

    /// <summary>A typed client whose HttpClient carries an OpenAI client's requests.</summary>
    private const string OpenAiTypedClient = """
        public sealed class ChatService(HttpClient http)
        {
            private readonly OpenAIClient client = new(new ApiKeyCredential("key"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });

            public Task<ClientResult<ChatCompletion>> AskAsync(string question) => client.GetChatClient("gpt-4o").CompleteChatAsync(question);
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + source, expected);

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Transient_error_policy_with_wait_and_retry_on_a_typed_LLM_client() => VerifyAsync(
        OpenAiTypedClient + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<ChatService>()
                    .{|#0:AddTransientHttpErrorPolicy|}(p => p.WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt))));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("ChatService", "AddTransientHttpErrorPolicy"));

    [Fact]
    public Task Policy_handler_from_the_documented_GetRetryPolicy_helper_on_a_named_client() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("openai").{|#0:AddPolicyHandler|}(GetRetryPolicy());
                services.AddSingleton(sp =>
                {
                    var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("openai");
                    return new OpenAIClient(new ApiKeyCredential("key"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) }).GetChatClient("gpt-4o");
                });
            }

            private static IAsyncPolicy<HttpResponseMessage> GetRetryPolicy()
            {
                return HttpPolicyExtensions
                    .HandleTransientHttpError()
                    .OrResult(msg => msg.StatusCode == HttpStatusCode.TooManyRequests)
                    .WaitAndRetryAsync(6, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"openai\"", "AddPolicyHandler"));

    [Fact]
    public Task Policy_handler_with_an_inline_policy_handling_network_errors_and_a_local() => VerifyAsync(
        OpenAiTypedClient + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                var retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>()
                    .OrResult(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                    .RetryAsync(3);
                services.AddHttpClient<ChatService>().{|#0:AddPolicyHandler|}(retry);
                services.AddHttpClient<ChatService>().{|#1:AddPolicyHandler|}(Policy.HandleResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500).WaitAndRetryAsync(2, _ => TimeSpan.FromSeconds(1)));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("ChatService", "AddPolicyHandler"),
        Diagnostic(Id).WithLocation(1).WithArguments("ChatService", "AddPolicyHandler"));

    [Fact]
    public Task Startup_instance_helper_returning_the_policy() => VerifyAsync(
        OpenAiTypedClient + """
        public sealed class Startup
        {
            public void ConfigureServices(IServiceCollection services) =>
                services.AddHttpClient<ChatService>().{|#0:AddPolicyHandler|}(RetryPolicy()).AddPolicyHandler(BreakerPolicy());

            private IAsyncPolicy<HttpResponseMessage> RetryPolicy() =>
                HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)]);

            private IAsyncPolicy<HttpResponseMessage> BreakerPolicy() =>
                HttpPolicyExtensions.HandleTransientHttpError().CircuitBreakerAsync(5, TimeSpan.FromSeconds(30));
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("ChatService", "AddPolicyHandler"));

    // ---- Not reported --------------------------------------------------------------------------------------------

    [Fact]
    public Task Rate_limit_only_circuit_breaker_selector_registry_and_zero_retries_are_not_retries_of_a_processed_POST() => VerifyAsync(
        OpenAiTypedClient + """
        public static class Registration
        {
            public static void Add(IServiceCollection services, IAsyncPolicy<HttpResponseMessage> injected)
            {
                // Only 429s: the refused request produced nothing.
                services.AddHttpClient<ChatService>().AddPolicyHandler(
                    Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests).WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(2)));

                // Not a retry.
                services.AddHttpClient<ChatService>().AddTransientHttpErrorPolicy(p => p.CircuitBreakerAsync(5, TimeSpan.FromSeconds(30)));
                services.AddHttpClient<ChatService>().AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(TimeSpan.FromSeconds(60)));
                services.AddHttpClient<ChatService>().AddTransientHttpErrorPolicy(p => p.RetryAsync(0));

                // The documented way to retry GETs only: a selector AiLint does not evaluate.
                var retry = HttpPolicyExtensions.HandleTransientHttpError().RetryAsync(3);
                services.AddHttpClient<ChatService>().AddPolicyHandler(request => request.Method == HttpMethod.Get ? retry : Policy.NoOpAsync<HttpResponseMessage>());

                // Policies AiLint cannot see.
                services.AddHttpClient<ChatService>().AddPolicyHandler(injected);
                services.AddHttpClient<ChatService>().AddPolicyHandlerFromRegistry("retry");
            }
        }
        """);

    [Fact]
    public Task Retry_on_a_client_not_used_for_LLM_calls() => VerifyAsync(
        """
        public sealed class WeatherClient(HttpClient http)
        {
            public Task<HttpResponseMessage> ReportAsync(string text) => http.PostAsJsonAsync("reports", text);
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<WeatherClient>().AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(1)));
                services.AddHttpClient("github").AddPolicyHandler(HttpPolicyExtensions.HandleTransientHttpError().RetryAsync(3));
            }

            public static Task<string> Repos(IHttpClientFactory factory) => factory.CreateClient("github").GetStringAsync("user/repos");
        }
        """);

    [Fact]
    public Task Half_typed_registration_does_not_crash() => RetryTestSupport.VerifyAsync(Id, HttpUsings + OpenAiTypedClient + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<ChatService>().AddTransientHttpErrorPolicy(p => p.{|CS1501:WaitAndRetryAsync|}());
                services.AddHttpClient<ChatService>().AddPolicyHandler({|CS0103:Missing|}());
            }
        }
        """);
}
