using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Semantic Kernel settings name a model for the kernel they are sent to. When the code shows that kernel (built in
/// the same member from <c>Kernel.CreateBuilder()</c>), its chat services decide: OpenAI's own server makes the id an
/// OpenAI model id even when another kernel of the project talks to GitHub Models; a kernel on another server exempts
/// it even when the rest of the project talks to OpenAI. Settings whose kernel is not shown keep the project-wide
/// answer (a project that points any OpenAI connector elsewhere does not check them).
/// </summary>
public class SettingsKernelLinkTests
{
    // The unrelated sample in the same project: a private kernel on GitHub Models (an OpenAI-compatible endpoint).
    private const string GitHubModelsSample = """

        public static class GitHubModels
        {
            public static async Task RunAsync(string token)
            {
                Kernel kernel = Kernel.CreateBuilder()
                    .AddOpenAIChatCompletion(modelId: "gpt-5.5-2026-04-23", endpoint: new Uri("https://models.inference.ai.azure.com"), apiKey: token)
                    .Build();
                Console.WriteLine(await kernel.InvokePromptAsync("What is a vector database?"));
            }
        }
        """;

    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        """;

    [Fact]
    public Task Settings_sent_to_a_fluent_OpenAI_kernel_are_checked_despite_another_kernel_on_GitHub_Models() =>
        VerifyAsync(Usings + """
            public static class Reasoning
            {
                public static async Task RunAsync(string key)
                {
                    Kernel kernel = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion(modelId: "gpt-5.5-2026-04-23", apiKey: key, serviceId: "chat")
                        .AddOpenAIChatCompletion(modelId: "gpt-6-astra", apiKey: key, serviceId: "reasoner")
                        .Build();
                    var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra", {|AIL0504:Temperature = 0.7|} };
                    var aliasSettings = new OpenAIPromptExecutionSettings { ModelId = {|AIL0501:"gpt-4o"|} };
                    Console.WriteLine(await kernel.InvokePromptAsync("Hi", new(aliasSettings)));
                    Console.WriteLine(await kernel.InvokePromptAsync("Prove that there are infinitely many primes.", new(settings)));
                }
            }
            """ + GitHubModelsSample);

    // The builder-local form, settings written after creation and carried in a KernelArguments local.
    [Fact]
    public Task Settings_sent_to_a_builder_local_OpenAI_kernel_are_checked_despite_another_kernel_on_GitHub_Models() =>
        VerifyAsync(Usings + """
            public static class Reasoning
            {
                public static async Task<string> RunAsync(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", key);
                    builder.Plugins.AddFromType<Clock>();
                    var kernel = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings();
                    settings.ModelId = "gpt-6-astra";
                    {|AIL0504:settings.Temperature = 0.2|};
                    var arguments = new KernelArguments(settings);
                    var result = await kernel.InvokePromptAsync("Plan the week.", arguments);
                    return result.ToString();
                }
            }
            public sealed class Clock
            {
                [KernelFunction] public string Now() => DateTime.UtcNow.ToString("O");
            }
            """ + GitHubModelsSample);

    // The other direction: the settings go to the GitHub Models kernel built next to them, while the rest of the project
    // talks to OpenAI. "gpt-4o" is GitHub Models' catalog name there.
    [Fact]
    public Task Settings_sent_to_a_kernel_on_another_server_are_not_checked() =>
        VerifyAsync(Usings + """
            public static class Catalog
            {
                public static async Task RunAsync(string token)
                {
                    Kernel kernel = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion(modelId: "gpt-4o", endpoint: new Uri("https://models.inference.ai.azure.com"), apiKey: token)
                        .Build();
                    var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-4o", Temperature = 0.7 };
                    Console.WriteLine(await kernel.InvokePromptAsync("What is a vector database?", new(settings)));
                }
            }
            public static class Cloud
            {
                public static async Task RunAsync(string key)
                {
                    Kernel kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-5.5-2026-04-23", key).Build();
                    Console.WriteLine(await kernel.InvokePromptAsync("Hi"));
                }
            }
            """);

    // The settings' kernel is not shown (a parameter; a kernel built by a helper; a builder whose Services the code
    // touches): the project-wide answer stands, and a project with a GitHub Models kernel does not check them.
    [Fact]
    public Task Settings_whose_kernel_is_not_shown_keep_the_project_wide_exemption() =>
        VerifyAsync(Usings + """
            using Microsoft.Extensions.DependencyInjection;
            public static class Requests
            {
                public static Task<FunctionResult> FromParameter(Kernel kernel) =>
                    kernel.InvokePromptAsync("x", new(new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra", Temperature = 0.7 }));

                public static Task<FunctionResult> FromHelper(string key)
                {
                    Kernel kernel = Make(key);
                    var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-4o" };
                    return kernel.InvokePromptAsync("x", new(settings));
                }

                public static Task<FunctionResult> FromServices(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", key);
                    builder.Services.AddLogging();
                    var kernel = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra", Temperature = 0.7 };
                    return kernel.InvokePromptAsync("x", new(settings));
                }

                private static Kernel Make(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-5.2-2025-12-11", key).Build();
            }
            """ + GitHubModelsSample);

    // Without any kernel on another server, settings are checked wherever their kernel comes from (unchanged).
    [Fact]
    public Task Settings_whose_kernel_is_not_shown_are_checked_in_a_project_that_only_talks_to_OpenAI() =>
        VerifyAsync(Usings + """
            public static class Requests
            {
                public static Task<FunctionResult> FromParameter(Kernel kernel) =>
                    kernel.InvokePromptAsync("x", new(new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra", {|AIL0504:Temperature = 0.7|} }));
            }
            """);

    [Fact]
    public Task Half_typed_settings_and_kernels_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = Usings + """
                public static class Reasoning
                {
                    public static async Task RunAsync(string key)
                    {
                        var builder = Kernel.CreateBuilder();
                        builder.AddOpenAIChatCompletion(;
                        builder.;
                        Kernel kernel = builder.Build(
                        Kernel other = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", ).Build();
                        var settings = new OpenAIPromptExecutionSettings { ModelId = , Temperature = 0.7 };
                        settings.ModelId = ;
                        var arguments = new KernelArguments(settings, );
                        await kernel.InvokePromptAsync(, arguments);
                        await other.InvokePromptAsync("x", new(settings);
                        await undefinedKernel.InvokePromptAsync("x", new(settings));
                    }
                }
                """ + GitHubModelsSample,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
