using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 at the retry handler of a named HttpClient whose <c>IHttpClientFactory.CreateClient("name")</c> result is
/// kept in a field of the service (assigned in its constructor, or a field initializer of a primary constructor) or
/// used on the spot (<c>factory.CreateClient("name").PostAsync(...)</c>), then POSTs generation requests. The field
/// counts only when every write of it in the type is the same lookup, so a field that may hold another client stays quiet.
/// </summary>
public class HeldNamedHttpClientTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Polly.Extensions.Http;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + source, expected);

    private static DiagnosticResult Reported(string client, string handler, int location = 0) =>
        Diagnostic(Id).WithLocation(location).WithArguments("HttpClient \"" + client + "\"", handler);

    /// <summary>The service registration of a minimal API: the documented GetRetryPolicy() helper on a named client.</summary>
    private static string Registered(string name, string handler) => $$"""
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddScoped<CompletionService>();
                services.AddHttpClient("{{name}}", client => client.BaseAddress = new Uri("http://localhost:5000"))
                    .{{handler}};
            }

            public static IAsyncPolicy<HttpResponseMessage> GetRetryPolicy() =>
                HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        }

        """;

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Client_kept_in_a_field_assigned_in_the_constructor() => VerifyAsync(
        Registered("LlmClientWithCircuitBreaker", "{|#0:AddPolicyHandler|}(GetRetryPolicy())") + """
        public class CompletionService
        {
            private readonly HttpClient _completions;

            public CompletionService(IHttpClientFactory httpClientFactory)
            {
                _completions = httpClientFactory.CreateClient("LlmClientWithCircuitBreaker");
            }

            public async Task<string> GenerateAsync(string json)
            {
                var content = new StringContent(json, Encoding.UTF8, "application/json");
                var response = await _completions.PostAsync("/v1/completions", content);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """,
        Reported("LlmClientWithCircuitBreaker", "AddPolicyHandler"));

    [Fact]
    public Task Client_created_and_used_in_one_chained_call() => VerifyAsync(
        Registered("Chained", "{|#0:AddTransientHttpErrorPolicy|}(p => p.WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n)))") + """
        public class CompletionService(IHttpClientFactory factory)
        {
            public Task<HttpResponseMessage> CompleteAsync(string json) =>
                factory.CreateClient("Chained").PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        }
        """,
        Reported("Chained", "AddTransientHttpErrorPolicy"));

    [Fact]
    public Task Standard_handler_client_in_a_primary_constructor_field_and_a_chained_extension_post() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("OpenAi", c => c.BaseAddress = new Uri("https://api.openai.com/")).{|#0:AddStandardResilienceHandler|}();
                services.AddHttpClient("Direct").{|#1:AddStandardResilienceHandler|}();
            }
        }

        public sealed class ChatService(IHttpClientFactory factory)
        {
            private readonly HttpClient _openAi = factory.CreateClient("OpenAi");

            public Task<HttpResponseMessage> AskAsync(object body) => _openAi.PostAsJsonAsync("v1/chat/completions", body);

            public Task<HttpResponseMessage> AskDirectAsync(object body) =>
                factory.CreateClient("Direct").PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
        }
        """,
        Reported("OpenAi", "AddStandardResilienceHandler"),
        Reported("Direct", "AddStandardResilienceHandler", 1));

    [Fact]
    public Task Field_assigned_in_two_constructors_with_the_same_name() => VerifyAsync(
        Registered("LlmClient", "{|#0:AddPolicyHandler|}(GetRetryPolicy())") + """
        public class CompletionService
        {
            private readonly HttpClient _http;

            public CompletionService(IHttpClientFactory factory) => _http = factory.CreateClient("LlmClient");

            public CompletionService(IHttpClientFactory factory, string model)
            {
                _http = factory.CreateClient("LlmClient");
            }

            public Task<HttpResponseMessage> CompleteAsync(string json) =>
                _http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        }
        """,
        Reported("LlmClient", "AddPolicyHandler"));

    // ---- Not reported --------------------------------------------------------------------------------------------

    [Fact]
    public Task Field_from_another_name_than_the_retried_client_is_quiet() => VerifyAsync(
        Registered("LlmClient", "AddPolicyHandler(GetRetryPolicy())") + """
        public class CompletionService
        {
            private readonly HttpClient _http;

            // The retried "LlmClient" is not the one that POSTs completions.
            public CompletionService(IHttpClientFactory factory) => _http = factory.CreateClient("Plain");

            public Task<HttpResponseMessage> CompleteAsync(string json) =>
                _http.PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        }
        """);

    [Fact]
    public Task Field_assigned_from_two_different_names_is_quiet() => VerifyAsync(
        Registered("LlmClient", "AddPolicyHandler(GetRetryPolicy())") + """
        public class CompletionService
        {
            private readonly HttpClient _http;

            public CompletionService(IHttpClientFactory factory) => _http = factory.CreateClient("LlmClient");

            // Tests and the offline mode hand in another client: the field does not always hold the retried one.
            public CompletionService(IHttpClientFactory factory, bool offline) => _http = factory.CreateClient(offline ? "Offline" : "Plain");

            public Task<HttpResponseMessage> CompleteAsync(string json) =>
                _http.PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        }

        public class SettableService
        {
            // Not readonly and visible: other code may put any client here.
            public HttpClient Http;

            public SettableService(IHttpClientFactory factory) => Http = factory.CreateClient("LlmClient");

            public Task<HttpResponseMessage> CompleteAsync(string json) =>
                Http.PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        }
        """);

    [Fact]
    public Task Rate_limit_only_handler_on_a_field_client_is_quiet() => VerifyAsync(
        Registered("LlmClient", "AddPolicyHandler(Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests).WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(2)))") + """
        public class CompletionService
        {
            private readonly HttpClient _http;

            public CompletionService(IHttpClientFactory factory) => _http = factory.CreateClient("LlmClient");

            public Task<HttpResponseMessage> CompleteAsync(string json) =>
                _http.PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        }
        """);

    [Fact]
    public Task Field_and_chained_clients_posting_to_other_hosts_or_with_a_key_are_quiet() => VerifyAsync(
        Registered("Orders", "AddPolicyHandler(GetRetryPolicy())") + """
        public static class MoreRegistrations
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("Keyed").AddStandardResilienceHandler();
                services.AddHttpClient("Search").AddStandardResilienceHandler();
            }
        }

        public class CompletionService
        {
            private readonly HttpClient _orders;
            private readonly HttpClient _keyed;
            private readonly IHttpClientFactory _factory;

            public CompletionService(IHttpClientFactory factory)
            {
                _factory = factory;
                _orders = factory.CreateClient("Orders");
                _keyed = factory.CreateClient("Keyed");
            }

            public Task<HttpResponseMessage> PlaceAsync(string json) =>
                _orders.PostAsync("https://shop.example.com/api/orders", new StringContent(json, Encoding.UTF8, "application/json"));

            public Task<HttpResponseMessage> SearchAsync(object query) =>
                _factory.CreateClient("Search").PostAsJsonAsync("https://search.example.com/v1/search", query);

            public Task<HttpResponseMessage> CompleteAsync(string json)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions")
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                return _keyed.SendAsync(request);
            }
        }
        """);

    [Fact]
    public async Task Half_typed_field_and_chained_clients_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = HttpUsings + """
                public static class Registration
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddHttpClient("LlmClient").AddStandardResilienceHandler();
                    }
                }

                public class CompletionService
                {
                    private readonly HttpClient _http;
                    private readonly HttpClient _other;
                    private readonly IHttpClientFactory _factory;

                    public CompletionService(IHttpClientFactory factory)
                    {
                        _factory = factory;
                        _http = factory.CreateClient("LlmClient"
                        _other = factory.CreateClient(
                        _missing = factory.CreateClient("LlmClient");
                    }

                    public Task<HttpResponseMessage> CompleteAsync(string json) =>
                        _http.PostAsync("/v1/completions", new StringContent(json);

                    public Task<HttpResponseMessage> ChainedAsync(string json) =>
                        _factory.CreateClient("LlmClient").PostAsync(
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
