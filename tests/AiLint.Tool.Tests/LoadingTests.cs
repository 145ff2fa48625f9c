using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>Inputs that cannot be loaded (exit code 1) and solutions with projects in other languages.</summary>
public class LoadingTests
{
    [Fact]
    public async Task Missing_project_exits_with_1()
    {
        var (exitCode, stdout, stderr) = await ToolRunner.RunAsync("bom", Path.Combine(Path.GetTempPath(), "ailint-no-such", "App.csproj"));

        Assert.Equal(ExitCodes.LoadFailure, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("was not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Project_that_does_not_restore_exits_with_1()
    {
        using var folder = new TempFolder();
        var project = folder.Write("Broken/Broken.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="not-a-version" /></ItemGroup>
            </Project>
            """);

        var (exitCode, _, stderr) = await ToolRunner.RunAsync("coverage", project);

        Assert.Equal(ExitCodes.LoadFailure, exitCode);
        Assert.Contains("does not restore", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unrestored_project_with_no_restore_exits_with_1()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App/App.csproj", SmallProject);

        var (exitCode, _, stderr) = await ToolRunner.RunAsync("bom", project, "--no-restore");

        Assert.Equal(ExitCodes.LoadFailure, exitCode);
        Assert.Contains("has not been restored", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solution_skips_projects_in_other_languages_and_says_so()
    {
        using var folder = new TempFolder();
        folder.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><ProjectReference Include="..\Core\Core.csproj" /></ItemGroup>
            </Project>
            """);
        folder.Write("Core/Core.csproj", SmallProject);
        folder.Write("App/Prompts.cs", """
            public static class Prompts
            {
                public const string Unused = "Not a prompt: nothing passes it to a model.";
            }
            """);
        var solution = folder.Write("Shop.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "App", "App\App.csproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Core", "Core\Core.csproj", "{44444444-4444-4444-4444-444444444444}"
            EndProject
            Project("{F2A71F9B-5D33-465A-A702-920D77279786}") = "Pricing", "Pricing\Pricing.fsproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "docs", "docs", "{33333333-3333-3333-3333-333333333333}"
            EndProject
            """);

        var (exitCode, json, stderr) = await ToolRunner.RunAsync("bom", solution);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Skipped 'Pricing.fsproj': not a C# project.", stderr, StringComparison.Ordinal);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        Assert.Contains("\"bom-ref\": \"solution:Shop\"", json, StringComparison.Ordinal);
        Assert.Contains("\"bom-ref\": \"project:App/App.csproj\"", json, StringComparison.Ordinal);
        Assert.Contains("Compiling Core (2/2)...", stderr, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var app = document.RootElement.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == "project:App/App.csproj");
        Assert.Equal(["project:Core/Core.csproj"], app.GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()));
    }

    private const string SmallProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
        </Project>
        """;
}

/// <summary>The coverage command on the sample (in the sample's collection, so it never restores it concurrently).</summary>
[Collection(SampleCollection.Name)]
public class SampleCoverage
{
    [Fact]
    public async Task Coverage_of_the_sample_is_the_analyzer_report()
    {
        await AssertReportAsync();
    }

    internal static async Task AssertReportAsync()
    {
        var (exitCode, report, stderr) = await ToolRunner.RunAsync("coverage", RepositoryPaths.SampleProject);

        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("# Prompt eval coverage: SupportAssistant\n\n12 prompts, ", report, StringComparison.Ordinal);
        Assert.Contains("## support.refunds", report, StringComparison.Ordinal);
        Assert.Contains("## Malformed eval cases (AIL0304)", report, StringComparison.Ordinal);
    }
}
