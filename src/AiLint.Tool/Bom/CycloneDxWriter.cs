using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AiLint.Tool.Bom;

/// <summary>
/// Writes an <see cref="AiBom"/> as a CycloneDX 1.6 JSON document. Deterministic: the builder sorts every list,
/// this writer adds no timestamp unless one is passed, always writes '\n' line ends, and derives the serial
/// number from a SHA-256 of the document itself (written without serial number and timestamp).
/// </summary>
internal static class CycloneDxWriter
{
    public const string SpecVersion = "1.6";

    /// <summary>Prefix of every AiLint property name (CycloneDX properties are free name/value pairs).</summary>
    public const string PropertyPrefix = "ailint:";

    public static string Write(AiBom bom, DateTimeOffset? timestamp = null)
    {
        var unsigned = Render(bom, serialNumber: null, timestamp: null);
        var serial = SerialNumberOf(unsigned);
        return Encoding.UTF8.GetString(Render(bom, serial, timestamp));
    }

    /// <summary>A urn:uuid from the first 16 bytes of the content hash, marked as a name-based (version 5 style) UUID.</summary>
    internal static string SerialNumberOf(byte[] content)
    {
        var bytes = SHA256.HashData(content).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexString(bytes).ToLowerInvariant();
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static byte[] Render(AiBom bom, string? serialNumber, DateTimeOffset? timestamp)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteString("bomFormat", "CycloneDX");
            json.WriteString("specVersion", SpecVersion);
            if (serialNumber is not null)
            {
                json.WriteString("serialNumber", serialNumber);
            }

            json.WriteNumber("version", 1);
            WriteMetadata(json, bom, timestamp);

            json.WriteStartArray("components");
            if (bom.IsSolution)
            {
                foreach (var project in bom.Projects)
                {
                    WriteProject(json, project);
                }
            }

            foreach (var package in bom.Packages)
            {
                WritePackage(json, package);
            }

            foreach (var model in bom.Models)
            {
                WriteModel(json, model);
            }

            foreach (var prompt in bom.Prompts)
            {
                WritePrompt(json, prompt);
            }

            json.WriteEndArray();

            json.WriteStartArray("services");
            foreach (var server in bom.McpServers)
            {
                WriteMcpServer(json, server);
            }

            json.WriteEndArray();
            WriteDependencies(json, bom);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteMetadata(Utf8JsonWriter json, AiBom bom, DateTimeOffset? timestamp)
    {
        json.WriteStartObject("metadata");
        if (timestamp is { } time)
        {
            json.WriteString("timestamp", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteStartObject("tools");
        json.WriteStartArray("components");
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("name", "ailint");
        json.WriteString("version", ToolVersion);
        json.WriteString("purl", $"pkg:nuget/AiLint.Tool@{ToolVersion}");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();

        if (bom.IsSolution)
        {
            json.WriteStartObject("component");
            json.WriteString("type", "application");
            json.WriteString("bom-ref", bom.RootRef);
            json.WriteString("name", bom.Name);
            WriteProperties(json, [("ailint:solution", bom.Name)]);
            json.WriteEndObject();
        }
        else
        {
            json.WritePropertyName("component");
            WriteProject(json, bom.Projects[0]);
        }

        WriteProperties(json, [("ailint:bom", "ai-bill-of-materials")]);
        json.WriteEndObject();
    }

    private static void WriteProject(Utf8JsonWriter json, BomProject project)
    {
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("bom-ref", project.BomRef);
        json.WriteString("name", project.Name);
        json.WriteString("version", project.Version);
        WriteProperties(json, [("ailint:project:path", project.RelativePath)]);
        json.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter json, BomPackage package)
    {
        json.WriteStartObject();
        json.WriteString("type", "library");
        json.WriteString("bom-ref", package.Purl);
        json.WriteString("name", package.Id);
        json.WriteString("version", package.Version);
        json.WriteString("purl", package.Purl);
        WriteProperties(json, [("ailint:package:kind", "llm-sdk")]);
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json, BomModel model)
    {
        json.WriteStartObject();
        json.WriteString("type", "machine-learning-model");
        json.WriteString("bom-ref", model.BomRef);
        json.WriteString("name", model.Id);
        if (model.Provider is not null)
        {
            json.WriteString("group", model.Provider);
        }

        var properties = new List<(string, string)>
        {
            ("ailint:model:provider", model.Provider ?? "unspecified"),
            ("ailint:model:kind", model.KindName),
            ("ailint:model:id-source", model.Source),
        };
        if (model.Facts is { } facts)
        {
            // "unknown" for an id the model table does not list (nor dates): AIL0501 says nothing about it either.
            properties.Add(("ailint:model:pinned", facts.Pinned switch { true => "true", false => "false", null => "unknown" }));
        }

        if (model.Facts?.Deprecation is { } deprecation)
        {
            properties.Add(("ailint:model:deprecation", deprecation));
        }

        properties.AddRange(model.Slots.Select(s => ("ailint:model:slot", s)));
        properties.AddRange(model.Locations.Select(l => ("ailint:location", l.ToString())));
        WriteProperties(json, properties);
        json.WriteEndObject();
    }

    private static void WritePrompt(Utf8JsonWriter json, BomPrompt prompt)
    {
        json.WriteStartObject();
        json.WriteString("type", "data");
        json.WriteString("bom-ref", prompt.BomRef);
        json.WriteString("name", prompt.Id);
        if (prompt.Sha256 is not null)
        {
            json.WriteStartArray("hashes");
            json.WriteStartObject();
            json.WriteString("alg", "SHA-256");
            json.WriteString("content", prompt.Sha256);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        var properties = new List<(string, string)>
        {
            ("ailint:prompt:id", prompt.Id),
            ("ailint:prompt:location", prompt.Location.ToString()),
            ("ailint:prompt:coverage", prompt.Status),
            ("ailint:prompt:instructions-covered", $"{prompt.InstructionsCovered}/{prompt.Instructions}"),
        };
        properties.AddRange(prompt.CoveringCases.Select(c => ("ailint:prompt:covering-case", c)));
        if (prompt.LastPassingSha256 is not null)
        {
            properties.Add(("ailint:prompt:last-passing-sha256", prompt.LastPassingSha256));
        }

        properties.AddRange(prompt.EvalFiles.Select(f => ("ailint:prompt:eval-file", f)));
        WriteProperties(json, properties);
        json.WriteEndObject();
    }

    private static void WriteMcpServer(Utf8JsonWriter json, BomMcpServer server)
    {
        json.WriteStartObject();
        json.WriteString("bom-ref", server.BomRef);
        json.WriteString("name", server.Name ?? (server.IsUnresolved ? "unresolved" : server.Target));
        if (server.Transport != "stdio" && server.IsLiteral && Uri.TryCreate(server.Target, UriKind.Absolute, out _))
        {
            json.WriteStartArray("endpoints");
            json.WriteStringValue(server.Target);
            json.WriteEndArray();
        }

        var properties = new List<(string, string)>
        {
            ("ailint:mcp:transport", server.Transport),
            (server.Transport == "stdio" ? "ailint:mcp:command" : "ailint:mcp:endpoint", server.Target),
            ("ailint:mcp:as-written", server.IsUnresolved ? "unresolved" : server.IsLiteral ? "literal" : "expression"),
        };
        if (server.Origin is not null)
        {
            properties.Add(("ailint:mcp:origin", server.Origin));
        }

        // In command-line order; an argument the code does not spell out is its expression as written, under its own name.
        properties.AddRange(server.Arguments.Select(a => (a.IsLiteral ? "ailint:mcp:argument" : a.IsUnresolved ? "ailint:mcp:argument-unresolved" : "ailint:mcp:argument-expression", a.Text)));
        properties.AddRange(server.Locations.Select(l => ("ailint:location", l.ToString())));
        WriteProperties(json, properties);
        json.WriteEndObject();
    }

    /// <summary>
    /// The graph: the root depends on its projects (solution) or is the project; a project depends on the projects of
    /// the solution it references, the LLM SDK packages it references directly, its models, prompts and MCP servers; a package on the LLM SDK packages it
    /// depends on; a model on the package whose slot receives it. Every component and service has an entry.
    /// </summary>
    private static void WriteDependencies(Utf8JsonWriter json, AiBom bom)
    {
        var entries = new List<(string Ref, IEnumerable<string> DependsOn)>();
        if (bom.IsSolution)
        {
            entries.Add((bom.RootRef, bom.Projects.Select(p => p.BomRef)));
        }

        entries.AddRange(bom.Projects.Select(p => (p.BomRef, p.ProjectRefs.Concat(p.PackageRefs).Concat(p.ModelRefs).Concat(p.PromptRefs).Concat(p.McpServerRefs))));
        entries.AddRange(bom.Packages.Select(p => (p.Purl, (IEnumerable<string>)p.DependsOn)));
        entries.AddRange(bom.Models.Select(m => (m.BomRef, (IEnumerable<string>)m.DependsOn)));
        entries.AddRange(bom.Prompts.Select(p => (p.BomRef, Enumerable.Empty<string>())));
        entries.AddRange(bom.McpServers.Select(s => (s.BomRef, Enumerable.Empty<string>())));

        json.WriteStartArray("dependencies");
        foreach (var (reference, dependsOn) in entries)
        {
            json.WriteStartObject();
            json.WriteString("ref", reference);
            json.WriteStartArray("dependsOn");
            foreach (var target in dependsOn.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(target);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter json, IEnumerable<(string Name, string Value)> properties)
    {
        json.WriteStartArray("properties");
        foreach (var (name, value) in properties)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The tool's version without the source-revision suffix, so rebuilding the same version gives the same bytes.</summary>
    private static string ToolVersion { get; } =
        (typeof(CycloneDxWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
