using System.Text.Json;
using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

public class CycloneDxWriterTests
{
    [Fact]
    public void Project_bom_follows_the_CycloneDX_1_6_rules()
    {
        var json = CycloneDxWriter.Write(ProjectBom());

        Assert.Empty(CycloneDx16Rules.Validate(json));
    }

    [Fact]
    public void Solution_bom_follows_the_CycloneDX_1_6_rules_and_lists_projects_as_components()
    {
        var bom = ProjectBom() with
        {
            Name = "Shop",
            IsSolution = true,
            Projects = [ProjectBom().Projects[0], new BomProject("Worker", "src/Worker/Worker.csproj", "1.0.0.0", [], [], [], [])],
        };

        var json = CycloneDxWriter.Write(bom);

        Assert.Empty(CycloneDx16Rules.Validate(json));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("solution:Shop", document.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString());
        var root = document.RootElement.GetProperty("dependencies").EnumerateArray().First(d => d.GetProperty("ref").GetString() == "solution:Shop");
        Assert.Equal(["project:src/App/App.csproj", "project:src/Worker/Worker.csproj"], root.GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Writes_each_component_kind()
    {
        using var document = JsonDocument.Parse(CycloneDxWriter.Write(ProjectBom()));
        var components = document.RootElement.GetProperty("components").EnumerateArray().ToList();

        var package = Assert.Single(components, c => c.GetProperty("type").GetString() == "library");
        Assert.Equal("pkg:nuget/OpenAI@2.15.0", package.GetProperty("purl").GetString());
        var model = Assert.Single(components, c => c.GetProperty("type").GetString() == "machine-learning-model");
        Assert.Equal("gpt-4o-mini", model.GetProperty("name").GetString());
        Assert.Contains(("ailint:model:pinned", "false"), Properties(model));
        var prompt = Assert.Single(components, c => c.GetProperty("type").GetString() == "data");
        Assert.Equal(new string('a', 64), prompt.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.Contains(("ailint:prompt:covering-case", "refund-escalates"), Properties(prompt));
        Assert.Contains(("ailint:prompt:location", "Prompts.cs:3"), Properties(prompt));
        var service = Assert.Single(document.RootElement.GetProperty("services").EnumerateArray());
        Assert.Equal("https://mcp.example.com/mcp", service.GetProperty("endpoints")[0].GetString());

        var model_ = document.RootElement.GetProperty("dependencies").EnumerateArray().First(d => d.GetProperty("ref").GetString() == "model:openai/gpt-4o-mini");
        Assert.Equal(["pkg:nuget/OpenAI@2.15.0"], model_.GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Same_bom_gives_the_same_bytes_and_a_content_derived_serial_number()
    {
        var first = CycloneDxWriter.Write(ProjectBom());
        var second = CycloneDxWriter.Write(ProjectBom());
        var changed = CycloneDxWriter.Write(ProjectBom() with { Models = [] });

        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
        Assert.DoesNotContain("timestamp", first, StringComparison.Ordinal);
        Assert.NotEqual(Serial(first), Serial(changed));
    }

    [Fact]
    public void Adds_a_timestamp_only_when_asked_and_keeps_the_serial_number()
    {
        var plain = CycloneDxWriter.Write(ProjectBom());
        var stamped = CycloneDxWriter.Write(ProjectBom(), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        using var document = JsonDocument.Parse(stamped);
        Assert.Equal("2026-01-02T03:04:05Z", document.RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
        Assert.Equal(Serial(plain), Serial(stamped));
        Assert.Empty(CycloneDx16Rules.Validate(stamped));
    }

    [Fact]
    public void The_rule_checks_catch_broken_documents()
    {
        // Guards the guard: a validator that accepts everything would make the tests above meaningless.
        var broken = """
            {
              "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 0, "serialNumber": "urn:uuid:XYZ",
              "components": [
                { "type": "prompt", "name": "a", "bom-ref": "x", "hashes": [{ "alg": "SHA-256", "content": "abc" }] },
                { "type": "library", "name": "b", "bom-ref": "x", "purl": "nuget/OpenAI 2.15.0", "extra": 1 }
              ],
              "services": [{ "bom-ref": "s" }],
              "dependencies": [{ "ref": "x", "dependsOn": ["missing", "s", "s"] }, { "ref": "gone" }]
            }
            """;

        var errors = CycloneDx16Rules.Validate(broken);

        Assert.Contains(errors, e => e.StartsWith("specVersion", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("version", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("serialNumber", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("type is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("hash content", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("purl", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'extra' is not a 1.6 field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("services[0]: name is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("bom-ref 'x' is not unique", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'missing', which is not a bom-ref", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("duplicates", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ref 'gone' is not a bom-ref", StringComparison.Ordinal));
    }

    internal static AiBom ProjectBom()
    {
        var openAi = new BomPackage("OpenAI", "2.15.0", []);
        var location = new SourceLocation("Chat.cs", 7);
        var model = new BomModel(AiLint.Analyzers.Rules.Models.ModelSlotKind.ModelId, "openai", "gpt-4o-mini", "literal", ["new OpenAI.Chat.ChatClient(model)"], [location], new ModelFacts(false, null), [openAi.Purl]);
        var prompt = new BomPrompt("project:src/App/App.csproj", "support.refunds", new string('a', 64), new SourceLocation("Prompts.cs", 3), "covered", ["refund-escalates"], null, 1, 1, ["evals/app.evals.jsonl"]);
        var server = new BomMcpServer("http", "https://mcp.example.com/mcp", true, null, null, [], [location]);
        var project = new BomProject("App", "src/App/App.csproj", "1.0.0.0", [openAi.Purl], [model.BomRef], [prompt.BomRef], [server.BomRef]);
        return new AiBom("App", false, [project], [openAi], [model], [prompt], [server]);
    }

    private static string? Serial(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("serialNumber").GetString();
    }

    private static IEnumerable<(string?, string?)> Properties(JsonElement element) =>
        element.GetProperty("properties").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("value").GetString())).ToList();
}
