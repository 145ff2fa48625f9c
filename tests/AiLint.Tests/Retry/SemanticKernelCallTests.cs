using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Retry;

/// <summary>Semantic Kernel 1.82 calls, recognised against the real assemblies, and the retry rules on them.</summary>
public class SemanticKernelCallTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.TextGeneration;
        using Polly;

        """;

    private static DiagnosticResult Call(int location, string kind) => LlmCallProbe.Call(location, kind, "SemanticKernel");

    [Fact]
    public Task Prompt_helpers_on_the_kernel() => LlmCallProbe.VerifyAsync(
        Usings + """
        class C
        {
            async Task M(Kernel kernel, KernelArguments arguments)
            {
                await kernel.{|#0:InvokePromptAsync|}("Summarize {{$input}}", arguments);
                await kernel.{|#1:InvokePromptAsync|}<string>("Summarize {{$input}}", arguments);
                await foreach (var chunk in kernel.{|#2:InvokePromptStreamingAsync|}("Summarize {{$input}}", arguments)) { }
                await foreach (var chunk in kernel.{|#3:InvokePromptStreamingAsync|}<string>("Summarize")) { }
            }
        }
        """,
        Call(0, "Generation"), Call(1, "Generation"), Call(2, "Streaming"), Call(3, "Streaming"));

    [Fact]
    public Task Chat_and_text_services_their_extensions_and_connectors() => LlmCallProbe.VerifyAsync(
        Usings + """
        using Microsoft.SemanticKernel.Connectors.OpenAI;
        class C
        {
            async Task M(Kernel kernel, ChatHistory history, ITextGenerationService text, OpenAIChatCompletionService openAI)
            {
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                await chat.{|#0:GetChatMessageContentAsync|}(history);
                await chat.{|#1:GetChatMessageContentsAsync|}(history, kernel: kernel);
                await chat.{|#2:GetChatMessageContentAsync|}("a prompt");
                await foreach (var c in chat.{|#3:GetStreamingChatMessageContentsAsync|}(history)) { }
                await foreach (var c in chat.{|#4:GetStreamingChatMessageContentsAsync|}("a prompt")) { }
                await openAI.{|#5:GetChatMessageContentsAsync|}(history);
                await text.{|#6:GetTextContentsAsync|}("a prompt");
                await text.{|#7:GetTextContentAsync|}("a prompt");
                await foreach (var c in text.{|#8:GetStreamingTextContentsAsync|}("a prompt")) { }
            }
        }
        """,
        Call(0, "Generation"), Call(1, "Generation"), Call(2, "Generation"), Call(3, "Streaming"), Call(4, "Streaming"),
        Call(5, "Generation"), Call(6, "Generation"), Call(7, "Generation"), Call(8, "Streaming"));

    [Fact]
    public Task Prompt_functions_invoked_through_the_kernel_or_the_function() => LlmCallProbe.VerifyAsync(
        Usings + """
        class Summarizer
        {
            private readonly Kernel kernel;
            private readonly KernelFunction summarize;
            private static readonly KernelFunction Classify = KernelFunctionFactory.CreateFromPrompt("Classify: {{$input}}");

            public Summarizer(Kernel kernel)
            {
                this.kernel = kernel;
                summarize = kernel.CreateFunctionFromPrompt("Summarize {{$input}}", new PromptExecutionSettings { ModelId = "gpt-4o" });
            }

            async Task M(KernelArguments arguments)
            {
                await kernel.{|#0:InvokeAsync|}(summarize, arguments);
                await summarize.{|#1:InvokeAsync|}(kernel, arguments);
                await kernel.{|#2:InvokeAsync|}<string>(Classify, arguments);
                await foreach (var chunk in kernel.{|#3:InvokeStreamingAsync|}(summarize, arguments)) { }
                await foreach (var chunk in summarize.{|#4:InvokeStreamingAsync|}<string>(kernel, arguments)) { }

                var local = KernelFunctionFactory.CreateFromPrompt(new PromptTemplateConfig("Translate {{$input}}"));
                await local.{|#5:InvokeAsync|}(kernel, arguments);

                var plugin = kernel.ImportPluginFromPromptDirectory("Prompts/Writer");
                await kernel.{|#6:InvokeAsync|}(plugin["ShortPoem"], arguments);
            }
        }
        """,
        Call(0, "Generation"), Call(1, "Generation"), Call(2, "Generation"), Call(3, "Streaming"), Call(4, "Streaming"),
        Call(5, "Generation"), Call(6, "Generation"));

    [Fact]
    public Task Prompt_function_in_a_get_only_property() => LlmCallProbe.VerifyAsync(
        Usings + """
        class Summarizer(Kernel kernel)
        {
            private KernelFunction Summarize { get; } = kernel.CreateFunctionFromPrompt("Summarize {{$input}}");
            public KernelFunction Replaceable { get; set; } = kernel.CreateFunctionFromPrompt("Summarize {{$input}}");
            private KernelFunction Native { get; } = kernel.CreateFunctionFromMethod(() => "x", "native");

            async Task M()
            {
                await kernel.{|#0:InvokeAsync|}(Summarize);
                await kernel.InvokeAsync(Replaceable);
                await kernel.InvokeAsync(Native);
            }
        }
        """,
        Call(0, "Generation"));

    [Fact]
    public Task Native_and_unknown_functions_are_not_llm_calls() => LlmCallProbe.VerifyAsync(
        Usings + """
        class TimePlugin
        {
            [KernelFunction] public string Now() => DateTime.UtcNow.ToString("O");
        }
        class C
        {
            async Task M(Kernel kernel, KernelFunction passedIn, KernelArguments arguments, bool useNative)
            {
                var upper = kernel.CreateFunctionFromMethod((string input) => input.ToUpperInvariant(), "upper");
                await kernel.InvokeAsync(upper, arguments);
                await upper.InvokeAsync(kernel, arguments);
                await KernelFunctionFactory.CreateFromMethod(() => 42).InvokeAsync(kernel);

                var plugin = kernel.ImportPluginFromType<TimePlugin>();
                await kernel.InvokeAsync(plugin["Now"]);
                await kernel.InvokeAsync("TimePlugin", "Now");

                // Origins the code does not show, or several of them: not recognised (precision first).
                await kernel.InvokeAsync(passedIn, arguments);
                var either = kernel.CreateFunctionFromPrompt("Summarize");
                if (useNative) either = upper;
                await kernel.InvokeAsync(either, arguments);
                await kernel.Plugins["Writer"]["ShortPoem"].InvokeAsync(kernel);

                kernel.CreateFunctionFromPrompt("Summarize");
                kernel.ImportPluginFromPromptDirectory("Prompts/Writer");
            }
        }
        """);

    // ---- The retry rules on Semantic Kernel calls -----------------------------------------------------------------

    [Fact]
    public Task Retried_prompt_function_is_AIL0001_and_a_retried_native_function_is_not() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        class Summarizer(Kernel kernel, ResiliencePipeline pipeline)
        {
            public async Task<string> SummarizeAsync(string text, CancellationToken ct)
            {
                var summarize = kernel.CreateFunctionFromPrompt("Summarize {{$input}}");
                var result = await pipeline.ExecuteAsync(async token => await kernel.[|InvokeAsync|](summarize, new() { ["input"] = text }, token), ct);

                var count = kernel.CreateFunctionFromMethod((string input) => input.Length, "count");
                await pipeline.ExecuteAsync(async token => await kernel.InvokeAsync(count, new() { ["input"] = text }, token), ct);
                return result.ToString();
            }
        }
        """);

    [Fact]
    public Task Retried_InvokePromptStreamingAsync_is_AIL0002() => RetryTestSupport.VerifyAsync(
        "AIL0002",
        Usings + """
        class Writer(Kernel kernel)
        {
            public async Task StreamAsync(string topic, Func<string, Task> send)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await foreach (var chunk in kernel.[|InvokePromptStreamingAsync|]("Write about {{$topic}}", new() { ["topic"] = topic }))
                        {
                            await send(chunk.ToString());
                        }

                        return;
                    }
                    catch (HttpOperationException)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Retried_chat_completion_service_is_AIL0001() => RetryTestSupport.VerifyAsync(
        "AIL0001",
        Usings + """
        class Assistant(IChatCompletionService chat, IAsyncPolicy policy)
        {
            public Task<ChatMessageContent> AnswerAsync(ChatHistory history) =>
                policy.ExecuteAsync(() => chat.[|GetChatMessageContentAsync|](history));
        }
        """);
}
