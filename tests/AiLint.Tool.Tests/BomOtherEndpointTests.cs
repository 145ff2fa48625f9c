using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// Ids sent through the OpenAI SDK to another server (an OpenAI-compatible endpoint: GitHub Models, a local server),
/// as AIL0501-AIL0503 read it (OtherEndpoints): provider <c>openai-compatible</c>, and none of OpenAI's lifecycle facts,
/// which are about OpenAI's models, not the other host's.
/// </summary>
public class BomOtherEndpointTests
{
    private const string TwoHosts = """
        using System;
        using System.ClientModel;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenAI.Chat;

        public static class Clients
        {
            public static ChatClient GitHubModels(string token)
            {
                var client = new OpenAIClient(new ApiKeyCredential(token), new OpenAIClientOptions { Endpoint = new Uri("https://models.github.ai/inference") });
                return client.GetChatClient("o1-mini");
            }

            public static IKernelBuilder Kernel(IKernelBuilder builder, string token)
            {
                var github = new OpenAIClient(new ApiKeyCredential(token), new OpenAIClientOptions { Endpoint = new Uri("https://models.github.ai/inference") });
                return builder.AddOpenAIChatCompletion(modelId: "Phi-3.5-mini-instruct", github);
            }

            public static ChatClient OpenAIItself(string key) => new OpenAIClient(key).GetChatClient("o1-mini");
        }
        """;

    [Fact]
    public async Task Ids_sent_to_another_host_through_the_OpenAI_client_are_openai_compatible_without_OpenAI_lifecycle()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, TwoHosts);

        var elsewhere = Assert.Single(bom.Models, m => m.BomRef == "model:openai-compatible/o1-mini");
        Assert.Equal(["Code.cs:12"], elsewhere.Locations.Select(l => l.ToString()));
        Assert.Equal(new ModelFacts(null, null), elsewhere.Facts);
        Assert.Equal(new ModelFacts(null, null), Assert.Single(bom.Models, m => m.BomRef == "model:openai-compatible/Phi-3.5-mini-instruct").Facts);

        // The same id sent to OpenAI itself keeps OpenAI's provider and the table's retirement (AIL0503 reports it there).
        var openAI = Assert.Single(bom.Models, m => m.BomRef == "model:openai/o1-mini");
        Assert.Equal(["Code.cs:21"], openAI.Locations.Select(l => l.ToString()));
        Assert.StartsWith("retired", openAI.Facts!.Deprecation, StringComparison.Ordinal);

        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
        Assert.Contains("| `o1-mini` | openai-compatible | unknown |", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_the_rules_report_behind_a_fallback_is_filed_under_OpenAI_even_when_another_server_gets_the_same_id()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;

            public static class Clients
            {
                public static ChatClient Local(string token) =>
                    new OpenAIClient(new ApiKeyCredential(token), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:1234/v1") }).GetChatClient("gpt-4");

                public static ChatClient OpenAIItself(OpenAIClient client)
                {
                    var model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "gpt-4";
                    return client.GetChatClient(model);
                }
            }
            """);

        Assert.Equal(["Code.cs:9"], Assert.Single(bom.Models, m => m.BomRef == "model:openai-compatible/gpt-4").Locations.Select(l => l.ToString()));
        var openAI = Assert.Single(bom.Models, m => m.BomRef == "model:openai/gpt-4");
        Assert.Equal(["Code.cs:13"], openAI.Locations.Select(l => l.ToString()));
        Assert.StartsWith("retired", openAI.Facts!.Deprecation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_typed_endpoints_do_not_throw()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using System.ClientModel;
            using OpenAI;

            public static class Clients
            {
                public static object Unresolved(string token) =>
                    new OpenAIClient(new ApiKeyCredential(token), new OpenAIClientOptions { Endpoint = Missing.Url }).GetChatClient("o1-mini");
                public static object Unfinished(string token) =>
                    new OpenAIClient(new ApiKeyCredential(token), new OpenAIClientOptions { Endpoint = ).GetChatClient("gpt-4o"
            """);

        Assert.All(bom.Models, m => Assert.Contains(m.Provider, new[] { "openai", "openai-compatible" }));
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }

    private static async Task<AiBom> BuildAsync(string directory, string source)
    {
        var input = await InMemoryInput.CreateAsync(directory, source);
        return await AiBomBuilder.BuildAsync(input, TextWriter.Null);
    }
}
