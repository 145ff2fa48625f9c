using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// review34 FP1 (rwjdk/MicrosoftAgentFrameworkSamples, ReasoningEffort.OpenAI/Program.cs): with Azure.AI.OpenAI 2.9
/// and OpenAI 2.15, <c>GetResponsesClient()</c> takes no model and the Azure DEPLOYMENT name goes to the adapter,
/// <c>azureClient.GetResponsesClient().AsIChatClient("gpt-5-mini")</c> (the Microsoft Foundry docs' shape). The
/// sub-client is got from an <c>AzureOpenAIClient</c>, so the id is a deployment name, as it is for
/// <c>azureClient.GetChatClient("gpt-5-mini")</c>. The Azure origin follows the sub-client by symbol: through the
/// call chain, a local or field the sub-client is kept in, a get-only property, and an Azure client held as
/// <c>OpenAIClient</c>. The same shapes on OpenAI's own client, or on a client whose origin the code does not show
/// (a parameter typed <c>OpenAIClient</c>: taken as what its type says), stay checked.
/// </summary>
public class AzureSubClientDeploymentTests
{
    private const string Usings = """
        using System;
        using System.ClientModel;
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Assistants;
        using OpenAI.Responses;

        """;

    // The review's repro (Repro/AzureResponsesAsIChatClient/Program.cs): both deployments are quiet.
    [Fact]
    public Task The_responses_adapter_over_an_Azure_client_takes_a_deployment_name() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static async Task Main()
                {
                    var endpoint = Environment.GetEnvironmentVariable("AZURE_OPENAI_ENDPOINT")!;
                    var key = Environment.GetEnvironmentVariable("AZURE_OPENAI_KEY")!;
                    AzureOpenAIClient azure = new(new Uri(endpoint), new ApiKeyCredential(key));
                    IChatClient chat = azure.GetChatClient("gpt-5-mini").AsIChatClient();
                    IChatClient responses = azure.GetResponsesClient().AsIChatClient("gpt-5-mini");
                    Console.WriteLine((await chat.GetResponseAsync("Hi")).Text);
                    Console.WriteLine((await responses.GetResponseAsync("Hi")).Text);
                }
            }
            """);

    // The twin: the same two lines on OpenAI's own client send model ids, and both are checked.
    [Fact]
    public Task The_responses_adapter_over_OpenAIs_own_client_is_checked() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static async Task Main()
                {
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
                    OpenAIClient openAI = new(new ApiKeyCredential(key));
                    IChatClient chat = openAI.GetChatClient({|AIL0502:"gpt-5-mini"|}).AsIChatClient();
                    IChatClient responses = openAI.GetResponsesClient().AsIChatClient({|AIL0502:"gpt-5-mini"|});
                    Console.WriteLine((await chat.GetResponseAsync("Hi")).Text);
                    Console.WriteLine((await responses.GetResponseAsync("Hi")).Text);
                }
            }
            """);

    // Checks/AzureResponsesLocal/Program.cs: the Azure sub-client kept in a local first, and an Azure client held in a
    // variable typed OpenAIClient (the holder the page already exempts for GetChatClient). Also the fluent creation, a
    // parameter typed AzureOpenAIClient, the sub-client's own model slot and another sub-client (assistants).
    [Fact]
    public Task Sub_clients_got_from_an_Azure_client_take_deployment_names() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static IChatClient Local()
                {
                    AzureOpenAIClient azure = new(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k"));
                    var responsesClient = azure.GetResponsesClient();
                    return responsesClient.AsIChatClient("gpt-4o");
                }

                public static IChatClient HeldAsOpenAIClient()
                {
                    OpenAIClient asBase = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k"));
                    return asBase.GetResponsesClient().AsIChatClient("gpt-4o");
                }

                public static IChatClient HeldAsOpenAIClientThenLocal()
                {
                    OpenAIClient asBase = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k"));
                    ResponsesClient responses = asBase.GetResponsesClient();
                    return responses.AsIChatClient("gpt-4o");
                }

                public static IChatClient Fluent() =>
                    new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k"))
                        .GetResponsesClient()
                        .AsIChatClient(defaultModelId: "gpt-4o");

                public static IChatClient Static(AzureOpenAIClient azure) =>
                    OpenAIClientExtensions.AsIChatClient(azure.GetResponsesClient(), "gpt-4o");

                public static Task<System.ClientModel.ClientResult<ResponseResult>> Direct(AzureOpenAIClient azure) =>
                    azure.GetResponsesClient().CreateResponseAsync("gpt-4o", "Hi");

                public static Task<System.ClientModel.ClientResult<Assistant>> Assistants(AzureOpenAIClient azure) =>
                    azure.GetAssistantClient().CreateAssistantAsync("gpt-4o");
            }
            """);

    // The twin of each shape on OpenAI's own client, and on an OpenAIClient whose origin the code does not show (a
    // parameter: the page takes it as what its type says, as it does for GetChatClient).
    [Fact]
    public Task The_same_sub_clients_of_OpenAIs_own_or_an_unknown_client_are_checked() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static IChatClient Local()
                {
                    OpenAIClient openAI = new(new ApiKeyCredential("k"));
                    var responsesClient = openAI.GetResponsesClient();
                    return responsesClient.AsIChatClient({|AIL0501:"gpt-4o"|});
                }

                public static IChatClient HeldAsOpenAIClient()
                {
                    OpenAIClient plain = new OpenAIClient(new ApiKeyCredential("k"));
                    return plain.GetResponsesClient().AsIChatClient({|AIL0501:"gpt-4o"|});
                }

                public static IChatClient Fluent() =>
                    new OpenAIClient(new ApiKeyCredential("k"))
                        .GetResponsesClient()
                        .AsIChatClient(defaultModelId: {|AIL0501:"gpt-4o"|});

                public static IChatClient Parameter(OpenAIClient client) =>
                    client.GetResponsesClient().AsIChatClient({|AIL0501:"gpt-4o"|});

                public static IChatClient ParameterLocal(OpenAIClient client)
                {
                    var responses = client.GetResponsesClient();
                    return responses.AsIChatClient({|AIL0501:"gpt-4o"|});
                }

                public static Task<System.ClientModel.ClientResult<ResponseResult>> Direct(OpenAIClient client) =>
                    client.GetResponsesClient().CreateResponseAsync({|AIL0501:"gpt-4o"|}, "Hi");

                public static Task<System.ClientModel.ClientResult<Assistant>> Assistants(OpenAIClient client) =>
                    client.GetAssistantClient().CreateAssistantAsync({|AIL0501:"gpt-4o"|});
            }
            """);

    // The correct code beside the twin: a dated snapshot on OpenAI's own client is quiet.
    [Fact]
    public Task A_dated_snapshot_through_OpenAIs_responses_client_is_not_reported() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static IChatClient Create(OpenAIClient client) =>
                    client.GetResponsesClient().AsIChatClient("gpt-5.2-2025-12-11");
            }
            """);

    // The service shape: the sub-client kept in a readonly field or a get-only property of the type, set once from an
    // Azure client (in the initializer or the constructor), and read in another member.
    [Fact]
    public Task Sub_clients_kept_in_fields_and_properties_set_from_an_Azure_client_take_deployment_names() =>
        VerifyAsync(Usings + """
            public sealed class ChatService
            {
                private readonly ResponsesClient _responses;
                private readonly OpenAIClient _root = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k"));

                public ChatService(AzureOpenAIClient azure)
                {
                    _responses = azure.GetResponsesClient();
                    Assistants = azure.GetAssistantClient();
                }

                private ResponsesClient Responses { get; } =
                    new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k")).GetResponsesClient();

                private AssistantClient Assistants { get; }

                private OpenAIClient Root { get; } = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k"));

                private ResponsesClient FromRoot => _root.GetResponsesClient();

                public IChatClient Field() => _responses.AsIChatClient("gpt-4o");

                public IChatClient Property() => Responses.AsIChatClient("gpt-4o");

                public IChatClient RootField() => _root.GetResponsesClient().AsIChatClient("gpt-4o");

                public IChatClient RootProperty() => Root.GetResponsesClient().AsIChatClient("gpt-4o");

                public IChatClient RootPropertyChat() => Root.GetChatClient("gpt-4o").AsIChatClient();

                public IChatClient ComputedProperty() => FromRoot.AsIChatClient("gpt-4o");

                public Task<System.ClientModel.ClientResult<Assistant>> Assistant() => Assistants.CreateAssistantAsync("gpt-4o");
            }
            """);

    // The same holders filled from an injected AzureOpenAIClient, in a project that creates no Azure client (so the
    // page's project-wide rule for handed-out clients has nothing to say): only the sub-client's origin decides. The
    // twin is the test below (an injected OpenAIClient).
    [Fact]
    public Task Sub_clients_kept_from_an_injected_Azure_client_take_deployment_names() =>
        VerifyAsync(Usings + """
            public sealed class ChatService
            {
                private readonly ResponsesClient _responses;
                private readonly OpenAIClient _root;

                public ChatService(AzureOpenAIClient azure)
                {
                    _responses = azure.GetResponsesClient();
                    _root = azure;
                    this.Responses = azure.GetResponsesClient();
                    Assistants = azure.GetAssistantClient();
                }

                private ResponsesClient Responses { get; }

                private AssistantClient Assistants { get; }

                private ResponsesClient FromRoot
                {
                    get { return _root.GetResponsesClient(); }
                }

                public IChatClient Field() => _responses.AsIChatClient("gpt-4o");

                public IChatClient FieldLocal()
                {
                    var responses = _responses;
                    return responses.AsIChatClient("gpt-4o");
                }

                public IChatClient Property() => Responses.AsIChatClient("gpt-4o");

                public IChatClient RootField() => _root.GetResponsesClient().AsIChatClient("gpt-4o");

                public IChatClient ComputedProperty() => FromRoot.AsIChatClient("gpt-4o");

                public IChatClient Either(bool fast) => (fast ? _responses : Responses).AsIChatClient("gpt-4o");

                public Task<System.ClientModel.ClientResult<Assistant>> Assistant() => Assistants.CreateAssistantAsync("gpt-4o");
            }
            """);

    // The twin: the same holders set from OpenAI's own client, or from an injected OpenAIClient whose origin the code
    // does not show, are checked.
    [Fact]
    public Task Sub_clients_kept_in_fields_and_properties_set_from_OpenAIs_own_client_are_checked() =>
        VerifyAsync(Usings + """
            public sealed class ChatService
            {
                private readonly ResponsesClient _responses;
                private readonly OpenAIClient _root = new OpenAIClient(new ApiKeyCredential("k"));

                public ChatService(OpenAIClient injected)
                {
                    _responses = injected.GetResponsesClient();
                    Assistants = injected.GetAssistantClient();
                }

                private ResponsesClient Responses { get; } = new OpenAIClient(new ApiKeyCredential("k")).GetResponsesClient();

                private AssistantClient Assistants { get; }

                private OpenAIClient Root { get; } = new OpenAIClient(new ApiKeyCredential("k"));

                private ResponsesClient FromRoot => _root.GetResponsesClient();

                public IChatClient Field() => _responses.AsIChatClient({|AIL0501:"gpt-4o"|});

                public IChatClient Property() => Responses.AsIChatClient({|AIL0501:"gpt-4o"|});

                public IChatClient RootField() => _root.GetResponsesClient().AsIChatClient({|AIL0501:"gpt-4o"|});

                public IChatClient RootProperty() => Root.GetResponsesClient().AsIChatClient({|AIL0501:"gpt-4o"|});

                public IChatClient RootPropertyChat() => Root.GetChatClient({|AIL0501:"gpt-4o"|}).AsIChatClient();

                public IChatClient ComputedProperty() => FromRoot.AsIChatClient({|AIL0501:"gpt-4o"|});

                public IChatClient FieldLocal()
                {
                    var responses = _responses;
                    return responses.AsIChatClient({|AIL0501:"gpt-4o"|});
                }

                public IChatClient Either(bool fast) => (fast ? _responses : Responses).AsIChatClient({|AIL0501:"gpt-4o"|});

                public Task<System.ClientModel.ClientResult<Assistant>> Assistant() => Assistants.CreateAssistantAsync({|AIL0501:"gpt-4o"|});
            }
            """);

    // A factory method of the project whose body builds the sub-client from an Azure client, as the page already
    // reads factories that return an OpenAIClient.
    [Fact]
    public Task A_sub_client_from_a_project_factory_that_uses_an_Azure_client_takes_a_deployment_name() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                private static ResponsesClient CreateResponses(string endpoint) =>
                    new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential("k")).GetResponsesClient();

                public static IChatClient Azure() => CreateResponses("https://contoso.openai.azure.com/").AsIChatClient("gpt-4o");
            }
            """);

    // The twin, in a project without the Azure factory (beside it, the project hands an Azure sub-client out as
    // ResponsesClient, and the page's project-wide rule already leaves sub-clients of unknown origin alone).
    [Fact]
    public Task A_sub_client_from_a_project_factory_that_uses_OpenAIs_own_client_is_checked() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                private static ResponsesClient CreatePlain() => new OpenAIClient(new ApiKeyCredential("k")).GetResponsesClient();

                public static IChatClient Plain() => CreatePlain().AsIChatClient({|AIL0501:"gpt-4o"|});
            }
            """);

    // AIL0504: sampling options sent through the adapter are linked to the adapter's model only when that is a model
    // id. Over an Azure sub-client it is a deployment name, whatever model the deployment runs: not linked.
    [Fact]
    public Task Sampling_options_on_an_Azure_responses_adapter_are_not_linked_to_the_deployment_name() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static async Task Run(AzureOpenAIClient azure)
                {
                    var responses = azure.GetResponsesClient();
                    IChatClient chat = responses.AsIChatClient("gpt-6-astra");
                    await chat.GetResponseAsync("Hi", new ChatOptions { Temperature = 0.2f });
                }
            }
            """);

    // The twin: the same adapter over OpenAI's own client names a reasoning model, which rejects temperature.
    [Fact]
    public Task Sampling_options_on_OpenAIs_responses_adapter_are_linked_to_its_model() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static async Task Run(OpenAIClient client)
                {
                    var responses = client.GetResponsesClient();
                    IChatClient chat = responses.AsIChatClient("gpt-6-astra");
                    await chat.GetResponseAsync("Hi", new ChatOptions { {|AIL0504:Temperature = 0.2f|} });
                }
            }
            """);

    // The correct code beside the twin: no sampling parameter for the reasoning model.
    [Fact]
    public Task A_reasoning_model_without_sampling_options_is_not_reported() =>
        VerifyAsync(Usings + """
            public static class Program
            {
                public static async Task Run(OpenAIClient client)
                {
                    IChatClient chat = client.GetResponsesClient().AsIChatClient("gpt-6-astra");
                    await chat.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 500 });
                }
            }
            """);

    // No crash, and nothing taken as Azure that the code does not show: the field whose initializer is missing has an
    // origin the code does not show, so its id is checked (the half-typed twin of Field() above); the calls on error
    // types bind to no model slot.
    [Fact]
    public Task Half_typed_sub_client_chains_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                public sealed class Broken
                {
                    private readonly ResponsesClient _responses = ;
                    private ResponsesClient Responses { get; } = new AzureOpenAIClient(
                    private NoSuchClient Missing { get; } = new NoSuchClient();
                    public object A(AzureOpenAIClient azure) => azure.GetResponsesClient(.AsIChatClient("gpt-4o");
                    public object B() => _responses.AsIChatClient({|AIL0501:"gpt-4o"|};
                    public object C() => Responses.AsIChatClient("gpt-4o");
                    public object D() => Missing.GetResponsesClient().AsIChatClient("gpt-4o");
                    public object E() => Unknown().GetResponsesClient().AsIChatClient("gpt-4o");
                    public object F()
                    {
                        var r = ;
                        var s = r;
                        r = s;
                        return s.GetResponsesClient().AsIChatClient("gpt-4o");
                    }
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }
}
