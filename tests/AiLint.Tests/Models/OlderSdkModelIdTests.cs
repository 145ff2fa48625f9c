using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0505 in the shapes 2023-2024 apps wrote against the community SDKs, compiled against the real
/// assemblies (Verifiers/OlderSdkReferences): Betalgo.Ranul.OpenAI 9.2.6 (<c>Models.Gpt_4</c>, request <c>Model</c>,
/// <c>CreateCompletion(request, modelId)</c>, <c>OpenAIOptions.DefaultModelId</c>) and OpenAI_API 1.11
/// (<c>Model.ChatGPTTurbo</c>, <c>ChatRequest.Model</c>, <c>Conversation.Model</c>, endpoint <c>model</c> arguments).
/// Azure OpenAI 1.0 beta deployment names and Azure AI Inference models are not checked.
/// </summary>
public class OlderSdkModelIdTests
{
    private const string BetalgoUsings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.Managers;
        using Betalgo.Ranul.OpenAI.ObjectModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;
        using Microsoft.Extensions.Configuration;

        """;

    private const string OpenAIApiUsings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using OpenAI_API;
        using OpenAI_API.Chat;
        using OpenAI_API.Completions;
        using OpenAI_API.Models;

        """;

    private static Task VerifyAsync(ImmutableArray<MetadataReference> references, string code, params DiagnosticResult[] expected) =>
        VerifyAsync(references, code, Array.Empty<(string, string)>(), expected);

