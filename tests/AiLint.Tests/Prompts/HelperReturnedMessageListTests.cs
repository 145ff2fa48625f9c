using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A raw-HTTP body whose message list a project helper returns (RecallAI.Api's <c>OpenAIService</c>:
/// <c>["input"] = OpenAIResponseHelpers.BuildMessages(systemPrompt, userPrompt)</c>, where <c>BuildMessages(string?
/// systemPrompt, string userPrompt)</c> adds <c>new { role = "system", content = new object[] { new { type = "input_text",
/// text = systemPrompt } } }</c> and the user's message and returns the array; callers pass the constants of
/// <c>OpenAISystemPrompts</c> through <c>GenerateResponseAsync(model, OpenAISystemPrompts.HyDE, userPrompt, ...)</c>).
/// HelperReturnedMessageLists, RawHttpPromptSlots.
/// </summary>
public class HelperReturnedMessageListTests
{
    private const string Usings = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    /// <summary>Runs the analyzer on <paramref name="code"/> after the usings above, against the framework alone (raw HTTP, no SDK).</summary>
    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The helper as RecallAI.Api writes it (verbatim but for the serializer options).
    private const string Helpers = """
        internal static class OpenAIResponseHelpers
        {
            public static object[] BuildMessages(string? systemPrompt, string userPrompt)
            {
                var messages = new List<object>();

                if (!string.IsNullOrWhiteSpace(systemPrompt))
                {
                    messages.Add(new
                    {
                        role = "system",
                        content = new object[]
                        {
                            new { type = "input_text", text = systemPrompt }
                        }
                    });
                }

                messages.Add(new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "input_text", text = userPrompt }
                    }
                });

                return messages.ToArray();
            }

            public static object[] BuildUserTextInput(string text) => BuildMessages(null, text);
        }

        """;

    // The system constants reach the helper through a second parameter hop (GenerateResponseAsync's systemPrompt), and
    // one through a `??` fallback, as the app's streaming method does.
    [Fact]
    public Task System_parameter_of_a_helper_returning_the_input_list_is_a_prompt_slot() =>
        VerifyNoSdkAsync(Helpers + """
            internal static class OpenAISystemPrompts
            {
                public const string {|#0:HyDE|} = "You are a recall researcher producing concise responses. Never mention missing context.";
                public const string {|#1:MemoryEvaluation|} = "You review a single user message to decide if it contains durable facts. Respond ONLY in valid JSON.";
                public const string {|#2:FinalResponse|} = "You are a personal knowledge assistant. Answer only from the memories you are given.";
            }

            public class OpenAIService
            {
                private static readonly Uri ResponsesEndpoint = new("https://api.openai.com/v1/responses");
                private readonly HttpClient _httpClient = new HttpClient();

                public Task<string> HydeAsync(string model, string query) =>
                    GenerateResponseAsync(model, OpenAISystemPrompts.HyDE, $"Question: {query}", "HyDE generation");

                public Task<string> EvaluateAsync(string model, string memoryContent) =>
                    GenerateResponseAsync(model, OpenAISystemPrompts.MemoryEvaluation, $"User Input:\n{memoryContent}", "memory evaluation");

                private async Task<string> GenerateResponseAsync(string model, string systemPrompt, string userPrompt, string operationType)
                {
                    var requestPayload = new Dictionary<string, object?>
                    {
                        ["model"] = model,
                        ["input"] = OpenAIResponseHelpers.BuildMessages(systemPrompt, userPrompt),
                    };
                    var json = JsonSerializer.Serialize(requestPayload);
                    using var content = new StringContent(json, Encoding.UTF8, "application/json");
                    using var response = await _httpClient.PostAsync(ResponsesEndpoint, content);
                    return await response.Content.ReadAsStringAsync();
                }

                public async Task<string> StreamAsync(string prompt, string? systemPrompt = null)
                {
                    var effectiveSystemPrompt = systemPrompt ?? OpenAISystemPrompts.FinalResponse;
                    var requestPayload = new Dictionary<string, object?>
                    {
                        ["model"] = "gpt-4o",
                        ["input"] = OpenAIResponseHelpers.BuildMessages(effectiveSystemPrompt, prompt),
                        ["stream"] = true,
                    };
                    var json = JsonSerializer.Serialize(requestPayload);
                    using var request = new HttpRequestMessage(HttpMethod.Post, ResponsesEndpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    using var response = await _httpClient.SendAsync(request);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("OpenAISystemPrompts.HyDE"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("OpenAISystemPrompts.MemoryEvaluation"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("OpenAISystemPrompts.FinalResponse"));

    // A constant written at the helper's call, an expression-bodied helper returning a collection expression, and a chat
    // completions `messages` list with a string content: the same slots as the list written in the body.
    [Fact]
    public Task Constant_at_the_call_and_an_expression_bodied_helper_are_read() =>
        VerifyNoSdkAsync("""
            public class Chat(HttpClient http)
            {
                private static object[] Messages(string system, string user) =>
                    [new { role = "system", content = system }, new { role = "user", content = user }];

                public Task<HttpResponseMessage> AskAsync(string question) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = Messages({|#0:"You are a travel agent. Suggest one destination only."|}, question),
                    });
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.AskAsync"));

    // Ollama's /api/chat reads `messages` as chat completions do (reported inline, so through the helper too); LM Studio's
    // OpenAI-compatible server on localhost is read like any chat completions URL: the helper form matches the inline one.
    [Fact]
    public Task Local_endpoints_read_the_helper_list_as_they_read_the_inline_list() =>
        VerifyNoSdkAsync(Helpers + """
            internal static class LocalPrompts
            {
                public const string {|#0:OllamaInline|} = "You are a summarizer. Answer in three sentences.";
                public const string {|#1:OllamaHelper|} = "You are a translator. Answer only with the translation.";
                public const string {|#2:StudioInline|} = "You are a poet. Answer only in rhyme.";
                public const string {|#3:StudioHelper|} = "You are a chef. Suggest one recipe only.";
            }

            public class Local(HttpClient http)
            {
                public Task<HttpResponseMessage> OllamaInline(string text) =>
                    http.PostAsJsonAsync("http://localhost:11434/api/chat", new { model = "llama3", messages = new object[] { new { role = "system", content = new object[] { new { type = "input_text", text = LocalPrompts.OllamaInline } } }, new { role = "user", content = text } } });

                public Task<HttpResponseMessage> OllamaHelper(string text) =>
                    http.PostAsJsonAsync("http://localhost:11434/api/chat", new { model = "llama3", messages = OpenAIResponseHelpers.BuildMessages(LocalPrompts.OllamaHelper, text) });

                public Task<HttpResponseMessage> StudioInline(string text) =>
                    http.PostAsJsonAsync("http://localhost:1234/v1/chat/completions", new { model = "qwen2.5", messages = new object[] { new { role = "system", content = new object[] { new { type = "input_text", text = LocalPrompts.StudioInline } } }, new { role = "user", content = text } } });

                public Task<HttpResponseMessage> StudioHelper(string text) =>
                    http.PostAsJsonAsync("http://localhost:1234/v1/chat/completions", new { model = "qwen2.5", messages = OpenAIResponseHelpers.BuildMessages(LocalPrompts.StudioHelper, text) });
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("LocalPrompts.OllamaInline"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("LocalPrompts.OllamaHelper"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("LocalPrompts.StudioInline"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("LocalPrompts.StudioHelper"));

    // The SDK shape of the same helper needs no list reading: the system message it creates is a slot, and its parameter
    // is followed to the helper's callers.
    [Fact]
    public Task Sdk_message_list_helper_reports_the_callers_constant() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            static class Prompts
            {
                public const string {|#0:Triage|} = "You are a triage nurse. Ask one question at a time.";
            }

            sealed class Chat(IChatClient client)
            {
                private static List<ChatMessage> BuildMessages(string system, string user) =>
                    [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)];

                public Task<ChatResponse> AskAsync(string question) => client.GetResponseAsync(BuildMessages(Prompts.Triage, question));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Prompts.Triage"));

    // The correct code beside it: the helper's user parameter (constant instruction-like text included), a helper result
    // that is only logged, an embeddings body's `input`, Ollama's /api/generate (no message list), a webhook, the
    // user-only helper, a helper that reassigns or chooses the role of its parameter, and a virtual helper (an override
    // may build another list).
    [Fact]
    public Task User_parameter_logged_lists_embeddings_and_unknown_helpers_are_quiet() =>
        VerifyNoSdkAsync(Helpers + """
            internal static class Texts
            {
                public const string Question = "You are a detective. Always answer in French.";
                public const string Logged = "You are a logger. Never log secrets.";
                public const string Embedded = "You are an embedder. Never embed secrets.";
                public const string Generated = "You are a summarizer. Answer in three sentences.";
                public const string Hooked = "You are a webhook. Never fail.";
                public const string UserOnly = "You are a poet. Answer only in rhyme.";
                public const string Trimmed = "You are a chef. Suggest one recipe only.";
                public const string Chosen = "You are a grader. Never round grades up.";
                public const string Overridable = "You are a critic. Answer in one line.";
            }

            public class Client(HttpClient http)
            {
                private const string Url = "https://api.openai.com/v1/responses";

                public Task<HttpResponseMessage> UserTurn(string system) =>
                    http.PostAsJsonAsync(Url, new { model = "gpt-4o", input = OpenAIResponseHelpers.BuildMessages(system, Texts.Question) });

                public void Log(string q) => Console.WriteLine(JsonSerializer.Serialize(OpenAIResponseHelpers.BuildMessages(Texts.Logged, q)));

                public Task<HttpResponseMessage> Embed(string q) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/embeddings", new { model = "text-embedding-3-small", input = OpenAIResponseHelpers.BuildMessages(Texts.Embedded, q) });

                public Task<HttpResponseMessage> Generate(string q) =>
                    http.PostAsJsonAsync("http://localhost:11434/api/generate", new { model = "llama3", messages = OpenAIResponseHelpers.BuildMessages(Texts.Generated, q) });

                public Task<HttpResponseMessage> Hook(string q) =>
                    http.PostAsJsonAsync("https://hooks.example.com/chat/log", new { model = "gpt-4o", input = OpenAIResponseHelpers.BuildMessages(Texts.Hooked, q) });

                public Task<HttpResponseMessage> UserOnly() =>
                    http.PostAsJsonAsync(Url, new { model = "gpt-4o", input = OpenAIResponseHelpers.BuildUserTextInput(Texts.UserOnly) });

                private static object[] Reassigning(string system, string user)
                {
                    system = system + " Keep it short.";
                    return [new { role = "system", content = system }, new { role = "user", content = user }];
                }

                private static object[] Choosing(string text, bool asSystem) =>
                    [new { role = asSystem ? "system" : "user", content = text }];

                protected virtual object[] Build(string system, string user) =>
                    [new { role = "system", content = system }, new { role = "user", content = user }];

                public Task<HttpResponseMessage> A(string q) => http.PostAsJsonAsync(Url, new { model = "gpt-4o", input = Reassigning(Texts.Trimmed, q) });
                public Task<HttpResponseMessage> B() => http.PostAsJsonAsync(Url, new { model = "gpt-4o", input = Choosing(Texts.Chosen, true) });
                public Task<HttpResponseMessage> C(string q) => http.PostAsJsonAsync(Url, new { model = "gpt-4o", input = Build(Texts.Overridable, q) });
            }
            """);

    // Half-typed code: a helper call missing its arguments, a helper whose parameter type does not bind, a helper with a
    // syntax error in its body; nothing throws, nothing is reported for them, and the complete call beside them is read.
    [Fact]
    public async Task Half_typed_helpers_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                public class Draft(HttpClient http)
                {
                    private const string Url = "https://api.openai.com/v1/chat/completions";
                    private static object[] Messages(string system, string user) => [new { role = "system", content = system }, new { role = "user", content = user }];
                    private static object[] Broken(Missing system, string user) => [new { role = "system", content = system }, new { role = "user", content = user }];
                    private static object[] Typing(string system, string user) { var m = new List<object> { new { role = "system", content = system } ; return m.ToArray(); }

                    public Task<HttpResponseMessage> A() => http.PostAsJsonAsync(Url, new { model = "gpt-4o", messages = Messages( ) });
                    public Task<HttpResponseMessage> B(string q) => http.PostAsJsonAsync(Url, new { model = "gpt-4o", messages = Broken("You are a chef. Suggest one recipe only.", q) });
                    public Task<HttpResponseMessage> C(string q) => http.PostAsJsonAsync(Url, new { model = "gpt-4o", messages = Typing("You are a poet. Answer only in rhyme.", q) });
                    public Task<HttpResponseMessage> D(string q) => http.PostAsJsonAsync(Url, new { model = "gpt-4o", messages = Messages({|#0:"You are a critic. Answer in one line."|}, q) });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Draft.D"));
        await test.RunAsync();
    }
}
