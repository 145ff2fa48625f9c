using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiLint.Tool.Tests.Support;

/// <summary>
/// The CycloneDX 1.6 JSON rules the BOM must follow, written from the specification (bom-1.6.schema.json and the
/// purl spec) because the tests cannot fetch the schema: required fields and their types, allowed keys, the
/// component type and hash algorithm enums, patterns (serial number, hash content, purl), bom-ref uniqueness and
/// dependency references. Returns one message per violation; an empty list means the document passed.
/// </summary>
internal static partial class CycloneDx16Rules
{
    private static readonly HashSet<string> TopLevelKeys =
    [
        "$schema", "bomFormat", "specVersion", "serialNumber", "version", "metadata", "components", "services",
        "externalReferences", "dependencies", "compositions", "properties", "vulnerabilities", "annotations",
        "formulation", "declarations", "definitions", "signature",
    ];

    private static readonly HashSet<string> MetadataKeys =
        ["timestamp", "lifecycles", "tools", "authors", "component", "manufacture", "manufacturer", "supplier", "licenses", "properties"];

    private static readonly HashSet<string> ComponentTypes =
    [
        "application", "framework", "library", "container", "platform", "operating-system", "device", "device-driver",
        "firmware", "file", "machine-learning-model", "data", "cryptographic-asset",
    ];

    private static readonly HashSet<string> ComponentKeys =
    [
        "type", "mime-type", "bom-ref", "supplier", "manufacturer", "authors", "author", "publisher", "group", "name",
        "version", "description", "scope", "hashes", "licenses", "copyright", "cpe", "purl", "omniborId", "swhid", "swid",
        "modified", "pedigree", "externalReferences", "properties", "components", "evidence", "releaseNotes", "modelCard",
        "data", "cryptoProperties", "signature", "tags",
    ];

    private static readonly HashSet<string> ServiceKeys =
    [
        "bom-ref", "provider", "group", "name", "version", "description", "endpoints", "authenticated", "x-trust-boundary",
        "trustZone", "data", "licenses", "externalReferences", "properties", "services", "releaseNotes", "signature", "tags",
    ];

    private static readonly HashSet<string> HashAlgorithms =
    [
        "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512", "BLAKE2b-256", "BLAKE2b-384",
        "BLAKE2b-512", "BLAKE3",
    ];

