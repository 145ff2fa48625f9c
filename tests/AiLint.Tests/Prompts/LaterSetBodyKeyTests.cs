using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.HelperPostedMessageListTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A raw HTTP body dictionary whose system member is set after its creation (review73, N0brM/ChapterONE):
/// <c>if (!string.IsNullOrEmpty(systemPrompt)) requestObj["systemInstruction"] = new { parts = new[] { new { text =
/// systemPrompt } } };</c> on a <c>Dictionary&lt;string, object&gt;</c> then serialized and posted; Anthropic's top-level
/// <c>body["system"] = systemPrompt</c> the same way. Read only for a local created once, posted once, with no other writer.
/// </summary>
public class LaterSetBodyKeyTests
{
    private const string GeminiUrl = "https://generativelanguage.googleapis.com/v1beta/models/";

    // ChapterONE's CallGemini, reduced: the optional system prompt is added by the indexer under an if; the caller's
    // constant persona reaches it through the parameter. Also probe B of review73 (text written
    // at the indexer).
    [Fact]
    public Task A_system_instruction_set_on_the_dictionary_after_creation_is_a_prompt() =>
        VerifyNoSdkAsync($$"""
            namespace ChapterOne
            {
                public class AiController
                {
                    private const string GeminiApiBaseUrl = "{{GeminiUrl}}";
                    private readonly HttpClient _httpClient = new HttpClient();

                    private const string {|#0:WritingAssistant|} = "You are a multilingual creative writing assistant. Always answer in the user's language.";

                    public Task<string> Ask(string question) => CallGemini(question, WritingAssistant);

                    public async Task<string> Styled(string userMessage, bool withSystem)
                    {
                        var requestObj = new Dictionary<string, object>
                        {
                            ["contents"] = new[] { new { role = "user", parts = new[] { new { text = userMessage } } } },
                        };
                        if (withSystem)
                        {
                            requestObj["systemInstruction"] = new { parts = new[] { new { text = {|#1:"You are a creative writing assistant. Always answer in the user's language."|} } } };
                        }

                        var content = new StringContent(JsonSerializer.Serialize(requestObj), Encoding.UTF8, "application/json");
                        var r = await _httpClient.PostAsync($"{GeminiApiBaseUrl}gemini-2.0-flash:generateContent", content);
                        return await r.Content.ReadAsStringAsync();
                    }

                    private async Task<string> CallGemini(string userMessage, string? systemPrompt = null, int maxTokens = 512)
                    {
                        var requestObj = new Dictionary<string, object>
                        {
                            ["contents"] = new[] { new { role = "user", parts = new[] { new { text = userMessage } } } },
                            ["generationConfig"] = new { maxOutputTokens = maxTokens },
                        };
                        if (!string.IsNullOrEmpty(systemPrompt))
                        {
                            requestObj["systemInstruction"] = new { parts = new[] { new { text = systemPrompt } } };
                        }

                        var content = new StringContent(JsonSerializer.Serialize(requestObj), Encoding.UTF8, "application/json");
                        var response = await _httpClient.PostAsync($"{GeminiApiBaseUrl}gemini-2.0-flash:generateContent", content);
                        return await response.Content.ReadAsStringAsync();
                    }
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ChapterOne.AiController.WritingAssistant"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("ChapterOne.AiController.Styled"));

    // Anthropic's top-level system set after the body, posted with PostAsJsonAsync.
    [Fact]
    public Task Anthropic_system_set_on_the_dictionary_after_creation_is_a_prompt() =>
        VerifyNoSdkAsync("""
            namespace Claude
            {
                public class ClaudeClient(HttpClient http)
                {
                    public async Task<string> AskAsync(string question, bool strict)
                    {
                        var body = new Dictionary<string, object>
                        {
                            ["model"] = "claude-sonnet-4-5",
                            ["max_tokens"] = 1024,
                            ["messages"] = new[] { new { role = "user", content = question } },
                        };
                        if (strict)
                        {
                            body["system"] = {|#0:"You are a careful legal assistant. Never give advice you cannot cite."|};
                        }

                        using var response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                        return await response.Content.ReadAsStringAsync();
                    }
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Claude.ClaudeClient.AskAsync"));

    // Quiet: the dictionary handed to a helper that may set more, a key computed at run time, a key set after the
    // POST, the dictionary posted twice, a system member set on a field's dictionary (not a local), and a user turn
    // set later (not a system member).
    [Fact]
    public Task Dictionaries_with_another_writer_or_no_single_post_are_not_read() =>
        VerifyNoSdkAsync("""
            namespace Claude
            {
                public class ClaudeClient(HttpClient http)
                {
                    private const string Url = "https://api.anthropic.com/v1/messages";
                    private readonly Dictionary<string, object> _shared = new Dictionary<string, object> { ["model"] = "claude-sonnet-4-5" };

                    public async Task<string> Helper(string question)
                    {
                        var body = new Dictionary<string, object> { ["messages"] = new[] { new { role = "user", content = question } } };
                        body["system"] = "You are a careful legal assistant. Never give advice you cannot cite.";
                        AddDefaults(body);
                        using var response = await http.PostAsJsonAsync(Url, body);
                        return await response.Content.ReadAsStringAsync();
                    }

                    public async Task<string> Computed(string question, string key)
                    {
                        var body = new Dictionary<string, object> { ["messages"] = new[] { new { role = "user", content = question } } };
                        body["system"] = "You are a careful legal assistant. Never give advice you cannot cite.";
                        body[key] = "You are a careful legal assistant.";
                        using var response = await http.PostAsJsonAsync(Url, body);
                        return await response.Content.ReadAsStringAsync();
                    }

                    public async Task<string> AfterPost(string question)
                    {
                        var body = new Dictionary<string, object> { ["messages"] = new[] { new { role = "user", content = question } } };
                        var json = JsonSerializer.Serialize(body);
                        body["system"] = "You are a careful legal assistant. Never give advice you cannot cite.";
                        using var response = await http.PostAsync(Url, new StringContent(json, Encoding.UTF8, "application/json"));
                        return await response.Content.ReadAsStringAsync();
                    }

                    public async Task<string> Twice(string question)
                    {
                        var body = new Dictionary<string, object> { ["messages"] = new[] { new { role = "user", content = question } } };
                        body["system"] = "You are a careful legal assistant. Never give advice you cannot cite.";
                        using var first = await http.PostAsJsonAsync(Url, body);
                        using var second = await http.PostAsJsonAsync(Url, body);
                        return await second.Content.ReadAsStringAsync();
                    }

                    public async Task<string> Shared(string question)
                    {
                        _shared["system"] = "You are a careful legal assistant. Never give advice you cannot cite.";
                        using var response = await http.PostAsJsonAsync(Url, _shared);
                        return await response.Content.ReadAsStringAsync();
                    }

                    private static void AddDefaults(Dictionary<string, object> body) => body["max_tokens"] = 1024;
                }
            }
            """);

    // Half-typed: an unfinished indexer assignment and an unknown dictionary type. No crash, nothing reported.
    [Fact]
    public Task Half_typed_later_set_members_do_not_crash() =>
        new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Net.Http.Json;
                namespace Broken
                {
                    public class C(HttpClient http)
                    {
                        public async System.Threading.Tasks.Task A(string q)
                        {
                            var body = new Dictionary<string, object> { ["messages"] = new[] { new { role = "user", content = q } } };
                            body["system"] = ;
                            await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                        }
                        public async System.Threading.Tasks.Task B(string q)
                        {
                            var body = new Dictionry<string, object> { ["messages"] = q };
                            body["system"] = "You are a careful legal assistant. Never give advice you cannot cite.";
                            await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                        }
                    }
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
