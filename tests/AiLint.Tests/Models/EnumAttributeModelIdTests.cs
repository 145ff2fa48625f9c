using AiLint.Analyzers.Rules.Models;
using AiLint.CodeFixes.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Model ids kept on a project enum's members (<c>[Description("gpt-4o")] Gpt4o</c>) and read at the slot through a
/// project helper that reflects over that attribute: <c>builder.AddOpenAIChatCompletion(AIModel.Gpt4o.GetDescription(), key)</c>
/// (review75, AIWebApi's KernelService). Reported at the attribute argument when the enum is in the slot's file, else at
/// the call.
/// </summary>
public class EnumAttributeModelIdTests
{
    // The helper exactly as AIWebApi (and many apps) spell it.
    internal const string DescriptionHelper = """
        public static class EnumExtensions
        {
            public static string GetDescription(this System.Enum value)
                => value.GetType().GetField(value.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? value.ToString();
        }
        """;

    [Fact]
    public Task The_description_of_a_constant_member_read_at_a_kernel_registration_is_reported_at_the_attribute() =>
        VerifyAsync($$"""
            using System.ComponentModel;
            using System.Reflection;
            using Microsoft.SemanticKernel;

            public enum AIModel
            {
                [Description({|#0:"gpt-4o"|})]
                Gpt4o,
                [Description({|#1:"gpt-4o-mini"|})]
                Gpt4oMini,
                [Description("text-embedding-3-small")]
                TextEmbedding3Small,
            }

            {{DescriptionHelper}}

            public class KernelService
            {
                public KernelService(string openAIApiKey)
                {
                    IKernelBuilder builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.GetDescription(), openAIApiKey, serviceId: AIModel.Gpt4o.GetDescription());
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4oMini.GetDescription(), openAIApiKey, serviceId: AIModel.Gpt4oMini.GetDescription());
                    // The same member read at a second slot: one report on the attribute, not one per call.
                    builder.AddOpenAIChatCompletion(AIModel.Gpt4o.GetDescription(), openAIApiKey, serviceId: "second");
                    builder.Build();
                }
            }
            """,
            Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer),
            Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o-mini", ModelTestHelpers.Gpt4oMiniPointer));

    // [EnumMember(Value = ...)] read through GetCustomAttributes(typeof(...)) and a conditional, [Display(Name = ...)]
    // through GetMember(...).First() and GetName(), a static (non-extension) helper, a generic one, and a name held in a
    // local: the usual spellings of the same read.
    [Fact]
    public Task Other_attributes_and_spellings_of_the_reflection_helper_are_read() =>
        VerifyAsync("""
            using System;
            using System.ComponentModel;
            using System.ComponentModel.DataAnnotations;
            using System.Linq;
            using System.Reflection;
            using System.Runtime.Serialization;
            using OpenAI.Chat;

            public enum Wire
            {
                [EnumMember(Value = {|#0:"gpt-3.5-turbo-0613"|})] Legacy,
                [EnumMember(Value = "gpt-6-astra")] Current,
            }

            public enum Shown
            {
                [Display(Name = {|#1:"gpt-4-0613"|})] Old,
            }

            public enum Described
            {
                [Description({|#2:"dall-e-3"|})] Images,
                [Description({|#3:"gpt-4o"|})] Omni,
            }

            public static class EnumHelper
            {
                public static string ToWire(Wire value)
                {
                    var name = value.ToString();
                    var attributes = (EnumMemberAttribute[])typeof(Wire).GetField(name)!.GetCustomAttributes(typeof(EnumMemberAttribute), false);
                    return attributes.Length > 0 ? attributes[0].Value! : name;
                }

                public static string Label(this Enum value)
                    => value.GetType().GetMember(value.ToString()).First().GetCustomAttribute<DisplayAttribute>()?.GetName() ?? value.ToString();

                public static string Describe<T>(this T value) where T : struct, Enum
                {
                    var field = typeof(T).GetField(Enum.GetName(typeof(T), value)!);
                    if (field != null && Attribute.GetCustomAttribute(field, typeof(DescriptionAttribute)) is DescriptionAttribute attribute)
                    {
                        return attribute.Description;
                    }

                    return value.ToString();
                }
            }

            class Program
            {
                static void Main()
                {
                    new ChatClient(EnumHelper.ToWire(Wire.Legacy), "key");
                    new ChatClient(EnumHelper.ToWire(Wire.Current), "key");
                    new ChatClient(Shown.Old.Label(), "key");
                    new OpenAI.Images.ImageClient(Described.Images.Describe(), "key");
                    new ChatClient(model: Described.Omni.Describe(), apiKey: "key");
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0613", "2024-09-13", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4-0613", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("dall-e-3", "2026-05-12", ""),
            Diagnostic("AIL0501").WithLocation(3).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // Reported on the attribute's literal, the fix moves the catalog entry itself: every slot that reads the member follows.
    [Fact]
    public Task The_fix_moves_the_attribute_argument_to_the_successor() => new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
    {
        TestCode = $$"""
            using System.ComponentModel;
            using System.Reflection;
            using Microsoft.Extensions.AI;

            public enum AIModel
            {
                [Description({|AIL0503:"claude-sonnet-4-20250514"|})] Sonnet,
            }

            {{DescriptionHelper}}

            class C
            {
                ChatOptions Options() => new ChatOptions { ModelId = AIModel.Sonnet.GetDescription() };
            }
            """,
        FixedCode = $$"""
            using System.ComponentModel;
            using System.Reflection;
            using Microsoft.Extensions.AI;

            public enum AIModel
            {
                [Description("claude-sonnet-4-6")] Sonnet,
            }

            {{DescriptionHelper}}

            class C
            {
                ChatOptions Options() => new ChatOptions { ModelId = AIModel.Sonnet.GetDescription() };
            }
            """,
    }.RunAsync();

    // The enum and its helper in a file of their own (as AIWebApi keeps AIModel): a diagnostic stays in the file being
    // analysed, so it is reported at each call that reads the member, with the id in the message.
    [Fact]
    public Task An_enum_declared_in_another_file_is_reported_at_the_call()
    {
        var test = new AnalyzerTest<ModelAnalyzer>();
        test.TestState.Sources.Add(("KernelService.cs", """
            using Microsoft.SemanticKernel;

            public class KernelService
            {
                public Kernel Build(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion({|#0:AIModel.Gpt4o.GetDescription()|}, key, serviceId: AIModel.Gpt4o.GetDescription());
                    builder.AddOpenAIChatCompletion({|#1:AIModel.Gpt4o.GetDescription()|}, key, serviceId: "again");
                    return builder.Build();
                }
            }
            """));
        test.TestState.Sources.Add(("AIModel.cs", $$"""
            using System.ComponentModel;
            using System.Reflection;

            public enum AIModel
            {
                [Description("gpt-4o")] Gpt4o,
            }

            {{DescriptionHelper}}
            """));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(0).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0501").WithLocation(1).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));
        return test.RunAsync();
    }
}
