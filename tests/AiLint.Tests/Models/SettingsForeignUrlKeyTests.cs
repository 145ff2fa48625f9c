using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A settings section holding the app's OpenAI model beside a URL key for something else (pjmagee/starwars-data:
/// <c>"StarWarsBaseUrl": "https://starwars.fandom.com/api.php"</c>, the wiki the app scrapes, next to
/// <c>"OpenAiModel": "gpt-5-mini"</c> read by <c>GetChatClient</c> on OpenAI's own client). Such a key points the
/// section at another server only when its name says it is the model's endpoint or the code uses it as an endpoint.
/// Quiet twins: an Ollama or LM Studio section with a local base URL, an Azure section, and a section whose
/// foreign-named URL key is the client's endpoint in code.
/// </summary>
public class SettingsForeignUrlKeyTests
{
    private const string Usings = """
        #nullable enable
        using System;
        using System.ClientModel;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using OpenAI;

        """;

    // The starwars-data registration, reduced: OpenAI's own client (no Endpoint) and the model from the settings class.
    private static string StarWarsApp(string settingsMembers, string extraCode = "") => Usings + $$"""
        public class SettingsOptions
        {
            public const string Settings = "Settings";
            public string OpenAiModel { get; set; } = null!;
            public string OpenAiKey { get; set; } = null!;
        {{settingsMembers}}
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services, IConfiguration configuration)
            {
                services
                    .Configure<SettingsOptions>(configuration.GetSection(SettingsOptions.Settings))
                    .AddSingleton<OpenAIClient>(sp => new OpenAIClient(
                        new ApiKeyCredential(sp.GetRequiredService<IOptions<SettingsOptions>>().Value.OpenAiKey),
                        new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromMinutes(5) }))
                    .AddSingleton<IChatClient>(sp =>
                    {
                        var settings = sp.GetRequiredService<IOptions<SettingsOptions>>().Value;
                        return sp.GetRequiredService<OpenAIClient>().GetChatClient(settings.OpenAiModel).AsIChatClient();
                    });
            }
        }
        {{extraCode}}
        """;

    private static (string, string)[] StarWarsFile(string urlKey, string url) => new[]
    {
        ("appsettings.json", $$"""
            {
              "Settings": {
                "{{urlKey}}": "{{url}}",
                "OpenAiModel": "gpt-5-mini"
              }
            }
            """),
    };

    private static DiagnosticResult Gpt5MiniOnLine4 =>
        Diagnostic("AIL0502").WithSpan("/0/appsettings.json", 4, 20, 4, 32);

    // The repro: StarWarsBaseUrl is declared and never used as an endpoint; the section's model goes to OpenAI.
    [Fact]
    public Task A_url_key_for_another_service_does_not_make_the_section_another_servers() =>
        VerifyAsync(
            StarWarsApp("    public string StarWarsBaseUrl { get; set; } = null!; // a wiki scraped for data"),
            StarWarsFile("StarWarsBaseUrl", "https://starwars.fandom.com/api.php"),
            Gpt5MiniOnLine4);

    // The scraper reads the wiki with GET requests: still not the model's endpoint.
    [Fact]
    public Task A_url_key_the_code_only_gets_pages_from_is_not_the_models_endpoint() =>
        VerifyAsync(
            StarWarsApp(
                "    public string StarWarsBaseUrl { get; set; } = null!;",
                """
                public sealed class WikiScraper(HttpClient http, IOptions<SettingsOptions> options)
                {
                    public Task<string> PageAsync(string title) =>
                        http.GetStringAsync($"{options.Value.StarWarsBaseUrl}?action=parse&page={title}");
                }
                """),
            StarWarsFile("StarWarsBaseUrl", "https://starwars.fandom.com/api.php"),
            Gpt5MiniOnLine4);

