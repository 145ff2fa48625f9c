using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace AiLint.Tool.Loading;

/// <summary>
/// Opens a .csproj or a solution with MSBuildWorkspace: restores projects that were never restored, skips projects
/// in other languages (said on stderr), and fails with a <see cref="LoadException"/> when the input cannot be used.
/// </summary>
internal static class ProjectLoader
{
    /// <summary>Paths as the file system compares them (a solution may spell a path in another case on Windows).</summary>
    public static StringComparer PathComparer { get; } = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static async Task<LoadedInput> LoadAsync(string inputPath, bool restore, TextWriter stderr)
    {
        var fullPath = Path.GetFullPath(inputPath);
        if (!File.Exists(fullPath))
        {
            throw new LoadException($"'{inputPath}' was not found.");
        }

        var isSolution = !fullPath.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);
        var csprojs = new List<string>();
        if (isSolution)
        {
            foreach (var path in SolutionFile.ReadProjectPaths(fullPath))
            {
                if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                {
                    csprojs.Add(path);
                }
                else
                {
                    await stderr.WriteLineAsync($"Skipped '{Path.GetFileName(path)}': not a C# project.").ConfigureAwait(false);
                }
            }

            if (csprojs.Count == 0)
            {
                throw new LoadException($"Solution '{inputPath}' has no C# project.");
            }
        }
        else
        {
            csprojs.Add(fullPath);
        }

        foreach (var csproj in csprojs)
        {
            if (!File.Exists(csproj))
            {
                throw new LoadException($"Project '{csproj}' listed in '{inputPath}' was not found.");
            }

            if (FindAssetsFile(csproj) is null)
            {
                if (!restore)
                {
                    throw new LoadException($"Project '{csproj}' has not been restored (no obj/project.assets.json): run 'dotnet restore' or drop --no-restore.");
                }

                await RestoreAsync(csproj, stderr).ConfigureAwait(false);
            }
        }

        var failures = new List<string>();
        using var workspace = MSBuildWorkspace.Create();
        using var handler = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                failures.Add(e.Diagnostic.Message);
            }
        });

        IEnumerable<Project> opened;
        try
        {
            await stderr.WriteLineAsync($"Loading {Path.GetFileName(fullPath)}...").ConfigureAwait(false);
            opened = isSolution
                ? (await workspace.OpenSolutionAsync(fullPath).ConfigureAwait(false)).Projects
                : [await workspace.OpenProjectAsync(fullPath).ConfigureAwait(false)];
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
        {
            throw new LoadException($"'{inputPath}' cannot be loaded: {e.Message}{Describe(failures)}");
        }

        // A multi-targeted project opens once per target framework: the first one (by name) stands for it.
        var byPath = opened
            .Where(p => p.Language == LanguageNames.CSharp && p.FilePath is not null)
            .GroupBy(p => Path.GetFullPath(p.FilePath!), PathComparer)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Name, StringComparer.Ordinal).First(), PathComparer);

        var root = Path.GetDirectoryName(fullPath)!;
        var projects = new List<LoadedProject>();
        var built = new BuiltReferences();
        for (var i = 0; i < csprojs.Count; i++)
        {
            var csproj = csprojs[i];
            if (!byPath.TryGetValue(csproj, out var project))
            {
                throw new LoadException($"Project '{csproj}' cannot be loaded.{Describe(failures)}");
            }

            if (csprojs.Count > 1)
            {
                await stderr.WriteLineAsync($"Compiling {project.Name} ({i + 1}/{csprojs.Count})...").ConfigureAwait(false);
            }

            var compilation = await project.GetCompilationAsync().ConfigureAwait(false);

            // No System.Object means no references at all: MSBuild could not evaluate the project.
            if (compilation is null || compilation.GetSpecialType(SpecialType.System_Object).TypeKind == TypeKind.Error)
            {
                throw new LoadException($"Project '{csproj}' cannot be compiled: its references could not be resolved.{Describe(failures)}");
            }

            var relative = Path.GetRelativePath(root, csproj).Replace(Path.DirectorySeparatorChar, '/');
            projects.Add(new LoadedProject(project, built.AsBuilt(compilation), csproj, relative));
        }

        return new LoadedInput(fullPath, isSolution, projects);
    }

    /// <summary>NuGet's restore output in its default place (obj/project.assets.json), or null.</summary>
    public static string? FindAssetsFile(string csproj)
    {
        var path = Path.Combine(Path.GetDirectoryName(csproj)!, "obj", "project.assets.json");
        return File.Exists(path) ? path : null;
    }

    private static async Task RestoreAsync(string csproj, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"Restoring {Path.GetFileName(csproj)}...").ConfigureAwait(false);

        // The dotnet host that runs this tool, so the restore uses the same SDK as the MSBuild it located.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add(csproj);
        start.ArgumentList.Add("-nologo");
        using var process = Process.Start(start) ?? throw new LoadException($"Could not start '{dotnet} restore'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var lines = (await output.ConfigureAwait(false) + await error.ConfigureAwait(false))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Failed to restore", StringComparison.Ordinal))
                .Distinct()
                .Take(5);
            throw new LoadException($"Project '{csproj}' does not restore:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", lines)}");
        }
    }

    private static string Describe(List<string> failures) =>
        failures.Count == 0 ? string.Empty : Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", failures.Distinct().Take(5));
}
