using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A raw request body that a project helper builds and returns (a public GptResponseApi app:
/// <c>private static object CreateRequestBody(string prompt) =&gt; new { model = "text-davinci-001", prompt, max_tokens = 200 };</c>
/// posted as <c>http.PostAsJsonAsync("https://api.openai.com/v1/completions", CreateRequestBody(p))</c>): the body is the
/// helper's one return, read where every raw body is read (RequestBodyShape), so the model ids (AIL0501-AIL0503), the
/// sampling members (AIL0504) and the system text (AIL0301) of such a body are checked as if it were written at the POST.
/// Quiet twins: a virtual or interface helper, a helper with several returns, a body posted to a URL that is no LLM
/// endpoint, a model the caller writes again, a helper's helper (one level deep).
/// </summary>
public class HelperReturnedBodyModelIdTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    private static Task VerifyRawAsync(string code, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(Usings + code, Array.Empty<(string, string)>(), expected);

    private static DiagnosticResult Retired(int location) =>
        Diagnostic("AIL0503").WithLocation(location).WithArguments("text-davinci-001", "2024-01-04", "");

    // The app's shape, and the three other ways its callers post a helper's body: through a local, in JsonContent, and
    // serialized into StringContent. Each helper spells the id once, so each way is its own diagnostic.
    [Fact]
    public Task A_retired_id_in_a_body_a_helper_returns_is_reported_at_the_literal() =>
        VerifyRawAsync("""
            public class GptResponseService(HttpClient http)
            {
                private const string Url = "https://api.openai.com/v1/completions";

                private static object CreateRequestBody(string prompt) => new { model = {|#0:"text-davinci-001"|}, prompt, max_tokens = 200 };
                private static object LocalBody(string prompt) => new { model = {|#1:"text-davinci-001"|}, prompt, max_tokens = 200 };
                private static object ContentBody(string prompt) => new { model = {|#2:"text-davinci-001"|}, prompt, max_tokens = 200 };

                private static object TextBody(string prompt)
                {
                    var body = new { model = {|#3:"text-davinci-001"|}, prompt, max_tokens = 200 };
                    return body;
                }

                public Task<HttpResponseMessage> Direct(string p) => http.PostAsJsonAsync(Url, CreateRequestBody(p));

                public async Task<HttpResponseMessage> ThroughLocal(string p)
                {
                    var body = LocalBody(p);
                    return await http.PostAsJsonAsync(Url, body);
                }

                public Task<HttpResponseMessage> InJsonContent(string p) => http.PostAsync(Url, JsonContent.Create(ContentBody(p)));

                public Task<HttpResponseMessage> InStringContent(string p) =>
                    http.PostAsync(Url, new StringContent(JsonSerializer.Serialize(TextBody(p)), Encoding.UTF8, "application/json"));
            }
            """,
            Retired(0), Retired(1), Retired(2), Retired(3));

    // A helper that takes the model: the caller's constant is the id sent, as for a helper that posts the body itself
    // (HelperArgumentRawBodyTests); a caller passing configuration gives nothing, and the parameter's default is read
    // where it is written, as in any body.
    [Fact]
    public Task A_helper_taking_the_model_is_read_at_the_caller_s_argument() =>
        VerifyRawAsync("""
            public record CompletionRequest(string Model, string Prompt);

            public class GptResponseService(HttpClient http, Func<string> configuredModel)
            {
                private const string Url = "https://api.openai.com/v1/completions";

                private static object CreateBody(string model, string prompt) => new { model, prompt, max_tokens = 200 };
                private static CompletionRequest CreateDto(string prompt, string model) => new CompletionRequest(model, prompt);
                private static object WithDefault(string prompt, string model = {|#2:"text-davinci-001"|}) => new { model = model, prompt };

                public Task<HttpResponseMessage> Constant(string p) => http.PostAsJsonAsync(Url, CreateBody({|#0:"text-davinci-001"|}, p));
                public Task<HttpResponseMessage> Dto(string p) => http.PostAsJsonAsync(Url, CreateDto(p, {|#1:"text-davinci-001"|}));
                public Task<HttpResponseMessage> Defaulted(string p) => http.PostAsJsonAsync(Url, WithDefault(p));
                public Task<HttpResponseMessage> Configured(string p) => http.PostAsJsonAsync(Url, CreateBody(configuredModel(), p));
            }
            """,
            Retired(0), Retired(1), Retired(2));

    // The body a helper returns is the one its POST sends: AIL0504 on the sampling member of a reasoning model's body.
    [Fact]
    public Task Sampling_members_of_a_helper_s_body_are_checked_for_its_reasoning_model() =>
        VerifyRawAsync("""
            public class Extractor(HttpClient http)
            {
                private static object BuildRequest(string question) => new
                {
                    model = "gpt-6-astra",
                    {|#0:temperature = 0.2|},
                    messages = new[] { new { role = "user", content = question } },
                };

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", BuildRequest(question));
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));

    // Quiet twins, each next to the same retired id: a virtual helper and an interface's (another body may be returned at
    // run time), a helper with a return per model (no one body is certain), the helper's body posted to a webhook, a DTO
    // whose model the caller writes again, and a helper that returns another helper's body (one level deep).
    [Fact]
    public Task Virtual_interface_several_returns_other_urls_rewritten_and_nested_helpers_are_quiet() =>
        VerifyRawAsync("""
            public interface IBodyFactory
            {
                object Create(string prompt);
            }

            public class CompletionRequest
            {
                public string Model { get; set; } = "";
                public string Prompt { get; set; } = "";
            }

            public class GptResponseService(HttpClient http, IBodyFactory factory, Func<string> configuredModel)
            {
                private const string Url = "https://api.openai.com/v1/completions";

                protected virtual object VirtualBody(string prompt) => new { model = "text-davinci-001", prompt };

                private static object ByTier(string prompt, bool legacy)
                {
                    if (legacy)
                    {
                        return new { model = "text-davinci-001", prompt };
                    }

                    return new { model = "gpt-4.1-2025-04-14", prompt };
                }

                private static object Plain(string prompt) => new { model = "text-davinci-001", prompt };
                private static CompletionRequest Dto(string prompt) => new CompletionRequest { Model = "text-davinci-001", Prompt = prompt };
                private static object Outer(string prompt) => Plain(prompt);

                public Task<HttpResponseMessage> Virtual(string p) => http.PostAsJsonAsync(Url, VirtualBody(p));
                public Task<HttpResponseMessage> Interface(string p) => http.PostAsJsonAsync(Url, factory.Create(p));
                public Task<HttpResponseMessage> Several(string p, bool legacy) => http.PostAsJsonAsync(Url, ByTier(p, legacy));
                public Task<HttpResponseMessage> Webhook(string p) => http.PostAsJsonAsync("https://hooks.example.com/notify", Plain(p));

                public Task<HttpResponseMessage> Rewritten(string p)
                {
                    var body = Dto(p);
                    body.Model = configuredModel();
                    return http.PostAsJsonAsync(Url, body);
                }

                public Task<HttpResponseMessage> Nested(string p) => http.PostAsJsonAsync(Url, Outer(p));
            }
            """);

    // Half-typed helpers (a missing member, a recursive helper, a return with no value): no crash, no report.
    [Fact]
    public Task Half_typed_helpers_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                public class GptResponseService(HttpClient http)
                {
                    private static object CreateRequestBody(string prompt) => new { model = Missing.Model, prompt, max_tokens = };
                    private static object Recursive(string prompt) => Recursive(prompt);
                    private static object Empty(string prompt) { return; }
                    private static object Unfinished(string prompt) => new { model = "text-davinci-001", prompt

                    public Task<HttpResponseMessage> A(string p) => http.PostAsJsonAsync("https://api.openai.com/v1/completions", CreateRequestBody(p));
                    public Task<HttpResponseMessage> B(string p) => http.PostAsJsonAsync("https://api.openai.com/v1/completions", Recursive(p));
                    public Task<HttpResponseMessage> C(string p) => http.PostAsJsonAsync("https://api.openai.com/v1/completions", Empty(p));
                    public Task<HttpResponseMessage> D(string p) => http.PostAsJsonAsync("https://api.openai.com/v1/completions", Unfinished(p, ));
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }

    // The Prompts rules read the same body: the system text a helper's body carries is a prompt (AIL0301), named after the
    // member that declares it.
    [Fact]
    public Task The_system_text_of_a_helper_s_body_is_a_prompt()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                public sealed class LlmService(HttpClient http)
                {
                    private static object BuildPayload(string input) => new
                    {
                        model = "gpt-4o-mini",
                        messages = new[]
                        {
                            new
                            {
                                role = "system",
                                content =
                                    {|#0:"You are an assistant that summarizes and explains software errors. " +
                                    "Be concise, avoid unfounded speculation, and do not invent data."|}
                            },
                            new { role = "user", content = input },
                        },
                    };

                    public Task<HttpResponseMessage> SummarizeAsync(string input) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", BuildPayload(input));
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        test.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<PromptEvalCoverageAnalyzer>.Diagnostic("AIL0301").WithLocation(0).WithArguments("LlmService.BuildPayload"));
        return test.RunAsync();
    }
}
