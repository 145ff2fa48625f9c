using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Sdks;

/// <summary>
/// Azure.AI.OpenAI 1.0.0-beta.6, the Azure SDK before its 2.0 rewrite on the OpenAI library: <c>OpenAIClient</c>'s chat
/// and completions calls take the deployment name first. Compiled against the real beta.6 assembly.
/// </summary>
public class AzureOpenAIBetaTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.OpenAI;
        using Polly;

        """;

    private static Task VerifyAsync(string id, string source, params DiagnosticResult[] expected) =>
        RetryAsync(OlderSdkReferences.AzureOpenAIBeta, id, Usings + source, expected);

    [Fact]
    public Task Chat_and_completions_calls_and_their_streaming_forms_are_recognised() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            async Task M(OpenAIClient client, ChatCompletionsOptions chat, CompletionsOptions completions, EmbeddingsOptions embeddings)
            {
                await client.{|#0:GetChatCompletionsAsync|}("gpt-35-turbo", chat);
                client.{|#1:GetChatCompletions|}("gpt-35-turbo", chat);
                await client.{|#2:GetCompletionsAsync|}("text-davinci-003", completions);
                client.{|#3:GetCompletions|}("text-davinci-003", "Say hi");
                await client.{|#4:GetChatCompletionsStreamingAsync|}("gpt-35-turbo", chat);
                client.{|#5:GetChatCompletionsStreaming|}("gpt-35-turbo", chat);
                await client.{|#6:GetCompletionsStreamingAsync|}("text-davinci-003", completions);
                client.{|#7:GetCompletionsStreaming|}("text-davinci-003", completions);
                await client.GetEmbeddingsAsync("ada", embeddings);
            }
        }
        """,
        OlderSdkReferences.AzureOpenAIBeta,
        LlmCallProbe.Call(0, "Generation", "AzureOpenAIBeta"),
        LlmCallProbe.Call(1, "Generation", "AzureOpenAIBeta"),
        LlmCallProbe.Call(2, "Generation", "AzureOpenAIBeta"),
        LlmCallProbe.Call(3, "Generation", "AzureOpenAIBeta"),
        LlmCallProbe.Call(4, "Streaming", "AzureOpenAIBeta"),
        LlmCallProbe.Call(5, "Streaming", "AzureOpenAIBeta"),
        LlmCallProbe.Call(6, "Streaming", "AzureOpenAIBeta"),
        LlmCallProbe.Call(7, "Streaming", "AzureOpenAIBeta"));

    [Fact]
    public Task A_chat_call_in_a_Polly_pipeline_is_AIL0001() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(OpenAIClient client, ResiliencePipeline pipeline)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = new ChatCompletionsOptions { Messages = { new ChatMessage(ChatRole.User, question) } };
                var response = await pipeline.ExecuteAsync(async ct => await client.{|#0:GetChatCompletionsAsync|}("gpt-35-turbo", options, ct));
                return response.Value.Choices[0].Message.Content;
            }
        }
        """,
        Diagnostic("AIL0001", 0, "GetChatCompletionsAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task A_chat_call_in_a_catch_and_retry_loop_is_AIL0001_but_not_a_rate_limit_only_one() => VerifyAsync(
        "AIL0001",
        """
        class Writer(OpenAIClient client)
        {
            public async Task<string> SummarizeAsync(string text)
            {
                var options = new ChatCompletionsOptions { Messages = { new ChatMessage(ChatRole.User, text) } };
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        Response<ChatCompletions> response = await client.{|#0:GetChatCompletionsAsync|}("gpt-35-turbo", options);
                        return response.Value.Choices[0].Message.Content;
                    }
                    catch (RequestFailedException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt * 2));
                    }
                }
            }

            // Only a refused request (429) is sent again: it produced no answer, so nothing is duplicated.
            public async Task<string> RateLimitedAsync(ChatCompletionsOptions options)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return (await client.GetChatCompletionsAsync("gpt-35-turbo", options)).Value.Choices[0].Message.Content;
                    }
                    catch (RequestFailedException ex) when (ex.Status == 429 && attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt * 2));
                    }
                }
            }
        }
        """,
        Diagnostic("AIL0001", 0, "GetChatCompletionsAsync", "for loop"));

    [Fact]
    public Task A_streaming_call_in_a_retry_is_AIL0002() => VerifyAsync(
        "AIL0002",
        """
        class Assistant(OpenAIClient client, ResiliencePipeline pipeline)
        {
            public async Task StreamAsync(ChatCompletionsOptions options)
            {
                await pipeline.ExecuteAsync(async ct =>
                {
                    Response<StreamingChatCompletions> response = await client.{|#0:GetChatCompletionsStreamingAsync|}("gpt-35-turbo", options, ct);
                    using var streaming = response.Value;
                    await foreach (var choice in streaming.GetChoicesStreaming(ct))
                    {
                        await foreach (var message in choice.GetMessageStreaming(ct))
                        {
                            Console.Write(message.Content);
                        }
                    }
                });
            }
        }
        """,
        Diagnostic("AIL0002", 0, "GetChatCompletionsStreamingAsync", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task A_single_call_a_batch_loop_and_a_turn_loop_are_not_retries() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(OpenAIClient client)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = new ChatCompletionsOptions { Messages = { new ChatMessage(ChatRole.User, question) } };
                var response = await client.GetChatCompletionsAsync("gpt-35-turbo", options);
                return response.Value.Choices[0].Message.Content;
            }

            public async Task<List<string>> SummarizeAllAsync(IEnumerable<string> documents)
            {
                var summaries = new List<string>();
                foreach (var document in documents)
                {
                    try
                    {
                        var options = new ChatCompletionsOptions { Messages = { new ChatMessage(ChatRole.User, "Summarize: " + document) } };
                        var response = await client.GetChatCompletionsAsync("gpt-35-turbo", options);
                        summaries.Add(response.Value.Choices[0].Message.Content);
                    }
                    catch (RequestFailedException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                    }
                }

                return summaries;
            }

            public async Task ChatAsync()
            {
                var options = new ChatCompletionsOptions();
                while (Console.ReadLine() is { Length: > 0 } line)
                {
                    options.Messages.Add(new ChatMessage(ChatRole.User, line));
                    try
                    {
                        var response = await client.GetChatCompletionsAsync("gpt-35-turbo", options);
                        var answer = response.Value.Choices[0].Message;
                        options.Messages.Add(answer);
                        Console.WriteLine(answer.Content);
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
