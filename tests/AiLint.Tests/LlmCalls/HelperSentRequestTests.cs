using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A POST request message built by a project factory and handed to a project helper that sends it (review 69's U4,
/// Mobven-Team3/DayStory-API's OpenAIService): <c>var request = CreateChatCompletionRequest(text);</c> returns
/// <c>new HttpRequestMessage(HttpMethod.Post, OpenAIConstants.ChatCompletionsEndpoint)</c> with its <c>Content</c> set,
/// and <c>SendRequestAsync(request)</c> calls <c>_httpClient.SendAsync(request)</c>. The call of the helper is the LLM
/// call (RawHttpLlmCalls.HelperSends): the same helper sends the image request too, so only the caller tells them apart.
/// </summary>
public class HelperSentRequestTests
{
    private const string MoreUsings = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Retry.RetryTestSupport.VerifyAsync("AIL0001", Usings + MoreUsings + source, expected);

    // DayStory's constants and its factory + sender pair, reduced (the chat and image factories share the sender).
    private const string DayStoryService = """
        public static class OpenAIConstants
        {
            public const string ChatCompletionsEndpoint = "https://api.openai.com/v1/chat/completions";
            public const string ImageGenerationsEndpoint = "https://api.openai.com/v1/images/generations";
            public const string ChatModel = "gpt-4o";
        }

        public class OpenAIService(HttpClient httpClient)
        {
            private HttpRequestMessage CreateChatCompletionRequest(string text)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, OpenAIConstants.ChatCompletionsEndpoint);
                var requestBody = new
                {
                    model = OpenAIConstants.ChatModel,
                    messages = new[] { new { role = "system", content = "You summarise diaries." }, new { role = "user", content = text } },
                    max_tokens = 150,
                };
                request.Content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                return request;
            }

            private HttpRequestMessage CreateImageGenerationRequest(string summary)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, OpenAIConstants.ImageGenerationsEndpoint);
                request.Content = new StringContent(JsonSerializer.Serialize(new { model = "dall-e-3", prompt = summary }), Encoding.UTF8, "application/json");
                return request;
            }

            private HttpRequestMessage CreateModelsRequest() => new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");

            private async Task<string> SendRequestAsync(HttpRequestMessage request)
            {
                var response = await httpClient.SendAsync(request);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }

        """;

    [Fact]
    public Task A_retried_send_of_a_factory_built_chat_request_through_the_sending_helper_is_reported() => VerifyAsync(
        DayStoryService + """
            public async Task<string> GetSummaryAsync(string text)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var request = CreateChatCompletionRequest(text);
                        return await [|SendRequestAsync|](request);
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new InvalidOperationException("No summary.");
            }
        }
        """);

    // The same sender given the image request (images/generations) or a GET is not an LLM generation call.
    [Fact]
    public Task The_same_sending_helper_given_an_image_request_or_a_GET_stays_quiet() => VerifyAsync(
        DayStoryService + """
            public async Task<string> GetImageAsync(string summary)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await SendRequestAsync(CreateImageGenerationRequest(summary));
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new InvalidOperationException("No image.");
            }

            public async Task<string> ListModelsAsync()
            {
                while (true)
                {
                    try
                    {
                        return await SendRequestAsync(CreateModelsRequest());
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    // DayStory's public method is what callers retry: it reaches the LLM call through the helper call.
    [Fact]
    public Task A_retry_around_the_method_that_calls_the_sending_helper_is_reported() => VerifyAsync(
        DayStoryService + """
            public async Task<string> GetSummaryAsync(string text) => await SendRequestAsync(CreateChatCompletionRequest(text));
        }

        public class DiaryJob(OpenAIService openAI)
        {
            public async Task<string> RunAsync(string text)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await openAI.[|GetSummaryAsync|](text);
                    }
                    catch (HttpRequestException) when (attempt < 2)
                    {
                        await Task.Delay(500);
                    }
                }
            }
        }
        """);

    // A request built at the call and handed to a helper: the helper is the send, the caller's POST the request.
    [Fact]
    public Task A_request_built_by_the_caller_and_sent_by_an_extension_helper_is_reported_unless_the_helper_sets_an_idempotency_key() => VerifyAsync(
        """
        static class HttpExtensions
        {
            public static async Task<string> SendLoggedAsync(this HttpClient http, HttpRequestMessage message, CancellationToken ct)
            {
                using var response = await http.SendAsync(message, ct);
                return await response.Content.ReadAsStringAsync(ct);
            }

            public static async Task<string> SendKeyedAsync(this HttpClient http, HttpRequestMessage message)
            {
                message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var response = await http.SendAsync(message);
                return await response.Content.ReadAsStringAsync();
            }
        }

        public class Groq(HttpClient http)
        {
            public async Task<string> AskAsync(string q, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var message = new HttpRequestMessage(HttpMethod.Post, "https://api.groq.com/openai/v1/chat/completions")
                        {
                            Content = JsonContent.Create(new { model = "llama-3.1-8b-instant", messages = new[] { new { role = "user", content = q } } }),
                        };
                        return await http.[|SendLoggedAsync|](message, ct);
                    }
                    catch (HttpRequestException)
                    {
                    }
                }

                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await http.SendKeyedAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.groq.com/openai/v1/chat/completions"));
                    }
                    catch (HttpRequestException)
                    {
                    }
                }

                return "";
            }
        }
        """);

    // A helper that sends its request one of two ways, or a virtual one (an override may send it elsewhere), is not read.
    [Fact]
    public Task A_helper_that_sends_twice_or_is_virtual_stays_quiet() => VerifyAsync(
        """
        public class Client(HttpClient http)
        {
            private static HttpRequestMessage Chat() => new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions");

            private async Task<HttpResponseMessage> SendEitherAsync(HttpRequestMessage request, bool stream) =>
                stream ? await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead) : await http.SendAsync(request);

            protected virtual Task<HttpResponseMessage> SendVirtualAsync(HttpRequestMessage request) => http.SendAsync(request);

            public async Task RunAsync()
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await SendEitherAsync(Chat(), false);
                        await SendVirtualAsync(Chat());
                        return;
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_sending_helpers_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + """
                public class Broken(HttpClient http)
                {
                    private HttpRequestMessage Create() => new HttpRequestMessage(HttpMethod.Post, Missing.Endpoint);
                    private Task<HttpResponseMessage> SendItAsync(HttpRequestMessage request) => http.SendAsync(request
                    private Task<HttpResponseMessage> SendOtherAsync(HttpRequestMessage request, Unknown u) => u.SendAsync(request);

                    public async Task RunAsync()
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try { await SendItAsync(Create()); await SendOtherAsync(Create(), null); await SendItAsync(NoSuchFactory()); }
                            catch (HttpRequestException) { }
                        }
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    // The model rules read the body where the factory builds it (AIL0501: gpt-4o is a moving alias).
    [Fact]
    public Task The_model_rules_read_the_body_the_factory_sets_on_the_request_the_helper_sends()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = "using System;\nusing System.Threading.Tasks;\n" + MoreUsings + DayStoryService.Replace(
                "model = OpenAIConstants.ChatModel,", "model = {|#0:\"gpt-4o\"|},") + """
                    public Task<string> GetSummaryAsync(string text) => SendRequestAsync(CreateChatCompletionRequest(text));
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        test.ExpectedDiagnostics.Add(Models.ModelTestHelpers.Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", AiLint.Tests.Models.ModelTestHelpers.Gpt4oPointer));
        return test.RunAsync();
    }
}
