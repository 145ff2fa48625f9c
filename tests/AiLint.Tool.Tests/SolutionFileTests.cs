using AiLint.Tool.Loading;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

public class SolutionFileTests
{
    [Fact]
    public void Reads_sln_projects_and_ignores_solution_folders()
    {
        using var folder = new TempFolder();
        var solution = folder.Write("Shop.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Web", "src\Web\Web.csproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            Project("{F2A71F9B-5D33-465A-A702-920D77279786}") = "Pricing", "src\Pricing\Pricing.fsproj", "{33333333-3333-3333-3333-333333333333}"
            EndProject
            """);

        var projects = SolutionFile.ReadProjectPaths(solution).Select(p => Path.GetRelativePath(folder.Root, p).Replace('\\', '/'));

        Assert.Equal(["src/Pricing/Pricing.fsproj", "src/Web/Web.csproj"], projects);
    }

    [Fact]
    public void Reads_slnx_projects()
    {
        using var folder = new TempFolder();
        var solution = folder.Write("Shop.slnx", """
            <Solution>
              <Folder Name="/src/">
                <Project Path="src/Web/Web.csproj" />
                <Project Path="src/Legacy/Legacy.vbproj" />
              </Folder>
            </Solution>
            """);

        var projects = SolutionFile.ReadProjectPaths(solution).Select(p => Path.GetRelativePath(folder.Root, p).Replace('\\', '/'));

        Assert.Equal(["src/Legacy/Legacy.vbproj", "src/Web/Web.csproj"], projects);
    }

    [Fact]
    public async Task Solution_naming_a_missing_project_exits_with_1()
    {
        using var folder = new TempFolder();
        var solution = folder.Write("Shop.slnx", """<Solution><Project Path="Gone/Gone.csproj" /></Solution>""");

        var (exitCode, _, stderr) = await ToolRunner.RunAsync("bom", solution);

        Assert.Equal(ExitCodes.LoadFailure, exitCode);
        Assert.Contains("Gone.csproj", stderr, StringComparison.Ordinal);
        Assert.Contains("was not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solution_with_only_other_languages_exits_with_1()
    {
        using var folder = new TempFolder();
        var solution = folder.Write("Shop.slnx", """<Solution><Project Path="Pricing/Pricing.fsproj" /></Solution>""");

        var (exitCode, _, stderr) = await ToolRunner.RunAsync("coverage", solution);

        Assert.Equal(ExitCodes.LoadFailure, exitCode);
        Assert.Contains("Skipped 'Pricing.fsproj': not a C# project.", stderr, StringComparison.Ordinal);
        Assert.Contains("has no C# project", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_slnx_exits_with_1()
    {
        using var folder = new TempFolder();
        var solution = folder.Write("Shop.slnx", "<Solution><Project Path=");

        var (exitCode, _, stderr) = await ToolRunner.RunAsync("bom", solution);

        Assert.Equal(ExitCodes.LoadFailure, exitCode);
        Assert.Contains("cannot be read", stderr, StringComparison.Ordinal);
    }
}
