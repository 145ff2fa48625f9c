using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0301-AIL0303 on the system text of requests an app sends over plain <c>HttpClient</c> (RawHttpPromptSlots): the
/// POSTs AIL0001 counts as LLM calls, read in the JSON body the code builds. Shapes copied from hobby and small apps
/// (reviews 53 and 55: AIExceptionSummarizer's <c>PostAsJsonAsync("chat/completions", payload)</c>, NetCoreAI.02's
/// Turkish system text serialized into <c>StringContent</c>, Valkyrie.AutoTranslator's <c>llmPrompt</c> parameter in a
/// retried <c>SendAsync</c>). Each reported shape has its quiet twin: the user's turn, the same body posted to a webhook,
/// a role chosen at run time, a connectivity probe, a unit-test project.
/// </summary>
public class RawHttpPromptSlotTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;

        """;

    // Most such apps reference no SDK at all: the analyzer must not stop at compilation start for want of one.
    private static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected) =>
        VerifyNoSdkAsync(code, Array.Empty<(string, string)>(), expected);

    private static Task VerifyNoSdkAsync(string code, (string Path, string Content)[] evalFiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.AddRange(evalFiles);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // review53 surya3524_AIExceptionSummarizer, LlmService.cs: concatenated system text in an anonymous payload.
    [Fact]
    public Task Anonymous_payload_system_content_is_a_prompt_and_the_user_turn_is_not() =>
        VerifyNoSdkAsync("""
            public sealed class LlmService
            {
                private readonly HttpClient client = new HttpClient();

                public async Task<string> SummarizeAsync(string input)
                {
                    var payload = new
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
                            new { role = "user", content = "Summarize this log and list the probable root causes, in order." },
                            new { role = "user", content = input },
                        },
                    };

                    using var resp = await client.PostAsJsonAsync("chat/completions", payload);
                    return await resp.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("LlmService.SummarizeAsync"));

    // review53 OpenAiLlmClient.cs: the system text in a local, the request in another.
    [Fact]
    public Task System_text_held_in_a_local_is_reported_on_its_literal() =>
        VerifyNoSdkAsync("""
            namespace ErrorSummarizer;
            public sealed class OpenAiLlmClient
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string> GetSummaryAsync(string prompt)
                {
                    var systemPrompt = {|#0:"You are an assistant that produces concise JSON root cause analysis for software errors."|};
                    var request = new
                    {
                        model = "gpt-4o-mini",
                        messages = new[]
                        {
                            new { role = "system", content = systemPrompt },
                            new { role = "user", content = prompt },
                        },
                        temperature = 0.2,
                        max_tokens = 500,
                    };

                    using var resp = await _http.PostAsJsonAsync("v1/chat/completions", request);
                    return await resp.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ErrorSummarizer.OpenAiLlmClient.GetSummaryAsync"));

    // review55 NetCoreAI.02 Project17: Turkish system text, JsonSerializer.Serialize into StringContent, PostAsync.
    [Fact]
    public Task Serialized_body_in_string_content_with_other_language_text_is_a_prompt() =>
        VerifyNoSdkAsync("""
            class Program
            {
                static async Task<string> AskOpenAI(string prompt)
                {
                    const string endpoint = "https://api.openai.com/v1/chat/completions";
                    using var client = new HttpClient();
                    var requestBody = new
                    {
                        model = "gpt-4",
                        messages = new[]
                        {
                            new { role = "system", content = {|#0:"Sen uzman bir C# yazılım geliştiricisisin. Kodları açıkla, düzelt veya test case üret."|} },
                            new { role = "user", content = prompt },
                        },
                        temperature = 0.7,
                    };

                    var json = JsonSerializer.Serialize(requestBody);
                    var content = new StringContent(json, Encoding.UTF8, "application/json");
                    var response = await client.PostAsync(endpoint, content);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Program.AskOpenAI"));

    // The same payload posted to the app's own webhook is not a model request: no prompt.
    [Fact]
    public Task The_same_body_posted_to_a_webhook_is_quiet() =>
        VerifyNoSdkAsync("""
            class Notifier
            {
                private readonly HttpClient client = new HttpClient();

                public async Task NotifyAsync(string text)
                {
                    var payload = new
                    {
                        model = "gpt-4",
                        messages = new[]
                        {
                            new { role = "system", content = "You are an assistant that summarizes and explains software errors." },
                            new { role = "user", content = text },
                        },
                    };

                    await client.PostAsJsonAsync("https://hooks.example.com/notify", payload);
                    await client.PostAsync("https://hooks.example.com/api/chat", new StringContent(JsonSerializer.Serialize(new
                    {
                        messages = new[] { new { role = "system", content = "You are a friendly support agent for our shop." } },
                    })));
                }
            }
            """);

    // review55 Valkyrie.AutoTranslator DeepSeekApi: the system text is a parameter; its caller's constant is the prompt.
    [Fact]
    public Task Parameter_fed_system_content_is_followed_to_the_callers_constant() =>
        VerifyNoSdkAsync("""
            namespace Translator
            {
                internal static class DeepSeekApi
                {
                    public static async Task<string> ExecutePromptAsync(string apiKey, string llmPrompt, string key, string value)
                    {
                        using var httpClient = new HttpClient();
                        string apiUrl = "https://api.deepseek.com/v1/chat/completions";
                        var requestBody = new
                        {
                            model = "deepseek-chat",
                            messages = new[]
                            {
                                new { role = "system", content = llmPrompt },
                                new { role = "user", content = $"Key={key} \nValue={value}" },
                            },
                        };
                        string jsonBody = JsonSerializer.Serialize(requestBody);
                        while (true)
                        {
                            using (var request = new HttpRequestMessage(HttpMethod.Post, apiUrl))
                            {
                                request.Headers.Add("Authorization", $"Bearer {apiKey}");
                                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                                using (var response = await httpClient.SendAsync(request))
                                {
                                    if ((int)response.StatusCode == 429) continue;
                                    return await response.Content.ReadAsStringAsync();
                                }
                            }
                        }
                    }
                }

                public class Runner
                {
                    private const string {|#0:TranslatePrompt|} = "Translate the value into German. Keep the placeholders unchanged.";

                    public Task<string> Translate(string apiKey, string key, string value) =>
                        DeepSeekApi.ExecutePromptAsync(apiKey, TranslatePrompt, key, value);

                    public Task<string> Configured(string apiKey, string configuredPrompt, string key, string value) =>
                        DeepSeekApi.ExecutePromptAsync(apiKey, configuredPrompt, key, value);
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Translator.Runner.TranslatePrompt"));

    [Fact]
    public Task Dto_records_and_a_list_filled_by_add_calls_are_read() =>
        VerifyNoSdkAsync("""
            namespace Chat
            {
                public class ChatRequest
                {
                    [JsonPropertyName("model")] public string Model { get; set; } = "";
                    [JsonPropertyName("messages")] public List<ChatMessage> Messages { get; set; } = new();
                }

                public class ChatMessage
                {
                    [JsonPropertyName("role")] public string Role { get; set; } = "";
                    [JsonPropertyName("content")] public string Content { get; set; } = "";
                }

                public record Message(string Role, string Content);
                public record Request(string Model, List<Message> Messages);

                public class Client
                {
                    private const string Url = "https://api.openai.com/v1/chat/completions";
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Dto(string question) =>
                        http.PostAsJsonAsync(Url, new ChatRequest
                        {
                            Model = "gpt-4o",
                            Messages = new List<ChatMessage>
                            {
                                new ChatMessage { Role = "system", Content = {|#0:"You are a librarian. Recommend at most three books."|} },
                                new ChatMessage { Role = "user", Content = question },
                            },
                        });

                    public Task<HttpResponseMessage> Record(string question) =>
                        http.PostAsJsonAsync(Url, new Request("gpt-4o", new List<Message> { new Message("system", {|#1:"You are a chef. Answer with one recipe."|}), new Message("user", question) }));

                    public Task<HttpResponseMessage> Added(string question, string lastAnswer)
                    {
                        var messages = new List<object>();
                        messages.Add(new { role = "system", content = {|#2:"You are a travel agent. Suggest trains before flights."|} });
                        messages.Add(new { role = "assistant", content = lastAnswer });
                        messages.Add(new { role = "user", content = question });
                        return http.PostAsJsonAsync(Url, new { model = "gpt-4o", messages });
                    }
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Client.Dto"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Client.Record"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Client.Added"));

    [Fact]
    public Task Dictionary_and_json_object_bodies_are_read() =>
        VerifyNoSdkAsync("""
            namespace Chat
            {
                public class Client
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Dictionary(string question)
                    {
                        var body = new Dictionary<string, object>
                        {
                            ["model"] = "gpt-4o",
                            ["messages"] = new List<Dictionary<string, object>>
                            {
                                new Dictionary<string, object> { ["role"] = "system", ["content"] = {|#0:"You are a tax advisor. Cite the paragraph you rely on."|} },
                                new Dictionary<string, object> { ["role"] = "user", ["content"] = question },
                            },
                        };
                        return http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(JsonSerializer.Serialize(body)));
                    }

                    public Task<HttpResponseMessage> Node(string question)
                    {
                        var body = new JsonObject
                        {
                            ["model"] = "gpt-4o",
                            ["messages"] = new JsonArray
                            {
                                new JsonObject { ["role"] = "developer", ["content"] = {|#1:"Answer in French. Never use slang."|} },
                                new JsonObject { ["role"] = "user", ["content"] = question },
                            },
                        };
                        return http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(body.ToJsonString()));
                    }
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Client.Dictionary"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Client.Node"));

    [Fact]
    public Task Anthropic_gemini_responses_and_ollama_instruction_members_are_read() =>
        VerifyNoSdkAsync("""
            namespace Providers
            {
                public class GeminiRequest
                {
                    public SystemContent SystemInstruction { get; set; } = new();
                    public object[] Contents { get; set; } = new object[0];
                }

                public class SystemContent { public List<Part> Parts { get; set; } = new(); }
                public class Part { public string Text { get; set; } = ""; }

                public class Clients
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Claude(string question) =>
                        http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                        {
                            model = "claude-sonnet-4-5",
                            max_tokens = 1024,
                            system = {|#0:"You are a poet. Reply in four lines."|},
                            messages = new[] { new { role = "user", content = question } },
                        });

                    public Task<HttpResponseMessage> ClaudeBlocks(string question) =>
                        http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                        {
                            model = "claude-sonnet-4-5",
                            max_tokens = 1024,
                            system = new[] { new { type = "text", text = {|#1:"You are a historian. Give dates for every event."|}, cache_control = new { type = "ephemeral" } } },
                            messages = new[] { new { role = "user", content = question } },
                        });

                    public Task<HttpResponseMessage> Gemini(string question) =>
                        http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", new
                        {
                            system_instruction = new { parts = new[] { new { text = {|#2:"You are a cat. Answer with meows only."|} } } },
                            contents = new[] { new { role = "user", parts = new[] { new { text = question } } } },
                        });

                    public Task<HttpResponseMessage> GeminiDto(string question) =>
                        http.PostAsJsonAsync("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", new GeminiRequest
                        {
                            SystemInstruction = new SystemContent { Parts = new List<Part> { new Part { Text = {|#3:"You are a referee. Quote the rule you apply."|} } } },
                        });

                    public Task<HttpResponseMessage> Responses(string question) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/responses", new
                        {
                            model = "gpt-4.1",
                            instructions = {|#4:"You are a math tutor. Show every step."|},
                            input = question,
                        });

                    public Task<HttpResponseMessage> OllamaGenerate(string question) =>
                        http.PostAsJsonAsync("http://localhost:11434/api/generate", new
                        {
                            model = "llama3",
                            system = {|#5:"You are a pirate. Speak like one."|},
                            prompt = question,
                        });

                    public Task<HttpResponseMessage> OllamaChat(string question) =>
                        http.PostAsJsonAsync("http://localhost:11434/api/chat", new
                        {
                            model = "llama3",
                            messages = new[] { new { role = "system", content = {|#6:"You are a gardener. Mention the season."|} }, new { role = "user", content = question } },
                        });
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Providers.Clients.Claude"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Providers.Clients.ClaudeBlocks"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Providers.Clients.Gemini"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Providers.Clients.GeminiDto"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Providers.Clients.Responses"),
            Diagnostic("AIL0301").WithLocation(5).WithArguments("Providers.Clients.OllamaGenerate"),
            Diagnostic("AIL0301").WithLocation(6).WithArguments("Providers.Clients.OllamaChat"));

    [Fact]
    public Task Content_parts_of_a_developer_message_are_read() =>
        VerifyNoSdkAsync("""
            public class Vision
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Describe(string imageUrl) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o",
                        messages = new object[]
                        {
                            new { role = "developer", content = new[] { new { type = "text", text = {|#0:"Describe images for blind users. Never guess names."|} } } },
                            new { role = "user", content = new object[] { new { type = "image_url", image_url = new { url = imageUrl } } } },
                        },
                    });
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Vision.Describe"));

    // A console chatbot keeps the conversation in a field: the system message is added in the constructor, the turns
    // in the method that posts the list.
    [Fact]
    public Task A_history_field_filled_in_the_constructor_is_read() =>
        VerifyNoSdkAsync("""
            namespace Bot
            {
                public class ChatBot
                {
                    private const string {|#0:Persona|} = "You are a friendly museum guide. Never invent opening hours.";
                    private readonly HttpClient http = new HttpClient();
                    private readonly List<object> _messages = new List<object>();

                    public ChatBot()
                    {
                        _messages.Add(new { role = "system", content = Persona });
                    }

                    public async Task<string> AskAsync(string question)
                    {
                        _messages.Add(new { role = "user", content = question });
                        var response = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", messages = _messages });
                        var answer = await response.Content.ReadAsStringAsync();
                        this._messages.Add(new { role = "assistant", content = answer });
                        return answer;
                    }
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Bot.ChatBot.Persona"));

    // A role the code chooses at run time (a stored history, a flag) says nothing about which text is the system's.
    [Fact]
    public Task Roles_chosen_at_run_time_are_quiet() =>
        VerifyNoSdkAsync("""
            public record Turn(string Role, string Text);

            public class History
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Send(List<Turn> turns, bool asSystem)
                {
                    var messages = new List<object>();
                    foreach (var turn in turns)
                    {
                        messages.Add(new { role = turn.Role, content = turn.Text });
                    }

                    messages.Add(new { role = asSystem ? "system" : "user", content = "You are a librarian. Recommend at most three books." });
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", messages });
                }
            }
            """);

    // A settings page's connection test: constant request, only the status read (ProbeRequests); its twin keeps the answer.
    [Fact]
    public Task A_connectivity_probe_is_quiet_and_its_twin_that_keeps_the_answer_is_reported() =>
        VerifyNoSdkAsync("""
            public class Settings
            {
                private readonly HttpClient http = new HttpClient();

                public async Task<bool> TestConnectionAsync()
                {
                    var response = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[] { new { role = "system", content = "You are a helpful assistant." }, new { role = "user", content = "ping" } },
                    });
                    return response.IsSuccessStatusCode;
                }

                public async Task<string> AskAsync()
                {
                    var response = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[] { new { role = "system", content = {|#0:"You are a helpful assistant."|} }, new { role = "user", content = "ping" } },
                    });
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Settings.AskAsync"));

    // Once the prompt has a case, the instructions no case quotes are AIL0303, on their text in the body.
    [Fact]
    public Task A_covered_raw_prompt_reports_its_unquoted_instructions() =>
        VerifyNoSdkAsync("""
            namespace Shop;
            public class Support
            {
                private readonly HttpClient http = new HttpClient();

                public Task<HttpResponseMessage> Ask(string question) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o",
                        messages = new[] { new { role = "system", content = "You are a support bot. {|#0:You must answer in English.|}" }, new { role = "user", content = question } },
                    });
            }
            """,
            new[] { ("evals/Support.evals.jsonl", Case("Shop.Support.Ask")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must answer in English.", "Shop.Support.Ask"));

    // In a unit-test project a posted system message is a fixture, as SDK slots there are (TestProjects).
    [Fact]
    public Task A_unit_test_project_is_quiet() =>
        VerifyNoSdkAsync("""
            namespace Xunit { public sealed class FactAttribute : System.Attribute { } }

            public class ClientTests
            {
                private readonly HttpClient http = new HttpClient();

                [Xunit.Fact]
                public Task Posts() =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o",
                        messages = new[] { new { role = "system", content = "You are a librarian. Recommend at most three books." } },
                    });
            }
            """);

    // An app that also references the SDKs (the default test references) reads raw bodies the same way; a body held in
    // a readonly field is followed like a local, and an SDK's own system message beside it is reported once.
    [Fact]
    public Task With_sdks_referenced_a_field_held_body_is_read_too() =>
        VerifyAsync(Usings + """
            using OpenAI.Chat;
            namespace Mixed
            {
                public class Client
                {
                    private static readonly object Body = new
                    {
                        model = "gpt-4o",
                        messages = new[] { new { role = "system", content = {|#0:"You are a sommelier. Suggest one wine."|} } },
                    };

                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Raw() => http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", Body);

                    public ChatMessage Sdk() => new SystemChatMessage({|#1:"You are a barista. Suggest one coffee."|});
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mixed.Client.Body"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Mixed.Client.Sdk"));

    // Half-typed code: the body is missing a value and the call an argument; nothing throws.
    [Fact]
    public async Task Half_typed_bodies_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                public class Draft
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> Ask(string question) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                        {
                            model = ,
                            messages = new[] { new { role = "system", content = {|#0:"You are a librarian. Recommend at most three books."|} }, new { role = , content = question } },
                        });

                    public Task<HttpResponseMessage> Unfinished(string question) =>
                        http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(JsonSerializer.Serialize(new { messages = new[] { new { role = "system", content = } } })));

                    public Task<HttpResponseMessage> NoBody() => http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", );
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Draft.Ask"));
        await test.RunAsync();
    }
}
