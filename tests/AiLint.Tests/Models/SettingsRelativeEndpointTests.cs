using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A settings section that keeps OpenAI's paths beside its base URL (review72 M-1, jacobi-solutions/
/// NutritionAmbition.Backend: <c>"ChatCompletionsEndpoint": "/v1/chat/completions"</c>, <c>"ThreadsEndpoint"</c>) still
/// has its model keys checked: a relative path names no server. Quiet twins: an endpoint key holding another host's URL
/// (with or without its scheme), an Azure endpoint, an endpoint left empty or holding a placeholder.
/// </summary>
public class SettingsRelativeEndpointTests
{
    // NutritionAmbition's service (review72 repro-2): raw HTTP to OpenAI, no SDK; the settings fallback is dead when the
    // file sets the key (ConfiguredSettingsFallbackTests), so only the file's value is reported.
    private const string Service = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Options;

        public class OpenAiSettings
        {
            public string ApiKey { get; set; }
            public string Model { get; set; }
        }

        public class OpenAiService(HttpClient httpClient, IOptions<OpenAiSettings> openAiSettings)
        {
            private const string OpenAiApiEndpoint = "https://api.openai.com/v1/chat/completions";

            private async Task<string> GetChatResponseAsync(List<object> messages)
            {
                var requestBody = new { model = openAiSettings.Value.Model ?? "gpt-4", messages };
                var content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                var response = await httpClient.PostAsync(OpenAiApiEndpoint, content);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private static Task VerifyAsync(string endpointKey, string endpointValue, string baseUrl, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Service, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.Add(("appsettings.json",
            "{\n  \"OpenAiSettings\": {\n    \"ApiKey\": \"\",\n    \"ApiBaseUrl\": \"" + baseUrl + "\",\n    \"Model\": \"gpt-4o-mini\",\n    \""
            + endpointKey + "\": \"" + endpointValue + "\"\n  }\n}"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static readonly DiagnosticResult InTheFile =
        Diagnostic("AIL0501").WithSpan("/0/appsettings.json", 5, 14, 5, 27).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer);

    [Theory]
    [InlineData("ChatCompletionsEndpoint", "/v1/chat/completions")]
    [InlineData("ThreadsEndpoint", "/v1/threads/{threadId}/messages")]
    [InlineData("ResponsesEndpoint", "v1/responses")]
    [InlineData("ChatCompletionsUrl", "chat/completions")]
    public Task A_relative_path_beside_OpenAIs_base_url_keeps_the_section_checked(string key, string path) =>
        VerifyAsync(key, path, "https://api.openai.com", InTheFile);

    [Theory]
    [InlineData("ChatCompletionsEndpoint", "https://api.groq.com/openai/v1/chat/completions")]
    [InlineData("ChatCompletionsEndpoint", "api.groq.com/openai/v1/chat/completions")]
    [InlineData("ChatCompletionsEndpoint", "localhost:11434/v1/chat/completions")]
    [InlineData("ChatCompletionsEndpoint", "localhost/v1/chat/completions")]
    [InlineData("ChatCompletionsEndpoint", "//api.groq.com/openai/v1")]
    [InlineData("Endpoint", "https://contoso.openai.azure.com/")]
    [InlineData("Endpoint", "")]
    [InlineData("Endpoint", "YOUR_ENDPOINT")]
    [InlineData("Endpoint", "<your-endpoint>/v1")]
    [InlineData("Endpoint", "{{endpoint}}/v1")]
    public Task An_endpoint_of_another_server_or_left_to_fill_keeps_the_section_quiet(string key, string value) =>
        VerifyAsync(key, value, "https://api.openai.com");

    // The relative path is read on the section's base URL, which decides on its own: another host's base URL keeps
    // the section quiet whatever its paths.
    [Fact]
    public Task A_relative_path_on_another_servers_base_url_is_quiet() =>
        VerifyAsync("ChatCompletionsEndpoint", "/v1/chat/completions", "http://localhost:1234");
}
