using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0504 for Semantic Kernel settings sent to the <c>Kernel</c> DI hands a minimal-API handler or a controller, when
/// Program.cs registers the project's only chat service on DI (<c>builder.Services.AddOpenAIChatCompletion("gpt-6-astra",
/// key)</c>, <c>services.AddKernel().AddOpenAIChatCompletion(...)</c>): that kernel has no other model to send them to.
/// A second registration of any kind, an Azure deployment or another server, or a registration on a builder of its own
/// leaves the settings unlinked. Shapes paraphrased from public ASP.NET Core + Semantic Kernel samples.
/// </summary>
public class DiKernelSamplingTests
{
    private static Task VerifyProgramAsync(string program, string other, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { OutputKind = OutputKind.ConsoleApplication };
        test.TestState.Sources.Add(("Program.cs", program));
        test.TestState.Sources.Add(("Handlers.cs", other));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Minimal_API_handler_settings_go_to_the_only_registered_model() =>
        VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", builder.Configuration["OpenAI:ApiKey"]!);
            builder.Services.AddKernel();
            var app = builder.Build();
            app.MapPost("/ask", async (Kernel kernel, string question) =>
            {
                var settings = new OpenAIPromptExecutionSettings { {|#0:Temperature = 0.7|} };
                return (await kernel.InvokePromptAsync(question, new KernelArguments(settings))).ToString();
            });
            app.Run();
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            [ApiController]
            public class ChatController(Kernel kernel) : ControllerBase
            {
                [HttpPost("chat")]
                public async Task<string> Ask(string question)
                {
                    var settings = new OpenAIPromptExecutionSettings { MaxTokens = 400, {|#1:TopP = 0.9|} };
                    return (await kernel.InvokePromptAsync(question, new KernelArguments(settings))).ToString();
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_p"));

    [Fact]
    public Task AddKernel_builder_registration_serves_an_injected_kernel() =>
        VerifyProgramAsync("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using Microsoft.SemanticKernel;

            var builder = Host.CreateApplicationBuilder(args);
            var kernelBuilder = builder.Services.AddKernel();
            kernelBuilder.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddSingleton<Summarizer>();
            builder.Build().Run();
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public class Summarizer
            {
                private readonly Kernel _kernel;
                public Summarizer(Kernel kernel) => _kernel = kernel;
                public Task<FunctionResult> Summarize(string text) =>
                    _kernel.InvokePromptAsync(text, new KernelArguments(new OpenAIPromptExecutionSettings { {|#0:Temperature = 0.2|} }));
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));

    // Next to it, the projects whose DI kernel may serve another model: two registrations, a chat client registered
    // too, settings that pick their own service, and the correct settings (no sampling) for the reasoning model.
    [Fact]
    public Task Two_registrations_or_a_chat_client_leave_the_settings_unlinked() =>
        VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key", serviceId: "reasoner");
            builder.Services.AddOpenAIChatCompletion("gpt-5.5-2026-04-23", "key", serviceId: "writer");
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            Handler);

    [Fact]
    public Task A_chat_client_registered_next_to_it_leaves_the_settings_unlinked() =>
        VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddChatClient(sp => new OpenAI.Chat.ChatClient("gpt-5.5-2026-04-23", "key").AsIChatClient());
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            Handler);

    // Adversarial neighbours: a chat client registered by hand, an Azure connector in a helper of the project, or a
    // chat completion service built by hand elsewhere: each may serve the DI kernel instead.
    [Fact]
    public async Task Services_registered_by_hand_or_in_helpers_leave_the_settings_unlinked()
    {
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKeyedSingleton<IChatClient>("local", (sp, key) => null!);
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            Handler);
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKernel();
            LocalModels.Add(builder.Services);
            builder.Build().Run();

            static class LocalModels
            {
                public static void Add(IServiceCollection services) => services.AddAzureOpenAIChatCompletion("writer", "https://contoso.openai.azure.com/", "key");
            }
            """,
            Handler);
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKernel();
            builder.Build().Run();

            static class Fallback
            {
                public static OpenAIChatCompletionService Writer() => new OpenAIChatCompletionService("gpt-5.5-2026-04-23", "key");
            }
            """,
            Handler);
        await VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKernel();
            builder.Services.AddSingleton(Writers.Make());
            builder.Build().Run();

            static partial class Writers
            {
                public static partial OpenAIChatCompletionService Make();
            }
            static partial class Writers
            {
                public static partial OpenAIChatCompletionService Make() => throw new System.NotSupportedException();
            }
            """,
            Handler);
    }

    [Fact]
    public Task An_Azure_deployment_is_not_linked() =>
        VerifyProgramAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAzureOpenAIChatCompletion("gpt-6-astra", "https://contoso.openai.azure.com/", "key");
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            Handler);

    [Fact]
    public Task A_registration_for_another_server_is_not_linked() =>
        VerifyProgramAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", new Uri("http://localhost:11434/v1"), apiKey: null);
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            Handler);

    // The only registration is on a kernel builder of its own (a throwaway kernel in a tool): the kernel DI hands the
    // handler is not served by it. Settings that pick a service, and settings without sampling, are never linked.
    [Fact]
    public Task A_registration_on_a_builder_of_its_own_does_not_serve_the_DI_kernel() =>
        VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddKernel();
            var critic = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key").Build();
            builder.Build().Run();
            """,
            Handler + """
            public class Routed(Kernel kernel)
            {
                public System.Threading.Tasks.Task<FunctionResult> Ask(string q) =>
                    kernel.InvokePromptAsync(q, new KernelArguments(new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings { ServiceId = "writer", Temperature = 0.2 }));
            }
            """);

    [Fact]
    public Task Routed_or_sampling_free_settings_next_to_the_only_registration_are_fine() =>
        VerifyProgramAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenAIChatCompletion("gpt-6-astra", "key");
            builder.Services.AddKernel();
            builder.Build().Run();
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public class Handlers(Kernel kernel)
            {
                public Task<FunctionResult> Routed(string q) =>
                    kernel.InvokePromptAsync(q, new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "default", Temperature = 0.2 }));

                public Task<FunctionResult> Plain(string q) =>
                    kernel.InvokePromptAsync(q, new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 300 }));
            }
            """);

    private const string Handler = """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        public class Handler(Kernel kernel)
        {
            public async Task<string> Ask(string question)
            {
                var settings = new OpenAIPromptExecutionSettings { Temperature = 0.7 };
                return (await kernel.InvokePromptAsync(question, new KernelArguments(settings))).ToString();
            }
        }

        """;
}
