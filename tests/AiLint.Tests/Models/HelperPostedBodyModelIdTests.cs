using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on a request body built by the caller and handed to a project helper that posts it
/// (HelperPostedBodies): <c>await PostAsync("chat/completions", new { model = "gpt-4o", ... })</c> with
/// <c>PostAsync&lt;T&gt;(string path, object body) =&gt; _http.PostAsJsonAsync(path, body)</c>, and review57's
/// barreto-exe/CronometerLogMealApi, whose <c>GenerateTextAsync</c> builds a <c>ChatCompletionRequest</c> and hands it to
/// <c>GenerateContentAsync</c>, which serializes it into <c>StringContent</c> and posts <c>"chat/completions"</c> on a
/// client based at <c>https://api.openai.com/v1/</c>. The id is read at the caller's argument. Quiet twins: the same
/// helper given a URL that is no LLM endpoint, a virtual helper (another override may send it elsewhere), a helper that
/// posts JSON text it is given.
/// </summary>
public class HelperPostedBodyModelIdTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string PostingHelper = """
        public sealed class OpenAiApi(HttpClient http)
        {
            private async Task<T?> PostAsync<T>(string path, object body)
            {
                using var response = await http.PostAsJsonAsync(path, body);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<T>();
            }

        """;

    [Fact]
    public Task Body_handed_to_a_posting_helper_with_the_endpoint_is_read_at_the_caller() =>
        VerifyNoSdkAsync(PostingHelper + """
                public Task<JsonElement> AskAsync(string text) =>
                    PostAsync<JsonElement>("https://api.openai.com/v1/chat/completions", new
                    {
                        model = {|#0:"gpt-4o"|},
                        messages = new[] { new { role = "user", content = text } },
                    });

                public Task<JsonElement> NotifyAsync(string text) =>
                    PostAsync<JsonElement>("https://hooks.example.com/notify", new { model = "gpt-4o", text });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // The relative path on a client whose base address is OpenAI's, set where the helper's type creates it.
    [Fact]
    public Task Relative_path_handed_with_the_body_to_a_helper_on_OpenAIs_base_is_read_at_the_caller() =>
        VerifyNoSdkAsync("""
            public sealed class OpenAiApi
            {
                private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };

                private Task<HttpResponseMessage> PostAsync(string path, object body) => _http.PostAsJsonAsync(path, body);

                public Task<HttpResponseMessage> AskAsync(string text) =>
                    PostAsync("chat/completions", new { model = {|#0:"gpt-4o"|}, messages = new[] { new { role = "user", content = text } } });

                public Task<HttpResponseMessage> UploadAsync(string text) =>
                    PostAsync("files", new { model = "gpt-4o", purpose = text });
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // A virtual helper may be overridden to post elsewhere; a helper given the JSON text is not read (text parameter).
    [Fact]
    public Task Virtual_helper_and_text_body_helper_are_quiet() =>
        VerifyNoSdkAsync("""
            public class OpenAiApi(HttpClient http)
            {
                protected virtual Task<HttpResponseMessage> PostAsync(string path, object body) => http.PostAsJsonAsync(path, body);

                private Task<HttpResponseMessage> PostTextAsync(string json) =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

                public Task<HttpResponseMessage> AskAsync(string text) =>
                    PostAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", messages = new[] { new { role = "user", content = text } } });

                public Task<HttpResponseMessage> AskTextAsync(string text) =>
                    PostTextAsync(JsonSerializer.Serialize(new { model = "gpt-4o", messages = new[] { new { role = "user", content = text } } }));
            }
            """);

    // barreto-exe/CronometerLogMealApi's OpenAIHttpClient: the caller builds the DTO, the helper serializes its
    // parameter into StringContent and posts "chat/completions" on OpenAI's base address.
    [Fact]
    public Task Dto_built_by_the_caller_and_serialized_by_the_helper_is_read_at_the_caller() =>
        VerifyNoSdkAsync("""
            public sealed class ChatMessage { public string Role { get; set; } = ""; public object? Content { get; set; } }
            public sealed class ChatCompletionRequest
            {
                public string? Model { get; set; }
                public ChatMessage[] Messages { get; set; } = [];
            }
            public sealed class OpenAIHttpClient
            {
                private readonly HttpClient _http;

                public OpenAIHttpClient(HttpClient http)
                {
                    _http = http;
                    _http.BaseAddress = new Uri("https://api.openai.com/v1/");
                }

                public Task<string> GenerateTextAsync(string prompt)
                {
                    var req = new ChatCompletionRequest
                    {
                        Model = {|#0:"gpt-4o"|},
                        Messages = [new ChatMessage { Role = "user", Content = prompt }],
                    };
                    return GenerateContentAsync(req);
                }

                public async Task<string> GenerateContentAsync(ChatCompletionRequest request)
                {
                    var path = "chat/completions";
                    using var content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json");
                    using var res = await _http.PostAsync(path, content);
                    res.EnsureSuccessStatusCode();
                    return await res.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));
}
