using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 at an HTTP resilience registration (Microsoft.Extensions.Http.Resilience) whose retry re-sends the POSTs
/// of an HttpClient used for LLM calls.
/// </summary>
public class HttpResilienceTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + source, expected);

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Typed_client_wrapping_an_OllamaSharp_client_with_the_standard_handler() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            private readonly OllamaSharp.OllamaApiClient ollama = new(http, "llama3.1");

            public IChatClient Chat => ollama;
        }

        public static class Registration
        {
            public static void AddModels(IServiceCollection services)
            {
                services.AddHttpClient<LocalModel>(c => c.BaseAddress = new Uri("http://localhost:11434"))
                    .{|#0:AddStandardResilienceHandler|}();
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("LocalModel", "AddStandardResilienceHandler"));

    [Fact]
    public Task Named_client_given_to_an_OpenAI_transport() => VerifyAsync(
        """
        public static class Registration
        {
            public static void AddModels(IServiceCollection services)
            {
                var openAi = services.AddHttpClient("openai");
                openAi.{|#0:AddStandardResilienceHandler|}(o => o.Retry.MaxRetryAttempts = 5);

                services.AddSingleton(sp =>
                {
                    var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("openai");
                    var options = new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) };
                    return new OpenAIClient(new ApiKeyCredential("key"), options).GetChatClient("gpt-4o");
                });
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"openai\"", "AddStandardResilienceHandler"));

    [Fact]
    public Task Typed_client_posting_to_chat_completions_with_a_custom_retry_handler() => VerifyAsync(
        """
        public sealed record CompletionRequest(string Model, string Prompt);

        public interface ICompletionGateway { Task<string> CompleteAsync(string prompt, CancellationToken ct); }

        public sealed class CompletionGateway : ICompletionGateway
        {
            private const string Endpoint = "v1/chat/completions";
            private readonly HttpClient http;

            public CompletionGateway(HttpClient http) => this.http = http;

            public async Task<string> CompleteAsync(string prompt, CancellationToken ct)
            {
                using var response = await http.PostAsJsonAsync(Endpoint, new CompletionRequest("gpt-4o", prompt), ct);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(ct);
            }
        }

        public static class Registration
        {
            public static IServiceCollection AddGateway(this IServiceCollection services)
            {
                services.AddHttpClient<ICompletionGateway, CompletionGateway>()
                    .{|#0:AddResilienceHandler|}("llm", builder => builder
                        .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, BackoffType = Polly.DelayBackoffType.Exponential })
                        .AddTimeout(TimeSpan.FromSeconds(60)));
                return services;
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("CompletionGateway", "AddResilienceHandler"));

    [Fact]
    public Task Named_client_given_to_a_Semantic_Kernel_chat_connector() => VerifyAsync(
        """
        public static class Registration
        {
            public static void AddKernel(IServiceCollection services, string apiKey)
            {
                services.AddHttpClient("llm").{|#0:AddStandardResilienceHandler|}();
                services.AddTransient(sp =>
                {
                    var builder = Microsoft.SemanticKernel.Kernel.CreateBuilder();
                    Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions.AddOpenAIChatCompletion(builder, "gpt-4o", apiKey, httpClient: sp.GetRequiredService<IHttpClientFactory>().CreateClient("llm"));
                    return Microsoft.SemanticKernel.KernelExtensions.Build(builder);
                });
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"llm\"", "AddStandardResilienceHandler"));

    [Fact]
    public Task Default_handler_of_every_factory_client_reaches_a_typed_LLM_client() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.{|#0:AddStandardResilienceHandler|}());
                services.AddHttpClient<LocalModel>();
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("LocalModel", "AddStandardResilienceHandler"));

    [Fact]
    public Task Default_handler_of_every_factory_client_reaches_a_named_client_given_to_OpenAI() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.ConfigureHttpClientDefaults(builder =>
                {
                    builder.{|#0:AddStandardResilienceHandler|}(o => o.Retry.MaxRetryAttempts = 3);
                });

            public static OpenAI.OpenAIClient Create(IServiceProvider provider, string key)
            {
                var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("openai");
                return new(new System.ClientModel.ApiKeyCredential(key), new OpenAI.OpenAIClientOptions { Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(http) });
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"openai\"", "AddStandardResilienceHandler"));

    [Fact]
    public Task Named_client_set_as_the_Anthropic_client_options_HttpClient() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHttpClient("claude").{|#0:AddStandardResilienceHandler|}();

            public static Anthropic.AnthropicClient Create(IHttpClientFactory factory) =>
                new(new Anthropic.Core.ClientOptions { HttpClient = factory.CreateClient("claude") });

            // Another named client set on an options object of no LLM SDK.
            public static void Other(IServiceCollection services, IHttpClientFactory factory)
            {
                services.AddHttpClient("search").AddStandardResilienceHandler();
                var holder = new SearchOptions { HttpClient = factory.CreateClient("search") };
            }
        }

        public sealed class SearchOptions
        {
            public HttpClient? HttpClient { get; set; }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"claude\"", "AddStandardResilienceHandler"));

    // ---- Not reported --------------------------------------------------------------------------------------------

    [Fact]
    public Task Retries_of_unsafe_methods_disabled_or_limited_or_configured_elsewhere() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
        }

        public static class Registration
        {
            public static void AddModels(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
            {
                services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
                services.AddHttpClient<LocalModel>().AddStandardResilienceHandler().Configure(o => o.Retry.DisableFor(HttpMethod.Post));
                services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(o => o.Retry.MaxRetryAttempts = 0);

                // Only 429s (the request was not processed): safe to retry, and AiLint cannot read the predicate anyway.
                services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(o =>
                    o.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests));

                // Options from configuration: unknown.
                services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(configuration.GetSection("Resilience"));

                // No retry strategy in the pipeline.
                services.AddHttpClient<LocalModel>().AddResilienceHandler("timeout", b => b.AddTimeout(TimeSpan.FromSeconds(30)));

                // The defaults handler with the same options.
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods()));
            }
        }
        """);

    [Fact]
    public Task Default_handler_when_no_factory_client_sends_llm_requests() => VerifyAsync(
        """
        public static class Registration
        {
            // The service-defaults template: every factory client gets the handler, but none of them reaches a model.
            public static void Add(IServiceCollection services) => services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

            public static Task<string> Repos(IHttpClientFactory factory) => factory.CreateClient("github").GetStringAsync("user/repos");

            // An LLM client with its own HttpClient, not one from the factory.
            public static OpenAI.OpenAIClient Direct(string key) =>
                new(new System.ClientModel.ApiKeyCredential(key), new OpenAI.OpenAIClientOptions { Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(new HttpClient()) });
        }
        """);

    [Fact]
    public Task Default_handler_when_a_client_removes_the_default_handlers() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        #pragma warning disable EXTEXP0001 // experimental in Microsoft.Extensions.Http.Resilience 10.x
                services.AddHttpClient("openai").RemoveAllResilienceHandlers();
        #pragma warning restore EXTEXP0001
            }

            public static OpenAI.OpenAIClient Create(IHttpClientFactory factory, string key) =>
                new(new System.ClientModel.ApiKeyCredential(key), new OpenAI.OpenAIClientOptions { Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(factory.CreateClient("openai")) });
        }
        """);

    [Fact]
    public Task Clients_not_used_for_generation_requests() => VerifyAsync(
        """
        public sealed class WeatherClient(HttpClient http)
        {
            public Task<string> GetAsync(string city) => http.GetStringAsync("forecast?city=" + city);
            public Task<HttpResponseMessage> ReportAsync(string text) => http.PostAsJsonAsync("reports", text);
        }

        public sealed class EmbeddingClient(HttpClient http)
        {
            public Task<HttpResponseMessage> EmbedAsync(string text) => http.PostAsJsonAsync("v1/embeddings", new { input = text });
        }

        // Uses an LLM, but not through the registered HttpClient.
        public sealed class Summaries(HttpClient http, IChatClient chat)
        {
            public async Task<string> SummarizeAsync(string url) => (await chat.GetResponseAsync(await http.GetStringAsync(url))).Text;
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<WeatherClient>().AddStandardResilienceHandler();
                services.AddHttpClient<EmbeddingClient>().AddStandardResilienceHandler();
                services.AddHttpClient<Summaries>().AddStandardResilienceHandler();
                services.AddHttpClient("github").AddStandardResilienceHandler();
            }

            public static Task<string> Repos(IHttpClientFactory factory) => factory.CreateClient("github").GetStringAsync("user/repos");
        }
        """);

    [Fact]
    public Task Typed_client_sending_an_idempotency_key() => VerifyAsync(
        """
        public sealed class CompletionGateway(HttpClient http)
        {
            public Task<HttpResponseMessage> CompleteAsync(string prompt, string requestId)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(new { prompt }) };
                request.Headers.Add("Idempotency-Key", requestId);
                return http.SendAsync(request);
            }
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHttpClient<CompletionGateway>().AddStandardResilienceHandler();
        }
        """);

    [Fact]
    public async Task Half_written_registration_does_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = HttpUsings + """
                public sealed class LocalModel(HttpClient http)
                {
                    public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
                }

                public static class Registration
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddHttpClient<Missing>().AddStandardResilienceHandler();
                        services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(o => o.Retry.);
                        services.AddHttpClient("x").AddResilienceHandler("y", b => b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = }));
                        IServiceCollection.AddStandardResilienceHandler();
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    // ---- Code fix ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_disables_retries_of_unsafe_methods() => new CodeFixTest<RetryAnalyzer, DisableUnsafeHttpRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = HttpUsings + """
            public sealed class LocalModel(HttpClient http)
            {
                public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<LocalModel>().[|AddStandardResilienceHandler|]();
                    services.AddHttpClient<LocalModel>().[|AddStandardResilienceHandler|](o => o.Retry.MaxRetryAttempts = 2);
                    services.AddHttpClient<LocalModel>().[|AddStandardResilienceHandler|](options =>
                    {
                        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(20);
                    });
                }
            }
            """,
        FixedCode = HttpUsings + """
            public sealed class LocalModel(HttpClient http)
            {
                public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
                    services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(o => { o.Retry.MaxRetryAttempts = 2; o.Retry.DisableForUnsafeHttpMethods(); });
                    services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(options =>
                    {
                        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(20);
                        options.Retry.DisableForUnsafeHttpMethods();
                    });
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Fix_adds_the_resilience_using_when_missing() => new CodeFixTest<RetryAnalyzer, DisableUnsafeHttpRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = """
            using System.Net.Http;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class LocalModel(HttpClient http)
            {
                public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.AddHttpClient<LocalModel>().[|AddStandardResilienceHandler|]();
            }
            """,
        FixedCode = """
            using System.Net.Http;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Http.Resilience;

            public sealed class LocalModel(HttpClient http)
            {
                public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.AddHttpClient<LocalModel>().AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            }
            """,
    }.RunAsync();
}
