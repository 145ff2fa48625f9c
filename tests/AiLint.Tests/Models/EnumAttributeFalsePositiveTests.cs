using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.EnumAttributeModelIdTests;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// The quiet side of <see cref="EnumAttributeModelIdTests"/>: reads of an enum catalog that are not the constant
/// member's attribute value at an OpenAI-style slot, and half-typed catalogs.
/// </summary>
public class EnumAttributeFalsePositiveTests
{
    // What real apps write next to the catalog: a member chosen at run time, a member without the attribute (its name is
    // not an id), the enum's ToString(), the description used as a service id only, a helper that reads another
    // attribute, formats the name, changes the description, or reads it inside a lambda, a localized Display name, a
    // helper with a second parameter, and an Azure deployment.
    [Fact]
    public Task Reads_that_are_not_the_constant_members_attribute_at_an_OpenAI_slot_are_not_reported() =>
        VerifyAsync($$"""
            using System;
            using System.ComponentModel;
            using System.ComponentModel.DataAnnotations;
            using System.Linq;
            using System.Reflection;
            using Microsoft.SemanticKernel;

            public enum AIModel
            {
                [Description("gpt-4o")] [Category("gpt-4o")] [Display(Name = "gpt-4o", ResourceType = typeof(Labels))] Gpt4o,
                [Description("dall-e-3")] DallE3,
                Gpt4,
            }

            public static class Labels
            {
                public static string gpt_4o => "GPT-4o";
            }

            {{DescriptionHelper}}

            public static class OtherHelpers
            {
                public static string Category(this Enum value)
                    => value.GetType().GetField(value.ToString())?.GetCustomAttribute<CategoryAttribute>()?.Category ?? "";

                public static string Slug(this Enum value) => value.ToString().ToLowerInvariant();

                public static string Shouted(this Enum value)
                    => value.GetType().GetField(value.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description.ToUpperInvariant() ?? "";

                public static string InLambda(this Enum value)
                    => value.GetType().GetField(value.ToString())!.GetCustomAttributes<DescriptionAttribute>().Select(a => a.Description).FirstOrDefault() ?? "";

                public static string Localized(this Enum value)
                    => value.GetType().GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? "";

                public static string WithSuffix(this Enum value, string suffix)
                    => (value.GetType().GetField(value.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "") + suffix;

                // Reads the attribute of one fixed member, whatever the parameter is.
                public static string Fixed(this AIModel value)
                    => typeof(AIModel).GetField("Gpt4o")?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
            }

            public class KernelService
            {
                public Kernel Build(AIModel chosen, string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion(chosen.GetDescription(), key);
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4.GetDescription(), key);
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4.ToString(), key);
                    #pragma warning disable SKEXP0010 // AIWebApi registers its image service the same way
                    builder.AddOpenAITextToImage(key, serviceId: AIModel.DallE3.GetDescription());
                    #pragma warning restore SKEXP0010
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.Category(), key, serviceId: "a");
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.Slug(), key, serviceId: "b");
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.Shouted(), key, serviceId: "c");
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.InLambda(), key, serviceId: "d");
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.Localized(), key, serviceId: "e");
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.WithSuffix("-x"), key, serviceId: "f");
                    builder.AddOpenAIChatCompletion(AIModel.DallE3.Fixed(), key, serviceId: "g");
                    builder.AddAzureOpenAIChatCompletion(deploymentName: AIModel.Gpt4o.GetDescription(), endpoint: "https://contoso.openai.azure.com/", apiKey: key);
                    return builder.Build();
                }
            }
            """);

    // The same catalog sent to a local server (Ollama keeps its own names): the slot rules leave the id alone.
    [Fact]
    public Task A_described_member_sent_to_another_server_is_not_reported() =>
        VerifyAsync($$"""
            using System;
            using System.ComponentModel;
            using System.Reflection;
            using Microsoft.SemanticKernel;

            public enum AIModel
            {
                [Description("gpt-4o")] Gpt4o,
            }

            {{DescriptionHelper}}

            public static class Setup
            {
                public static Kernel Build()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.GetDescription(), new Uri("http://localhost:11434/v1"), apiKey: null);
                    return builder.Build();
                }
            }
            """);

    // Half-typed code: an attribute whose type does not resolve (no using), a helper that is not written yet, a
    // member that does not exist. No crash, no report.
    [Fact]
    public Task Half_typed_catalogs_are_not_reported()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using System.Reflection;
                using Microsoft.SemanticKernel;

                public enum AIModel
                {
                    [Description("gpt-4o")] Gpt4o,
                    [System.ComponentModel.Description("gpt-4o-mini")] Mini,
                }

                public static class EnumExtensions
                {
                    public static string GetDescription(this System.Enum value)
                        => value.GetType().GetField(value.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? value.ToString();
                }

                public class KernelService
                {
                    public Kernel Build(string key)
                    {
                        var builder = Kernel.CreateBuilder();
                        builder.AddOpenAIChatCompletion(AIModel.Gpt4o.GetDescription(), key, serviceId: "a");
                        builder.AddOpenAIChatCompletion(AIModel.Mini.GetDescription(), key, serviceId: "b");
                        builder.AddOpenAIChatCompletion(AIModel.Mini.GetSummary(), key, serviceId: "c");
                        builder.AddOpenAIChatCompletion(AIModel.Gpt5.GetDescription(), key, serviceId: "d");
                        builder.AddOpenAIChatCompletion(AIModel.Mini.GetDescription(, key);
                        return builder.Build();
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
