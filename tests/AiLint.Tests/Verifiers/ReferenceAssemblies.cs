using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// The references test code compiles against: the real .NET and ASP.NET Core reference assemblies shipped with the SDK
/// that runs the tests, and the real LLM SDK packages the test project references.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyDefault = new(Build);

    /// <summary>Framework reference assemblies, the LLM SDKs, Polly, OpenTelemetry.Api, MCP and AiLint.Annotations.</summary>
    public static ImmutableArray<MetadataReference> Default => LazyDefault.Value;

    /// <summary>Only the framework reference assemblies: for "SDK not referenced" tests.</summary>
    public static ImmutableArray<MetadataReference> FrameworkOnly => LazyFramework.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(() => FrameworkReferences().ToImmutableArray());

    private static ImmutableArray<MetadataReference> Build()
    {
        // Every assembly of the real SDK packages the test project references (copied next to the tests by NuGet),
        // found by file-name prefix so a package's satellite assemblies (Azure.Core, Polly.Core, the SK connectors,
        // Microsoft.Extensions.Resilience, ...) come along without listing each one.
        var sdk = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => SdkAssemblyPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Append(typeof(global::AiLint.PromptAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));

        // Framework assemblies already present as reference assemblies win over package copies of the same name.
        var framework = FrameworkReferences().ToList();
        var frameworkNames = new HashSet<string>(framework.Select(r => Path.GetFileName(r.Display!)), StringComparer.OrdinalIgnoreCase);
        return framework.Concat(sdk.Where(r => !frameworkNames.Contains(Path.GetFileName(r.Display!)))).ToImmutableArray();
    }

    /// <summary>File-name prefixes of the SDK packages' assemblies (and their dependencies) in the test output.</summary>
    private static readonly string[] SdkAssemblyPrefixes =
    {
        "OpenAI.", "Anthropic", "Azure.AI.OpenAI", "Azure.Core", "System.ClientModel", "System.Memory.Data",
        "Microsoft.Extensions.", "Microsoft.Agents.AI", "Microsoft.SemanticKernel", "OllamaSharp",
        "Polly", "OpenTelemetry", "ModelContextProtocol", "Grpc.Core.Api",
    };

    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            foreach (var dll in Directory.EnumerateFiles(FindRefPack(pack), "*.dll"))
            {
                yield return MetadataReference.CreateFromFile(dll);
            }
        }
    }

    /// <summary>Finds <c>packs/&lt;pack&gt;/&lt;runtime version&gt;/ref/net*</c> under the dotnet root that runs the tests.</summary>
    private static string FindRefPack(string pack)
    {
        // typeof(object) lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var runtimeDir = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var dotnetRoot = runtimeDir.Parent!.Parent!.Parent!.FullName;
        var packDir = new DirectoryInfo(Path.Combine(dotnetRoot, "packs", pack));
        if (!packDir.Exists)
        {
            throw new InvalidOperationException($"Reference pack '{pack}' was not found under '{dotnetRoot}/packs'.");
        }

        var version = packDir.GetDirectories()
            .Select(d => (dir: d, version: Version.TryParse(d.Name.Split('-')[0], out var v) ? v : null))
            .Where(x => x.version != null && x.version.Major == Environment.Version.Major)
            .OrderByDescending(x => x.version)
            .Select(x => x.dir)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No {pack} for .NET {Environment.Version.Major} under '{packDir.FullName}'.");

        return version.GetDirectories("ref")[0].GetDirectories("net*").OrderByDescending(d => d.Name, StringComparer.Ordinal).First().FullName;
    }
}
