using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// The rules that read a raw POST's body, on FinSim-AI's provider switch (review76 repro-1; LlmCalls/WrittenUrlFields.cs):
/// AIL0301 on the CIO system prompt the game engine hands to the posting helper, and AIL0501 on an OpenAI id only
/// when every write of the URL field is on OpenAI's host. With OpenAI and OpenRouter both possible, which host gets
/// <c>"gpt-4o"</c> is decided at run time, so the OpenAI id stays quiet (an OpenAI-compatible server may keep the
/// name as its own alias), as it does for any POST to a host the code does not spell.
/// </summary>
public class ProviderSwitchUrlFieldRuleTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    // FinSim's Services/OpenRouterService.cs and Core/GameEngine.cs @11f6f48, reduced (repro-1/Program.cs). FinSim
    // writes _model in each branch too; a model field written twice is the model readers' business (not followed by
    // them today), so here it is written once, before the switch, and only the URL's reading is tested.
    private const string FinSim = """
        namespace FinSimAI.Services
        {
            public class ChatMessage { public string Role { get; set; } = ""; public string Content { get; set; } = ""; }

            public class OpenRouterService
            {
                private readonly HttpClient _httpClient = new();
                private readonly string _model;
                private readonly string _baseUrl;

                public OpenRouterService()
                {
                    _model = Environment.GetEnvironmentVariable("DEFAULT_CHAT_MODEL") ?? __MODEL__;
                    if (Environment.GetEnvironmentVariable("AI_PROVIDER")?.ToLower() == "openai")
                    {
                        _baseUrl = "https://api.openai.com/v1/chat/completions";
                    }
                    else
                    {
                        _baseUrl = "OTHER";
                    }
                }

                public async Task<string> GetChatResponseAsync(List<ChatMessage> messages)
                {
                    var requestBody = new { model = _model, messages = messages, max_tokens = 800, temperature = 0.2 };
                    string jsonRequest = JsonSerializer.Serialize(requestBody, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
                    var content = new StringContent(jsonRequest, Encoding.UTF8, "application/json");
                    var response = await _httpClient.PostAsync(_baseUrl, content);
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public class GameEngine
            {
                private readonly OpenRouterService _apiService = new();

                public async Task<string> CallCIOAgentAsync(string eventText)
                {
                    var cioHistory = new List<ChatMessage>
                    {
                        new ChatMessage { Role = "system", Content = PROMPT }
                    };
                    cioHistory.Add(new ChatMessage { Role = "user", Content = $"Evento: {eventText}" });
                    return await _apiService.GetChatResponseAsync(cioHistory);
                }
            }
        }
        """;

    private const string CioPrompt = "\"Eres el Analista Jefe (CIO). Tu tarea es sintetizar las reacciones de 4 entidades financieras ante un evento.\"";

    private static string Code(string other, string prompt = CioPrompt, string model = "\"gpt-4o\"") =>
        Usings + FinSim.Replace("OTHER", other).Replace("PROMPT", prompt).Replace("__MODEL__", model);

    private static Task VerifyPromptsAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyModelsAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task The_system_prompt_posted_to_either_provider_is_reported() => VerifyPromptsAsync(
        Code("https://openrouter.ai/api/v1/chat/completions", prompt: "{|#0:" + CioPrompt + "|}"),
        CSharpAnalyzerVerifier<PromptEvalCoverageAnalyzer>.Diagnostic("AIL0301").WithLocation(0).WithArguments("FinSimAI.Services.GameEngine.CallCIOAgentAsync"));

    [Fact]
    public Task The_same_system_prompt_is_quiet_when_the_other_branch_posts_to_a_webhook() => VerifyPromptsAsync(
        Code("https://hooks.example.com/finsim/events"));

    [Fact]
    public Task An_openai_id_is_reported_when_every_branch_posts_to_openai() => VerifyModelsAsync(
        Code("https://eu.api.openai.com/v1/chat/completions", model: "{|#0:\"gpt-4o\"|}"),
        CSharpAnalyzerVerifier<ModelAnalyzer>.Diagnostic("AIL0501").WithLocation(0));

    // On purpose: the OpenRouter branch may receive the same id, so the view is the one for a host the code does not spell.
    [Fact]
    public Task An_openai_id_stays_quiet_when_a_branch_posts_to_openrouter() => VerifyModelsAsync(
        Code("https://openrouter.ai/api/v1/chat/completions"));
}
