using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A raw POST whose URL is a field the constructor writes in both branches of a provider switch (review76 repro-1,
/// EconomiaUNMSM/FinSim-AI's OpenRouterService: <c>_baseUrl = "https://api.openai.com/v1/chat/completions"</c> or
/// <c>"https://openrouter.ai/api/v1/chat/completions"</c>, then <c>_httpClient.PostAsync(_baseUrl, content)</c>)
/// (LlmCalls/WrittenUrlFields.cs). With one write the POST was recognised; with two it was not, while AIL0501's
/// base-address reading follows every write. The retry loop around the POST is the usual hand-written one.
/// </summary>
public class ProviderSwitchUrlFieldTests
{
    private const string MoreUsings = """
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Retry.RetryTestSupport.VerifyAsync("AIL0001", Usings + MoreUsings + source, expected);

    private static DiagnosticResult Reported => Diagnostic("AIL0001").WithLocation(0);

    // FinSim's service, reduced: FIELDS declares the URL field, CTOR is the constructor's body, URL what is posted.
    private static string Service(string fields, string constructor, string url = "_baseUrl") => """
        public class ChatMessage { public string Role { get; set; } = ""; public string Content { get; set; } = ""; }

        public class OpenRouterService
        {
            private readonly HttpClient _httpClient = new();
            private readonly string _model;
            FIELDS

            public OpenRouterService(string? endpoint = null)
            {
                _model = Environment.GetEnvironmentVariable("DEFAULT_CHAT_MODEL") ?? "openrouter/auto";
                CTOR
            }

            public async Task<string> GetChatResponseAsync(List<ChatMessage> messages)
            {
                var requestBody = new { model = _model, messages = messages, max_tokens = 800, temperature = 0.2 };
                for (int attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        var content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                        var response = await _httpClient.{|#0:PostAsync|}(URL, content);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }

                throw new InvalidOperationException("no answer");
            }
        }
        """.Replace("FIELDS", fields).Replace("CTOR", constructor).Replace("URL", url);

    private const string ReadonlyUrl = "private readonly string _baseUrl;";

    private const string IfElseProviders = """
        if (Environment.GetEnvironmentVariable("AI_PROVIDER")?.ToLower() == "openai")
                {
                    _baseUrl = "https://api.openai.com/v1/chat/completions";
                }
                else
                {
                    _baseUrl = "https://openrouter.ai/api/v1/chat/completions";
                }
        """;

    [Fact]
    public Task A_readonly_url_written_in_both_branches_of_a_provider_switch_is_reported() =>
        VerifyAsync(Service(ReadonlyUrl, IfElseProviders), Reported);

    [Fact]
    public Task A_url_given_by_a_conditional_in_the_constructor_is_reported() => VerifyAsync(
        Service(ReadonlyUrl, """
            var useOpenRouter = Environment.GetEnvironmentVariable("AI_PROVIDER") != "openai";
                    _baseUrl = useOpenRouter ? "https://openrouter.ai/api/v1/chat/completions" : "https://api.openai.com/v1/chat/completions";
            """),
        Reported);

    [Fact]
    public Task An_initializer_the_constructor_may_overwrite_with_another_endpoint_is_reported() => VerifyAsync(
        Service(
            """private readonly string _baseUrl = "https://api.openai.com/v1/chat/completions";""",
            """if (Environment.GetEnvironmentVariable("AI_PROVIDER") == "groq") { _baseUrl = "https://api.groq.com/openai/v1/chat/completions"; }"""),
        Reported);

    [Fact]
    public Task A_private_uri_field_written_twice_and_posted_through_new_uri_is_reported() => VerifyAsync(
        Service(
            "private string _baseUrl;",
            """
            if (endpoint == null) { _baseUrl = "https://api.openai.com/v1/chat/completions"; }
                    else { _baseUrl = "https://openrouter.ai/api/v1/chat/completions"; }
            """,
            "new Uri(_baseUrl)"),
        Reported);

    // ---- Quiet twins: a write the code does not spell as a generation endpoint, or one made after construction ----

    [Fact]
    public Task A_branch_writing_a_non_llm_url_leaves_the_post_unrecognised() => VerifyAsync(
        Service(ReadonlyUrl, IfElseProviders.Replace("https://openrouter.ai/api/v1/chat/completions", "https://status.example.com/api/v1/report")));

    [Fact]
    public Task A_branch_writing_a_constructor_parameter_leaves_the_post_unrecognised() => VerifyAsync(
        Service(ReadonlyUrl, """
            if (endpoint == null) { _baseUrl = "https://api.openai.com/v1/chat/completions"; }
                    else { _baseUrl = endpoint; }
            """));

    [Fact]
    public Task A_branch_writing_an_embeddings_endpoint_leaves_the_post_unrecognised() => VerifyAsync(
        Service(ReadonlyUrl, IfElseProviders.Replace("https://openrouter.ai/api/v1/chat/completions", "https://api.openai.com/v1/embeddings")));

    [Fact]
    public Task A_field_rewritten_by_a_setter_method_leaves_the_post_unrecognised() => VerifyAsync(
        Service("private string _baseUrl;", IfElseProviders)
            .Replace("public async Task<string> GetChatResponseAsync", """
                public void UseLocal() => _baseUrl = "http://localhost:8080/v1/chat/completions";

                    public async Task<string> GetChatResponseAsync
                """));

    [Fact]
    public Task A_write_inside_a_lambda_of_the_constructor_leaves_the_post_unrecognised() => VerifyAsync(
        Service("private string _baseUrl;", """
            _baseUrl = "https://api.openai.com/v1/chat/completions";
                    Action reset = () => _baseUrl = "https://openrouter.ai/api/v1/chat/completions";
                    reset();
            """));

    // ---- Half-typed code: a branch assigns a name that does not exist; nothing is reported, nothing crashes ----

    [Fact]
    public async Task Half_typed_provider_switch_is_not_reported_and_does_not_crash()
    {
        var test = new AnalyzerTest<RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + Service(ReadonlyUrl, """
                if (Environment.GetEnvironmentVariable("AI_PROVIDER") == "openai") { _baseUrl = "https://api.openai.com/v1/chat/completions"; }
                        else { _baseUrl = Settings.Missing; }
                        _other =
                """).Replace("{|#0:PostAsync|}", "PostAsync"),
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
