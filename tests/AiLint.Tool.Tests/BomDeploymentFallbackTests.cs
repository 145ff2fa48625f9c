using System.Text.Json;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// An Azure OpenAI deployment name written as the <c>??</c> fallback of an environment or configuration read, and
/// passed to a deployment slot, is the deployment the app uses by default: the BOM lists it, marked as a fallback.
/// </summary>
public class BomDeploymentFallbackTests
{
    // An agent app's client: the deployment from the environment or configuration, else a default.
    private const string FallbackDeployments = """
        using System;
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.Configuration;
        using OpenAI.Chat;

        public static class Chat
        {
            public static ChatClient FromEnvironment(Uri endpoint, string key)
            {
                var deploymentName = Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT_NAME") ?? "gpt-4o-mini";
                return new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetChatClient(deploymentName);
            }

            public static ChatClient FromConfiguration(AzureOpenAIClient client, IConfiguration config) =>
                client.GetChatClient(config["AZURE_OPENAI_DEPLOYMENT"] ?? "support-chat");
        }
        """;

    [Fact]
    public async Task A_deployment_written_as_a_fallback_is_listed_as_a_deployment_with_source_fallback()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, FallbackDeployments);

        Assert.Equal(
            [
                ("deployment:azure-openai/gpt-4o-mini", "fallback", "Code.cs:11"),
                ("deployment:azure-openai/support-chat", "fallback", "Code.cs:16"),
            ],
            bom.Models.Select(m => (m.BomRef, m.Source, string.Join(", ", m.Locations))));
        var deployment = bom.Models[0];
        Assert.Equal((ModelSlotKind.Deployment, (ModelFacts?)null), (deployment.Kind, deployment.Facts));
        Assert.Equal("Azure.AI.OpenAI.AzureOpenAIClient.GetChatClient(deploymentName)", Assert.Single(deployment.Slots));

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        var properties = Properties(json, deployment.BomRef);
        Assert.Contains(("ailint:model:kind", "deployment"), properties);
        Assert.Contains(("ailint:model:id-source", "fallback"), properties);
        Assert.Contains("| `gpt-4o-mini` (fallback) (deployment) | azure-openai | n/a", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fallback_that_never_runs_because_the_settings_set_the_key_is_not_listed()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, FallbackDeployments, ("appsettings.json", """
            {
              "AZURE_OPENAI_DEPLOYMENT": "prod-chat"
            }
            """));

        // The configuration read gets the file's value; the environment read is not configuration, so its fallback stays.
        Assert.Equal(["deployment:azure-openai/gpt-4o-mini"], bom.Models.Select(m => m.BomRef));
    }

    [Fact]
    public async Task A_reassigned_local_a_parameter_and_a_model_id_fallback_the_rules_do_not_report_are_not_listed_as_deployments()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using System;
            using Azure.AI.OpenAI;
            using OpenAI;
            using OpenAI.Chat;

            public static class Chat
            {
                public static ChatClient Reassigned(AzureOpenAIClient client, bool large)
                {
                    var deployment = Environment.GetEnvironmentVariable("DEPLOYMENT") ?? "chat-small";
                    if (large)
                    {
                        deployment = "chat-large";
                    }

                    return client.GetChatClient(deployment);
                }

                public static ChatClient Given(AzureOpenAIClient client, string deployment) => client.GetChatClient(deployment);

                // An OpenAI model id behind a fallback is the rules' to report (this one the model table does not list).
                public static ChatClient OpenAIModel(OpenAIClient client) =>
                    client.GetChatClient(Environment.GetEnvironmentVariable("MODEL") ?? "my-fine-tune");
            }
            """);

        Assert.Empty(bom.Models);
    }

    [Fact]
    public async Task Half_typed_fallbacks_list_nothing_and_do_not_throw()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using Azure.AI.OpenAI;

            public static class Chat
            {
                public static object Broken(AzureOpenAIClient client)
                {
                    var deployment = Missing.Read("DEPLOYMENT") ?? ;
                    return client.GetChatClient(deployment);
                }

                public static object Unresolved(AzureOpenAIClient client) => client.GetChatClient(Missing.Name ?? Other.Name);
                public static object Unfinished(AzureOpenAIClient client) => client.GetChatClient(
            """);

        Assert.Empty(bom.Models);
    }

    private static async Task<AiBom> BuildAsync(string directory, string source, params (string, string)[] additionalFiles)
    {
        var input = await InMemoryInput.CreateAsync(directory, source, additionalFiles);
        return await AiBomBuilder.BuildAsync(input, TextWriter.Null);
    }

    private static List<(string Name, string Value)> Properties(string json, string bomRef)
    {
        using var document = JsonDocument.Parse(json);
        var component = document.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("bom-ref").GetString() == bomRef);
        return component.GetProperty("properties").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("value").GetString()!))
            .ToList();
    }
}
