using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A message list the caller builds and hands to a project helper that wraps it as the <c>messages</c> of the body it
/// posts (review72 S-3, jacobi-solutions/NutritionAmbition.Backend's OpenAiService: each public method builds
/// <c>new List&lt;object&gt; { new { role = "system", content = "You are a nutrition assistant. ..." }, new { role = "user",
/// content = text } }</c> and calls <c>private async Task&lt;string&gt; GetChatResponseAsync(List&lt;object&gt; messages, ...)</c>,
/// which posts <c>new { model = ..., messages, temperature }</c>). HelperPostedBodies.FindList, CallerBuiltMessageLists,
/// RawHttpPromptSlots.
/// </summary>
public class HelperPostedMessageListTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;

        """;

    /// <summary>Runs the analyzer on <paramref name="code"/> after the usings above, against the framework alone (raw HTTP, no SDK).</summary>
    internal static Task VerifyNoSdkAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = Usings + code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The real file, reduced: the helper serializes the anonymous body into StringContent and posts it to a constant URL.
    private const string NutritionService = """
        namespace Nutrition
        {
            public class OpenAiService
            {
                private const string OpenAiApiEndpoint = "URL";
                private readonly HttpClient _httpClient = new HttpClient();

                private async Task<string> GetChatResponseAsync(List<object> messages, float temperature = 0.7f, int? maxTokens = null, string responseFormat = null)
                {
                    var requestBody = new
                    {
                        model = "gpt-4o-mini",
                        messages,
                        temperature,
                        max_tokens = maxTokens,
                        response_format = responseFormat != null ? new { type = responseFormat } : null
                    };
                    var content = new StringContent(JsonSerializer.Serialize(requestBody), Encoding.UTF8, "application/json");
                    var response = await _httpClient.PostAsync(OpenAiApiEndpoint, content);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                public async Task<string> ParseFoodTextAsync(string foodDescription)
                {
                    var messages = new List<object>
                    {
                        new
                        {
                            role = "system",
                            content = PARSE
                        },
                        new
                        {
                            role = "user",
                            content = foodDescription
                        }
                    };
                    return await GetChatResponseAsync(messages, 0.1f, 800, "json_object");
                }

                public async Task<string> GenerateCoachResponseAsync(string foodDescription)
                {
                    var prompt = new StringBuilder();
                    prompt.AppendLine("A user has just logged the following food item:");
                    prompt.AppendLine($"- User Input: {foodDescription}");
                    var messages = new List<object>
                    {
                        new { role = "system", content = COACH },
                        new { role = "user", content = prompt.ToString() }
                    };
                    var coachResponse = await GetChatResponseAsync(messages, 0.7f, 60);
                    return coachResponse.Trim();
                }
            }
        }
        """;

    private const string ParsePrompt =
        "\"You are a nutrition assistant. Break down the user's food description into individual food items.\\nRespond ONLY with a JSON object. No extra text, no explanations.\"";

    private const string CoachPrompt = "\"You are a friendly and encouraging nutrition coach.\"";

    [Fact]
    public Task System_messages_of_lists_handed_to_the_posting_helper_are_prompts() =>
        VerifyNoSdkAsync(
            NutritionService.Replace("URL", "https://api.openai.com/v1/chat/completions")
                .Replace("PARSE", "{|#0:" + ParsePrompt + "|}")
                .Replace("COACH", "{|#1:" + CoachPrompt + "|}"),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Nutrition.OpenAiService.ParseFoodTextAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Nutrition.OpenAiService.GenerateCoachResponseAsync"));

    [Fact]
    public Task Same_helper_posting_to_a_webhook_is_quiet() =>
        VerifyNoSdkAsync(
            NutritionService.Replace("URL", "https://hooks.example.com/nutrition/log")
                .Replace("PARSE", ParsePrompt)
                .Replace("COACH", CoachPrompt));

    // The correct code real apps write beside the bug: lists of user and assistant turns only (a constant user
    // instruction included: the user's turn is not a prompt), a history field that several methods append to (its system
    // message is added by the constructor), a local list another method also writes (here, removing the system message),
    // role labels and a run-time role at "system".
    [Fact]
    public Task User_turns_shared_histories_and_role_labels_are_quiet() =>
        VerifyNoSdkAsync("""
            public class Chat
            {
                private readonly HttpClient http = new HttpClient();
                private readonly List<object> _history = new List<object>();

                public Chat() => _history.Add(new { role = "system", content = "You are a helpful assistant. Answer in at most two sentences." });

                private Task<HttpResponseMessage> GetChatResponseAsync(List<object> messages) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages });

                public Task<HttpResponseMessage> Ask(string question, string lastAnswer) =>
                    GetChatResponseAsync(new List<object>
                    {
                        new { role = "user", content = "Always answer in French and never use more than two sentences." },
                        new { role = "assistant", content = lastAnswer },
                        new { role = "user", content = question },
                    });

                public Task<HttpResponseMessage> Continue(string question)
                {
                    _history.Add(new { role = "user", content = question });
                    return GetChatResponseAsync(_history);
                }

                public void Remember(string answer) => _history.Add(new { role = "assistant", content = answer });

                public Task<HttpResponseMessage> Trimmed(string question)
                {
                    var messages = new List<object> { new { role = "system", content = "You are a poet. Answer only in rhyme." } };
                    Compact(messages);
                    messages.Add(new { role = "user", content = question });
                    return GetChatResponseAsync(messages);
                }

                private static void Compact(List<object> messages) => messages.RemoveAt(0);

                public Task<HttpResponseMessage> Labels(string question, bool strict) =>
                    GetChatResponseAsync(new List<object>
                    {
                        new { role = "system", content = "assistant" },
                        new { role = "system", content = "Context:" },
                        new { role = strict ? "system" : "user", content = "You are a strict grader. Never round grades up." },
                        new { role = "user", content = question },
                    });
            }
            """);

    // The helper must send the list as it is given: one that rewrites its parameter, or sends something computed from
    // it, decides the messages itself.
    [Fact]
    public Task Helper_that_rewrites_or_filters_its_list_is_quiet() =>
        VerifyNoSdkAsync("""
            public class Chat
            {
                private readonly HttpClient http = new HttpClient();

                private Task<HttpResponseMessage> Reassigned(List<object> messages)
                {
                    messages = new List<object> { new { role = "user", content = "hi" } };
                    return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages });
                }

                private Task<HttpResponseMessage> Filtered(List<object> messages) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages = messages.Skip(1).ToList() });

                public Task<HttpResponseMessage> A(string question) =>
                    Reassigned(new List<object> { new { role = "system", content = "You are a chef. Suggest one recipe only." }, new { role = "user", content = question } });

                public Task<HttpResponseMessage> B(string question) =>
                    Filtered(new List<object> { new { role = "system", content = "You are a chef. Suggest one recipe only." }, new { role = "user", content = question } });
            }
            """);

    // A retry loop calls the helper twice with the same list: one prompt, reported once.
    [Fact]
    public Task List_handed_to_the_helper_twice_is_reported_once() =>
        VerifyNoSdkAsync("""
            public class Chat
            {
                private readonly HttpClient http = new HttpClient();

                private async Task<string> Complete(List<object> messages)
                {
                    var response = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages });
                    return await response.Content.ReadAsStringAsync();
                }

                public async Task<string> Ask(string question)
                {
                    var messages = new List<object>
                    {
                        new { role = "system", content = {|#0:"You are a chef. Suggest one recipe and list its ingredients."|} },
                        new { role = "user", content = question },
                    };
                    try { return await Complete(messages); }
                    catch (HttpRequestException) { return await Complete(messages); }
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Ask"));

    // Half-typed code: a helper whose list type is missing, a call without its list, a message without content; nothing
    // throws, and the complete list beside them is still read.
    [Fact]
    public async Task Half_typed_helpers_and_lists_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                public class Draft
                {
                    private readonly HttpClient http = new HttpClient();

                    private Task<HttpResponseMessage> Send(List<object> messages) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages });

                    private Task<HttpResponseMessage> Broken(Missing messages) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages });

                    public Task<HttpResponseMessage> A() => Send();
                    public Task<HttpResponseMessage> B() => Send(new List<object> { new { role = "system", content = } });
                    public Task<HttpResponseMessage> C() => Broken(new Missing { new { role = "system", content = "You are a chef. Suggest one recipe only." } });
                    public Task<HttpResponseMessage> D(string text) =>
                        Send(new List<object> { new { role = "system", content = {|#0:"You are a chef. Suggest one recipe only."|} }, new { role = "user", content = text } });
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Draft.D"));
        await test.RunAsync();
    }
}
