using static AiLint.Tests.Prompts.HelperPostedMessageListTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The message list shapes HelperPostedMessageListTests' helper reads, beside its anonymous objects: each is read in a
/// caller's list as the body readers read it written in the body at the POST (HelperPostedBodies.FindList,
/// RawHttpPromptSlots).
/// </summary>
public class HelperPostedMessageListShapesTests
{
    // The list shapes the body readers already take in place: a dictionary per message, a JsonArray of JsonObjects, the
    // app's own message record (by constructor parameter), and Responses' input list with a developer message; the helpers
    // post with PostAsJsonAsync, ToJsonString() and a URL the caller passes.
    [Fact]
    public Task Dictionary_json_array_record_and_responses_lists_are_read() =>
        VerifyNoSdkAsync("""
            namespace Chat
            {
                public record Message(string Role, string Content);
                public record ChatRequest(string Model, IReadOnlyList<Message> Messages, double Temperature = 0.2);

                public class Client
                {
                    private readonly HttpClient http = new HttpClient();

                    private Task<HttpResponseMessage> SendDictionaries(List<Dictionary<string, string>> messages) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages });

                    private Task<HttpResponseMessage> SendNodes(JsonArray messages)
                    {
                        var body = new JsonObject { ["model"] = "gpt-4o-mini", ["messages"] = messages };
                        return http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                    }

                    private Task<HttpResponseMessage> SendRecords(string url, IReadOnlyList<Message> messages) =>
                        http.PostAsJsonAsync(url, new ChatRequest("gpt-4o-mini", messages));

                    private Task<HttpResponseMessage> SendResponses(List<object> items) =>
                        http.PostAsJsonAsync("https://api.openai.com/v1/responses", new { model = "gpt-4o-mini", input = items.ToArray() });

                    public Task<HttpResponseMessage> Tax(string question) =>
                        SendDictionaries(new List<Dictionary<string, string>>
                        {
                            new() { ["role"] = "system", ["content"] = {|#0:"You are a tax advisor. Cite the paragraph you rely on."|} },
                            new() { ["role"] = "user", ["content"] = question },
                        });

                    public Task<HttpResponseMessage> Garden(string question)
                    {
                        var messages = new JsonArray
                        {
                            new JsonObject { ["role"] = "system", ["content"] = {|#1:"You are a gardener. Answer in at most three sentences."|} },
                            new JsonObject { ["role"] = "user", ["content"] = question },
                        };
                        return SendNodes(messages);
                    }

                    public Task<HttpResponseMessage> Books(string question)
                    {
                        var messages = new List<Message> { new("system", {|#2:"You are a librarian. Recommend at most three books."|}) };
                        messages.Add(new Message("user", question));
                        return SendRecords("https://api.openai.com/v1/chat/completions", messages);
                    }

                    public Task<HttpResponseMessage> Trains(string question)
                    {
                        var items = new List<object>
                        {
                            new { role = "developer", content = {|#3:"You are a travel agent. Always suggest trains before flights."|} },
                            new { role = "user", content = question },
                        };
                        return SendResponses(items);
                    }
                }
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Client.Tax"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Client.Garden"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Client.Books"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Chat.Client.Trains"));
}
