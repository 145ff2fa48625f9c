using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 at an HTTP resilience handler configured by a method group of the project
/// (<c>AddResilienceHandler(name, configurator.ConfigureResiliencePipeline)</c>, getcellm/cellm, review17 N1) and at a
/// retry whose <c>ShouldHandle</c> AiLint reads: reported when it visibly retries a processed POST (5xx, 408,
/// <c>HttpRequestException</c>, timeouts), not when it handles only 429, looks at the request method, or is unreadable.
/// </summary>
public class ResilienceConfigureMethodTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Polly.Retry;
        using Polly.Timeout;

        """;

    // The typed client of cellm: its HttpClient is the transport of the OpenAI client it sends chat requests with.
    private const string OpenAiHandler = """
        public interface IChatGateway { Task<string> AskAsync(string prompt, CancellationToken ct); }

        public sealed class OpenAiCompatibleRequestHandler(HttpClient httpClient) : IChatGateway
        {
            public async Task<string> AskAsync(string prompt, CancellationToken ct)
            {
                var client = new OpenAIClient(new ApiKeyCredential("key"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(httpClient) });
                var response = await client.GetChatClient("gpt-4o-2024-08-06").AsIChatClient().GetResponseAsync(prompt, cancellationToken: ct);
                return response.Text;
            }
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + source, expected);

    /// <summary>cellm's configurator, with <paramref name="retryableError"/> as the body of its status test.</summary>
    private static string Configurator(string retryableError, string retryableException) => $$"""
        public class ResiliencePipelineConfigurator
        {
            private readonly int maxRetryAttempts = 3;

            public void ConfigureResiliencePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder)
            {
                _ = builder
                    .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                    {
                        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        MaxRetryAttempts = maxRetryAttempts,
                    })
                    .AddTimeout(TimeSpan.FromSeconds(30))
                    .Build();
            }

            private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
            {
                { Result: HttpResponseMessage response } => IsRetryableError(response),
                { Exception: Exception exception } => IsRetryableException(exception),
                _ => false
            };

            private static bool IsRetryableError(HttpResponseMessage response) =>
                {{retryableError}};

            private static bool IsRetryableException(Exception exception) =>
                {{retryableException}};
        }

        """;

    private static string Registration(string handler) => $$"""
        public static class ServiceCollectionExtensions
        {
            public static IServiceCollection AddOpenAiCompatibleChatClient(this IServiceCollection services)
            {
                var resiliencePipelineConfigurator = new ResiliencePipelineConfigurator();

                services
                    .AddHttpClient<IChatGateway, {{handler}}>(http => http.Timeout = TimeSpan.FromHours(1))
                    .{|#0:AddResilienceHandler|}(nameof({{handler}}), resiliencePipelineConfigurator.ConfigureResiliencePipeline);

                return services;
            }
        }
        """;

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Cellm_configurator_method_retrying_5xx_408_429_and_request_exceptions() => VerifyAsync(
        OpenAiHandler
        + Configurator(
            """
            response.StatusCode == HttpStatusCode.RequestTimeout ||
                    response.StatusCode == HttpStatusCode.TooManyRequests ||
                    response.StatusCode == HttpStatusCode.BadGateway ||
                    response.StatusCode == HttpStatusCode.ServiceUnavailable ||
                    response.StatusCode == HttpStatusCode.GatewayTimeout
            """,
            "exception is HttpRequestException or TimeoutRejectedException")
        + Registration("OpenAiCompatibleRequestHandler"),
        Diagnostic(Id).WithLocation(0).WithArguments("OpenAiCompatibleRequestHandler", "AddResilienceHandler"));

    [Fact]
    public Task Static_method_group_and_local_function_with_default_http_retry_options() => VerifyAsync(
        OpenAiHandler + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().{|#0:AddResilienceHandler|}("llm", ConfigureRetries);

                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().{|#1:AddResilienceHandler|}("llm2", Local);

                static void Local(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context) =>
                    builder.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2 });
            }

            private static void ConfigureRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder)
            {
                builder.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 4, BackoffType = DelayBackoffType.Exponential });
                builder.AddTimeout(TimeSpan.FromSeconds(60));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("OpenAiCompatibleRequestHandler", "AddResilienceHandler"),
        Diagnostic(Id).WithLocation(1).WithArguments("OpenAiCompatibleRequestHandler", "AddResilienceHandler"));

    [Fact]
    public Task Standard_handler_configured_by_a_method_group() => VerifyAsync(
        OpenAiHandler + """
        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().{|#0:AddStandardResilienceHandler|}(Configure);

            private static void Configure(HttpStandardResilienceOptions options)
            {
                options.Retry.MaxRetryAttempts = 5;
                options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("OpenAiCompatibleRequestHandler", "AddStandardResilienceHandler"));

    [Fact]
    public Task Readable_predicates_that_retry_processed_failures() => VerifyAsync(
        OpenAiHandler + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                // The transient predicate the package itself uses: 5xx, 408, 429, HttpRequestException, timeouts.
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().{|#0:AddStandardResilienceHandler|}(o =>
                    o.Retry.ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)));

                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().{|#1:AddResilienceHandler|}("llm", b => b.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                }));

                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().{|#2:AddResilienceHandler|}("llm2", b => b.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = args => args.Outcome switch
                    {
                        { Result.StatusCode: >= HttpStatusCode.InternalServerError } => PredicateResult.True(),
                        { Result.StatusCode: HttpStatusCode.TooManyRequests } => PredicateResult.True(),
                        _ => PredicateResult.False(),
                    },
                }));
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("OpenAiCompatibleRequestHandler", "AddStandardResilienceHandler"),
        Diagnostic(Id).WithLocation(1).WithArguments("OpenAiCompatibleRequestHandler", "AddResilienceHandler"),
        Diagnostic(Id).WithLocation(2).WithArguments("OpenAiCompatibleRequestHandler", "AddResilienceHandler"));

    [Fact]
    public Task Helper_given_the_builder_and_chained_configure_method_group() => VerifyAsync(
        OpenAiHandler + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                // A lambda that hands its builder to a method of the project (the helper adds the retry).
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>()
                    .{|#0:AddResilienceHandler|}("llm", (p, ctx) => ConfigureResiliencePipeline(p, ctx, TimeSpan.FromSeconds(10)));

                // Options configured by a method group chained with Configure.
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().{|#1:AddStandardResilienceHandler|}().Configure(ConfigureStandard);
            }

            private static void ConfigureResiliencePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context, TimeSpan timeout)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, UseJitter = true });
                pipeline.AddTimeout(timeout);
            }

            private static void ConfigureStandard(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 2;
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("OpenAiCompatibleRequestHandler", "AddResilienceHandler"),
        Diagnostic(Id).WithLocation(1).WithArguments("OpenAiCompatibleRequestHandler", "AddStandardResilienceHandler"));

    // ---- Not reported --------------------------------------------------------------------------------------------

    [Fact]
    public Task Cellm_configurator_method_retrying_only_rate_limits() => VerifyAsync(
        OpenAiHandler
        + Configurator(
            "response.StatusCode == HttpStatusCode.TooManyRequests",
            "exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }")
        + Registration("OpenAiCompatibleRequestHandler"));

    [Fact]
    public Task Configure_method_that_disables_post_retries_or_limits_the_predicate() => VerifyAsync(
        OpenAiHandler + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("a", SafeRetries);
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddStandardResilienceHandler(NoPostRetries);
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("b", GetOnly);
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("c", Unreadable);
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("d", TimeoutOnly);
            }

            // The documented way to keep POSTs single (its options in a local, which is also not read).
            private static void SafeRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder)
            {
                var retry = new HttpRetryStrategyOptions { MaxRetryAttempts = 3 };
                retry.DisableForUnsafeHttpMethods();
                builder.AddRetry(retry);
            }

            private static void NoPostRetries(HttpStandardResilienceOptions options) => options.Retry.DisableFor(HttpMethod.Post);

            // Transient failures, but only for GETs: the POST to the model is sent once.
            private static void GetOnly(ResiliencePipelineBuilder<HttpResponseMessage> builder) =>
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = args => args.Outcome switch
                    {
                        { Result.RequestMessage.Method.Method: "GET" } => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                        _ => PredicateResult.False(),
                    },
                });

            // A predicate with statements AiLint does not read: trusted, as before.
            private static void Unreadable(ResiliencePipelineBuilder<HttpResponseMessage> builder) =>
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage> { ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)) });

            private static bool IsRetryable(Outcome<HttpResponseMessage> outcome)
            {
                if (outcome.Result is null)
                {
                    return false;
                }

                return outcome.Result.StatusCode == HttpStatusCode.BadGateway;
            }

            private static void TimeoutOnly(ResiliencePipelineBuilder<HttpResponseMessage> builder) => builder.AddTimeout(TimeSpan.FromSeconds(30));
        }
        """);

    [Fact]
    public Task Configure_method_on_clients_not_used_for_generation() => VerifyAsync(
        """
        public sealed class WeatherClient(HttpClient http)
        {
            public Task<string> GetAsync(string city) => http.GetStringAsync("forecast?city=" + city);
        }

        public sealed class EmbeddingClient(HttpClient http)
        {
            public Task<HttpResponseMessage> EmbedAsync(string text) => http.PostAsJsonAsync("v1/embeddings", new { input = text });
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<WeatherClient>().AddResilienceHandler("weather", ConfigureRetries);
                services.AddHttpClient<EmbeddingClient>().AddResilienceHandler("embeddings", ConfigureRetries);
                services.AddHttpClient<EmbeddingClient>().AddStandardResilienceHandler(o => o.Retry.MaxRetryAttempts = 5);
            }

            private static void ConfigureRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder) =>
                builder.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 4 });
        }
        """);

    [Fact]
    public Task Helper_given_the_builder_or_chained_method_group_that_keeps_posts_single() => VerifyAsync(
        OpenAiHandler + """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>()
                    .AddResilienceHandler("llm", (p, ctx) => ConfigureResiliencePipeline(p, ctx, TimeSpan.FromSeconds(10)));
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddStandardResilienceHandler().Configure(NoPostRetries);
            }

            // The helper's retry handles only 429 (the request was refused, not processed).
            private static void ConfigureResiliencePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context, TimeSpan timeout)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                });
                pipeline.AddTimeout(timeout);
            }

            private static void NoPostRetries(HttpStandardResilienceOptions options) => options.Retry.DisableForUnsafeHttpMethods();
        }
        """);

    [Fact]
    public Task Virtual_configure_method_is_unknown() => VerifyAsync(
        OpenAiHandler + """
        public class Configurator
        {
            public virtual void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder) =>
                builder.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 4 });
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services, Configurator configurator) =>
                services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("llm", configurator.Configure);
        }
        """);

    [Fact]
    public async Task Configure_method_in_a_referenced_assembly_is_unknown()
    {
        // The same retrying method, compiled into a library the app references: its body is not read (docs/rules/AIL0001.md).
        var library = CSharpCompilation.Create(
            "Resilience.Library",
            new[]
            {
                CSharpSyntaxTree.ParseText("""
                    using System.Net.Http;
                    using Microsoft.Extensions.Http.Resilience;
                    using Polly;

                    namespace Resilience.Library
                    {
                        public static class Pipelines
                        {
                            public static void ConfigureRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder) =>
                                builder.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 4 });
                        }
                    }
                    """),
            },
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new System.IO.MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = HttpUsings + OpenAiHandler + """
                public static class Registration
                {
                    public static void Add(IServiceCollection services) =>
                        services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("llm", Resilience.Library.Pipelines.ConfigureRetries);
                }
                """,
            References = ReferenceAssemblies.Default.Add(MetadataReference.CreateFromImage(image.ToArray())),
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Half_written_configure_methods_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = HttpUsings + OpenAiHandler + """
                public static class Registration
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("a", Missing);
                        services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddResilienceHandler("b", Half);
                        services.AddHttpClient<IChatGateway, OpenAiCompatibleRequestHandler>().AddStandardResilienceHandler(Partial);
                    }

                    private static void Half(ResiliencePipelineBuilder<HttpResponseMessage> builder) =>
                        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage> { ShouldHandle = args => ValueTask.FromResult(Is(args.Outcome, )) });

                    private static bool Is(Outcome<HttpResponseMessage> o) => o switch { { Result.StatusCode: } => , _ => false };

                    private static void Partial(HttpStandardResilienceOptions o) => o.Retry.ShouldHandle = args => args.Outcome switch { { Exception: HttpRequestException } =>
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
