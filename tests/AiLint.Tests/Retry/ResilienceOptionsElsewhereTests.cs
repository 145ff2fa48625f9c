using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// AIL0001 at a bare <c>AddStandardResilienceHandler()</c> whose <c>HttpStandardResilienceOptions</c> the project
/// configures through the options system. The handler reads <c>IOptionsMonitor&lt;HttpStandardResilienceOptions&gt;
/// .Get("{client}-standard")</c> (dotnet/extensions, ResilienceHttpClientBuilderExtensions.StandardResilience.cs):
/// <c>ConfigureAll</c>, <c>PostConfigureAll</c> and that name reach it (silent unless provably harmless); the unnamed
/// <c>Configure&lt;T&gt;</c> / <c>AddOptions&lt;T&gt;()</c> configure <c>Options.DefaultName</c> and do not (still reported).
/// </summary>
public class ResilienceOptionsElsewhereTests
{
    private const string Id = "AIL0001";

    private const string HttpUsings = Usings + """
        using System.Net.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Microsoft.Extensions.Options;

        """;

    // A named client handed to the Anthropic SDK, with the standard handler and no delegate; {CONFIG} is the rest.
    private const string NamedClient = """
        public static class Registration
        {
            public static void Add(IServiceCollection services, IConfiguration config)
            {
                services.AddHttpClient("claude").{|#0:AddStandardResilienceHandler|}();
                {CONFIG}
            }

            public static Anthropic.AnthropicClient Create(IHttpClientFactory factory) =>
                new(new Anthropic.Core.ClientOptions { HttpClient = factory.CreateClient("claude") });
        }
        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, HttpUsings + source, expected);

    private static Task NamedClientAsync(string configuration, bool reported) => VerifyAsync(
        NamedClient.Replace("{CONFIG}", configuration),
        reported ? new[] { Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"claude\"", "AddStandardResilienceHandler") } : Array.Empty<DiagnosticResult>());

    // ---- Configurations that reach the handler's options: not reported -------------------------------------------

    [Fact]
    public Task ConfigureAll_disabling_unsafe_methods() =>
        NamedClientAsync("services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());", reported: false);

    [Fact]
    public Task PostConfigureAll_with_a_method_group() => VerifyAsync(
        NamedClient.Replace("{CONFIG}", "services.PostConfigureAll<HttpStandardResilienceOptions>(ResilienceTuning.Tune);") + """

        public static class ResilienceTuning
        {
            public static void Tune(HttpStandardResilienceOptions o) => o.Retry.DisableFor(HttpMethod.Post);
        }
        """);

    [Fact]
    public Task Configure_of_the_handlers_own_named_options() =>
        NamedClientAsync("""services.Configure<HttpStandardResilienceOptions>("claude-standard", o => o.Retry.DisableForUnsafeHttpMethods());""", reported: false);

    [Fact]
    public Task AddOptions_of_the_handlers_name_bound_to_configuration() =>
        NamedClientAsync("""services.AddOptions<HttpStandardResilienceOptions>("claude-standard").Bind(config.GetSection("Resilience"));""", reported: false);

    [Fact]
    public Task AddOptions_of_the_handlers_name_configured_through_a_local() =>
        NamedClientAsync("""
            var options = services.AddOptions<HttpStandardResilienceOptions>("claude-standard").ValidateOnStart();
                    options.Configure(o => o.Retry.DisableForUnsafeHttpMethods());
            """, reported: false);

    [Fact]
    public Task Configure_of_a_named_options_bound_to_configuration() =>
        NamedClientAsync("""services.Configure<HttpStandardResilienceOptions>("claude-standard", config.GetSection("Resilience"));""", reported: false);

    [Fact]
    public Task Configure_of_a_name_AiLint_cannot_resolve() =>
        NamedClientAsync("""services.Configure<HttpStandardResilienceOptions>(config["Client"] + "-standard", o => o.Retry.DisableForUnsafeHttpMethods());""", reported: false);

    [Fact]
    public Task ConfigureAll_that_replaces_the_retry_options() =>
        NamedClientAsync("services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry = new HttpRetryStrategyOptions { MaxRetryAttempts = 1 });", reported: false);

    [Fact]
    public Task ConfigureAll_handing_the_options_to_configuration_binding() =>
        NamedClientAsync("""services.ConfigureAll<HttpStandardResilienceOptions>(o => config.GetSection("Resilience").Bind(o));""", reported: false);

    [Fact]
    public Task Setup_class_for_named_options() => VerifyAsync(
        NamedClient.Replace("{CONFIG}", "services.ConfigureOptions<ResilienceSetup>();") + """

