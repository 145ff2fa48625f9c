using Microsoft.Build.Locator;

namespace AiLint.Cli;

/// <summary>Entry point: <c>AiLint.Cli coverage &lt;project.csproj&gt; [--output &lt;report.md&gt;]</c>.</summary>
public static class Program
{
    private const string Usage = """
        Usage: AiLint.Cli coverage <project.csproj> [--output <report.md>]

          Opens the project with MSBuild, finds its prompts and *.evals.jsonl files exactly as the AiLint analyzers do
          (AIL0301-AIL0304), and writes a markdown report: per prompt, its cases, covered and uncovered instructions
          and staleness. Without --output the report goes to standard output.
        """;

    /// <summary>Runs the command; returns 0 on success, 1 when the project cannot be compiled, 2 on a usage error.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2 || args[0] != "coverage")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var project = Path.GetFullPath(args[1]);
        string? output = null;
        for (var i = 2; i < args.Length; i++)
        {
            if ((args[i] == "--output" || args[i] == "-o") && i + 1 < args.Length)
            {
                output = Path.GetFullPath(args[++i]);
            }
            else
            {
                Console.Error.WriteLine($"Unknown argument '{args[i]}'.{Environment.NewLine}{Usage}");
                return 2;
            }
        }

        if (!File.Exists(project))
        {
            Console.Error.WriteLine($"Project '{project}' was not found.");
            return 2;
        }

        // MSBuild must be located before any type from Microsoft.Build or Workspaces.MSBuild is loaded, so the
        // work happens in another class (CoverageCommand) that the JIT only resolves after this call.
        MSBuildLocator.RegisterDefaults();
        return await CoverageCommand.RunAsync(project, output).ConfigureAwait(false);
    }
}
