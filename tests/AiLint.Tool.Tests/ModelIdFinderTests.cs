using AiLint.Analyzers.Rules.Models;
using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;
using Microsoft.CodeAnalysis;

namespace AiLint.Tool.Tests;

public class ModelIdFinderTests
{
    [Fact]
    public void Finds_OpenAI_MEAI_and_Anthropic_model_slots()
    {
        var uses = Find("""
            using Anthropic.Models.Messages;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;

            public class Models
            {
                private const string Reasoning = "o4-mini";

                public ChatClient A(OpenAIClient client) => client.GetChatClient("gpt-4o-2024-08-06");
                public ChatClient B() => new ChatClient("gpt-4o-mini", "key");
                public ChatClient C(OpenAIClient client) => client.GetChatClient(Reasoning);
                public ChatOptions D() => new ChatOptions { ModelId = "gpt-4.1" };
                public MessageCreateParams E() => new MessageCreateParams
                {
                    Model = Model.ClaudeHaiku4_5,
                    MaxTokens = 100,
                    Messages = [],
                };
            }
            """);

        Assert.Equal(
            [
                ("openai", "gpt-4o-2024-08-06", "literal", 10),
                ("openai", "gpt-4o-mini", "literal", 11),
                ("openai", "o4-mini", "literal", 12),
                (null, "gpt-4.1", "literal", 13),
                ("anthropic", "claude-haiku-4-5", "enum-member", 16),
            ],
            uses.Select(u => (u.Provider, u.Id, u.Source, u.Location.Line)));
        Assert.Equal("new OpenAI.Chat.ChatClient(model)", uses[1].Slot);
        Assert.Equal("Microsoft.Extensions.AI.ChatOptions.ModelId", uses[3].Slot);
    }

    [Fact]
    public void Finds_Azure_deployments_as_deployments_and_Semantic_Kernel_model_ids()
    {
        var uses = Find("""
            using Azure.AI.OpenAI;
            using Microsoft.SemanticKernel;
            using OpenAI.Chat;

            public class Models
            {
                public ChatClient Azure(AzureOpenAIClient client) => client.GetChatClient("support-gpt4o");
                public IKernelBuilder Kernel(IKernelBuilder builder) => builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: "key");
                public IKernelBuilder AzureKernel(IKernelBuilder builder) =>
                    builder.AddAzureOpenAIChatCompletion(deploymentName: "prod-chat", endpoint: "https://x.openai.azure.com", apiKey: "key", modelId: "gpt-4o");
            }
            """);

        Assert.Equal(
            [
                ("azure-openai", "support-gpt4o", ModelSlotKind.Deployment, "Azure.AI.OpenAI.AzureOpenAIClient.GetChatClient(deploymentName)"),
                ("openai", "gpt-4o", ModelSlotKind.ModelId, null),
                ("azure-openai", "prod-chat", ModelSlotKind.Deployment, null),
                ("azure-openai", "gpt-4o", ModelSlotKind.ModelId, null),
            ],
            uses.Select(u => (u.Provider, u.Id, u.Kind, u.Id == "support-gpt4o" ? u.Slot : null)));
    }

    // An OpenAI-declared slot whose client is an Azure client sends a deployment name, as the model rules read it
    // (AzureDeployments): an AzureOpenAIClient held in an OpenAIClient variable, a sub-client got from one, and Semantic
    // Kernel's OpenAI registration given an Azure client. A parameter typed OpenAIClient is taken as what it says.
    [Fact]
    public void Lists_ids_sent_to_an_Azure_client_through_OpenAI_slots_as_deployments()
    {
        var uses = Find("""
            using System;
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using Microsoft.SemanticKernel;
            using OpenAI;
            using OpenAI.Chat;

            public class Models
            {
                public ChatClient Held()
                {
                    OpenAIClient client = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new ApiKeyCredential("k"));
                    return client.GetChatClient("support-chat");
                }

                public IKernelBuilder Kernel(IKernelBuilder builder, AzureOpenAIClient azure) =>
                    builder.AddOpenAIChatCompletion("kernel-chat", azure);

                public ChatClient OpenAIItself(OpenAIClient client) => client.GetChatClient("gpt-4o");
            }
            """);

        Assert.Equal(
            [
                ("azure-openai", "support-chat", ModelSlotKind.Deployment),
                ("azure-openai", "kernel-chat", ModelSlotKind.Deployment),
                ("openai", "gpt-4o", ModelSlotKind.ModelId),
            ],
            uses.Select(u => (u.Provider, u.Id, u.Kind)));
    }

