using Microsoft.CodeAnalysis;

namespace AiLint.Tool.Loading;

/// <summary>One C# project opened with MSBuildWorkspace, compiled.</summary>
/// <param name="Project">The workspace project (the first target framework of a multi-targeted project).</param>
/// <param name="Compilation">Its compilation.</param>
/// <param name="FilePath">The full path of the .csproj.</param>
/// <param name="RelativePath">The .csproj path relative to the input's folder, with '/' separators (stable across machines).</param>
internal sealed record LoadedProject(Project Project, Compilation Compilation, string FilePath, string RelativePath)
{
    public string Name => Path.GetFileNameWithoutExtension(FilePath);

    public string Directory => Path.GetDirectoryName(FilePath)!;

    /// <summary>The restore output, where NuGet writes it by default; null when the project keeps it elsewhere.</summary>
    public string? AssetsFilePath => ProjectLoader.FindAssetsFile(FilePath);
}

/// <summary>What the command line named: a project, or a solution and its C# projects.</summary>
internal sealed record LoadedInput(string FilePath, bool IsSolution, IReadOnlyList<LoadedProject> Projects)
{
    public string Name => Path.GetFileNameWithoutExtension(FilePath);

    public string Directory => Path.GetDirectoryName(FilePath)!;
}
