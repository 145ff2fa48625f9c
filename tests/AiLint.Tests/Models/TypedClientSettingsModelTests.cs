using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review74 repro-2b (semaruman/AIRagService reduced to one project): a typed client registered with
/// <c>AddHttpClient&lt;OpenAiLlmService&gt;((sp, client) =&gt; { var options = sp.GetRequiredService&lt;IOptions&lt;LlmOptions&gt;&gt;().Value; client.BaseAddress = new Uri(...); })</c>,
/// whose service posts <c>new ChatCompletionRequest { Model = _options.Model }</c> to <c>"chat/completions"</c>, and an
/// appsettings.json <c>"Llm"</c> section holding both the model and the base URL. The model id is the file's, so AIL0501
/// is reported in the file, when every base address the file and the code give is OpenAI's. Quiet twins: the file's
/// BaseUrl is another server's (OpenRouter, Groq, localhost), or nothing sets BaseUrl.
/// </summary>
public class TypedClientSettingsModelTests
{
    private const string Code = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        public class LlmOptions
        {
            public const string SectionName = "Llm";
            public string Provider { get; set; } = string.Empty;
            public string Model { get; set; } = string.Empty;
            public string ApiKey { get; set; } = string.Empty;
            public string BaseUrl { get; set; } = string.Empty;
            public bool Enabled { get; set; }
        }

        public class OpenAiLlmService
        {
            private readonly HttpClient _httpClient;
            private readonly LlmOptions _options;

            public OpenAiLlmService(HttpClient httpClient, IOptions<LlmOptions> options)
            {
                _httpClient = httpClient;
                _options = options.Value;
            }

