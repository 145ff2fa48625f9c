using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on the <c>model</c> of a raw POST to one of OpenAI's model-bearing endpoints that are not generation
/// calls (RawHttpModelIds.ModelBearingEndpoints.cs): <c>/v1/images/generations</c>, <c>/v1/images/edits</c>,
/// <c>/v1/images/variations</c> and <c>/v1/moderations</c>, read only where the URL or the client's base address spells
/// api.openai.com. The reported shape is review90's AMMarkin/KidAIAssistant (a DTO whose <c>Model</c> defaults to
/// "dall-e-2", sent in <c>JsonContent</c> on a POST request message); its twins stay quiet: the same body to another host,
/// a current image model the table does not retire, and half-typed code.
/// </summary>
public class RawImageRequestModelIdTests
{
    private const string Usings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        """;

    private const string DalleRequest = """
        public class DalleRequestModel
        {
            public string Model { get; set; } = {|#0:"dall-e-2"|};
            public required string Prompt { get; set; }
            public string Size { get; set; } = "256x256";
        }

        """;

    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The KidAIAssistant shape, reduced: the URL in a local, a POST request message, the DTO's default as the model.
    private const string ImageService = """
        public class ImageService(HttpClient http)
        {
            internal async Task<string> CreateIllustration(string prompt)
            {
                string url = @"URL";
                using var request = new HttpRequestMessage(HttpMethod.Post, url);
                var dalleRequest = new DalleRequestModel() { Prompt = prompt };
                request.Content = JsonContent.Create<DalleRequestModel>(dalleRequest);
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    [Fact]
    public Task Dto_default_dalle_2_posted_to_OpenAI_images_generations_is_reported() =>
        VerifyNoSdkAsync(DalleRequest + ImageService.Replace("URL", "https://api.openai.com/v1/images/generations"),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-2", "2026-05-12", ""));

    [Fact]
    public Task Same_body_to_another_host_is_quiet() =>
        VerifyNoSdkAsync(DalleRequest.Replace("{|#0:\"dall-e-2\"|}", "\"dall-e-2\"") + ImageService.Replace("URL", "https://images.example.com/v1/images/generations"));

    [Fact]
    public Task Anonymous_bodies_to_images_and_moderations_are_reported_and_current_ids_are_quiet() =>
        VerifyNoSdkAsync("""
            class Images
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> DrawAsync(string prompt) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/images/generations", new { model = {|#0:"dall-e-3"|}, prompt, n = 1 });

                public Task<HttpResponseMessage> EditAsync(string prompt) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/images/edits", new { model = {|#1:"dall-e-2"|}, prompt });

                public Task<HttpResponseMessage> ModerateAsync(string input) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/moderations", new { model = {|#2:"text-moderation-latest"|}, input });

                // Current models the table does not retire: no verdict.
                public Task<HttpResponseMessage> DrawCurrentAsync(string prompt) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/images/generations", new { model = "gpt-image-2.6-sunburst", prompt });

                public Task<HttpResponseMessage> ModerateCurrentAsync(string input) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/moderations", new { model = "omni-moderation-2024-09-26", input });

                // An app's own images API with OpenAI's path shape, on a host the code does not spell: not OpenAI's ids.
                public Task<HttpResponseMessage> OwnApiAsync(string baseUrl, string prompt) =>
                    http.PostAsJsonAsync($"{baseUrl}/v1/images/generations", new { model = "dall-e-2", prompt });

                // Another OpenAI path that takes no model id the table knows.
                public Task<HttpResponseMessage> FilesAsync(string prompt) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/files", new { model = "dall-e-2", prompt });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-3", "2026-05-12", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("dall-e-2", "2026-05-12", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("text-moderation-latest", "2025-10-27", "; the provider recommends 'omni-moderation-2024-09-26'"));

    // A settings class's default is reported where the body reads it, as in a chat body (RawHttpModelIdTests).
    [Fact]
    public Task Settings_default_posted_relative_to_an_OpenAI_base_address_is_reported_and_another_base_is_quiet() =>
        VerifyNoSdkAsync("""
            public class ImageSettings
            {
                public string Model { get; set; } = "dall-e-3";
            }

            class OpenAIImages
            {
                private readonly HttpClient http = new HttpClient { BaseAddress = new System.Uri("https://api.openai.com/v1/") };
                private readonly ImageSettings settings = new ImageSettings();

                public Task<HttpResponseMessage> DrawAsync(string prompt) =>
                    http.PostAsJsonAsync("images/generations", new { model = {|#0:settings.Model|}, prompt });
            }

            class LocalImages
            {
                private readonly HttpClient http = new HttpClient { BaseAddress = new System.Uri("http://localhost:8080/v1/") };

                public Task<HttpResponseMessage> DrawAsync(string prompt) =>
                    http.PostAsJsonAsync("images/generations", new { model = "dall-e-2", prompt });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-3", "2026-05-12", ""));

    [Fact]
    public async Task Half_typed_image_requests_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                class Images
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> DrawAsync(string prompt) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/images/generations", new { model = Missing.Model, prompt });

                    public Task<HttpResponseMessage> EditAsync(string prompt) =>
                        http.PostAsJsonAsync(UnknownUrl, new { model = "dall-e-2", prompt });

                    public Task<HttpResponseMessage> BrokenAsync(string prompt) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/images/generations", new UnknownDto { Model = "dall-e-2" });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
