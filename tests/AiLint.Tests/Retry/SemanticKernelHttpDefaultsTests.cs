using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 on a handler every factory client gets (<c>ConfigureHttpClientDefaults</c>) when a Semantic Kernel model
/// connector of the same container takes its HttpClient from there: the connector registrations given no HttpClient
/// and no client object ask the container for one (Semantic Kernel's HttpClientProvider), and the defaults registered
/// the factory's default client, handler included. Semantic Kernel's own retry sample has this shape.
/// </summary>
public class SemanticKernelHttpDefaultsTests
{
    private const string Id = "AIL0001";

    private const string SkUsings = Usings + """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, SkUsings + source, expected);

    [Fact]
    public Task Kernel_builder_whose_services_get_the_default_handler() => VerifyAsync(
        """
        public static class App
        {
            public static Kernel Build(string key)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.ConfigureHttpClientDefaults(c => c.{|#0:AddStandardResilienceHandler|}());
                builder.AddOpenAIChatCompletion("gpt-4.1-2025-04-14", key);
                return builder.Build();
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("AddOpenAIChatCompletion's HttpClient", "AddStandardResilienceHandler"));

    [Fact]
    public Task App_container_with_the_default_handler_and_a_kernel_registered_in_it() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services, string endpoint, string key)
            {
                services.ConfigureHttpClientDefaults(http => http.{|#0:AddStandardResilienceHandler|}());
                services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("AddAzureOpenAIChatCompletion's HttpClient", "AddStandardResilienceHandler"));

    // ---- Not reported ----------------------------------------------------------------------------------------------

    // The connector is given its own HttpClient, or a client object whose transport the app chose.
    [Fact]
    public Task Connectors_given_their_own_HttpClient_or_client_object() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services, string key, OpenAI.OpenAIClient client)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                services.AddKernel()
                    .AddOpenAIChatCompletion("gpt-4.1-2025-04-14", key, httpClient: new HttpClient())
                    .AddOpenAIChatCompletion("gpt-4.1-mini-2025-04-14", client, serviceId: "mini");
            }
        }
        """);

    // A kernel builder of its own has its own container: the app's defaults do not reach its connector.
    [Fact]
    public Task Standalone_kernel_builder_with_the_defaults_on_the_app_container() => VerifyAsync(
        """
        public static class App
        {
            public static void Add(IServiceCollection services) => services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

            public static Kernel Build(string key)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4.1-2025-04-14", key);
                return builder.Build();
            }

            public static Kernel Fluent(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4.1-2025-04-14", key).Build();
        }
        """);

    // Only embeddings go through the container's client.
    [Fact]
    public Task Embedding_connectors_only() => VerifyAsync(
        """
        public static class Registration
        {
        #pragma warning disable SKEXP0010 // embedding generators are experimental in Semantic Kernel 1.x
            public static void Embeddings(IServiceCollection services, string key)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                services.AddOpenAIEmbeddingGenerator("text-embedding-3-small", key);
            }
        #pragma warning restore SKEXP0010
        }
        """);

    // A handler whose retry skips POSTs re-sends no generation request.
    [Fact]
    public Task Retries_that_skip_posts() => VerifyAsync(
        """
        public static class Registration
        {
            public static void SafeRetry(IServiceCollection services, string key)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods()));
                services.AddOpenAIChatCompletion("gpt-4.1-2025-04-14", key);
            }
        }
        """);
}
