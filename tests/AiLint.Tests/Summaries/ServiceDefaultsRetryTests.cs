using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Summaries;

/// <summary>
/// Review 26, "Misses not promised" #3: the Aspire ServiceDefaults project's <c>AddServiceDefaults()</c> gives every
/// factory HttpClient a standard resilience handler (<c>ConfigureHttpClientDefaults(http =&gt;
/// http.AddStandardResilienceHandler())</c>), and the API project that calls it registers a Semantic Kernel connector
/// that takes its HttpClient from the container. The library records the method (<c>AiLint.HttpDefaultsRetry</c>); the
/// app's call is judged as the same <c>ConfigureHttpClientDefaults</c> call in one project is
/// (<see cref="AiLint.Tests.Retry.SemanticKernelHttpDefaultsTests"/>).
/// </summary>
public class ServiceDefaultsRetryTests
{
    private const string ServiceDefaults = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;

        namespace Shared
        {
            public static class ServiceDefaultsExtensions
            {
                public static IServiceCollection AddServiceDefaults(this IServiceCollection services)
                {
                    services.ConfigureHttpClientDefaults(http =>
                    {
                        http.AddStandardResilienceHandler();
                    });
                    return services;
                }

                public static IServiceCollection AddSafeDefaults(this IServiceCollection services)
                {
                    services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods()));
                    return services;
                }

                // One named client's handler, not the defaults of every client.
                public static IServiceCollection AddNamedClient(this IServiceCollection services)
                {
                    services.AddHttpClient("weather").AddStandardResilienceHandler();
                    return services;
                }

