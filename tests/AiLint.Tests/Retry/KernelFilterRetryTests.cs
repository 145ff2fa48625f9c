using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A Semantic Kernel function-invocation filter whose <c>OnFunctionInvocationAsync</c> calls <c>await next(context)</c>
/// again after a failure, with the context unchanged, runs the kernel function again with the same arguments. When the
/// code visibly gives such a filter to the kernel a prompt is then invoked on (<c>builder.Services.AddSingleton&lt;
/// IFunctionInvocationFilter&gt;(new RetryFilter())</c> before <c>builder.Build()</c>, or
/// <c>kernel.FunctionInvocationFilters.Add(...)</c>), that prompt call is a retried model call. A filter that switches
/// the model or rewrites the arguments before calling again (SK's <c>RetryWithFilters</c> sample) is a fallback; one that
/// calls it again only after a rate limit (HTTP 429: the provider processed nothing) is not a retry AIL0001 is about; one that
/// calls <c>next</c> once, a filter given to another kernel, a native function, and a tool filter are quiet.
/// </summary>
public class KernelFilterRetryTests
{
    private const string Id = "AIL0001";

    private const string KernelUsings = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, KernelUsings + source, expected);

    private static DiagnosticResult Retried(string method, string filter) =>
        Diagnostic(Id).WithLocation(0).WithArguments(method, "the function invocation filter " + filter);

    private const string Filters = """
        public sealed class ResendFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                try
                {
                    await next(context);
                }
                catch (HttpOperationException)
                {
                    await Task.Delay(1000);
                    await next(context);
                }
            }
        }

        public sealed class RateLimitFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                try
                {
                    await next(context);
                }
                catch (HttpOperationException exception) when (exception.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(1000);
                    await next(context);
                }
            }
        }

        public sealed class RateLimitLoopFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await next(context);
                        return;
                    }
                    catch (HttpOperationException exception) when (exception.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                    {
                        await Task.Delay(500 * attempt);
                    }
                }
            }
        }

        public sealed class LoopFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await next(context);
                        return;
                    }
                    catch (HttpOperationException) when (attempt < 3)
                    {
                        await Task.Delay(500 * attempt);
                    }
                }
            }
        }

        public sealed class ModelFallbackFilter(string fallbackModelId) : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                try
                {
                    await next(context);
                }
                catch (HttpOperationException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
                {
                    PromptExecutionSettings executionSettings = context.Arguments.ExecutionSettings![PromptExecutionSettings.DefaultServiceId];
                    executionSettings.ModelId = fallbackModelId;
                    await next(context);
                }
            }
        }

        public sealed class ShortenFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await next(context);
                        return;
                    }
                    catch (HttpOperationException) when (attempt < 3)
                    {
                        context.Arguments["input"] = context.Arguments["input"]?.ToString()?[..100];
                    }
                }
            }
        }

        public sealed class PreparingFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                try
                {
                    await next(context);
                }
                catch (HttpOperationException)
                {
                    Prepare(context.Arguments);
                    await next(context);
                }
            }

            private static void Prepare(KernelArguments arguments) => arguments["style"] = "brief";
        }

        public sealed class GivingUpFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await next(context);
                        return;
                    }
                    catch (HttpOperationException)
                    {
                        context.Result = new FunctionResult(context.Function, "unavailable");
                        return;
                    }
                }
            }
        }

        public sealed class LoggingFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                Console.WriteLine(context.Function.Name);
                await next(context);
                Console.WriteLine(context.Result);
            }
        }

        public sealed class ToolRetryFilter : IAutoFunctionInvocationFilter
        {
            public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
            {
                try
                {
                    await next(context);
                }
                catch (HttpRequestException)
                {
                    await next(context);
                }
            }
        }

        """;

    /// <summary>A kernel built in the method; <c>{0}</c> registers on the builder, <c>{1}</c> runs on the built kernel.</summary>
    private static string Prompt(string beforeBuild, string afterBuild = "") => Filters + $$"""
        public static class Program
        {
            public static async Task<string> RunAsync(string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: apiKey);
                {{beforeBuild}}
                var kernel = builder.Build();
                {{afterBuild}}
                var result = await kernel.{|#0:InvokePromptAsync|}("Hi, can you help me today?");
                return result.ToString();
            }
        }
        """;

    [Theory]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter>(new ResendFilter());", "", "ResendFilter")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter, LoopFilter>();", "", "LoopFilter")]
    [InlineData("builder.Services.AddTransient<IFunctionInvocationFilter, ResendFilter>();", "", "ResendFilter")]
    [InlineData("", "kernel.FunctionInvocationFilters.Add(new LoopFilter());", "LoopFilter")]
    [InlineData("", "kernel.FunctionInvocationFilters.Insert(0, new ResendFilter());", "ResendFilter")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter>(new LoggingFilter());", "kernel.FunctionInvocationFilters.Add(new LoopFilter());", "LoopFilter")]
    public Task A_prompt_on_a_kernel_given_a_retrying_filter_is_reported(string beforeBuild, string afterBuild, string filter) =>
        VerifyAsync(Prompt(beforeBuild, afterBuild), Retried("InvokePromptAsync", filter));

    [Theory]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter>(new ModelFallbackFilter(\"gpt-4o-mini\"));", "")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter>(new ShortenFilter());", "")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter>(new PreparingFilter());", "")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter>(new GivingUpFilter());", "")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter, LoggingFilter>();", "")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter>(new RateLimitFilter());", "")]
    [InlineData("builder.Services.AddSingleton<IFunctionInvocationFilter, RateLimitLoopFilter>();", "")]
    [InlineData("builder.Services.AddSingleton<IAutoFunctionInvocationFilter>(new ToolRetryFilter());", "")]
    [InlineData("var other = Kernel.CreateBuilder(); other.Services.AddSingleton<IFunctionInvocationFilter>(new ResendFilter()); other.Build();", "")]
    [InlineData("", "var second = builder.Build(); second.FunctionInvocationFilters.Add(new LoopFilter());")]
    [InlineData("", "")]
    public Task A_fallback_a_single_call_another_kernel_or_a_tool_filter_is_quiet(string beforeBuild, string afterBuild) =>
        VerifyAsync(Prompt(beforeBuild, afterBuild));

    /// <summary>A filter added after the prompt call does not run around it.</summary>
    [Fact]
    public Task A_filter_added_after_the_call_is_quiet() => VerifyAsync(Filters + """
        public static class Program
        {
            public static async Task<string> RunAsync(Kernel template)
            {
                var kernel = template.Clone();
                var result = await kernel.InvokePromptAsync("Hi");
                kernel.FunctionInvocationFilters.Add(new LoopFilter());
                return result.ToString();
            }
        }
        """);

    /// <summary>A prompt function runs the model; a function made from a C# method does not.</summary>
    [Fact]
    public Task A_prompt_function_is_reported_and_a_native_function_is_not() => VerifyAsync(Filters + """
        public static class Program
        {
            public static async Task<string> RunAsync(Kernel template, string text)
            {
                var kernel = template.Clone();
                kernel.FunctionInvocationFilters.Add(new ResendFilter());
                var summarize = kernel.CreateFunctionFromPrompt("Summarize {{$input}}");
                var count = kernel.CreateFunctionFromMethod((string input) => input.Length, "Count");
                await kernel.InvokeAsync(count, new() { ["input"] = text });
                var result = await kernel.{|#0:InvokeAsync|}(summarize, new() { ["input"] = text });
                return result.ToString();
            }
        }
        """,
        Retried("InvokeAsync", "ResendFilter"));

    [Fact]
    public Task Half_typed_filters_and_registrations_do_not_crash() => VerifyAsync(
        """
        public sealed class BrokenFilter : {|CS0535:IFunctionInvocationFilter|}
        {
            public async Task OnFunctionInvocation(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                try { await next(context); } catch { await next({|CS0103:ctx|}); }
            }
        }

        public static class Program
        {
            public static async Task<string> RunAsync(string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton<IFunctionInvocationFilter>(new {|CS0246:MissingFilter|}());
                builder.Services.AddSingleton<IFunctionInvocationFilter>(new BrokenFilter());
                var kernel = builder.Build();
                kernel.FunctionInvocationFilters.Add({|CS0103:unknown|});
                var result = await kernel.InvokePromptAsync("Hi");
                return result.ToString();
            }
        }
        """);
}
