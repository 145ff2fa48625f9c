using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// The OpenAI SDK and Semantic Kernel's OpenAI connector talk to any OpenAI-compatible server (LM Studio, Ollama's
/// /v1, Groq, OpenRouter, DeepSeek, vLLM): the app sets <c>OpenAIClientOptions.Endpoint</c>, passes an endpoint
/// <c>Uri</c> or an <c>HttpClient</c> that points elsewhere. The model name then belongs to that server, which does not
/// retire OpenAI's models on OpenAI's dates ("gpt-4" may be a local model's alias), so AIL0501-AIL0505 stay silent.
/// Shapes paraphrased from public LM Studio / Ollama / Groq samples.
/// </summary>
public class OtherEndpointModelIdTests
{
    [Fact]
    public Task Clients_for_another_endpoint_are_not_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;
            class LocalModels
            {
                private readonly OpenAIClient _lmStudio = new OpenAIClient(new ApiKeyCredential("lm-studio"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") });
                ChatClient Field() => _lmStudio.GetChatClient("gpt-3.5-turbo");

                ChatClient Groq(string key) =>
                    new ChatClient("gpt-4", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("https://api.groq.com/openai/v1") });

                IChatClient Ollama()
                {
                    var options = new OpenAIClientOptions();
                    options.Endpoint = new Uri("http://localhost:11434/v1");
                    var client = new OpenAIClient(new ApiKeyCredential("ollama"), options);
                    return client.GetChatClient("gpt-4").AsIChatClient();
                }

                ChatClient Configured(OpenAIClientOptions options, string key) =>
                    new ChatClient("gpt-3.5-turbo", new ApiKeyCredential(key), options);

                private static readonly OpenAIClientOptions DeepSeek = new() { Endpoint = new Uri("https://api.deepseek.com/v1") };
                ChatClient StaticOptions(string key) => new ChatClient("gpt-4", new ApiKeyCredential(key), DeepSeek);

                ChatClient OpenRouter(string key) =>
                    new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("https://openrouter.ai/api/v1") })
                        .GetChatClient("openai/gpt-4o");
            }
            """);

    // Next to it, the same code for OpenAI itself is checked: options that only tune the transport, or that spell out
    // OpenAI's own endpoint.
    [Fact]
    public Task Clients_for_OpenAI_itself_are_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;
            class CloudModels
            {
                ChatClient Timeout(string key) =>
                    new ChatClient({|#0:"gpt-3.5-turbo"|}, new ApiKeyCredential(key), new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(30) });

                private static readonly OpenAIClientOptions Patient = new() { NetworkTimeout = TimeSpan.FromMinutes(2) };
                ChatClient StaticOptions(string key) => new ChatClient({|#2:"gpt-3.5-turbo"|}, new ApiKeyCredential(key), Patient);

                ChatClient Explicit(string key)
                {
                    var options = new OpenAIClientOptions { Endpoint = new Uri("https://api.openai.com/v1") };
                    var client = new OpenAIClient(new ApiKeyCredential(key), options);
                    return client.GetChatClient({|#1:"gpt-4"|});
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // The DI shape of apps that run on Ollama or LM Studio: Program.cs registers one OpenAIClient for the configured
    // endpoint, and services get it injected. A client the code at hand does not create is then that one.
    [Fact]
    public Task Injected_clients_in_a_project_that_points_OpenAI_elsewhere_are_not_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services, string endpoint) =>
                    services.AddSingleton(new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri(endpoint) }));
            }
            class AiSettings
            {
                public string Model { get; set; } = "gpt-4";
            }
            class ChatService
            {
                private readonly ChatClient _chat;
                private readonly OpenAIClient _client;
                public ChatService(OpenAIClient client, IServiceProvider services)
                {
                    _chat = client.GetChatClient("gpt-3.5-turbo");
                    _client = services.GetRequiredService<OpenAIClient>();
                }
                ChatClient Settings(AiSettings settings) => _client.GetChatClient(settings.Model);
            }
            """);

    [Fact]
    public Task Injected_clients_in_a_project_that_only_talks_to_OpenAI_are_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services, string key) =>
                    services.AddSingleton(new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromMinutes(1) }));
            }
            class AiSettings
            {
                public string Model { get; set; } = "gpt-4";
            }
            class ChatService
            {
                private readonly ChatClient _chat;
                private readonly OpenAIClient _client;
                public ChatService(OpenAIClient client, IServiceProvider services)
                {
                    _chat = client.GetChatClient({|#0:"gpt-3.5-turbo"|});
                    _client = services.GetRequiredService<OpenAIClient>();
                }
                ChatClient Settings(AiSettings settings) => _client.GetChatClient({|#1:settings.Model|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    // ChatOptions.ModelId goes to whichever IChatClient gets the options, and the settings' ModelId picks the kernel
    // service with that model: in a project that registers its OpenAI connector for a local server, either may be that
    // server's name. The same options in a project that only talks to OpenAI are checked (ModelIdTests).
    [Fact]
    public Task Request_model_ids_in_a_project_that_points_OpenAI_elsewhere_are_not_checked() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            static class Setup
            {
                public static Kernel Build()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4", new Uri("http://localhost:11434/v1"), apiKey: null);
                    return builder.Build();
                }
            }
            class Requests
            {
                ChatOptions Chat() => new ChatOptions { ModelId = "gpt-4" };
                OpenAIPromptExecutionSettings Settings() => new OpenAIPromptExecutionSettings { ModelId = "gpt-3.5-turbo" };
            }
            """);

    // An OpenAI-compatible server reuses OpenAI's names, not Anthropic's: a Claude id in the same provider-neutral
    // request is Claude's model wherever a gateway forwards it, so it stays checked.
    [Fact]
    public Task Another_providers_model_id_in_a_request_is_checked_in_a_project_that_points_OpenAI_elsewhere() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.AI;
            using OpenAI;
            static class Setup
            {
                public static IChatClient Local() =>
                    new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") })
                        .GetChatClient("llama3.1").AsIChatClient();
            }
            class Requests
            {
                ChatOptions OpenAIName() => new ChatOptions { ModelId = "gpt-4" };
                ChatOptions Claude() => new ChatOptions { ModelId = {|#0:"claude-3-opus-20240229"|} };
                ChatOptions Chosen(bool big) => new ChatOptions { ModelId = big ? "claude-3-opus-20240229" : "gpt-4" };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-3-opus-20240229", "2026-01-05", ""));

    [Fact]
    public Task Semantic_Kernel_registrations_for_another_endpoint_are_not_checked() =>
        VerifyAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Kernels
            {
                Kernel Local()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion(modelId: "gpt-3.5-turbo", endpoint: new Uri("http://localhost:11434/v1"), apiKey: null);
                    return builder.Build();
                }

                Kernel BaseAddress()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4", "lm-studio", httpClient: new HttpClient { BaseAddress = new Uri("http://localhost:1234/v1") });
                    return builder.Build();
                }

                Kernel Rewritten()
                {
                    var builder = Kernel.CreateBuilder();
                    var http = new HttpClient(new LocalRedirectHandler());
                    builder.AddOpenAIChatCompletion("gpt-3.5-turbo", "lm-studio", httpClient: http);
                    return builder.Build();
                }

                Kernel Redirected(HttpMessageHandler redirect)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", "lm-studio", httpClient: new HttpClient(redirect));
                    var kernel = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings { Temperature = 0.7 };
                    kernel.InvokePromptAsync("hi", new KernelArguments(settings));
                    return kernel;
                }
            }

            // Paraphrase of the LM Studio samples: a handler that sends api.openai.com requests to the local server.
            class LocalRedirectHandler : HttpClientHandler
            {
            }
            """);

    [Fact]
    public Task Semantic_Kernel_registrations_for_OpenAI_are_checked() =>
        VerifyAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            class Kernels
            {
                Kernel Cloud(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion({|#0:"gpt-3.5-turbo"|}, key, httpClient: new HttpClient());
                    return builder.Build();
                }

                Kernel Proxy(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion({|#1:"gpt-4"|}, key, httpClient: new HttpClient(new HttpClientHandler { UseProxy = false }));
                    builder.Services.AddOpenAIChatCompletion({|#2:"gpt-4"|}, key);
                    return builder.Build();
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4", "2026-10-23", ""));
}
