using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A raw POST whose path a project method computes (review 70's shape B, tkleisas/thuvu's AgentLoop and RetryHandler):
/// <c>http.PostAsJsonAsync(AgentConfig.GetChatCompletionsPath(model), req, JsonOpts, token)</c> inside a project retry
/// helper, where <c>GetChatCompletionsPath</c> returns <c>Config.ChatCompletionsPath.TrimStart('/')</c> and the settings
/// property defaults to <c>"v1/chat/completions"</c> (RawHttpLlmCalls.ComputedUrls). The literal-path twin was reported
/// already; the computed one was silent.
/// </summary>
public class ComputedPathPostTests
{
    private const string MoreUsings = """
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Retry.RetryTestSupport.VerifyAsync("AIL0001", Usings + MoreUsings + source, expected);

    // thuvu's request classes and retry helper, reduced from review70/shape-b/Shape.cs.
    private const string Thuvu = """
        public class ChatMessage { public string Role { get; set; } = ""; public string? Content { get; set; } }
        public class ChatRequest { public string Model { get; set; } = ""; public List<ChatMessage> Messages { get; set; } = new(); public string ToolChoice { get; set; } = "auto"; }
        public class ChatResponse { public List<object> Choices { get; set; } = new(); }

        public static class RetryHandler
        {
            public static async Task<T?> ExecuteWithRetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct, int maxRetries = 5)
            {
                for (int attempt = 1; attempt <= maxRetries + 1; attempt++)
                {
                    try
                    {
                        return await operation(ct);
                    }
                    catch (HttpRequestException) when (attempt <= maxRetries)
                    {
                        await Task.Delay(2000, ct);
                    }
                }

                return default;
            }
        }

        """;

    private static string Posting(string path) => """
        public static class AgentLoop
        {
            public static Task<ChatResponse?> CompleteAsync(HttpClient http, string model, List<ChatMessage> messages, CancellationToken ct)
            {
                var req = new ChatRequest { Model = model, Messages = messages, ToolChoice = "auto" };
                return RetryHandler.ExecuteWithRetryAsync(async token =>
                {
                    using var resp = await http.{|#0:PostAsJsonAsync|}(PATH, req, token);
                    resp.EnsureSuccessStatusCode();
                    return await resp.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken: token);
                }, ct);
            }
        }
        """.Replace("PATH", path);

    private static DiagnosticResult Reported => Diagnostic("AIL0001").WithLocation(0);

    [Fact]
    public Task A_path_from_a_project_method_over_a_settings_default_naming_chat_completions_is_reported() => VerifyAsync(
        Thuvu + """
        public class AgentSettings { public string ChatCompletionsPath { get; set; } = "v1/chat/completions"; }

        public static class AgentConfig
        {
            public static AgentSettings Config { get; set; } = new();
            public static string GetChatCompletionsPath(string? modelId = null) => Config.ChatCompletionsPath.TrimStart('/');
        }

        """ + Posting("AgentConfig.GetChatCompletionsPath(model)"),
        Reported);

    [Theory]
    [InlineData("=> $\"{BaseUrl}/v1/chat/completions\";")]
    [InlineData("=> BaseUrl.TrimEnd('/') + \"/chat/completions\";")]
    [InlineData("=> Path;")]
    [InlineData("{ if (model.StartsWith(\"gpt\")) { return \"https://api.openai.com/v1/chat/completions\"; } return $\"{BaseUrl}/v1/chat/completions\"; }")]
    public Task A_path_a_project_method_returns_as_literal_interpolation_concatenation_or_constant_is_reported(string body) => VerifyAsync(
        Thuvu + """
        public static class Endpoints
        {
            public static string BaseUrl = Environment.GetEnvironmentVariable("LLM_URL") ?? "";
            private const string Path = "/v1/chat/completions";
            public static string ChatPath(string model) BODY
        }

        """.Replace("BODY", body) + Posting("Endpoints.ChatPath(model)"),
        Reported);

    // Quiet twins: the same retried POST of the same request class to paths that are no generation endpoint.
    [Theory]
    [InlineData("=> \"/api/orders\";")]
    [InlineData("=> $\"{BaseUrl}/v1/embeddings\";")]
    [InlineData("{ if (model.Length > 3) { return \"/v1/chat/completions\"; } return \"/v1/embeddings\"; }")]
    [InlineData("{ if (model.Length > 3) { return \"/v1/chat/completions\"; } return BaseUrl; }")]
    [InlineData("=> Settings.OrdersPath;")]
    [InlineData("=> Settings.ConfiguredPath;")]
    [InlineData("=> Settings.ChatPath.TrimEnd('s');")]
    public Task A_project_method_returning_another_path_a_mix_or_a_configured_one_stays_quiet(string body) => VerifyAsync(
        Thuvu + """
        public class PathSettings
        {
            public string OrdersPath { get; set; } = "/api/orders";
            public string ConfiguredPath { get; set; } = "";
            public string ChatPath { get; set; } = "/v1/chat/completions";
        }

        public static class Endpoints
        {
            public static string BaseUrl = Environment.GetEnvironmentVariable("LLM_URL") ?? "";
            public static PathSettings Settings { get; set; } = new();
            public static string ChatPath(string model) BODY
        }

        """.Replace("BODY", body) + Posting("Endpoints.ChatPath(model)").Replace("{|#0:", "").Replace("|}(", "("));

    // An override may return another path: a virtual method is not read (nor an interface's).
    [Fact]
    public Task A_virtual_path_method_stays_quiet() => VerifyAsync(
        Thuvu + """
        public class Routes { public virtual string ChatPath(string model) => "/v1/chat/completions"; }

        public static class AgentLoop
        {
            public static Task<ChatResponse?> CompleteAsync(HttpClient http, Routes routes, string model, CancellationToken ct) =>
                RetryHandler.ExecuteWithRetryAsync(async token =>
                {
                    using var resp = await http.PostAsJsonAsync(routes.ChatPath(model), new ChatRequest { Model = model }, token);
                    return await resp.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken: token);
                }, ct);
        }
        """);

    // A settable property of the posting class itself is its own state (the class may set it to anything): its default is not read.
    [Fact]
    public Task A_settable_path_property_of_the_posting_class_stays_quiet() => VerifyAsync(
        Thuvu + """
        public class ChatPoster(HttpClient http)
        {
            public string ChatPath { get; set; } = "v1/chat/completions";

            public Task<ChatResponse?> AskAsync(ChatRequest req, CancellationToken ct) =>
                RetryHandler.ExecuteWithRetryAsync(async token =>
                {
                    using var resp = await http.PostAsJsonAsync(ChatPath, req, token);
                    return await resp.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken: token);
                }, ct);
        }
        """);

    // A webhook whose payload has Model and Messages (strings, not chat turns) posted to a configured URL: not an LLM call.
    [Fact]
    public Task A_webhook_post_with_a_messages_property_to_a_configured_path_stays_quiet() => VerifyAsync(
        Thuvu + """
        public class WebhookPayload { public string Model { get; set; } = ""; public List<string> Messages { get; set; } = new(); }
        public class HookSettings { public string WebhookPath { get; set; } = ""; }

        public static class Hooks
        {
            public static HookSettings Settings { get; set; } = new();
            public static string Path() => Settings.WebhookPath.TrimStart('/');

            public static Task<int> NotifyAsync(HttpClient http, List<string> lines, CancellationToken ct) =>
                RetryHandler.ExecuteWithRetryAsync(async token =>
                {
                    using var resp = await http.PostAsJsonAsync(Path(), new WebhookPayload { Model = "build-bot", Messages = lines }, token);
                    return (int)resp.StatusCode;
                }, ct);
        }
        """);

    [Fact]
    public Task Half_typed_path_methods_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = Usings + MoreUsings + Thuvu + """
                public static class Endpoints
                {
                    public static string ChatPath(string model) => Missing.Path + "/v1/chat/completions";
                    public static string Other(string model) => UnknownCall(
                    public static string Recursive(string model) => Recursive(model);
                }

                public static class AgentLoop
                {
                    public static Task<ChatResponse?> CompleteAsync(HttpClient http, string model, CancellationToken ct) =>
                        RetryHandler.ExecuteWithRetryAsync(async token =>
                        {
                            await http.PostAsJsonAsync(Endpoints.Other(model), new ChatRequest { Model = model }, token);
                            await http.PostAsJsonAsync(Endpoints.Recursive(model), new ChatRequest { Model = model }, token);
                            await http.PostAsJsonAsync(Endpoints.NoSuch(model), new ChatRequest { Model = model }, token);
                            return (ChatResponse?)null;
                        }, ct);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    // The model rules see the newly recognised call: the body's model is read (AIL0501: gpt-4o is a moving alias; on
    // OpenAI's own host, where OpenAI's ids are OpenAI's).
    [Fact]
    public Task The_model_rules_read_the_body_posted_to_a_computed_path()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\n" + MoreUsings + """
                public class ChatMessage { public string Role { get; set; } = ""; public string? Content { get; set; } }
                public class ChatRequest { public string Model { get; set; } = ""; public List<ChatMessage> Messages { get; set; } = new(); }

                public static class Endpoints
                {
                    private static readonly string Base = "https://api.openai.com/v1";
                    public static string ChatPath() => Base.TrimEnd('/') + "/chat/completions";
                }

                public static class Chat
                {
                    public static Task<HttpResponseMessage> AskAsync(HttpClient http, List<ChatMessage> messages) =>
                        http.PostAsJsonAsync(Endpoints.ChatPath(), new ChatRequest { Model = {|#0:"gpt-4o"|}, Messages = messages });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
        };
        test.ExpectedDiagnostics.Add(Models.ModelTestHelpers.Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", AiLint.Tests.Models.ModelTestHelpers.Gpt4oPointer));
        return test.RunAsync();
    }
}
