using System.IO;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The package's targets on prompt files kept outside the project folder and linked into it, as shared prompts are
/// (<c>&lt;None Include="..\Shared\Prompts\*.md" Link="Prompts\%(Filename)%(Extension)" CopyToOutputDirectory="PreserveNewest" /&gt;</c>,
/// Content and EmbeddedResource with <c>Link</c>): each is an AdditionalFile with where it came from and its link path
/// (<c>AiLintPromptFileLink</c>), which the analyzer reads as the file's path in the project (LinkedPromptFileTests).
/// A file inside the project keeps an empty link unless the project gives it one.
/// </summary>
public class LinkedPromptFileTargetsTests
{
    private static readonly string[] Files =
    {
        "Shared/Prompts/support.md", "Shared/Prompts/triage.md", "Shared/Instructions/summarize.txt", "Shared/persona.md",
        "Shared/data.json", "App/system_message.txt",
    };

    private const string Items = """
        <ItemGroup>
          <None Include="..\Shared\Prompts\*.md" Link="Prompts\%(Filename)%(Extension)" CopyToOutputDirectory="PreserveNewest" />
          <Content Include="..\Shared\Instructions\summarize.txt" Link="Assets\summarize.txt" CopyToOutputDirectory="Always" />
          <EmbeddedResource Include="..\Shared\persona.md" Link="Resources\persona.md" />
          <None Include="..\Shared\data.json" Link="data.json" CopyToOutputDirectory="PreserveNewest" />
          <None Include="system_message.txt" CopyToOutputDirectory="PreserveNewest" />
        </ItemGroup>
        """;

    [Fact]
    public void Linked_files_outside_the_project_are_listed_with_their_link_path()
    {
        var listed = Evaluate("AdditionalFiles", "AiLintPromptFileSource", "AiLintPromptFileLink");
        Assert.Equal(
            new[]
            {
                "../Shared/Instructions/summarize.txt=CopyToOutput=Assets\\summarize.txt",
                "../Shared/Prompts/support.md=CopyToOutput=Prompts\\support.md",
                "../Shared/Prompts/triage.md=CopyToOutput=Prompts\\triage.md",
                "../Shared/persona.md=EmbeddedResource=Resources\\persona.md",
                "system_message.txt=CopyToOutput=",
            },
            listed.Select(item => item.Path + "=" + item.Metadata["AiLintPromptFileSource"] + "=" + item.Metadata["AiLintPromptFileLink"]).OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public void The_props_let_the_analyzer_read_the_link()
    {
        var visible = Evaluate("CompilerVisibleItemMetadata", "MetadataName");
        Assert.Contains(visible, item => item.Path == "AdditionalFiles" && item.Metadata["MetadataName"] == "AiLintPromptFileLink");
    }

    private static List<(string Path, Dictionary<string, string> Metadata)> Evaluate(string itemType, params string[] metadata)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ailint-linked-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Files)
            {
                var path = Path.Combine(directory, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "x");
            }

            var props = RepositoryPaths.Combine("src", "AiLint.Package", "buildTransitive", "AiLint.props");
            var targets = RepositoryPaths.Combine("src", "AiLint.Package", "buildTransitive", "AiLint.targets");
            File.WriteAllText(
                Path.Combine(directory, "App", "App.proj"),
                $"""
                <Project>
                  <Import Project="{props}" />
                  <PropertyGroup><AiLintIncludeEvalFiles>false</AiLintIncludeEvalFiles><AiLintIncludeModelTables>false</AiLintIncludeModelTables></PropertyGroup>
                  {Items}
                  <Import Project="{targets}" />
                </Project>
                """);
            return MsBuildItems.Evaluate(Path.Combine(directory, "App"), "App.proj", itemType, metadata);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
