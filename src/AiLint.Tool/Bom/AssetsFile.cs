using System.Collections.Immutable;
using System.Text.Json;

namespace AiLint.Tool.Bom;

/// <summary>An LLM SDK package as NuGet restored it for a project, and whether the project references it directly.</summary>
internal sealed record RestoredPackage(string Id, string Version, bool Direct, ImmutableArray<string> DependencyIds);

/// <summary>
/// Reads NuGet's restore output (obj/project.assets.json): the packages resolved for every target framework, keeping
/// the LLM SDK ones (<see cref="LlmSdkAssemblies.IsLlmSdk"/>), with their resolved versions.
/// </summary>
internal static class AssetsFile
{
    public static ImmutableArray<RestoredPackage> ReadLlmPackages(string assetsPath)
    {
        using var stream = File.OpenRead(assetsPath);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;

        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("project", out var project) && project.TryGetProperty("frameworks", out var frameworks))
        {
            foreach (var framework in frameworks.EnumerateObject())
            {
                if (framework.Value.TryGetProperty("dependencies", out var dependencies))
                {
                    foreach (var dependency in dependencies.EnumerateObject())
                    {
                        direct.Add(dependency.Name);
                    }
                }
            }
        }

        var packages = new SortedDictionary<string, RestoredPackage>(StringComparer.Ordinal);
        if (root.TryGetProperty("targets", out var targets))
        {
            foreach (var target in targets.EnumerateObject())
            {
                foreach (var library in target.Value.EnumerateObject())
                {
                    var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
                    if (slash <= 0
                        || !library.Value.TryGetProperty("type", out var type) || type.GetString() != "package")
                    {
                        continue;
                    }

                    var id = library.Name[..slash];
                    var version = library.Name[(slash + 1)..];
                    if (!LlmSdkAssemblies.IsLlmSdk(id))
                    {
                        continue;
                    }

                    var dependencyIds = library.Value.TryGetProperty("dependencies", out var dependencies)
                        ? dependencies.EnumerateObject().Select(d => d.Name).Where(LlmSdkAssemblies.IsLlmSdk).OrderBy(d => d, StringComparer.Ordinal).ToImmutableArray()
                        : [];
                    packages[library.Name] = new RestoredPackage(id, version, direct.Contains(id), dependencyIds);
                }
            }
        }

        return [.. packages.Values];
    }
}
