using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Sdks;

/// <summary>Azure.AI.Inference 1.0.0-beta.5's <c>ChatCompletionsClient</c>, compiled against the real assembly.</summary>
public class AzureAIInferenceTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.Inference;
        using Polly;

        """;

    private static Task VerifyAsync(string id, string source, params DiagnosticResult[] expected) =>
        RetryAsync(OlderSdkReferences.AzureAIInference, id, Usings + source, expected);

    [Fact]
    public Task Complete_and_CompleteStreaming_are_recognised() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            async Task M(ChatCompletionsClient client, ChatCompletionsOptions options, EmbeddingsClient embeddings)
            {
                await client.{|#0:CompleteAsync|}(options);
                client.{|#1:Complete|}(options);
                StreamingResponse<StreamingChatCompletionsUpdate> stream = await client.{|#2:CompleteStreamingAsync|}(options);
                await foreach (var update in stream) { Console.Write(update.ContentUpdate); }
                client.{|#3:CompleteStreaming|}(options);
                await client.GetModelInfoAsync();
                await embeddings.EmbedAsync(new EmbeddingsOptions(new[] { "hi" }));
            }
        }
        """,
        OlderSdkReferences.AzureAIInference,
        LlmCallProbe.Call(0, "Generation", "AzureAIInference"),
        LlmCallProbe.Call(1, "Generation", "AzureAIInference"),
        LlmCallProbe.Call(2, "Streaming", "AzureAIInference"),
        LlmCallProbe.Call(3, "Streaming", "AzureAIInference"));

    [Fact]
    public Task A_call_in_a_Polly_pipeline_and_in_a_catch_and_retry_loop_is_AIL0001() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(ChatCompletionsClient client, ResiliencePipeline pipeline)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = new ChatCompletionsOptions(new ChatRequestMessage[] { new ChatRequestUserMessage(question) }) { Model = "Phi-3.5-mini-instruct" };
                Response<ChatCompletions> response = await pipeline.ExecuteAsync(async ct => await client.{|#0:CompleteAsync|}(options, ct));
                return response.Value.Content;
            }

            public async Task<string> RetryAsync(ChatCompletionsOptions options)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return (await client.{|#1:CompleteAsync|}(options)).Value.Content;
                    }
                    catch (RequestFailedException) when (++attempt < 3)
                    {
                        await Task.Delay(500 * attempt);
                    }
                }
            }
        }
        """,
        Diagnostic("AIL0001", 0, "CompleteAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0001", 1, "CompleteAsync", "while loop"));

    [Fact]
    public Task A_streaming_call_in_a_retry_is_AIL0002() => VerifyAsync(
        "AIL0002",
        """
        class Assistant(ChatCompletionsClient client, ResiliencePipeline pipeline)
        {
            public async Task StreamAsync(ChatCompletionsOptions options)
            {
                await pipeline.ExecuteAsync(async ct =>
                {
                    var stream = await client.{|#0:CompleteStreamingAsync|}(options, ct);
                    await foreach (var update in stream)
                    {
                        Console.Write(update.ContentUpdate);
                    }
                });
            }
        }
        """,
        Diagnostic("AIL0002", 0, "CompleteStreamingAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task An_awaited_stream_collected_into_a_string_in_a_retry_is_AIL0001_and_one_shown_is_AIL0002() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(ChatCompletionsClient client, ResiliencePipeline pipeline)
        {
            public async Task<string> AskAsync(ChatCompletionsOptions options) =>
                await pipeline.ExecuteAsync(async ct =>
                {
                    var text = new System.Text.StringBuilder();
                    await foreach (var update in await client.{|#0:CompleteStreamingAsync|}(options, ct))
                    {
                        text.Append(update.ContentUpdate);
                    }

                    return text.ToString();
                });

            public async Task ShowAsync(ChatCompletionsOptions options) =>
                await pipeline.ExecuteAsync(async ct =>
                {
                    await foreach (var update in await client.{|#1:CompleteStreamingAsync|}(options, ct))
                    {
                        Console.Write(update.ContentUpdate);
                    }
                });
        }
        """,
        Diagnostic("AIL0001", 0, "CompleteStreamingAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0002", 1, "CompleteStreamingAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task A_single_call_a_batch_loop_and_a_turn_loop_are_not_retries() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(ChatCompletionsClient client)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = new ChatCompletionsOptions(new ChatRequestMessage[] { new ChatRequestUserMessage(question) });
                return (await client.CompleteAsync(options)).Value.Content;
            }

            public async Task<List<string>> ClassifyAllAsync(IEnumerable<string> tickets)
            {
                var labels = new List<string>();
                foreach (var ticket in tickets)
                {
                    try
                    {
                        var options = new ChatCompletionsOptions(new ChatRequestMessage[] { new ChatRequestUserMessage("Label: " + ticket) });
                        labels.Add((await client.CompleteAsync(options)).Value.Content);
                    }
                    catch (RequestFailedException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                    }
                }

                return labels;
            }

            public async Task ChatAsync()
            {
                var history = new List<ChatRequestMessage>();
                while (Console.ReadLine() is { Length: > 0 } line)
                {
                    history.Add(new ChatRequestUserMessage(line));
                    try
                    {
                        var answer = (await client.CompleteAsync(new ChatCompletionsOptions(history))).Value.Content;
                        history.Add(new ChatRequestAssistantMessage(answer));
                        Console.WriteLine(answer);
                    }
                    catch (RequestFailedException ex)
                    {
                        Console.WriteLine("Error: " + ex.Message);
                    }
                }
            }
        }
        """);
}
