using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Base-address settings whose URL is only in appsettings.json, in the two shapes review69 found missed: an empty
/// default written <c>= string.Empty</c> (M1, GustavoCostaBR/RAG_Challenge) and a concatenation over a property without
/// a default, <c>options.BaseUrl + "/"</c> (M2, fsninetwo/AI-challenge-task-11). Quiet twins: the file points the setting
/// at another server (in any settings file), or no file sets it.
/// </summary>
public class SettingsBaseUrlShapeTests
{
    private const string Usings = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        """;

    private static Task VerifyNoSdkAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Usings + code, files, expected);

    // RAG_Challenge's typed client, reduced (review69 repro-1): the model is a constant, the base address the options'
    // BaseUrl, whose empty default says "configured".
    private static string RagChallenge(string emptyDefault) => $$"""
        public record ChatMessage(string Role, string Content);
        public record ChatCompletionRequest(string Model, IReadOnlyList<ChatMessage> Messages, double Temperature = 0.2);

        public sealed class OpenAiOptions
        {
            public const string ChatCompletionsPath = "chat/completions";
            public const string ChatModel = "gpt-4o";
            public const string SectionName = "ExternalApis:OpenAI";
            public string BaseUrl { get; init; } = {{emptyDefault}};
            public string ApiKey { get; init; } = string.Empty;
        }

