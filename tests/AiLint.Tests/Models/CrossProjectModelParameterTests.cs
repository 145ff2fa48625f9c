using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Summaries;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A clean-architecture solution: the Infrastructure project's <c>OpenAiChatService</c> hands its <c>model</c>
/// parameters to the OpenAI SDK, and the host project passes (or omits) the id. The library's summary records those
/// parameters (<c>AiLint.ModelParameter</c>), and the host's Models analyzer checks what it passes there as if the
/// helper were its own.
/// </summary>
public class CrossProjectModelParameterTests
{
    /// <summary>The Infrastructure project: shapes from public clean-architecture apps, reduced.</summary>
    internal const string Library = """
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Chat;

        namespace Infra
        {
            public interface IChatService
            {
                Task<string> AskAsync(string prompt, string model = "gpt-3.5-turbo");
            }

            public sealed class OpenAiChatService : IChatService
            {
                private readonly ChatClient _chat;
                private readonly OpenAIClient _client;

                public OpenAiChatService(string apiKey, string model = "gpt-4o")
                {
                    _chat = new ChatClient(model, apiKey);
                    _client = new OpenAIClient(apiKey);
                }

                public async Task<string> AskAsync(string prompt, string model = "gpt-3.5-turbo")
                {
                    ChatCompletion completion = await _client.GetChatClient(model).CompleteChatAsync(prompt);
                    return completion.Content[0].Text;
                }
            }

            // The constructor stores the id; another member hands the field to the SDK.
            public sealed class StoredModelService
            {
                private readonly OpenAIClient _client;
                private readonly string _model;

                public StoredModelService(OpenAIClient client, string model)
                {
                    _client = client;
                    _model = model;
                }

                public ChatClient Chat() => _client.GetChatClient(_model);
            }

            // An Azure deployment name, not a model id.
            public sealed class AzureChatService
            {
                public AzureChatService(AzureOpenAIClient client, string deployment) => Chat = client.GetChatClient(deployment);

                public ChatClient Chat { get; }
            }

            // Only logged.
            public sealed class ModelLog
            {
                public void Write(string model) => System.Console.WriteLine("model: " + model);
            }

            // An Ollama model tag: OllamaSharp's slot is not one the model table governs.
            public sealed class LocalModels
            {
                public IChatClient Create(string model) => new OllamaSharp.OllamaApiClient(new System.Uri("http://localhost:11434"), model);
            }

            // A primary constructor's parameter read by a member.
            public sealed class PrimaryChatService(OpenAIClient client, string model)
            {
                public ChatClient Chat() => client.GetChatClient(model);
            }

            // A generic type: the record names it with its arity (TypedChat`1).
            public sealed class TypedChat<TReply>(OpenAIClient client, string model)
            {
                public ChatClient Chat() => client.GetChatClient(model);
            }

            // A provider-neutral request: in a test project, a fixture for a fake client.
            public static class RequestOptions
            {
                public static ChatOptions For(string model) => new ChatOptions { ModelId = model };
            }

            // Anthropic's adapter: only Claude ids are that provider's models.
            public sealed class ClaudeFactory
            {
                public IChatClient Create(Anthropic.AnthropicClient client, string model) => client.AsIChatClient(model);
            }
        }
        """;

    private const string Usings = """
        using System.Threading.Tasks;
        using Infra;
        using Microsoft.Extensions.Configuration;

        """;

    // The brief's three shapes: an explicit id to the constructor, the constructor's default left to the call, an id
    // named at a call through the interface (and its default left there).
    [Fact]
    public Task Ids_passed_or_left_to_the_library_defaults_are_reported_in_the_host() =>
        VerifyHostAsync(Usings + """
            class Startup
            {
                static async Task Run(IConfiguration cfg, IChatService chat)
                {
                    var pinned = new OpenAiChatService(cfg["OpenAI:Key"]!, {|AIL0503:"gpt-4-0613"|});
                    var omitted = new OpenAiChatService{|AIL0501:(cfg["OpenAI:Key"]!)|};
                    await chat.AskAsync("hi", model: {|AIL0503:"gpt-3.5-turbo"|});
                    await chat.AskAsync{|AIL0503:("hi")|};
                }
            }
            """);

    // Through the field the constructor stores it in; and a settings default of the host read into the parameter.
    [Fact]
    public Task A_stored_parameter_and_a_settings_default_are_reported() =>
        VerifyHostAsync(Usings + """
            public class AiSettings
            {
                public string Model { get; set; } = "gpt-4o";
            }

            class Startup
            {
                static async Task Run(OpenAI.OpenAIClient client, AiSettings settings, IChatService chat)
                {
                    var stored = new StoredModelService(client, {|AIL0501:"gpt-4o"|});
                    var primary = new PrimaryChatService(client, {|AIL0503:"gpt-4-0613"|});
                    var typed = new TypedChat<string>(client, {|AIL0503:"gpt-4-0613"|});
                    var options = RequestOptions.For({|AIL0501:"gpt-4o"|});
                    await chat.AskAsync("hi", {|AIL0501:settings.Model|});
                }
            }
            """);

