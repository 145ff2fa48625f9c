using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// False-positive hunt on the DI kernel link (settings in a handler sent to the project's only registered chat
/// service): a chat completion service class of the project's own (a fake in a test project, a custom router) may serve
/// the kernel however it is registered, including the non-generic <c>AddSingleton(typeof(IChatCompletionService), ...)</c>.
/// The only registration, with nothing of the kind beside it, stays linked.
/// </summary>
public class DiKernelFalsePositiveTests
{
    private const string Handler = """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        public class Handler(Kernel kernel)
        {
            public async Task<string> Ask(string question)
            {
                var settings = new OpenAIPromptExecutionSettings { {|#0:Temperature = 0.7|} };
                return (await kernel.InvokePromptAsync(question, new KernelArguments(settings))).ToString();
            }
        }

        """;

    private const string FakeService = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public sealed class FakeChatService : IChatCompletionService
        {
            public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

            public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
                Task.FromResult<IReadOnlyList<ChatMessageContent>>(new[] { new ChatMessageContent(AuthorRole.Assistant, "ok") });

            public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
                throw new System.NotSupportedException();
        }

        """;

    private static Task VerifyAsync(string program, string[] others, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { OutputKind = OutputKind.ConsoleApplication };
        test.TestState.Sources.Add(("Program.cs", program));
        for (var i = 0; i < others.Length; i++)
        {
            test.TestState.Sources.Add(($"Other{i}.cs", others[i]));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_project_chat_service_registered_without_generics_leaves_the_settings_unlinked() =>
        VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKernel();
            if (builder.Environment.EnvironmentName == "Testing")
            {
                builder.Services.AddSingleton(typeof(IChatCompletionService), typeof(FakeChatService));
            }

            builder.Build().Run();
            """,
            new[] { Handler.Replace("{|#0:Temperature = 0.7|}", "Temperature = 0.7"), FakeService });

    [Fact]
    public Task A_project_chat_service_class_anywhere_leaves_the_settings_unlinked() =>
        VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            new[] { Handler.Replace("{|#0:Temperature = 0.7|}", "Temperature = 0.7"), FakeService });

    // Next to it, the true positive: the only registration, nothing else that could serve the kernel.
    [Fact]
    public Task The_only_registration_without_a_chat_service_class_stays_linked() =>
        VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            new[] { Handler },
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));
}
