using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0301 on the system text of a raw request body written as JSON text and given to <c>StringContent</c>
/// (RawHttpPromptSlots through RequestBodyShape/JsonBodyText): a value inserted inside the quotes of a system message's
/// <c>content</c>, Anthropic's and Ollama's <c>system</c>, the Responses API's <c>instructions</c>, in an interpolated
/// (<c>$"{{\"role\":\"system\",\"content\":\"{EscapeJson(systemMessage)}\"}}"</c>, as Unity hobby clients write it),
/// raw interpolated or concatenated string, is followed as any slot value is (a constant, a local, a caller's constant).
/// Quiet twins: the user's turn, a role the text inserts, the same messages inside an unrelated nested object, a webhook,
/// text handed to a serializer, a value inserted unquoted, half-typed code.
/// </summary>
public class JsonTextBodyPromptSlotTests
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
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_system_message_content_inserted_in_quotes_is_a_prompt() =>
        VerifyNoSdkAsync(""""
            namespace Hobby
            {
                public class ChatClient
                {
                    private const string {|#0:SystemPrompt|} = "You are a travel agent. Suggest at most three destinations.";
                    private readonly HttpClient http = new HttpClient();

                    // Interpolated with escaped quotes, in a local first.
                    public Task<HttpResponseMessage> Ask(string question)
                    {
                        var json = $"{{\"model\": \"gpt-4o\", \"messages\": [{{\"role\": \"system\", \"content\": \"{SystemPrompt}\"}}, {{\"role\": \"user\", \"content\": \"{question}\"}}]}}";
                        return http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
                    }

                    // Raw interpolated, the system text in a local.
                    public Task<HttpResponseMessage> Raw(string question)
                    {
                        var rules = {|#1:"You are a chess coach. Explain each move in one sentence."|};
                        return http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(
                            $$"""{"model":"gpt-4o","messages":[{"role":"developer","content":"{{rules}}"},{"role":"user","content":"{{question}}"}]}""",
                            Encoding.UTF8, "application/json"));
                    }
                }
            }
            """",
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Hobby.ChatClient.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Hobby.ChatClient.Raw"));

    [Fact]
    public Task Anthropic_system_responses_instructions_and_a_callers_constant_are_read() =>
        VerifyNoSdkAsync(""""
            namespace Providers
            {
                public class Clients
                {
                    private const string {|#0:Poet|} = "You are a poet. Reply in four lines.";
                    private const string {|#1:Tutor|} = "You are a math tutor. Show every step.";
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Claude(string question) =>
                        http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent(
                            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"system\":\"" + Poet + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}",
                            Encoding.UTF8, "application/json"));

                    public Task<HttpResponseMessage> Responses(string question) =>
                        http.PostAsync("https://api.openai.com/v1/responses", new StringContent($$"""{"model":"gpt-4.1","instructions":"{{Tutor}}","input":"{{question}}"}"""));

                    // The system text is the method's parameter: its caller's constant is the prompt.
                    public Task<HttpResponseMessage> Send(string system, string question) =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions",
                            new StringContent($"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"system\",\"content\":\"{system}\"}},{{\"role\":\"user\",\"content\":\"{question}\"}}]}}"));
                }

                public class Caller
                {
                    private const string {|#2:Librarian|} = "You are a librarian. Recommend at most three books.";

                    public Task<HttpResponseMessage> Books(Clients clients, string question) => clients.Send(Librarian, question);
                }
            }
            """",
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Providers.Clients.Poet"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Providers.Clients.Tutor"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Providers.Caller.Librarian"));

    // System text spelled in the JSON text itself: the prompt is that text, reported where its literal spells it.
    [Fact]
    public Task System_text_spelled_in_the_json_text_is_a_prompt() =>
        VerifyNoSdkAsync(""""
            namespace Hobby
            {
                public class Spelled
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Escaped(string question) =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(
                            "{\"model\":\"gpt-3.5-turbo\",\"messages\":[{\"role\":\"system\",\"content\":\"{|#0:You are a helpful assistant that answers in French.|}\"},{\"role\":\"user\",\"content\":\"" + question + "\"}]}",
                            Encoding.UTF8, "application/json"));

                    public Task<HttpResponseMessage> Claude(string question) =>
                        http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent(
                            $$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"system":"{|#1:You are a poet. Reply in four lines.|}","messages":[{"role":"user","content":"{{question}}"}]}"""));
                }
            }
            """",
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Hobby.Spelled.Escaped"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Hobby.Spelled.Claude"));

    // The twins of the shapes above: the user's turn, a role the text inserts, the system message inside an unrelated
    // nested object, the same text to a webhook, text handed to PostAsJsonAsync (one JSON string), a value inserted
    // unquoted (a JSON fragment the code encodes: not read), text that is not JSON.
    [Fact]
    public Task Text_that_carries_no_top_level_system_slot_at_an_llm_post_is_quiet() =>
        VerifyNoSdkAsync(""""
            public class Quiet
            {
                private const string Persona = "You are a travel agent. Suggest at most three destinations.";
                private const string Question = "Where should I travel in May?";
                private readonly HttpClient http = new HttpClient();

                // The only user message is a single-turn request (RawHttpSingleTurnAndHelperBodyTests): a question is not a prompt.
                public Task<HttpResponseMessage> UserTurn() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent($"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"user\",\"content\":\"{Question}\"}}]}}"));

                public Task<HttpResponseMessage> InsertedRole(string role) =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent($"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"{role}\",\"content\":\"{Persona}\"}}]}}"));

                public Task<HttpResponseMessage> Nested(string question) =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(
                        $$"""{"model":"gpt-4o","metadata":{"messages":[{"role":"system","content":"{{Persona}}"}]},"messages":[{"role":"user","content":"{{question}}"}]}"""));

                public Task<HttpResponseMessage> Webhook() =>
                    http.PostAsync("https://hooks.example.com/notify",
                        new StringContent($"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"system\",\"content\":\"{Persona}\"}}]}}"));

                public Task<HttpResponseMessage> AsJsonString() =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions",
                        $"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"system\",\"content\":\"{Persona}\"}}]}}");

                public Task<HttpResponseMessage> Unquoted() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent($"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"system\",\"content\":{JsonSerializer.Serialize(Persona)}}}]}}"));

                // Spelled text in the user's turn, in a nested object, or a placeholder word.
                public Task<HttpResponseMessage> SpelledUser() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"You are a travel agent. Suggest at most three destinations.\"}]}"));

                public Task<HttpResponseMessage> SpelledNested(string question) =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(
                        $$"""{"model":"gpt-4o","metadata":{"messages":[{"role":"system","content":"You are a travel agent. Suggest at most three destinations."}]},"messages":[{"role":"user","content":"{{question}}"}]}"""));

                public Task<HttpResponseMessage> Placeholder() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"test\"}]}"));

                public Task<HttpResponseMessage> NotJson() =>
                    http.PostAsync("https://api.openai.com/v1/chat/completions",
                        new StringContent($"model=gpt-4o&role=system&content={Persona}"));
            }
            """");

    [Fact]
    public async Task Half_typed_text_bodies_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                public class Draft
                {
                    private const string {|#0:Prompt|} = "You are a librarian. Recommend at most three books.";
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Hole() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent($"{{\"messages\":[{{\"role\":\"system\",\"content\":\"{ }\"}}]}}"));

                    public Task<HttpResponseMessage> Cut() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent($"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"system\",\"content\":\"{Prompt}\"}}, {{\"role\":"));

                    public Task<HttpResponseMessage> Unfinished() =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent($"{{\"messages\":[{{\"role\":\"system\",\"content\":\"{Prompt
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Draft.Prompt"));
        await test.RunAsync();
    }
}
