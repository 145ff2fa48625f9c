using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review90 probes/p5 (AMMarkin/KidAIAssistant, reduced): a request DTO whose <c>model</c> defaults to
/// "gpt-3.5-turbo-1106", posted to OpenAI with <c>JsonContent.Create</c>. The same code with "gpt-3.5-turbo-0125" was
/// reported; the 1106 snapshot was not in the table. Its row (shut down on 2026-09-28, OpenAI's notice of 2025-09-26)
/// makes it AIL0503. Twins: the same DTO posted to another host, and the id only compared.
/// </summary>
public class Gpt35Turbo1106RowTests
{
    private const string Dto = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;

        public class MessageModel
        {
            [JsonPropertyName("role")] public string Role { get; set; } = "user";
            [JsonPropertyName("content")] public string Content { get; set; } = "";
        }

        public class ChatGTPRequestModel
        {
            [JsonPropertyName("model")]
            public string Model { get; set; } = {|#0:"gpt-3.5-turbo-1106"|};

            [JsonPropertyName("messages")]
            public required IEnumerable<MessageModel> Messages { get; set; }
        }

        """;

    [Fact]
    public Task A_DTO_default_of_the_1106_snapshot_posted_to_OpenAI_is_reported() =>
        VerifyWithoutSdkAsync(Dto + """
            class GptService(HttpClient http)
            {
                internal async Task<string> Ask(string speech)
                {
                    string url = @"https://api.openai.com/v1/chat/completions";
                    using var request = new HttpRequestMessage(HttpMethod.Post, url);
                    var gptRequest = new ChatGTPRequestModel { Messages = new List<MessageModel> { new MessageModel { Content = speech } } };
                    request.Content = JsonContent.Create<ChatGTPRequestModel>(gptRequest);
                    var response = await http.SendAsync(request);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-1106", "2026-09-28", ""));

    // The same DTO sent to a gateway that keeps its own names, and the id only compared: not a request OpenAI gets.
    [Fact]
    public Task The_1106_snapshot_elsewhere_is_not_reported() =>
        VerifyWithoutSdkAsync(Dto.Replace("{|#0:\"gpt-3.5-turbo-1106\"|}", "\"gpt-3.5-turbo-1106\"") + """
            class GptService(HttpClient http)
            {
                internal Task<HttpResponseMessage> Ask(string speech) =>
                    http.PostAsJsonAsync("https://openrouter.ai/api/v1/chat/completions",
                        new ChatGTPRequestModel { Messages = new List<MessageModel> { new MessageModel { Content = speech } } });

                internal static bool IsLegacy(string model) => model == "gpt-3.5-turbo-1106";
            }
            """,
            Array.Empty<(string, string)>());
}
