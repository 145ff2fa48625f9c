using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A raw POST whose URL is a property of an options class bound from a configuration section (ObseumEU/FOMODOG's
/// ChatGPTClient: <c>client.PostAsync(_options.Value.ApiUrl, ...)</c> with <c>ChatGPTClientOptions</c> bound by
/// <c>services.Configure&lt;ChatGPTClientOptions&gt;(configuration.GetSection("ChatGPT"))</c> and appsettings.json's
/// <c>"ChatGPT": { "ApiUrl": "https://api.openai.com/v1/chat/completions" }</c>), retried by the Polly v7 policy of its
/// named client (LlmCalls/RawHttpLlmCalls.BoundOptionsUrls.cs, LlmCalls/BoundOptionsKeyPaths.cs). The URL spelled at the
/// POST was reported; the bound property was not. Read as the value the settings files give the property's full path
/// (Section:Property), else the property's initializer default; the settings object may also be got from the section
/// (<c>GetSection("ChatGPT").Get&lt;T&gt;()</c>) or be a named options instance read by its name. Quiet: a non-LLM
/// value, a section the files do not set, two files giving two values, a GET, the default instance of named options,
/// another name, a computed section.
/// </summary>
public class BoundOptionsUrlTests
{
    private const string Usings = RetryTestSupport.Usings + """
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Net.Http.Json;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using Polly.Extensions.Http;

        """;

    // FOMODOG's ChatGPTClientHelper.cs (the registration, as written) and ChatGPTClient.cs (the POST; body shortened).
    // BIND is how the options are bound, DEFAULT the ApiUrl initializer, OPTIONS the injected type, URL what is posted.
    private const string Fomodog = """
        public static class ChatGPTClientHelper
        {
            public static void AddChatGpt(IServiceCollection services, IConfiguration config)
            {
                var retryPolicy = HttpPolicyExtensions
                    .HandleTransientHttpError()
                    .WaitAndRetryAsync(2, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)));
                services.AddHttpClient("Gpt")
                    .{|#0:AddPolicyHandler|}(retryPolicy);
                BIND;
                services.AddScoped<ChatGPTChatClient>();
            }
        }

        public class ChatGPTClientOptions
        {
            public string ApiKey { get; set; } = "";
            public string ApiUrl { get; set; } = DEFAULT;
        }

        public class ChatGPTChatClient
        {
            private readonly OPTIONS options;
            private readonly IHttpClientFactory httpClientFactory;

            public ChatGPTChatClient(OPTIONS options, IHttpClientFactory httpClientFactory)
            {
                this.options = options;
                this.httpClientFactory = httpClientFactory;
            }

            public async Task<string> CallChatGpt(string text)
            {
                using var client = httpClientFactory.CreateClient("Gpt");
                var requestBody = new { model = "gpt-4o-2024-08-06", messages = new[] { new { role = "user", content = text } } };
                var response = await client.PostAsJsonAsync(URL, requestBody);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private const string Configure = "services.Configure<ChatGPTClientOptions>(config.GetSection(\"ChatGPT\"))";
    private const string ValueUrl = "options.Value.ApiUrl";
    private const string OpenAIEndpoint = "https://api.openai.com/v1/chat/completions";

    private static string Code(string bind = Configure, string url = ValueUrl, string options = "IOptions<ChatGPTClientOptions>", string settingsDefault = "\"\"") =>
        Usings + Fomodog.Replace("BIND", bind).Replace("DEFAULT", settingsDefault).Replace("OPTIONS", options).Replace("URL", url);

    // FOMODOG's appsettings.json (the key emptied).
    private static (string, string) SettingsFile(string apiUrl, string path = "appsettings.json", string section = "ChatGPT") =>
        (path, "{\n  \"" + section + "\": {\n    \"ApiKey\": \"PUT_CHAT_GPT_KEY_HERE\",\n    \"ApiUrl\": \"" + apiUrl + "\"\n  }\n}");

    private static readonly (string, string)[] OpenAISettings = { SettingsFile(OpenAIEndpoint) };

    private static Task VerifyAsync(string code, (string, string)[] files, params DiagnosticResult[] expected) =>
        VerifyAsync(code, files, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, (string, string)[] files, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = code, CompilerDiagnostics = compilerDiagnostics };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Retried =>
        RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("HttpClient \"Gpt\"", "AddPolicyHandler");

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task The_bound_options_url_set_to_openai_in_appsettings_is_retried_by_the_policy() =>
        VerifyAsync(Code(), OpenAISettings, Retried);

    // The control the review ran: the endpoint spelled at the POST (reported before this reading).
    [Fact]
    public Task The_endpoint_spelled_at_the_post_is_reported_the_same_way() =>
        VerifyAsync(Code(url: "\"" + OpenAIEndpoint + "\""), OpenAISettings, Retried);

    [Theory]
    [InlineData("services.AddOptions<ChatGPTClientOptions>().Bind(config.GetSection(\"ChatGPT\"))")]
    [InlineData("services.AddOptions<ChatGPTClientOptions>().BindConfiguration(\"ChatGPT\")")]
    [InlineData("services.Configure<ChatGPTClientOptions>(config.GetSection(\"chatgpt\"))")]
    public Task Other_bindings_of_the_section_are_read_the_same_way(string bind) =>
        VerifyAsync(Code(bind: bind), OpenAISettings, Retried);

    [Theory]
    [InlineData("IOptionsMonitor<ChatGPTClientOptions>", "options.CurrentValue.ApiUrl")]
    [InlineData("IOptionsSnapshot<ChatGPTClientOptions>", "options.Value.ApiUrl")]
    [InlineData("ChatGPTClientOptions", "options.ApiUrl")]
    public Task Other_reads_of_the_bound_property_are_read_the_same_way(string options, string url) =>
        VerifyAsync(Code(options: options, url: url), OpenAISettings, Retried);

    // The other shapes of the shared reading (BoundOptionsKeyPaths): an object the binder makes from the section and the
    // container hands out, and named options read by their name.
    [Theory]
    [InlineData("services.AddSingleton(config.GetSection(\"ChatGPT\").Get<ChatGPTClientOptions>()!)", "ChatGPTClientOptions", "options.ApiUrl")]
    [InlineData("services.AddSingleton(config.GetRequiredSection(\"ChatGPT\").Get<ChatGPTClientOptions>()!)", "ChatGPTClientOptions", "options.ApiUrl")]
    [InlineData("services.Configure<ChatGPTClientOptions>(\"gpt\", config.GetSection(\"ChatGPT\"))", "IOptionsMonitor<ChatGPTClientOptions>", "options.Get(\"gpt\").ApiUrl")]
    [InlineData("services.AddOptions<ChatGPTClientOptions>(\"gpt\").Bind(config.GetSection(\"ChatGPT\"))", "IOptionsSnapshot<ChatGPTClientOptions>", "options.Get(\"gpt\").ApiUrl")]
    public Task Settings_objects_got_from_the_section_or_named_are_read_the_same_way(string bind, string options, string url) =>
        VerifyAsync(Code(bind: bind, options: options, url: url), OpenAISettings, Retried);

    // Production repeats the same endpoint: one value.
    [Fact]
    public Task The_same_endpoint_in_two_settings_files_is_reported() =>
        VerifyAsync(Code(), new[] { OpenAISettings[0], SettingsFile(OpenAIEndpoint, "appsettings.Production.json") }, Retried);

    // No file sets ChatGPT:ApiUrl: the options keep their initializer, which spells the endpoint.
    [Fact]
    public Task The_initializer_default_is_read_when_no_file_sets_the_key() =>
        VerifyAsync(Code(settingsDefault: "\"" + OpenAIEndpoint + "\""), new[] { ("appsettings.json", """{ "ChatGPT": { "ApiKey": "" } }""") }, Retried);

    // ---- Quiet ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task A_non_llm_url_in_the_settings_stays_quiet() =>
        VerifyAsync(Code(), new[] { SettingsFile("https://hooks.example.com/fomodog/notify") });

    // The file's value replaces the initializer: the default is not what is sent.
    [Fact]
    public Task A_non_llm_url_in_the_settings_over_an_endpoint_default_stays_quiet() =>
        VerifyAsync(Code(settingsDefault: "\"" + OpenAIEndpoint + "\""), new[] { SettingsFile("https://hooks.example.com/fomodog/notify") });

    // The options are bound to "OpenAI", which the file does not set; its ChatGPT:ApiUrl is another class's.
    [Fact]
    public Task A_section_the_settings_files_do_not_set_stays_quiet() =>
        VerifyAsync(Code(bind: "services.Configure<ChatGPTClientOptions>(config.GetSection(\"OpenAI\"))"), OpenAISettings);

    // Development points at a local stand-in: which server gets the request depends on the environment.
    [Fact]
    public Task Two_files_giving_two_hosts_stay_quiet() =>
        VerifyAsync(Code(), new[] { OpenAISettings[0], SettingsFile("http://localhost:5005/mock/chat/completions", "appsettings.Development.json") });

    [Fact]
    public Task A_get_of_the_bound_url_stays_quiet() =>
        VerifyAsync(Code().Replace("client.PostAsJsonAsync(options.Value.ApiUrl, requestBody)", "client.GetAsync(options.Value.ApiUrl)"), OpenAISettings);

    // A named options instance: IOptions<T>.Value is the default instance, which nothing binds.
    [Fact]
    public Task A_named_options_binding_stays_quiet() =>
        VerifyAsync(Code(bind: "services.Configure<ChatGPTClientOptions>(\"gpt\", config.GetSection(\"ChatGPT\"))"), OpenAISettings);

    // Another name than the one bound, a section whose path the code computes: no known key.
    [Theory]
    [InlineData("services.Configure<ChatGPTClientOptions>(\"gpt\", config.GetSection(\"ChatGPT\"))", "IOptionsMonitor<ChatGPTClientOptions>", "options.Get(\"other\").ApiUrl")]
    [InlineData("services.AddSingleton(config.GetSection(config[\"Provider\"]!).Get<ChatGPTClientOptions>()!)", "ChatGPTClientOptions", "options.ApiUrl")]
    public Task Another_name_or_a_computed_section_stays_quiet(string bind, string options, string url) =>
        VerifyAsync(Code(bind: bind, options: options, url: url), OpenAISettings);

    // The project overrides the file's value after binding: what is sent is the code's value.
    [Fact]
    public Task A_property_the_project_assigns_stays_quiet() =>
        VerifyAsync(Code(bind: Configure + "; services.PostConfigure<ChatGPTClientOptions>(o => o.ApiUrl = config[\"Relay:Url\"] ?? \"\")"), OpenAISettings);

    // ---- Half-typed ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("services.Configure<ChatGPTClientOptions>()", ValueUrl)]
    [InlineData("services.Configure<ChatGPTClientOptions>(config.GetSection())", ValueUrl)]
    [InlineData(Configure, "options.Value.MissingUrl")]
    [InlineData(Configure, "options.Value.ApiUrl.")]
    public Task Half_typed_bindings_and_reads_do_not_crash_or_report(string bind, string url) =>
        VerifyAsync(Code(bind: bind, url: url), OpenAISettings, CompilerDiagnostics.None);
}
