using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
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

                public static IChatClient Cloud(string key) => new OpenAIClient(key).GetChatClient("gpt-5.2-2025-12-11").AsIChatClient();

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

    // Review 18 FP-2, the Agent Framework / Azure samples' shape: the deployment local with an environment default is
    // handed to GetChatClient and written to ChatOptions.ModelId; "gpt-4o" there is a deployment name.
    [Fact]
    public Task The_deployment_local_with_an_environment_default_is_not_checked_in_top_level_statements()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using System;
                using System.ClientModel;
                using Azure.AI.OpenAI;
                using Microsoft.Extensions.AI;

                var endpoint = Environment.GetEnvironmentVariable("AZURE_OPENAI_ENDPOINT")!;
                var key = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY")!;
                var deployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? "gpt-4o";

                IChatClient client = new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(key)).GetChatClient(deployment).AsIChatClient();
                var r = await client.GetResponseAsync("Hello", new ChatOptions { ModelId = deployment });
                Console.WriteLine(r.Text);
                """,
            OutputKind = OutputKind.ConsoleApplication,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task The_deployment_local_through_the_pipeline_is_not_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                public static ChatOptions Create(Uri endpoint, string key, out IChatClient client)
                {
                    string deploymentName = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT_NAME") ?? "gpt-4o";
                    client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(deploymentName)
                        .AsIChatClient()
                        .AsBuilder()
                        .UseFunctionInvocation()
                        .Build();
                    var options = new ChatOptions { Temperature = 0.2f };
                    options.ModelId = deploymentName;
                    return options;
                }
            }
            """);

    // The reported twins of the local: another local with its own default, the same expression written again (not the
    // same local: the code does not show it holds the deployment's value), and a second chat client.
    [Fact]
    public Task Another_local_with_a_default_is_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                public static ChatOptions Create(Uri endpoint, string key, out IChatClient client)
                {
                    var deployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? "gpt-4o";
                    var model = Environment.GetEnvironmentVariable("MODEL") ?? {|AIL0501:"gpt-4o"|};
                    client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(deployment).AsIChatClient();
                    return new ChatOptions { ModelId = model };
                }
            }
            """);

    [Fact]
    public Task The_same_expression_written_again_is_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                public static ChatOptions Create(Uri endpoint, string key, out IChatClient client)
                {
                    var deployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? "gpt-4o";
                    client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(deployment).AsIChatClient();
                    return new ChatOptions { ModelId = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? {|AIL0501:"gpt-4o"|} };
                }
            }
            """);

    [Fact]
    public Task The_deployment_local_with_a_second_chat_client_is_checked() =>
        VerifyAsync(Usings + """
            public static class Chat
            {
                public static ChatOptions Create(Uri endpoint, string key, out IChatClient azure, out IChatClient cloud)
                {
                    var deployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? {|AIL0501:"gpt-4o"|};
                    azure = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(deployment).AsIChatClient();
                    cloud = new OpenAIClient(key).GetChatClient("gpt-5.2-2025-12-11").AsIChatClient();
                    return new ChatOptions { ModelId = deployment };
                }
            }
            """);

    [Fact]
    public Task Half_typed_deployment_locals_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = Usings + """
                public static class Chat
                {
                    public static ChatOptions Create(Uri endpoint, string key, out IChatClient client)
                    {
                        var deployment = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? "gpt-4o";
                        client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key)).GetChatClient(deployment).AsIChatClient();
                        var broken = new ChatOptions { ModelId = deploymen };
                        var unfinished = new ChatOptions { ModelId = };
                        var wrongType = new ChatOptions { ModelId = 42 };
                        return new ChatOptions { ModelId = deployment, Temperature = };
                    }

                    public static string Other(string? model) { var deployment = model ?? ; return deployment; }
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }

    // The exemption's test of sameness, read directly (the twins below are not reported by AIL0501 either way, since
    // the rule never follows a reassigned local, a settable property or a field's non-literal value; what matters is
    // that the exemption itself does not call them the deployment).
    [Theory]
    [InlineData("local", "var deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\"; _chat = Azure().GetChatClient(deployment).AsIChatClient(); return new ChatOptions { ModelId = deployment };", "", true)]
    [InlineData("readonly field", "_chat = Azure().GetChatClient(_deployment).AsIChatClient(); return new ChatOptions { ModelId = _deployment };", "private readonly string _deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\";", true)]
    [InlineData("static readonly field, read through its type", "_chat = Azure().GetChatClient(Deployment).AsIChatClient(); return new ChatOptions { ModelId = Holder.Deployment };", "private static readonly string Deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\";", true)]
    [InlineData("get-only property", "_chat = Azure().GetChatClient(this.Deployment).AsIChatClient(); return new ChatOptions { ModelId = Deployment };", "public string Deployment { get; } = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\";", true)]
    [InlineData("reassigned local", "var deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\"; _chat = Azure().GetChatClient(deployment).AsIChatClient(); deployment = deployment.Trim(); return new ChatOptions { ModelId = deployment };", "", false)]
    [InlineData("local passed by ref", "var deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\"; _chat = Azure().GetChatClient(deployment).AsIChatClient(); Touch(ref deployment); return new ChatOptions { ModelId = deployment };", "", false)]
    [InlineData("another local", "var deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\"; var model = deployment; _chat = Azure().GetChatClient(deployment).AsIChatClient(); return new ChatOptions { ModelId = model };", "", false)]
    [InlineData("settable property", "_chat = Azure().GetChatClient(Deployment).AsIChatClient(); return new ChatOptions { ModelId = Deployment };", "public string Deployment { get; set; } = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\";", false)]
    [InlineData("computed property", "_chat = Azure().GetChatClient(Deployment).AsIChatClient(); return new ChatOptions { ModelId = Deployment };", "public string Deployment => Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\";", false)]
    [InlineData("field that is not readonly", "_chat = Azure().GetChatClient(_deployment).AsIChatClient(); return new ChatOptions { ModelId = _deployment };", "private string _deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\";", false)]
    [InlineData("readonly field of another instance", "_chat = Azure().GetChatClient(_deployment).AsIChatClient(); return new ChatOptions { ModelId = new Holder()._deployment };", "private readonly string _deployment = Environment.GetEnvironmentVariable(\"D\") ?? \"gpt-4o\";", false)]
    public void The_exemption_needs_the_same_single_value_holder(string shape, string body, string member, bool exempt)
    {
        var source = """
            using System;
            using Azure;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;

            public sealed class Holder
            {
                private IChatClient? _chat;
                MEMBER

                private static AzureOpenAIClient Azure() => new AzureOpenAIClient(new Uri("https://x.openai.azure.com"), new AzureKeyCredential("k"));

                private static void Touch(ref string value) => value = value.Trim();

                public ChatOptions Options()
                {
                    BODY
                }
            }
            """.Replace("MEMBER", member).Replace("BODY", body);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "AzureOnly",
            new[] { tree },
            AiLint.Tests.Verifiers.ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var model = compilation.GetSemanticModel(tree);
        var write = tree.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Select(a => model.GetOperation(a))
            .OfType<ISimpleAssignmentOperation>()
            .Single(a => a.Target is IPropertyReferenceOperation { Property.Name: "ModelId" });

        Assert.True(
            exempt == AzureOnlyChatClient.NamesTheDeployment(write, KnownModelSymbols.Create(compilation), CancellationToken.None),
            shape + (exempt ? " should name the deployment" : " should stay checked"));
    }
}