    // The correct code beside it: a pinned current id, a configuration value, the same settings default when the
    // settings file sets the key; an Azure deployment, a logged name, an Ollama tag, an OpenAI id at Anthropic's adapter.
    [Fact]
    public Task Pinned_configured_azure_logged_ollama_and_other_provider_values_stay_quiet() =>
        VerifyHostAsync(Usings + """
            public class AiSettings
            {
                public string Model { get; set; } = "gpt-4o";
            }

            class Startup
            {
                static async Task Run(IConfiguration cfg, IChatService chat, AiSettings settings, Azure.AI.OpenAI.AzureOpenAIClient azure, Anthropic.AnthropicClient claude)
                {
                    var key = cfg["OpenAI:Key"]!;
                    new OpenAiChatService(key, "gpt-5.5-2026-04-23");
                    new OpenAiChatService(key, cfg["OpenAI:Model"]!);
                    await chat.AskAsync("hi", cfg["OpenAI:ChatModel"]!);
                    await chat.AskAsync("hi", settings.Model);
                    new AzureChatService(azure, "gpt-4o");
                    new StoredModelService(azure, "gpt-4o");
                    new ModelLog().Write("gpt-4-0613");
                    new LocalModels().Create("gpt-4o");
                    new ClaudeFactory().Create(claude, "gpt-3.5-turbo");
                }
            }
            """,
            settings: """{ "AI": { "Model": "gpt-5.5-2026-04-23" } }""");

    // The host implements the library's interface itself (a fake, another provider): a call through the interface may
    // run that implementation, so it is not read; a call of the library's class is.
    [Fact]
    public Task A_call_through_an_interface_the_host_implements_too_is_quiet() =>
        VerifyHostAsync(Usings + """
            sealed class EchoChat : IChatService
            {
                public Task<string> AskAsync(string prompt, string model = "echo") => Task.FromResult(prompt);
            }

            class Startup
            {
                static async Task Run(IChatService chat, OpenAiChatService service)
                {
                    await chat.AskAsync("hi", "gpt-3.5-turbo");
                    await chat.AskAsync("hi");
                    await service.AskAsync("hi", {|AIL0503:"gpt-3.5-turbo"|});
                }
            }
            """);

    // Anthropic's own ids at its adapter are that provider's models: checked.
    [Fact]
    public Task A_Claude_id_at_the_library_Anthropic_adapter_is_reported() =>
        VerifyHostAsync(Usings + """
            class Startup
            {
                static object Run(Anthropic.AnthropicClient claude) => new ClaudeFactory().Create(claude, {|AIL0503:"claude-3-haiku-20240307"|});
            }
            """);

    // A registration file that spells nothing else of an SDK: the DI lambda of the brief.
    [Fact]
    public Task A_registration_that_omits_the_constructor_default_is_reported() =>
        VerifyHostAsync("""
            using Infra;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            static class Registrations
            {
                public static void Add(IServiceCollection services, IConfiguration cfg) =>
                    services.AddSingleton<IChatService>(_ => new OpenAiChatService{|AIL0501:(cfg["OpenAI:Key"]!)|});
            }
            """);

    // In a unit-test project a provider-neutral request is a fixture (as in-project); an OpenAI client's id is not.
    [Fact]
    public async Task A_test_project_passing_an_id_to_a_neutral_request_is_quiet()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                using Xunit;

                public class ChatTests
                {
                    [Fact]
                    public void Builds(OpenAI.OpenAIClient client)
                    {
                        var options = RequestOptions.For("gpt-4o");
                        var primary = new PrimaryChatService(client, {|AIL0503:"gpt-4-0613"|});
                    }
                }
                """,
            References = ReferenceAssemblies.Default
                .Add(EmitLibrary(withSummary: true))
                .Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)),
        };
        await test.RunAsync();
    }

    // A file whose only link to LLM code is the library's type: the recorded names seed the relevance gate.
    [Fact]
    public Task A_file_that_only_constructs_the_library_service_is_read() =>
        VerifyHostAsync("""
            using Infra;
            static class Composition
            {
                public static OpenAiChatService Create(string key) => new OpenAiChatService(key, {|AIL0503:"gpt-4-0613"|});

                // A type without an LLM wrapper of its own (its Chat() returns the SDK client, not an answer).
                public static object Options() => RequestOptions.For({|AIL0501:"gpt-4o"|});
            }
            """);

    [Fact]
    public Task Without_the_summary_nothing_is_known() =>
        VerifyHostAsync(Usings + """
            class Startup
            {
                static async Task Run(IConfiguration cfg, IChatService chat)
                {
                    var pinned = new OpenAiChatService(cfg["OpenAI:Key"]!, "gpt-4-0613");
                    await chat.AskAsync("hi", model: "gpt-3.5-turbo");
                }
            }
            """,
            withSummary: false);

    // Half-typed host code: an unknown type, a missing argument, an unresolved constant. No crash, no report on them.
    [Fact]
    public Task Half_typed_host_code_is_not_reported() =>
        VerifyHostAsync(Usings + """
            class Startup
            {
                static async Task Run(IChatService chat)
                {
                    new OpenAiChatService(Missing.Key, Missing.Model);
                    await chat.AskAsync(prompt: , model: Unknown);
                    new NotAType("gpt-4-0613");
                    new OpenAiChatService(
                }
            }
            """,
            compilerErrors: true);

    private static async Task VerifyHostAsync(string host, string? settings = null, bool withSummary = true, bool compilerErrors = false)
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = host,
            References = ReferenceAssemblies.Default.Add(EmitLibrary(withSummary)),
        };
        if (settings != null)
        {
            test.AdditionalFiles.Add(("appsettings.json", settings));
        }

        if (compilerErrors)
        {
            test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        }

        await test.RunAsync();
    }

    internal static CSharpCompilation CreateLibrary(string source = Library) => ProjectSummaryTests.CreateLibrary(source);

    private static MetadataReference EmitLibrary(bool withSummary)
    {
        Compilation library = CreateLibrary();
        if (withSummary)
        {
            CSharpGeneratorDriver.Create(new ProjectSummaryGenerator()).RunGeneratorsAndUpdateCompilation(library, out library, out _);
        }

        return ProjectSummaryTests.Emit((CSharpCompilation)library);
    }
}
