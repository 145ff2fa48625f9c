using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiLint.Tests.Schema;

/// <summary>The README section's side-by-side schemas are the generator's real output for the sample's TicketTriage.</summary>
public class DocsTests
{
    internal static string Pretty(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    internal static Dictionary<LlmProvider, string> SampleSchemas()
    {
        var source = File.ReadAllText(RepositoryPaths.Combine("samples", "SupportAssistant", "Schema", "TicketTriage.cs"));
        using var loaded = GeneratorHarness.CompileAndLoad("global using System;\nglobal using System.Collections.Generic;\n" + source);
        var type = loaded.Type("SupportAssistant.Schema.TicketTriage");
        return new[] { LlmProvider.OpenAI, LlmProvider.Anthropic, LlmProvider.Gemini }.ToDictionary(p => p, p => Pretty(type.GetJsonSchema(p)));
    }

    [Fact]
    public void Readme_section_shows_the_generated_schemas()
    {
        var section = File.ReadAllText(RepositoryPaths.Combine("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var (provider, schema) in SampleSchemas())
        {
            var match = Regex.Match(section, "<!-- schema:" + provider + " -->\n```json\n(.*?)\n```", RegexOptions.Singleline);
            Assert.True(match.Success, "no schema block for " + provider);
            Assert.Equal(schema.Replace("\r\n", "\n", StringComparison.Ordinal), match.Groups[1].Value);
        }
    }
}
