using AiLint.Tests.Retry;

namespace AiLint.Tests.LlmCalls;

/// <summary>
/// A Semantic Kernel function held in a field is an LLM call only when the code shows it is made from a prompt
/// (LlmCalls/PromptFunctionCalls.cs), and a field shows that only when its initializer is its single value
/// (LlmCalls/SourceFieldValues.cs): a constructor that may put a caller's function in a readonly field, or a
/// method that puts a native function in a mutable one, leaves the field's function unknown. Twins that stay
/// recognised: the initializer alone, and a constructor write with no initializer.
/// </summary>
public class OverwrittenPromptFunctionFieldTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        """;

    [Fact]
    public Task Prompt_function_fields_written_again_are_not_recognised_and_the_others_are() => LlmCallProbe.VerifyAsync(
        Usings + """
        class Summarizer
        {
            private readonly Kernel kernel;
            private readonly KernelFunction built;
            private KernelFunction summarize = KernelFunctionFactory.CreateFromPrompt("Summarize {{$input}}");
            private readonly KernelFunction classify = KernelFunctionFactory.CreateFromPrompt("Classify {{$input}}");
            private readonly KernelFunction translate = KernelFunctionFactory.CreateFromPrompt("Translate {{$input}}");

            public Summarizer(Kernel kernel, KernelFunction? classifier = null)
            {
                this.kernel = kernel;
                built = kernel.CreateFunctionFromPrompt("Shorten {{$input}}");
                if (classifier is not null)
                {
                    classify = classifier;
                }
            }

            public void UseNative() => summarize = KernelFunctionFactory.CreateFromMethod(() => "done", "summarize");

            async Task M(KernelArguments arguments)
            {
                await kernel.InvokeAsync(summarize, arguments);
                await kernel.InvokeAsync(classify, arguments);
                await kernel.{|#0:InvokeAsync|}(translate, arguments);
                await built.{|#1:InvokeAsync|}(kernel, arguments);
            }
        }
        """,
        LlmCallProbe.Call(0, "Generation", "SemanticKernel"),
        LlmCallProbe.Call(1, "Generation", "SemanticKernel"));
}
