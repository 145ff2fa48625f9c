using System.Text.Json;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// The model components of the BOM, built by the whole builder on an in-memory project: facts from the project's own
/// model table files, exact-id lookup, Azure deployments, SDK enum members. Facts are checked against the rows the
/// tests write (or the shipped rows they name), classified on the shipped table's compile date, 2026-12-07.
/// </summary>
public class BomModelFactsTests
{
    private const string TeamTable = """
        // The team's proxy tiers, and a row that replaces a shipped one.
        {
          "models": [
            { "provider": "openai", "id": "contoso-triage-v1", "shutdownDate": "2026-01-31", "source": "https://wiki.contoso.example/llm-proxy" },
            { "provider": "openai", "id": "gpt-4o", "alias": false, "deprecationDate": "2026-03-01", "source": "https://example.com/our-proxy" }
          ]
        }
        """;

    private const string OpenAICode = """
        using OpenAI;

        public class Models
        {
            public object Triage(OpenAIClient client) => client.GetChatClient("contoso-triage-v1");
            public object Drafting(OpenAIClient client) => client.GetChatClient("gpt-4o");
            public object Legacy(OpenAIClient client) => client.GetChatClient("gpt-4");
        }
        """;

    [Fact]
    public async Task Ids_in_the_projects_model_file_get_the_users_facts()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, OpenAICode, ("Models/team.ailint-models.json", TeamTable));

        // A new id: the user's row, retired on the table's compile date (as AIL0503 says in the build).
        Assert.Equal(new ModelFacts(true, "retired (shutdown 2026-01-31, per https://wiki.contoso.example/llm-proxy)"), Facts(bom, "model:openai/contoso-triage-v1"));

        // A shipped id the user's row replaces: no longer an alias; an announced deprecation without shutdown is listed
        // as such (AIL0502 needs a shutdown date).
        Assert.Equal(new ModelFacts(true, "deprecation announced 2026-03-01 (no shutdown date, per https://example.com/our-proxy)"), Facts(bom, "model:openai/gpt-4o"));

        // Shipped rows still count next to the user's.
        Assert.Equal(new ModelFacts(false, "retired (shutdown 2026-10-23, per https://developers.openai.com/api/docs/deprecations)"), Facts(bom, "model:openai/gpt-4"));
    }

    [Fact]
    public async Task Without_a_model_file_the_same_ids_get_the_shipped_facts()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, OpenAICode);

        // An id the table does not list is neither pinned nor floating for the rules: unknown.
        Assert.Equal(new ModelFacts(null, null), Facts(bom, "model:openai/contoso-triage-v1"));
        Assert.Equal(new ModelFacts(false, null), Facts(bom, "model:openai/gpt-4o"));
    }

    [Fact]
    public async Task A_project_without_AiLints_targets_gets_its_model_files_from_its_folder_but_not_from_obj()
    {
        using var folder = new TempFolder();
        folder.Write("Models/team.ailint-models.json", TeamTable);
        folder.Write("obj/Debug/stale.ailint-models.json", """{ "models": [ { "provider": "openai", "id": "gpt-4", "alias": false } ] }""");

        var bom = await BuildAsync(folder.Root, OpenAICode);

        Assert.StartsWith("retired (shutdown 2026-01-31", Facts(bom, "model:openai/contoso-triage-v1")!.Deprecation, StringComparison.Ordinal);
        Assert.Equal(new ModelFacts(false, "retired (shutdown 2026-10-23, per https://developers.openai.com/api/docs/deprecations)"), Facts(bom, "model:openai/gpt-4"));
    }

    [Fact]
    public async Task An_id_written_in_another_case_is_not_the_tables_id()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using OpenAI;

            public class Models
            {
                public object Exact(OpenAIClient client) => client.GetChatClient("gpt-4");
                public object Shouted(OpenAIClient client) => client.GetChatClient("GPT-4");
            }
            """);

        // Two components: the build reports AIL0503 on "gpt-4" only, and the BOM says the same.
        Assert.Equal(new ModelFacts(false, "retired (shutdown 2026-10-23, per https://developers.openai.com/api/docs/deprecations)"), Facts(bom, "model:openai/gpt-4"));
        Assert.Equal(new ModelFacts(null, null), Facts(bom, "model:openai/GPT-4"));
    }

    [Fact]
    public async Task Ids_the_table_does_not_list_are_unknown_only_its_alias_rows_float_and_its_snapshots_are_pinned()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using OpenAI;

            public class Models
            {
                public object Alias(OpenAIClient client) => client.GetChatClient("gpt-4o");
                public object Snapshot(OpenAIClient client) => client.GetChatClient("gpt-5.2-2025-12-11");
                public object Embeddings(OpenAIClient client) => client.GetEmbeddingClient("text-embedding-3-small");
                public object Newer(OpenAIClient client) => client.GetChatClient("claude-opus-4-8");
                public object DatedButUnlisted(OpenAIClient client) => client.GetChatClient("contoso-proxy-2025-01-01");
            }
            """);

        // AIL0501 reports the alias only; ids the table does not list are not called floating (the shipped table has no
        // row for gpt-5.2-2025-12-11: pinned by its dated suffix).
        Assert.Equal(new ModelFacts(false, null), Facts(bom, "model:openai/gpt-4o"));
        Assert.Equal(new ModelFacts(true, null), Facts(bom, "model:openai/gpt-5.2-2025-12-11"));
        Assert.Equal(new ModelFacts(null, null), Facts(bom, "model:openai/text-embedding-3-small"));
        Assert.Equal(new ModelFacts(null, null), Facts(bom, "model:openai/claude-opus-4-8"));
        // A dated suffix is a snapshot by the providers' naming (AIL0501 stays quiet on it too).
        Assert.Equal(new ModelFacts(true, null), Facts(bom, "model:openai/contoso-proxy-2025-01-01"));

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        Assert.Contains(("ailint:model:pinned", "unknown"), Properties(json, "model:openai/text-embedding-3-small"));
        Assert.Contains(("ailint:model:pinned", "false"), Properties(json, "model:openai/gpt-4o"));
        Assert.Contains(("ailint:model:pinned", "true"), Properties(json, "model:openai/gpt-5.2-2025-12-11"));

        var markdown = BomMarkdownWriter.Write(bom);
        Assert.Contains("| `claude-opus-4-8` | openai | unknown |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `gpt-4o` | openai | floating |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `gpt-5.2-2025-12-11` | openai | pinned |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Azure_deployment_is_a_deployment_without_model_facts()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using Azure.AI.OpenAI;
            using OpenAI;

            public class Models
            {
                // Deployments are often named after the model they serve; the name says nothing about retirement.
                public object Azure(AzureOpenAIClient client) => client.GetChatClient("gpt-4");
                public object Direct(OpenAIClient client) => client.GetChatClient("gpt-4");
            }
            """);

        var deployment = Assert.Single(bom.Models, m => m.BomRef == "deployment:azure-openai/gpt-4");
        Assert.Equal((ModelSlotKind.Deployment, "azure-openai", (ModelFacts?)null), (deployment.Kind, deployment.Provider, deployment.Facts));
        Assert.NotNull(Facts(bom, "model:openai/gpt-4")!.Deprecation);

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        var properties = Properties(json, "deployment:azure-openai/gpt-4");
        Assert.Contains(("ailint:model:kind", "deployment"), properties);
        Assert.Contains(("ailint:model:slot", "Azure.AI.OpenAI.AzureOpenAIClient.GetChatClient(deploymentName)"), properties);
        Assert.DoesNotContain(properties, p => p.Name is "ailint:model:pinned" or "ailint:model:deprecation");
        Assert.Contains(("ailint:model:kind", "model-id"), Properties(json, "model:openai/gpt-4"));
        Assert.Contains("(deployment)", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Anthropic_enum_member_is_read_as_its_id_with_the_tables_facts()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(
            folder.Root,
            """
            using Anthropic.Models.Messages;

            public class Models
            {
                public MessageCreateParams Request() => new MessageCreateParams
                {
                    Model = Model.ClaudeSonnet4_6,
                    MaxTokens = 100,
                    Messages = [],
                };
            }
            """,
            ("team.ailint-models.json", """{ "models": [ { "provider": "anthropic", "id": "claude-sonnet-4-6", "shutdownDate": "2027-01-01" } ] }"""));

        var model = Assert.Single(bom.Models);
        Assert.Equal(("model:anthropic/claude-sonnet-4-6", "enum-member"), (model.BomRef, model.Source));
        Assert.Equal(new ModelFacts(true, "deprecated (shutdown 2027-01-01)"), model.Facts);
    }

    [Fact]
    public async Task In_a_solution_each_project_reads_its_own_model_files_and_the_first_by_path_decides()
    {
        using var folder = new TempFolder();
        const string Code = """
            using OpenAI;

            public class Models
            {
                public object Triage(OpenAIClient client) => client.GetChatClient("contoso-triage-v1");
            }
            """;

        const string WorkerCode = Code + """

            public class Summaries
            {
                public object Summary(OpenAIClient client) => client.GetChatClient("contoso-summary-v2");
            }
            """;
        const string WorkerTable = """
            { "models": [
              { "provider": "openai", "id": "contoso-triage-v1", "shutdownDate": "2027-06-30" },
              { "provider": "openai", "id": "contoso-summary-v2", "shutdownDate": "2027-09-30" }
            ] }
            """;

        // Listed in reverse path order, so a builder that kept the first project it met would keep Worker's facts.
        var input = await InMemoryInput.CreateSolutionAsync(
            folder.Root,
            new InMemoryProject("Worker", WorkerCode, ("worker.ailint-models.json", WorkerTable)),
            new InMemoryProject("Api", Code, ("Models/team.ailint-models.json", TeamTable)));
        var bom = await AiBomBuilder.BuildAsync(input, TextWriter.Null);

        // An id only Worker uses gets Worker's row.
        Assert.Equal(new ModelFacts(true, "deprecated (shutdown 2027-09-30)"), Facts(bom, "model:openai/contoso-summary-v2"));

        // One component for the id both use; Api/App.csproj sorts first, so Api's row decides.
        Assert.Equal(new ModelFacts(true, "retired (shutdown 2026-01-31, per https://wiki.contoso.example/llm-proxy)"), Facts(bom, "model:openai/contoso-triage-v1"));
        Assert.Equal("model:openai/contoso-triage-v1", Assert.Single(bom.Projects.Single(p => p.RelativePath == "Api/App.csproj").ModelRefs));
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }

    private static async Task<AiBom> BuildAsync(string directory, string source, params (string, string)[] additionalFiles)
    {
        var input = await InMemoryInput.CreateAsync(directory, source, additionalFiles);
        return await AiBomBuilder.BuildAsync(input, TextWriter.Null);
    }

    private static ModelFacts? Facts(AiBom bom, string bomRef) => Assert.Single(bom.Models, m => m.BomRef == bomRef).Facts;

    private static List<(string Name, string Value)> Properties(string json, string bomRef)
    {
        using var document = JsonDocument.Parse(json);
        var component = document.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("bom-ref").GetString() == bomRef);
        return component.GetProperty("properties").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("value").GetString()!))
            .ToList();
    }
}
