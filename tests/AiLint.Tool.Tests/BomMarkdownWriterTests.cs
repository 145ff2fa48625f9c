using AiLint.Tool.Bom;

namespace AiLint.Tool.Tests;

public class BomMarkdownWriterTests
{
    [Fact]
    public void Summarises_each_component_kind()
    {
        var markdown = BomMarkdownWriter.Write(CycloneDxWriterTests.ProjectBom());

        Assert.StartsWith("# AI bill of materials: App\n\n1 project, 1 LLM SDK package, 1 model, 1 prompt, 1 MCP server.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| OpenAI | 2.15.0 | `pkg:nuget/OpenAI@2.15.0` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `gpt-4o-mini` | openai | floating | `Chat.cs:7` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `support.refunds` | `Prompts.cs:3` | covered | 1/1 | `refund-escalates` | `aaaaaaaaaaaa…` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| http | `https://mcp.example.com/mcp` | `Chat.cs:7` |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_none_found_for_empty_sections()
    {
        var bom = CycloneDxWriterTests.ProjectBom() with { Models = [], McpServers = [] };

        var markdown = BomMarkdownWriter.Write(bom);

        Assert.Contains("## Models\n\nNone found.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## MCP servers\n\nNone found.\n", markdown, StringComparison.Ordinal);
    }
}
