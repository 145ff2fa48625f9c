using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// The answers AIL0504 takes from the second walk of a member (<c>ModelUses.SecondWalk.cs</c>, made only when the member
/// has settings to link): the calls that hand over an options object, wherever they sit in the member (a lambda, before
/// the setting is written), and whether the member reaches a kernel it did not build (a factory of the project; a kernel
/// field only written is not reached).
/// </summary>
public class SecondWalkSamplingTests
{
    // The request is sent from a lambda written before the setting: the walk lists the call whatever its place.
    [Fact]
    public Task Options_sent_from_a_lambda_before_the_setting_is_written_are_linked() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;
            class C
            {
                void M(string key, ChatMessage[] messages)
                {
                    var client = new ChatClient("gpt-6-astra", key);
                    var options = new ChatCompletionOptions();
                    Func<ChatCompletion> ask = () => client.CompleteChat(messages, options);
                    {|AIL0504:options.Temperature = 0.2f|};
                    ask();
                }
            }
            """);

    // Its twin: the lambda sends the same options to a model that accepts temperature.
    [Fact]
    public Task Options_sent_from_a_lambda_to_a_classic_model_stay_quiet() =>
        VerifyAsync("""
            using System;
            using OpenAI.Chat;
            class C
            {
                void M(string key, ChatMessage[] messages)
                {
                    var client = new ChatClient("gpt-5.5-2026-04-23", key);
                    var options = new ChatCompletionOptions();
                    Func<ChatCompletion> ask = () => client.CompleteChat(messages, options);
                    options.Temperature = 0.2f;
                    ask();
                }
            }
            """);

    // A kernel from the project's own factory may serve any model: not this member's registration.
    [Fact]
    public Task Settings_sent_to_a_kernel_from_a_project_factory_are_not_linked() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            static class Kernels
            {
                public static Kernel ForPlanning() => Kernel.CreateBuilder().Build();
            }
            class Planner
            {
                async Task Plan()
                {
                    Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                    var settings = new OpenAIPromptExecutionSettings { Temperature = 0.2 };
                    await Kernels.ForPlanning().InvokePromptAsync("Plan", new KernelArguments(settings));
                }
            }
            """);

    // The kernel built here and also stored in a field: the field is written, not read, so the settings still go to
    // the one registered model.
    [Fact]
    public Task Settings_sent_to_the_kernel_built_here_and_stored_in_a_field_are_linked() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class Planner
            {
                private Kernel? _last;
                async Task Plan()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", "key");
                    var kernel = builder.Build();
                    _last = kernel;
                    var settings = new OpenAIPromptExecutionSettings { {|#0:Temperature = 0.2|} };
                    await kernel.InvokePromptAsync("Plan", new KernelArguments(settings));
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));

    // Half-typed members with settings (so the second walk runs): no crash, no report on what does not bind.
    [Fact]
    public Task Half_typed_members_with_settings_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using System;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.Connectors.OpenAI;
                using OpenAI.Chat;
                class C
                {
                    void M(string key, ChatMessage[] messages, Kernel kernel, Missing other)
                    {
                        var client = new ChatClient(, key);
                        var options = new ChatCompletionOptions();
                        Func<ChatCompletion> ask = () => client.CompleteChat(messages, options;
                        options.Temperature = ;
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                        kernel.InvokePromptAsync("x", new KernelArguments(new OpenAIPromptExecutionSettings { Temperature = 0.2 }));
                        other.InvokePromptAsync("x", new KernelArguments(new OpenAIPromptExecutionSettings { TopP = 0.5 }));
                        Unknown().CompleteChat(messages, new ChatCompletionOptions { Temperature = 0.2f });
                    }
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }
    // Settings sent only to a receiver that does not bind (half-typed code) may go to any kernel: they are not linked to
    // the one registration of the member (this reported AIL0504 before), while the kernel built here still is.
    [Fact]
    public async Task Settings_sent_to_a_receiver_that_does_not_bind_are_not_linked()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.Connectors.OpenAI;
                class C
                {
                    void M(Missing other)
                    {
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                        other.InvokePromptAsync("x", new KernelArguments(new OpenAIPromptExecutionSettings { TopP = 0.5 }));
                    }

                    void N()
                    {
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", "key");
                        var settings = Unknown.Settings();
                        Unknown.Kernel().InvokePromptAsync("x", new KernelArguments(new OpenAIPromptExecutionSettings { Temperature = 0.5 }));
                    }
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
