using AiLint.CodeFixes.Rules.Schema;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<AiLint.Analyzers.Rules.Schema.LlmSchemaAnalyzer, AiLint.CodeFixes.Rules.Schema.MakeSchemaTypePartialCodeFixProvider>;

namespace AiLint.Tests.Schema;

public class AIL0402Tests
{
    [Fact]
    public Task Non_partial_record_gets_partial() =>
        Verify.VerifyCodeFixAsync(
            """
            using AiLint;

            [LlmSchema]
            public sealed record {|AIL0402:Ticket|}(string Title);
            """,
            """
            using AiLint;

            [LlmSchema]
            public sealed partial record Ticket(string Title);
            """);

    [Fact]
    public Task Type_without_modifiers_keeps_its_layout() =>
        Verify.VerifyCodeFixAsync(
            """
            using AiLint;

            namespace Shop
            {
                [LlmSchema("order")]
                class {|AIL0402:Order|}
                {
                    public int Id { get; set; }
                }
            }
            """,
            """
            using AiLint;

            namespace Shop
            {
                [LlmSchema("order")]
                partial class Order
                {
                    public int Id { get; set; }
                }
            }
            """);

    [Fact]
    public Task Containing_types_become_partial_too() =>
        Verify.VerifyCodeFixAsync(
            """
            using AiLint;

            public static class Outer
            {
                internal class Middle
                {
                    [LlmSchema]
                    public record struct {|AIL0402:Point|}(int X, int Y);
                }
            }
            """,
            """
            using AiLint;

            public static partial class Outer
            {
                internal partial class Middle
                {
                    [LlmSchema]
                    public partial record struct Point(int X, int Y);
                }
            }
            """);

    [Fact]
    public Task Partial_type_in_a_non_partial_container_is_reported_and_fixed() =>
        Verify.VerifyCodeFixAsync(
            """
            using AiLint;

            public class Outer
            {
                [LlmSchema]
                public partial struct {|AIL0402:Reading|}
                {
                    public double Value { get; set; }
                }
            }
            """,
            """
            using AiLint;

            public partial class Outer
            {
                [LlmSchema]
                public partial struct Reading
                {
                    public double Value { get; set; }
                }
            }
            """);

    [Fact]
    public Task Fix_all_handles_two_schema_types_in_one_container() =>
        Verify.VerifyCodeFixAsync(
            """
            using AiLint;

            public class Schemas
            {
                [LlmSchema]
                public record {|AIL0402:A|}(string Text);

                [LlmSchema]
                public class {|AIL0402:B|}
                {
                    public int N { get; set; }
                }
            }
            """,
            """
            using AiLint;

            public partial class Schemas
            {
                [LlmSchema]
                public partial record A(string Text);

                [LlmSchema]
                public partial class B
                {
                    public int N { get; set; }
                }
            }
            """);

    [Fact]
    public Task Partial_types_are_fine() =>
        Verify.VerifyAnalyzerAsync(
            """
            using AiLint;

            public static partial class Outer
            {
                [LlmSchema]
                public partial record Ticket(string Title);
            }

            public record NotASchema(string Title);
            """);

    [Fact]
    public async Task Half_typed_declaration_does_not_crash()
    {
        var diagnostics = await SchemaAnalyzerRunner.RunAsync("""
            using AiLint;

            [LlmSchema(
            public record Ticket(string Title
            """);
        Assert.All(diagnostics, d => Assert.StartsWith("AIL04", d.Id, StringComparison.Ordinal));
    }
}
