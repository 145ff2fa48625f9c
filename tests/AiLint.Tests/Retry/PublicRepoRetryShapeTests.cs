namespace AiLint.Tests.Retry;

/// <summary>
/// Retry code around LLM calls as public repositories write it, read through the code search and rewritten here in
/// our own words (names, types and bodies changed; only the control flow is kept). Each test says which repository the
/// shape comes from and whether it re-sends the same generation request.
/// </summary>
public class PublicRepoRetryShapeTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source) => RetryTestSupport.VerifyAsync(Id, Usings + source);

    /// <summary>
    /// BAKAOLC/RitsukageBotForDiscord (Modules/AI): after a failed first answer, a loop picks another endpoint at random,
    /// calls a wrapper that returns an <c>(ok, error)</c> tuple, and returns when it is ok. The endpoint changes every
    /// pass: failover, not a repeat. The same loop on one fixed endpoint re-sends the same request.
    /// </summary>
    [Fact]
    public Task Failover_over_endpoints_with_a_tuple_result_is_not_a_retry_but_the_fixed_endpoint_loop_is() => VerifyAsync(
        """
        sealed record Endpoint(string Name, IChatClient Client);

        class Bot(Endpoint[] endpoints)
        {
            public async Task ReplyAsync(IList<ChatMessage> history, int retries)
            {
                var endpoint = endpoints[0];
                var (ok, error) = await TryReplyAsync(history, endpoint);
                if (ok)
                {
                    return;
                }

                for (var i = 0; i < retries; i++)
                {
                    var others = endpoints.Where(e => e != endpoint).ToArray();
                    endpoint = others[Random.Shared.Next(others.Length)];
                    Console.WriteLine($"{error} - retrying ({i + 1}/{retries})");
                    (ok, error) = await TryReplyAsync(history, endpoint);
                    if (ok)
                    {
                        return;
                    }
                }
            }

            public async Task ReplySameEndpointAsync(IList<ChatMessage> history, int retries)
            {
                var endpoint = endpoints[0];
                for (var i = 0; i < retries; i++)
                {
                    var (ok, error) = await [|TryReplyAsync|](history, endpoint);
                    if (ok)
                    {
                        return;
                    }

                    Console.WriteLine($"{error} - retrying ({i + 1}/{retries})");
                }
            }

            private static async Task<(bool Ok, string? Error)> TryReplyAsync(IList<ChatMessage> history, Endpoint endpoint)
            {
                var response = await endpoint.Client.GetResponseAsync(history);
                return string.IsNullOrWhiteSpace(response.Text) ? (false, "empty answer from " + endpoint.Name) : (true, null);
            }
        }
        """);

    /// <summary>
    /// LittleLittleCloud/AgentChat (ChatLLMExtension): an extension method on the project's own chat interface catches
    /// every exception, waits, and calls itself with the same messages, temperature and stop words (the attempt count is
    /// passed down but never checked). The implementation in the project sends the messages to a model.
    /// </summary>
    [Fact]
    public Task Extension_method_calling_itself_from_its_catch_is_a_retry() => VerifyAsync(
        """
        interface IChatModel
        {
            Task<string> CompleteAsync(IEnumerable<ChatMessage> messages, float? temperature, CancellationToken ct);
        }

        sealed class ChatModel(IChatClient client) : IChatModel
        {
            public async Task<string> CompleteAsync(IEnumerable<ChatMessage> messages, float? temperature, CancellationToken ct) =>
                (await client.GetResponseAsync(messages, new ChatOptions { Temperature = temperature }, ct)).Text;
        }

        static class ChatModelExtensions
        {
            public static async Task<string> CompleteWithRetryAsync(this IChatModel model, IEnumerable<ChatMessage> messages, float? temperature = null, CancellationToken ct = default, int maxRetry = 5)
            {
                try
                {
                    return await model.[|CompleteAsync|](messages, temperature, ct);
                }
                catch (Exception)
                {
                    await Task.Delay(1000, ct);
                    return await model.CompleteWithRetryAsync(messages, temperature, ct, maxRetry - 1);
                }
            }
        }
        """);

    /// <summary>
    /// The same recursion as above where the catch lowers the temperature before calling itself (a shape the
    /// RitsukageBot history also passes down as a parameter): the request changes, so it is not a repeat.
    /// </summary>
    [Fact]
    public Task Recursion_that_changes_the_temperature_is_not_a_retry() => VerifyAsync(
        """
        static class Asker
        {
            public static async Task<string> AskAsync(this IChatClient client, IList<ChatMessage> messages, float temperature = 1.0f, int retry = 2)
            {
                try
                {
                    return (await client.GetResponseAsync(messages, new ChatOptions { Temperature = temperature })).Text;
                }
                catch (Exception) when (retry > 0)
                {
                    return await client.AskAsync(messages, temperature / 2, retry - 1);
                }
            }
        }
        """);

    /// <summary>
    /// Azure/azure-sdk-tools (MCP evaluation helpers): ask once, then while the finish reason is a tool call, append the
    /// assistant message and one tool result per call to the conversation and ask again, breaking out when the answer
    /// has no message. Every pass sends a longer conversation: a tool loop, not a retry.
    /// </summary>
    [Fact]
    public Task Tool_loop_that_breaks_on_an_empty_answer_is_not_a_retry() => VerifyAsync(
        """
        class Evaluator(IChatClient chat)
        {
            public async Task<ChatResponse> RunAsync(IEnumerable<ChatMessage> start, Dictionary<string, string> cannedResults)
            {
                var conversation = start.ToList();
                var options = new ChatOptions { AllowMultipleToolCalls = false };
                var response = await chat.GetResponseAsync(conversation, options);
                var first = conversation.Count;
                while (response.FinishReason == ChatFinishReason.ToolCalls)
                {
                    var message = response.Messages.FirstOrDefault();
                    if (message is null)
                    {
                        break;
                    }

                    conversation.Add(message);
                    foreach (var call in message.Contents.OfType<FunctionCallContent>())
                    {
                        var result = cannedResults.TryGetValue(call.Name, out var canned) ? canned : "Error: unexpected tool";
                        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
                    }

                    response = await chat.GetResponseAsync(conversation, options);
                }

                return new ChatResponse([.. conversation.Skip(first)]);
            }
        }
        """);

    /// <summary>
    /// Assistants-API polling as many samples write it (a run is created once, then <c>GetRunAsync</c> is polled until
    /// the status is terminal): reading a run's status generates nothing, so the loop is not a retry of a model call.
    /// </summary>
    [Fact]
    public Task Polling_an_assistant_run_is_not_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        """
        #pragma warning disable OPENAI001
        using System;
        using System.Threading.Tasks;
        using OpenAI.Assistants;

        class Runner(AssistantClient assistants)
        {
            public async Task<ThreadRun> RunAsync(string threadId, string assistantId)
            {
                ThreadRun run = await assistants.CreateRunAsync(threadId, assistantId);
                while (!run.Status.IsTerminal)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    run = await assistants.GetRunAsync(threadId, run.Id);
                }

                return run;
            }
        }
        """);

    /// <summary>
    /// Retrying chat-client middleware, as several public repositories write it (a <c>RetryChatClient</c> in namespaces
    /// such as <c>nc.Ai</c>, <c>AIBuilder.Middleware</c> and <c>Koras.AI</c>): a <c>DelegatingChatClient</c> whose
    /// <c>GetResponseAsync</c> runs the inner call through a Polly pipeline built in its constructor (wrapped in a
    /// <c>ValueTask</c>), through a pipeline handed in by a factory extension, or through a <c>while (true)</c> try/catch
    /// with an attempt counter and a transient-error filter. Streaming passes straight through.
    /// </summary>
    [Fact]
    public Task Retrying_chat_client_middleware_is_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;
        using Polly.Retry;

        sealed class PipelineRetryClient : DelegatingChatClient
        {
            private readonly ResiliencePipeline pipeline;

            public PipelineRetryClient(IChatClient inner, int retries) : base(inner)
            {
                pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        MaxRetryAttempts = retries,
                        ShouldHandle = new PredicateBuilder().Handle<TaskCanceledException>().Handle<HttpRequestException>(),
                    })
                    .Build();
            }

            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                pipeline.ExecuteAsync(ct => new ValueTask<ChatResponse>(base.[|GetResponseAsync|](messages, options, ct)), cancellationToken).AsTask();
        }

        static class RetryExtensions
        {
            public static IChatClient WithRetries(this IChatClient client) =>
                new HandedPipelineClient(client, new ResiliencePipelineBuilder<ChatResponse>()
                    .AddRetry(new RetryStrategyOptions<ChatResponse> { MaxRetryAttempts = 3 })
                    .Build());

            private sealed class HandedPipelineClient(IChatClient inner, ResiliencePipeline<ChatResponse> pipeline) : DelegatingChatClient(inner)
            {
                public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    await pipeline.ExecuteAsync(async token => await InnerClient.[|GetResponseAsync|](messages, options, token), cancellationToken);
            }
        }

        sealed class LoopRetryClient(IChatClient inner, int maxRetries) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await base.[|GetResponseAsync|](messages, options, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (attempt < maxRetries && IsTransient(ex))
                    {
                        attempt++;
                        await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                base.GetStreamingResponseAsync(messages, options, cancellationToken);

            private static bool IsTransient(Exception ex) => ex is HttpRequestException or TimeoutException;
        }
        """);

    /// <summary>
    /// sdcb's PictureSpeaks (ChatGPTService.AskJson, written against Azure.AI.OpenAI 1.x; here on the OpenAI 2.x
    /// <c>ChatClient</c>): a <c>for</c> loop asks for a completion, strips Markdown fences from the text, and returns
    /// the deserialized object inside a <c>try</c> whose catch keeps the exception and prints the bad text; after the
    /// loop the last exception is thrown. The call is before the try, so the same messages are re-sent after a parse
    /// failure: the shape this change closes.
    /// </summary>
    [Fact]
    public Task Parse_retry_with_fences_stripped_before_the_try_is_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        RetryTestSupport.Usings + """
        class PictureService(ChatClient chat)
        {
            public async Task<T> AskJsonAsync<T>(IReadOnlyList<OpenAI.Chat.ChatMessage> messages, int retry = 3)
            {
                Exception toThrow = null!;
                for (var i = 0; i < retry; ++i)
                {
                    ClientResult<ChatCompletion> completion = await chat.[|CompleteChatAsync|](messages);
                    var content = completion.Value.Content[0].Text.Replace("```json", "").Replace("```", "");
                    try
                    {
                        return System.Text.Json.JsonSerializer.Deserialize<T>(content)!;
                    }
                    catch (Exception e)
                    {
                        toThrow = e;
                        Console.WriteLine($"Failed to deserialize {content} to {typeof(T).Name}: {e.Message}");
                    }
                }

                throw toThrow;
            }
        }
        """);

    /// <summary>
    /// ObsidianRagEngine (AskJson in its OpenAI-compatible provider services): parse once; on failure add a clarifying
    /// system message and ask a second time from the catch. No loop or recursion runs the first call again, and the
    /// second call sends a longer conversation: not a retry.
    /// </summary>
    [Fact]
    public Task One_clarifying_second_ask_from_the_catch_is_not_a_retry() => RetryTestSupport.VerifyAsync(
        Id,
        RetryTestSupport.Usings + """
        class JsonAsker(ChatClient chat)
        {
            public async Task<T> AskJsonAsync<T>(string question)
            {
                List<OpenAI.Chat.ChatMessage> messages = [new SystemChatMessage("Answer in JSON."), new UserChatMessage(question)];
                var json = (await chat.CompleteChatAsync(messages)).Value.Content[0].Text;
                try
                {
                    return System.Text.Json.JsonSerializer.Deserialize<T>(json)!;
                }
                catch
                {
                    messages.Add(new SystemChatMessage("That was not valid JSON. Reply with the JSON object only."));
                    json = (await chat.CompleteChatAsync(messages)).Value.Content[0].Text;
                    return System.Text.Json.JsonSerializer.Deserialize<T>(json)!;
                }
            }
        }
        """);

    /// <summary>
    /// A Semantic Kernel course repository (SkTrailCourse, KernelRetryExtensions): a <c>for</c> loop tries
    /// <c>InvokePromptAsync</c>, catches transient errors while attempts remain, doubles a delay, and makes one final
    /// attempt after the loop. The call in the loop is retried; the final one runs once.
    /// </summary>
    [Fact]
    public Task Kernel_prompt_retry_with_a_final_attempt_after_the_loop() => RetryTestSupport.VerifyAsync(
        Id,
        """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        static class KernelRetries
        {
            public static async Task<object?> InvokePromptWithRetryAsync(this Kernel kernel, string prompt, CancellationToken ct = default, int maxAttempts = 3)
            {
                var delay = 1000;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    try
                    {
                        var result = await kernel.[|InvokePromptAsync|](prompt, cancellationToken: ct);
                        return result;
                    }
                    catch (Exception ex) when (IsTransient(ex) && attempt < maxAttempts)
                    {
                        Console.WriteLine($"Attempt {attempt} failed: {ex.Message}");
                        await Task.Delay(delay, ct);
                        delay *= 2;
                    }
                }

                return await kernel.InvokePromptAsync(prompt, cancellationToken: ct);
            }

            private static bool IsTransient(Exception ex) => ex is HttpRequestException or TaskCanceledException;
        }
        """);
}
