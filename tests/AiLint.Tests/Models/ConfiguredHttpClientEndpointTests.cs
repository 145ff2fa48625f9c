using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// An <c>HttpClient</c> from <c>IHttpClientFactory</c> that the project's DI points at another server
/// (<c>AddHttpClient("ollama", c =&gt; c.BaseAddress = ...)</c>, a typed client, a handler of its own), handed to the
/// OpenAI client's transport or to Semantic Kernel's connector: the model name is that server's, so AIL0501-AIL0505
/// stay silent. Clients the registrations do not send elsewhere are still checked. Shapes paraphrased from public
/// Ollama / LM Studio samples that route the OpenAI SDK through a named or typed client.
/// </summary>
public class ConfiguredHttpClientEndpointTests
{
    [Fact]
    public Task Named_client_pointed_at_a_local_server_is_not_OpenAI() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddHttpClient("ollama", c => c.BaseAddress = new Uri("http://localhost:11434/v1"));
                    services.AddSingleton(sp =>
                    {
                        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("ollama");
                        return new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
                    });
                }
            }
            class ChatService
            {
                private readonly ChatClient _chat;
                private readonly IHttpClientFactory _factory;
                public ChatService(OpenAIClient client, IHttpClientFactory factory)
                {
                    _chat = client.GetChatClient("gpt-3.5-turbo");
                    _factory = factory;
                }
                ChatClient Direct() =>
                    new ChatClient("gpt-4", new ApiKeyCredential("ollama"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(_factory.CreateClient("ollama")) });
            }
            """);

    [Fact]
    public Task Typed_clients_and_builder_chains_pointed_elsewhere_are_not_OpenAI() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services, string endpoint)
                {
                    services.AddHttpClient<LocalChat>(c => c.BaseAddress = new Uri(endpoint));
                    var lmStudio = services.AddHttpClient("lmstudio");
                    lmStudio.ConfigureHttpClient(c => c.BaseAddress = new Uri("http://localhost:1234/v1"));
                    services.AddHttpClient("groq").AddHttpMessageHandler<GroqRewriteHandler>();
                }
            }
            class LocalChat(HttpClient http)
            {
                public ChatClient Chat() =>
                    new ChatClient("gpt-3.5-turbo", new ApiKeyCredential("local"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
            }
            class Kernels
            {
                private readonly IHttpClientFactory _factory;
                public Kernels(IHttpClientFactory factory) => _factory = factory;
                Kernel LmStudio()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4", "lm-studio", httpClient: _factory.CreateClient("lmstudio"));
                    return builder.Build();
                }
                Kernel Groq()
                {
                    var http = _factory.CreateClient("groq");
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4", "key", httpClient: http);
                    return builder.Build();
                }
            }
            class GroqRewriteHandler : DelegatingHandler
            {
            }
            """);

    // Next to them, the clients the registrations leave on OpenAI: a named client that only gets a timeout (the
    // project's other client points at a weather API), and a typed client whose base address is OpenAI's own.
    [Fact]
    public Task Clients_the_registrations_leave_on_OpenAI_are_checked() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddHttpClient("weather", c => c.BaseAddress = new Uri("https://api.weather.example/"));
                    services.AddHttpClient("openai", c => c.Timeout = TimeSpan.FromMinutes(2));
                    services.AddHttpClient<CloudChat>(c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                    services.AddHttpClient<Plain>();
                }
            }
            class CloudChat(HttpClient http)
            {
                public ChatClient Chat(string key) =>
                    new ChatClient({|#0:"gpt-3.5-turbo"|}, new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
            }
            class Plain
            {
                private readonly HttpClient _http;
                public Plain(HttpClient http) => _http = http;
                public Kernel Build(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion({|#1:"gpt-4"|}, key, httpClient: _http);
                    return builder.Build();
                }
            }
            class Named
            {
                private readonly IHttpClientFactory _factory;
                public Named(IHttpClientFactory factory) => _factory = factory;
                ChatClient Chat(string key) =>
                    new ChatClient({|#2:"gpt-4"|}, new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(_factory.CreateClient("openai")) });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4", "2026-10-23", ""));

    // A project without any redirecting registration: a factory client of unknown name is OpenAI's.
    [Fact]
    public Task Factory_clients_in_a_project_without_redirecting_registrations_are_checked() =>
        VerifyAsync("""
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Setup
            {
                public static void Register(IServiceCollection services) => services.AddHttpClient("openai").AddStandardResilienceHandler();
            }
            class Named(IHttpClientFactory factory, string name)
            {
                ChatClient Chat(string key) =>
                    new ChatClient({|#0:"gpt-4"|}, new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient(name)) });
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    [Fact]
    public Task Half_typed_registrations_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using System;
                using System.ClientModel;
                using System.ClientModel.Primitives;
                using System.Net.Http;
                using Microsoft.Extensions.DependencyInjection;
                using OpenAI;
                using OpenAI.Chat;
                static class Setup
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddHttpClient(c => c.BaseAddress = );
                        services.AddHttpClient<Missing>(c => c.BaseAddress = new Uri("http://localhost:1234/v1"));
                    }
                }
                class Named(IHttpClientFactory factory)
                {
                    ChatClient Chat() => new ChatClient("local-model", new ApiKeyCredential("k"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient()) });
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }
}
