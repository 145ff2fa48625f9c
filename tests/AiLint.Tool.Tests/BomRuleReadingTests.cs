using System.Text.Json;
using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// The BOM lists the ids AIL0501-AIL0503 read, where they read them: a fallback behind a configuration read held in a
/// local (the rules follow the local to its initializer), and the model ids of the project's settings files.
/// </summary>
public class BomRuleReadingTests
{
    // A model app's registration: the configured model, else a fallback, in a DI factory lambda and in a plain method.
    private const string CoalescedRegistration = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;
        using OpenAI.Chat;

        public static class Registration
        {
            public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
            {
                services.AddSingleton(serviceProvider =>
                {
                    var openAIClient = serviceProvider.GetRequiredService<OpenAIClient>();
                    var model = configuration["OpenAI:Model"] ?? "gpt-4o-mini";
                    return openAIClient.GetChatClient(model);
                });
                return services;
            }

            public static ChatClient Plain(OpenAIClient client, IConfiguration configuration)
            {
                var model = configuration["OpenAI:Model"] ?? "gpt-4.1-mini";
                return client.GetChatClient(model);
            }

            public static ChatClient Direct(OpenAIClient client) => client.GetChatClient("gpt-4o");
        }
        """;

    [Fact]
    public async Task A_fallback_behind_a_configuration_read_held_in_a_local_is_listed_where_it_is_written()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, CoalescedRegistration);

        Assert.Equal(["Code.cs:13"], Locations(bom, "model:openai/gpt-4o-mini"));
        Assert.Equal(["Code.cs:21"], Locations(bom, "model:openai/gpt-4.1-mini"));
        Assert.Equal(["Code.cs:25"], Locations(bom, "model:openai/gpt-4o"));
        Assert.Equal("floating", bom.Models.Single(m => m.Id == "gpt-4o-mini").Facts!.Pinned switch { false => "floating", _ => "other" });
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }

    [Fact]
    public async Task A_fallback_that_never_runs_because_the_settings_set_the_key_is_not_listed_but_the_settings_value_is()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, CoalescedRegistration, ("appsettings.json", """
            {
              "OpenAI": {
                "Model": "gpt-4o"
              }
            }
            """));

        // The rules check the configured value in the file and skip the fallbacks; the BOM says the same.
        Assert.DoesNotContain(bom.Models, m => m.Id is "gpt-4o-mini" or "gpt-4.1-mini");
        Assert.Equal(["Code.cs:25", "appsettings.json:3"], Locations(bom, "model:openai/gpt-4o"));
    }

    [Fact]
    public async Task Half_typed_code_around_a_fallback_lists_nothing_and_does_not_throw()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using Microsoft.Extensions.Configuration;
            using OpenAI;

            public static class Registration
            {
                public static object Plain(OpenAIClient client, IConfiguration configuration)
                {
                    var model = configuration["OpenAI:Model"] ?? ;
                    return client.GetChatClient(model
                }
            }
            """);

        Assert.Empty(bom.Models);
    }

    // A model menu in appsettings.json, bound to a settings class and passed to Semantic Kernel.
    private const string SettingsBoundKernel = """
        using Microsoft.Extensions.Options;
        using Microsoft.SemanticKernel;

        public class ModelConfiguration
        {
            public required string Identifier { get; init; }
            public required string ModelId { get; init; }
        }

        public class ModelProviderSettings { public List<ModelConfiguration> Models { get; set; } = new(); }

        public class KernelFactory(IOptions<ModelProviderSettings> options)
        {
            public Kernel Create(string id, string key)
            {
                var modelConfig = options.Value.Models.Single(m => m.Identifier == id);
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion(modelId: modelConfig.ModelId, apiKey: key);
                return builder.Build();
            }
        }
        """;

    private const string ModelMenu = """
        {
          "ModelProviderSettings": {
            "Models": [
              { "Identifier": "OpenAI_gpt-4-turbo", "ModelId": "gpt-4-turbo" },
              { "Identifier": "OpenAI_gpt-4o", "ModelId": "gpt-4o" }
            ]
          }
        }
        """;

    [Fact]
    public async Task Model_ids_the_rules_read_in_appsettings_are_listed_with_their_file_line_and_source_settings()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, "using System.Collections.Generic; using System.Linq;\n" + SettingsBoundKernel, ("appsettings.json", ModelMenu));

        var turbo = Assert.Single(bom.Models, m => m.BomRef == "model:openai/gpt-4-turbo");
        Assert.Equal(["appsettings.json:4"], turbo.Locations.Select(l => l.ToString()));
        Assert.Equal("settings", turbo.Source);
        Assert.StartsWith("retired (shutdown 2026-10-23", turbo.Facts!.Deprecation, StringComparison.Ordinal);
        Assert.Equal(["appsettings.json:5"], Locations(bom, "model:openai/gpt-4o"));

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        var properties = Properties(json, "model:openai/gpt-4-turbo");
        Assert.Contains(("ailint:model:id-source", "settings"), properties);
        Assert.Contains(("ailint:location", "appsettings.json:4"), properties);
        Assert.Contains("| `gpt-4-turbo` (settings) | openai | floating — retired (shutdown 2026-10-23", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
        Assert.Equal(json, CycloneDxWriter.Write(await BuildAsync(folder.Root, "using System.Collections.Generic; using System.Linq;\n" + SettingsBoundKernel, ("appsettings.json", ModelMenu))));
    }

    [Fact]
    public async Task A_project_without_AiLints_targets_gets_its_settings_files_from_its_folder_but_not_from_bin()
    {
        using var folder = new TempFolder();
        folder.Write("appsettings.Development.json", ModelMenu);
        folder.Write("bin/Release/appsettings.json", """{ "ModelProviderSettings": { "Models": [ { "ModelId": "gpt-4" } ] } }""");

        var bom = await BuildAsync(folder.Root, "using System.Collections.Generic; using System.Linq;\n" + SettingsBoundKernel);

        Assert.Equal(["appsettings.Development.json:4"], Locations(bom, "model:openai/gpt-4-turbo"));
        Assert.DoesNotContain(bom.Models, m => m.Id == "gpt-4");
    }

    [Fact]
    public async Task Settings_values_that_are_not_model_ids_are_not_listed()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, "using System.Collections.Generic; using System.Linq;\n" + SettingsBoundKernel, ("appsettings.json", """
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "AllowedHosts": "*",
              "ModelProviderSettings": { "Models": [ { "Identifier": "gpt-4-turbo"
            """));

        Assert.DoesNotContain(bom.Models, m => m.Source == "settings");
    }

    private static async Task<AiBom> BuildAsync(string directory, string source, params (string, string)[] additionalFiles)
    {
        var input = await InMemoryInput.CreateAsync(directory, source, additionalFiles);
        return await AiBomBuilder.BuildAsync(input, TextWriter.Null);
    }

    private static string[] Locations(AiBom bom, string bomRef) =>
        [.. Assert.Single(bom.Models, m => m.BomRef == bomRef).Locations.Select(l => l.ToString())];

    private static List<(string Name, string Value)> Properties(string json, string bomRef)
    {
        using var document = JsonDocument.Parse(json);
        var component = document.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("bom-ref").GetString() == bomRef);
        return component.GetProperty("properties").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("value").GetString()!))
            .ToList();
    }
}
