using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// The field form of <see cref="SettingsKernelLinkTests"/>, the shape services take (eShop's ChatState, SK samples):
/// settings held in a private field (initialised there or assigned in the constructor) and sent to a kernel held in a
/// field that the constructor builds from <c>Kernel.CreateBuilder()</c>. A kernel on OpenAI's own server makes the id an
/// OpenAI model id even though another kernel of the project talks to GitHub Models; a kernel on another server, an
/// injected kernel, or settings other types can read keep the project-wide answer (not checked in such a project).
/// </summary>
public class SettingsKernelFieldLinkTests
{
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
    public Task Field_settings_sent_to_a_field_kernel_built_in_the_constructor_on_OpenAI_are_checked() =>
        VerifyAsync(Usings + """
            public sealed class Planner
            {
                private readonly Kernel _kernel;
                private readonly OpenAIPromptExecutionSettings _settings = new() { ModelId = "gpt-6-astra", {|AIL0504:Temperature = 0.7|} };

                public Planner(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", key);
                    _kernel = builder.Build();
                }

                public async Task<string> PlanAsync(string goal)
                {
                    var result = await _kernel.InvokePromptAsync(goal, new KernelArguments(_settings));
                    return result.ToString();
                }
            }
            """ + GitHubModelsSample);

    // Settings assigned in the constructor (then `this._settings`), a fluent kernel field, an alias id.
    [Fact]
    public Task Constructor_assigned_settings_sent_to_a_fluent_kernel_field_are_checked() =>
        VerifyAsync(Usings + """
            public sealed class Summarizer
            {
                private readonly Kernel _kernel;
                private readonly OpenAIPromptExecutionSettings _settings;

                public Summarizer(string key)
                {
                    _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-5.2-2025-12-11", key).Build();
                    _settings = new OpenAIPromptExecutionSettings { ModelId = {|AIL0501:"gpt-4o"|}, MaxTokens = 500 };
                }

                public Task<FunctionResult> SummarizeAsync(string text) =>
                    _kernel.InvokePromptAsync(text, new(this._settings));
            }
            """ + GitHubModelsSample);

    // The other direction: the field kernel is on GitHub Models while the rest of the project talks to OpenAI.
    [Fact]
    public Task Field_settings_sent_to_a_field_kernel_on_another_server_are_not_checked() =>
        VerifyAsync(Usings + """
            public sealed class Catalog
            {
                private readonly Kernel _kernel;
                private readonly OpenAIPromptExecutionSettings _settings = new() { ModelId = "gpt-4o", Temperature = 0.7 };

                public Catalog(string token)
                {
                    _kernel = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion(modelId: "gpt-4o", endpoint: new Uri("https://models.inference.ai.azure.com"), apiKey: token)
                        .Build();
                }

                public Task<FunctionResult> AskAsync(string question) => _kernel.InvokePromptAsync(question, new(_settings));
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

    // Not shown: an injected kernel; settings a public field other types may send anywhere; a builder whose Services
    // the constructor touches. The GitHub Models kernel of the project keeps them unchecked.
    [Fact]
    public Task Field_settings_whose_kernel_or_reads_are_not_shown_keep_the_project_wide_exemption() =>
        VerifyAsync(Usings + """
            using Microsoft.Extensions.DependencyInjection;
            public sealed class Injected
            {
                private readonly Kernel _kernel;
                private readonly OpenAIPromptExecutionSettings _settings = new() { ModelId = "gpt-6-astra", Temperature = 0.7 };
                public Injected(Kernel kernel) => _kernel = kernel;
                public Task<FunctionResult> AskAsync(string q) => _kernel.InvokePromptAsync(q, new(_settings));
            }
            public sealed class Shared
            {
                private readonly Kernel _kernel;
                public readonly OpenAIPromptExecutionSettings Settings = new() { ModelId = "gpt-4o", Temperature = 0.7 };
                public Shared(string key) => _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-5.2-2025-12-11", key).Build();
                public Task<FunctionResult> AskAsync(string q) => _kernel.InvokePromptAsync(q, new(Settings));
            }
            public sealed class WithServices
            {
                private readonly Kernel _kernel;
                private readonly OpenAIPromptExecutionSettings _settings = new() { ModelId = "gpt-6-astra", Temperature = 0.7 };
                public WithServices(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-6-astra", key);
                    builder.Services.AddLogging();
                    _kernel = builder.Build();
                }
                public Task<FunctionResult> AskAsync(string q) => _kernel.InvokePromptAsync(q, new(_settings));
            }
            public sealed class Returned
            {
                private readonly Kernel _kernel;
                private readonly OpenAIPromptExecutionSettings _settings = new() { ModelId = "gpt-6-astra", Temperature = 0.7 };
                public Returned(string key) => _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", key).Build();
                public Task<FunctionResult> AskAsync(string q) => _kernel.InvokePromptAsync(q, new(_settings));
                public OpenAIPromptExecutionSettings Settings => _settings;
            }
            """ + GitHubModelsSample);

    [Fact]
    public Task Half_typed_field_settings_and_kernels_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = Usings + """
                public sealed class Planner
                {
                    private readonly Kernel _kernel;
                    private readonly OpenAIPromptExecutionSettings _settings = new() { ModelId = , Temperature = 0.7 };
                    private OpenAIPromptExecutionSettings _other;
                    public Planner(string key)
                    {
                        _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-6-astra", ).Build(;
                        _other = new OpenAIPromptExecutionSettings { ModelId = "gpt-6-astra" ;
                        _other.ModelId = ;
                        Touch(ref _kernel);
                    }
                    public Task<FunctionResult> AskAsync(string q) => _kernel.InvokePromptAsync(q, new(_settings, _other);
                    private static void Touch(ref Kernel k) { }
                }
                """ + GitHubModelsSample,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
