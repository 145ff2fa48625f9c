using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using KitReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// The references test code compiles against: the .NET and ASP.NET Core reference packs, resolved by the kit's
/// <see cref="KitReferenceAssemblies"/> through NuGet, and the real LLM SDK packages the test project references.
/// </summary>
public static class ReferenceAssemblies
{
    /// <summary>
    /// The framework test code targets. The test project restores both packs (<c>PackageDownload</c>, through the
    /// machine's NuGet sources); the kit finds them in the NuGet packages folder and unpacks them into its cache
    /// (<c>%TEMP%/test-packages</c>). 10.0.12 is the pack of the .NET 10 SDK the repository builds with; naming it keeps
    /// tests independent of the SDK that runs them.
    /// </summary>
    public static KitReferenceAssemblies Framework { get; } =
        new KitReferenceAssemblies("net10.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"), Path.Combine("ref", "net10.0"))
            .AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "10.0.12")));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(ResolveFramework);

    private static ImmutableArray<MetadataReference> ResolveFramework()
    {
        // When kit 1.1.4 had to download the packs itself (clean cache, packs not in the NuGet packages folder), that
        // process got .NET without ASP.NET Core. The test project restores both packs (PackageDownload), so the kit finds
        // them installed; this check names the cause should that ever regress.
        var references = Task.Run(() => Framework.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult();
        if (!references.Any(r => Path.GetFileName(r.Display) == "Microsoft.AspNetCore.Http.Abstractions.dll"))
        {
            throw new InvalidOperationException(
                "The kit resolved the .NET reference pack without ASP.NET Core's. Restore the test project (it downloads "
                + "Microsoft.AspNetCore.App.Ref 10.0.12) and clear the kit cache " + Path.Combine(Path.GetTempPath(), "test-packages") + ".");
        }

        return references;
    }

    private static readonly Lazy<ImmutableHashSet<string>> LazyFrameworkPaths = new(() =>
        LazyFramework.Value.Select(r => r.Display ?? string.Empty).ToImmutableHashSet(StringComparer.Ordinal));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyDefault = new(Build);

    /// <summary>Framework reference assemblies, the LLM SDKs, Polly, OpenTelemetry.Api, MCP and AiLint.Annotations.</summary>
    public static ImmutableArray<MetadataReference> Default => LazyDefault.Value;

    /// <summary>Only the framework reference assemblies: for "SDK not referenced" tests.</summary>
    public static ImmutableArray<MetadataReference> FrameworkOnly => LazyFramework.Value;

    /// <summary>The paths of <see cref="FrameworkOnly"/>: the part of a reference list the kit's <see cref="Framework"/> supplies.</summary>
    internal static ImmutableHashSet<string> FrameworkPaths => LazyFrameworkPaths.Value;

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
        var framework = FrameworkOnly;
        var frameworkNames = new HashSet<string>(framework.Select(r => Path.GetFileName(r.Display!)), StringComparer.OrdinalIgnoreCase);
        return framework.Concat(sdk.Where(r => !frameworkNames.Contains(Path.GetFileName(r.Display!)))).ToImmutableArray();
    }

    /// <summary>File-name prefixes of the SDK packages' assemblies (and their dependencies) in the test output.</summary>
    private static readonly string[] SdkAssemblyPrefixes =
    {
        "OpenAI.", "Anthropic", "Azure.AI.OpenAI", "Azure.Core", "System.ClientModel", "System.Memory.Data",
        "Microsoft.Extensions.", "Microsoft.Agents.AI", "Microsoft.SemanticKernel", "OllamaSharp",
        "Polly", "OpenTelemetry", "ModelContextProtocol", "Grpc.Core.Api", "Hangfire",
        "Flurl", "RestSharp",
    };
}
