using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on a raw-HTTP body posted to a relative URL (<c>PostAsJsonAsync("chat/completions", body)</c>) whose
/// client's <c>BaseAddress</c> is set outside the posting type (RawHttpBaseAddresses, BaseAddressValues): by a typed or
/// named client registration (<c>AddHttpClient&lt;T&gt;(c =&gt; c.BaseAddress = ...)</c>), by the code that creates the
/// client and passes it in, from a settings property's default or an <c>appsettings*.json</c> value, or from a
/// configuration read with a default. OpenAI's ids count only when every base address the client can have is
/// api.openai.com. Shapes from review57's census (barreto-exe/CronometerLogMealApi: options default
/// <c>BaseUrl = "https://api.openai.com/v1/"</c> in a typed client's lambda; wilsongomes-swe/demo-httpclient-factory:
/// <c>Providers:OpenAI:BaseAddress</c> in appsettings.json) and public code (a Program.cs typed client with a literal
/// OpenAI base; <c>config["OpenAI:BaseUrl"] ?? "https://api.openai.com/v1/"</c>; <c>CreateClient("openai")</c> posting
/// <c>v1/chat/completions</c>). Each reported shape has a quiet twin beside it.
/// </summary>
public class RawHttpBaseAddressModelIdTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        record Message(string Role, string Content);
        record CompletionsRequest(string Model, Message[] Messages);

        """;

    private static Task VerifyAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, Array.Empty<(string, string)>(), expected);

    // (a) A typed client registered in a DI extension with OpenAI's base address; the gateway posts a relative path.
    [Fact]
    public Task Typed_client_registered_with_OpenAIs_base_address_is_reported() =>
        VerifyAsync("""
            static class OpenAiRegistration
            {
                public static IServiceCollection AddOpenAi(this IServiceCollection services)
                {
                    services.AddHttpClient<OpenAiGateway>(c =>
                    {
                        c.BaseAddress = new Uri("https://api.openai.com/v1/");
                        c.Timeout = TimeSpan.FromSeconds(30);
                    });
                    return services;
                }
            }
            class OpenAiGateway(HttpClient httpClient)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    httpClient.PostAsJsonAsync("chat/completions", new CompletionsRequest({|#0:"gpt-4o"|}, [new Message("user", prompt)]));
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    [Fact]
    public Task Typed_client_registered_for_Ollama_Azure_or_Groq_is_quiet() =>
        VerifyAsync("""
            static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<OllamaGateway>(c => c.BaseAddress = new Uri("http://localhost:11434/v1/"));
                    services.AddHttpClient<AzureGateway>(c => c.BaseAddress = new Uri("https://contoso.openai.azure.com/openai/v1/"));
                    services.AddHttpClient<GroqGateway>(c => c.BaseAddress = new Uri("https://api.groq.com/openai/v1/"));
                }
            }
            class OllamaGateway(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            class AzureGateway(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            class GroqGateway(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            """);

    // Two registrations of one typed client, or one registration plus a `new` that passes another client: either
    // base address may be the one in use; a handler of the project's own may rewrite the URL. The typed client
    // registered once with OpenAI's base address is still reported.
    [Fact]
    public Task Typed_client_with_a_second_registration_creation_or_handler_for_another_host_is_quiet() =>
        VerifyAsync("""
            static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<TwoRegistrations>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                    services.AddHttpClient<TwoRegistrations>().ConfigureHttpClient(c => c.BaseAddress = new Uri("https://openrouter.ai/api/v1/"));
                    services.AddHttpClient<AlsoCreated>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                    services.AddHttpClient<Rewritten>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/")).AddHttpMessageHandler<LocalRewrite>();
                    services.AddHttpClient<Single>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                }

                public static AlsoCreated Local() => new AlsoCreated(new HttpClient { BaseAddress = new Uri("http://localhost:1234/v1/") });
            }
            class LocalRewrite : DelegatingHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    request.RequestUri = new Uri("http://localhost:1234" + request.RequestUri!.PathAndQuery);
                    return base.SendAsync(request, cancellationToken);
                }
            }
            class TwoRegistrations(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            class AlsoCreated(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            class Rewritten(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            class Single(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest({|#0:"gpt-4o"|}, [new Message("user", prompt)]));
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // (a) A named client; the poster reads it from the factory and sends a POST request message.
    [Fact]
    public Task Named_client_configured_with_OpenAIs_base_address_is_reported() =>
        VerifyAsync("""
            static class Setup
            {
                public const string OpenAi = "openai";

                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient(OpenAi, (sp, c) =>
                    {
                        c.BaseAddress = new Uri("https://api.openai.com/");
                    });
            }
            sealed class SimpleOpenAiClient(IHttpClientFactory factory)
            {
                public Task<HttpResponseMessage> Complete(string prompt)
                {
                    var http = factory.CreateClient(Setup.OpenAi);
                    var message = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                    {
                        Content = JsonContent.Create(new { model = {|#0:"gpt-4o-mini"|}, messages = new[] { new { role = "user", content = prompt } } }),
                    };
                    return http.SendAsync(message);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    [Fact]
    public Task Named_client_whose_name_does_not_match_or_is_not_constant_is_quiet_beside_the_matching_one() =>
        VerifyAsync("""
            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient("openai", c => c.BaseAddress = new Uri("https://api.openai.com/"));
                    services.AddHttpClient("local", c => c.BaseAddress = new Uri("http://localhost:8080/"));
                }
            }
            sealed class Poster(IHttpClientFactory factory)
            {
                public Task<HttpResponseMessage> Local(string prompt) =>
                    factory.CreateClient("local").PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });

                public Task<HttpResponseMessage> Unregistered(string prompt) =>
                    factory.CreateClient("openrouter").PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });

                public Task<HttpResponseMessage> Default(string prompt) =>
                    factory.CreateClient().PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });

                public Task<HttpResponseMessage> Chosen(string name, string prompt) =>
                    factory.CreateClient(name).PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });

                public Task<HttpResponseMessage> OpenAi(string prompt) =>
                    factory.CreateClient("openai").PostAsJsonAsync("v1/chat/completions", new { model = {|#0:"gpt-4o"|}, messages = new[] { prompt } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // review57's repro: the client is created in view with OpenAI's base address and handed to the gateway.
    [Fact]
    public Task Client_created_with_OpenAIs_base_address_and_passed_in_is_reported() =>
        VerifyAsync("""
            public sealed class OpenAiGateway(HttpClient httpClient)
            {
                public Task<HttpResponseMessage> ExecutePrompt(string prompt) =>
                    httpClient.PostAsJsonAsync("chat/completions", new CompletionsRequest({|#0:"gpt-4o"|}, [new Message("user", prompt)]));
            }
            public static class Wiring
            {
                public static OpenAiGateway Create(string apiKey)
                {
                    var http = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
                    http.DefaultRequestHeaders.Add("Authorization", $"Bearer {apiKey}");
                    return new OpenAiGateway(http);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    [Fact]
    public Task Client_passed_in_from_a_parameter_or_with_a_base_from_a_parameter_is_quiet() =>
        VerifyAsync("""
            public sealed class OpenAiGateway(HttpClient httpClient)
            {
                public Task<HttpResponseMessage> ExecutePrompt(string prompt) =>
                    httpClient.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            public sealed class OtherGateway(HttpClient httpClient)
            {
                public Task<HttpResponseMessage> ExecutePrompt(string prompt) =>
                    httpClient.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            public static class Wiring
            {
                public static OpenAiGateway Create(HttpClient http) => new OpenAiGateway(http);

                public static OtherGateway Other(string baseUrl)
                {
                    var http = new HttpClient();
                    http.BaseAddress = new Uri(baseUrl);
                    return new OtherGateway(http);
                }
            }
            """);

    // (b) CronometerLogMealApi's shape: the options class's default base URL, trimmed and re-slashed in the typed
    // client's lambda; the model is the options' default too. The settings file configures other sections only.
    [Fact]
    public Task Base_address_from_an_options_default_is_reported() =>
        VerifyAsync("""
            public class OpenAIClientOptions
            {
                public string ApiKey { get; set; } = string.Empty;
                public string Model { get; set; } = "gpt-4o";
                public string BaseUrl { get; set; } = "https://api.openai.com/v1/";
            }
            static class Program
            {
                static void Register(IServiceCollection services, IConfiguration configuration)
                {
                    services.Configure<OpenAIClientOptions>(configuration.GetSection("OpenAI"));
                    services.AddHttpClient<OpenAIHttpClient>((sp, client) =>
                    {
                        var opts = sp.GetRequiredService<IOptions<OpenAIClientOptions>>().Value;
                        client.BaseAddress = new Uri(opts.BaseUrl.TrimEnd('/') + "/");
                    });
                }
            }
            public class OpenAIHttpClient
            {
                private readonly HttpClient _http;
                private readonly OpenAIClientOptions _options;

                public OpenAIHttpClient(HttpClient http, IOptions<OpenAIClientOptions> opts)
                {
                    _http = http;
                    _options = opts.Value;
                }

                public Task<HttpResponseMessage> Generate(string prompt)
                {
                    var path = "chat/completions";
                    return _http.PostAsJsonAsync(path, new CompletionsRequest({|#0:_options.Model|}, [new Message("user", prompt)]));
                }
            }
            """,
            new[] { ("appsettings.json", """{ "Telegram": { "BotToken": "x" } }""") },
            Diagnostic("AIL0501").WithLocation(0));

    // Options with no default, with OpenAI's default beside OpenRouter's URL in the settings file, or written by the
    // code to a local server; an untouched OpenAI default beside them is still reported.
    [Fact]
    public Task Base_address_from_options_without_default_overridden_or_rewritten_is_quiet() =>
        VerifyAsync("""
            public class NoDefaultOptions { public string BaseUrl { get; set; } = ""; }
            public class RouterOptions { public string Endpoint { get; set; } = "https://api.openai.com/v1/"; }
            public class LocalOptions { public string ServerUrl { get; set; } = "https://api.openai.com/v1/"; }
            public class OpenAiOptions { public string ApiBase { get; set; } = "https://api.openai.com/v1/"; }
            static class Program
            {
                static void Register(IServiceCollection services)
                {
                    services.AddHttpClient<NoDefaultClient>((sp, c) => c.BaseAddress = new Uri(sp.GetRequiredService<IOptions<NoDefaultOptions>>().Value.BaseUrl));
                    services.AddHttpClient<RouterClient>((sp, c) => c.BaseAddress = new Uri(sp.GetRequiredService<IOptions<RouterOptions>>().Value.Endpoint));
                    services.AddHttpClient<LocalClient>((sp, c) => c.BaseAddress = new Uri(sp.GetRequiredService<IOptions<LocalOptions>>().Value.ServerUrl));
                    services.Configure<LocalOptions>(o => o.ServerUrl = "http://localhost:1234/v1/");
                    services.AddHttpClient<OpenAiClient>((sp, c) => c.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OpenAiOptions>>().Value.ApiBase));
                }
            }
            public class NoDefaultClient(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            public class RouterClient(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            public class LocalClient(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            public class OpenAiClient(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new CompletionsRequest({|#0:"gpt-4o"|}, [new Message("user", prompt)]));
            }
            """,
            new[] { ("appsettings.json", """{ "Router": { "Endpoint": "https://openrouter.ai/api/v1/" } }""") },
            Diagnostic("AIL0501").WithLocation(0));

    // (b) demo-httpclient-factory's shape: the settings class has an empty default; appsettings.json names OpenAI; the
    // client's only handler of the project's own logs the request and passes it on.
    [Fact]
    public Task Base_address_configured_in_appsettings_is_reported() =>
        VerifyAsync("""
            public class OpenAiSettings
            {
                public string BaseAddress { get; init; } = "";
                public string ApiKey { get; init; } = "";
            }
            public static class ServiceCollectionExtensions
            {
                public static IServiceCollection AddOpenAi(this IServiceCollection services, IConfiguration configuration)
                {
                    services.AddTransient<LoggingHandler>();
                    services.AddOptions<OpenAiSettings>().Bind(configuration);
                    services.AddHttpClient<OpenAiGateway>((serviceProvider, httpClient) =>
                    {
                        var openAiSettings = serviceProvider.GetRequiredService<IOptions<OpenAiSettings>>();
                        httpClient.BaseAddress = new(openAiSettings.Value.BaseAddress);
                    })
                    .AddHttpMessageHandler<LoggingHandler>();
                    return services;
                }
            }
            // Logs and passes the request on unchanged: it sends nothing elsewhere.
            public class LoggingHandler : DelegatingHandler
            {
                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    Console.WriteLine(await request.Content!.ReadAsStringAsync());
                    var response = await base.SendAsync(request, cancellationToken);
                    Console.WriteLine(response.StatusCode);
                    return response;
                }
            }
            class OpenAiGateway(HttpClient httpClient)
            {
                public Task<HttpResponseMessage> ExecutePrompt(string prompt) =>
                    httpClient.PostAsJsonAsync("chat/completions", new CompletionsRequest({|#0:"gpt-4o"|}, [new Message("user", prompt)]));
            }
            """,
            new[] { ("appsettings.json", """{ "Providers": { "OpenAI": { "BaseAddress": "https://api.openai.com/v1/", "ApiKey": "" } } }""") },
            Diagnostic("AIL0501").WithLocation(0));

    // The same code when the settings files name two hosts for the key (Development points at a local server), or none.
    [Theory]
    [InlineData("""{ "Providers": { "OpenAI": { "BaseAddress": "https://api.openai.com/v1/" } } }""", """{ "Providers": { "OpenAI": { "BaseAddress": "http://localhost:11434/v1/" } } }""")]
    [InlineData("""{ "Providers": { "OpenAI": { "ApiKey": "" } } }""", """{ }""")]
    [InlineData("""{ "Providers": { "OpenAI": { "BaseAddress": "" } } }""", """{ }""")]
    public Task Base_address_configured_for_another_host_or_not_at_all_is_quiet(string settings, string development) =>
        VerifyAsync("""
            public class OpenAiSettings { public string BaseAddress { get; init; } = ""; }
            public static class ServiceCollectionExtensions
            {
                public static IServiceCollection AddOpenAi(this IServiceCollection services) =>
                    services.AddHttpClient<OpenAiGateway>((serviceProvider, httpClient) =>
                    {
                        httpClient.BaseAddress = new(serviceProvider.GetRequiredService<IOptions<OpenAiSettings>>().Value.BaseAddress);
                    }).Services;
            }
            class OpenAiGateway(HttpClient httpClient)
            {
                public Task<HttpResponseMessage> ExecutePrompt(string prompt) =>
                    httpClient.PostAsJsonAsync("chat/completions", new CompletionsRequest("gpt-4o", [new Message("user", prompt)]));
            }
            """,
            new[] { ("appsettings.json", settings), ("appsettings.Development.json", development) });

    // (b) A configuration read with OpenAI's URL as its default, as a usage dashboard does in Program.cs.
    [Fact]
    public Task Base_address_from_configuration_with_OpenAIs_default_is_reported() =>
        VerifyAsync("""
            static class Program
            {
                static void Register(IServiceCollection services)
                {
                    services.AddHttpClient<OpenAiHttpClient>((sp, http) =>
                    {
                        var config = sp.GetRequiredService<IConfiguration>();
                        var baseUrl = config["OpenAI:BaseUrl"] ?? "https://api.openai.com/v1/";
                        http.BaseAddress = new Uri(baseUrl);
                    });
                }
            }
            class OpenAiHttpClient(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new { model = {|#0:"gpt-4o"|}, messages = new[] { prompt } });
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "AdminKey": "" } }""") },
            Diagnostic("AIL0501").WithLocation(0));

    // The same read when the settings file sets the key to a local server; a read without default that nothing
    // configures; an environment variable without default.
    [Fact]
    public Task Base_address_from_configuration_set_elsewhere_or_without_default_is_quiet() =>
        VerifyAsync("""
            static class Program
            {
                static void Register(IServiceCollection services)
                {
                    services.AddHttpClient<Configured>((sp, http) =>
                    {
                        var config = sp.GetRequiredService<IConfiguration>();
                        http.BaseAddress = new Uri(config["OpenAI:BaseUrl"] ?? "https://api.openai.com/v1/");
                    });
                    services.AddHttpClient<Unset>((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<IConfiguration>()["Llm:Endpoint"]!));
                    services.AddHttpClient<FromEnvironment>(http => http.BaseAddress = new Uri(Environment.GetEnvironmentVariable("LLM_BASE_URL")!));
                }
            }
            class Configured(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });
            }
            class Unset(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });
            }
            class FromEnvironment(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "BaseUrl": "http://localhost:1234/v1/" } }""") });

    // The posting type's own assignment decides over the registration: a settings default set on a factory's client in
    // the poster is read; a local server set there silences an OpenAI registration.
    [Fact]
    public Task Posting_types_own_base_address_from_settings_is_read_and_overrides_registrations() =>
        VerifyAsync("""
            public class LlmOptions { public string BaseUrl { get; set; } = "https://api.openai.com/v1"; }
            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<Overridden>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
            }
            sealed class Generator(IHttpClientFactory http, IOptions<LlmOptions> options)
            {
                public Task<HttpResponseMessage> Ask(string prompt)
                {
                    var client = http.CreateClient();
                    client.BaseAddress = new Uri(options.Value.BaseUrl.TrimEnd('/') + "/");
                    return client.PostAsJsonAsync("chat/completions", new { model = {|#0:"gpt-4o"|}, messages = new[] { prompt } });
                }
            }
            sealed class Overridden
            {
                private readonly HttpClient _http;
                public Overridden(HttpClient http)
                {
                    _http = http;
                    _http.BaseAddress = new Uri("http://localhost:11434/");
                }

                public Task<HttpResponseMessage> Ask(string prompt) =>
                    _http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // The configuring lambda hands the client to a project method, or names one; a Uri-typed settings property; the
    // defaults every client gets. The same helpers setting a local server, and a lambda handing the client to a
    // method outside the project, are quiet.
    [Fact]
    public Task Base_address_set_in_a_configuring_helper_or_for_every_client_is_read() =>
        VerifyAsync("""
            public class ChatOptions { public Uri Endpoint { get; set; } = new Uri("https://api.openai.com/"); }
            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<ViaHelper>((sp, c) => Configure(c, sp));
                    services.AddHttpClient<ViaMethodGroup>().ConfigureHttpClient(ConfigureLocal);
                    // A method of a referenced assembly (any: the framework's stands in for a library's) may set anything.
                    services.AddHttpClient<ViaLibrary>(c => GC.KeepAlive(c));
                    services.ConfigureHttpClientDefaults(b => b.ConfigureHttpClient(c => c.BaseAddress = new Uri("https://api.openai.com/")));
                }

                static void Configure(HttpClient client, IServiceProvider sp) =>
                    client.BaseAddress = sp.GetRequiredService<IOptions<ChatOptions>>().Value.Endpoint;

                static void ConfigureLocal(HttpClient client) => client.BaseAddress = new Uri("http://localhost:5000/");
            }
            class ViaHelper(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("v1/chat/completions", new { model = {|#0:"gpt-4o"|}, messages = new[] { prompt } });
            }
            class ViaMethodGroup(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });
            }
            class ViaLibrary(HttpClient http)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });
            }
            class ViaDefaults(IHttpClientFactory factory)
            {
                public Task<HttpResponseMessage> Ask(string prompt) =>
                    factory.CreateClient("any").PostAsJsonAsync("v1/chat/completions", new { model = {|#1:"gpt-4o"|}, messages = new[] { prompt } });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1));

    [Fact]
    public async Task Half_typed_registrations_and_clients_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                static class Setup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddHttpClient<Gateway>(c => c.BaseAddress = new Uri());
                        services.AddHttpClient<Missing>(c => c.BaseAddress = );
                        services.AddHttpClient(, c => c.BaseAddress = new Uri(Settings.));
                        services.AddHttpClient<Gateway>((sp, c) => Configure(c, ));
                    }
                }
                class Gateway(HttpClient http)
                {
                    public Task<HttpResponseMessage> Ask(string prompt) =>
                        http.PostAsJsonAsync("chat/completions", new { model = "gpt-4o", messages = new[] { prompt } });

                    public Task<HttpResponseMessage> Other(IHttpClientFactory factory) =>
                        factory.CreateClient(Unknown).PostAsJsonAsync("chat/completions", new { model = "gpt-4o" });
                }
                class Created
                {
                    Gateway A() => new Gateway();
                    Gateway B() => new(new HttpClient { BaseAddress = new Uri(Undefined.Value) });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("appsettings.json", """{ "OpenAI": { "BaseUrl": """));
        await test.RunAsync();
    }

    // TreyWheeler/MigrationReport (review 61 N4): the typed client's constructor sets BaseAddress from the options'
    // BaseUrl (default https://api.openai.com/v1) and posts the relative "responses", which names OpenAI's endpoint only
    // on that base (RawHttpLlmCalls reads the same base addresses). The same client on a local server's default is quiet.
    [Fact]
    public Task Relative_responses_on_an_options_base_url_of_OpenAI_is_reported_and_a_local_default_is_quiet() =>
        VerifyAsync("""
            public sealed class OpenAIOptions { public string BaseUrl { get; set; } = "https://api.openai.com/v1"; }
            public sealed class LocalOptions { public string BaseUrl { get; set; } = "http://localhost:11434/v1"; }
            public sealed class AlignmentClient
            {
                private readonly HttpClient _httpClient;
                private readonly OpenAIOptions _options;

                public AlignmentClient(HttpClient httpClient, IOptions<OpenAIOptions> options)
                {
                    _httpClient = httpClient;
                    _options = options.Value;
                    if (!string.IsNullOrWhiteSpace(_options.BaseUrl))
                    {
                        _httpClient.BaseAddress = new Uri(_options.BaseUrl!.TrimEnd('/') + "/");
                    }
                }

                public Task<HttpResponseMessage> Suggest(string prompt) =>
                    _httpClient.PostAsJsonAsync("responses", new { model = {|#0:"gpt-4o"|}, input = prompt });
            }
            public sealed class LocalClient
            {
                private readonly HttpClient _httpClient;

                public LocalClient(HttpClient httpClient, IOptions<LocalOptions> options)
                {
                    _httpClient = httpClient;
                    _httpClient.BaseAddress = new Uri(options.Value.BaseUrl.TrimEnd('/') + "/");
                }

                public Task<HttpResponseMessage> Suggest(string prompt) =>
                    _httpClient.PostAsJsonAsync("responses", new { model = "gpt-4o", input = prompt });
            }
            """,
            new[] { ("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }""") },
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));
}
