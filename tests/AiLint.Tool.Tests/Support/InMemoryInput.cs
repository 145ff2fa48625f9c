using AiLint.Tool.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tool.Tests.Support;

/// <summary>One project of an in-memory input: its folder (relative to the input's), its source, its AdditionalFiles.</summary>
internal sealed record InMemoryProject(string Folder, string Source, params (string RelativePath, string Text)[] AdditionalFiles);

/// <summary>
/// An input built in memory (AdhocWorkspace) instead of loaded by MSBuild: fast, and it still runs the whole BOM
/// builder. Project file paths are under the given directory, so files on disk there are the projects' folders';
/// AdditionalFiles are the ones passed, as the project's build would list them.
/// </summary>
internal static class InMemoryInput
{
    /// <summary>A single project, App.csproj, directly in <paramref name="directory"/>.</summary>
    public static Task<LoadedInput> CreateAsync(string directory, string source, params (string RelativePath, string Text)[] additionalFiles) =>
        CreateAsync(Path.Combine(directory, "App.csproj"), isSolution: false, [new InMemoryProject(string.Empty, source, additionalFiles)]);

    /// <summary>
    /// A single project whose compilation references no unit-test framework (<see cref="SdkCompilation.AppReferences"/>),
    /// so that AIL0301 reads its system messages: the prompts a BOM lists.
    /// </summary>
    public static Task<LoadedInput> CreateAppAsync(string directory, string source) =>
        CreateAsync(Path.Combine(directory, "App.csproj"), isSolution: false, [new InMemoryProject(string.Empty, source)], SdkCompilation.AppReferences.Value);

    /// <summary>A solution, App.sln in <paramref name="directory"/>, of one App.csproj per project folder.</summary>
    public static Task<LoadedInput> CreateSolutionAsync(string directory, params InMemoryProject[] projects) =>
        CreateAsync(Path.Combine(directory, "App.sln"), isSolution: true, projects);

    private static async Task<LoadedInput> CreateAsync(string inputPath, bool isSolution, IReadOnlyList<InMemoryProject> projects, IReadOnlyList<MetadataReference>? references = null)
    {
        var workspace = new AdhocWorkspace();
        var directory = Path.GetDirectoryName(inputPath)!;
        var loaded = new List<LoadedProject>();
        foreach (var spec in projects)
        {
            var folder = Path.Combine(directory, spec.Folder);
            var projectPath = Path.Combine(folder, "App.csproj");
            var projectId = ProjectId.CreateNewId();
            var name = spec.Folder.Length == 0 ? "App" : spec.Folder;
            var info = ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                name,
                name,
                LanguageNames.CSharp,
                filePath: projectPath,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                documents: [Document(projectId, Path.Combine(folder, "Code.cs"), spec.Source)],
                metadataReferences: references ?? SdkCompilation.References.Value,
                additionalDocuments: [.. spec.AdditionalFiles.Select(f => Document(projectId, Path.Combine(folder, f.RelativePath), f.Text))]);
            var project = workspace.AddProject(info);
            var relativePath = Path.GetRelativePath(directory, projectPath).Replace(Path.DirectorySeparatorChar, '/');
            loaded.Add(new LoadedProject(project, (await project.GetCompilationAsync())!, projectPath, relativePath));
        }

        return new LoadedInput(inputPath, isSolution, loaded);
    }

    private static DocumentInfo Document(ProjectId project, string path, string text) =>
        DocumentInfo.Create(
            DocumentId.CreateNewId(project),
            Path.GetFileName(path),
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Default, path)),
            filePath: path);
}
