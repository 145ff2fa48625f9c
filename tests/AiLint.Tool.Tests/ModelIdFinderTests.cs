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
    public void Finds_Azure_deployments_and_Semantic_Kernel_model_ids()
    {
        var uses = Find("""
            using Azure.AI.OpenAI;
            using Microsoft.SemanticKernel;
            using OpenAI.Chat;

            public class Models
            {
                public ChatClient Azure(AzureOpenAIClient client) => client.GetChatClient("support-gpt4o");
                public IKernelBuilder Kernel(IKernelBuilder builder) => builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: "key");
            }
            """);

        Assert.Equal(
            [("azure-openai", "support-gpt4o", "Azure.AI.OpenAI.AzureOpenAIClient.GetChatClient(deploymentName)"), ("openai", "gpt-4o", null)],
            uses.Select(u => (u.Provider, u.Id, u.Provider == "openai" ? null : u.Slot)));
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
    [InlineData("gpt-4o-2024-08-06", true)]
    [InlineData("claude-haiku-4-5-20251001", true)]
    [InlineData("gpt-4o-mini", false)]
    [InlineData("claude-3-7-sonnet-latest", false)]
    public void Naming_catalog_tells_pinned_snapshots_from_floating_aliases(string id, bool pinned)
    {
        Assert.Equal(pinned, NamingModelCatalog.Instance.Describe("openai", id)?.Pinned);
    }

    [Fact]
    public void Shipped_table_catalog_reads_the_analyzers_model_table()
    {
        var catalog = ShippedTableModelCatalog.Instance;

        // Rows of the shipped table (its compile date is after gpt-4's announced 2026-10-23 shutdown).
        var gpt4 = catalog.Describe("openai", "gpt-4")!;
        Assert.False(gpt4.Pinned);
        Assert.StartsWith("retired (shutdown 2026-10-23", gpt4.Deprecation, StringComparison.Ordinal);
        Assert.Equal(new ModelFacts(false, null), catalog.Describe("openai", "gpt-4o"));
        Assert.Equal(new ModelFacts(true, null), catalog.Describe("openai", "o3-mini"));

        // Not in the table: the naming fallback; an Azure deployment name gets no table facts.
        Assert.Equal(new ModelFacts(true, null), catalog.Describe("openai", "gpt-4o-2024-08-06"));
        Assert.Equal(new ModelFacts(false, null), catalog.Describe("azure-openai", "gpt-4"));
    }

    private static List<ModelUse> Find(string source)
    {
        var compilation = SdkCompilation.Create(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return ModelIdFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line)).ToList();
    }
}
