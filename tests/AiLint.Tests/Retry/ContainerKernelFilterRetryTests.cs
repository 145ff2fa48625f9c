using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// A retrying function-invocation filter registered in the app's container (<c>services.AddSingleton&lt;
/// IFunctionInvocationFilter, RetryFilter&gt;()</c> beside <c>services.AddKernel()</c>, as Semantic Kernel's samples
/// do), and a service that gets its <c>Kernel</c> from that container: the container builds the kernel with
/// <c>new Kernel(provider)</c>, whose constructor takes every <c>IFunctionInvocationFilter</c> the provider has, so the
/// service's prompt call runs inside the filter's retry. Quiet: a filter that switches the model (SK's
/// <c>RetryWithFilters</c> sample), a tool filter, no retrying filter, a filter given only to a kernel the app builds
/// itself, a container whose <c>Kernel</c> is such a kernel, and a kernel the service builds with
/// <c>Kernel.CreateBuilder()</c>.
/// </summary>
public class ContainerKernelFilterRetryTests
{
    private const string Id = "AIL0001";

    private const string KernelUsings = """
        using System;
        using System.Net;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync(Id, KernelUsings + source, expected);

    private static DiagnosticResult Retried(string filter) =>
        Diagnostic(Id).WithLocation(0).WithArguments("InvokePromptAsync", "the function invocation filter " + filter);

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

        public sealed class ModelFallbackFilter : IFunctionInvocationFilter
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
                    executionSettings.ModelId = "gpt-4o-mini";
                    await next(context);
                }
            }
        }

        public sealed class LoggingFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                Console.WriteLine(context.Function.Name);
                await next(context);
            }
        }

        public sealed class PluginRetryFilter : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
            {
                if (context.Function.PluginName != "StockServicePlugin")
                {
                    await next(context);
                    return;
                }

                try
                {
                    await next(context);
                }
                catch (HttpOperationException)
                {
                    await next(context);
                }
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
                catch (HttpOperationException)
                {
                    await next(context);
                }
            }
        }

        """;

    /// <summary>Program.cs's registrations (<c>{0}</c>, on <c>services</c>) and a service that calls the model (<c>{1}</c>).</summary>
    private static string App(string registrations, string service) => Filters + $$"""
        public static class Registration
        {
            public static IServiceCollection AddChat(this IServiceCollection services, string apiKey)
            {
                {{registrations}}
                return services;
            }
        }

        {{service}}
        """;

    private const string KernelAndFilter = """
        services.AddKernel().AddOpenAIChatCompletion("gpt-4o", apiKey);
        services.AddSingleton<IFunctionInvocationFilter, ResendFilter>();
        """;

    private const string PrimaryConstructorService = """
        public sealed class ChatService(Kernel kernel)
        {
            public async Task<string> AskAsync(string question)
            {
                var result = await kernel.{|#0:InvokePromptAsync|}(question);
                return result.ToString();
            }
        }
        """;

    [Theory]
    [InlineData("services.AddSingleton<IFunctionInvocationFilter, ResendFilter>();", "ResendFilter")]
    [InlineData("services.AddSingleton<IFunctionInvocationFilter>(new LoopFilter());", "LoopFilter")]
    [InlineData("services.AddScoped<IFunctionInvocationFilter, LoopFilter>();", "LoopFilter")]
    [InlineData("services.AddTransient<IFunctionInvocationFilter>(sp => new ResendFilter());", "ResendFilter")]
    [InlineData("services.AddSingleton<IFunctionInvocationFilter, LoggingFilter>(); services.AddSingleton<IFunctionInvocationFilter, LoopFilter>();", "LoopFilter")]
    public Task A_retrying_filter_registered_beside_AddKernel_is_reported_on_an_injected_kernel(string registration, string filter) =>
        VerifyAsync(App("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey);\n" + registration, PrimaryConstructorService), Retried(filter));

