using AiLint.Analyzers.Rules.Schema;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Schema.LlmSchemaAnalyzer>;

namespace AiLint.Tests.Schema;

public class AIL0401Tests
{
    private const string MapReason = "a dictionary needs open-ended keys, but every object must declare additionalProperties:false";
    private const string GeminiMapReason = "responseSchema has no additionalProperties, so a dictionary cannot be declared";
    private const string RecursionReason = "the type contains itself, and recursive schemas are not supported";

    [Fact]
    public Task Dictionary_targeted_at_OpenAI_is_reported_on_the_member() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class Ticket
            {
                public string Title { get; set; } = "";
                public Dictionary<string, string> {|#0:Labels|} { get; set; } = new();
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("OpenAI", "Ticket.Labels", MapReason));

    [Fact]
    public Task Dictionary_for_all_providers_names_each_dialect_once() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema]
            public partial record Ticket(string Title, IReadOnlyDictionary<string, int> {|#0:Scores|});
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("OpenAI and Anthropic", "Ticket.Scores", MapReason),
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("Gemini", "Ticket.Scores", GeminiMapReason));

    [Fact]
    public Task Recursion_is_reported_for_Anthropic_and_Gemini_not_OpenAI() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema]
            public partial class Category
            {
                public string Name { get; set; } = "";
                public List<Category> {|#0:Children|} { get; set; } = new();
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("Anthropic and Gemini", "Category.Children", RecursionReason));

