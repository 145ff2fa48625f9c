using System.Text;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Schema.LlmSchemaAnalyzer>;

namespace AiLint.Tests.Schema;

public class AIL0403Tests
{
    /// <summary>A chain of <paramref name="levels"/> nested objects, the [LlmSchema] root being level 1.</summary>
    private static string NestingChain(int levels, string attribute)
    {
        var code = new StringBuilder("using AiLint;\n\n");
        code.Append(attribute).Append("\npublic partial class {|#0:Level1|} { public Level2 Next { get; set; } = new(); }\n");
        for (var i = 2; i < levels; i++)
        {
            code.Append($"public class Level{i} {{ public Level{i + 1} Next {{ get; set; }} = new(); }}\n");
        }

        code.Append($"public class Level{levels} {{ public string Leaf {{ get; set; }} = \"\"; }}\n");
        return code.ToString();
    }

    private static string NullableProperties(int count, string attribute)
    {
        var code = new StringBuilder("using AiLint;\n\n").Append(attribute).Append("\npublic partial class {|#0:Form|}\n{\n");
        for (var i = 0; i < count; i++)
        {
            code.Append($"    public string? Field{i} {{ get; set; }}\n");
        }

        return code.Append("}\n").ToString();
    }

    [Fact]
    public Task Eleven_levels_exceed_OpenAI_nesting_depth() =>
        Verify.VerifyAnalyzerAsync(
            NestingChain(11, "[LlmSchema(Providers = new[] { LlmProvider.OpenAI })]"),
            Verify.Diagnostic("AIL0403").WithLocation(0).WithArguments("OpenAI", "Level1", "has 11 levels of object nesting, over the limit of 10"));

    [Fact]
    public Task Ten_levels_are_within_OpenAI_nesting_depth() =>
        Verify.VerifyAnalyzerAsync(NestingChain(10, "[LlmSchema(Providers = new[] { LlmProvider.OpenAI })]").Replace("{|#0:Level1|}", "Level1"));

    [Fact]
    public Task Depth_is_not_checked_for_providers_without_that_limit() =>
        Verify.VerifyAnalyzerAsync(NestingChain(12, "[LlmSchema(Providers = new[] { LlmProvider.Anthropic, LlmProvider.Gemini })]").Replace("{|#0:Level1|}", "Level1"));

    [Fact]
    public Task Seventeen_nullable_properties_exceed_Anthropic_union_limit() =>
        Verify.VerifyAnalyzerAsync(
            NullableProperties(17, "[LlmSchema(Providers = new[] { LlmProvider.Anthropic })]"),
            Verify.Diagnostic("AIL0403").WithLocation(0).WithArguments("Anthropic", "Form", "has 17 properties that use anyOf or a type array, over the limit of 16"));

    [Fact]
    public Task Twenty_five_nullable_properties_exceed_both_Anthropic_limits() =>
        Verify.VerifyAnalyzerAsync(
            NullableProperties(25, "[LlmSchema(Providers = new[] { LlmProvider.Anthropic })]"),
            Verify.Diagnostic("AIL0403").WithLocation(0).WithArguments("Anthropic", "Form", "has 25 optional properties, over the limit of 24"),
            Verify.Diagnostic("AIL0403").WithLocation(0).WithArguments("Anthropic", "Form", "has 25 properties that use anyOf or a type array, over the limit of 16"));

    [Fact]
    public Task Sixteen_nullable_properties_are_within_Anthropic_limits_and_OpenAI_has_no_such_limit() =>
        Verify.VerifyAnalyzerAsync(NullableProperties(16, "[LlmSchema]").Replace("{|#0:Form|}", "Form"));

    [Fact]
    public Task More_than_1000_enum_values_exceed_OpenAI_limit()
    {
        var members = string.Join(", ", Enumerable.Range(0, 1001).Select(i => "V" + i));
        return Verify.VerifyAnalyzerAsync(
            $$"""
            using AiLint;

            public enum Code { {{members}} }

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial record {|#0:Classified|}(Code Code);
            """,
            Verify.Diagnostic("AIL0403").WithLocation(0).WithArguments("OpenAI", "Classified", "has 1001 enum values in total, over the limit of 1000"));
    }

    [Fact]
    public Task Enum_values_are_counted_at_each_use()
    {
        var members = string.Join(", ", Enumerable.Range(0, 600).Select(i => "V" + i));
        return Verify.VerifyAnalyzerAsync(
            $$"""
            using AiLint;

            public enum Code { {{members}} }

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial record {|#0:Classified|}(Code Primary, Code Secondary);
            """,
            Verify.Diagnostic("AIL0403").WithLocation(0).WithArguments("OpenAI", "Classified", "has 1200 enum values in total, over the limit of 1000"));
    }

    [Fact]
    public Task More_than_5000_properties_exceed_OpenAI_limit()
    {
        // 51 properties of a 100-property type, inlined each time: 51 + 51 * 100 = 5151.
        var inner = string.Join("\n", Enumerable.Range(0, 100).Select(i => $"    public int P{i} {{ get; set; }}"));
        var outer = string.Join("\n", Enumerable.Range(0, 51).Select(i => $"    public Block B{i} {{ get; set; }} = new();"));
        return Verify.VerifyAnalyzerAsync(
            $$"""
            using AiLint;

            public class Block
            {
            {{inner}}
            }

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class {|#0:Report|}
            {
            {{outer}}
            }
            """,
            Verify.Diagnostic("AIL0403").WithLocation(0).WithArguments("OpenAI", "Report", "has 5151 object properties in total, over the limit of 5000"));
    }
}
