using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// <c>new OpenAIPromptExecutionSettings { ModelId = "gpt-4o" }</c> sent to a kernel built in the member whose only chat
/// service is Semantic Kernel's Azure OpenAI connector (<c>AddAzureOpenAIChatCompletion(deployment, endpoint, key,
/// modelId: "gpt-4o")</c>): the id only picks the service labelled with it, the label of a deployment, so pinning it to a
/// snapshot would match no service (reviewer 12, FP1; repro SkAzureSettingsModelId). The same settings sent to a kernel
/// with the OpenAI connector, or to one with both connectors, are checked.
/// </summary>
public class SkAzureKernelSettingsModelIdTests
{
    private static Task VerifyProgramAsync(string program, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { OutputKind = OutputKind.ConsoleApplication, TestCode = program };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Settings_sent_to_an_Azure_only_kernel_name_its_service_label() =>
        VerifyProgramAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            var builder = Kernel.CreateBuilder();
            builder.AddAzureOpenAIChatCompletion(deploymentName: "chat", endpoint: "https://contoso.openai.azure.com/", apiKey: "key", modelId: "gpt-4o");
            var kernel = builder.Build();

            var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-4o" };
            Console.WriteLine(await kernel.InvokePromptAsync("Hello", new(settings)));

            static async Task<string> Fluent()
            {
                var kernel = Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com/", "key", modelId: "gpt-4-turbo").Build();
                var settings = new OpenAIPromptExecutionSettings { MaxTokens = 200 };
                settings.ModelId = "gpt-4-turbo";
                return (await kernel.InvokePromptAsync("Hello", new KernelArguments(settings))).ToString();
            }
            """);

    // The twins (the OpenAI registrations' own ids are reported too): the OpenAI connector (the id is an OpenAI model id), a kernel with both connectors (the id may pick the
    // OpenAI one), and settings also sent to a kernel the member did not build.
    [Fact]
    public Task Settings_sent_to_a_kernel_that_may_pick_OpenAI_are_checked() =>
        VerifyProgramAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            var builder = Kernel.CreateBuilder();
            builder.AddOpenAIChatCompletion({|#3:"gpt-4o"|}, "key");
            var kernel = builder.Build();
            var settings = new OpenAIPromptExecutionSettings { ModelId = {|#0:"gpt-4o"|} };
            Console.WriteLine(await kernel.InvokePromptAsync("Hello", new(settings)));

            static async Task<string> Both()
            {
                var kernel = Kernel.CreateBuilder()
                    .AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com/", "key", modelId: "gpt-4o")
                    .AddOpenAIChatCompletion({|#4:"gpt-4.1"|}, "key")
                    .Build();
                var settings = new OpenAIPromptExecutionSettings { ModelId = {|#1:"gpt-4.1"|} };
                return (await kernel.InvokePromptAsync("Hello", new KernelArguments(settings))).ToString();
            }

            static async Task<string> Elsewhere(Kernel injected)
            {
                var kernel = Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com/", "key", modelId: "gpt-4o").Build();
                var settings = new OpenAIPromptExecutionSettings { ModelId = {|#2:"gpt-4o"|} };
                var first = await kernel.InvokePromptAsync("Hello", new(settings));
                var second = await injected.InvokePromptAsync("Hello", new(settings));
                return first.ToString() + second;
            }
            """,
            Diagnostic("AIL0501").WithLocation(3),
            Diagnostic("AIL0501").WithLocation(0),
            Diagnostic("AIL0501").WithLocation(4),
            Diagnostic("AIL0501").WithLocation(1),
            Diagnostic("AIL0501").WithLocation(2));
}