    // Quiet twin: the same foreign-named key IS the OpenAI client's endpoint in code; the model is that server's name.
    [Fact]
    public Task A_foreign_named_url_key_the_code_makes_the_client_endpoint_keeps_the_section_quiet() =>
        VerifyAsync(
            Usings + """
                public class SettingsOptions
                {
                    public string ContosoBaseUrl { get; set; } = null!;
                    public string OpenAiModel { get; set; } = null!;
                }

                public static class Registrations
                {
                    public static IChatClient Create(SettingsOptions settings) =>
                        new OpenAIClient(new ApiKeyCredential("key"), new OpenAIClientOptions { Endpoint = new Uri(settings.ContosoBaseUrl) })
                            .GetChatClient(settings.OpenAiModel).AsIChatClient();
                }
                """,
            StarWarsFile("ContosoBaseUrl", "https://llm.contoso.com/v1"));

    // Quiet twin: read by configuration key rather than a settings class, into an HttpClient's BaseAddress.
    [Fact]
    public Task A_foreign_named_url_key_read_by_configuration_key_into_a_base_address_keeps_the_section_quiet() =>
        VerifyAsync(
            Usings + """
                public static class Registrations
                {
                    public static IChatClient Create(IConfiguration configuration, HttpClient http)
                    {
                        http.BaseAddress = new Uri(configuration["Settings:ContosoBaseUrl"]!);
                        return new OpenAIClient("key").GetChatClient(configuration["Settings:OpenAiModel"]!).AsIChatClient();
                    }
                }
                """,
            StarWarsFile("ContosoBaseUrl", "https://llm.contoso.com/v1"));

    // Quiet twins the page promises, by name alone: an Ollama or LM Studio base URL on localhost, a generic
    // "...BaseUrl" naming the API, and an Azure section's deployment names.
    [Theory]
    [InlineData("OllamaBaseUrl", "http://localhost:11434/v1")]
    [InlineData("LmStudioBaseUrl", "http://localhost:1234/v1")]
    [InlineData("ApiBaseUrl", "https://api.groq.com/openai/v1")]
    [InlineData("OpenAiBaseUrl", "https://openrouter.ai/api/v1")]
    [InlineData("LlmEndpoint", "http://localhost:8000/v1")]
    [InlineData("ChatCompletionsUrl", "http://localhost:8000/v1/chat/completions")]
    [InlineData("BaseUrl", "https://starwars.fandom.com/api.php")]
    [InlineData("Endpoint", "")]
    public Task A_url_key_named_for_the_models_server_keeps_the_section_quiet(string urlKey, string url) =>
        VerifyAsync(StarWarsApp(string.Empty), StarWarsFile(urlKey, url));

    [Fact]
    public Task An_Azure_section_beside_a_foreign_url_key_stays_quiet() =>
        VerifyAsync(
            StarWarsApp(string.Empty),
            new[]
            {
                ("appsettings.json", """
                    {
                      "AzureOpenAI": { "StarWarsBaseUrl": "https://starwars.fandom.com/api.php", "ChatModel": "gpt-5-mini" },
                      "Settings": { "WikiBaseUrl": "https://starwars.fandom.com/api.php", "ChatDeployment": "gpt-5-mini", "Model": "gpt-5-mini" }
                    }
                    """),
            });

    // Half-typed: the settings class lacks the property the code hands to the base address, and the registration
    // is unfinished. No crash; the read still counts as an endpoint use, so the section stays quiet.
    [Fact]
    public Task A_half_typed_settings_read_into_an_endpoint_keeps_the_section_quiet() =>
        VerifyAsync(
            Usings + """
                public class SettingsOptions
                {
                    public string OpenAiModel { get; set; } = null!;
                }

                public static class Registrations
                {
                    public static void Add(HttpClient http, SettingsOptions settings)
                    {
                        http.BaseAddress = new Uri(settings.{|CS1061:ContosoBaseUrl|});
                        var client = new OpenAIClient("key").GetChatClient(settings.OpenAiModel).{|CS1061:AsIChatClien|}();
                    }
                }
                """,
            StarWarsFile("ContosoBaseUrl", "https://llm.contoso.com/v1"));
}