                internal static void AddInternalDefaults(IServiceCollection services) =>
                    services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
            }
        }
        """;

    /// <summary>The same defaults, with a configuration of the options system in the library that turns POST retries off.</summary>
    private const string ServiceDefaultsConfiguredElsewhere = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;

        namespace Shared
        {
            public static class ServiceDefaultsExtensions
            {
                public static IServiceCollection AddServiceDefaults(this IServiceCollection services)
                {
                    services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                    services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());
                    return services;
                }
            }
        }
        """;

    private const string AppUsings = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Microsoft.SemanticKernel;
        using Shared;

        """;

    private const string Handler = "ServiceDefaultsExtensions.AddServiceDefaults (AddStandardResilienceHandler in ConfigureHttpClientDefaults)";

    [Fact]
    public void The_summary_records_only_public_defaults_whose_standard_handler_retries_posts()
    {
        Assert.Equal(
            ["""[assembly: global::System.Reflection.AssemblyMetadata("AiLint.HttpDefaultsRetry", "M:Shared.ServiceDefaultsExtensions.AddServiceDefaults(Microsoft.Extensions.DependencyInjection.IServiceCollection)|standard")]"""],
            Summary(ServiceDefaults).Where(l => l.Contains("AiLint.HttpDefaultsRetry", StringComparison.Ordinal)));
        Assert.DoesNotContain(Summary(ServiceDefaultsConfiguredElsewhere), l => l.Contains("AiLint.HttpDefaultsRetry", StringComparison.Ordinal));
    }

    [Fact]
    public Task The_apps_AddServiceDefaults_call_is_reported_when_a_connector_takes_its_HttpClient_from_the_container() => VerifyAsync(
        ServiceDefaults,
        """
        public static class Program
        {
            public static void Configure(IServiceCollection services, string endpoint, string key)
            {
                services.{|#0:AddServiceDefaults|}();
                services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
            }
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("AddAzureOpenAIChatCompletion's HttpClient", Handler));

    /// <summary>The Aspire template's own signature: a generic extension of <c>IHostApplicationBuilder</c>, several defaults in one lambda.</summary>
    private const string AspireTemplate = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        namespace Shared
        {
            public static class Extensions
            {
                public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
                {
                    builder.Services.AddHealthChecks();
                    builder.Services.ConfigureHttpClientDefaults(http =>
                    {
                        // Turn on resilience by default
                        http.AddStandardResilienceHandler();

                        // (The template's AddServiceDiscovery: a package the tests do not reference.)
                        http.ConfigureHttpClient(c => c.Timeout = System.TimeSpan.FromMinutes(2));
                    });
                    return builder;
                }
            }
        }
        """;

    [Fact]
    public Task The_aspire_template_called_on_the_host_builder_is_reported_at_the_call() => VerifyAsync(
        AspireTemplate,
        """
        public static class Program
        {
            public static void Configure(Microsoft.Extensions.Hosting.IHostApplicationBuilder builder, string endpoint, string key)
            {
                builder.{|#0:AddServiceDefaults|}();
                builder.Services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
            }
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("AddAzureOpenAIChatCompletion's HttpClient",
            "Extensions.AddServiceDefaults (AddStandardResilienceHandler in ConfigureHttpClientDefaults)"));

    [Fact]
    public Task The_same_registration_with_the_defaults_in_the_app_is_reported_at_the_handler() => VerifyAsync(
        ServiceDefaults,
        """
        public static class Program
        {
            public static void Configure(IServiceCollection services, string endpoint, string key)
            {
                services.ConfigureHttpClientDefaults(http => http.{|#0:AddStandardResilienceHandler|}());
                services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
            }
        }
        """,
        withSummary: true,
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("AddAzureOpenAIChatCompletion's HttpClient", "AddStandardResilienceHandler"));

    [Fact]
    public Task Not_reported_without_a_model_client_or_with_safe_defaults_or_without_the_summary() => Task.WhenAll(
        VerifyAsync(
            ServiceDefaults,
            """
            public static class Program
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddServiceDefaults();
                    services.AddHttpClient("weather");
                }
            }
            """,
            withSummary: true),
        VerifyAsync(
            ServiceDefaults,
            """
            public static class Program
            {
                public static void Configure(IServiceCollection services, string endpoint, string key)
                {
                    services.AddSafeDefaults();
                    services.AddNamedClient();
                    services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
                }
            }
            """,
            withSummary: true),
        VerifyAsync(
            ServiceDefaults,
            """
            public static class Program
            {
                public static void Configure(IServiceCollection services, string endpoint, string key)
                {
                    services.AddServiceDefaults();
                    services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
                }
            }
            """,
            withSummary: false));

    [Fact]
    public Task Not_reported_when_the_app_configures_the_options_or_removes_the_handlers() => Task.WhenAll(
        VerifyAsync(
            ServiceDefaults,
            """
            public static class Program
            {
                public static void Configure(IServiceCollection services, string endpoint, string key)
                {
                    services.AddServiceDefaults();
                    services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());
                    services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
                }
            }
            """,
            withSummary: true),
        VerifyAsync(
            ServiceDefaults,
            """
            public static class Program
            {
                public static void Configure(IServiceCollection services, string endpoint, string key)
                {
                    services.AddServiceDefaults();
            #pragma warning disable EXTEXP0001 // experimental API
                    services.AddHttpClient("llm").RemoveAllResilienceHandlers();
            #pragma warning restore EXTEXP0001
                    services.AddKernel().AddAzureOpenAIChatCompletion("chat", endpoint, key);
                }
            }
            """,
            withSummary: true));

    private static string[] Summary(string librarySource)
    {
        ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(ProjectSummaryTests.CreateLibrary(librarySource), out var updated, out _);
        var generated = updated.SyntaxTrees.Last().ToString();
        return generated.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToArray();
    }

    private static async Task VerifyAsync(string librarySource, string source, bool withSummary, params DiagnosticResult[] expected)
    {
        var library = ProjectSummaryTests.CreateLibrary(librarySource);
        if (withSummary)
        {
            ProjectSummaryTests.CreateDriver(optOut: false).RunGeneratorsAndUpdateCompilation(library, out var updated, out _);
            library = (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)updated;
        }

        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = AppUsings + source,
            MarkupDiagnosticId = "AIL0001",
            References = ReferenceAssemblies.Default.Add(ProjectSummaryTests.Emit(library)),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
