using System.Reflection;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// False-positive hunt on Anthropic's <c>Model</c> enum read as the ids the SDK sends: only a member that reaches a
/// request's model slot is an id sent; the same member in a price table, a switch, a dropdown filled from
/// <c>Enum.GetValues</c>, a comparison or a default parameter that no request reads is not. And the naming
/// convention is checked against the SDK's own JSON for every member.
/// </summary>
public class AnthropicModelEnumFalsePositiveTests
{
    // Anthropic 13.12 still carries Model.ClaudeSonnet4_5_20250929 (shut down 2026-11-30).
    private static AnalyzerTest<ModelAnalyzer> OnAnthropic13_12(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = OlderSdkReferences.Replacing(("Anthropic", "13.12.0")),
            TestCode = code,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    [Fact]
    public Task Enum_members_that_no_request_reads_are_not_reported() =>
        OnAnthropic13_12("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Anthropic.Models.Messages;
            class Catalog
            {
                // Pricing / display tables keyed by the enum.
                static readonly Dictionary<Model, decimal> InputPricePerMillion = new()
                {
                    [Model.ClaudeSonnet4_5_20250929] = 3m,
                    [Model.ClaudeSonnet4_6] = 3m,
                };

                static string Label(Model model) => model switch
                {
                    Model.ClaudeSonnet4_5_20250929 => "Sonnet 4.5 (retired)",
                    Model.ClaudeSonnet4_6 => "Sonnet 4.6",
                    _ => model.ToString(),
                };

                // A dropdown filled from every member.
                static IReadOnlyList<string> Choices() => Enum.GetValues<Model>().Select(m => m.ToString()).ToList();

                static bool IsRetired(Model model) => model == Model.ClaudeSonnet4_5_20250929;

                static decimal Cost(int tokens, Model model = Model.ClaudeSonnet4_5_20250929) =>
                    tokens * InputPricePerMillion[model] / 1_000_000m;

                static string Describe(Model model)
                {
                    switch (model)
                    {
                        case Model.ClaudeSonnet4_5_20250929:
                            return "retired";
                        default:
                            return "current";
                    }
                }

                MessageCreateParams Current() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = Model.ClaudeSonnet4_6,
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };
            }
            """).RunAsync();

    // The union slot (ApiEnum<string, Model>) takes a string or a member; a member picked by a switch reaches it.
    [Fact]
    public Task Members_and_strings_that_reach_the_request_are_reported() =>
        OnAnthropic13_12("""
            using Anthropic.Models.Messages;
            class Requests
            {
                MessageCreateParams FromString() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = {|#0:"claude-sonnet-4-5-20250929"|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams Picked(bool deep) => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = deep ? Model.ClaudeOpus4_6 : {|#1:Model.ClaudeSonnet4_5_20250929|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-sonnet-4-5-20250929", "2026-11-30", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("claude-sonnet-4-5-20250929", "2026-11-30", "")).RunAsync();

    // Only the exact first-party ids: the snapshot and the undated alias Anthropic retired with it; Bedrock and Vertex
    // spellings of the same model (which those platforms retire on their own schedules) are not matched, nor are
    // Bedrock/Vertex spellings of other retired rows.
    [Fact]
    public Task Only_the_exact_first_party_ids_of_sonnet_4_5_are_reported() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            using Microsoft.Extensions.AI;
            class Requests
            {
                MessageCreateParams Params(string model) => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = model,
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams Exact() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = {|#0:"claude-sonnet-4-5-20250929"|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams Alias() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = {|#1:"claude-sonnet-4-5"|},
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                MessageCreateParams Vertex() => new MessageCreateParams
                {
                    MaxTokens = 512,
                    Model = "claude-sonnet-4-5@20250929",
                    Messages = new MessageParam[] { new UserMessageParam { Content = "hi" } },
                };

                ChatOptions Bedrock() => new ChatOptions { ModelId = "anthropic.claude-sonnet-4-5-20250929-v1:0" };
                ChatOptions BedrockRegion() => new ChatOptions { ModelId = "us.anthropic.claude-sonnet-4-5-20250929-v1:0" };
                ChatOptions BedrockHaiku3() => new ChatOptions { ModelId = "anthropic.claude-3-haiku-20240307-v1:0" };
                ChatOptions VertexHaiku3() => new ChatOptions { ModelId = "claude-3-haiku@20240307" };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("claude-sonnet-4-5-20250929", "2026-11-30", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("claude-sonnet-4-5", "2026-11-30", ""));

    // The convention ModelEnumNames reads must be the SDK's: every member's raw value (what the SDK
    // referenced by the tests, 13.15, writes to the request) is the id the convention gives.
    [Fact]
    public void Every_enum_member_maps_to_the_id_the_SDK_sends()
    {
        var enumType = typeof(Anthropic.Models.Messages.Model);
        var wrapper = typeof(Anthropic.Core.ApiEnum<,>).MakeGenericType(typeof(string), enumType);
        var mismatches = new List<string>();
        foreach (var member in Enum.GetValues(enumType))
        {
            var wrapped = wrapper.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .First(m => m.Name == "op_Implicit" && m.GetParameters()[0].ParameterType == enumType)
                .Invoke(null, new[] { member });
            var json = (string?)wrapper.GetMethod("Raw")!.Invoke(wrapped, null);
            var name = Enum.GetName(enumType, member)!;
            if (json != ModelEnumNames.ToModelId(name))
            {
                mismatches.Add($"{name}: SDK {json}, convention {ModelEnumNames.ToModelId(name)}");
            }
        }

        Assert.Empty(mismatches);
    }
}