        public sealed class ResilienceSetup : IConfigureNamedOptions<HttpStandardResilienceOptions>
        {
            public void Configure(string? name, HttpStandardResilienceOptions options) => options.Retry.DisableForUnsafeHttpMethods();

            public void Configure(HttpStandardResilienceOptions options) => Configure(string.Empty, options);
        }
        """);

    [Fact]
    public Task Typed_client_with_its_options_configured_by_name() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<LocalModel>().AddStandardResilienceHandler();
                services.Configure<HttpStandardResilienceOptions>("LocalModel-standard", o => o.Retry.DisableForUnsafeHttpMethods());
            }
        }
        """);

    [Fact]
    public Task Default_handler_with_ConfigureAll_in_a_web_app() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
                builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o => builder.Configuration.GetSection("Resilience").Bind(o));
                builder.Services.AddHttpClient<LocalModel>();
            }
        }
        """);

    // The defaults builder has no client name AiLint can read, so any "<name>-standard" may be the handler's options.
    [Fact]
    public Task Default_handler_with_some_clients_named_options_configured() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                services.Configure<HttpStandardResilienceOptions>("LocalModel-standard", o => o.Retry.DisableForUnsafeHttpMethods());
                services.AddHttpClient<LocalModel>();
            }
        }
        """);

    // ---- Reported twins ------------------------------------------------------------------------------------------

    [Fact]
    public Task Bare_handler_with_no_options_configured_anywhere() => NamedClientAsync(string.Empty, reported: true);

    [Fact]
    public Task Configure_of_another_clients_named_options() =>
        NamedClientAsync("""services.Configure<HttpStandardResilienceOptions>("other-standard", o => o.Retry.DisableForUnsafeHttpMethods());""", reported: true);

    [Fact]
    public Task AddOptions_of_another_clients_name_bound_to_configuration() =>
        NamedClientAsync("""services.AddOptions<HttpStandardResilienceOptions>("other-standard").Bind(config.GetSection("Resilience"));""", reported: true);

    // The package's handler reads its named options, never Options.DefaultName (dotnet/extensions#4727).
    [Fact]
    public Task Unnamed_Configure_does_not_reach_the_handlers_named_options() =>
        NamedClientAsync("services.Configure<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());", reported: true);

    [Fact]
    public Task Unnamed_PostConfigure_does_not_reach_the_handlers_named_options() =>
        NamedClientAsync("services.PostConfigure<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());", reported: true);

    [Fact]
    public Task Unnamed_AddOptions_does_not_reach_the_handlers_named_options() =>
        NamedClientAsync("""services.AddOptions<HttpStandardResilienceOptions>().Configure(o => o.Retry.DisableForUnsafeHttpMethods()).Bind(config.GetSection("Resilience"));""", reported: true);

    [Fact]
    public Task Unnamed_Configure_from_configuration_does_not_reach_the_handlers_named_options() =>
        NamedClientAsync("""services.Configure<HttpStandardResilienceOptions>(config.GetSection("Resilience"));""", reported: true);

    [Fact]
    public Task ConfigureAll_that_only_sets_timeouts_keeps_post_retries() =>
        NamedClientAsync("services.ConfigureAll<HttpStandardResilienceOptions>(o => { o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30); o.Retry.MaxRetryAttempts = 5; });", reported: true);

    [Fact]
    public Task Setup_class_for_the_default_name_only() => VerifyAsync(
        NamedClient.Replace("{CONFIG}", "services.ConfigureOptions<ResilienceSetup>();") + """

        public sealed class ResilienceSetup : IConfigureOptions<HttpStandardResilienceOptions>
        {
            public void Configure(HttpStandardResilienceOptions options) => options.Retry.DisableForUnsafeHttpMethods();
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"claude\"", "AddStandardResilienceHandler"));

    [Fact]
    public Task Typed_client_with_another_clients_options_configured() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient<LocalModel>().{|#0:AddStandardResilienceHandler|}();
                services.Configure<HttpStandardResilienceOptions>("Search-standard", o => o.Retry.DisableForUnsafeHttpMethods());
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("LocalModel", "AddStandardResilienceHandler"));

    [Fact]
    public Task Default_handler_with_only_the_unnamed_options_bound_in_a_web_app() => VerifyAsync(
        """
        public sealed class LocalModel(HttpClient http)
        {
            public IChatClient Chat { get; } = new OllamaSharp.OllamaApiClient(http, "llama3.1");
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
                builder.Services.ConfigureHttpClientDefaults(http => http.{|#0:AddStandardResilienceHandler|}());
                builder.Services.Configure<HttpStandardResilienceOptions>(builder.Configuration.GetSection("Resilience"));
                builder.Services.AddHttpClient<LocalModel>();
            }
        }
        """,
        Diagnostic(Id).WithLocation(0).WithArguments("LocalModel", "AddStandardResilienceHandler"));

    // ---- Broken code ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Half_typed_options_configuration_does_not_crash()
    {
        // None of the broken calls binds to an options method of a resolvable options type, so none reaches the
        // handler's options and the handler is still reported; an analyzer exception would fail the test (AD0001).
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = HttpUsings + NamedClient.Replace("{CONFIG}", """
                services.Configure<HttpStandardResilienceOptions>();
                        services.ConfigureAll<>(o => o.Retry.);
                        services.ConfigureOptions<Missing>();
                        services.Configure<HttpStandardResilienceOptions>(
                """),
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = Id,
        };
        test.ExpectedDiagnostics.Add(Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"claude\"", "AddStandardResilienceHandler"));
        await test.RunAsync();
    }

    // ---- Code fix ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_not_offered_where_ConfigureAll_reaches_the_handler() => new CodeFixTest<RetryAnalyzer, DisableUnsafeHttpRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = HttpUsings + NamedClient.Replace("{|#0:AddStandardResilienceHandler|}", "AddStandardResilienceHandler")
            .Replace("{CONFIG}", "services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());"),
        FixedCode = HttpUsings + NamedClient.Replace("{|#0:AddStandardResilienceHandler|}", "AddStandardResilienceHandler")
            .Replace("{CONFIG}", "services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());"),
    }.RunAsync();

    [Fact]
    public Task Fix_still_offered_where_only_the_unnamed_options_are_configured() => new CodeFixTest<RetryAnalyzer, DisableUnsafeHttpRetriesCodeFixProvider>
    {
        MarkupDiagnosticId = Id,
        TestCode = HttpUsings + NamedClient.Replace("{|#0:AddStandardResilienceHandler|}", "[|AddStandardResilienceHandler|]")
            .Replace("{CONFIG}", "services.Configure<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());"),
        FixedCode = HttpUsings + NamedClient.Replace("{|#0:AddStandardResilienceHandler|}()", "AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods())")
            .Replace("{CONFIG}", "services.Configure<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());"),
    }.RunAsync();

    // ---- The handler's own delegate hands the options on: unknown, not reported --------------------------------------

    private static Task InlineDelegateAsync(string configure, bool reported) => VerifyAsync(
        NamedClient.Replace("AddStandardResilienceHandler|}()", "AddStandardResilienceHandler|}(" + configure + ")").Replace("{CONFIG}", "") + """

        public static class ResilienceTuning
        {
            public static void Tune(Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions retry) { }
        }
        """,
        reported ? new[] { Diagnostic(Id).WithLocation(0).WithArguments("HttpClient \"claude\"", "AddStandardResilienceHandler") } : Array.Empty<DiagnosticResult>());

    [Fact]
    public Task Inline_delegate_binding_the_options_from_configuration() =>
        InlineDelegateAsync("""o => config.GetSection("Resilience").Bind(o)""", reported: false);

    // The reported twins: the delegate only sets properties, none of which stops POST retries.
    // A project helper given the retry options is read one level deep (ResilienceOptionsHelperTests); this one sets nothing.
    [Fact]
    public Task Inline_delegate_handing_the_retry_options_to_a_project_helper_that_sets_nothing() =>
        InlineDelegateAsync("o => ResilienceTuning.Tune(o.Retry)", reported: true);

    [Fact]
    public Task Inline_delegate_setting_timeouts_and_attempts_is_still_reported() =>
        InlineDelegateAsync("o => { o.Retry.MaxRetryAttempts = 5; o.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2); }", reported: true);
}
