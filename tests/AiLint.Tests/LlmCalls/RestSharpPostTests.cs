using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// The model id of a request sent with RestSharp, read as the HttpClient POST body is: the value given to
/// <c>AddJsonBody</c>/<c>AddBody</c> (in the request's chain or on its local), JSON text given to <c>AddStringBody</c>,
/// and <c>PostJsonAsync</c>'s value, when the client's base URL and the request's resource name an LLM endpoint.
/// Quiet twins: the same body to the app's own API, a GET, a provider-only path on an injected client.
/// </summary>
public class RestSharpPostTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using RestSharp;

        """;

    /// <summary>The framework and RestSharp, no LLM SDK: the project a RestSharp app is.</summary>
    private static readonly ImmutableArray<MetadataReference> FrameworkAndRestSharp = ReferenceAssemblies.FrameworkOnly.AddRange(
        ReferenceAssemblies.Default.Where(r => Path.GetFileName(r.Display ?? "").StartsWith("RestSharp", StringComparison.OrdinalIgnoreCase)));

    private static Task VerifyAsync(string code, bool compiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = FrameworkAndRestSharp };
        if (!compiles)
        {
            test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Retired_ids_posted_with_RestSharp_to_OpenAI_are_reported() =>
        VerifyAsync("""
            class Reply { public string id { get; set; } = ""; }
            class OpenAIService
            {
                private readonly RestClient client = new RestClient("https://api.openai.com/v1");

                public async Task<string?> AskAsync(string question, CancellationToken ct)
                {
                    var request = new RestRequest("chat/completions", Method.Post)
                        .AddHeader("Authorization", "Bearer key")
                        .AddJsonBody(new { model = {|#0:"gpt-4.5-preview"|}, messages = new[] { new { role = "user", content = question } } });
                    var response = await client.ExecuteAsync(request, ct);
                    return response.Content;
                }

                public async Task<string?> AskAgainAsync(string question, CancellationToken ct)
                {
                    var request = new RestRequest("chat/completions");
                    request.AddBody(new { model = {|#1:"gpt-4.5-preview"|}, messages = new[] { new { role = "user", content = question } } });
                    var response = await client.ExecutePostAsync(request, ct);
                    return response.Content;
                }

                public Task<Reply?> AskJsonAsync(string question, CancellationToken ct) =>
                    client.PostJsonAsync<object, Reply>("chat/completions", new { model = {|#2:"gpt-4.5-preview"|}, messages = new[] { question } }, ct);

                public Task<RestResponse> AskTextAsync(CancellationToken ct) =>
                    new RestClient(new RestClientOptions("https://api.openai.com"))
                        .ExecutePostAsync(new RestRequest("v1/chat/completions").AddStringBody("{\"model\": \"{|#3:gpt-4.5-preview|}\", \"messages\": []}", ContentType.Json), ct);
            }
            """,
            compiles: true,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("gpt-4.5-preview", "2025-07-14", ""));

    [Fact]
    public Task RestSharp_bodies_to_the_apps_api_a_get_and_an_injected_client_are_quiet() =>
        VerifyAsync("""
            class Client
            {
                private readonly RestClient openAI = new RestClient("https://api.openai.com/v1");
                private readonly RestClient own = new RestClient("https://example.com/api");
                private readonly IRestClient injected;
                public Client(IRestClient injected) => this.injected = injected;

                public async Task M(string question, CancellationToken ct)
                {
                    var body = new { model = "gpt-4.5-preview", messages = new[] { question } };
                    await own.ExecutePostAsync(new RestRequest("orders").AddJsonBody(body), ct);
                    await own.PostJsonAsync("transcripts", body, ct);
                    await openAI.ExecuteAsync(new RestRequest("chat/completions").AddJsonBody(body), ct);
                    await injected.ExecutePostAsync(new RestRequest("responses").AddJsonBody(new { model = "gpt-4.5-preview", input = question }), ct);
                }
            }
            """,
            compiles: true);

    [Fact]
    public Task Half_typed_RestSharp_request_is_quiet_and_does_not_crash() =>
        VerifyAsync("""
            class Client
            {
                public async Task M(string question)
                {
                    var client = new RestClient("https://api.openai.com/v1");
                    await client.ExecutePostAsync(new RestRequest("chat/completions").AddJsonBod(new { model = "gpt-4.5-preview", messages = new[] { question } }));
                    await client.ExecuteAsync(new RestRequest("chat/completions", Method.Post).AddJsonBody(new Missing { model = "gpt-4.5-preview" }));
                    await client.PostJsonAsync("chat/completions", );
                    var request = new RestRequest("chat/completions", Method.Post);
                    request.AddJsonBody(;
                    await client.ExecuteAsync(request);
                }
            }
            """,
            compiles: false);
}
