using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review88 M1 (lukaszzborek/Langfuse-dotnet, Examples/Langfuse.Example.WebApi): a constant model id passed to the
/// project's helper <c>GetChatCompletionAsync(string model, string prompt)</c>, whose parameter becomes a raw HTTP body's
/// <c>model</c> (<c>new { model = model, messages }</c>) posted to <c>$"{BaseUrl}/chat/completions"</c> with
/// <c>const string BaseUrl = "https://api.openai.com/v1"</c>. The argument is the id the request sends, as when the helper
/// hands it to <c>GetChatClient(model)</c> (<see cref="HelperArgumentModelIdTests"/>). The body's endpoint decides whose
/// ids count, as for any value a body reads.
/// </summary>
public class HelperArgumentRawBodyTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    // The real helper (OpenAiWithLangfuseService), reduced: only the base URL varies between the tests.
    private static string Helper(string baseUrl) => $$"""
        public class OpenAiWithLangfuseService
        {
            private readonly HttpClient _httpClient;
            private const string BaseUrl = "{{baseUrl}}";

            public OpenAiWithLangfuseService(HttpClient httpClient) => _httpClient = httpClient;

            public async Task<string?> GetChatCompletionAsync(string model, string prompt)
            {
                var requestBody = new
                {
                    model = model,
                    messages = new[] { new { role = "user", content = prompt } }
                };

                var response = await _httpClient.PostAsync(
                    $"{BaseUrl}/chat/completions",
                    new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json"));

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
        }

        """;

    private static Task VerifyRawAsync(string code, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Usings + code, Array.Empty<(string, string)>(), expected);

    // The repro: both real call sites (ChatService.GetDataFromDb and Program.cs's endpoint, here a method).
    [Fact]
    public Task A_constant_passed_to_a_helper_that_posts_it_as_the_raw_body_model_to_OpenAI_is_reported_at_the_argument() =>
        VerifyRawAsync(Helper("https://api.openai.com/v1") + """
            public class ChatService
            {
                private readonly OpenAiWithLangfuseService _openAiService;

                public ChatService(OpenAiWithLangfuseService openAiService) => _openAiService = openAiService;

                public async Task<string> GetDataFromDb(string requestMessage)
                {
                    var additionalQuestions = await _openAiService.GetChatCompletionAsync({|#0:"gpt-4o-mini"|}, requestMessage);
                    return additionalQuestions ?? "Data from db";
                }

                public Task<string?> Endpoint(OpenAiWithLangfuseService openAiService, string prompt) =>
                    openAiService.GetChatCompletionAsync({|#1:"gpt-4o-mini"|}, prompt);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // Program.cs's helper writes `new { model, messages }`; a named constant is reported at its name, and a retired or
    // deprecated id through the helper is AIL0503/AIL0502 as at any slot. A dated snapshot stays quiet.
    [Fact]
    public Task The_shorthand_member_a_named_constant_and_retired_ids_through_the_helper_are_reported() =>
        VerifyRawAsync("""
            public class MiniService(HttpClient http)
            {
                public async Task<string> AskAsync(string model, string prompt)
                {
                    var body = new { model, messages = new[] { new { role = "user", content = prompt } } };
                    using var r = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                    return await r.Content.ReadAsStringAsync();
                }
            }

            public class Caller(MiniService ai)
            {
                private const string ChatModel = "gpt-4o";

                public async Task RunAsync(string q)
                {
                    await ai.AskAsync({|#0:ChatModel|}, q);
                    await ai.AskAsync({|#1:"gpt-3.5-turbo"|}, q);
                    await ai.AskAsync({|#2:"gpt-5-mini"|}, q);
                    await ai.AskAsync("gpt-5.4-mini-2026-03-17", q);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0502").WithLocation(2).WithArguments("gpt-5-mini", "2026-12-11", ""));

    // The quiet twins of the real helper: OpenAI-style servers that keep their own names ("gpt-4o-mini" may be a local
    // alias there), and a base URL the code does not spell.
    [Theory]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://localhost:8080/v1")]
    [InlineData("https://api.groq.com/openai/v1")]
    public Task The_same_helper_posting_to_another_server_is_not_reported(string baseUrl) =>
        VerifyRawAsync(Helper(baseUrl) + """
            public class ChatService(OpenAiWithLangfuseService ai)
            {
                public Task<string?> RunAsync(string q) => ai.GetChatCompletionAsync("gpt-4o-mini", q);
            }
            """);

    // A helper whose parameter is only logged (its body pins the model), one that writes the parameter, one that posts it
    // to OpenAI and to a local server, and calls that pass a value read at run time: no constant reaches a body's model.
    [Fact]
    public Task Parameters_only_logged_written_or_also_sent_elsewhere_and_non_constant_arguments_are_not_reported() =>
        VerifyRawAsync("""
            public class Service(HttpClient http, Microsoft.Extensions.Configuration.IConfiguration config)
            {
                public async Task<string> LoggedAsync(string model, string prompt)
                {
                    Console.WriteLine($"asked for {model}");
                    var body = new { model = "gpt-5.4-mini-2026-03-17", messages = new[] { new { role = "user", content = prompt } } };
                    using var r = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                    return await r.Content.ReadAsStringAsync();
                }

                public async Task<string> WrittenAsync(string model, string prompt)
                {
                    model = config["OpenAI:Model"] ?? model;
                    var body = new { model, messages = new[] { new { role = "user", content = prompt } } };
                    using var r = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                    return await r.Content.ReadAsStringAsync();
                }

                public async Task<string> EitherAsync(string model, string prompt, bool local)
                {
                    var body = new { model, messages = new[] { new { role = "user", content = prompt } } };
                    using var r = local
                        ? await http.PostAsJsonAsync("http://localhost:11434/v1/chat/completions", body)
                        : await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                    return await r.Content.ReadAsStringAsync();
                }

                public async Task<string> PinnedAsync(string model, string prompt)
                {
                    var body = new { model, messages = new[] { new { role = "user", content = prompt } } };
                    using var r = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                    return await r.Content.ReadAsStringAsync();
                }

                public async Task RunAsync(string q, string chosen)
                {
                    await LoggedAsync("gpt-4o", q);
                    await WrittenAsync("gpt-4o", q);
                    await EitherAsync("gpt-4o", q, local: false);
                    await PinnedAsync(chosen, q);
                    await PinnedAsync(config["OpenAI:Model"]!, q);
                    await PinnedAsync(q, "gpt-4o");
                }
            }
            """);

    // Anthropic's Messages API with its x-api-key header: only Anthropic's ids count there, as in a body written there.
    [Fact]
    public Task Through_a_helper_posting_to_Anthropics_API_only_Claude_ids_are_reported() =>
        VerifyRawAsync("""
            public class ClaudeService
            {
                private readonly HttpClient _http;

                public ClaudeService(HttpClient http, string apiKey)
                {
                    _http = http;
                    _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
                    _http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                }

                public async Task<string> CompleteAsync(string model, string prompt)
                {
                    var body = new { model = model, max_tokens = 1024, messages = new[] { new { role = "user", content = prompt } } };
                    using var r = await _http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                    return await r.Content.ReadAsStringAsync();
                }
            }

            public class Caller(ClaudeService claude)
            {
                public async Task RunAsync(string q)
                {
                    await claude.CompleteAsync({|#0:"claude-haiku-4-5"|}, q);
                    await claude.CompleteAsync({|#1:"claude-3-haiku-20240307"|}, q);
                    await claude.CompleteAsync("gpt-4o-mini", q);
                    await claude.CompleteAsync("claude-haiku-4-5-20251001", q);
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("claude-haiku-4-5", " (it pointed to 'claude-haiku-4-5-20251001' on 2026-12-07)"),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("claude-3-haiku-20240307", "2026-04-20", ""));

    // In a project that also references the OpenAI SDK the raw helper is read the same way.
    [Fact]
    public Task In_a_project_with_the_SDK_the_raw_helper_is_reported_too()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + Helper("https://api.openai.com/v1") + """
                public class ChatService(OpenAiWithLangfuseService ai, OpenAI.OpenAIClient client)
                {
                    public Task<string?> RunAsync(string q) => ai.GetChatCompletionAsync({|#0:"gpt-4o-mini"|}, q);
                    public OpenAI.Chat.ChatClient Chat() => client.GetChatClient("gpt-5.4-mini-2026-03-17");
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));
        return test.RunAsync();
    }

    // Half-typed code: a call missing its closing parenthesis, an unknown helper, a helper whose body does not compile.
    [Fact]
    public Task Half_typed_calls_and_helpers_do_not_crash_or_report_on_error_types()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + Helper("https://api.openai.com/v1") + """
                public class Broken(OpenAiWithLangfuseService ai, Missing other)
                {
                    public async Task RunAsync(string q)
                    {
                        await other.GetChatCompletionAsync("gpt-4o", q);
                        await Unknown("gpt-4o", q);
                        await HalfAsync("gpt-4o", q);
                        await ai.GetChatCompletionAsync("gpt-4o", q
                    }

                    private async Task<string> HalfAsync(string model, string prompt)
                    {
                        var body = new { model, messages = undefinedMessages };
                        using var r = await new HttpClient().PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                        return await r.Content.ReadAsStringAsync();
                    }
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
