using AiLint.Tool.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tool.Tests.Support;

/// <summary>
/// A one-project input built in memory (AdhocWorkspace) instead of loaded by MSBuild: fast, and it still runs the
/// whole BOM builder. The project file path is in <paramref name="directory"/>, so files on disk there are the
/// project folder's; AdditionalFiles are the ones passed, as the project's build would list them.
/// </summary>
internal static class InMemoryInput
{
    public static async Task<LoadedInput> CreateAsync(string directory, string source, params (string RelativePath, string Text)[] additionalFiles)
    {
        var workspace = new AdhocWorkspace();
        var projectPath = Path.Combine(directory, "App.csproj");
        var projectId = ProjectId.CreateNewId();
        var project = ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "App",
            "App",
            LanguageNames.CSharp,
            filePath: projectPath,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            documents: [Document(projectId, Path.Combine(directory, "Code.cs"), source)],
            metadataReferences: SdkCompilation.References.Value,
            additionalDocuments: [.. additionalFiles.Select(f => Document(projectId, Path.Combine(directory, f.RelativePath), f.Text))]);
        var solution = workspace.AddProject(project).Solution;
        var loaded = solution.GetProject(projectId)!;
        var compilation = (await loaded.GetCompilationAsync())!;
        return new LoadedInput(projectPath, false, [new LoadedProject(loaded, compilation, projectPath, "App.csproj")]);
    }

    private static DocumentInfo Document(ProjectId project, string path, string text) =>
        DocumentInfo.Create(
            DocumentId.CreateNewId(project),
            Path.GetFileName(path),
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Default, path)),
            filePath: path);
}
