using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Evaluates a project with MSBuild itself (<c>dotnet msbuild -getItem</c>) and returns the items of one type with the
/// metadata asked for: how the package's targets test what they add, without packing or building.
/// </summary>
internal static class MsBuildItems
{
    /// <summary>The <paramref name="itemType"/> items of <paramref name="project"/> in <paramref name="directory"/>: path relative to it, and each metadata value.</summary>
    public static List<(string Path, Dictionary<string, string> Metadata)> Evaluate(string directory, string project, string itemType, params string[] metadata)
    {
        using var json = JsonDocument.Parse(Run(directory, project, itemType));
        var found = new List<(string, Dictionary<string, string>)>();
        if (!json.RootElement.GetProperty("Items").TryGetProperty(itemType, out var items))
        {
            return found;
        }

        foreach (var item in items.EnumerateArray())
        {
            var values = new Dictionary<string, string>();
            foreach (var name in metadata)
            {
                values[name] = item.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
            }

            found.Add((Path.GetRelativePath(directory, item.GetProperty("FullPath").GetString()!).Replace('\\', '/'), values));
        }

        return found;
    }

    private static string Run(string directory, string project, string itemType)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", project, "-getItem:" + itemType, "-nologo", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not leak into the evaluation.
        foreach (var variable in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "dotnet msbuild did not finish");
        Assert.True(process.ExitCode == 0, "dotnet msbuild failed: " + stdout.Result + stderr.Result);
        return stdout.Result;
    }
}
