using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A client the code at hand does not create (injected, resolved) is taken as the project's client for another
/// OpenAI-compatible server only when the project hands such a client out in a shape that can reach it: registered or
/// returned as that type, or as an <c>OpenAIClient</c> its sub-clients are got from. A client for Ollama's /v1 that the
/// creating code keeps to itself (a <c>ChatClient</c> in a field only sent requests) cannot be an injected
/// <c>OpenAIClient</c>; OllamaSharp's own client cannot redirect an OpenAI SDK client at all.
/// </summary>
public class RedirectedClientReachTests
{
    // The reviewer's repro: an Ollama ChatClient in a static field elsewhere in the project; the injected OpenAIClient
    // still goes to OpenAI, so o3 with a temperature fails. The Claude request on an injected IChatClient is checked too.
    [Fact]
    public Task An_Ollama_chat_client_kept_in_a_field_does_not_exempt_an_injected_OpenAI_client() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;
            public static class LocalDev
            {
                public static readonly ChatClient Ollama = new OpenAIClient(new ApiKeyCredential("ollama"),
                    new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") }).GetChatClient("llama3.2");
            }
            public static class Probes
            {
                public static async Task<string> PlanAsync(OpenAIClient shared, string goal)
                {
                    var options = new ChatCompletionOptions { {|AIL0504:Temperature = 0.2f|}, MaxOutputTokenCount = 4000 };
                    ChatCompletion c = await shared.GetChatClient("gpt-6-astra").CompleteChatAsync([new UserChatMessage(goal)], options);
                    return c.Content[0].Text;
                }

                public static async Task<string> PoemAsync(IChatClient claudeChat, string topic)
                {
                    var options = new ChatOptions { ModelId = "claude-haiku-4-5-20251001", Temperature = 0.9f, {|AIL0505:TopP = 0.95f|} };
                    var r = await claudeChat.GetResponseAsync("Write a short poem about " + topic, options);
                    return r.Text;
                }

