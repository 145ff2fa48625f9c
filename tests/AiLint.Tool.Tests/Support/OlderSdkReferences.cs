using Microsoft.CodeAnalysis;

namespace AiLint.Tool.Tests.Support;

/// <summary>
/// The real assemblies of the community SDKs (Betalgo.Ranul.OpenAI 9.2.6, OkGoDoIt's OpenAI 1.11.0 whose assembly is
/// OpenAI_API), from the packages this test project downloads, read from the NuGet packages folder the restore used.
/// </summary>
internal static class OlderSdkReferences
{
    public static IReadOnlyList<MetadataReference> Betalgo =>
        Assemblies(("Betalgo.Ranul.OpenAI", "9.2.6"), ("Betalgo.Ranul.OpenAI.Contracts", "9.2.6"));

    public static IReadOnlyList<MetadataReference> OpenAIApi =>
        Assemblies(("OpenAI", "1.11.0"), ("Newtonsoft.Json", "13.0.3"));

    private static IReadOnlyList<MetadataReference> Assemblies(params (string PackageId, string Version)[] packages)
    {
        var references = new List<MetadataReference>();
        foreach (var (id, version) in packages)
        {
            var lib = Path.Combine(PackagesFolder(), id.ToLowerInvariant(), version, "lib");
            var folder = new[] { "net10.0", "net9.0", "net8.0", "netstandard2.1", "netstandard2.0" }
                .Select(framework => Path.Combine(lib, framework))
                .FirstOrDefault(Directory.Exists)
                ?? throw new InvalidOperationException($"{id} {version} is not under '{lib}': restore the test project (it downloads the package).");
            references.AddRange(Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal).Select(path => MetadataReference.CreateFromFile(path)));
        }

        return references;
    }

    private static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
