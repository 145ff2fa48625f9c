using System.Text;
using AiLint.Tool.Bom;
using AiLint.Tool.Coverage;
using AiLint.Tool.Loading;

namespace AiLint.Tool;

/// <summary>Runs a parsed command: loads the input, builds the result, writes it; maps failures to exit codes.</summary>
internal static class Commands
{
    public static async Task<int> RunAsync(CommandLine commandLine, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var input = await ProjectLoader.LoadAsync(commandLine.InputPath, !commandLine.NoRestore, stderr).ConfigureAwait(false);
            string text;
            string summary;
            if (commandLine.Command == "coverage")
            {
                var reports = new List<string>();
                var coverages = new List<ProjectCoverage>();
                foreach (var project in input.Projects)
                {
                    var coverage = await ProjectCoverage.ComputeAsync(project).ConfigureAwait(false);
                    coverages.Add(coverage);
                    reports.Add(coverage.Render());
                }

                // One project: exactly the report the former AiLint.Cli wrote. A solution: one report per project, in order.
                // Then the cases no project's prompt matches (an eval file shared by projects counts once).
                var prompts = coverages.Sum(c => c.Prompts.Length);
                text = string.Join(Environment.NewLine, reports) + ProjectCoverage.RenderUnmatchedCases(coverages, input.Directory);
                summary = Counted.Of(prompts, "prompt");
            }
            else
            {
                var bom = await AiBomBuilder.BuildAsync(input, stderr).ConfigureAwait(false);
                text = commandLine.Format == BomFormat.Json
                    ? CycloneDxWriter.Write(bom, commandLine.Timestamp ? DateTimeOffset.UtcNow : null)
                    : BomMarkdownWriter.Write(bom);
                summary = $"{Counted.Of(bom.Models.Length, "model")}, {Counted.Of(bom.Prompts.Length, "prompt")}, {Counted.Of(bom.Packages.Length, "SDK package")}, {Counted.Of(bom.McpServers.Length, "MCP server")}";
            }

            if (commandLine.OutputPath is null)
            {
                await stdout.WriteAsync(text).ConfigureAwait(false);
                await stdout.FlushAsync().ConfigureAwait(false);
            }
            else
            {
                var output = Path.GetFullPath(commandLine.OutputPath);
                var directory = Path.GetDirectoryName(output);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                await File.WriteAllTextAsync(output, text, new UTF8Encoding(false)).ConfigureAwait(false);
                await stderr.WriteLineAsync($"Wrote {output} ({summary}).").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (LoadException e)
        {
            await stderr.WriteLineAsync($"ailint: {e.Message}").ConfigureAwait(false);
            return ExitCodes.LoadFailure;
        }
    }
}