    /// <summary>The filter on the collection <c>AddKernel()</c>'s builder holds, and the SK sample's own kernel registration.</summary>
    [Theory]
    [InlineData("var kernelBuilder = services.AddKernel(); kernelBuilder.AddOpenAIChatCompletion(\"gpt-4o\", apiKey); kernelBuilder.Services.AddSingleton<IFunctionInvocationFilter, ResendFilter>();")]
    [InlineData("services.AddOpenAIChatCompletion(\"gpt-4o\", apiKey); services.AddTransient<Kernel>(); services.AddSingleton<IFunctionInvocationFilter, ResendFilter>();")]
    [InlineData("services.AddOpenAIChatCompletion(\"gpt-4o\", apiKey); services.AddSingleton<IFunctionInvocationFilter, ResendFilter>(); services.AddTransient(sp => { var kernel = new Kernel(sp); return kernel; });")]
    public Task Other_registrations_of_a_kernel_that_takes_the_container_filters_are_reported(string registrations) =>
        VerifyAsync(App(registrations, PrimaryConstructorService), Retried("ResendFilter"));

    [Theory]
    [InlineData("""
        public sealed class ChatService
        {
            private readonly Kernel _kernel;

            public ChatService(Kernel kernel) => _kernel = kernel;

            public async Task<string> AskAsync(string question)
            {
                var result = await _kernel.{|#0:InvokePromptAsync|}(question);
                return result.ToString();
            }
        }
        """)]
    [InlineData("""
        public static class Endpoint
        {
            public static async Task<string> AskAsync(IServiceProvider provider, string question)
            {
                var kernel = provider.GetRequiredService<Kernel>();
                var result = await kernel.{|#0:InvokePromptAsync|}(question);
                return result.ToString();
            }
        }
        """)]
    [InlineData("""
        public sealed class ChatService(IServiceProvider provider)
        {
            public async Task<string> AskAsync(string question)
            {
                var function = KernelFunctionFactory.CreateFromPrompt(question);
                var result = await function.{|#0:InvokeAsync|}(provider.GetService<Kernel>()!);
                return result.ToString();
            }
        }
        """)]
    public Task A_kernel_from_a_constructor_field_or_the_provider_is_reported(string service) =>
        VerifyAsync(App(KernelAndFilter, service),
            Diagnostic(Id).WithLocation(0).WithArguments(service.Contains("function.") ? "InvokeAsync" : "InvokePromptAsync", "the function invocation filter ResendFilter"));

    [Theory]
    // Semantic Kernel's RetryWithFilters sample: the second call runs on a fallback model.
    [InlineData("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey); services.AddSingleton<IFunctionInvocationFilter, ModelFallbackFilter>();")]
    // A tool filter runs around the functions the model asked for, not around the prompt.
    [InlineData("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey); services.AddSingleton<IAutoFunctionInvocationFilter, ToolRetryFilter>();")]
    [InlineData("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey); services.AddSingleton<IFunctionInvocationFilter, LoggingFilter>();")]
    [InlineData("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey);")]
    // The retrying filter serves only the kernel the app builds itself.
    [InlineData("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey); var own = Kernel.CreateBuilder(); own.Services.AddSingleton<IFunctionInvocationFilter, ResendFilter>(); var standalone = own.Build();")]
    // The container hands out a kernel the app built: the container's filters are not its filters.
    [InlineData("services.AddKernel(); services.AddSingleton<IFunctionInvocationFilter, ResendFilter>(); var own = Kernel.CreateBuilder(); own.AddOpenAIChatCompletion(\"gpt-4o\", apiKey); services.AddSingleton(own.Build());")]
    [InlineData("services.AddKernel(); services.AddSingleton<IFunctionInvocationFilter, ResendFilter>(); services.AddSingleton(sp => new Kernel());")]
    // Filters given only to a kernel the app makes itself, from a collection of its own or by hand.
    [InlineData("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey); var side = new ServiceCollection(); side.AddSingleton<IFunctionInvocationFilter, ResendFilter>(); var standalone = new Kernel(side.BuildServiceProvider());")]
    [InlineData("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey); var own = new Kernel(); own.FunctionInvocationFilters.Add(new ResendFilter());")]
    // No kernel registered in the container at all.
    [InlineData("services.AddSingleton<IFunctionInvocationFilter, ResendFilter>();")]
    public Task A_fallback_a_tool_filter_no_retry_or_another_kernel_is_quiet(string registrations) =>
        VerifyAsync(App(registrations, PrimaryConstructorService.Replace("{|#0:InvokePromptAsync|}", "InvokePromptAsync")));

