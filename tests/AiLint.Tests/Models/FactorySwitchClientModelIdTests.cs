using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A client from a project factory that switches on a provider enum, <c>CreateOpenAIClient(AiProvider.OpenAI)</c>: the
/// constant argument takes the arm that builds OpenAI's own client, so the id sent through it is OpenAI's. Without a
/// constant, any arm may be taken, and an arm for another server leaves the id unchecked.
/// </summary>
public class FactorySwitchClientModelIdTests
{
    private const string Factory = """
        using System;
        using System.ClientModel;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using OpenAI;

        public class Factory
        {
            public enum AiProvider { OpenAI, GithubModels }

            private static OpenAIClient CreateOpenAIClient(AiProvider p, string key, Uri githubEndpoint) => p switch
            {
                AiProvider.OpenAI => new OpenAIClient(new ApiKeyCredential(key)),
                AiProvider.GithubModels => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = githubEndpoint }),
                _ => throw new ArgumentOutOfRangeException(nameof(p)),
            };

        """;

    [Fact]
    public Task A_constant_argument_that_takes_the_openai_arm_is_reported() =>
        VerifyAsync(Factory + """
                public Kernel Build(string key, Uri githubEndpoint)
                {
                    var builder = Kernel.CreateBuilder();
                    var openAiClient = CreateOpenAIClient(AiProvider.OpenAI, key, githubEndpoint);
                    builder.Services.AddOpenAIChatCompletion(modelId: {|#0:"gpt-4-turbo-2024-04-09"|}, openAiClient, serviceId: "writer");
                    return builder.Build();
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4-turbo-2024-04-09", "2026-10-23", ""));

    // Quiet twins: the constant takes the other server's arm; a provider the code does not fix may take either.
    [Fact]
    public Task The_other_servers_arm_or_an_unknown_provider_is_quiet() =>
        VerifyAsync(Factory + """
                public Kernel GitHub(string key, Uri githubEndpoint)
                {
                    var builder = Kernel.CreateBuilder();
                    var client = CreateOpenAIClient(AiProvider.GithubModels, key, githubEndpoint);
                    builder.Services.AddOpenAIChatCompletion(modelId: "gpt-4-turbo-2024-04-09", client, serviceId: "writer");
                    return builder.Build();
                }

                public Kernel Either(AiProvider provider, string key, Uri githubEndpoint)
                {
                    var builder = Kernel.CreateBuilder();
                    var client = CreateOpenAIClient(provider, key, githubEndpoint);
                    builder.Services.AddOpenAIChatCompletion(modelId: "gpt-4-turbo-2024-04-09", client, serviceId: "writer");
                    return builder.Build();
                }
            }
            """);

    [Fact]
    public Task Half_typed_factories_do_not_crash() =>
        VerifyAsync(Factory + """
                public void Build(string key, Uri githubEndpoint)
                {
                    var builder = Kernel.CreateBuilder();
                    var a = CreateOpenAIClient({|CS0103:AiProvder|}.OpenAI, key, githubEndpoint);
                    var b = {|CS0103:CreateNoSuchClient|}(AiProvider.OpenAI);
                    builder.Services.AddOpenAIChatCompletion(modelId: "gpt-4-turbo-2024-04-09", a, serviceId: "a");
                    builder.Services.AddOpenAIChatCompletion(modelId: "gpt-4-turbo-2024-04-09", b, serviceId: "b");
                }
            }
            """);
}
