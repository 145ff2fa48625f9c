using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// Reference sets with an older version of an SDK package in place of the current one, for the APIs real apps still
/// compile against, or with a package the test project does not reference added. The older packages are <c>PackageDownload</c> items of the test project (restored with it, never
/// referenced), read from the NuGet packages folder the restore used.
/// </summary>
public static class OlderSdkReferences
{
    // The pre-2.0 and community SDKs of tests/AiLint.Tests/Sdks. Their netstandard2.0 libraries take IAsyncEnumerable
    // from Microsoft.Bcl.AsyncInterfaces (which forwards it to the framework on .NET).
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAzureOpenAIBeta = new(() =>
        Replacing(("Azure.AI.OpenAI", "1.0.0-beta.6"), ("Microsoft.Bcl.AsyncInterfaces", "8.0.0")));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAzureAIInference = new(() =>
        Adding(("Azure.AI.Inference", "1.0.0-beta.5")));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyBetalgo = new(() =>
        Adding(("Betalgo.Ranul.OpenAI", "9.2.6"), ("Betalgo.Ranul.OpenAI.Contracts", "9.2.6")));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyOpenAIApi = new(() =>
        Adding(("OpenAI", "1.11.0"), ("Newtonsoft.Json", "13.0.3"), ("Microsoft.Bcl.AsyncInterfaces", "8.0.0")));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyThirdPartyLoggers = new(() =>
        Adding(("Serilog", "4.4.0"), ("NLog", "6.2.2")));

    /// <summary>The defaults plus Serilog 4.4.0 and NLog 6.2.2, the logging libraries apps use beside Microsoft.Extensions.Logging.</summary>
    public static ImmutableArray<MetadataReference> ThirdPartyLoggers => LazyThirdPartyLoggers.Value;

    /// <summary>Azure.AI.OpenAI 1.0.0-beta.6 (<c>OpenAIClient.GetChatCompletions</c>) in place of the 2.x package (same assembly name).</summary>
    public static ImmutableArray<MetadataReference> AzureOpenAIBeta => LazyAzureOpenAIBeta.Value;

    /// <summary>The defaults plus Azure.AI.Inference 1.0.0-beta.5 (<c>ChatCompletionsClient</c>).</summary>
    public static ImmutableArray<MetadataReference> AzureAIInference => LazyAzureAIInference.Value;

    /// <summary>The defaults plus Betalgo.Ranul.OpenAI 9.2.6 and its contracts.</summary>
    public static ImmutableArray<MetadataReference> Betalgo => LazyBetalgo.Value;

    /// <summary>
    /// The defaults plus OpenAI 1.11.0, OkGoDoIt's library: its assembly is <c>OpenAI_API</c>, so it sits beside the
    /// official OpenAI 2.x assembly without replacing it.
    /// </summary>
    public static ImmutableArray<MetadataReference> OpenAIApi => LazyOpenAIApi.Value;

    /// <summary>
    /// <see cref="ReferenceAssemblies.Default"/> with every assembly of the given packages replaced by the older
    /// version's (assemblies matched by file name; an older package's extra assemblies are added).
    /// </summary>
    public static ImmutableArray<MetadataReference> Replacing(params (string PackageId, string Version)[] packages)
    {
        var older = packages.SelectMany(p => PackageAssemblies(p.PackageId, p.Version)).ToList();
        var names = new HashSet<string>(older.Select(Path.GetFileName)!, StringComparer.OrdinalIgnoreCase);
        return ReferenceAssemblies.Default
            .Where(r => !names.Contains(Path.GetFileName(r.Display ?? string.Empty)))
            .Concat(older.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
            .ToImmutableArray();
    }

    /// <summary>
    /// <see cref="ReferenceAssemblies.Default"/> plus the assemblies of packages the test project only downloads, for
    /// code that real apps write next to the SDKs (EF Core's <c>DbContext</c> in a minimal-API handler).
    /// </summary>
    public static ImmutableArray<MetadataReference> Adding(params (string PackageId, string Version)[] packages) =>
        ReferenceAssemblies.Default
            .AddRange(packages.SelectMany(p => PackageAssemblies(p.PackageId, p.Version)).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));

    /// <summary>Only the framework and the given packages' assemblies (for a package whose dependents would not bind to it).</summary>
    public static ImmutableArray<MetadataReference> FrameworkAnd(params (string PackageId, string Version)[] packages) =>
        ReferenceAssemblies.FrameworkOnly
            .AddRange(packages.SelectMany(p => PackageAssemblies(p.PackageId, p.Version)).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));

    /// <summary>The assemblies of the package's best library folder for the test's target framework.</summary>
    private static IEnumerable<string> PackageAssemblies(string packageId, string version)
    {
        var lib = Path.Combine(PackagesFolder(), packageId.ToLowerInvariant(), version.ToLowerInvariant(), "lib");
        if (!Directory.Exists(lib))
        {
            throw new InvalidOperationException($"{packageId} {version} is not in '{lib}': restore the test project (it downloads the package).");
        }

        foreach (var framework in new[] { "net10.0", "net9.0", "net8.0", "netstandard2.1", "netstandard2.0" })
        {
            var folder = Path.Combine(lib, framework);
            if (Directory.Exists(folder))
            {
                return Directory.EnumerateFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal).ToList();
            }
        }

        throw new InvalidOperationException($"{packageId} {version} has no library for net10.0 or netstandard2.x under '{lib}'.");
    }

    /// <summary>The folder restore used: NUGET_PACKAGES when set (as on CI), else the default ~/.nuget/packages.</summary>
    private static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
