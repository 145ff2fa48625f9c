using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Raw-HTTP bodies in two shapes from review57's barreto-exe/CronometerLogMealApi (RawHttpPromptSlots):
/// <list type="bullet">
/// <item>the whole instruction template sent as the only user message
/// (<c>messages = new[] { new { role = "user", content = Prompts.CronometerPrompt.Replace(...) } }</c>): a single-turn
/// request, judged by the single-turn test as <c>CompleteChatAsync([new UserChatMessage(text)])</c> is
/// (SingleTurnInstruction); a constant question, a user's input, or a conversation of several turns stay quiet;</item>
/// <item>a body built by the caller and handed to a project helper that posts it
/// (<c>PostAsync("chat/completions", new { ... })</c>, HelperPostedBodies): the system slot read at the caller's
/// argument; the same helper given a URL that is no LLM endpoint stays quiet.</item>
/// </list>
/// </summary>
public class RawHttpSingleTurnAndHelperBodyTests
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
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string MealPrompts = """"
        namespace Meals;
        public static class MealPrompts
        {
            public const string {|#0:CronometerPrompt|} = """
                Role and Objective:
                You will act as an expert API service for processing nutritional data. Your sole function is to receive a
                natural language text describing a meal and transform it into a structured JSON format.
                Your response must be exclusively the JSON object, without greetings or explanations.
                Meal: {text}
                """;

            public const string Question = "What is the capital of France?";
        }

        """";

    [Fact]
    public Task Instruction_template_sent_as_the_only_user_message_of_a_raw_body_is_a_prompt() =>
        VerifyNoSdkAsync(MealPrompts + """
            public sealed class MealParser(HttpClient http)
            {
                public Task<HttpResponseMessage> ParseAsync(string text) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[] { new { role = "user", content = MealPrompts.CronometerPrompt.Replace("{text}", text) } },
                    });
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Meals.MealPrompts.CronometerPrompt"));

    // The correct code beside it: a constant question, the user's own text, the template as the first turn of a
    // conversation (an assistant answer and a second question follow), and the same body posted to a webhook.
    [Fact]
    public Task Constant_question_user_input_and_a_second_message_are_not_single_turn_prompts() =>
        VerifyNoSdkAsync(MealPrompts.Replace("{|#0:CronometerPrompt|}", "CronometerPrompt") + """
            public sealed class MealParser(HttpClient http)
            {
                public Task<HttpResponseMessage> AskAsync() =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[] { new { role = "user", content = MealPrompts.Question } },
                    });

                public Task<HttpResponseMessage> RelayAsync(string question) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[] { new { role = "user", content = question } },
                    });

                public Task<HttpResponseMessage> ConversationAsync(string text, string answer) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new object[]
                        {
                            new { role = "user", content = MealPrompts.CronometerPrompt.Replace("{text}", text) },
                            new { role = "assistant", content = answer },
                            new { role = "user", content = "And the calories?" },
                        },
                    });

                public Task<HttpResponseMessage> WebhookAsync(string text) =>
                    http.PostAsJsonAsync("https://hooks.example.com/notify", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[] { new { role = "user", content = MealPrompts.CronometerPrompt.Replace("{text}", text) } },
                    });
            }
            """);

    // JSON text whose only message is the user's, with the instruction inserted inside the quotes: the same single-turn
    // request (its twin with a question is JsonTextBodyPromptSlotTests' UserTurn).
    [Fact]
    public Task Instruction_inserted_as_the_only_user_message_of_json_text_is_a_prompt() =>
        VerifyNoSdkAsync("""
            public class Travel
            {
                private const string {|#0:Persona|} = "You are a travel agent. Suggest at most three destinations.";
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> UserTurn() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent($"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"user\",\"content\":\"{Persona}\"}}]}}"));
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Travel.Persona"));

    // The posting helper of the brief: the body, with its system message, is the caller's argument.
    private const string Api = """
        public sealed class OpenAiApi(HttpClient http)
        {
            private async Task<T?> PostAsync<T>(string path, object body)
            {
                using var response = await http.PostAsJsonAsync(path, body);
                return await response.Content.ReadFromJsonAsync<T>();
            }

            public Task<JsonElement> AskAsync(string text) =>
                PostAsync<JsonElement>("URL", new
                {
                    model = "gpt-4o-mini",
                    messages = new object[]
                    {
                        new { role = "system", content = SYSTEM },
                        new { role = "user", content = text },
                    },
                });
        }
        """;

    [Fact]
    public Task System_message_of_a_body_handed_to_a_posting_helper_is_a_prompt() =>
        VerifyNoSdkAsync(
            Api.Replace("URL", "https://api.openai.com/v1/chat/completions")
                .Replace("SYSTEM", "{|#0:\"You are a nutrition assistant. Answer only with JSON and never invent foods.\"|}"),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("OpenAiApi.AskAsync"));

    [Fact]
    public Task System_message_of_a_body_handed_to_a_helper_posting_a_webhook_is_quiet() =>
        VerifyNoSdkAsync(
            Api.Replace("URL", "https://hooks.example.com/notify")
                .Replace("SYSTEM", "\"You are a nutrition assistant. Answer only with JSON and never invent foods.\""));

    // CronometerLogMealApi's OpenAIHttpClient: a method builds the request DTO with one user message and hands it to
    // GenerateContentAsync, which serializes and posts it. The template filled in the builder is a prompt; what a
    // caller passes to the builder that takes the prompt as a parameter is judged by the single-turn test
    // (SingleTurnWrapperTests), so the question the processor passes stays quiet.
    [Fact]
    public Task Template_in_a_request_dto_handed_to_a_posting_helper_is_a_prompt() =>
        VerifyNoSdkAsync(MealPrompts + """
            public sealed class ChatMessage { public string Role { get; set; } = ""; public object? Content { get; set; } }
            public sealed class ChatCompletionRequest
            {
                public string? Model { get; set; }
                public ChatMessage[] Messages { get; set; } = [];
            }
            public sealed class OpenAIHttpClient(HttpClient http)
            {
                public Task<string> ParseMealAsync(string text)
                {
                    var req = new ChatCompletionRequest
                    {
                        Model = "gpt-4o-mini",
                        Messages = [new ChatMessage { Role = "user", Content = MealPrompts.CronometerPrompt.Replace("{text}", text) }],
                    };
                    return GenerateContentAsync(req);
                }

                public Task<string> GenerateTextAsync(string prompt)
                {
                    var req = new ChatCompletionRequest
                    {
                        Model = "gpt-4o-mini",
                        Messages = [new ChatMessage { Role = "user", Content = prompt }],
                    };
                    return GenerateContentAsync(req);
                }

                public async Task<string> GenerateContentAsync(ChatCompletionRequest request)
                {
                    using var content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json");
                    using var res = await http.PostAsync("https://api.openai.com/v1/chat/completions", content);
                    return await res.Content.ReadAsStringAsync();
                }
            }
            public sealed class LlmMealProcessor(OpenAIHttpClient client)
            {
                public Task<string> AskAsync() => client.GenerateTextAsync(MealPrompts.Question);
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Meals.MealPrompts.CronometerPrompt"));

    // Half-typed code: a helper without its body argument, a user message without content, a helper with a missing
    // parameter type; nothing throws, and the complete single-turn body beside them is still read.
    [Fact]
    public async Task Half_typed_helpers_and_bodies_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                public class Draft(HttpClient http)
                {
                    private Task<HttpResponseMessage> PostAsync(string path, object body) => http.PostAsJsonAsync(path, body);
                    private Task<HttpResponseMessage> Broken(string path, Missing body) => http.PostAsJsonAsync(path, body);

                    public Task<HttpResponseMessage> A() => PostAsync("https://api.openai.com/v1/chat/completions", );
                    public Task<HttpResponseMessage> B() => PostAsync(, new { messages = new[] { new { role = "user", content = } } });
                    public Task<HttpResponseMessage> C() => Broken("https://api.openai.com/v1/chat/completions", new Missing());
                    public Task<HttpResponseMessage> D(string text) =>
                        PostAsync("https://api.openai.com/v1/chat/completions", new
                        {
                            model = "gpt-4o-mini",
                            messages = new[] { new { role = "user", content = {|#0:$"You are a chef. Suggest one recipe using {text}. Answer in at most five lines."|} } },
                        });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Draft.D"));
        await test.RunAsync();
    }
}
