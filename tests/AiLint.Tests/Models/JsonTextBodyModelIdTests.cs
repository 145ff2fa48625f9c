using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on the <c>"model"</c> of a raw request body written as JSON text and given to <c>StringContent</c>
/// (RequestBodyShape, JsonBodyText), the shapes hobby apps post: an escaped literal
/// (<c>new StringContent("{\"model\":\"gpt-3.5-turbo\",...}", Encoding.UTF8, "application/json")</c>), a verbatim
/// string, an interpolated one with the model as a hole (<c>$"{{\"model\": \"{engine}\", ...}}"</c>, GPT3Wrapper's
/// APIClient.InvokeAPI), a raw <c>$$"""{"model":"{{ProbeModel}}", ...}"""</c> (an Anthropic connectivity probe), a
/// concatenation, often built in a local first. A hole inside the quotes is the model value, read as any body value is
/// (a field, a constant, a local). Quiet twins: text that is not JSON, a "model" key inside a nested object, a host that
/// is not an LLM endpoint, a GET, a hole inserted unquoted or holding a number, Ollama's local names, JSON text handed to a
/// serializer (sent as a JSON string, not an object), half-typed code.
/// </summary>
public class JsonTextBodyModelIdTests
{
    private const string Usings = """
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

    [Fact]
    public Task Escaped_and_verbatim_literals_are_reported_on_the_id() =>
        VerifyNoSdkAsync("""
            class ChatGpt
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Escaped() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent("{\"model\":\"{|#0:gpt-3.5-turbo-0301|}\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Encoding.UTF8, "application/json"));

                public Task<HttpResponseMessage> Verbatim()
                {
                    var json = @"{""model"": ""{|#1:gpt-4-32k|}"", ""messages"": [{""role"": ""user"", ""content"": ""hi""}]}";
                    return http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0301", "2024-09-13", ""),
            Diagnostic("AIL0503").WithLocation(1));

    [Fact]
    public Task A_hole_inside_the_quotes_is_the_model_value() =>
        VerifyNoSdkAsync(""""
            class Client
            {
                private const string ProbeModel = "gpt-3.5-turbo-0301";
                private readonly string _model = "gpt-4-32k";
                private readonly HttpClient http = new HttpClient();

                // Interpolated, escaped quotes beside the hole, built in a local first: reported at the hole, as a field
                // given to any body member is.
                public Task<HttpResponseMessage> Interpolated(string prompt)
                {
                    string requestBody = $"{{\"model\": \"{{|#0:_model|}}\", \"messages\": [{{\"role\":\"system\",\"content\":\"{prompt}\"}}], \"temperature\": 0.7}}";
                    return http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(requestBody, Encoding.UTF8, "application/json"));
                }

                // A raw interpolated string with a constant in the hole: reported on the constant's name, as in any body.
                public Task<HttpResponseMessage> Raw() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(
                        $$"""{"model":"{{{|#1:ProbeModel|}}}","max_tokens":1,"messages":[{"role":"user","content":"hi"}]}""",
                        Encoding.UTF8, "application/json"));

                // A concatenation with a local.
                public Task<HttpResponseMessage> Concatenated(string question)
                {
                    var model = "text-davinci-003";
                    var content = new StringContent("{\"model\":\"" + {|#2:model|} + "\",\"prompt\":\"" + question + "\"}", Encoding.UTF8, "application/json");
                    return http.PostAsync("https://api.openai.com/v1/completions", content);
                }
            }
            """",
            Diagnostic("AIL0503").WithLocation(0),
            Diagnostic("AIL0503").WithLocation(1),
            Diagnostic("AIL0503").WithLocation(2));

    // The reported shapes' twins: the same text with a current id, text that is not JSON, the retired id only in a
    // nested object, a non-LLM host, a GET.
    [Fact]
    public Task Text_that_is_not_a_top_level_model_at_an_llm_post_is_quiet() =>
        VerifyNoSdkAsync(""""
            class Client
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Current() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent("{\"model\":\"gpt-6-astra\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Encoding.UTF8, "application/json"));

                // Form-encoded and single-quoted text: not JSON.
                public Task<HttpResponseMessage> NotJson() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("model=gpt-4-32k&messages=hi"));

                public Task<HttpResponseMessage> SingleQuoted() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{'model': 'gpt-4-32k', 'messages': []}"));

                // "model" only inside the app's metadata object: not the request's model.
                public Task<HttpResponseMessage> Nested() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("""
                        {"metadata": {"model": "gpt-4-32k", "source": "import"}, "model": "gpt-6-astra", "messages": []}
                        """));

                public Task<HttpResponseMessage> NestedOnly(string question) =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent($$"""{"messages":[{"role":"user","content":"{{question}}"}],"metadata":{"model":"gpt-4-32k"} }"""));

                public Task<HttpResponseMessage> Orders(string model) =>
                    http.PostAsync("https://example.com/api/orders", new StringContent($"{{\"model\": \"{Retired}\", \"messages\": []}}"));

                public Task<HttpResponseMessage> Get()
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/chat/completions")
                    {
                        Content = new StringContent("{\"model\":\"gpt-4-32k\",\"messages\":[]}"),
                    };
                    return http.SendAsync(request);
                }

                private const string Retired = "gpt-4-32k";
            }
            """");

    // A hole the text inserts unquoted is not a string (a number, a JSON fragment); a number inside the quotes names no
    // model; JSON text given to PostAsJsonAsync or a serializer is sent as one JSON string; Ollama's names are local.
    [Fact]
    public Task Unquoted_or_numeric_holes_serialized_text_and_ollama_names_are_quiet() =>
        VerifyNoSdkAsync("""
            class Client
            {
                private const string Retired = "gpt-4-32k";
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Unquoted() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent($"{{\"model\": {Retired}, \"messages\": []}}"));

                public Task<HttpResponseMessage> Number(int version) =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent($"{{\"model\": \"{version}\", \"messages\": []}}"));

                public Task<HttpResponseMessage> AsJsonString() =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", "{\"model\":\"gpt-4-32k\",\"messages\":[]}");

                public Task<HttpResponseMessage> Serialized() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(JsonSerializer.Serialize("{\"model\":\"gpt-4-32k\",\"messages\":[]}")));

                public Task<HttpResponseMessage> Ollama(string prompt)
                {
                    var model = "llama3";
                    return http.PostAsync("http://localhost:11434/api/chat",
                        new StringContent($"{{\"model\": \"{model}\", \"messages\": [{{\"role\": \"user\", \"content\": \"{prompt}\"}}]}}"));
                }

                public Task<HttpResponseMessage> OllamaAlias() =>
                    http.PostAsync("http://localhost:11434/api/generate", new StringContent($"{{\"model\": \"{Retired}\", \"prompt\": \"hi\"}}"));
            }
            """);

    [Fact]
    public async Task Half_typed_text_bodies_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """"
                class Draft
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Hole() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent($"{{\"model\": \"{ }\", \"messages\": []}}"));

                    public Task<HttpResponseMessage> Unterminated() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{\"model\": \"gpt-4-32k));

                    public Task<HttpResponseMessage> Escape() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{\"model\": \"gpt\\u00", Encoding.UTF8, ));

                    // Text cut short after the model: the members read before it stop being JSON are kept.
                    public Task<HttpResponseMessage> Kept() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{\"model\": \"{|#0:gpt-4-32k|}\", \"messages\": ["));
                }
                """",
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0));
        await test.RunAsync();
    }
}
