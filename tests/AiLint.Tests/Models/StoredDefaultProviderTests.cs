using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A constructor default stored in a <c>readonly</c> field (<c>_model = model;</c>) is judged at the constructor
/// (<see cref="ParameterDefaultModelIds.StoredInField"/>) by the provider of the slots the field reaches, as a constant
/// argument for that parameter is (<see cref="ConstructorArgumentSlots"/>): a local OpenAI-compatible server's or an Azure
/// deployment's name is not an OpenAI model id, and at Anthropic's own slot only Anthropic's ids count. Each quiet shape
/// has its reported twin: the same class pointed at OpenAI's own endpoint, a Claude default at Anthropic's slot.
/// </summary>
public class StoredDefaultProviderTests
{
    private const string Usings = """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Net.Http;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;

        """;

    // LocalAI and LM Studio answer to OpenAI's model names ("gpt-3.5-turbo" is LocalAI's stock alias for a local model):
    // the provider class points the OpenAI SDK at localhost, so the stored default is that server's name. The literal
    // beside it at the same slot is quiet today; the default must be too.
    [Fact]
    public Task Default_stored_for_an_SDK_client_pointed_at_a_local_server_is_not_reported() =>
        VerifyAsync(Usings + """
            public class LocalAiProvider
            {
                private readonly OpenAIClient _client;
                private readonly string _model;

                public LocalAiProvider(HttpClient http, string model = "gpt-3.5-turbo")
                {
                    _client = new OpenAIClient(new ApiKeyCredential("not-needed"), new OpenAIClientOptions
                    {
                        Endpoint = new Uri("http://localhost:8080/v1"),
                        Transport = new HttpClientPipelineTransport(http),
                    });
                    _model = model;
                }

                public Task<ClientResult<ChatCompletion>> AskAsync(string question) =>
                    _client.GetChatClient(_model).CompleteChatAsync(question);

                public ChatClient Literal() => _client.GetChatClient("gpt-3.5-turbo");
            }

            public class OllamaProvider
            {
                private readonly ChatClient _chat;
                private readonly string _model;

                public OllamaProvider(HttpClient http, string model = "gpt-4")
                {
                    _model = model;
                    _chat = new ChatClient(_model, new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") });
                }

                public Task<ClientResult<ChatCompletion>> AskAsync(string question) => _chat.CompleteChatAsync(question);
            }
            """);

    // An app that supports Azure holds the AzureOpenAIClient in an OpenAIClient field: GetChatClient binds to OpenAI's
    // overload and sends the stored default as a deployment name.
    [Fact]
    public Task Deployment_name_default_stored_for_an_Azure_client_is_not_reported() =>
        VerifyAsync(Usings + """
            using Azure.AI.OpenAI;

            public class AzureChatService
            {
                private readonly OpenAIClient _client;
                private readonly string _deploymentName;

                public AzureChatService(Uri endpoint, string key, string deploymentName = "gpt-4")
                {
                    _client = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                    _deploymentName = deploymentName;
                }

                public ChatClient Chat() => _client.GetChatClient(_deploymentName);
            }
            """);

    // One field read by the local server's client and by OpenAI's: in the local server's terms at one of them, so the
    // constructor does not decide (as for a constant argument, ConstructorArgumentModelIdTests' TwoHosts); the OpenAI
    // slot's own reading still reports it.
    [Fact]
    public Task Default_stored_for_OpenAI_and_a_local_server_is_reported_once_by_the_OpenAI_slot() =>
        VerifyAsync(Usings + """
            public class Router
            {
                private readonly OpenAIClient _cloud = new OpenAIClient("key");
                private readonly OpenAIClient _local = new OpenAIClient(new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") });
                private readonly string _model;

                public Router(string model = {|#0:"gpt-4o"|}) { _model = model; }

                public ChatClient Cloud() => _cloud.GetChatClient(_model);

                public ChatClient Local() => _local.GetChatClient(_model);
            }
            """,
            Diagnostic("AIL0501").WithLocation(0));

    // At Anthropic's own slot an OpenAI id is no model that provider serves (SlotProviders); a Claude default is.
    [Fact]
    public Task Stored_default_at_Anthropics_slot_is_judged_by_Anthropics_rows() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;

            public class ClaudeService
            {
                private readonly string _model;
                public ClaudeService(string model = "gpt-4o") { _model = model; }
                public MessageCreateParams Build(string text) => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = _model,
                    Messages = new MessageParam[] { new UserMessageParam { Content = text } },
                };
            }

            public class HaikuService
            {
                private readonly string _model;
                public HaikuService(string model = {|#0:"claude-3-haiku-20240307"|}) { _model = model; }
                public MessageCreateParams Build(string text) => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = _model,
                    Messages = new MessageParam[] { new UserMessageParam { Content = text } },
                };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0));

    // The twin real apps write next to the local provider: the same class on OpenAI's own endpoint, which is reported.
    [Fact]
    public Task Default_stored_for_OpenAIs_own_endpoint_is_still_reported() =>
        VerifyAsync(Usings + """
            public class OpenAIProvider
            {
                private readonly OpenAIClient _client;
                private readonly string _model;

                public OpenAIProvider(string apiKey, string model = {|#0:"gpt-3.5-turbo"|})
                {
                    _client = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri("https://api.openai.com/v1") });
                    _model = model;
                }

                public Task<ClientResult<ChatCompletion>> AskAsync(string question) =>
                    _client.GetChatClient(_model).CompleteChatAsync(question);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    [Fact]
    public Task Half_typed_providers_do_not_crash_or_report() =>
        new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                public class UnknownClient
                {
                    private readonly OpenAIClinet _client;
                    private readonly string _model;
                    public UnknownClient(string model = "gpt-4o") { _client = new OpenAIClinet("k"); _model = model; }
                    public ChatClient Chat() => _client.GetChatClient(_model);
                }

                public class UnknownOptions
                {
                    private readonly OpenAIClient _client;
                    private readonly string _model;
                    public UnknownOptions(string model = "gpt-4o")
                    {
                        _client = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = Missing.Endpoint });
                        _model = model;
                    }
                    public ChatClient Chat() => _client.GetChatClient(_model);
                }

                public class HalfDefault
                {
                    private readonly OpenAIClient _client = new OpenAIClient("k");
                    private readonly string _model;
                    public HalfDefault(string model = "gpt-4o" { _model = model; }
                    public ChatClient Chat() => _client.GetChatClient(_model);
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
