using AiLint.Tests.Retry;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Sdks;

/// <summary>
/// Betalgo.Ranul.OpenAI 9.2.6, the community OpenAI SDK: <c>openAiService.ChatCompletion.CreateCompletion(request)</c>
/// answers a result with <c>Successful</c> instead of throwing, so its retries loop on the result. Compiled against the
/// real assemblies.
/// </summary>
public class BetalgoTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.Managers;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;
        using Polly;

        """;

    private static Task VerifyAsync(string id, string source, params DiagnosticResult[] expected) =>
        RetryAsync(OlderSdkReferences.Betalgo, id, Usings + source, expected);

    [Fact]
    public Task Chat_and_completion_calls_and_their_streaming_forms_are_recognised() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            async Task M(IOpenAIService openAi, OpenAIService concrete, ChatCompletionCreateRequest chat, CompletionCreateRequest completion)
            {
                await openAi.ChatCompletion.{|#0:CreateCompletion|}(chat);
                await foreach (var chunk in openAi.ChatCompletion.{|#1:CreateCompletionAsStream|}(chat)) { Console.Write(chunk.Choices.First().Message.Content); }
                await openAi.Completions.{|#2:CreateCompletion|}(completion);
                await concrete.{|#3:CreateCompletion|}(chat);
                await openAi.Models.ListModel();
            }
        }
        """,
        OlderSdkReferences.Betalgo,
        LlmCallProbe.Call(0, "Generation", "Betalgo"),
        LlmCallProbe.Call(1, "Streaming", "Betalgo"),
        LlmCallProbe.Call(2, "Generation", "Betalgo"),
        LlmCallProbe.Call(3, "Generation", "Betalgo"));

    [Fact]
    public Task A_chat_call_in_a_Polly_pipeline_is_AIL0001() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(IOpenAIService openAi, ResiliencePipeline pipeline)
        {
            public async Task<string?> AskAsync(string question)
            {
                var request = new ChatCompletionCreateRequest { Messages = new List<ChatMessage> { ChatMessage.FromUser(question) }, Model = "gpt-4o-mini" };
                var result = await pipeline.ExecuteAsync(async ct => await openAi.ChatCompletion.{|#0:CreateCompletion|}(request, cancellationToken: ct));
                return result.Successful ? result.Choices[0].Message.Content : null;
            }
        }
        """,
        Diagnostic("AIL0001", 0, "CreateCompletion", "ResiliencePipeline.ExecuteAsync"));

    [Fact]
    public Task A_chat_call_in_a_catch_and_retry_loop_is_AIL0001() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(IOpenAIService openAi)
        {
            public async Task<string?> AskAsync(ChatCompletionCreateRequest request)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var result = await openAi.ChatCompletion.{|#0:CreateCompletion|}(request);
                        return result.Choices[0].Message.Content;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """,
        Diagnostic("AIL0001", 0, "CreateCompletion", "for loop"));

    [Fact]
    public Task A_loop_that_asks_again_until_the_result_is_Successful_is_AIL0001() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(IOpenAIService openAi)
        {
            public async Task<ChatCompletionCreateResponse?> AskAsync(ChatCompletionCreateRequest request, int retries = 3)
            {
                for (var i = 0; i < retries; i++)
                {
                    var result = await openAi.ChatCompletion.{|#0:CreateCompletion|}(request);
                    if (result.Successful)
                    {
                        return result;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(i + 1));
                }

                return null;
            }
        }
        """,
        Diagnostic("AIL0001", 0, "CreateCompletion", "for loop that asks again after rejecting the answer"));

    [Fact]
    public Task A_streaming_call_in_a_retry_is_AIL0002() => VerifyAsync(
        "AIL0002",
        """
        class Assistant(IOpenAIService openAi)
        {
            public async Task StreamAsync(ChatCompletionCreateRequest request)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await foreach (var chunk in openAi.ChatCompletion.{|#0:CreateCompletionAsStream|}(request))
                        {
                            Console.Write(chunk.Choices.First().Message.Content);
                        }

                        return;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """,
        Diagnostic("AIL0002", 0, "CreateCompletionAsStream", "for loop"));

    [Fact]
    public Task A_loop_that_falls_back_to_the_next_model_until_Successful_is_not_a_retry() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(IOpenAIService openAi)
        {
            private static readonly string[] Models = { "gpt-4o", "gpt-4o-mini", "gpt-3.5-turbo" };

            public async Task<string?> AskAsync(ChatCompletionCreateRequest request)
            {
                foreach (var model in Models)
                {
                    request.Model = model;
                    var result = await openAi.ChatCompletion.CreateCompletion(request);
                    if (result.Successful)
                    {
                        return result.Choices[0].Message.Content;
                    }
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task A_tool_call_loop_that_checks_Successful_is_not_a_retry() => VerifyAsync(
        "AIL0001",
        """
        class Agent(IOpenAIService openAi)
        {
            public async Task<string?> RunAsync(ChatCompletionCreateRequest request)
            {
                while (true)
                {
                    var result = await openAi.ChatCompletion.CreateCompletion(request);
                    if (!result.Successful)
                    {
                        throw new InvalidOperationException(result.Error?.Message);
                    }

                    var message = result.Choices[0].Message;
                    if (message.ToolCalls is not { Count: > 0 } calls)
                    {
                        return message.Content;
                    }

                    request.Messages.Add(message);
                    foreach (var call in calls)
                    {
                        request.Messages.Add(ChatMessage.FromTool(Run(call), call.Id ?? ""));
                    }
                }
            }

            private static string Run(ToolCall call) => "{}";
        }
        """);

    [Fact]
    public Task A_single_call_a_batch_loop_and_a_turn_loop_are_not_retries() => VerifyAsync(
        "AIL0001",
        """
        class Assistant(IOpenAIService openAi)
        {
            public async Task<string?> AskAsync(string question)
            {
                var result = await openAi.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = new List<ChatMessage> { ChatMessage.FromUser(question) } });
                return result.Successful ? result.Choices[0].Message.Content : result.Error?.Message;
            }

            public async Task<List<string>> SummarizeAllAsync(IEnumerable<string> documents)
            {
                var summaries = new List<string>();
                foreach (var document in documents)
                {
                    var result = await openAi.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = new List<ChatMessage> { ChatMessage.FromUser("Summarize: " + document) } });
                    if (!result.Successful)
                    {
                        Console.Error.WriteLine(result.Error?.Message);
                        continue;
                    }

                    summaries.Add(result.Choices[0].Message.Content ?? "");
                }

                return summaries;
            }

            public async Task ChatAsync()
            {
                var messages = new List<ChatMessage>();
                while (Console.ReadLine() is { Length: > 0 } line)
                {
                    messages.Add(ChatMessage.FromUser(line));
                    var result = await openAi.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = messages });
                    if (result.Successful)
                    {
                        var answer = result.Choices[0].Message;
                        messages.Add(answer);
                        Console.WriteLine(answer.Content);
                    }
                    else
                    {
                        Console.WriteLine("Error: " + result.Error?.Message);
                    }
                }
            }
        }
        """);
}
