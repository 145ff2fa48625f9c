using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Where AIL0504 links settings to a model it cannot see being used: Semantic Kernel settings in a member that also
/// registers a service but sends them to a kernel (or chat service) it was given, and agent options reused with another
/// client. And the new paths on half-typed code.
/// </summary>
public class SamplingLinkPrecisionTests
{
    // A test fixture or a service builds a throwaway kernel for one model and sends its settings to the kernel it was
    // given (or holds): which model that kernel serves is not this member's registration.
    [Fact]
    public Task Settings_sent_to_a_kernel_from_elsewhere_are_not_linked() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Planner
            {
                private readonly Kernel _kernel;
                private readonly IChatCompletionService _chat;
                public Planner(Kernel kernel, IChatCompletionService chat) { _kernel = kernel; _chat = chat; }
                async Task Parameter(Kernel kernel)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", "key");
                    var critic = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings { Temperature = 0.2 };
                    await kernel.InvokePromptAsync("Plan", new KernelArguments(settings));
                }
                async Task Field()
                {
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                    await _kernel.InvokePromptAsync("Plan", new KernelArguments(new OpenAIPromptExecutionSettings { Temperature = 0.2 }));
                }
                async Task Service(ChatHistory history)
                {
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                    await _chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { TopP = 0.5 });
                }
            }
            """);

    // Next to it, the kernel built in the member itself still carries the settings to its one registered model.
    [Fact]
    public Task Settings_sent_to_the_kernel_built_here_are_linked() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Program
            {
                static async Task Main()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", "key");
                    var kernel = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings { {|#0:Temperature = 0.2|} };
                    await kernel.InvokePromptAsync("Plan", new KernelArguments(settings));
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));

    // One ChatClientAgentOptions built once and handed to a classic model's agent only: not linked to the reasoning
    // client created next to it.
    [Fact]
    public Task Agent_options_reused_with_another_client_follow_that_client() =>
        VerifyAsync("""
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents
            {
                void Build(OpenAIClient openAI)
                {
                    var reasoner = openAI.GetChatClient("gpt-6-astra").AsIChatClient();
                    var writer = openAI.GetChatClient("gpt-5.5-2026-04-23").AsIChatClient();
                    var writerAgent = writer.AsAIAgent(new ChatClientAgentOptions { Name = "writer", ChatOptions = new ChatOptions { Temperature = 0.8f } });
                    var plannerAgent = reasoner.AsAIAgent(new ChatClientAgentOptions { Name = "planner" });
                }
            }
            """);

    // Half-typed code on the new paths: nothing crashes, and an endpoint being typed already moves the client elsewhere.
    [Fact]
    public Task Half_typed_code_on_the_new_paths_does_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using System;
                using System.ClientModel;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.Connectors.OpenAI;
                using OpenAI;
                using OpenAI.Chat;
                class C
                {
                    private readonly ChatClient _chat = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = }).GetChatClient(;
                    private readonly ChatClient _other;
                    void M(Kernel kernel)
                    {
                        var options = new OpenAIClientOptions();
                        options.Endpoint = ;
                        var client = new OpenAIClient(new ApiKeyCredential("k"), options);
                        client.GetChatClient("gpt-4").CompleteChat(new ChatCompletionOptions { Temperature = });
                        _other.CompleteChat(, new ChatCompletionOptions { Temperature = 0.2f });
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", endpoint: , apiKey: null);
                        kernel.InvokePromptAsync("x", new KernelArguments(new OpenAIPromptExecutionSettings { Temperature = 0.2 }));
                        var agent = client.GetChatClient("gpt-6-astra").AsIChatClient().AsAIAgent(new ChatClientAgentOptions { ChatOptions = new ChatOptions { Temperature = } });
                        new ChatClientAgent(, new ChatClientAgentOptions { ChatOptions = });
                    }
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }
}

/// <summary>Semantic Kernel services registered by hand count as registrations: the kernel may pick them instead.</summary>
public class HandRegisteredKernelServiceTests
{
    [Fact]
    public Task A_second_service_registered_by_hand_makes_the_link_ambiguous() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Program
            {
                static async Task Main()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", "key");
                    builder.Services.AddKeyedSingleton<IChatCompletionService>("writer", new OpenAIChatCompletionService("gpt-5.5-2026-04-23", "key"));
                    var kernel = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings { Temperature = 0.7 };
                    await kernel.InvokePromptAsync("Write", new KernelArguments(settings));
                }
            }
            """);
}