    public static List<string> Validate(string json)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ["the document is not a JSON object"];
        }

        CheckKeys(root, TopLevelKeys, "$", errors);
        if (!root.TryGetProperty("bomFormat", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != "CycloneDX")
        {
            errors.Add("bomFormat is required and must be \"CycloneDX\"");
        }

        if (!root.TryGetProperty("specVersion", out var spec) || spec.ValueKind != JsonValueKind.String || spec.GetString() != "1.6")
        {
            errors.Add("specVersion is required and must be \"1.6\"");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v < 1)
        {
            errors.Add("version must be an integer >= 1");
        }

        if (root.TryGetProperty("serialNumber", out var serial) && !SerialNumber().IsMatch(serial.GetString() ?? string.Empty))
        {
            errors.Add($"serialNumber '{serial}' does not match ^urn:uuid:<RFC 4122 lower-case hex>$");
        }

        var refs = new List<string>();
        if (root.TryGetProperty("metadata", out var metadata))
        {
            CheckKeys(metadata, MetadataKeys, "metadata", errors);
            if (metadata.TryGetProperty("timestamp", out var timestamp)
                && !DateTimeOffset.TryParse(timestamp.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                errors.Add("metadata.timestamp is not a date-time");
            }

            if (metadata.TryGetProperty("component", out var main))
            {
                CheckComponent(main, "metadata.component", refs, errors);
            }

            if (metadata.TryGetProperty("tools", out var tools) && tools.TryGetProperty("components", out var toolComponents))
            {
                foreach (var (tool, i) in toolComponents.EnumerateArray().Select((t, i) => (t, i)))
                {
                    CheckComponent(tool, $"metadata.tools.components[{i}]", refs, errors);
                }
            }

            CheckProperties(metadata, "metadata", errors);
        }

        if (root.TryGetProperty("components", out var components))
        {
            foreach (var (component, i) in components.EnumerateArray().Select((c, i) => (c, i)))
            {
                CheckComponent(component, $"components[{i}]", refs, errors);
            }
        }

        if (root.TryGetProperty("services", out var services))
        {
            foreach (var (service, i) in services.EnumerateArray().Select((s, i) => (s, i)))
            {
                CheckService(service, $"services[{i}]", refs, errors);
            }
        }

        foreach (var duplicate in refs.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"bom-ref '{duplicate.Key}' is not unique");
        }

        if (root.TryGetProperty("dependencies", out var dependencies))
        {
            CheckDependencies(dependencies, refs.ToHashSet(StringComparer.Ordinal), errors);
        }

        return errors;
    }

    private static void CheckComponent(JsonElement component, string where, List<string> refs, List<string> errors)
    {
        CheckKeys(component, ComponentKeys, where, errors);
        if (!component.TryGetProperty("type", out var type) || !ComponentTypes.Contains(type.GetString() ?? string.Empty))
        {
            errors.Add($"{where}: type is required and must be one of the 1.6 component types");
        }

        RequireName(component, where, errors);
        CollectRef(component, where, refs, errors);
        if (component.TryGetProperty("purl", out var purl) && !Purl().IsMatch(purl.GetString() ?? string.Empty))
        {
            errors.Add($"{where}: purl '{purl}' is not pkg:<type>/<name>[@<version>]");
        }

        if (component.TryGetProperty("hashes", out var hashes))
        {
            foreach (var hash in hashes.EnumerateArray())
            {
                if (!HashAlgorithms.Contains(hash.GetProperty("alg").GetString() ?? string.Empty))
                {
                    errors.Add($"{where}: unknown hash algorithm {hash.GetProperty("alg")}");
                }

                if (!HashContent().IsMatch(hash.GetProperty("content").GetString() ?? string.Empty))
                {
                    errors.Add($"{where}: hash content is not hex of a valid length");
                }
            }
        }

        CheckProperties(component, where, errors);
        if (component.TryGetProperty("components", out var nested))
        {
            foreach (var (child, i) in nested.EnumerateArray().Select((c, i) => (c, i)))
            {
                CheckComponent(child, $"{where}.components[{i}]", refs, errors);
            }
        }
    }

    private static void CheckService(JsonElement service, string where, List<string> refs, List<string> errors)
    {
        CheckKeys(service, ServiceKeys, where, errors);
        RequireName(service, where, errors);
        CollectRef(service, where, refs, errors);
        if (service.TryGetProperty("endpoints", out var endpoints))
        {
            foreach (var endpoint in endpoints.EnumerateArray())
            {
                if (endpoint.ValueKind != JsonValueKind.String || !Uri.TryCreate(endpoint.GetString(), UriKind.RelativeOrAbsolute, out _))
                {
                    errors.Add($"{where}: endpoint {endpoint} is not an IRI reference");
                }
            }
        }

        CheckProperties(service, where, errors);
    }

    private static void CheckDependencies(JsonElement dependencies, HashSet<string> refs, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in dependencies.EnumerateArray())
        {
            if (!dependency.TryGetProperty("ref", out var reference) || reference.ValueKind != JsonValueKind.String)
            {
                errors.Add("dependencies: an entry has no ref");
                continue;
            }

            var name = reference.GetString()!;
            if (!refs.Contains(name))
            {
                errors.Add($"dependencies: ref '{name}' is not a bom-ref of the document");
            }

            if (!seen.Add(name))
            {
                errors.Add($"dependencies: ref '{name}' has two entries");
            }

            if (dependency.TryGetProperty("dependsOn", out var dependsOn))
            {
                var targets = dependsOn.EnumerateArray().Select(d => d.GetString()!).ToList();
                if (targets.Count != targets.Distinct(StringComparer.Ordinal).Count())
                {
                    errors.Add($"dependencies: dependsOn of '{name}' has duplicates (uniqueItems)");
                }

                errors.AddRange(targets.Where(t => !refs.Contains(t)).Select(t => $"dependencies: '{name}' depends on '{t}', which is not a bom-ref of the document"));
            }
        }
    }

    private static void CheckProperties(JsonElement element, string where, List<string> errors)
    {
        if (!element.TryGetProperty("properties", out var properties))
        {
            return;
        }

        foreach (var property in properties.EnumerateArray())
        {
            if (!property.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || (property.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.String))
            {
                errors.Add($"{where}: a property needs a string name and a string value");
            }
        }
    }

    private static void RequireName(JsonElement element, string where, List<string> errors)
    {
        if (!element.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
        {
            errors.Add($"{where}: name is required");
        }
    }

    private static void CollectRef(JsonElement element, string where, List<string> refs, List<string> errors)
    {
        if (!element.TryGetProperty("bom-ref", out var reference))
        {
            return;
        }

        var text = reference.GetString();
        if (string.IsNullOrEmpty(text) || text.StartsWith("urn:cdx:", StringComparison.Ordinal))
        {
            errors.Add($"{where}: bom-ref must be a non-empty string not starting with urn:cdx:");
            return;
        }

        refs.Add(text);
    }

    private static void CheckKeys(JsonElement element, HashSet<string> allowed, string where, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{where}: not an object");
            return;
        }

        errors.AddRange(element.EnumerateObject().Where(p => !allowed.Contains(p.Name)).Select(p => $"{where}: '{p.Name}' is not a 1.6 field (additionalProperties: false)"));
    }

    [GeneratedRegex("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex SerialNumber();

    [GeneratedRegex("^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$")]
    private static partial Regex HashContent();

    // purl: scheme "pkg:", a lower-case type, optional namespace segments, a name, an optional @version; no spaces.
    [GeneratedRegex(@"^pkg:[a-z][a-z0-9.+-]*/([^/@?#\s]+/)*[^/@?#\s]+(@[^?#\s]+)?(\?[^#\s]*)?(#\S*)?$")]
    private static partial Regex Purl();
}
