namespace AiLint.Tests.LlmCalls;

/// <summary>
/// RootBackend's ClaudeService (@025c906, a raw-HTTP Anthropic client; SettingsOnlyEndpointTests and ConfiguredEndpointUrlTests both build on it): a key and version set on
/// the injected HttpClient, a body posted to a URL held in configuration. URL is what is posted, MODEL and SYSTEM the
/// body's fields; tests replace them.
/// </summary>
internal static class RootBackendSources
{
    public const string ClaudeService = """
        public class ClaudeService
        {
            private readonly HttpClient _httpClient;
            private readonly IConfiguration _configuration;

            public ClaudeService(HttpClient httpClient, IConfiguration configuration)
            {
                _httpClient = httpClient;
                _configuration = configuration;
                _httpClient.DefaultRequestHeaders.Add("x-api-key", _configuration["Claude:ApiKey"]);
                _httpClient.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
            }

            public async Task<string> GetCompletionAsync(string prompt)
            {
                var claudeRequest = new
                {
                    model = MODEL,
                    system = SYSTEM,
                    messages = new[] { new { role = "user", content = prompt } },
                    max_tokens = 4090
                };

                var response = await _httpClient.PostAsJsonAsync(URL, claudeRequest);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    /// <summary>The URL as the real service reads it.</summary>
    public const string ConfiguredUrl = "_configuration[\"Claude:ApiUrl\"]";

    /// <summary>The model the real service sends.</summary>
    public const string Model = "\"claude-3-haiku-20240307\"";
}
