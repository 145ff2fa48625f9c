using System.Text.Json;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>Runs <c>ailint bom</c> twice on samples/SupportAssistant (MSBuildWorkspace: slow, so once per class).</summary>
public sealed class SampleBomFixture : IAsyncLifetime
{
    public string Json { get; private set; } = string.Empty;

    public string SecondJson { get; private set; } = string.Empty;

    public string Stderr { get; private set; } = string.Empty;

    public int ExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        (ExitCode, Json, Stderr) = await ToolRunner.RunAsync("bom", RepositoryPaths.SampleProject);
        (_, SecondJson, _) = await ToolRunner.RunAsync("bom", RepositoryPaths.SampleProject);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[Collection(SampleCollection.Name)]
public class SampleBomTests(SampleBomFixture sample) : IClassFixture<SampleBomFixture>
{
    [Fact]
    public void Succeeds_and_validates()
    {
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        Assert.Empty(CycloneDx16Rules.Validate(sample.Json));
    }

    [Fact]
    public void Is_deterministic()
    {
        Assert.Equal(sample.Json, sample.SecondJson);
    }

    [Fact]
    public void Root_is_the_project_and_lists_its_SDK_packages_with_purls()
    {
        using var document = JsonDocument.Parse(sample.Json);
        var root = document.RootElement.GetProperty("metadata").GetProperty("component");
        Assert.Equal("SupportAssistant", root.GetProperty("name").GetString());

        var purls = Components(document, "library").Select(c => c.GetProperty("purl").GetString()).ToList();
        Assert.Contains("pkg:nuget/OpenAI@2.15.0", purls);
        Assert.Contains("pkg:nuget/Anthropic@13.15.0", purls);
        Assert.Contains("pkg:nuget/ModelContextProtocol@2.4.0", purls);
        Assert.Contains("pkg:nuget/Microsoft.Agents.AI@1.28.0", purls);
        Assert.DoesNotContain(purls, p => p!.StartsWith("pkg:nuget/Polly", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_the_models_the_sample_writes()
    {
        using var document = JsonDocument.Parse(sample.Json);
        var models = Components(document, "machine-learning-model").Select(c => c.GetProperty("bom-ref").GetString()).ToList();

        // samples/SupportAssistant: new ChatClient("gpt-4o-mini", ...) in Retry/ (and EscalationOptions.ModelId's default),
        // Model.ClaudeHaiku4_5 and AsIChatClient("claude-haiku-4-5"); Models/ModelChoices.cs: GetChatClient("gpt-4o"),
        // GetChatClient("gpt-5-mini-2025-08-07"), GetChatClient(Triage = "contoso-triage-v1"), GetChatClient("gpt-6-astra"),
        // and ChatOptions.ModelId = "claude-sonnet-4-5-20250929" (a Microsoft.Extensions.AI slot: no provider).
        Assert.Equal(
            [
                "model:anthropic/claude-haiku-4-5", "model:openai/contoso-triage-v1", "model:openai/gpt-4o", "model:openai/gpt-4o-mini",
                "model:openai/gpt-5-mini-2025-08-07", "model:openai/gpt-6-astra", "model:unspecified/claude-sonnet-4-5-20250929",
            ],
            models);
    }

    [Fact]
    public void Model_facts_come_from_the_samples_model_table_files()
    {
        using var document = JsonDocument.Parse(sample.Json);
        var models = Components(document, "machine-learning-model").ToDictionary(c => c.GetProperty("bom-ref").GetString()!, Properties);

        // Models/team.ailint-models.json: contoso-triage-v1 shut down on 2026-01-31 (AIL0503 in the build).
        Assert.Equal("retired (shutdown 2026-01-31, per https://wiki.contoso.example/llm-proxy)", models["model:openai/contoso-triage-v1"]["ailint:model:deprecation"].Single());
        Assert.Equal("true", models["model:openai/contoso-triage-v1"]["ailint:model:pinned"].Single());

        // The shipped table: gpt-5-mini-2025-08-07 shuts down on 2026-12-11, after the table's compile date (AIL0502).
        Assert.StartsWith("deprecated (shutdown 2026-12-11", models["model:openai/gpt-5-mini-2025-08-07"]["ailint:model:deprecation"].Single(), StringComparison.Ordinal);
        Assert.All(models.Values, m => Assert.Equal("model-id", m["ailint:model:kind"].Single()));
    }

    [Fact]
    public void Lists_prompts_with_hashes_and_coverage()
    {
        using var document = JsonDocument.Parse(sample.Json);
        var prompts = Components(document, "data").ToDictionary(c => c.GetProperty("name").GetString()!, Properties);

        Assert.Equal("no-cases", prompts["support.refunds"]["ailint:prompt:coverage"].Single());
        Assert.Equal("stale", prompts["SupportAssistant.Prompts.SupportPrompts.OrderStatus"]["ailint:prompt:coverage"].Single());
        Assert.Equal(["card-number-not-repeated", "category-name-only", "chargeback-is-refund"], prompts["SupportAssistant.Prompts.SupportPrompts.Triage"]["ailint:prompt:covering-case"]);
        // NightlyDigest's prompt is assembled at run time from the day's tickets: no build knows its text, so it has no
        // hash (the AIL0302 page: its staleness is not checked). Every prompt whose text is known has one.
        Assert.Equal("not-constant", prompts["SupportAssistant.Retry.NightlyDigest.SummarizeDayAsync"]["ailint:prompt:coverage"].Single());
        var data = Components(document, "data").ToList();
        Assert.False(data.Single(c => c.GetProperty("name").GetString() == "SupportAssistant.Retry.NightlyDigest.SummarizeDayAsync").TryGetProperty("hashes", out _));
        Assert.All(
            data.Where(c => Properties(c)["ailint:prompt:coverage"].Single() != "not-constant"),
            c => Assert.Equal("SHA-256", c.GetProperty("hashes")[0].GetProperty("alg").GetString()));
    }

    [Fact]
    public void Lists_the_MCP_servers_the_sample_connects_to()
    {
        using var document = JsonDocument.Parse(sample.Json);
        var endpoints = document.RootElement.GetProperty("services").EnumerateArray()
            .SelectMany(s => s.TryGetProperty("endpoints", out var e) ? e.EnumerateArray().Select(x => x.GetString()) : [])
            .ToList();

        // McpServerSettings.OrdersEndpoint, KnowledgeBaseSettings.Endpoint and the hosted GitHub server's defaults.
        Assert.Contains("http://localhost:5100/mcp", endpoints);
        Assert.Contains("http://localhost:5200/mcp", endpoints);
        Assert.Contains("https://api.githubcopilot.com/mcp/", endpoints);
    }

    [Fact]
    public void Readme_excerpt_is_real_output()
    {
        // Every component, service and dependency the README shows is in the sample's BOM, with every property shown.
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("```json\n", readme.IndexOf("An excerpt of `ailint bom samples/SupportAssistant", StringComparison.Ordinal), StringComparison.Ordinal) + 8;
        using var excerpt = JsonDocument.Parse(readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)]);
        using var actual = JsonDocument.Parse(sample.Json);

        foreach (var section in new[] { "components", "services" })
        {
            var byRef = actual.RootElement.GetProperty(section).EnumerateArray().ToDictionary(e => e.GetProperty("bom-ref").GetString()!);
            foreach (var shown in excerpt.RootElement.GetProperty(section).EnumerateArray())
            {
                var real = byRef[shown.GetProperty("bom-ref").GetString()!];
                foreach (var field in shown.EnumerateObject().Where(f => f.Name != "properties"))
                {
                    Assert.Equal(JsonSerializer.Serialize(field.Value), JsonSerializer.Serialize(real.GetProperty(field.Name)));
                }

                var properties = Pairs(real);
                Assert.All(Pairs(shown), p => Assert.Contains(p, properties));
            }
        }

        var dependencies = actual.RootElement.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("ref").GetString()!, d => JsonSerializer.Serialize(d.GetProperty("dependsOn")));
        foreach (var shown in excerpt.RootElement.GetProperty("dependencies").EnumerateArray())
        {
            Assert.Equal(JsonSerializer.Serialize(shown.GetProperty("dependsOn")), dependencies[shown.GetProperty("ref").GetString()!]);
        }
    }

    private static List<(string?, string?)> Pairs(JsonElement element) =>
        element.TryGetProperty("properties", out var properties)
            ? properties.EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("value").GetString())).ToList()
            : [];

    private static IEnumerable<JsonElement> Components(JsonDocument document, string type) =>
        document.RootElement.GetProperty("components").EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).ToList();

    private static Dictionary<string, List<string>> Properties(JsonElement component) =>
        component.GetProperty("properties").EnumerateArray()
            .GroupBy(p => p.GetProperty("name").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(p => p.GetProperty("value").GetString()!).ToList());
}

/// <summary>Tests that load samples/SupportAssistant run one after another: the first may restore it.</summary>
[CollectionDefinition(Name)]
public sealed class SampleCollection
{
    public const string Name = "SupportAssistant sample";
}
