namespace AiLint.Tool.Tests.Support;

/// <summary>Runs a command of the tool in-process, capturing stdout and stderr as the console would.</summary>
internal static class ToolRunner
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var line = CommandLine.Parse(args);
        Assert.True(line.IsValid, line.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await Commands.RunAsync(line, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