    /// <summary>A console app's own collection, with the kernel and the filter registered in it.</summary>
    [Fact]
    public Task A_kernel_resolved_from_a_local_collection_that_registers_the_filter_is_reported() => VerifyAsync(Filters + """
        public static class ConsoleApp
        {
            public static async Task<string> RunAsync(string apiKey, string question)
            {
                var services = new ServiceCollection();
                services.AddKernel().AddOpenAIChatCompletion("gpt-4o", apiKey);
                services.AddSingleton<IFunctionInvocationFilter, ResendFilter>();
                var provider = services.BuildServiceProvider();
                var kernel = provider.GetRequiredService<Kernel>();
                var result = await kernel.{|#0:InvokePromptAsync|}(question);
                return result.ToString();
            }
        }
        """,
        Retried("ResendFilter"));

    /// <summary>Filters of the container do not apply to a kernel the service builds, nor to one a caller hands a method.</summary>
    [Theory]
    [InlineData("""
        public sealed class ChatService(string apiKey)
        {
            public async Task<string> AskAsync(string question)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4o", apiKey);
                var kernel = builder.Build();
                var result = await kernel.InvokePromptAsync(question);
                return result.ToString();
            }
        }
        """)]
    [InlineData("""
        public static class Prompts
        {
            public static async Task<string> AskAsync(Kernel kernel, string question)
            {
                var result = await kernel.InvokePromptAsync(question);
                return result.ToString();
            }
        }
        """)]
    public Task A_kernel_built_in_the_service_or_a_method_parameter_is_quiet(string service) =>
        VerifyAsync(App(KernelAndFilter, service));

    /// <summary>
    /// The project also makes the service itself, with a kernel it built: the injected-looking parameter may hold that
    /// kernel, which never got the container's filters.
    /// </summary>
    [Theory]
    [InlineData("ChatService service = new(Kernel.CreateBuilder().Build());")]
    [InlineData("var service = new ChatService(Kernel.CreateBuilder().Build());")]
    public Task A_service_the_project_also_creates_by_hand_is_quiet(string creation) =>
        VerifyAsync(App(KernelAndFilter, PrimaryConstructorService.Replace("{|#0:InvokePromptAsync|}", "InvokePromptAsync") + $$"""

            public static class Console2
            {
                public static void Run()
                {
                    {{creation}}
                }
            }
            """));

    /// <summary>Creating some other type by hand does not hide the container's kernel of the service.</summary>
    [Fact]
    public Task Creating_another_type_by_hand_keeps_the_report() =>
        VerifyAsync(App(KernelAndFilter, PrimaryConstructorService + """

            public sealed class Other(Kernel kernel) { }

            public static class Console2
            {
                public static void Run() => _ = new Other(Kernel.CreateBuilder().Build());
            }
            """), Retried("ResendFilter"));

    /// <summary>
    /// A filter that retries only the functions of one plugin: a prompt call's function has no plugin, so it passes once.
    /// </summary>
    [Fact]
    public Task A_filter_that_retries_only_chosen_functions_is_quiet() =>
        VerifyAsync(App("services.AddKernel().AddOpenAIChatCompletion(\"gpt-4o\", apiKey);\nservices.AddSingleton<IFunctionInvocationFilter>(new PluginRetryFilter());",
            PrimaryConstructorService.Replace("{|#0:InvokePromptAsync|}", "InvokePromptAsync")));

    [Fact]
    public Task Half_typed_registrations_and_services_do_not_crash() => VerifyAsync(Filters + """
        public static class Registration
        {
            public static IServiceCollection AddChat(this IServiceCollection services, string apiKey)
            {
                services.AddKernel().AddOpenAIChatCompletion("gpt-4o", apiKey);
                services.AddSingleton<IFunctionInvocationFilter, {|CS0246:MissingFilter|}>();
                services.AddSingleton<IFunctionInvocationFilter>({|CS0103:filterInstance|});
                return services;
            }
        }

        public sealed class ChatService(Kernel kernel)
        {
            private readonly Kernel _other = {|CS0103:missing|};

            public async Task<string> AskAsync(string question)
            {
                var result = await kernel.InvokePromptAsync({|CS0103:prompt|});
                await _other.InvokePromptAsync(question);
                return result.ToString();
            }
        }
        """);
}