    private static Task VerifyAsync(ImmutableArray<MetadataReference> references, string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { References = references, TestCode = code };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---- Betalgo.Ranul.OpenAI ----

    [Fact]
    public Task Betalgo_request_models_arguments_and_default_model_are_checked() =>
        VerifyAsync(OlderSdkReferences.Betalgo, BetalgoUsings + """
            class Assistant(IOpenAIService openAi)
            {
                public Task<ChatCompletionCreateResponse> Chat(string question) =>
                    openAi.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
                    {
                        Messages = new List<ChatMessage> { ChatMessage.FromUser(question) },
                        Model = {|AIL0503:Models.Gpt_3_5_Turbo_0613|},
                        MaxTokens = 200,
                    });

                public Task<ChatCompletionCreateResponse> Vision(ChatCompletionCreateRequest request) =>
                    openAi.ChatCompletion.CreateCompletion(request, {|AIL0503:Models.Gpt_4_vision_preview|});

                public Task<ChatCompletionCreateResponse> Literal(ChatCompletionCreateRequest request) =>
                    openAi.ChatCompletion.CreateCompletion(request, modelId: {|AIL0503:"gpt-4-32k"|});

                public Task<CompletionCreateResponse> Legacy(string prompt) =>
                    openAi.Completions.CreateCompletion(new CompletionCreateRequest { Prompt = prompt, Model = {|AIL0503:Models.TextDavinciV3|} });

                public ChatCompletionCreateRequest Floating() => new ChatCompletionCreateRequest { Model = {|AIL0501:Models.Gpt_4o|} };

                public ChatCompletionCreateRequest Preview() => new ChatCompletionCreateRequest { Model = {|AIL0503:Models.Gpt_4_1106_preview|} };

                public static OpenAIService Create(string key) =>
                    new OpenAIService(new OpenAIOptions { ApiKey = key, DefaultModelId = {|AIL0503:Models.Gpt_4|} });

                public void Later() => openAi.SetDefaultModelId({|AIL0503:Models.Gpt_4_0314|});
            }
            """);

    // Betalgo 9.2.6's dated chat entries all have a shutdown date now (gpt-4o-2024-08-06 and gpt-4.1-2025-04-14 on
    // 2027-01-14): they are reported for it, never as floating; a current snapshot written as a string is quiet.
    [Fact]
    public Task Betalgo_pinned_configured_and_response_models_are_not_called_floating() =>
        VerifyAsync(OlderSdkReferences.Betalgo, BetalgoUsings + """
            class Assistant(IOpenAIService openAi, IConfiguration configuration)
            {
                public Task<ChatCompletionCreateResponse> Pinned(string question) =>
                    openAi.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
                    {
                        Messages = new List<ChatMessage> { ChatMessage.FromUser(question) },
                        Model = {|AIL0502:Models.Gpt_4o_2024_08_06|},
                        Temperature = 0.2f,
                    });

                public ChatCompletionCreateRequest Newer() => new ChatCompletionCreateRequest { Model = {|AIL0502:Models.Gpt_4_1_2025_04_14|} };

                public ChatCompletionCreateRequest Current() => new ChatCompletionCreateRequest { Model = "gpt-5.4-2026-03-05" };

                public ChatCompletionCreateRequest Configured() => new ChatCompletionCreateRequest { Model = configuration["OpenAI:Model"] };

                public Task<ChatCompletionCreateResponse> ConfiguredArgument(ChatCompletionCreateRequest request) =>
                    openAi.ChatCompletion.CreateCompletion(request, configuration["OpenAI:Model"]);

                // A response (a test double's answer) says which model answered; it chooses nothing.
                public ChatCompletionCreateResponse Answer() => new ChatCompletionCreateResponse { Model = "gpt-4-0613" };

                // The same name of a project type is not the SDK's slot.
                public Settings Local() => new Settings { Model = "gpt-4-0613" };
            }

            class Settings { public string? Model { get; set; } }
            """);

    [Fact]
    public Task Betalgo_sampling_parameters_a_reasoning_model_rejects_are_AIL0504() =>
        // Betalgo's catalog constants are the SDK's own values: o3-mini-2025-01-31 was shut down on 2026-10-23,
        // o3-2025-04-16 shuts down on 2026-12-11 and gpt-4o-mini-2024-07-18 on 2027-01-14, so each is also reported for
        // that.
        VerifyAsync(OlderSdkReferences.Betalgo, BetalgoUsings + """
            class Solver
            {
                public ChatCompletionCreateRequest Mini() => new ChatCompletionCreateRequest { Model = {|AIL0503:Models.O3_mini_2025_01_31|}, {|AIL0504:Temperature = 0.7f|} };

                public ChatCompletionCreateRequest Dated() => new ChatCompletionCreateRequest { Model = {|AIL0502:Models.O3_2025_04_16|}, {|AIL0504:TopP = 0.9f|} };

                public ChatCompletionCreateRequest DatedMini()
                {
                    var request = new ChatCompletionCreateRequest { Model = "gpt-6-astra" };
                    {|AIL0504:request.Temperature = 0.2f|};
                    return request;
                }

                // The default value, and a model that accepts sampling parameters.
                public ChatCompletionCreateRequest Default() => new ChatCompletionCreateRequest { Model = {|AIL0503:Models.O3_mini_2025_01_31|}, Temperature = 1f };

                public ChatCompletionCreateRequest Chat() => new ChatCompletionCreateRequest { Model = {|AIL0502:Models.Gpt_4o_mini_2024_07_18|}, Temperature = 0.7f };
            }
            """);

    [Fact]
    public Task Betalgo_pointed_at_Azure_or_another_server_is_not_checked() =>
        VerifyAsync(OlderSdkReferences.Betalgo, BetalgoUsings + """
            class Setup
            {
                public static OpenAIService Azure(string key) => new OpenAIService(new OpenAIOptions
                {
                    ProviderType = ProviderType.Azure,
                    ApiKey = key,
                    ResourceName = "contoso",
                    DeploymentId = "gpt-4",
                });

                public ChatCompletionCreateRequest Request() => new ChatCompletionCreateRequest { Model = Models.Gpt_4 };
            }
            """);

    [Fact]
    public Task Betalgo_base_domain_in_the_bound_settings_section_turns_the_checks_off() =>
        VerifyAsync(
            OlderSdkReferences.Betalgo,
            BetalgoUsings + """
                class Assistant
                {
                    public ChatCompletionCreateRequest Request() => new ChatCompletionCreateRequest { Model = Models.Gpt_3_5_Turbo };
                }
                """,
            new[] { ("appsettings.json", """{ "OpenAIServiceOptions": { "ApiKey": "x", "BaseDomain": "http://localhost:11434/" } }""") });

    [Fact]
    public Task A_Betalgo_only_app_has_its_settings_files_checked() =>
        VerifyAsync(
            OlderSdkReferences.Betalgo,
            BetalgoUsings + """
                class Assistant(IOpenAIService openAi)
                {
                    public Task<ChatCompletionCreateResponse> Ask(ChatCompletionCreateRequest request) => openAi.ChatCompletion.CreateCompletion(request);
                }
                """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "OpenAIServiceOptions": {
                        "DefaultModelId": "gpt-3.5-turbo-0613"
                      }
                    }
                    """),
            },
            new DiagnosticResult("AIL0503", DiagnosticSeverity.Error).WithSpan("/0/appsettings.json", 3, 23, 3, 43).WithArguments("gpt-3.5-turbo-0613", "2024-09-13", ""));

    [Fact]
    public Task Betalgo_settings_for_Azure_or_another_server_name_no_OpenAI_models() =>
        VerifyAsync(
            OlderSdkReferences.Betalgo,
            BetalgoUsings + """
                class Assistant(IOpenAIService openAi)
                {
                    public Task<ChatCompletionCreateResponse> Ask(ChatCompletionCreateRequest request) => openAi.ChatCompletion.CreateCompletion(request);
                }
                """,
            new[]
            {
                ("appsettings.json", """
                    {
                      "OpenAIServiceOptions": { "ProviderType": "Azure", "ResourceName": "contoso", "DefaultModelId": "gpt-4" },
                      "Local": { "BaseDomain": "http://localhost:11434/", "DefaultModelId": "gpt-3.5-turbo" }
                    }
                    """),
            });

    [Fact]
    public Task Betalgo_in_a_test_project_is_checked_like_any_concrete_SDK_slot()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = OlderSdkReferences.Betalgo.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)),
            TestCode = BetalgoUsings + """
                using Xunit;
                public class ChatTests
                {
                    [Fact]
                    public async Task Answers()
                    {
                        var service = new OpenAIService(new OpenAIOptions { ApiKey = "k" });
                        await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = {|AIL0503:Models.Gpt_3_5_Turbo_16k_0613|} });
                        await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = {|AIL0502:Models.Gpt_4o_mini_2024_07_18|} });
                        await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-5.4-2026-03-05" });
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    // ---- OpenAI_API (OkGoDoIt) ----

    [Fact]
    public Task OpenAIApi_catalog_properties_strings_and_endpoint_arguments_are_checked() =>
        VerifyAsync(OlderSdkReferences.OpenAIApi, OpenAIApiUsings + """
            class Assistant(OpenAIAPI api)
            {
                public Task<ChatResult> Ask(string question) =>
                    api.Chat.CreateChatCompletionAsync(new ChatRequest
                    {
                        Model = {|AIL0503:Model.ChatGPTTurbo|},
                        Messages = new[] { new ChatMessage(ChatMessageRole.User, question) },
                    });

                public async Task<string> Converse(string question)
                {
                    var chat = api.Chat.CreateConversation();
                    chat.Model = {|AIL0503:Model.GPT4|};
                    chat.AppendUserInput(question);
                    return await chat.GetResponseFromChatbotAsync();
                }

                public void Defaults() => api.Chat.DefaultChatRequestArgs.Model = {|AIL0503:"gpt-4-0613"|};

                public Task<CompletionResult> Complete(string prompt) =>
                    api.Completions.CreateCompletionAsync(new CompletionRequest(prompt, model: {|AIL0503:Model.DavinciText|}, max_tokens: 100));

                public Task<CompletionResult> Curie(string prompt) => api.Completions.CreateCompletionAsync(prompt, {|AIL0503:Model.CurieText|});

                public Task<ChatResult> Messages(IList<ChatMessage> messages) =>
                    api.Chat.CreateChatCompletionAsync(messages, model: {|AIL0503:"gpt-4-1106-preview"|});

                public Conversation Vision() => new Conversation(api.Chat as ChatEndpoint, {|AIL0503:new Model("gpt-4-vision-preview")|});

                public ChatRequest Turbo() => new ChatRequest { Model = {|AIL0503:Model.GPT4_Turbo|} };
            }
            """);

    [Fact]
    public Task OpenAIApi_shapes_public_apps_write_are_checked() =>
        VerifyAsync(OlderSdkReferences.OpenAIApi, OpenAIApiUsings + """
            class Agent
            {
                private readonly Conversation _chat;
                private readonly CompletionRequest completionRequest = new CompletionRequest();

                public Agent(OpenAIAPI api)
                {
                    _chat = api.Chat.CreateConversation();
                    _chat.RequestParameters.TopP = 0.2;
                    _chat.RequestParameters.Model = {|AIL0503:Model.ChatGPTTurbo|};
                }

                public Conversation Recipes(OpenAIAPI api) =>
                    api.Chat.CreateConversation(new ChatRequest { Model = {|AIL0503:Model.GPT4_32k_Context|}, MaxTokens = 1000 });

                public Task<CompletionResult> Legacy(OpenAIAPI api, string prompt)
                {
                    completionRequest.Prompt = prompt;
                    completionRequest.Model = {|AIL0503:OpenAI_API.Models.Model.DavinciText|};
                    return api.Completions.CreateCompletionAsync(completionRequest);
                }
            }
            """);

    [Fact]
    public Task OpenAIApi_pinned_configured_and_settable_defaults_are_not_reported() =>
        VerifyAsync(OlderSdkReferences.OpenAIApi, OpenAIApiUsings + """
            class Assistant(OpenAIAPI api, IConfiguration configuration)
            {
                public ChatRequest Pinned() => new ChatRequest { Model = "gpt-5.2-2025-12-11", Temperature = 0.2 };

                public void Configured(Conversation chat) => chat.Model = configuration["OpenAI:Model"];

                // Model.DefaultChatModel can be set by the app: not a fixed id.
                public ChatRequest Default() => new ChatRequest { Model = Model.DefaultChatModel };

                public Task<ChatResult> Configured(IList<ChatMessage> messages) =>
                    api.Chat.CreateChatCompletionAsync(messages, model: new Model(configuration["OpenAI:Model"]));

                // Embeddings are not chat or completion slots.
                public async Task Embed(string text) => await api.Embeddings.GetEmbeddingsAsync(text, Model.AdaTextEmbedding);
            }
            """);

    [Fact]
    public Task OpenAIApi_sampling_parameters_a_reasoning_model_rejects_are_AIL0504() =>
        VerifyAsync(OlderSdkReferences.OpenAIApi, OpenAIApiUsings + """
            class Solver
            {
                public ChatRequest Reasoning() => new ChatRequest { Model = "gpt-6-astra", {|AIL0504:Temperature = 0.3|} };

                public ChatRequest Chat() => new ChatRequest { Model = "gpt-5.2-2025-12-11", Temperature = 0.3 };
            }
            """);

    [Fact]
    public Task OpenAIApi_for_Azure_is_not_checked() =>
        VerifyAsync(OlderSdkReferences.OpenAIApi, OpenAIApiUsings + """
            class Setup
            {
                public static OpenAIAPI Create(string key) => OpenAIAPI.ForAzure("contoso", "chat", key);

                public ChatRequest Request() => new ChatRequest { Model = Model.ChatGPTTurbo };
            }
            """);

    [Fact]
    public Task OpenAIApi_pointed_at_another_server_is_not_checked() =>
        VerifyAsync(OlderSdkReferences.OpenAIApi, OpenAIApiUsings + """
            class Setup
            {
                public static OpenAIAPI Create(string key) => new OpenAIAPI(key) { ApiUrlFormat = "http://localhost:1234/{0}/{1}" };

                public ChatRequest Request() => new ChatRequest { Model = "gpt-4" };
            }
            """);

    // ---- Azure SDKs: deployment names and Azure-hosted models stay unreported ----

    [Fact]
    public Task Azure_OpenAI_beta_deployment_names_are_not_model_ids() =>
        VerifyAsync(OlderSdkReferences.AzureOpenAIBeta, """
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            class Assistant(OpenAIClient client)
            {
                public Task<Azure.Response<ChatCompletions>> Ask(string question)
                {
                    var options = new ChatCompletionsOptions { Messages = { new ChatMessage(ChatRole.User, question) }, Temperature = 0.2f };
                    return client.GetChatCompletionsAsync("gpt-4", options);
                }

                public Task<Azure.Response<Completions>> Legacy(string prompt) => client.GetCompletionsAsync("text-davinci-003", prompt);
            }
            """);

    [Fact]
    public Task Azure_AI_Inference_models_are_not_checked() =>
        VerifyAsync(OlderSdkReferences.AzureAIInference, """
            using Azure.AI.Inference;
            class Assistant(ChatCompletionsClient client)
            {
                public Azure.Response<ChatCompletions> Ask(string question) =>
                    client.Complete(new ChatCompletionsOptions { Model = "gpt-4", Messages = { new ChatRequestUserMessage(question) } });
            }
            """);

    [Fact]
    public Task Half_typed_community_SDK_code_does_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = OlderSdkReferences.Betalgo.AddRange(OlderSdkReferences.OpenAIApi.Except(OlderSdkReferences.Betalgo)),
            TestCode = """
                using Betalgo.Ranul.OpenAI.Interfaces;
                using Betalgo.Ranul.OpenAI.ObjectModels;
                using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
                using OpenAI_API;
                using OpenAI_API.Chat;
                class C
                {
                    void M(IOpenAIService openAi, OpenAIAPI api)
                    {
                        var a = new ChatCompletionCreateRequest { Model = Models., Temperature = };
                        var b = new ChatCompletionCreateRequest { Model = Models.NoSuchModel };
                        openAi.ChatCompletion.CreateCompletion(a, );
                        openAi.ChatCompletion.CreateCompletion(, "gpt-5.2-2025-12-11");
                        var chat = api.Chat.CreateConversation();
                        chat.Model = ;
                        chat.Model = OpenAI_API.Models.Model.NoSuch;
                        chat.Model = new OpenAI_API.Models.Model();
                        chat.Model = new OpenAI_API.Models.Model(;
                        var r = new ChatRequest { Model = OpenAI_API.Models.Model., Temperature = 0.3 };
                    }
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
