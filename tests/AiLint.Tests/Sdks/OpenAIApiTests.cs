using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Sdks;

/// <summary>
/// OpenAI 1.11.0, OkGoDoIt's community library (namespace and assembly <c>OpenAI_API</c>): the chat endpoint, the
/// <c>Conversation</c> helper and the legacy completions endpoint. Compiled against the real assembly.
/// </summary>
public class OpenAIApiTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;
        using OpenAI_API.Completions;
        using OpenAI_API.Models;
        using Polly;

        """;

    private static Task VerifyAsync(string id, string source, params DiagnosticResult[] expected) =>
        RetryAsync(OlderSdkReferences.OpenAIApi, id, Usings + source, expected);

    [Fact]
    public Task Chat_conversation_and_completion_calls_are_recognised() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            async Task M(OpenAIAPI api, ChatRequest request, CompletionRequest completion)
            {
                await api.Chat.{|#0:CreateChatCompletionAsync|}(request);
                await api.Chat.{|#1:StreamChatAsync|}(request, result => Console.Write(result));
                await foreach (var result in api.Chat.{|#2:StreamChatEnumerableAsync|}(request)) { Console.Write(result); }
                var chat = api.Chat.CreateConversation();
                chat.AppendUserInput("hi");
                await chat.{|#3:GetResponseFromChatbotAsync|}();
                await chat.{|#4:StreamResponseFromChatbotAsync|}(token => Console.Write(token));
                await foreach (var token in chat.{|#5:StreamResponseEnumerableFromChatbotAsync|}()) { Console.Write(token); }
                await api.Completions.{|#6:CreateCompletionAsync|}(completion);
                await foreach (var part in api.Completions.{|#7:StreamCompletionEnumerableAsync|}(completion)) { Console.Write(part); }
                await api.Embeddings.GetEmbeddingsAsync("hi");
            }
        }
        """,
        OlderSdkReferences.OpenAIApi,
        LlmCallProbe.Call(0, "Generation", "OpenAIApi"),
        LlmCallProbe.Call(1, "Streaming", "OpenAIApi"),
        LlmCallProbe.Call(2, "Streaming", "OpenAIApi"),
        LlmCallProbe.Call(3, "Generation", "OpenAIApi"),
        LlmCallProbe.Call(4, "Streaming", "OpenAIApi"),
        LlmCallProbe.Call(5, "Streaming", "OpenAIApi"),
        LlmCallProbe.Call(6, "Generation", "OpenAIApi"),
        LlmCallProbe.Call(7, "Streaming", "OpenAIApi"));

    [Fact]
    public Task A_chat_call_in_a_Polly_pipeline_and_a_conversation_in_a_catch_loop_are_AIL0001() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(OpenAIAPI api, ResiliencePipeline pipeline)
        {
            public async Task<string> AskAsync(string question)
            {
                var request = new ChatRequest { Model = Model.ChatGPTTurbo, Messages = new[] { new ChatMessage(ChatMessageRole.User, question) } };
                var result = await pipeline.ExecuteAsync(async ct => await api.Chat.{|#0:CreateChatCompletionAsync|}(request));
                return result.Choices[0].Message.TextContent;
            }

            public async Task<string?> ConverseAsync(string question)
            {
                var chat = api.Chat.CreateConversation();
                chat.AppendUserInput(question);
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        return await chat.{|#1:GetResponseFromChatbotAsync|}();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }

                return null;
            }
        }
        """,
        Diagnostic("AIL0001", 0, "CreateChatCompletionAsync", "ResiliencePipeline.ExecuteAsync"),
        Diagnostic("AIL0001", 1, "GetResponseFromChatbotAsync", "for loop"));

    [Fact]
    public Task A_streaming_call_in_a_retry_is_AIL0002() => VerifyAsync(
        "AIL0002",
        """
        class Assistant(OpenAIAPI api)
        {
            public async Task StreamAsync(Conversation chat)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await foreach (var token in chat.{|#0:StreamResponseEnumerableFromChatbotAsync|}())
                        {
                            Console.Write(token);
                        }

                        return;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }
        }
        """,
        Diagnostic("AIL0002", 0, "StreamResponseEnumerableFromChatbotAsync", "for loop"));

    [Fact]
    public Task A_single_call_a_batch_loop_and_a_turn_loop_are_not_retries() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(OpenAIAPI api)
        {
            public async Task<string> AskAsync(string question)
            {
                var result = await api.Chat.CreateChatCompletionAsync(new ChatRequest { Messages = new[] { new ChatMessage(ChatMessageRole.User, question) } });
                return result.Choices[0].Message.TextContent;
            }

            public async Task<List<string>> TranslateAllAsync(IEnumerable<string> lines)
            {
                var translations = new List<string>();
                foreach (var line in lines)
                {
                    try
                    {
                        var chat = api.Chat.CreateConversation();
                        chat.AppendUserInput("Translate to French: " + line);
                        translations.Add(await chat.GetResponseFromChatbotAsync());
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                    }
                }

                return translations;
            }

            public async Task ChatAsync()
            {
                var chat = api.Chat.CreateConversation();
                while (Console.ReadLine() is { Length: > 0 } line)
                {
                    chat.AppendUserInput(line);
                    try
                    {
                        Console.WriteLine(await chat.GetResponseFromChatbotAsync());
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine("Error: " + ex.Message);
                    }
                }
            }
        }
        """);
}
