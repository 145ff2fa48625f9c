using System.IO;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The package's targets (src/AiLint.Package/buildTransitive/AiLint.targets) evaluated by MSBuild on a folder of files:
/// the *.txt / *.md files a project copies to its output (None or Content with CopyToOutputDirectory Always,
/// PreserveNewest or IfDifferent) or embeds (EmbeddedResource) become AdditionalFiles with AiLintPromptFileSource saying
/// which, each once; other extensions, files not copied, build output and files the prompt globs already list (a
/// Prompts folder's, without the metadata: they are prompts by their text alone) are not added by it. Whether a listed
/// file is a prompt is the analyzer's decision (ReadByNamePromptFileTests).
/// </summary>
public class CopiedPromptFileTargetsTests
{
    private static readonly string[] Files =
    {
        "system_message.txt", "rules.md", "never.txt", "plain.txt", "config.json", "Assets/summarize.txt",
        "Resources/persona.md", "Data/both.txt", "Prompts/summarize.txt", "bin/Debug/system_message.txt",
    };

    // The shapes apps write: Update of the SDK's default None item, an Include on top of it (a second None item for the
    // same file), Content, EmbeddedResource, and a file both embedded and copied.
    private const string Items = """
        <ItemGroup>
          <None Include="system_message.txt;rules.md;never.txt;plain.txt;config.json;Data/both.txt;bin/Debug/system_message.txt" />
          <None Update="system_message.txt" CopyToOutputDirectory="PreserveNewest" />
          <None Update="config.json" CopyToOutputDirectory="PreserveNewest" />
          <None Update="never.txt" CopyToOutputDirectory="Never" />
          <None Include="rules.md" CopyToOutputDirectory="Always" />
          <None Update="bin/Debug/system_message.txt" CopyToOutputDirectory="Always" />
          <Content Include="Assets/summarize.txt;Prompts/summarize.txt"><CopyToOutputDirectory>IfDifferent</CopyToOutputDirectory></Content>
          <EmbeddedResource Include="Resources/persona.md;Data/both.txt" />
          <None Update="Data/both.txt" CopyToOutputDirectory="PreserveNewest" />
        </ItemGroup>
        """;

    [Fact]
    public void Copied_and_embedded_text_files_are_listed_once_with_where_they_came_from()
    {
        var listed = Evaluate(string.Empty);

        Assert.Equal(listed.Select(item => item.Path).Distinct().Count(), listed.Count);
        Assert.Equal(
            new[]
            {
                "Assets/summarize.txt=CopyToOutput",
                "Data/both.txt=CopyToOutput",
                "Prompts/summarize.txt=", // listed by the Prompts folder glob, a prompt by its text
                "Resources/persona.md=EmbeddedResource",
                "rules.md=CopyToOutput",
                "system_message.txt=CopyToOutput",
            },
            listed.Select(item => item.Path + "=" + item.Metadata["AiLintPromptFileSource"]).OrderBy(p => p, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("<AiLintIncludeCopiedPromptFiles>false</AiLintIncludeCopiedPromptFiles>", "Prompts/summarize.txt")]
    [InlineData("<AiLintIncludePromptFiles>false</AiLintIncludePromptFiles>", "")]
    public void The_switches_leave_them_out(string property, string left)
    {
        var listed = Evaluate(property).Select(item => item.Path).ToArray();
        Assert.Equal(left.Length == 0 ? Array.Empty<string>() : new[] { left }, listed);
    }

    [Fact]
    public void The_props_let_the_analyzer_read_the_metadata()
    {
        // Without CompilerVisibleItemMetadata the compiler passes no build_metadata.AdditionalFiles.* key to analyzers.
        var visible = Evaluate(string.Empty, "CompilerVisibleItemMetadata", "MetadataName");
        Assert.Contains(visible, item => item.Path == "AdditionalFiles" && item.Metadata["MetadataName"] == "AiLintPromptFileSource");
    }

    private static List<(string Path, Dictionary<string, string> Metadata)> Evaluate(string properties, string itemType = "AdditionalFiles", string metadata = "AiLintPromptFileSource")
    {
        var directory = Path.Combine(Path.GetTempPath(), "ailint-copied-" + Guid.NewGuid().ToString("N"));
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
                Path.Combine(directory, "Consumer.proj"),
                $"""
                <Project>
                  <Import Project="{props}" />
                  <PropertyGroup>{properties}<AiLintIncludeEvalFiles>false</AiLintIncludeEvalFiles><AiLintIncludeModelTables>false</AiLintIncludeModelTables></PropertyGroup>
                  {Items}
                  <Import Project="{targets}" />
                </Project>
                """);
            return MsBuildItems.Evaluate(directory, "Consumer.proj", itemType, metadata);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
