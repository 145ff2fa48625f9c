using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>
/// Azure OpenAI 2.9, OllamaSharp 5.5 and Microsoft.Extensions.AI 10.11 (main package) calls, recognised against the real
/// assemblies, and the retry rules on them.
/// </summary>
public class ProviderClientCallTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;

        """;

    // OllamaApiClient is also an IEmbeddingGenerator: with `using Microsoft.Extensions.AI;` its GenerateAsync(string) is
    // ambiguous, so Ollama apps that call it do not import that namespace.
    private const string OllamaUsings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using OllamaSharp;
        using Polly;

        """;

    [Fact]
    public Task Azure_OpenAI_chat_client_is_OpenAI_ChatClient() => LlmCallProbe.VerifyAsync(
        Usings + """
        using Azure.AI.OpenAI;
        using OpenAI.Chat;
        class C
        {
            async Task M(AzureOpenAIClient azure)
            {
                ChatClient chat = azure.GetChatClient("gpt-4o-deployment");
                await chat.{|#0:CompleteChatAsync|}(new UserChatMessage("hi"));
                await foreach (var u in azure.GetChatClient("gpt-4o").{|#1:CompleteChatStreamingAsync|}(new UserChatMessage("hi"))) { }
                IChatClient adapted = azure.GetChatClient("gpt-4o").AsIChatClient();
                await adapted.{|#2:GetResponseAsync|}("hi");
                await azure.GetEmbeddingClient("embed").GenerateEmbeddingAsync("hi");
            }
        }
        """,
        LlmCallProbe.Call(0, "Generation", "OpenAI"),
        LlmCallProbe.Call(1, "Streaming", "OpenAI"),
        LlmCallProbe.Call(2, "Generation", "MicrosoftExtensionsAI"));

    [Fact]
    public Task OllamaSharp_chat_generate_the_Chat_helper_and_its_IChatClient() => LlmCallProbe.VerifyAsync(
        OllamaUsings + """
        using OllamaSharp.Models;
        using OllamaSharp.Models.Chat;
        using IChatClient = Microsoft.Extensions.AI.IChatClient;
        class C
        {
            async Task M(OllamaApiClient ollama, IOllamaApiClient api)
            {
                await foreach (var chunk in ollama.{|#0:GenerateAsync|}("Why is the sky blue?")) { }
                await foreach (var chunk in api.{|#1:GenerateAsync|}(new GenerateRequest { Model = "llama3.2", Prompt = "hi" })) { }
                await foreach (var chunk in ollama.{|#2:ChatAsync|}(new ChatRequest { Model = "llama3.2", Messages = [new Message(OllamaSharp.Models.Chat.ChatRole.User, "hi")] })) { }
                var chat = new Chat(ollama, "You are helpful.");
                await foreach (var token in chat.{|#3:SendAsync|}("hi")) { }

                IChatClient client = ollama;
                await client.{|#4:GetResponseAsync|}([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")]);

                await ollama.ListLocalModelsAsync();
                await ollama.EmbedAsync(new EmbedRequest { Model = "nomic", Input = ["hi"] });
                await foreach (var p in ollama.PullModelAsync("llama3.2")) { }
                await ollama.IsRunningAsync();
            }
        }
        """,
        LlmCallProbe.Call(0, "Streaming", "Ollama"),
        LlmCallProbe.Call(1, "Streaming", "Ollama"),
        LlmCallProbe.Call(2, "Streaming", "Ollama"),
        LlmCallProbe.Call(3, "Streaming", "Ollama"),
        LlmCallProbe.Call(4, "Generation", "MicrosoftExtensionsAI"));

    [Fact]
    public Task Streams_collected_on_the_spot_are_generations() => LlmCallProbe.VerifyAsync(
        Usings + """
        using OllamaSharp;
        using Microsoft.Agents.AI;
        class C
        {
            async Task M(OllamaApiClient ollama, IChatClient client, AIAgent agent)
            {
                IOllamaApiClient api = ollama;
                await api.{|#0:GenerateAsync|}("hi").StreamToEndAsync();
                await api.{|#1:GenerateAsync|}("hi").StreamToEndAsync(chunk => Console.Write(chunk?.Response));
                await client.{|#2:GetStreamingResponseAsync|}("hi").ToChatResponseAsync();
                await agent.{|#3:RunStreamingAsync|}("hi").ToAgentResponseAsync();
                await client.{|#4:GetStreamingResponseAsync|}("hi").ToListAsync();
            }
        }
        """,
        LlmCallProbe.Call(0, "Generation", "Ollama"),
        LlmCallProbe.Call(1, "Streaming", "Ollama"),
        LlmCallProbe.Call(2, "Generation", "MicrosoftExtensionsAI"),
        LlmCallProbe.Call(3, "Generation", "AgentFramework"),
        LlmCallProbe.Call(4, "Generation", "MicrosoftExtensionsAI"));

    [Fact]
    public Task Builder_clients_function_invocation_and_structured_output() => LlmCallProbe.VerifyAsync(
        Usings + """
        using OpenAI.Chat;
        record Ticket(string Category, int Priority);
        class C
        {
            async Task M(ChatClient openAI, IServiceProvider services)
            {
                IChatClient client = new ChatClientBuilder(openAI.AsIChatClient())
                    .UseFunctionInvocation()
                    .UseOpenTelemetry()
                    .Build(services);
                await client.{|#0:GetResponseAsync|}("hi", new ChatOptions { Tools = [AIFunctionFactory.Create(() => DateTime.UtcNow, "now")] });
                await client.{|#1:GetResponseAsync|}<Ticket>("Classify: printer on fire");
                await client.{|#2:GetResponseAsync|}<Ticket>([new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "hi")], useJsonSchemaResponseFormat: true);

                var invoking = new FunctionInvokingChatClient(openAI.AsIChatClient()) { MaximumIterationsPerRequest = 5 };
                await invoking.{|#3:GetResponseAsync|}("hi");
                await foreach (var u in invoking.{|#4:GetStreamingResponseAsync|}("hi")) { }
            }
        }
        """,
        LlmCallProbe.Call(0, "Generation", "MicrosoftExtensionsAI"),
        LlmCallProbe.Call(1, "Generation", "MicrosoftExtensionsAI"),
        LlmCallProbe.Call(2, "Generation", "MicrosoftExtensionsAI"),
        LlmCallProbe.Call(3, "Generation", "MicrosoftExtensionsAI"),
        LlmCallProbe.Call(4, "Streaming", "MicrosoftExtensionsAI"));

    // ---- The retry rules -----------------------------------------------------------------------------------------

    [Fact]
    public Task Retried_Azure_chat_client_is_reported() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        using Azure.AI.OpenAI;
        using OpenAI.Chat;
        class Assistant(AzureOpenAIClient azure, ResiliencePipeline pipeline)
        {
            private readonly ChatClient chat = azure.GetChatClient("support-gpt4o");

            public async Task<string> AnswerAsync(string q, CancellationToken ct)
            {
                var completion = await pipeline.ExecuteAsync(async token => await chat.[|CompleteChatAsync|]([new UserChatMessage(q)], cancellationToken: token), ct);
                return completion.Value.Content[0].Text;
            }
        }
        """);

    [Fact]
    public Task Retried_Ollama_stream_shown_to_the_user_is_AIL0002_and_collected_is_AIL0001() => RetryTestSupport.VerifyAsync(
        "AIL0002",
        OllamaUsings + """
        class Assistant(IOllamaApiClient ollama, ResiliencePipeline pipeline)
        {
            public async Task StreamAsync(string q, Func<string, Task> send, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async token =>
                {
                    await foreach (var chunk in ollama.[|GenerateAsync|](q, cancellationToken: token))
                    {
                        await send(chunk!.Response);
                    }
                }, ct);

            public async Task<string> CollectAsync(string q, CancellationToken ct) =>
                await pipeline.ExecuteAsync(async token => await ollama.{|AIL0001:GenerateAsync|}(q, cancellationToken: token).StreamToEndAsync(), ct) is { } done ? done.Response ?? "" : "";
        }
        """);

    [Fact]
    public Task Function_invoking_client_without_an_outer_retry_is_not_reported() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        using OllamaSharp;
        class Assistant
        {
            private readonly IChatClient client;

            public Assistant(OllamaApiClient ollama) =>
                client = ((IChatClient)ollama).AsBuilder().UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 3).Build();

            public async Task<string> AnswerAsync(string q)
            {
                var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "sunny", "weather")] };
                var response = await client.GetResponseAsync(q, options);
                return response.Text;
            }
        }
        """);
}