            public async Task<string> GenerateAnswerAsync(string question, CancellationToken cancellationToken = default)
            {
                var request = new ChatCompletionRequest
                {
                    Model = _options.Model,
                    Messages = new List<ChatMessage> { new ChatMessage("user", question) },
                };
                using var response = await _httpClient.PostAsJsonAsync("chat/completions", request, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            private sealed class ChatCompletionRequest
            {
                [JsonPropertyName("model")]
                public string Model { get; set; } = string.Empty;

                [JsonPropertyName("messages")]
                public List<ChatMessage> Messages { get; set; } = new();
            }

            private sealed class ChatMessage
            {
                public ChatMessage(string role, string content) { Role = role; Content = content; }
                [JsonPropertyName("role")] public string Role { get; }
                [JsonPropertyName("content")] public string Content { get; }
            }
        }

        public static class DependencyInjection
        {
            private const string DefaultOpenAiBaseUrl = "https://api.openai.com/v1";

            public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
            {
                services.Configure<LlmOptions>(configuration.GetSection(LlmOptions.SectionName));
                services.AddHttpClient<OpenAiLlmService>((sp, client) =>
                {
                    var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                    client.BaseAddress = BASE;
                    if (!string.IsNullOrWhiteSpace(options.ApiKey))
                    {
                        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
                    }
                });
                return services;
            }

            private static string ResolveBaseUrl(string? baseUrl)
            {
                return string.IsNullOrWhiteSpace(baseUrl)
                    ? DefaultOpenAiBaseUrl
                    : baseUrl.TrimEnd('/');
            }
        }
        """;

    private const string Plain = "new Uri(options.BaseUrl)";
    private const string Trimmed = "new Uri(options.BaseUrl.TrimEnd('/'))";
    private const string Conditional = "new Uri(string.IsNullOrWhiteSpace(options.BaseUrl) ? DefaultOpenAiBaseUrl : options.BaseUrl.TrimEnd('/'))";
    private const string Helper = "new Uri(ResolveBaseUrl(options.BaseUrl))";

    private static string Settings(string? baseUrl) =>
        "{\n  \"Llm\": {\n    \"Provider\": \"OpenAI\",\n    \"Model\": \"gpt-4o-mini\",\n    \"ApiKey\": \"\",\n"
        + (baseUrl == null ? "" : "    \"BaseUrl\": \"" + baseUrl + "\",\n")
        + "    \"Enabled\": true\n  }\n}";

    private static Task VerifyAsync(string baseAddress, (string Path, string Content)[] files, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Code.Replace("BASE", baseAddress), files, expected);

    private static DiagnosticResult FileModel() =>
        Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 4, 14, 4, 27).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer);

    // The literal control review74 built: reported before this change too.
    [Fact]
    public Task A_literal_base_address_reports_the_files_model() =>
        VerifyAsync("new Uri(\"https://api.openai.com/v1\")", new[] { ("appsettings.json", Settings("https://api.openai.com/v1")) }, FileModel());

    [Theory]
    [InlineData(Plain)]
    [InlineData(Trimmed)]
    [InlineData(Conditional)]
    [InlineData(Helper)]
    public Task A_base_address_from_the_options_in_the_registration_lambda_reports_the_files_model(string baseAddress) =>
        VerifyAsync(baseAddress, new[] { ("appsettings.json", Settings("https://api.openai.com/v1")) }, FileModel());

    // The same server's model ids are then that server's names: "gpt-4o-mini" on OpenRouter or Groq is their alias.
    [Theory]
    [InlineData(Plain, "https://openrouter.ai/api/v1")]
    [InlineData(Trimmed, "https://api.groq.com/openai/v1/")]
    [InlineData(Conditional, "http://localhost:11434/v1")]
    [InlineData(Helper, "https://openrouter.ai/api/v1")]
    public Task Another_server_in_the_file_keeps_the_files_model_quiet(string baseAddress, string url) =>
        VerifyAsync(baseAddress, new[] { ("appsettings.json", Settings(url)) });

    // A development file pointing the key at a local server: either file may be the one the app runs with.
    [Theory]
    [InlineData(Plain)]
    [InlineData(Conditional)]
    public Task A_development_file_pointing_elsewhere_keeps_it_quiet(string baseAddress) =>
        VerifyAsync(baseAddress, new[]
        {
            ("appsettings.json", Settings("https://api.openai.com/v1")),
            ("appsettings.Development.json", """{ "Llm": { "BaseUrl": "http://localhost:1234/v1" } }"""),
        });

    // BaseUrl set nowhere: the plain spellings have no base address (no request goes anywhere the code shows); the
    // conditional and the helper fall back to the constant, which is OpenAI's, so the file's model is checked.
    [Theory]
    [InlineData(Plain)]
    [InlineData(Trimmed)]
    public Task An_unset_base_url_is_quiet(string baseAddress) =>
        VerifyAsync(baseAddress, new[] { ("appsettings.json", Settings(null)) });

    [Theory]
    [InlineData(Conditional)]
    [InlineData(Helper)]
    public Task An_unset_base_url_falls_back_to_the_constant(string baseAddress) =>
        VerifyAsync(baseAddress, new[] { ("appsettings.json", Settings(null)) }, FileModel());

    // The fallback constant is another server's: quiet whatever the file holds.
    [Fact]
    public Task A_fallback_to_another_server_keeps_it_quiet() =>
        VerifyWithoutSdkAsync(
            Code.Replace("BASE", Conditional).Replace("\"https://api.openai.com/v1\";", "\"https://openrouter.ai/api/v1\";"),
            new[] { ("appsettings.json", Settings("https://api.openai.com/v1")) });

    // A helper given a value the code does not know (a machine name) may return anything: quiet.
    [Fact]
    public Task A_helper_given_an_unknown_value_is_quiet() =>
        VerifyAsync("new Uri(ResolveBaseUrl(Environment.MachineName))", new[] { ("appsettings.json", Settings("https://api.openai.com/v1")) });

    // A helper another type may override is not read: its body at run time may be another.
    [Fact]
    public Task A_virtual_helper_is_not_read() =>
        VerifyWithoutSdkAsync(
            Code.Replace("BASE", "new Uri(new UrlResolver().Resolve(options.BaseUrl))")
                + "\npublic class UrlResolver { public virtual string Resolve(string url) => url.TrimEnd('/'); }",
            new[] { ("appsettings.json", Settings("https://api.openai.com/v1")) });

    // The same helper, not virtual: read like the static one.
    [Fact]
    public Task An_instance_helper_is_read() =>
        VerifyWithoutSdkAsync(
            Code.Replace("BASE", "new Uri(new UrlResolver().Resolve(options.BaseUrl))")
                + "\npublic class UrlResolver { public string Resolve(string url) => url.TrimEnd('/'); }",
            new[] { ("appsettings.json", Settings("https://api.openai.com/v1")) }, FileModel());

    // Half-typed: the options type does not resolve and the lambda is unfinished. No crash, nothing reported.
    [Theory]
    [InlineData("new Uri(options.BaseUr)")]
    [InlineData("new Uri(ResolveBaseUrl(options.BaseUrl, ))")]
    [InlineData("new Uri(options.")]
    public Task Half_typed_registration_does_not_crash(string baseAddress)
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Code.Replace("BASE", baseAddress).Replace("IOptions<LlmOptions>>().Value", "IOptions<LlmOptionz>>().Value"),
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("appsettings.json", Settings("https://api.openai.com/v1")));
        return test.RunAsync();
    }
}
