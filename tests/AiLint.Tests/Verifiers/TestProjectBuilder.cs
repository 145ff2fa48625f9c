using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Verifiers;

/// <summary>
/// For tests that need a bare project rather than a kit test (corpus, determinism, sample, fix-safety sweeps): builds a
/// one-project ad-hoc workspace from test sources, additional files and analyzer config files.
/// </summary>
internal static class TestProjectBuilder
{
    public const string ProjectDirectory = "/0/";

    /// <summary>Experimental-API diagnostics of the real SDKs; test code uses those APIs as users do after opting in.</summary>
    private static readonly string[] SuppressedCompilerIds =
    {
        "OPENAI001", "OPENAI002", "SCME0001", "SCME0002", "MEAI001", "MCPEXP001", "MCPEXP002",
    };

    public static Project Create(
        IReadOnlyList<(string Path, string Content)> sources,
        IReadOnlyList<(string Path, string Content)> additionalFiles,
        IReadOnlyList<(string Path, string Content)> analyzerConfigFiles,
        ImmutableArray<MetadataReference> references,
        OutputKind outputKind,
        LanguageVersion languageVersion)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("TestProject");
        var compilationOptions = CompilationOptions(outputKind);
        var parseOptions = new CSharpParseOptions(languageVersion);

        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                filePath: ProjectDirectory + "TestProject.csproj",
                compilationOptions: compilationOptions,
                parseOptions: parseOptions,
                metadataReferences: references));

        foreach (var (path, content) in sources)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId, path), Path.GetFileName(path), SourceText.From(content), filePath: path);
        }

        foreach (var (path, content) in additionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId, path), Path.GetFileName(path), SourceText.From(content), filePath: path);
        }

        foreach (var (path, content) in analyzerConfigFiles)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId, path), Path.GetFileName(path), SourceText.From(content), filePath: path);
        }

        return solution.GetProject(projectId)!;
    }

    /// <summary>The compilation options of test code, here and in the kit-based tests: nullable on, unsafe allowed, SDK experimental warnings off.</summary>
    public static CSharpCompilationOptions CompilationOptions(OutputKind outputKind) =>
        new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true)
            .WithSpecificDiagnosticOptions(SuppressedCompilerIds.ToDictionary(id => id, _ => ReportDiagnostic.Suppress));

    public static string SourcePath(int index) => $"{ProjectDirectory}Test{index}.cs";
}