                public static async Task<string> LocalAsync(string q)
                {
                    ChatCompletion c = await LocalDev.Ollama.CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { Temperature = 0.8f });
                    return c.Content[0].Text;
                }
            }
            """);

    // SdkApp's shape: a private Ollama ChatClient field used only for requests, and an OpenAIClient from the constructor.
    [Fact]
    public Task A_private_Ollama_field_does_not_exempt_the_injected_client_next_to_it() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.Threading.Tasks;
            using OpenAI;
            using OpenAI.Chat;
            public sealed class Assistant
            {
                private readonly ChatClient _local = new OpenAIClient(new ApiKeyCredential("ollama"),
                    new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") }).GetChatClient("gpt-4");
                private readonly OpenAIClient _shared;
                public Assistant(OpenAIClient shared) => _shared = shared;

                public async Task<string> PlanAsync(string goal)
                {
                    var options = new ChatCompletionOptions { {|AIL0504:Temperature = 0.2f|} };
                    ChatCompletion c = await _shared.GetChatClient("gpt-6-astra").CompleteChatAsync([new UserChatMessage(goal)], options);
                    return c.Content[0].Text;
                }

                // correct: "gpt-4" is the local server's alias, and its sampling is the local server's business.
                public async Task<string> LocalAsync(string question)
                {
                    ChatCompletion c = await _local.CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { Temperature = 0.8f, TopP = 0.9f });
                    return c.Content[0].Text;
                }
            }
            """);

    // OllamaSharp's own client (and an Anthropic client) are not OpenAI SDK clients: they redirect nothing.
    [Fact]
    public Task OllamaSharp_and_Anthropic_clients_do_not_exempt_injected_OpenAI_clients() =>
        VerifyAsync("""
            using System;
            using Anthropic;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OllamaSharp;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddSingleton<IChatClient>(new OllamaApiClient(new Uri("http://localhost:11434"), "llama3.1"));
                    services.AddSingleton(new AnthropicClient());
                }
            }
            class Planner(OpenAIClient client)
            {
                void Plan()
                {
                    var options = new ChatCompletionOptions { {|AIL0504:Temperature = 0.1f|} };
                    client.GetChatClient("gpt-6-astra").CompleteChat([new UserChatMessage("x")], options);
                }
                ChatClient Old() => client.GetChatClient({|#0:"gpt-3.5-turbo"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // A registered IChatClient over Ollama's /v1 reaches IChatClient requests, not an injected OpenAIClient.
    [Fact]
    public Task A_registered_IChatClient_for_Ollama_exempts_chat_options_but_not_injected_OpenAI_clients() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services)
                {
                    var ollama = new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") });
                    services.AddChatClient(ollama.GetChatClient("llama3.1").AsIChatClient());
                }
            }
            class Requests(OpenAIClient client)
            {
                ChatOptions Chat() => new ChatOptions { ModelId = "gpt-4", Temperature = 0.2f };
                ChatClient Old() => client.GetChatClient({|#0:"gpt-3.5-turbo"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // The DI shapes that do hand an Ollama-pointed OpenAIClient out: a factory lambda, a keyed registration, a local
    // registered after it is built, a public property. The injected clients then stay unchecked.
    [Fact]
    public Task OpenAI_clients_for_Ollama_registered_on_DI_exempt_injected_clients() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Factory(IServiceCollection services) =>
                    services.AddSingleton(sp => new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") }));
            }
            class Planner(OpenAIClient client)
            {
                void Plan()
                {
                    var options = new ChatCompletionOptions { Temperature = 0.1f };
                    client.GetChatClient("gpt-6-astra").CompleteChat([new UserChatMessage("x")], options);
                }
                ChatClient Llama() => client.GetChatClient("llama3");
                ChatClient Named() => client.GetChatClient("gpt-3.5-turbo");
            }
            """);

    [Fact]
    public Task A_keyed_local_OpenAI_client_exempts_injected_clients() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services)
                {
                    var local = new OpenAIClient(new ApiKeyCredential("lm-studio"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") });
                    services.AddKeyedSingleton("local", local);
                }
            }
            class Planner([FromKeyedServices("local")] OpenAIClient client)
            {
                ChatClient Named() => client.GetChatClient("gpt-3.5-turbo");
            }
            """);

    // A property of a settings/holder class that other code reads: handed out as its type.
    [Fact]
    public Task A_local_chat_client_exposed_by_a_property_exempts_chat_clients_read_from_it() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            class Clients
            {
                public ChatClient Local { get; } = new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") }).GetChatClient("gpt-4");
            }
            class User(Clients clients, OpenAIClient injected)
            {
                ChatClient Chat => clients.Local;
                void Ask() => Chat.CompleteChat([new UserChatMessage("x")], new ChatCompletionOptions { Temperature = 0.1f, TopP = 0.2f });
                ChatClient Old() => injected.GetChatClient({|#0:"gpt-3.5-turbo"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // MEAI's pipeline builder between the Ollama client and its registration: followed through AsBuilder().Build().
    [Fact]
    public Task A_chat_client_pipeline_over_Ollama_registered_on_DI_exempts_chat_options() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services)
                {
                    var chat = new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") })
                        .GetChatClient("llama3.1").AsIChatClient().AsBuilder().UseFunctionInvocation().Build();
                    services.AddSingleton(chat);
                }
            }
            class Requests(OpenAIClient client)
            {
                ChatOptions Chat() => new ChatOptions { ModelId = "gpt-6-astra", Temperature = 0.2f };
                ChatClient Old() => client.GetChatClient({|#0:"gpt-3.5-turbo"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // Without any client for another server handed out, the same provider-neutral request is checked.
    [Fact]
    public Task A_chat_client_for_Ollama_only_sent_requests_leaves_chat_options_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;
            static class Local
            {
                public static async Task<string> AskAsync(string question)
                {
                    IChatClient chat = new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") })
                        .GetChatClient("llama3.1").AsIChatClient();
                    var response = await chat.GetResponseAsync(question, new ChatOptions { Temperature = 0.8f });
                    return response.Text;
                }
            }
            class Requests
            {
                ChatOptions Chat() => new ChatOptions { ModelId = "gpt-6-astra", {|AIL0504:Temperature = 0.2f|} };
            }
            """);

    [Fact]
    public Task Half_typed_redirected_client_does_not_crash() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            class Broken(OpenAIClient injected)
            {
                object x = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") }).{|CS1001:;|}
                ChatClient Named() => injected.GetChatClient("gpt-3.5-turbo");
            }
            """);
}
