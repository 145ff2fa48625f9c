using Microsoft.Build.Locator;

namespace AiLint.Tool;

/// <summary>Entry point of the <c>ailint</c> tool: <c>ailint coverage|bom &lt;project|solution&gt; ...</c>.</summary>
public static class Program
{
    /// <summary>Runs the command; returns 0 on success, 1 when the input cannot be loaded, 2 on bad arguments.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        var commandLine = CommandLine.Parse(args);
        if (commandLine.HelpRequested)
        {
            Console.Out.WriteLine(CommandLine.Usage);
            return ExitCodes.Success;
        }

        if (!commandLine.IsValid)
        {
            Console.Error.WriteLine($"ailint: {commandLine.Error}{Environment.NewLine}{Environment.NewLine}{CommandLine.Usage}");
            return ExitCodes.BadArguments;
        }

        // MSBuild must be located before any type from Microsoft.Build or Workspaces.MSBuild is loaded, so the
        // work happens in another class (Commands) that the JIT only resolves after this call.
        try
        {
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterDefaults();
            }
        }
        catch (InvalidOperationException e)
        {
            // No .NET SDK on the machine: nothing can load a project.
            Console.Error.WriteLine($"ailint: no .NET SDK found to load projects with: {e.Message}");
            return ExitCodes.LoadFailure;
        }

        return await Commands.RunAsync(commandLine, Console.Out, Console.Error).ConfigureAwait(false);
    }
}
