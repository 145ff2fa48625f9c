using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 at the resilience handler of a named HttpClient registered as a keyed service
/// (<c>AddHttpClient("name").AddAsKeyed()</c>, .NET 9+) and read back as one: <c>GetRequiredKeyedService&lt;HttpClient&gt;("name")</c>,
/// <c>GetKeyedService&lt;HttpClient&gt;("name")</c> or a <c>[FromKeyedServices("name")] HttpClient</c> parameter, counted like
/// <c>IHttpClientFactory.CreateClient("name")</c> (getcellm/cellm, review37 miss 2). Without <c>AddAsKeyed()</c> the container
/// has no keyed HttpClient, so nothing is tied to the registration.
/// </summary>
public class KeyedNamedHttpClientTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using OllamaSharp;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + source, expected);

    private static DiagnosticResult Reported(string client, string handler) =>
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"" + client + "\"", handler);

    // cellm's registration: a configurator method group adds a retry that re-sends any request on transient failures.
    private const string Configurator = """
        public class ResiliencePipelineConfigurator
        {
            public void ConfigureResiliencePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder)
            {
                builder
                    .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, UseJitter = true })
                    .AddTimeout(TimeSpan.FromSeconds(30));
            }
        }

        """;

    /// <summary>
    /// getcellm/cellm Cellm/Models/ServiceCollectionExtensions.cs: the keyed client goes through a helper that sets its
    /// base address and returns it, into OllamaSharp's client registered as a keyed chat client.
    /// </summary>
    private static string Cellm(string registration, string lookup) => Configurator + $$"""
        public static class ServiceCollectionExtensions
        {
            public static IServiceCollection AddOllamaChatClient(this IServiceCollection services, Uri baseAddress, string model)
            {
                services
                    .AddKeyedChatClient("Ollama", serviceProvider => new OllamaApiClient(
                        ConfigureBaseAddress({{lookup}}, baseAddress),
                        model))
                    .UseFunctionInvocation();

                return services;
            }

            private static HttpClient ConfigureBaseAddress(HttpClient httpClient, Uri baseAddress)
            {
                httpClient.BaseAddress = baseAddress;
                return httpClient;
            }

            public static IServiceCollection AddResilientHttpClient(this IServiceCollection services)
            {
                var resiliencePipelineConfigurator = new ResiliencePipelineConfigurator();

                services
                    .AddHttpClient("ResilientHttpClient", resilientHttpClient => resilientHttpClient.Timeout = TimeSpan.FromSeconds(600))
                    {{registration}};

                return services;
            }
        }
        """;

    private const string CellmRegistration = """
        .AddAsKeyed()
                    .{|#0:AddResilienceHandler|}("ResilientHttpClientHandler", resiliencePipelineConfigurator.ConfigureResiliencePipeline)
        """;

    private const string CellmLookup = """serviceProvider.GetRequiredKeyedService<HttpClient>("ResilientHttpClient")""";

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Cellm_keyed_client_through_a_base_address_helper_into_OllamaSharp() => VerifyAsync(
        Cellm(CellmRegistration, CellmLookup),
        Reported("ResilientHttpClient", "AddResilienceHandler"));

    [Fact]
    public Task GetKeyedService_into_a_local_given_to_an_OpenAI_transport_with_a_singleton_keyed_client() => VerifyAsync(
        """
        public static class Registration
        {
            public static void AddModels(IServiceCollection services)
            {
                services.AddHttpClient("openai")
                    .AddAsKeyed(ServiceLifetime.Singleton)
                    .{|#0:AddStandardResilienceHandler|}();

                services.AddSingleton(sp =>
                {
                    var http = sp.GetKeyedService<HttpClient>("openai")!;
                    var options = new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) };
                    return new OpenAIClient(new ApiKeyCredential("key"), options).GetChatClient("gpt-4o");
                });
            }
        }
        """,
        Reported("openai", "AddStandardResilienceHandler"));

    [Fact]
    public Task GetRequiredKeyedService_set_as_the_Anthropic_options_HttpClient_builder_in_a_local() => VerifyAsync(
        """
        public static class Registration
        {
            private const string ClientName = "claude";

            public static void AddModels(IServiceCollection services)
            {
                var claude = services.AddHttpClient(ClientName);
                claude.AddAsKeyed();
                claude.{|#0:AddStandardResilienceHandler|}();

                services.AddSingleton(sp => new Anthropic.AnthropicClient(
                    new Anthropic.Core.ClientOptions { HttpClient = sp.GetRequiredKeyedService<HttpClient>(ClientName) }));
            }
        }
        """,
        Reported("claude", "AddStandardResilienceHandler"));

    [Fact]
    public Task FromKeyedServices_primary_constructor_parameter_given_to_OllamaSharp() => VerifyAsync(
        """
        public sealed class LocalChat([FromKeyedServices("ollama")] HttpClient http)
        {
            private readonly OllamaApiClient ollama = new(http, "llama3.1");

            public IChatClient Chat => ollama;
        }

        public static class Registration
        {
            public static void AddModels(IServiceCollection services)
            {
                services.AddSingleton<LocalChat>();
                services.AddHttpClient("ollama", c => c.BaseAddress = new Uri("http://localhost:11434"))
                    .AddAsKeyed()
                    .{|#0:AddStandardResilienceHandler|}();
            }
        }
        """,
        Reported("ollama", "AddStandardResilienceHandler"));

    [Fact]
    public Task FromKeyedServices_constructor_parameter_kept_in_a_field_that_posts_to_chat_completions() => VerifyAsync(
        """
        public sealed record CompletionRequest(string Model, string Prompt);

        public sealed class CompletionGateway
        {
            private readonly HttpClient http;

            public CompletionGateway([FromKeyedServices("llm")] HttpClient http) => this.http = http;

            public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
            {
                using var response = await http.PostAsJsonAsync("v1/chat/completions", new CompletionRequest("gpt-4o", prompt), ct);
                return await response.Content.ReadAsStringAsync(ct);
            }
        }

        public static class Registration
        {
            public static void AddGateway(IServiceCollection services)
            {
                services.AddTransient<CompletionGateway>();
                services.AddHttpClient("llm").AddAsKeyed()
                    .{|#0:AddResilienceHandler|}("llm-retry", b => b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 4 }));
            }
        }
        """,
        Reported("llm", "AddResilienceHandler"));

    [Fact]
    public Task FromKeyedServices_method_parameter_that_posts_to_api_chat() => VerifyAsync(
        """
        public sealed record ChatRequest(string Model, string Prompt);

        public static class Endpoints
        {
            public static async Task<string> AskAsync([FromKeyedServices("ollama")] HttpClient http, string prompt)
            {
                using var response = await http.PostAsJsonAsync("api/chat", new ChatRequest("llama3.1", prompt));
                return await response.Content.ReadAsStringAsync();
            }

            public static void AddModels(IServiceCollection services) =>
                services.AddHttpClient("ollama").AddAsKeyed().{|#0:AddStandardResilienceHandler|}();
        }
        """,
        Reported("ollama", "AddStandardResilienceHandler"));

    /// <summary>The CreateClient twin of the cellm helper shape: the pass-through helper counts for both lookups.</summary>
    [Fact]
    public Task CreateClient_through_the_same_base_address_helper_is_reported_too() => VerifyAsync(
        Cellm(
            """
            .{|#0:AddResilienceHandler|}("ResilientHttpClientHandler", resiliencePipelineConfigurator.ConfigureResiliencePipeline)
            """,
            """serviceProvider.GetRequiredService<IHttpClientFactory>().CreateClient("ResilientHttpClient")"""),
        Reported("ResilientHttpClient", "AddResilienceHandler"));

    // ---- Not reported --------------------------------------------------------------------------------------------

    /// <summary>Without <c>AddAsKeyed()</c> no keyed HttpClient is registered: the lookup is not this client.</summary>
    [Fact]
    public Task Cellm_shape_without_AddAsKeyed_is_quiet() => VerifyAsync(
        Cellm(
            """
            .AddResilienceHandler("ResilientHttpClientHandler", resiliencePipelineConfigurator.ConfigureResiliencePipeline)
            """,
            CellmLookup));

    [Fact]
    public Task AddAsKeyed_removed_again_is_quiet() => VerifyAsync(
        Cellm(
            """
            .AddAsKeyed()
                        .RemoveAsKeyed()
                        .AddResilienceHandler("ResilientHttpClientHandler", resiliencePipelineConfigurator.ConfigureResiliencePipeline)
            """,
            CellmLookup));

    [Fact]
    public Task A_different_key_is_quiet() => VerifyAsync(
        Cellm(
            """
            .AddAsKeyed()
                        .AddResilienceHandler("ResilientHttpClientHandler", resiliencePipelineConfigurator.ConfigureResiliencePipeline)
            """,
            """serviceProvider.GetRequiredKeyedService<HttpClient>("OllamaHttpClient")"""));

    [Fact]
    public Task A_key_that_is_not_a_constant_is_quiet() => VerifyAsync(
        Cellm(
            """
            .AddAsKeyed()
                        .AddResilienceHandler("ResilientHttpClientHandler", resiliencePipelineConfigurator.ConfigureResiliencePipeline)
            """,
            """serviceProvider.GetRequiredKeyedService<HttpClient>(Environment.GetEnvironmentVariable("HTTP_CLIENT") ?? "ResilientHttpClient")"""));

    [Fact]
    public Task FromKeyedServices_with_another_key_is_quiet() => VerifyAsync(
        """
        public sealed class LocalChat([FromKeyedServices("ollama-direct")] HttpClient http)
        {
            private readonly OllamaApiClient ollama = new(http, "llama3.1");

            public IChatClient Chat => ollama;
        }

        public static class Registration
        {
            public static void AddModels(IServiceCollection services)
            {
                services.AddHttpClient("ollama").AddAsKeyed().AddStandardResilienceHandler();
            }
        }
        """);

    [Fact]
    public Task Keyed_client_used_only_for_GETs_and_non_generation_posts_is_quiet() => VerifyAsync(
        """
        public sealed record SearchRequest(string Query);

        public sealed class Catalog([FromKeyedServices("catalog")] HttpClient http)
        {
            public Task<string> ModelsAsync() => http.GetStringAsync("api/tags");

            public Task<HttpResponseMessage> SearchAsync(string query) => http.PostAsJsonAsync("api/search", new SearchRequest(query));
        }

        public static class Registration
        {
            public static void AddCatalog(IServiceCollection services)
            {
                services.AddHttpClient("catalog").AddAsKeyed().AddStandardResilienceHandler();
                services.AddSingleton(sp => sp.GetRequiredKeyedService<HttpClient>("catalog").GetStringAsync("health"));
            }
        }
        """);

    /// <summary>The twin of <see cref="FromKeyedServices_primary_constructor_parameter_given_to_OllamaSharp"/> with POST retries disabled.</summary>
    [Fact]
    public Task Handler_that_disables_unsafe_method_retries_is_quiet() => VerifyAsync(
        """
        public sealed class LocalChat([FromKeyedServices("ollama")] HttpClient http)
        {
            private readonly OllamaApiClient ollama = new(http, "llama3.1");

            public IChatClient Chat => ollama;
        }

        public static class Registration
        {
            public static void AddModels(IServiceCollection services)
            {
                services.AddHttpClient("ollama", c => c.BaseAddress = new Uri("http://localhost:11434"))
                    .AddAsKeyed()
                    .AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
            }
        }
        """);

    /// <summary>The twin of the cellm helper: this helper returns another client, so the keyed one does not reach the model.</summary>
    [Fact]
    public Task Helper_that_returns_another_HttpClient_does_not_pass_the_keyed_client_on() => VerifyAsync(
        """
        public static class Registration
        {
            private static HttpClient WithBaseAddress(HttpClient template, Uri baseAddress) =>
                new HttpClient { BaseAddress = baseAddress, Timeout = template.Timeout };

            public static void AddModels(IServiceCollection services)
            {
                services.AddHttpClient("ollama").AddAsKeyed().AddStandardResilienceHandler();
                services.AddSingleton(sp => new OllamaApiClient(
                    WithBaseAddress(sp.GetRequiredKeyedService<HttpClient>("ollama"), new Uri("http://localhost:11434")), "llama3.1"));
            }
        }
        """);

    [Fact]
    public Task Keyed_service_of_another_type_is_quiet() => VerifyAsync(
        """
        public static class Registration
        {
            public static void AddModels(IServiceCollection services)
            {
                services.AddHttpClient("ollama").AddAsKeyed().AddStandardResilienceHandler();
                services.AddKeyedSingleton<IChatClient>("ollama", (sp, _) => new OllamaApiClient(new Uri("http://localhost:11434"), "llama3.1"));
                services.AddSingleton(sp => new ChatClientBuilder(sp.GetRequiredKeyedService<IChatClient>("ollama")).Build());
            }
        }
        """);

    [Fact]
    public async Task Half_typed_keyed_lookups_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = HttpUsings + """
                public sealed class LocalChat([FromKeyedServices()] HttpClient http, [FromKeyedServices(Missing.Key)] HttpClient other)
                {
                    private readonly OllamaApiClient ollama = new(http, "llama3.1");
                    private readonly OllamaApiClient second = new(other
                }

                public static class Registration
                {
                    public static void AddModels(IServiceCollection services)
                    {
                        services.AddHttpClient("ollama").AddAsKeyed(
                        services.AddHttpClient(UnknownName).AddAsKeyed().AddStandardResilienceHandler();
                        services.AddSingleton(sp => new OllamaApiClient(sp.GetRequiredKeyedService<HttpClient>(), "m"));
                        services.AddSingleton(sp => new OllamaApiClient(sp.GetRequiredKeyedService<Unknown>("ollama"), "m"));
                        services.AddSingleton(sp => new OllamaApiClient(sp.GetKeyedService<HttpClient>("ollama"
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