        internal sealed class OpenAiHttpClient(HttpClient httpClient, IOptions<OpenAiOptions> options)
        {
            public async Task<string> CreateChatCompletionAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
            {
                var payload = new ChatCompletionRequest({|#0:OpenAiOptions.ChatModel|}, messages, 0.2);
                using var request = new HttpRequestMessage(HttpMethod.Post, OpenAiOptions.ChatCompletionsPath);
                request.Content = JsonContent.Create(payload);
                var response = await httpClient.SendAsync(request, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        }

        public static class InfrastructureServiceCollectionExtensions
        {
            public static void AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
            {
                services.Configure<OpenAiOptions>(configuration.GetSection(OpenAiOptions.SectionName));
                services.AddHttpClient<OpenAiHttpClient>((sp, client) =>
                {
                    var options = sp.GetRequiredService<IOptions<OpenAiOptions>>().Value;
                    client.BaseAddress = new Uri(options.BaseUrl);
                });
            }
        }
        """;

    private static (string, string)[] BaseUrlFile(string url) =>
        new[] { ("appsettings.json", $$"""{ "ExternalApis": { "OpenAI": { "BaseUrl": "{{url}}", "ApiKey": "" } } }""") };

    [Theory]
    [InlineData("string.Empty")]
    [InlineData("String.Empty")]
    [InlineData("\"\"")]
    public Task An_empty_default_written_string_Empty_takes_the_files_base_url(string emptyDefault) =>
        VerifyNoSdkAsync(RagChallenge(emptyDefault), BaseUrlFile("https://api.openai.com/v1/"),
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    [Fact]
    public Task An_empty_default_with_another_server_in_the_file_is_quiet() =>
        VerifyNoSdkAsync(Unmarked(RagChallenge("string.Empty")), BaseUrlFile("http://localhost:11434/v1/"));

    [Fact]
    public Task An_empty_default_no_file_sets_is_quiet() =>
        VerifyNoSdkAsync(Unmarked(RagChallenge("string.Empty")), Array.Empty<(string, string)>());

    // AI-challenge-task-11's summarizer, reduced (review69 repro-2): BaseUrl has no default; the registration method
    // appends "/" when it is missing. The constructor's fallback is the id every run without ChatModel sends.
    private static string Summarizer(string baseAddress) => $$"""
        public sealed class OpenAIOptions
        {
            public const string SectionName = "OpenAI";
            public string? BaseUrl { get; set; }
            public string? ApiKey { get; set; }
            public string? ChatModel { get; set; }
        }

        public static class ServiceCollectionExtensions
        {
            public static IServiceCollection AddOpenAIHttpClients(this IServiceCollection services)
            {
                services.AddHttpClient<OpenAIGptSummarizer>(ConfigureClient);
                return services;
            }

            private static void ConfigureClient(IServiceProvider provider, HttpClient client)
            {
                var options = provider.GetRequiredService<IOptions<OpenAIOptions>>().Value;
                if (string.IsNullOrWhiteSpace(options.BaseUrl))
                {
                    throw new InvalidOperationException("OpenAI BaseUrl not configured.");
                }

                {{baseAddress}}
            }
        }

        public sealed class OpenAIGptSummarizer
        {
            private readonly HttpClient _httpClient;
            private readonly string _chatModel;

            public OpenAIGptSummarizer(HttpClient httpClient, IOptions<OpenAIOptions> options)
            {
                _httpClient = httpClient;
                _chatModel = string.IsNullOrWhiteSpace(options.Value.ChatModel) ? {|#0:"gpt-3.5-turbo"|} : options.Value.ChatModel!;
            }

            public async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken = default)
            {
                var request = new { model = _chatModel, messages = new[] { new { role = "user", content = text } } };
                using var response = await _httpClient.PostAsJsonAsync("v1/chat/completions", request, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        }
        """;

    private const string Ternary = """
        var baseUrl = options.BaseUrl.EndsWith("/") ? options.BaseUrl : options.BaseUrl + "/";
                client.BaseAddress = new Uri(baseUrl);
        """;

    private static (string, string)[] SummarizerFile(string url) =>
        new[] { ("appsettings.json", "{\n  \"OpenAI\": {\n    \"BaseUrl\": \"" + url + "\",\n    \"ApiKey\": \"YOUR_API_KEY_HERE\",\n    \"ChatModel\": \"gpt-3.5-turbo\"\n  }\n}") };

    [Theory]
    [InlineData(Ternary)]
    [InlineData("client.BaseAddress = new Uri(options.BaseUrl + \"/\");")]
    [InlineData("client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + \"/\");")]
    [InlineData("client.BaseAddress = new Uri($\"{options.BaseUrl.TrimEnd('/')}/\");")]
    public Task A_concatenation_over_a_setting_only_the_file_sets_is_read(string baseAddress) =>
        VerifyNoSdkAsync(Summarizer(baseAddress), SummarizerFile("https://api.openai.com/"),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithSpan("/0/appsettings.json", 5, 18, 5, 33).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    [Fact]
    public Task A_concatenation_over_a_setting_for_another_server_is_quiet() =>
        VerifyNoSdkAsync(Unmarked(Summarizer(Ternary)), SummarizerFile("http://localhost:11434/"));

    // appsettings.Development.json points the same key at a local server: either file may be the one the app runs with.
    [Fact]
    public Task Another_settings_file_pointing_the_key_elsewhere_keeps_it_quiet() =>
        VerifyNoSdkAsync(Unmarked(Summarizer(Ternary)),
            SummarizerFile("https://api.openai.com/").Append(("appsettings.Development.json", """{ "OpenAI": { "BaseUrl": "http://localhost:1234/" } }""")).ToArray());

    [Fact]
    public Task A_concatenation_over_a_setting_no_file_sets_is_quiet() =>
        VerifyNoSdkAsync(Unmarked(Summarizer(Ternary)), Array.Empty<(string, string)>());

    // A known prefix joined to an unset suffix is the prefix alone: another server's, so quiet.
    [Fact]
    public Task An_unset_suffix_after_another_servers_prefix_is_quiet() =>
        VerifyNoSdkAsync(Unmarked(Summarizer("client.BaseAddress = new Uri(\"http://localhost:1234/\" + options.ApiKey);")), SummarizerFile("https://api.openai.com/"));

    // Half-typed registration: the concatenation names a member that does not exist. No crash, nothing reported.
    [Fact]
    public Task Half_typed_base_address_does_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + Unmarked(Summarizer("client.BaseAddress = new Uri(options.BaseUri + \"/\" + );")),
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.AdditionalFiles.AddRange(new[] { ("appsettings.json", """{ "OpenAI": { "BaseUrl": "https://api.openai.com/" } }""") });
        return test.RunAsync();
    }

    private static string Unmarked(string code) => code.Replace("{|#0:", "").Replace("|}", "");
}
