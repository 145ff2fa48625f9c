using System.Text;
using AiLint.Analyzers.Rules.Models;

namespace AiLint.Tool.Bom;

/// <summary>The human summary of an AI bill of materials (<c>ailint bom --format md</c>).</summary>
internal static class BomMarkdownWriter
{
    public static string Write(AiBom bom)
    {
        var md = new StringBuilder();
        md.Append("# AI bill of materials: ").Append(bom.Name).Append('\n').Append('\n');
        md.Append($"{Counted.Of(bom.Projects.Length, "project")}, {Counted.Of(bom.Packages.Length, "LLM SDK package")}, {Counted.Of(bom.Models.Length, "model")}, ")
          .Append($"{Counted.Of(bom.Prompts.Length, "prompt")}, {Counted.Of(bom.McpServers.Length, "MCP server")}.\n");

        md.Append("\n## LLM SDK packages\n\n");
        Table(md, ["Package", "Version", "purl"], bom.Packages.Select(p => new[] { p.Id, p.Version, Code(p.Purl) }));

        md.Append("\n## Models\n\n");
        Table(md, ["Model", "Provider", "Pinned", "Used at"], bom.Models.Select(m => new[]
        {
            Code(m.Id) + (m.Source switch { "enum-member" => " (SDK enum)", "catalog-member" => " (SDK catalog)", "settings" => " (settings)", "fallback" => " (fallback)", _ => string.Empty }) + (m.Kind == ModelSlotKind.Deployment ? " (deployment)" : string.Empty),
            m.Provider ?? "unspecified",
            m.Kind == ModelSlotKind.Deployment
                ? "n/a (a deployment name, not a model id)"
                : m.Facts?.Pinned switch { true => "pinned", false => "floating", null => "unknown" } + (m.Facts?.Deprecation is { } d ? $" — {d}" : string.Empty),
            string.Join(", ", m.Locations.Select(l => Code(l.ToString()))),
        }));

        md.Append("\n## Prompts\n\n");
        Table(md, ["Prompt", "Declared at", "Coverage", "Instructions", "Covering cases", "sha256"], bom.Prompts.Select(p => new[]
        {
            Code(p.Id),
            Code(p.Location.ToString()),
            p.Status,
            $"{p.InstructionsCovered}/{p.Instructions}",
            p.CoveringCases.IsEmpty ? "none" : string.Join(", ", p.CoveringCases.Select(Code)),
            p.Sha256 is null ? "n/a" : Code(p.Sha256[..12] + "…"),
        }));

        md.Append("\n## MCP servers\n\n");
        Table(md, ["Transport", "Endpoint or command (as written)", "Used at"], bom.McpServers.Select(s => new[]
        {
            s.Transport + (s.Name is null ? string.Empty : $" ({s.Name})"),
            Code(s.Target) + (s.IsUnresolved ? " (unresolved)" : string.Empty) + (s.Origin is null ? string.Empty : $" ({s.Origin})") + (s.Arguments.IsEmpty ? string.Empty : " " + string.Join(" ", s.Arguments.Select(a => Code(a.Text) + (a.IsUnresolved ? " (unresolved)" : string.Empty)))),
            string.Join(", ", s.Locations.Select(l => Code(l.ToString()))),
        }));

        return md.ToString();
    }

    private static void Table(StringBuilder md, string[] headers, IEnumerable<string[]> rows)
    {
        var any = false;
        foreach (var row in rows)
        {
            if (!any)
            {
                md.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
                md.Append('|').Append(string.Concat(headers.Select(_ => "---|"))).Append('\n');
                any = true;
            }

            md.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }

        if (!any)
        {
            md.Append("None found.\n");
        }
    }

    private static string Code(string text) => $"`{text}`";
}
