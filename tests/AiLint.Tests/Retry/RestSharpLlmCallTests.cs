using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Retry;

/// <summary>
/// LLM calls sent with RestSharp (114): a request POSTed by <c>ExecuteAsync</c>, <c>ExecutePostAsync</c>, <c>PostAsync</c>
/// or <c>PostJsonAsync</c> on a client whose base URL the code shows, to the URL base + resource classified as an
/// HttpClient URL is. Quiet twins: a GET, the app's own API, a provider-only relative path on an injected client, a
/// request the code does not build in view; half-typed code.
/// </summary>
public class RestSharpLlmCallTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using RestSharp;

        """;

    private static DiagnosticResult Call(int location) => LlmCallProbe.Call(location, "Generation", "Http");

    [Fact]
    public Task RestSharp_posts_to_provider_endpoints_are_llm_calls() => LlmCallProbe.VerifyAsync(
        Usings + """
        class Reply { public string id { get; set; } = ""; }
        class C
        {
            private readonly RestClient openAI = new RestClient("https://api.openai.com/v1");
            private readonly RestClient anthropic = new RestClient(new RestClientOptions("https://api.anthropic.com"));

            async Task M(string question, CancellationToken ct)
            {
                var body = new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = question } } };
                var request = new RestRequest("chat/completions", Method.Post).AddJsonBody(body);
                await openAI.{|#0:ExecuteAsync|}(request, ct);

                var post = new RestRequest("chat/completions");
                post.AddHeader("Authorization", "Bearer key");
                post.AddBody(body);
                await openAI.{|#1:ExecutePostAsync|}(post, ct);
                await openAI.{|#2:PostAsync|}<Reply>(post, ct);
                await openAI.{|#3:PostJsonAsync|}<object, Reply>("chat/completions", body, ct);

                var messages = new RestRequest("v1/messages") { Method = Method.Post };
                messages.AddJsonBody(new { model = "claude-sonnet-4-5", max_tokens = 512, messages = new[] { new { role = "user", content = question } } });
                await anthropic.{|#4:ExecuteAsync|}(messages, ct);
                await anthropic.{|#5:ExecuteAsync|}(new RestRequest("https://api.openai.com/v1/responses").AddStringBody("{\"model\":\"gpt-4o-mini\",\"input\":\"hi\"}", ContentType.Json), Method.Post, ct);
            }
        }
        """,
        Call(0), Call(1), Call(2), Call(3), Call(4), Call(5));

    [Fact]
    public Task RestSharp_gets_the_apps_own_api_an_injected_client_and_an_unseen_request_are_quiet() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            private readonly RestClient openAI = new RestClient("https://api.openai.com/v1");
            private readonly RestClient own = new RestClient(new RestClientOptions("https://example.com/api"));
            private readonly IRestClient injected;
            C(IRestClient injected) => this.injected = injected;

            async Task M(string question, RestRequest given, CancellationToken ct)
            {
                var body = new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = question } } };
                await openAI.ExecuteAsync(new RestRequest("models"), ct);
                await openAI.ExecuteAsync(new RestRequest("chat/completions").AddJsonBody(body), ct);
                await openAI.ExecuteGetAsync(new RestRequest("chat/completions"), ct);
                await own.ExecutePostAsync(new RestRequest("orders").AddJsonBody(body), ct);
                await own.PostJsonAsync("transcripts", body, ct);
                await injected.ExecutePostAsync(new RestRequest("responses").AddJsonBody(new { input = question }), ct);
                await openAI.ExecutePostAsync(given, ct);
            }
        }
        """);

    [Fact]
    public Task Retry_loop_around_a_RestSharp_chat_completions_post_is_AIL0001_and_around_a_get_is_quiet() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        using System.Net.Http;

        class LlmClient
        {
            private readonly RestClient client = new RestClient("https://api.openai.com/v1");

            public async Task<string?> AskAsync(string prompt, CancellationToken ct)
            {
                var request = new RestRequest("chat/completions", Method.Post)
                    .AddJsonBody(new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = prompt } } });
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.[|ExecuteAsync|](request, ct);
                        if (!response.IsSuccessful)
                        {
                            throw new HttpRequestException(response.ErrorMessage);
                        }

                        return response.Content;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(500 * (attempt + 1), ct);
                    }
                }

                throw new InvalidOperationException("The model did not answer.");
            }

            public async Task<string?> ModelsAsync(CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var response = await client.ExecuteGetAsync(new RestRequest("models"), ct);
                        if (!response.IsSuccessful)
                        {
                            throw new HttpRequestException(response.ErrorMessage);
                        }

                        return response.Content;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_RestSharp_code_is_quiet_and_does_not_crash()
    {
        var test = new AnalyzerTest<LlmCallProbeAnalyzer>
        {
            TestCode = Usings + """
                class C
                {
                    async Task M(string question)
                    {
                        var client = new RestClient(;
                        await client.ExecutePostAsync(new RestRequest("chat/completions", Method.).AddJsonBody(new { model = "gpt-4o-mini" }));
                        await new RestClient("https://api.openai.com/v1").ExecuteAsync(new RestRequest(.AddJsonBody(), Method.Post);
                        await new RestClient(new Missing()).PostJsonAsync("chat/completions", );
                        await new RestClient(new RestClientOptions { BaseUrl = }).ExecuteAsync(new Unknown("chat/completions"));
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