    [Fact]
    public void Finds_OllamaSharp_default_models_and_static_readonly_ids()
    {
        var uses = Find("""
            using System;
            using OllamaSharp;
            using OpenAI;

            public class Models
            {
                private static readonly string Fallback = "gpt-4.1-mini";

                public OllamaApiClient Local() => new OllamaApiClient(new Uri("http://localhost:11434"), "llama3.2");
                public object Remote(OpenAIClient client) => client.GetChatClient(Fallback);
            }
            """);

        Assert.Equal(
            [("ollama", "llama3.2", "literal"), ("openai", "gpt-4.1-mini", "literal")],
            uses.Select(u => (u.Provider, u.Id, u.Source)));
    }

    [Fact]
    public void Ignores_ids_not_written_in_source_and_non_SDK_slots()
    {
        var uses = Find("""
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;

            public class NotModels
            {
                public ChatClient FromConfiguration(OpenAIClient client, string model) => client.GetChatClient(model);
                public ChatResponse Response() => new ChatResponse { ModelId = "gpt-4o" };
                public void Own() => Use(model: "gpt-4o");
                private static void Use(string model) { }
            }
            """);

        Assert.Empty(uses);
    }

    [Fact]
    public void Does_not_crash_on_broken_code()
    {
        var compilation = SdkCompilation.Create("""
            using OpenAI;
            public class Broken
            {
                public object A(OpenAIClient client) => client.GetChatClient("gpt-4o"
                public object B() => new ChatClient(
            """);

        var uses = ModelIdFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line)).ToList();

        Assert.Contains(uses, u => u.Id == "gpt-4o");
    }

    [Theory]
    [InlineData("ClaudeHaiku4_5", "claude-haiku-4-5")]
    [InlineData("ClaudeHaiku4_5_20251001", "claude-haiku-4-5-20251001")]
    [InlineData("Claude3_7SonnetLatest", "claude-3-7-sonnet-latest")]
    [InlineData("ClaudeOpus4_1_20250805", "claude-opus-4-1-20250805")]
    public void Converts_Anthropic_enum_members_to_ids(string member, string id)
    {
        Assert.Equal(id, ModelEnumNames.ToModelId(member));
    }

    [Theory]
    [InlineData("gpt-5.2-2025-12-11", true)]
    [InlineData("claude-opus-4-5-20251101", true)]
    [InlineData("gpt-4o-search-preview", null)]
    [InlineData("claude-3-7-sonnet-latest", null)]
    [InlineData("text-embedding-3-small", null)]
    public void Ids_the_table_does_not_list_are_pinned_by_a_dated_suffix_else_unknown(string id, bool? pinned)
    {
        Assert.Equal(new ModelFacts(pinned, null), ModelCatalog.FromName(id));
        Assert.Equal(new ModelFacts(pinned, null), ModelCatalog.Shipped.Describe(id));
    }

    [Fact]
    public void Shipped_catalog_reads_the_analyzers_model_table()
    {
        var catalog = ModelCatalog.Shipped;

        // Rows of the shipped table (its compile date is after gpt-4's announced 2026-10-23 shutdown; gpt-5's
        // 2026-12-11 shutdown is later).
        Assert.Equal(new ModelFacts(false, "retired (shutdown 2026-10-23, per https://developers.openai.com/api/docs/deprecations)"), catalog.Describe("gpt-4"));
        Assert.Equal(new ModelFacts(false, "deprecated (shutdown 2026-12-11, per https://developers.openai.com/api/docs/deprecations)"), catalog.Describe("gpt-5"));
        Assert.Equal(new ModelFacts(false, null), catalog.Describe("gpt-4o"));
        Assert.Equal(new ModelFacts(false, "deprecated (shutdown 2026-12-11, per https://dev.to/aideprecations/what-to-do-before-openai-gpt-5-and-o3-shut-down-on-december-11-2026-fap)"), catalog.Describe("o3"));
        Assert.Equal(new ModelFacts(true, null), catalog.Describe("gpt-6-astra"));
        Assert.Equal(new ModelFacts(false, null), catalog.Describe("gpt-5.4"));

        // Ids are matched exactly, as AIL0501-AIL0503 match them: another case is an id the table does not list.
        Assert.Equal(new ModelFacts(null, null), catalog.Describe("GPT-4"));
    }

    private static List<ModelUse> Find(string source)
    {
        var compilation = SdkCompilation.Create(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return ModelIdFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line)).ToList();
    }
}
