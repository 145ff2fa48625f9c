using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review46 L1 (Repro/InterpolatedConstLocation, shape of HJWF/TheAssistant's CouncilPrompts): a <c>const</c>
/// interpolated template that includes a shared fragment (<c>$"""... {Shared} ..."""</c>) has AIL0303 on the
/// instruction's own text when its literal holds it, before and after the hole; an instruction of the fragment is on
/// the declaration. Regular (escapes, doubled braces), verbatim and single-line raw templates are mapped the same way.
/// </summary>
public class InterpolatedConstSourceMapTests
{
    private static (string, string)[] Cases(string prompt, params string[] rules) =>
        new[] { ("evals/p.evals.jsonl", string.Join("\n", rules.Select((r, i) => Case(prompt, "r" + i, rule: r)))) };

    private const string Member = """

        public class Member(ChatClient client)
        {
            public async System.Threading.Tasks.Task<string> AskAsync(string topic)
            {
                ChatCompletion c = await client.CompleteChatAsync([new SystemChatMessage(CouncilPrompts.Chef), new UserChatMessage(topic)]);
                return c.Content[0].Text;
            }
        }
        """;

    // The repro, laid out as in Program.cs (lines 16-24): the own instruction at line 20, column 11; the fragment's
    // instruction on the declaration `Chef` (line 16, column 25).
    [Fact]
    public Task The_repro_places_its_own_instruction_on_its_text_and_the_fragments_on_the_declaration() =>
        VerifyAsync(
            """"
            // 1
            // 2
            // 3
            // 4
            // 5
            using OpenAI.Chat;

            namespace Demo;

            public static class CouncilPrompts
            {
                private const string Shared = """
                    - Always communicate in English.
                    """;

                public const string Chef = $"""
                    You are a professional chef on a dinner planning council.

                    Focus on:
                    - Never suggest deep-fried food
                    - Use seasonal produce where possible
                    {Shared}
                    """;
            }
            """" + Member,
            Cases("Demo.CouncilPrompts.Chef", "Use seasonal produce"),
            Diagnostic("AIL0303").WithSpan(20, 11, 20, 40).WithArguments("Never suggest deep-fried food", "Demo.CouncilPrompts.Chef"),
            Diagnostic("AIL0303").WithSpan(16, 25, 16, 29).WithArguments("Always communicate in English.", "Demo.CouncilPrompts.Chef"));

    // Text after the hole (on the hole's line and on the lines below) is mapped too; a case quoting an instruction
    // clears it (the correct code beside the positives).
    [Fact]
    public Task Instructions_after_the_hole_are_on_their_own_text() =>
        VerifyAsync(
            """"
            using OpenAI.Chat;
            using System.Threading.Tasks;
            namespace Demo;
            public static class CouncilPrompts
            {
                private const string Shared = "You are Dutch and live in the Netherlands.";

                public const string Chef = $"""
                    {Shared} {|#0:Only suggest dishes you can cook in an hour.|}
                      Indented continuation line.
                    - {|#1:Never suggest deep-fried food|}
                    - Use seasonal produce where possible
                    """;
            }
            """" + Member,
            Cases("Demo.CouncilPrompts.Chef", "Use seasonal produce"),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Only suggest dishes you can cook in an hour.", "Demo.CouncilPrompts.Chef"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never suggest deep-fried food", "Demo.CouncilPrompts.Chef"));

    [Fact]
    public Task Instructions_quoted_by_a_rule_are_not_reported_in_a_template_with_a_fragment() =>
        VerifyAsync(
            """"
            using OpenAI.Chat;
            using System.Threading.Tasks;
            namespace Demo;
            public static class CouncilPrompts
            {
                private const string Shared = "- Always communicate in English.";

                public const string Chef = $"""
                    You are a professional chef.
                    - Never suggest deep-fried food
                    {Shared}
                    - Use seasonal produce where possible
                    """;
            }
            """" + Member,
            Cases("Demo.CouncilPrompts.Chef", "Use seasonal produce", "never suggest deep-fried", "communicate in English"));

    // Regular and verbatim templates: escapes, doubled quotes and doubled braces are mapped back to their characters.
    [Fact]
    public Task Regular_verbatim_and_single_line_raw_templates_are_mapped() =>
        VerifyAsync(
            """"
            using OpenAI.Chat;
            using System.Threading.Tasks;
            namespace Demo;
            public static class CouncilPrompts
            {
                private const string Shared = "Be kind.";

                public const string Chef = $"You are a chef {{v2}}.\n{Shared} {|#0:You must answer in \"English\".|}\t{|#1:Never share secrets!|}";
                public const string Baker = $@"You are a baker. {Shared}
            {|#2:Never use ""instant"" yeast.|}";
                public const string Cook = $"""You are a cook. {Shared} {|#3:Never serve raw fish.|}""";
            }

            public class Member(ChatClient client)
            {
                public async Task<string> AskAsync(string topic)
                {
                    ChatCompletion c = await client.CompleteChatAsync([new SystemChatMessage(CouncilPrompts.Chef), new SystemChatMessage(CouncilPrompts.Baker), new SystemChatMessage(CouncilPrompts.Cook), new UserChatMessage(topic)]);
                    return c.Content[0].Text;
                }
            }
            """",
            new[] { ("evals/p.evals.jsonl", string.Join("\n", Case("Demo.CouncilPrompts.Chef"), Case("Demo.CouncilPrompts.Baker"), Case("Demo.CouncilPrompts.Cook"))) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must answer in \"English\".", "Demo.CouncilPrompts.Chef"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never share secrets!", "Demo.CouncilPrompts.Chef"),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Never use \"instant\" yeast.", "Demo.CouncilPrompts.Baker"),
            Diagnostic("AIL0303").WithLocation(3).WithArguments("Never serve raw fish.", "Demo.CouncilPrompts.Cook"));

    // `$$"""` keeps single braces as text: the instruction after them is still on its own text.
    [Fact]
    public Task A_raw_template_with_two_dollars_keeps_single_braces_as_text() =>
        VerifyAsync(
            """"
            using OpenAI.Chat;
            using System.Threading.Tasks;
            namespace Demo;
            public static class CouncilPrompts
            {
                private const string Shared = "Be kind.";

                public const string Chef = $$"""
                    You are a chef. Reply as {"dish": "..."}.
                    {{Shared}}
                    - {|#0:Never suggest deep-fried food|}
                    """;
            }
            """" + Member,
            new[] { ("evals/p.evals.jsonl", Case("Demo.CouncilPrompts.Chef")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never suggest deep-fried food", "Demo.CouncilPrompts.Chef"));

    // The same mapping for a template with data written at the slot (its text parts were mapped only when spelled
    // exactly as their value, so a raw template's instructions fell back to the whole template).
    [Fact]
    public Task A_raw_template_with_data_at_the_slot_has_its_instructions_on_their_text() =>
        VerifyAsync(
            """"
            using OpenAI.Chat;
            namespace Demo;
            public class Guide
            {
                public ChatMessage Build(string city) => new SystemChatMessage($"""
                    You are a guide for {city}. {|#1:Always give opening hours.|}
                    - {|#0:Never recommend closed venues|}
                    """);
            }
            """",
            new[] { ("evals/p.evals.jsonl", Case("Demo.Guide.Build")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never recommend closed venues", "Demo.Guide.Build"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Always give opening hours.", "Demo.Guide.Build"));

    // Half-typed: the template's hole and the closing quotes are still being written.
    [Fact]
    public Task A_half_typed_constant_template_does_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """"
                using OpenAI.Chat;
                namespace Demo;
                public static class CouncilPrompts
                {
                    private const string Shared = "- Always communicate in English.";
                    public const string Chef = $"""
                        You are a chef.
                        - Never suggest deep-fried food
                        {Shared
                    public static ChatMessage M() => new SystemChatMessage(Chef);
                }
                """",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("evals/p.evals.jsonl", Case("Demo.CouncilPrompts.Chef")));
        return test.RunAsync();
    }
}
