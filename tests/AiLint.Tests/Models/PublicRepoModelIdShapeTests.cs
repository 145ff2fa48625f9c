using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on model-id shapes read in public .NET repositories (paraphrased, names changed; the repository is
/// named in each test's comment). Each positive sits next to the correct code the same apps write.
/// </summary>
public class PublicRepoModelIdShapeTests
{
    // dotnet/docs (docs/azure/sdk/snippets/protocol-convenience-methods): an OpenAIClient hands out a chat client for
    // the undated "gpt-4", shut down with its 0613 snapshot on 2026-10-23.
    [Fact]
    public Task Undated_gpt_4_from_an_OpenAIClient() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            class Snippet
            {
                ChatCompletion Ask(string key)
                {
                    OpenAIClient client = new(key);
                    ChatClient chat = client.GetChatClient({|#0:"gpt-4"|});
                    return chat.CompleteChat("What is Azure?");
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // pwhsueh/SemanticKernelDemo: AddOpenAIChatCompletion with a named modelId argument after the key.
    [Fact]
    public Task Semantic_Kernel_named_modelId_argument() =>
        VerifyAsync("""
            using Microsoft.SemanticKernel;
            class Startup
            {
                Kernel Build(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion(apiKey: key, modelId: {|AIL0501:"gpt-4o"|});
                    return builder.Build();
                }
            }
            """);

    // MicrosoftLearning/APL-2005-Guided-Project: AddAzureOpenAIChatCompletion(deployment, endpoint, key, "gpt-35-turbo-16k")
    // puts the model name in the serviceId position. A deployment and its modelId label are Azure's: neither is
    // checked against OpenAI's dates, even when the label is an id the table knows.
    [Fact]
    public Task Azure_registrations_pass_deployments_not_model_ids() =>
        VerifyAsync("""
            using Microsoft.SemanticKernel;
            class Startup
            {
                Kernel Build(string deployment, string endpoint, string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddAzureOpenAIChatCompletion(deployment, endpoint, key, "gpt-35-turbo-16k");
                    builder.AddAzureOpenAIChatCompletion("gpt-4", endpoint, key, modelId: "gpt-4");
                    return builder.Build();
                }
            }
            """);

    // OsamaAzer/camelCase (WebApplication1/Services/OpenAIService.cs): a service constructor builds its ChatClient with a
    // model id the table has no row for (the repository sends gpt-4o-mini, which has a row since): nothing to report.
    [Fact]
    public Task Unknown_id_in_a_service_constructor_is_not_reported() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class AssistantService
            {
                private readonly ChatClient chat;
                public AssistantService(string key) => chat = new ChatClient(model: "gpt-5.1-2025-11-13", key);
            }
            """);

    // Voxta (Services/OpenAI/OpenAISettings.cs), ChatMate (Services/OpenAI/OpenAISettings.cs) and KrishAgent
    // (Configuration/OpenAiOptions): a settings class whose Model property starts from a const of the same class.
    [Fact]
    public Task Settings_default_spelled_through_a_const_of_the_settings_class() =>
        VerifyAsync("""
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;
            public class OpenAiSettings
            {
                public const string DefaultModel = "gpt-3.5-turbo";
                public string ApiKey { get; set; } = "";
                public string Model { get; set; } = DefaultModel;
            }
            class Chat
            {
                ChatClient Create(IOptions<OpenAiSettings> options) => new ChatClient({|#0:options.Value.Model|}, options.Value.ApiKey);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // Model-name classes are common in public apps (ChatGptNet's ChatGptModels, OpenAI.ChatGPT's ChatCompletionModels:
    // `public const string Gpt35Turbo = "gpt-3.5-turbo"`); a settings class starts from one of them, or from a static
    // readonly field of such a class. A settings default that is neither (a method call, configuration) is not read.
    [Fact]
    public Task Settings_default_spelled_through_a_model_name_class() =>
        VerifyAsync("""
            using OpenAI.Chat;
            public static class ChatModels
            {
                public const string Gpt35Turbo = "gpt-3.5-turbo";
                public static readonly string Gpt4 = "gpt-4";
                public static string Pick() => "gpt-4";
            }
            public class BotSettings
            {
                public string ApiKey { get; set; } = "";
                public string Model { get; set; } = ChatModels.Gpt35Turbo;
                public string FallbackModel { get; set; } = ChatModels.Gpt4;
                public string PickedModel { get; set; } = ChatModels.Pick();
            }
            record AiSettings(string ApiKey, string Model = ChatModels.Gpt35Turbo);
            class Chat
            {
                ChatClient A(BotSettings s) => new ChatClient({|#0:s.Model|}, s.ApiKey);
                ChatClient B(BotSettings s) => new ChatClient({|#1:s.FallbackModel|}, s.ApiKey);
                ChatClient C(BotSettings s) => new ChatClient(s.PickedModel, s.ApiKey);
                ChatClient D(AiSettings s) => new ChatClient({|#2:s.Model|}, s.ApiKey);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // The same settings class bound from appsettings.json that sets OpenAI:Model: the configured value is the id.
    [Fact]
    public Task Const_settings_default_overridden_by_appsettings_is_not_reported() =>
        VerifyAsync("""
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;
            public class OpenAiSettings
            {
                public const string DefaultModel = "gpt-3.5-turbo";
                public string ApiKey { get; set; } = "";
                public string Model { get; set; } = DefaultModel;
            }
            class Chat
            {
                ChatClient Create(IOptions<OpenAiSettings> options) => new ChatClient(options.Value.Model, options.Value.ApiKey);
            }
            """,
            new[] { ("/app/appsettings.json", """{ "OpenAI": { "Model": "gpt-5.5-2026-04-23" } }""") });

    // Inventai (TextAgents/TextAgentOpenAI.cs): a static class of static readonly model names, and an agent whose
    // constructor takes the model without a default. The SDK slot reads a parameter, and the id is written at the
    // caller of a project method: not followed (a known limit, see the rule page); a static readonly id passed
    // straight to the SDK is.
    [Fact]
    public Task Static_readonly_model_names_are_read_at_the_sdk_slot_only() =>
        VerifyAsync("""
            using OpenAI.Chat;
            public static class TextModels
            {
                public static readonly string Gpt35Turbo = "gpt-3.5-turbo";
                public static readonly string Gpt4oMini = "gpt-4o-mini";
            }
            public class TextAgent
            {
                private readonly ChatClient chat;
                public TextAgent(string model, string key) => chat = new ChatClient(model, key);
            }
            class Usage
            {
                TextAgent Wrapped(string key) => new TextAgent(TextModels.Gpt35Turbo, key);
                ChatClient Direct(string key) => new ChatClient({|AIL0503:TextModels.Gpt35Turbo|}, key);
                ChatClient Floating(string key) => new ChatClient({|AIL0501:TextModels.Gpt4oMini|}, key);
            }
            """);

    // Retired ids that public apps written in 2023-2024 still send (OpenAI's deprecation history).
    [Fact]
    public Task Retired_legacy_OpenAI_ids_are_reported_with_their_shutdown_dates() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Legacy
            {
                void M(OpenAIClient client)
                {
                    client.GetChatClient({|#0:"gpt-3.5-turbo-0301"|});
                    client.GetChatClient({|#1:"gpt-4-32k"|});
                    client.GetChatClient({|#2:"gpt-4-vision-preview"|});
                    var options = new ChatOptions { ModelId = {|#3:"text-davinci-003"|} };
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0301", "2024-09-13", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4-32k", "2025-06-06", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4-vision-preview", "2024-12-06", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("text-davinci-003", "2024-01-04", ""));

    // Claude 3.x ids retired in 2026 (Anthropic's model-deprecations page). Public agents pin Haiku 3 as a constructor
    // default (an Anthropic agent class taking model = "claude-3-haiku-20240307") or in the request itself.
    [Fact]
    public Task Claude_3_ids_retired_in_2026() =>
        VerifyAsync("""
            using Anthropic;
            using Anthropic.Models.Messages;
            using Microsoft.Extensions.AI;
            class ClaudeAgent
            {
                private readonly IChatClient chat;
                public ClaudeAgent(AnthropicClient client, string model = {|#0:"claude-3-haiku-20240307"|}) => chat = client.AsIChatClient(model);

                MessageCreateParams Request(string text) => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = {|#1:"claude-3-7-sonnet-20250219"|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = text } },
                };

                ChatOptions Fast() => new ChatOptions { ModelId = {|#2:"claude-3-5-haiku-20241022"|} };
                ChatOptions Current() => new ChatOptions { ModelId = "claude-haiku-4-5-20251001" };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-3-haiku-20240307", "2026-04-20", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("claude-3-7-sonnet-20250219", "2026-02-19", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("claude-3-5-haiku-20241022", "2026-02-19", ""));

    // Preview and o1 models of 2024-2025 that public apps still name, all shut down in 2025 (OpenAI's deprecation
    // history): the undated names and their snapshots.
    [Fact]
    public Task Preview_and_o1_ids_shut_down_in_2025() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Legacy
            {
                void M(OpenAIClient client)
                {
                    client.GetChatClient({|#0:"o1-preview"|});
                    client.GetChatClient({|#1:"o1-mini-2024-09-12"|});
                    client.GetChatClient({|#2:"gpt-4.5-preview"|});
                    var options = new ChatOptions { ModelId = {|#3:"o1-mini"|} };
                    client.GetChatClient("gpt-6-astra");
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("o1-preview", "2025-07-28", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("o1-mini-2024-09-12", "2025-10-27", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4.5-preview", "2025-07-14", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("o1-mini", "2025-10-27", ""));

    // Ids that look like the retired ones but are different models are not reported.
    [Fact]
    public Task Current_neighbours_of_retired_ids_are_not_reported() =>
        VerifyAsync("""
            using OpenAI;
            class Current
            {
                void M(OpenAIClient client)
                {
                    client.GetChatClient("gpt-5.5-2026-04-23");
                    client.GetChatClient("gpt-5.4-nano-2026-03-17");
                    client.GetChatClient("gpt-5.4-mini-2026-03-17");
                }
            }
            """);
}
