using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Sdks;

/// <summary>
/// A retried stream that the code only collects into a local shows the user nothing, so its retry is AIL0001 (a
/// generation), not AIL0002: in the shapes Azure.AI.OpenAI 1.0.0-beta.6 (a response held in a local, read through
/// nested choice and message loops) and Betalgo (each chunk's text read with <c>FirstOrDefault()</c>) are used.
/// A reviewer found both reported as AIL0002. Compiled against the real packages.
/// </summary>
public class CollectedOlderSdkStreamTests
{
    private const string AzureUsings = """
        using System;
        using System.Text;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.OpenAI;

        """;

    private const string BetalgoUsings = """
        using System;
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        """;

    // The beta.6 stream, held in a local and collected by two nested loops, inside a retry loop.
    private const string AzureCollected = """
        class Collected(OpenAIClient client)
        {
            public async Task<string> AskAsync(ChatCompletionsOptions options)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var sb = new StringBuilder();
                        var streaming = await client.{|#0:GetChatCompletionsStreamingAsync|}("chat", options);
                        await foreach (var choice in streaming.Value.GetChoicesStreaming())
                            await foreach (var message in choice.GetMessageStreaming())
                                sb.Append(message.Content);
                        return sb.ToString();
                    }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }

                return "";
            }
        }
        """;

    // The verifier sees every diagnostic of the retry analyzer, so this also shows there is no AIL0002.
    [Fact]
    public Task Azure_beta_stream_collected_through_a_local_is_a_generation() => RetryAsync(
        OlderSdkReferences.AzureOpenAIBeta, "AIL0001", AzureUsings + AzureCollected,
        Diagnostic("AIL0001", 0, "GetChatCompletionsStreamingAsync", "for loop"));

    // Twins: the inner loop shows each message, or the response local is also handed on: the user saw partial text.
    [Fact]
    public Task Azure_beta_stream_shown_or_handed_on_stays_a_stream() => RetryAsync(
        OlderSdkReferences.AzureOpenAIBeta, "AIL0002", AzureUsings + """
        class Shown(OpenAIClient client)
        {
            public async Task ShowAsync(ChatCompletionsOptions options)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        Response<StreamingChatCompletions> response = await client.{|#0:GetChatCompletionsStreamingAsync|}("chat", options);
                        using var streaming = response.Value;
                        var sb = new StringBuilder();
                        await foreach (var choice in streaming.GetChoicesStreaming())
                            await foreach (var message in choice.GetMessageStreaming())
                            {
                                sb.Append(message.Content);
                                Console.Write(message.Content);
                            }
                        return;
                    }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }
            }

            public async Task HandOnAsync(ChatCompletionsOptions options, Action<Response<StreamingChatCompletions>> sink)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var sb = new StringBuilder();
                        var streaming = await client.{|#1:GetChatCompletionsStreamingAsync|}("chat", options);
                        sink(streaming);
                        await foreach (var choice in streaming.Value.GetChoicesStreaming())
                            await foreach (var message in choice.GetMessageStreaming())
                                sb.Append(message.Content);
                        return;
                    }
                    catch (RequestFailedException) { await Task.Delay(1000); }
                }
            }
        }
        """,
        Diagnostic("AIL0002", 0, "GetChatCompletionsStreamingAsync", "for loop"),
        Diagnostic("AIL0002", 1, "GetChatCompletionsStreamingAsync", "for loop"));

    private const string BetalgoCollected = """
        class Collected(IOpenAIService openAi)
        {
            public async Task<string> AskAsync(ChatCompletionCreateRequest request)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var sb = new StringBuilder();
                        await foreach (var chunk in openAi.ChatCompletion.{|#0:CreateCompletionAsStream|}(request))
                            sb.Append(chunk.Choices.FirstOrDefault()?.Message.Content);
                        return sb.ToString();
                    }
                    catch (HttpRequestException) { await Task.Delay(1000); }
                }

                return "";
            }
        }
        """;

    [Fact]
    public Task Betalgo_stream_collected_with_FirstOrDefault_is_a_generation() => RetryAsync(
        OlderSdkReferences.Betalgo, "AIL0001", BetalgoUsings + BetalgoCollected,
        Diagnostic("AIL0001", 0, "CreateCompletionAsStream", "for loop"));

    // Twin: the same loop also writes each chunk to the console.
    [Fact]
    public Task Betalgo_stream_shown_while_collected_stays_a_stream() => RetryAsync(
        OlderSdkReferences.Betalgo, "AIL0002", BetalgoUsings + BetalgoCollected.Replace(
            "sb.Append(chunk.Choices.FirstOrDefault()?.Message.Content);",
            "{ sb.Append(chunk.Choices.FirstOrDefault()?.Message.Content); Console.Write(chunk.Choices.First().Message.Content); }"),
        Diagnostic("AIL0002", 0, "CreateCompletionAsStream", "for loop"));
}
