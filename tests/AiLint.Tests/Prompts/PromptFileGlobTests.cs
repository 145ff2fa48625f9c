using System.IO;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The package's prompt-file globs (src/AiLint.Package/buildTransitive/AiLint.targets, AiLintIncludePromptFiles),
/// evaluated by MSBuild itself on a folder of files: which files become AdditionalFiles, that none is listed twice (the
/// *.yaml glob also matches *.prompt.yaml, the Prompts glob also matches a skprompt.txt in Prompts/, and on Windows the
/// Prompts and prompts globs match the same files), and that build output, node_modules and dot folders are left out.
/// Whether a listed file is a prompt is the analyzer's decision (PromptFileShapesTests).
/// </summary>
public class PromptFileGlobTests
{
    private static readonly string[] Files =
    {
        "Plugins/Writer/Summarize/skprompt.txt",
        "Prompts/Writer/Rewrite/skprompt.txt",
        "Prompts/triage.prompt.yaml",
        "Prompts/agent.prompty",
        "Templates/ChatPrompt.yaml",
        "docker-compose.yml",
        "Prompts/RagSystemPrompt.txt",
        "Prompts/Agents/planner.md",
        "Services/prompts/HydePrompt.txt",
        "Prompts/settings.json",
        "Docs/SystemPrompt.txt",
        "Listed/own.yaml",
        ".github/workflows/build.yml",
        "ClientApp/node_modules/pkg/.travis.yml",
        "ClientApp/node_modules/pkg/prompts/a.txt",
        "bin/Debug/net8.0/Prompts/RagSystemPrompt.txt",
        "bin/Debug/net8.0/appsettings.yaml",
        "obj/Prompts/x.md",
    };

    [Fact]
    public void The_prompt_file_globs_list_each_candidate_once_and_leave_out_outputs_packages_and_dot_folders()
    {
        var listed = Evaluate(includePromptFiles: true);

        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(
            new[]
            {
                "Listed/own.yaml", // the project's own item, kept once
                "Plugins/Writer/Summarize/skprompt.txt",
                "Prompts/Agents/planner.md",
                "Prompts/RagSystemPrompt.txt",
                "Prompts/Writer/Rewrite/skprompt.txt",
                "Prompts/agent.prompty",
                "Prompts/triage.prompt.yaml",
                "Services/prompts/HydePrompt.txt",
                "Templates/ChatPrompt.yaml",
                "docker-compose.yml",
            },
            listed.OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public void AiLintIncludePromptFiles_false_adds_none_of_them() =>
        Assert.Equal(new[] { "Listed/own.yaml" }, Evaluate(includePromptFiles: false));

    /// <summary>The AdditionalFiles of a project importing the package's targets, relative to its folder.</summary>
    private static List<string> Evaluate(bool includePromptFiles)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ailint-globs-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Files)
            {
                var path = Path.Combine(directory, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "x");
            }

            var targets = RepositoryPaths.Combine("src", "AiLint.Package", "buildTransitive", "AiLint.targets");
            File.WriteAllText(
                Path.Combine(directory, "Consumer.proj"),
                $"""
                <Project>
                  <PropertyGroup><AiLintIncludePromptFiles>{(includePromptFiles ? "true" : "false")}</AiLintIncludePromptFiles></PropertyGroup>
                  <ItemGroup><AdditionalFiles Include="Listed/own.yaml" /></ItemGroup>
                  <Import Project="{targets}" />
                </Project>
                """);

            return MsBuildItems.Evaluate(directory, "Consumer.proj", "AdditionalFiles").Select(item => item.Path).ToList();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
