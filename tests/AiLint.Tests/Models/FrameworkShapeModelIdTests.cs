using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Model slots as frameworks and multi-provider apps fill them: Azure OpenAI clients held as <c>OpenAIClient</c> (the
/// id is a deployment name), Semantic Kernel registrations and execution settings, OllamaSharp's local tags.
/// Paraphrased from public .NET apps; each positive sits next to the correct code.
/// </summary>
public class FrameworkShapeModelIdTests
{
    // Apps that support both providers keep the client as OpenAIClient: `OpenAIClient client = useAzure ? new
    // AzureOpenAIClient(...) : new OpenAIClient(key)`. GetChatClient then binds to OpenAIClient's `model` parameter, but
    // on Azure the string is a deployment name: not reported. A client the code shows is OpenAI's is checked.
    [Fact]
    public Task Azure_client_held_as_OpenAIClient_takes_deployment_names() =>
        VerifyAsync("""
            using System;
            using Azure;
            using Azure.AI.OpenAI;
            using OpenAI;
            using OpenAI.Chat;
            class ClientFactory
            {
                private readonly OpenAIClient _client;
                public ClientFactory(bool useAzure, Uri endpoint, string key)
                {
                    _client = useAzure ? new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)) : new OpenAIClient(key);
                }
                ChatClient FromField() => _client.GetChatClient("gpt-4");
                ChatClient FromLocal(Uri endpoint, string key)
                {
                    OpenAIClient client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key));
                    return client.GetChatClient("gpt-4");
                }
                ChatClient Cast(AzureOpenAIClient azure) => ((OpenAIClient)azure).GetChatClient("gpt-4");
                ChatClient Plain(string key)
                {
                    OpenAIClient client = new OpenAIClient(key);
                    return client.GetChatClient({|#0:"gpt-4"|});
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // The provider is chosen in a factory method of the project that returns OpenAIClient: one level into its body.
    [Fact]
    public Task Azure_client_from_a_factory_method_takes_deployment_names() =>
        VerifyAsync("""
            using System;
            using Azure;
            using Azure.AI.OpenAI;
            using OpenAI;
            using OpenAI.Chat;
            class Chat
            {
                private readonly OpenAIClient _client;
                public Chat(bool azure, string key) { _client = CreateClient(azure, key); }
                static OpenAIClient CreateClient(bool azure, string key) =>
                    azure ? new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com"), new AzureKeyCredential(key)) : new OpenAIClient(key);
                static OpenAIClient CreatePlain(string key) => new OpenAIClient(key);
                ChatClient A() => _client.GetChatClient("gpt-4");
                ChatClient B(bool azure, string key) => CreateClient(azure, key).GetChatClient("gpt-4");
                ChatClient C(string key) => CreatePlain(key).GetChatClient({|#0:"gpt-4"|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // Semantic Kernel's AddOpenAIChatCompletion(modelId, openAIClient) with an Azure client: the modelId is a deployment.
    // AzureOpenAIPromptExecutionSettings.ModelId only picks a deployment's label. The OpenAI equivalents are checked.
    [Fact]
    public Task Semantic_Kernel_with_an_Azure_client_or_Azure_settings() =>
        VerifyAsync("""
            using System;
            using Azure;
            using Azure.AI.OpenAI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            using OpenAI;
            class Startup
            {
                Kernel Azure(Uri endpoint, string key)
                {
                    var azure = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key));
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4", azure);
                    return builder.Build();
                }
                object AzureSettings() => new AzureOpenAIPromptExecutionSettings { ModelId = "gpt-4", Temperature = 0.2 };
                Kernel OpenAi(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion({|#0:"gpt-4"|}, new OpenAIClient(key));
                    return builder.Build();
                }
                object OpenAiSettings() => new OpenAIPromptExecutionSettings { ModelId = {|#1:"gpt-3.5-turbo"|} };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // Semantic Kernel execution settings that name a reasoning model and set a sampling parameter (AIL0504); MaxTokens
    // (sent as max_completion_tokens) and a non-reasoning model are fine.
    [Fact]
    public Task Semantic_Kernel_settings_with_temperature_for_a_reasoning_model() =>
        VerifyAsync("""
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Prompts
            {
                object Deep() => new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra", {|#0:Temperature = 0.7|}, MaxTokens = 2000 };
                object Logprobs() => new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra", {|#1:Logprobs = true|}, {|#2:TopLogprobs = 3|} };
                object Fine() => new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra", MaxTokens = 2000, Temperature = 1 };
                object Other() => new OpenAIPromptExecutionSettings { ModelId = "gpt-5.5-2026-04-23", Temperature = 0.7, TopP = 0.9 };
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "logprobs"),
            Diagnostic("AIL0504").WithLocation(2).WithArguments("gpt-6-astra", "top_logprobs"));

    // OllamaSharp serves local tags ("llama3", "phi3"); the table has no rows for them and its slots are not checked.
    // An OpenAI-compatible client pointed at Ollama with a local tag is not reported either (unknown id).
    [Fact]
    public Task Ollama_local_tags_are_not_model_ids_of_the_table() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.AI;
            using OllamaSharp;
            using OpenAI;
            class Local
            {
                object Ollama() => new OllamaApiClient(new Uri("http://localhost:11434"), "llama3");
                ChatOptions Options() => new ChatOptions { ModelId = "phi3:mini" };
                object Compatible() => new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") }).GetChatClient("llama3.1");
            }
            """);
}

/// <summary>
/// AIL0504 in Semantic Kernel programs: one chat model registered with a known id, and execution settings built in the
/// same member (the Program.cs shape of Semantic Kernel samples: `AddOpenAIChatCompletion(...)`, then
/// `new OpenAIPromptExecutionSettings { MaxTokens = 500, Temperature = 0.5 }` passed through KernelArguments).
/// </summary>
public class SemanticKernelSamplingTests
{
    [Fact]
    public Task Settings_next_to_the_only_registration_of_a_reasoning_model() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Program
            {
                static async Task Main()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion({|#1:"gpt-5-mini-2025-08-07"|}, "key");
                    var kernel = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings { MaxTokens = 500, {|#0:Temperature = 0.5|} };
                    await kernel.InvokePromptAsync("Tell me a story", new KernelArguments(settings));
                }
            }
            """,
            Diagnostic("AIL0502").WithLocation(1).WithArguments("gpt-5-mini-2025-08-07", "2026-12-11", ""),
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-5-mini-2025-08-07", "temperature"));

    // Two registrations (which one serves the settings is the selector's choice), settings that pick their own service,
    // a configured model, and the correct settings next to a reasoning model (MaxTokens only) are not reported.
    [Fact]
    public Task Ambiguous_or_correct_settings_are_fine() =>
        VerifyAsync("""
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Program
            {
                static object TwoServices()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", "key", serviceId: "deep");
                    builder.AddOpenAIChatCompletion("gpt-5.5-2026-04-23", "key", serviceId: "fast");
                    return new OpenAIPromptExecutionSettings { Temperature = 0.5 };
                }
                static object Routed()
                {
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                    return new OpenAIPromptExecutionSettings { ServiceId = "other", Temperature = 0.5 };
                }
                static object Configured(string model)
                {
                    Kernel.CreateBuilder().AddOpenAIChatCompletion(model, "key");
                    return new OpenAIPromptExecutionSettings { Temperature = 0.5 };
                }
                static object Correct()
                {
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                    return new OpenAIPromptExecutionSettings { MaxTokens = 2000 };
                }
                static object SettingsElsewhere() => new OpenAIPromptExecutionSettings { Temperature = 0.5 };
            }
            """);
}
