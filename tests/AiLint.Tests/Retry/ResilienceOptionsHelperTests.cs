using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 at a standard resilience handler whose options a lambda hands to a project helper, one level deep
/// (Zonit/Zonit.Extensions.Ai, review31 M2: <c>.AddStandardResilienceHandler().Configure((options, sp) =&gt; {
/// ConfigureResilience(options, ai.Resilience); })</c> on a typed client POSTing x.ai chat completions). The helper's
/// property writes are judged as if written in the lambda; a helper that stops POST retries, hands the options on again,
/// binds them, can be overridden or cannot be read keeps the handler unknown (not reported).
/// </summary>
public class ResilienceOptionsHelperTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net;
        using System.Net.Http;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Microsoft.Extensions.Options;

        """;

    // Zonit's XRepository (a const URL, the body built elsewhere), its settings, and a client that calls no LLM.
    private const string Clients = """
        public sealed class XRepository(HttpClient httpClient)
        {
            private const string BaseUrl = "https://api.x.ai/v1/chat/completions";

            public async Task<string> AskAsync(string body, CancellationToken cancellationToken)
            {
                var requestContent = new StringContent(body, Encoding.UTF8, "application/json");
                var response = await httpClient.PostAsync(BaseUrl, requestContent, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        }

        public sealed class WeatherClient(HttpClient httpClient)
        {
            public Task<string> TodayAsync(CancellationToken ct) => httpClient.GetStringAsync("https://api.weather.example/today", ct);
        }

        public sealed class RetrySettings
        {
            public int MaxRetryAttempts { get; set; } = 3;
            public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);
        }

        public sealed class ResilienceSettings
        {
            public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(60);
            public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(20);
            public RetrySettings Retry { get; set; } = new();
        }

        public sealed class AiOptions
        {
            public ResilienceSettings Resilience { get; set; } = new();
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + Clients + source, expected);

    /// <summary>Zonit's registration of <paramref name="client"/>, with <paramref name="helper"/> as the rest of the class.</summary>
    private static string Zonit(string helper, string client = "XRepository") => $$"""
        public static class ServiceCollectionExtensions
        {
            public static IServiceCollection AddAi(this IServiceCollection services)
            {
                services
                    .AddHttpClient<{{client}}>(c => c.Timeout = TimeSpan.FromMinutes(30))
                    .{|#0:AddStandardResilienceHandler|}()
                    .Configure((options, serviceProvider) =>
                    {
                        var aiOptions = serviceProvider.GetRequiredService<IOptions<AiOptions>>().Value;
                        ConfigureResilience(options, aiOptions.Resilience);
                    });
                return services;
            }

        {{helper}}
        }
        """;

    // Zonit's helper: one statement per property, nothing that stops POST retries.
    private const string ZonitHelper = """
            private static void ConfigureResilience(HttpStandardResilienceOptions options, ResilienceSettings resilienceConfig)
            {
                options.TotalRequestTimeout.Timeout = resilienceConfig.TotalRequestTimeout;
                options.AttemptTimeout.Timeout = resilienceConfig.AttemptTimeout;
                options.Retry.MaxRetryAttempts = resilienceConfig.Retry.MaxRetryAttempts;
                options.Retry.Delay = resilienceConfig.Retry.BaseDelay;
                options.Retry.UseJitter = true;
                options.CircuitBreaker.FailureRatio = 0.5;
            }
        """;

    private static DiagnosticResult Reported(int location = 0, string client = "XRepository") =>
        Diagnostic(Id).WithLocation(location).WithArguments(client, "AddStandardResilienceHandler");

    /// <summary>Zonit's registration with a helper whose body is <paramref name="body"/>: not reported.</summary>
    private static Task QuietHelperAsync(string body) => VerifyAsync(Zonit($$"""
            private static void ConfigureResilience(HttpStandardResilienceOptions options, ResilienceSettings resilienceConfig)
            {
                options.Retry.MaxRetryAttempts = resilienceConfig.Retry.MaxRetryAttempts;
                {{body}}
            }
        """));

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Zonit_configure_lambda_handing_the_options_to_a_property_setting_helper() =>
        VerifyAsync(Zonit(ZonitHelper), Reported());

    [Fact]
    public Task Helper_given_the_options_by_the_handlers_own_delegate() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<XRepository>().{|#0:AddStandardResilienceHandler|}(o => Tuning.Apply(o, 3));
                services.AddHttpClient<XRepository>().{|#1:AddStandardResilienceHandler|}(o => new Tuning().Retry(o.Retry));
            }
        }
        """ + """
        // Another file's helpers in real code; a static one given the options and an instance one given their Retry.
        public sealed class Tuning
        {
            public static void Apply(HttpStandardResilienceOptions options, int attempts)
            {
                options.Retry.MaxRetryAttempts = attempts;
                options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(5);
            }

            public void Retry(HttpRetryStrategyOptions retry)
            {
                retry.MaxRetryAttempts = 4;
                retry.BackoffType = DelayBackoffType.Exponential;
            }
        }
        """,
        Reported(0),
        Reported(1));

    [Fact]
    public Task Extension_method_helper_given_the_options() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services, ResilienceSettings settings) =>
                services.AddHttpClient<XRepository>().{|#0:AddStandardResilienceHandler|}(o => o.ApplySettings(settings));
        }

        public static class ResilienceOptionsExtensions
        {
            public static void ApplySettings(this HttpStandardResilienceOptions options, ResilienceSettings settings)
            {
                options.Retry.MaxRetryAttempts = settings.Retry.MaxRetryAttempts;
                options.TotalRequestTimeout.Timeout = settings.TotalRequestTimeout;
            }
        }
        """,
        Reported());

    [Fact]
    public Task Inline_writes_beside_a_helper_call_and_a_local_function_helper() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<XRepository>().{|#0:AddStandardResilienceHandler|}(o =>
                {
                    o.Retry.MaxRetryAttempts = 5;
                    Timeouts(o);
                });
                services.AddHttpClient<XRepository>().{|#1:AddStandardResilienceHandler|}(o => Local(o));

                static void Local(HttpStandardResilienceOptions options) => options.Retry.UseJitter = true;
            }

            private static void Timeouts(HttpStandardResilienceOptions options) => options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
        }
        """,
        Reported(0),
        Reported(1));

    [Fact]
    public Task Zonit_method_group_handing_the_options_to_the_helper() => VerifyAsync(
        """
        public static class ServiceCollectionExtensions
        {
            public static void AddAi(IServiceCollection services) =>
                services.AddHttpClient<XRepository>().{|#0:AddStandardResilienceHandler|}().Configure(ConfigureResilienceFromOptions);

            private static void ConfigureResilienceFromOptions(HttpStandardResilienceOptions options, IServiceProvider serviceProvider)
            {
                var aiOptions = serviceProvider.GetRequiredService<IOptions<AiOptions>>().Value;
                ConfigureResilience(options, aiOptions.Resilience);
            }

        """ + ZonitHelper + """
        }
        """,
        Reported());

    [Fact]
    public Task Helper_in_another_file_of_the_project()
    {
        var test = new AnalyzerTest<RetryAnalyzer> { MarkupDiagnosticId = Id };
        test.Sources.Add(HttpUsings + Clients + """
            public static class Registration
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<XRepository>().{|#0:AddStandardResilienceHandler|}(o => ResilienceDefaults.Apply(o));
            }
            """);
        test.Sources.Add(HttpUsings + """
            public static class ResilienceDefaults
            {
                public static void Apply(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 5;
            }
            """);
        test.ExpectedDiagnostics.Add(Reported());
        return test.RunAsync();
    }

    [Fact]
    public Task Options_system_configuration_of_the_handlers_name_through_a_helper() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("claude").{|#0:AddStandardResilienceHandler|}();
                services.Configure<HttpStandardResilienceOptions>("claude-standard", o => Tune(o));
            }

            public static Anthropic.AnthropicClient Create(IHttpClientFactory factory) =>
                new(new Anthropic.Core.ClientOptions { HttpClient = factory.CreateClient("claude") });

            private static void Tune(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 4;
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"claude\"", "AddStandardResilienceHandler"));

    // ---- Correct code beside it: not reported ------------------------------------------------------------------

    [Fact]
    public Task Same_helper_on_a_typed_client_that_calls_no_LLM() =>
        VerifyAsync(Zonit(ZonitHelper, client: "WeatherClient"));

    [Fact]
    public Task Helper_disabling_unsafe_methods() =>
        QuietHelperAsync("options.Retry.DisableForUnsafeHttpMethods();");

    [Fact]
    public Task Helper_disabling_POST() =>
        QuietHelperAsync("options.Retry.DisableFor(HttpMethod.Post);");

    [Fact]
    public Task Helper_retrying_only_429() => QuietHelperAsync("""
        options.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);
        """);

    [Fact]
    public Task Helper_turning_retries_off() =>
        QuietHelperAsync("options.Retry.MaxRetryAttempts = 0;");

    [Fact]
    public Task Helper_replacing_the_retry_options() =>
        QuietHelperAsync("options.Retry = new HttpRetryStrategyOptions { MaxRetryAttempts = 2 };");

    [Fact]
    public Task Second_helper_of_the_lambda_disabling_unsafe_methods() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddHttpClient<XRepository>().AddStandardResilienceHandler().Configure((o, sp) =>
                {
                    Attempts(o);
                    Safety(o.Retry);
                });

            private static void Attempts(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 5;

            private static void Safety(HttpRetryStrategyOptions retry) => retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);
        }
        """);

    [Fact]
    public Task Helper_handing_the_options_to_another_helper() => VerifyAsync(Zonit("""
            private static void ConfigureResilience(HttpStandardResilienceOptions options, ResilienceSettings resilienceConfig)
            {
                options.Retry.MaxRetryAttempts = resilienceConfig.Retry.MaxRetryAttempts;
                ConfigureRetry(options.Retry);
            }

            private static void ConfigureRetry(HttpRetryStrategyOptions retry) => retry.MaxRetryAttempts = 3;
        """));

    [Fact]
    public Task Helper_binding_configuration() => VerifyAsync(Zonit("""
            private static IConfigurationSection section = null!;

            private static void ConfigureResilience(HttpStandardResilienceOptions options, ResilienceSettings resilienceConfig)
            {
                options.Retry.MaxRetryAttempts = resilienceConfig.Retry.MaxRetryAttempts;
                section.Bind(options);
            }
        """));

    [Fact]
    public Task Helper_keeping_the_retry_options_in_a_local() =>
        QuietHelperAsync("var retry = options.Retry; retry.MaxRetryAttempts = 5;");

    [Fact]
    public Task Helper_setting_a_predicate_it_cannot_read() => VerifyAsync(Zonit("""
            private static IRetryPredicates predicates = null!;

            private static void ConfigureResilience(HttpStandardResilienceOptions options, ResilienceSettings resilienceConfig)
            {
                options.Retry.MaxRetryAttempts = resilienceConfig.Retry.MaxRetryAttempts;
                options.Retry.ShouldHandle = predicates.Build();
            }
        """) + """

        public interface IRetryPredicates { Func<Polly.Retry.RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> Build(); }
        """);

    [Fact]
    public Task Virtual_and_interface_helpers() => VerifyAsync(
        """
        public interface IResilienceTuning { void Apply(HttpStandardResilienceOptions options); }

        public class Tuning
        {
            public virtual void Apply(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 3;
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services, IResilienceTuning tuning, Tuning virtualTuning)
            {
                services.AddHttpClient<XRepository>().AddStandardResilienceHandler(o => tuning.Apply(o));
                services.AddHttpClient<XRepository>().AddStandardResilienceHandler(o => virtualTuning.Apply(o));
            }
        }
        """);

    [Fact]
    public Task EatWell_shape_helper_disabling_unsafe_methods() => VerifyAsync(
        """
        public static class DependencyInjection
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<XRepository>(c => c.BaseAddress = new Uri("https://api.x.ai/"))
                    .AddStandardResilienceHandler(options => ConfigureResilience(options, 1, TimeSpan.FromSeconds(120)));
            }

            private static void ConfigureResilience(HttpStandardResilienceOptions options, int maxRetryAttempts, TimeSpan? attemptTimeout = null)
            {
                options.Retry.MaxRetryAttempts = maxRetryAttempts;
                options.Retry.UseJitter = true;
                options.Retry.DisableForUnsafeHttpMethods();
                options.AttemptTimeout.Timeout = attemptTimeout ?? TimeSpan.FromSeconds(30);
            }
        }
        """);

    [Fact]
    public async Task Helper_in_another_assembly()
    {
        var library = CSharpCompilation.Create(
            "Resilience.Library",
            new[]
            {
                CSharpSyntaxTree.ParseText("""
                    using Microsoft.Extensions.Http.Resilience;

                    namespace Resilience.Library
                    {
                        public static class Tuning
                        {
                            public static void Apply(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 4;
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
            TestCode = HttpUsings + Clients + """
                public static class Registration
                {
                    public static void Add(IServiceCollection services) =>
                        services.AddHttpClient<XRepository>().AddStandardResilienceHandler(o => Resilience.Library.Tuning.Apply(o));
                }
                """,
            References = ReferenceAssemblies.Default.Add(MetadataReference.CreateFromImage(image.ToArray())),
            MarkupDiagnosticId = Id,
        };
        await test.RunAsync();
    }

    [Fact]
    public Task Options_system_configuration_through_a_helper_that_disables_unsafe_methods() => VerifyAsync(
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("claude").AddStandardResilienceHandler();
                services.ConfigureAll<HttpStandardResilienceOptions>(o => Tune(o));
            }

            public static Anthropic.AnthropicClient Create(IHttpClientFactory factory) =>
                new(new Anthropic.Core.ClientOptions { HttpClient = factory.CreateClient("claude") });

            private static void Tune(HttpStandardResilienceOptions options) => options.Retry.DisableForUnsafeHttpMethods();
        }
        """);

    // ---- Code fix ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_appends_the_switch_after_the_helper_call() => new CodeFixTest<RetryAnalyzer, DisableUnsafeHttpRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = HttpUsings + Clients + """
            public static class Registration
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<XRepository>().[|AddStandardResilienceHandler|](o => Apply(o));

                private static void Apply(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 5;
            }
            """,
        FixedCode = HttpUsings + Clients + """
            public static class Registration
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<XRepository>().AddStandardResilienceHandler(o => { Apply(o); o.Retry.DisableForUnsafeHttpMethods(); });

                private static void Apply(HttpStandardResilienceOptions options) => options.Retry.MaxRetryAttempts = 5;
            }
            """,
    }.RunAsync();

    // ---- Broken code ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Half_typed_helpers_do_not_crash()
    {
        // Every helper is unreadable (a missing member, a call that does not bind, a body cut off): nothing is
        // reported, and an analyzer exception would fail the test (AD0001).
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = HttpUsings + Clients + """
                public static class Registration
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddHttpClient<XRepository>().AddStandardResilienceHandler(o => Missing(o));
                        services.AddHttpClient<XRepository>().AddStandardResilienceHandler(o => Half(o, ));
                        services.AddHttpClient<XRepository>().AddStandardResilienceHandler(o => Broken(o));
                        services.AddHttpClient<XRepository>().AddStandardResilienceHandler().Configure((o, sp) => Cut(o.Retry));
                    }

                    private static void Half(HttpStandardResilienceOptions options, int attempts) => options.Retry.MaxRetryAttempts = attempts;

                    private static void Broken(HttpStandardResilienceOptions options)
                    {
                        options.Retry.MaxRetryAttempts = 3;
                        options.Retry.Unknown(;
                    }

                    private static void Cut(HttpRetryStrategyOptions retry) => retry.ShouldHandle = args => args.Outcome switch { { Exception: HttpRequestException } =>
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
