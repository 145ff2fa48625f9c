using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// <c>ChatOptions.ModelId</c> in a project whose only <c>IChatClient</c> is an Azure OpenAI deployment, the shape of
/// Azure samples (<c>new ChatOptions { ModelId = deploymentName }</c>): the id is that deployment's name, not an OpenAI
/// model id, so it is not checked. Beside it, the twins that stay checked: another id than the deployment's, a second
/// client, the same client on OpenAI's own server, and options in a project that shows no client at all.
/// </summary>
public class AzureOnlyChatClientTests
{
    private const string Usings = """
        using System;
        using Azure;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using OpenAI;

        """;

    [Fact]
    public Task The_deployment_name_of_the_only_Azure_chat_client_is_not_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                private const string DeploymentName = "gpt-4o";

                public static IChatClient Create(Uri endpoint, string key) =>
                    new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(DeploymentName)
                        .AsIChatClient()
                        .AsBuilder()
                        .UseFunctionInvocation()
                        .Build();

                public static ChatOptions Options() => new ChatOptions { ModelId = DeploymentName, Temperature = 0.2f };
            }
            """);

    // The Azure client held in a field typed OpenAIClient, the options written after creation.
    [Fact]
    public Task The_deployment_name_through_an_OpenAIClient_field_holding_Azure_is_not_checked() =>
        VerifyAsync(Usings + """
            public sealed class Assistant
            {
                private const string Deployment = "gpt-4o";
                private readonly OpenAIClient _client;
                private readonly IChatClient _chat;

                public Assistant(Uri endpoint, string key)
                {
                    _client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key));
                    _chat = _client.GetChatClient(Deployment).AsIChatClient();
                }

                public ChatOptions Options()
                {
                    var options = new ChatOptions();
                    options.ModelId = Deployment;
                    return options;
                }
            }
            """);

    [Fact]
    public Task Another_id_than_the_deployment_name_is_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                private const string DeploymentName = "chat-prod";

                public static IChatClient Create(Uri endpoint, string key) =>
                    new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(DeploymentName).AsIChatClient();

                public static ChatOptions Options() => new ChatOptions { ModelId = {|AIL0501:"gpt-4o"|} };
            }
            """);

    [Fact]
    public Task A_second_chat_client_on_OpenAI_keeps_the_options_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                private const string DeploymentName = "gpt-4o";

                public static IChatClient Azure(Uri endpoint, string key) =>
                    new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(DeploymentName).AsIChatClient();

                public static IChatClient Cloud(string key) => new OpenAIClient(key).GetChatClient("gpt-4o-2024-08-06").AsIChatClient();

                public static ChatOptions Options() => new ChatOptions { ModelId = {|AIL0501:DeploymentName|} };
            }
            """);

    [Fact]
    public Task The_only_chat_client_on_OpenAI_keeps_the_options_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                private const string Model = "gpt-4o";

                public static IChatClient Create(string key) => new OpenAIClient(key).GetChatClient({|AIL0501:Model|}).AsIChatClient();

                public static ChatOptions Options() => new ChatOptions { ModelId = {|AIL0501:Model|} };
            }
            """);

    // Azure is referenced but no chat client is built in the project: the options may go to any client.
    [Fact]
    public Task Options_in_a_project_that_builds_no_chat_client_are_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                private const string DeploymentName = "gpt-4o";
                public static AzureOpenAIClient Create(Uri endpoint, string key) => new AzureOpenAIClient(endpoint, new AzureKeyCredential(key));
                public static ChatOptions Options() => new ChatOptions { ModelId = {|AIL0501:DeploymentName|} };
            }
            """);

    [Fact]
    public Task Half_typed_Azure_chat_clients_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = Usings + """
                public static class Chat
                {
                    private const string DeploymentName = "gpt-4o";
                    public static IChatClient Create(Uri endpoint, string key) =>
                        new AzureOpenAIClient(endpoint, ).GetChatClient().AsIChatClient(;
                    public static IChatClient Other() => Missing.GetChatClient(DeploymentName).AsIChatClient();
                    // The Azure chain is broken, so the only client is not shown: the id stays checked.
                    public static ChatOptions Options() => new ChatOptions { ModelId = {|AIL0501:DeploymentName|}, };
                    public static ChatOptions Broken() => new ChatOptions { ModelId = };
                }
                public sealed class Half : IChatClient { }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }
}
