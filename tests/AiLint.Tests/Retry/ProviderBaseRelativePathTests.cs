using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retry loop around a raw POST to a relative path that names an endpoint only on its provider's base address
/// (<c>"responses"</c>, <c>"messages"</c>, <c>"v1/messages"</c>): an LLM call when every base address the client can have
/// is OpenAI's or Anthropic's, by the reading AIL0501 makes of it (RawHttpBaseAddresses, BaseAddressValues: the posting
/// type's own assignments, typed and named <c>AddHttpClient</c> registrations, settings defaults and
/// <c>appsettings*.json</c> values). The real shape is TreyWheeler/MigrationReport's <c>OpenAIAlignmentClient</c>
/// (review 61 N1): a typed client whose constructor sets <c>BaseAddress</c> from <c>OpenAIOptions.BaseUrl</c>
/// (default and appsettings <c>https://api.openai.com/v1</c>) and a status-retry <c>for</c> loop posting
/// <c>"responses"</c>. Each reported shape has a quiet twin: another host, a host the code does not resolve, a path that
/// is no generation endpoint.
/// </summary>
public class ProviderBaseRelativePathTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        """;

    private const string OpenAIOptions = """
        public sealed class OpenAIOptions
        {
            public string? ApiKey { get; set; }
            public string Model { get; set; } = "gpt-4.1-mini";
            public string BaseUrl { get; set; } = "https://api.openai.com/v1";
            public int MaxRetryCount { get; set; } = 3;
        }

        """;

    // MigrationReport's client, its request built in the loop from the same inputs each pass.
    private const string AlignmentClient = """
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
                    var normalizedBase = _options.BaseUrl!.TrimEnd('/') + "/";
                    _httpClient.BaseAddress = new Uri(normalizedBase);
                }
            }

            public async Task<string> SuggestAsync(string prompt, string model, CancellationToken cancellationToken)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var payload = new { model, input = prompt };
                    using var response = await _httpClient.{|#0:PostAsJsonAsync|}("responses", payload, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync(cancellationToken);
                    }

                    if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                        continue;
                    }

                    throw new HttpRequestException($"OpenAI request failed: {response.StatusCode}");
                }

                throw new HttpRequestException("OpenAI request failed after retries.");
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHttpClient<AlignmentClient>();
        }

        """;

    private static Task VerifyAsync(string source, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = Usings + source };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, Array.Empty<(string, string)>(), expected);

    private static DiagnosticResult Status(int location, string call) =>
        RetryTestSupport.Diagnostic(Id).WithLocation(location).WithArguments(call, "for loop that sends again after a failed status");

    private static (string, string) Settings(string baseUrl) =>
        ("appsettings.json", "{ \"OpenAI\": { \"Model\": \"gpt-4.1-mini\", \"BaseUrl\": \"" + baseUrl + "\" } }");

    [Fact]
    public Task Relative_responses_on_an_options_base_url_of_OpenAI_is_reported() =>
        VerifyAsync(OpenAIOptions + AlignmentClient, new[] { Settings("https://api.openai.com/v1") }, Status(0, "PostAsJsonAsync"));

    // The same code with the options' default alone (no settings file): the default is the base address.
    [Fact]
    public Task Relative_responses_on_the_options_default_alone_is_reported() =>
        VerifyAsync(OpenAIOptions + AlignmentClient, Status(0, "PostAsJsonAsync"));

    // appsettings.json names another server: either value may be the one in use, so the path is not known to be OpenAI's.
    [Fact]
    public Task Relative_responses_when_settings_name_another_host_is_quiet() =>
        VerifyAsync(OpenAIOptions + AlignmentClient.Replace("{|#0:PostAsJsonAsync|}", "PostAsJsonAsync"), new[] { Settings("http://localhost:8080/v1") });

    // A local server's default: "responses" there may be anything.
    [Fact]
    public Task Relative_responses_on_a_local_server_default_is_quiet() =>
        VerifyAsync(
            OpenAIOptions.Replace("https://api.openai.com/v1", "http://localhost:11434/v1")
            + AlignmentClient.Replace("{|#0:PostAsJsonAsync|}", "PostAsJsonAsync"));

    // OpenAI's base address but a path that is no generation endpoint (embeddings, files): not an LLM generation.
    [Fact]
    public Task Relative_embeddings_on_OpenAIs_base_is_quiet() =>
        VerifyAsync(OpenAIOptions + AlignmentClient.Replace("{|#0:PostAsJsonAsync|}(\"responses\"", "PostAsJsonAsync(\"embeddings\""));

    // MigrationReport's own request shape: a project method creates the POST to "responses" each pass (from its
    // parameters only) and the loop sends it; the base address comes from the options as above.
    [Fact]
    public Task Request_to_responses_created_by_a_helper_and_sent_in_a_status_loop_is_reported() =>
        VerifyAsync(
            OpenAIOptions + AlignmentClient
                .Replace("var payload = new { model, input = prompt };", "using var requestMessage = CreateRequestMessage(prompt, model);")
                .Replace("{|#0:PostAsJsonAsync|}(\"responses\", payload, cancellationToken)", "{|#0:SendAsync|}(requestMessage, cancellationToken)")
                .Replace(
                    "public async Task<string> SuggestAsync(",
                    """
                    private static HttpRequestMessage CreateRequestMessage(string prompt, string model)
                    {
                        var message = new HttpRequestMessage(HttpMethod.Post, "responses");
                        message.Content = JsonContent.Create(new { model, input = prompt });
                        return message;
                    }

                    public async Task<string> SuggestAsync(
                    """),
            Status(0, "SendAsync"));

    // A named client registered with Anthropic's base address elsewhere; the type never mentions the provider and the
    // body is passed in, so only the base address says the generic "v1/messages" path is Anthropic's.
    private const string NamedClient = """
        static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddHttpClient("llm", c => c.BaseAddress = new Uri("BASE"));
        }

        public sealed class Gateway(IHttpClientFactory factory)
        {
            public async Task<string> SendAsync(object body, CancellationToken cancellationToken)
            {
                var http = factory.CreateClient("llm");
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.{|#0:PostAsJsonAsync|}("PATH", body, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync(cancellationToken);
                    }

                    await Task.Delay(1000 * (attempt + 1), cancellationToken);
                }

                throw new InvalidOperationException("No answer.");
            }
        }
        """;

    [Theory]
    [InlineData("https://api.anthropic.com/", "v1/messages")]
    [InlineData("https://api.anthropic.com/v1/", "messages")]
    [InlineData("https://api.openai.com/v1/", "responses")]
    public Task Named_client_on_a_provider_base_posting_its_endpoint_is_reported(string baseAddress, string path) =>
        VerifyAsync(NamedClient.Replace("BASE", baseAddress).Replace("PATH", path), Status(0, "PostAsJsonAsync"));

    [Theory]
    [InlineData("https://api.example.com/", "v1/messages")]
    [InlineData("https://api.example.com/v1/", "responses")]
    [InlineData("https://api.anthropic.com/v1/", "responses")]
    [InlineData("https://api.openai.com/v1/", "messages")]
    [InlineData("https://api.anthropic.com/v1/", "v2/messages")]
    public Task Named_client_on_another_host_or_posting_another_providers_path_is_quiet(string baseAddress, string path) =>
        VerifyAsync(NamedClient.Replace("BASE", baseAddress).Replace("PATH", path).Replace("{|#0:PostAsJsonAsync|}", "PostAsJsonAsync"));

    // A client handed in by the caller: its base address is not known, so the path is not known to be a provider's.
    [Fact]
    public Task Client_parameter_posting_responses_is_quiet() => VerifyAsync("""
        public sealed class Gateway
        {
            public async Task<string> SendAsync(HttpClient http, object body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsJsonAsync("responses", body);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    await Task.Delay(1000);
                }

                throw new InvalidOperationException("No answer.");
            }
        }
        """);

    // Half-typed code: a registration without its base address, a base address without a value, a post without a path.
    [Fact]
    public async Task Half_typed_registrations_and_posts_do_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + """
                static class Registration
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddHttpClient("llm", c => c.BaseAddress = );
                        services.AddHttpClient(, c => c.BaseAddress = new Uri());
                    }
                }

                public sealed class Gateway(IHttpClientFactory factory)
                {
                    public async Task<string> SendAsync(object body)
                    {
                        var http = factory.CreateClient("llm");
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var response = await http.PostAsJsonAsync("responses", body);
                            var other = await http.PostAsJsonAsync(, body);
                            if (response.IsSuccessStatusCode)
                            {
                                return await response.Content.ReadAsStringAsync();
                            }
                        }

                        throw new InvalidOperationException();
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
