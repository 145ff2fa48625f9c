using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// A system prompt kept as a constant in a library of the solution and given to an agent in the app: the coverage
/// command runs the analyzer on the app's compilation (where the library is a project reference, not an emitted
/// assembly), so it lists the prompt under the id the build reports, the constant's full name, and the app's eval
/// case that names it is not among the cases that name no prompt; the prompt's place is the read, said as such (MSBuild-loaded projects: slow, kept few).
/// </summary>
public class CoverageReferencedConstantTests
{
    [Fact]
    public async Task The_app_report_lists_the_library_constant_under_its_name_and_matches_the_case_that_names_it()
    {
        using var folder = new TempFolder();
        folder.Write("Shared/Shared.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        folder.Write("Shared/Persona.cs", """
            namespace Shared;

            public static class Persona
            {
                public const string Instructions = "You are the personal staff of Lissie, a cat. Never invent tool results.";
            }
            """);
        var app = folder.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Shared/Shared.csproj" />
                <PackageReference Include="Microsoft.Agents.AI" Version="1.28.0" />
              </ItemGroup>
            </Project>
            """);
        folder.Write("App/Staff.cs", """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Shared;

            public static class Staff
            {
                public static AIAgent Create(IChatClient chatClient) =>
                    chatClient.AsAIAgent(instructions: Persona.Instructions, name: "Staff");
            }
            """);
        folder.Write("App/evals/Persona.evals.jsonl", """
            {"prompt":"Shared.Persona.Instructions","id":"no-invented-results","rule":"Never invent tool results","input":"Turn on the lights","expect":{"notContains":"done"}}
            """);

        var (exitCode, report, stderr) = await ToolRunner.RunAsync("coverage", app);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("## Shared.Persona.Instructions", report, StringComparison.Ordinal);
        Assert.Contains("- Read at `Staff.cs:8` (a constant of a referenced assembly)", report, StringComparison.Ordinal);
        Assert.Contains("| `no-invented-results` ", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Eval cases that name no prompt", report, StringComparison.Ordinal);
    }
}
