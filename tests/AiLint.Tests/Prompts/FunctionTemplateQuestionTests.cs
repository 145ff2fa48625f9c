using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A Semantic Kernel prompt function whose whole template is a fixed question (review81, an SK model-factory sample's
/// UsageExamples): the demo's question, as it is when the same text goes to <c>kernel.InvokePromptAsync</c>, not an
/// instruction prompt. Templates with variables, personas and any sentence that instructs stay prompts.
/// </summary>
public class FunctionTemplateQuestionTests
{
    // review81 FP-1: both the literal and the constant local were reported; the InvokePromptAsync twin never was.
    [Fact]
    public Task A_fixed_question_as_the_whole_function_template_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            namespace LLMModelFactory.Examples;
            public static class UsageExamples
            {
                public static async Task SemanticKernelChatExample(Kernel kernel)
                {
                    var function = kernel.CreateFunctionFromPrompt("What are the benefits of renewable energy?");
                    var result = await kernel.InvokeAsync(function);
                }

                public static async Task ComprehensiveComparisonExample(Kernel kernel)
                {
                    const string userQuestion = "What are three key advantages of cloud computing?";
                    var function = kernel.CreateFunctionFromPrompt(userQuestion);
                    await kernel.InvokeAsync(function);
                    await kernel.InvokePromptAsync("What are the benefits of renewable energy?");
                }

                public static KernelFunction Factory() =>
                    KernelFunctionFactory.CreateFromPrompt("¿Cuáles son las ventajas de la energía solar?");
            }
            """);

    // The same sample's imperative one-line task is reported (the reviewer judged it a true prompt), and so are a
    // question template with a variable, a persona before a question, and a question followed by an instruction.
    [Fact]
    public Task Function_templates_that_instruct_or_carry_variables_stay_prompts() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            namespace Samples;
            public static class Functions
            {
                public static KernelFunction Insights(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#0:"Generate insights about sustainable technology"|});

                public static KernelFunction Benefits(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#1:"What are the benefits of {{$topic}}?"|});

                public static KernelFunction Historian(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#2:"You are a historian. What happened in 1066?"|});

                public static KernelFunction Capital(Kernel kernel) =>
                    kernel.CreateFunctionFromPrompt({|#3:"What is the capital of France? Answer in one word."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Samples.Functions.Insights"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Samples.Functions.Benefits"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Samples.Functions.Historian"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Samples.Functions.Capital"));

    // A question kept in a system slot is still judged as a system prompt: only the function template's reading changed.
    [Fact]
    public Task A_question_in_a_system_message_is_judged_as_before() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Samples;
            public static class Messages
            {
                public static ChatMessage System() => new ChatMessage(ChatRole.System, {|#0:"Can you always answer as a pirate?"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Samples.Messages.System"));

    [Fact]
    public async Task Half_typed_function_templates_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode =
                """
                using Microsoft.SemanticKernel;
                public static class Broken
                {
                    public static KernelFunction A(Kernel kernel) => kernel.CreateFunctionFromPrompt(missing);
                    public static KernelFunction B(Kernel kernel) => kernel.CreateFunctionFromPrompt("What is it?" + );
                    public static KernelFunction C(Kernel kernel) => kernel.CreateFunctionFromPrompt(;
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
