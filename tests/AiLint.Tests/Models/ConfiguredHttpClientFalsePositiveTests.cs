using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// The opposite error of the IHttpClientFactory redirect: in a project with one named client for Ollama and one for
/// OpenAI, each client whose name is a constant is judged by its own registration, and an OpenAI client built without
/// the factory (no endpoint) is still OpenAI's.
/// </summary>
public class ConfiguredHttpClientFalsePositiveTests
{
    [Fact]
    public Task An_Ollama_and_an_OpenAI_named_client_are_judged_each_by_its_registration() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using OpenAI.Chat;
            static class Clients
            {
                public const string Ollama = "ollama";
                public const string OpenAI = "openai";

                public static void Register(IServiceCollection services)
                {
                    services.AddHttpClient(Ollama, c => c.BaseAddress = new Uri("http://localhost:11434/v1/"));
                    services.AddHttpClient(OpenAI, c => c.BaseAddress = new Uri("https://api.openai.com/v1/"));
                }
            }
            class Chats(IHttpClientFactory factory, string key)
            {
                ChatClient Local() =>
                    new ChatClient("gpt-3.5-turbo", new ApiKeyCredential("ollama"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient(Clients.Ollama)) });

                ChatClient Cloud() =>
                    new ChatClient({|#0:"gpt-4"|}, new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(factory.CreateClient(Clients.OpenAI)) });

                ChatClient Direct() => new OpenAIClient(key).GetChatClient({|#1:"gpt-3.5-turbo"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));
}
