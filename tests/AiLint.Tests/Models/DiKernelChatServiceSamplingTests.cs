using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0504 for Semantic Kernel settings sent through the chat service of the kernel DI hands a class
/// (<c>kernel.GetRequiredService&lt;IChatCompletionService&gt;().GetChatMessageContentAsync(history, settings, kernel)</c>),
/// when the project's only chat service is registered on DI with a known OpenAI model: that service is the
/// registration, as for <c>kernel.InvokePromptAsync</c> (reviewer 12, M1; repro SkDiChatServiceSampling).
/// </summary>
public class DiKernelChatServiceSamplingTests
{
    private const string Program = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.SemanticKernel;

        var builder = Host.CreateApplicationBuilder(args);
        var kernelBuilder = builder.Services.AddKernel();
        kernelBuilder.AddOpenAIChatCompletion("gpt-6-astra", "key");
        builder.Services.AddSingleton<Support>();
        builder.Build().Run();
        """;

    private static Task VerifyProgramAsync(string program, string other, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { OutputKind = OutputKind.ConsoleApplication };
        test.TestState.Sources.Add(("Program.cs", program));
        test.TestState.Sources.Add(("Support.cs", other));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Settings_sent_through_the_DI_kernels_chat_service_go_to_the_only_registered_model() =>
        VerifyProgramAsync(
            Program,
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public sealed class Support(Kernel kernel)
            {
                public async Task<string> AnswerAsync(string question)
                {
                    var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var history = new ChatHistory();
                    history.AddUserMessage(question);
                    var direct = new OpenAIPromptExecutionSettings { {|#0:Temperature = 0.5|} };
                    var reply = await chat.GetChatMessageContentAsync(history, direct, kernel);
                    return reply.Content ?? "";
                }

                public async Task<string> InlineAsync(ChatHistory history)
                {
                    var reply = await kernel.GetRequiredService<IChatCompletionService>()
                        .GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { {|#1:TopP = 0.9|} }, kernel);
                    var prompt = await kernel.InvokePromptAsync("Summarize", new(new OpenAIPromptExecutionSettings { {|#2:Temperature = 0.1|} }));
                    return reply.Content + prompt;
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_p"),
            Diagnostic("AIL0504").WithLocation(2).WithArguments("gpt-6-astra", "temperature"));

    // The correct code beside it: settings without sampling parameters, and settings that pick another service.
    [Fact]
    public Task Settings_without_sampling_or_routed_elsewhere_are_fine() =>
        VerifyProgramAsync(
            Program,
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public sealed class Support(Kernel kernel)
            {
                public async Task<string> AnswerAsync(ChatHistory history)
                {
                    var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var plain = new OpenAIPromptExecutionSettings { MaxTokens = 400 };
                    var routed = new OpenAIPromptExecutionSettings { ServiceId = "writer", Temperature = 0.5 };
                    var first = await chat.GetChatMessageContentAsync(history, plain, kernel);
                    var second = await chat.GetChatMessageContentAsync(history, routed, kernel);
                    return first.Content + second.Content;
                }
            }
            """);

    // With a second chat service registered, the DI kernel's chat service may be either: nothing is linked.
    [Fact]
    public Task A_second_registration_leaves_the_chat_service_unlinked() =>
        VerifyProgramAsync(
            Program.Replace("""kernelBuilder.AddOpenAIChatCompletion("gpt-6-astra", "key");""", """
                kernelBuilder.AddOpenAIChatCompletion("gpt-6-astra", "key", serviceId: "reasoner");
                kernelBuilder.AddOpenAIChatCompletion("gpt-5.5-2026-04-23", "key", serviceId: "writer");
                """),
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public sealed class Support(Kernel kernel)
            {
                public async Task<string> AnswerAsync(ChatHistory history)
                {
                    var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { Temperature = 0.5 }, kernel);
                    return reply.Content ?? "";
                }
            }
            """);
}
