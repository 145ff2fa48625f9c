using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// An MCP server asks the connected client's model (sampling) through <c>McpServer.AsSamplingChatClient()</c>. The SDK
/// sends <c>ChatOptions.ModelId</c> only as a model hint (<c>ModelPreferences.Hints[0].Name</c>), which the MCP spec calls
/// advisory: the client matches it by substring and picks the model. No provider receives the id, so pinning it pins
/// nothing (reviewer 14, FP2; repro McpSamplingModelHint). The same options sent to any other chat client are checked.
/// </summary>
public class McpSamplingModelHintTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        """;

    [Fact]
    public Task Model_hints_of_the_sampling_client_are_not_checked() =>
        VerifyAsync(Usings + """
            public static class SamplingTools
            {
                public static async Task<string> Summarize(McpServer server, string text, CancellationToken ct)
                {
                    var options = new ChatOptions { MaxOutputTokens = 200, ModelId = "gpt-4o" };
                    var response = await server.AsSamplingChatClient().GetResponseAsync($"Summarize: {text}", options, ct);
                    return response.Text;
                }

                public static async Task<string> HeldClient(McpServer server, string text, CancellationToken ct)
                {
                    IChatClient sampling = server.AsSamplingChatClient();
                    var response = await sampling.GetResponseAsync(text, new ChatOptions { ModelId = "claude-3-5-sonnet-latest" }, ct);
                    return response.Text;
                }

                public static async Task<string> WrittenLater(McpServer server, string text, CancellationToken ct)
                {
                    var options = new ChatOptions();
                    options.ModelId = "gpt-4-turbo";
                    var response = await server.AsSamplingChatClient().GetResponseAsync(text, options, ct);
                    return response.Text;
                }
            }
            """);

    // The twin: the same options sent to a chat client the server was given (any IChatClient, or one that may not be
    // the sampling client) are a provider request, checked as before.
    [Fact]
    public Task The_same_options_sent_to_another_chat_client_are_checked() =>
        VerifyAsync(
            Usings + """
            public static class Tools
            {
                public static async Task<string> Direct(IChatClient chat, string text, CancellationToken ct)
                {
                    var options = new ChatOptions { MaxOutputTokens = 200, ModelId = {|#0:"gpt-4o"|} };
                    var response = await chat.GetResponseAsync(text, options, ct);
                    return response.Text;
                }

                public static async Task<string> Both(McpServer server, IChatClient chat, string text, CancellationToken ct)
                {
                    var options = new ChatOptions { ModelId = {|#1:"gpt-4.1"|} };
                    var hinted = await server.AsSamplingChatClient().GetResponseAsync(text, options, ct);
                    var direct = await chat.GetResponseAsync(text, options, ct);
                    return hinted.Text + direct.Text;
                }

                public static async Task<string> Chosen(McpServer server, IChatClient chat, bool local, string text, CancellationToken ct)
                {
                    IChatClient client = local ? chat : server.AsSamplingChatClient();
                    var response = await client.GetResponseAsync(text, new ChatOptions { ModelId = {|#2:"gpt-4o"|} }, ct);
                    return response.Text;
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(1),
            Diagnostic("AIL0501").WithLocation(2));
}
