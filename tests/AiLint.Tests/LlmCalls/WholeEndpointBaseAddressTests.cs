using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A POST to the empty relative URI on a typed client whose base address is the whole endpoint (review76 repro-2,
/// PawelKowal/complainator: <c>_httpClient.BaseAddress = new Uri(_settings.EndpointUrl)</c>, the setting defaulting to
/// <c>https://openrouter.ai/api/v1/chat/completions</c>, then <c>_httpClient.PostAsJsonAsync("", request)</c>), retried by
/// the Polly v7 policy of its <c>AddHttpClient&lt;I, T&gt;()</c> registration (LlmCalls/RawHttpLlmCalls.UnspelledUrls.cs,
/// Rules/Models/RawHttpBaseAddresses.WholeEndpoints.cs). The literal URL at the POST was reported; <c>""</c> was not.
/// Quiet: a base address that is only a host, one the code does not show, one that is not an LLM endpoint.
/// </summary>
public class WholeEndpointBaseAddressTests
{
    private const string Usings = RetryTestSupport.Usings + """
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Serialization;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using Polly.Extensions.Http;

        """;

    // complainator's OpenRouterService, OpenRouterSettings and ServiceCollectionExtensions, reduced (logging, error
    // handling and the circuit breaker left out). DEFAULT is the settings default, BASE what the constructor assigns to
    // BaseAddress, URL what is posted.
    private const string Complainator = """
        public class OpenRouterSettings
        {
            public string EndpointUrl { get; set; } = DEFAULT;
            public string ApiKey { get; set; } = string.Empty;
            public string DefaultModel { get; set; } = "gpt-3.5-turbo";
        }

        public class MessageDto
        {
            [JsonPropertyName("role")] public string Role { get; set; } = string.Empty;
            [JsonPropertyName("content")] public string Content { get; set; } = string.Empty;
        }

        public class ChatCompletionRequest
        {
            [JsonPropertyName("model")] public string Model { get; set; } = string.Empty;
            [JsonPropertyName("messages")] public List<MessageDto> Messages { get; set; } = new();
        }

        public interface IOpenRouterService { Task<string> SendChatAsync(IEnumerable<MessageDto> messages); }

        public class OpenRouterService : IOpenRouterService
        {
            private readonly HttpClient _httpClient;
            private readonly OpenRouterSettings _settings;

            public OpenRouterService(HttpClient httpClient, IOptions<OpenRouterSettings> options)
            {
                _httpClient = httpClient;
                _settings = options.Value;
                _httpClient.BaseAddress = BASE;
                _httpClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _settings.ApiKey);
            }

            public async Task<string> SendChatAsync(IEnumerable<MessageDto> messages)
            {
                var request = new ChatCompletionRequest { Model = _settings.DefaultModel, Messages = messages.ToList() };
                var response = await _httpClient.POST(URL, BODY);
                return await response.Content.ReadAsStringAsync();
            }
        }

        public static class ServiceCollectionExtensions
        {
            public static IServiceCollection AddOpenRouterService(this IServiceCollection services, Action<OpenRouterSettings> configureSettings)
            {
                services.Configure(configureSettings);
                services.AddHttpClient<IOpenRouterService, OpenRouterService>()
                    .{|#0:AddPolicyHandler|}(GetRetryPolicy());
                return services;
            }

            private static IAsyncPolicy<HttpResponseMessage> GetRetryPolicy()
            {
                return HttpPolicyExtensions
                    .HandleTransientHttpError()
                    .OrResult(msg => msg.StatusCode == HttpStatusCode.TooManyRequests)
                    .WaitAndRetryAsync(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)));
            }
        }
        """;

    private const string OpenRouterEndpoint = "\"https://openrouter.ai/api/v1/chat/completions\"";
    private const string SettingsBase = "new Uri(_settings.EndpointUrl)";

    private static string Code(string url = "\"\"", string baseAddress = SettingsBase, string settingsDefault = OpenRouterEndpoint, string post = "PostAsJsonAsync") =>
        Usings + Complainator.Replace("DEFAULT", settingsDefault).Replace("BASE", baseAddress).Replace("URL", url)
            .Replace("BODY", post == "PostAsync" ? "JsonContent.Create(request)" : "request").Replace("POST", post);

    // complainator's appsettings.json sets the same endpoint.
    private static readonly (string, string)[] Settings =
    {
        ("appsettings.json", """{ "OpenRouter": { "EndpointUrl": "https://openrouter.ai/api/v1/chat/completions", "DefaultModel": "deepseek/deepseek-r1-0528-qwen3-8b:free" } }"""),
    };

    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = code, CompilerDiagnostics = compilerDiagnostics };
        test.AdditionalFiles.AddRange(Settings);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Retried => RetryTestSupport.Diagnostic("AIL0001").WithLocation(0).WithArguments("OpenRouterService", "AddPolicyHandler");

    // ---- Reported ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Empty_relative_uri_on_a_settings_base_address_that_is_the_endpoint_is_retried_by_the_policy() =>
        VerifyAsync(Code(), Retried);

    // The literal twin the review probed: the same registration is reported (and was before this reading).
    [Fact]
    public Task The_endpoint_spelled_at_the_post_is_reported_the_same_way() =>
        VerifyAsync(Code(url: OpenRouterEndpoint), Retried);

    [Theory]
    [InlineData("(string?)null", "PostAsJsonAsync")]
    [InlineData("string.Empty", "PostAsJsonAsync")]
    [InlineData("string.Empty", "PostAsync")]
    [InlineData("(Uri?)null", "PostAsJsonAsync")]
    public Task Other_spellings_of_the_empty_relative_uri_are_read_the_same_way(string url, string post) =>
        VerifyAsync(Code(url: url, post: post), Retried);

    [Fact]
    public Task A_literal_base_address_that_is_the_endpoint_is_read_the_same_way() =>
        VerifyAsync(Code(baseAddress: "new Uri(\"https://api.groq.com/openai/v1/chat/completions\")"), Retried);

    // ---- Quiet ---------------------------------------------------------------------------------------------------

    // The usual typed client: the base address is the host and "" posts to the host's root, which is no endpoint.
    [Fact]
    public Task Empty_relative_uri_on_a_host_only_base_address_stays_quiet() =>
        VerifyAsync(Code(settingsDefault: "\"https://openrouter.ai/\""));

    [Fact]
    public Task Empty_relative_uri_on_a_non_llm_endpoint_stays_quiet() =>
        VerifyAsync(Code(settingsDefault: "\"https://hooks.example.com/complaints/ingest\""));

    // The base address comes from outside the code (an environment variable).
    [Fact]
    public Task Empty_relative_uri_on_a_base_address_the_code_does_not_show_stays_quiet() =>
        VerifyAsync(Code(baseAddress: "new Uri(Environment.GetEnvironmentVariable(\"OPENROUTER_ENDPOINT\")!)"));

    // Two base addresses the client can have that differ: which one "" reaches is decided at run time.
    [Fact]
    public Task Empty_relative_uri_on_two_different_possible_endpoints_stays_quiet() =>
        VerifyAsync(Code(baseAddress: "new Uri(Environment.GetEnvironmentVariable(\"USE_GROQ\") == \"1\" ? \"https://api.groq.com/openai/v1/chat/completions\" : \"https://hooks.example.com/x\")"));

    // A non-empty relative path is read as before (on a base address that is not a provider's: not recognised).
    [Fact]
    public Task A_relative_path_on_a_whole_endpoint_base_address_stays_quiet() =>
        VerifyAsync(Code(url: "\"v1/status\""));

    // ---- Half-typed ----------------------------------------------------------------------------------------------

    [Fact]
    public Task Half_typed_base_address_does_not_crash_or_report() =>
        VerifyAsync(Code(baseAddress: "new Uri(_settings.EndpointUr"), CompilerDiagnostics.None);

    [Fact]
    public Task Half_typed_empty_post_does_not_crash_or_report() =>
        VerifyAsync(Code(url: "\"\", reques", baseAddress: "new Uri(Missing.EndpointUrl)"), CompilerDiagnostics.None);
}
