namespace AiLint.Tool.Tests;

public class CommandLineTests
{
    [Fact]
    public void Parses_bom_with_every_option()
    {
        var line = CommandLine.Parse(["bom", "App/App.csproj", "-o", "out/bom.json", "--format", "md", "--timestamp", "--no-restore"]);

        Assert.True(line.IsValid, line.Error);
        Assert.Equal("bom", line.Command);
        Assert.Equal("App/App.csproj", line.InputPath);
        Assert.Equal("out/bom.json", line.OutputPath);
        Assert.Equal(BomFormat.Markdown, line.Format);
        Assert.True(line.Timestamp);
        Assert.True(line.NoRestore);
    }

    [Theory]
    [InlineData("coverage", "App.sln")]
    [InlineData("coverage", "App.slnx")]
    [InlineData("bom", "src/App.csproj")]
    public void Accepts_projects_and_solutions(string command, string input)
    {
        var line = CommandLine.Parse([command, input]);

        Assert.True(line.IsValid, line.Error);
        Assert.Equal(BomFormat.Json, line.Format);
        Assert.Null(line.OutputPath);
    }

    [Theory]
    [InlineData(new string[0], "No command")]
    [InlineData(new[] { "lint", "App.csproj" }, "Unknown command")]
    [InlineData(new[] { "bom" }, "needs a project")]
    [InlineData(new[] { "bom", "App.fsproj" }, "not a C# project")]
    [InlineData(new[] { "bom", "App.csproj", "-o" }, "needs a file name")]
    [InlineData(new[] { "bom", "App.csproj", "--format", "xml" }, "Unknown format")]
    [InlineData(new[] { "bom", "App.csproj", "--verbose" }, "Unknown argument")]
    [InlineData(new[] { "bom", "App.csproj", "Other.csproj" }, "Unknown argument")]
    [InlineData(new[] { "coverage", "App.csproj", "--format", "md" }, "Unknown argument")]
    public void Rejects_bad_arguments(string[] args, string message)
    {
        var line = CommandLine.Parse(args);

        Assert.False(line.IsValid);
        Assert.Contains(message, line.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("bom --help")]
    [InlineData("coverage App.csproj -h")]
    public void Help_is_asked_for_not_an_error(string commandLine)
    {
        var line = CommandLine.Parse(commandLine.Split(' '));

        Assert.True(line.IsValid, line.Error);
        Assert.True(line.HelpRequested);
    }

    [Fact]
    public async Task Help_prints_the_usage_to_standard_output_and_exits_with_0()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var exitCode = await Program.Main(["--help"]);

            Assert.Equal(0, exitCode);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("ailint bom <project.csproj", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ailint coverage <project.csproj", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_exit_with_2()
    {
        var exitCode = await Program.Main(["bom", "App.fsproj"]);

        Assert.Equal(ExitCodes.BadArguments, exitCode);
        Assert.Equal(2, ExitCodes.BadArguments);
    }
}