    [Fact]
    public Task Recursion_through_a_nested_type_is_reported_once_on_the_member_that_closes_the_cycle() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.Anthropic })]
            public partial class Thread
            {
                public Message? First { get; set; }
            }

            public class Message
            {
                public string Text { get; set; } = "";
                public Thread? {|#0:Replies|} { get; set; }
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("Anthropic", "Message.Replies", RecursionReason));

    [Fact]
    public Task Recursion_through_three_types_is_reported_once() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.Gemini })]
            public partial class Board
            {
                public string Name { get; set; } = "";
                public List<Column> Columns { get; set; } = new();
            }

            public class Column
            {
                public List<Card> Cards { get; set; } = new();
            }

            public class Card
            {
                public string Title { get; set; } = "";
                public Board? {|#0:Linked|} { get; set; }
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("Gemini", "Card.Linked", RecursionReason));

    [Fact]
    public Task Two_members_closing_two_cycles_are_each_reported() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.Anthropic })]
            public partial class Node
            {
                public string Label { get; set; } = "";
                public List<Node> {|#0:Children|} { get; set; } = new();
                public Node? {|#1:Parent|} { get; set; }
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("Anthropic", "Node.Children", RecursionReason),
            Verify.Diagnostic("AIL0401").WithLocation(1).WithArguments("Anthropic", "Node.Parent", RecursionReason));

    [Fact]
    public Task Integer_enum_is_reported_for_Gemini() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Text.Json.Serialization;
            using AiLint;

            [JsonConverter(typeof(JsonNumberEnumConverter<Severity>))]
            public enum Severity { Low = 1, High = 2 }

            [LlmSchema]
            public partial record Finding(string Text, Severity {|#0:Severity|});
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("Gemini", "Finding.Severity", "responseSchema enums must be strings, and this enum is serialised as numbers"));

    [Fact]
    public Task Unmapped_type_is_reported_for_every_targeted_provider() =>
        Verify.VerifyAnalyzerAsync(
            """
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI, LlmProvider.Gemini })]
            public partial class Answer
            {
                public object? {|#0:Payload|} { get; set; }
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("OpenAI and Gemini", "Answer.Payload", "type 'object' has no JSON schema mapping"));

    [Fact]
    public Task Abstract_member_type_is_reported() =>
        Verify.VerifyAnalyzerAsync(
            """
            using AiLint;

            public abstract class Shape { public string Name { get; set; } = ""; }

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class Drawing
            {
                public Shape {|#0:Main|} { get; set; } = null!;
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("OpenAI", "Drawing.Main", "'Shape' is abstract or an interface, so the parser cannot create it"));

    [Fact]
    public Task Generic_schema_type_is_reported() =>
        Verify.VerifyAnalyzerAsync(
            """
            using AiLint;

            [LlmSchema]
            public partial class {|#0:Envelope|}<T>
            {
                public T Value { get; set; } = default!;
            }
            """,
            Verify.Diagnostic("AIL0401").WithLocation(0).WithArguments("OpenAI, Anthropic and Gemini", "Envelope<T>", "a generic [LlmSchema] type has no single schema; declare a closed type per shape"));

    [Fact]
    public Task Recursion_targeted_only_at_OpenAI_is_fine() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class Category
            {
                public string Name { get; set; } = "";
                public List<Category> Children { get; set; } = new();
            }
            """);

    [Fact]
    public Task Integer_enum_not_targeted_at_Gemini_is_fine() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Text.Json.Serialization;
            using AiLint;

            [JsonConverter(typeof(JsonNumberEnumConverter<Severity>))]
            public enum Severity { Low = 1, High = 2 }

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI, LlmProvider.Anthropic })]
            public partial record Finding(string Text, Severity Severity);
            """);

    [Fact]
    public Task Every_supported_shape_is_fine_for_every_provider() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.ComponentModel.DataAnnotations;
            using System.Text.Json.Serialization;
            using AiLint;

            public enum Mood { Calm, Angry }

            public struct Point { public int X { get; set; } public int Y { get; set; } }

            [LlmSchema("everything")]
            public partial record Everything(
                string Text, string? Maybe, bool Flag, byte B, short S, int I, long L, uint U, ulong UL, float F, double D, decimal M,
                DateTime When, DateTimeOffset At, DateOnly Day, TimeOnly Time, Guid Id, Mood Mood, Mood? MaybeMood,
                int[] Numbers, List<string> Tags, IReadOnlyList<Point> Points, IEnumerable<string?> Loose, Point? Where,
                [property: Range(1, 5), Description("Stars")] int Stars,
                [property: StringLength(80, MinimumLength = 3), RegularExpression("[A-Z].*")] string Title,
                [property: JsonPropertyName("custom_name")] string Named)
            {
                public int Computed => I * 2;

                [JsonIgnore]
                public string Ignored { get; set; } = "";
            }

            public class NotASchema
            {
                public Dictionary<string, object> Anything { get; set; } = new();
            }
            """);

    // [JsonExtensionData] is System.Text.Json's bucket for unknown members, never a member of the JSON itself; the same
    // dictionary as an ordinary property is still a property the schema cannot express.
    [Fact]
    public Task Extension_data_member_is_not_part_of_the_schema() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class Reply
            {
                public string Answer { get; set; } = "";

                [JsonExtensionData]
                public Dictionary<string, JsonElement>? Extra { get; set; }
            }

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public partial class Loose
            {
                public string Answer { get; set; } = "";

                public Dictionary<string, string>? {|AIL0401:Extra|} { get; set; }
            }
            """);

    // A positional record parameter whose property is [JsonIgnore]d: System.Text.Json passes the parameter its default,
    // so the record can be created. A parameter that matches no property at all still leaves no usable constructor.
    [Fact]
    public Task Constructor_parameter_of_an_ignored_property_gets_its_default() =>
        Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text.Json.Serialization;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public sealed partial record Answer(string Text, [property: JsonIgnore] Uri? Link, double Confidence);

            [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
            public sealed partial class {|AIL0401:Orphan|}
            {
                public Orphan(string text, int unrelated) { Text = text; }
                public string Text { get; }
            }
            """);

    [Fact]
    public async Task Half_typed_code_does_not_crash_or_report_unresolved_types()
    {
        var diagnostics = await SchemaAnalyzerRunner.RunAsync("""
            using System.Collections.Generic;
            using AiLint;

            [LlmSchema(Providers = new[] { LlmProvider. })]
            public partial class Broken
            {
                public Missing Unknown { get; set; }
                public Dictionary<string, > Half { get; set; }
                public List<Broken
            """);
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("Unknown", StringComparison.Ordinal));
    }
}
