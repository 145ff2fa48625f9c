using AiLint.Tool.Bom;
using AiLint.Tool.Loading;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// A project the input references is an assembly to the build: the compiler sees its methods as metadata, and AIL0301
/// counts an agent factory declared there (a provider package's <c>AsAIAgent</c>/<c>CreateAIAgent</c>, or one of the
/// solution's own libraries) as a referenced assembly's factory. The BOM lists prompts from the same analyzer run on
/// the same kind of compilation, so it lists what the build reports (MSBuild-loaded projects: slow, kept few).
/// </summary>
public class BomProjectReferencePromptTests
{
    private const string Library = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
          <ItemGroup><PackageReference Include="Microsoft.Agents.AI" Version="1.28.0" /></ItemGroup>
        </Project>
        """;

    private const string App = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
          <ItemGroup><ProjectReference Include="../Provider/Provider.csproj" /></ItemGroup>
        </Project>
        """;

    // The shape of Microsoft.Agents.AI.OpenAI's extension: a factory in another assembly that returns an agent.
    private const string Factory = """
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;

        namespace Provider;

        public static class ProviderAgentExtensions
        {
            public static ChatClientAgent CreateAIAgent(this IChatClient client, string? instructions = null, string? name = null) =>
                new(client, instructions: instructions, name: name);
        }
        """;

    [Fact]
    public async Task Instructions_passed_to_an_agent_factory_of_a_referenced_project_are_listed_as_the_build_reports_them()
    {
        using var folder = new TempFolder();
        folder.Write("Provider/Provider.csproj", Library);
        folder.Write("Provider/ProviderAgentExtensions.cs", Factory);
        folder.Write("App/App.csproj", App);
        folder.Write("App/Agents.cs", """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Provider;

            public static class Agents
            {
                public static AIAgent Movies(IChatClient client) =>
                    client.CreateAIAgent(instructions: "You are a helpful assistant in movie tracking.", name: "Movie Assistant");

                // The app's own helper of the same name is not the SDK's: the build follows its parameters instead.
                public static AIAgent Named(IChatClient client) => LocalFactory.CreateAIAgent(client, "Answers questions about opening hours.");
            }

            public static class LocalFactory
            {
                public static ChatClientAgent CreateAIAgent(IChatClient client, string description) => new(client, name: "Helper", description: description);
            }
            """);

        var input = await ProjectLoader.LoadAsync(Path.Combine(folder.Root, "App", "App.csproj"), restore: true, TextWriter.Null);
        var bom = await AiBomBuilder.BuildAsync(input, TextWriter.Null);

        var prompt = Assert.Single(bom.Prompts);
        Assert.Equal(("Agents.Movies", "Agents.cs:8", "no-cases"), (prompt.Id, prompt.Location.ToString(), prompt.Status));
        Assert.Contains("| `Agents.Movies` | `Agents.cs:8` | no-cases |", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referenced_project_that_does_not_compile_does_not_stop_the_bom()
    {
        using var folder = new TempFolder();
        folder.Write("Provider/Provider.csproj", Library);
        folder.Write("Provider/ProviderAgentExtensions.cs", Factory.Replace("new(client, instructions: instructions, name: name);", "new(client, instructions: Missing.Value, name: ", StringComparison.Ordinal));
        folder.Write("App/App.csproj", App);
        folder.Write("App/Agents.cs", """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Provider;

            public static class Agents
            {
                public static AIAgent Movies(IChatClient client) => client.CreateAIAgent(instructions: "You are a helpful assistant in movie tracking.");
            }
            """);

        var input = await ProjectLoader.LoadAsync(Path.Combine(folder.Root, "App", "App.csproj"), restore: true, TextWriter.Null);
        var bom = await AiBomBuilder.BuildAsync(input, TextWriter.Null);

        Assert.Equal("App", bom.Name);
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }
}
