using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review92 repro-2 (ITI-Graduation-Project-Team/TaskPilot, Semantic Kernel YAML prompts): AIL0303 reported data list
/// items as instructions: a context block of labelled template variables (<c>- Title: {{$TaskTitle}}</c>) and the
/// enum values under "Allowed categories:" (<c>- MeetingNotes (for minutes, ...)</c>). They are data (DataListItems);
/// the rules of the same prompt, list items or not, stay instructions.
/// </summary>
public class DataListItemTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";
    private const string YamlPath = "Prompts/Requirements/Categorization.yaml";

    // TaskPilot's Categorization.yaml with ExplanationPrompt.yaml's "Task Context" block, verbatim but shortened.
    private const string Categorization = """
        name: DocumentCategorization

        template: |
          You are an AI document categorization agent.

          Task Context
          - Title: {{$TaskTitle}}
          - Estimated Hours: {{$TaskEstimatedHours}}
          - Required Skills: {{$RequiredSkills}}

          Rules:
            - Return ONLY the exact enum value string from the allowed categories list.
            - Do NOT return markdown or explanation.
            - Return only ONE category.

          Allowed categories:
            - Requirements (for product requirements, PRDs, user stories, feature lists)
            - Architecture (for design specs, system diagrams descriptions, data models, infrastructure plans)
            - MeetingNotes (for minutes, transcripts, team syncs, PM summaries)
            - ApiDocumentation (for swagger specs, API endpoint lists, integration documentation)
            - Uncategorized (only if no category applies)

          FILENAME:
          {{$fileName}}

        template_format: semantic-kernel

        """;

    private static Task VerifyFileAsync(string content, string evals, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = "namespace TaskPilot.AI; public static class Empty { }" };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.Add((YamlPath, content));
        test.AdditionalFiles.Add(("evals/categorization.evals.jsonl", evals));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>AIL0303 expected on the characters <paramref name="text"/> of the YAML file (located here, not by the analyzer).</summary>
    private static DiagnosticResult OnYamlText(string text)
    {
        var start = Categorization.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + text);
        return Diagnostic("AIL0303").WithSpan(YamlPath, Categorization, new Microsoft.CodeAnalysis.Text.TextSpan(start, text.Length)).WithArguments(text, YamlPath);
    }

    [Fact]
    public Task Labelled_template_variables_and_allowed_category_values_are_not_instructions() =>
        VerifyFileAsync(
            Categorization,
            Case(YamlPath, rule: "Return ONLY the exact enum value"),
            OnYamlText("Do NOT return markdown or explanation."),
            OnYamlText("Return only ONE category."));

    // The C# twin: a constant prompt whose values and labelled holes are data, beside rules that instruct. Rules under
    // the values' heading and items that only look like values (a rule after a colon, a keyword in the label, a JSON
    // example) stay instructions.
    [Fact]
    public Task Rules_beside_data_items_stay_instructions() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Triage = "Classify the ticket.\n" +
                    "Ticket:\n" +
                    "- Order: {0}\n" +
                    "- Customer name: {1} | Tier: {2}\n" +
                    "- {|#0:Only answer in: {3}|}\n" +
                    "- {|#1:Format: { \"category\": \"...\" }|}\n" +
                    "Allowed categories:\n" +
                    "- billing (for invoices and refunds)\n" +
                    "- `shipping`\n" +
                    "- {|#2:refund: never more than one per order|}\n" +
                    "- {|#3:Never invent a new category.|}\n" +
                    "Steps:\n" +
                    "- {|#4:Summarize|}\n" +
                    "- {|#5:Translate|}\n";
            }
            """,
            new[] { ("evals/p.evals.jsonl", Case("Shop.Prompts.Triage")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Only answer in: {3}", "Shop.Prompts.Triage"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Format: { \"category\": \"...\" }", "Shop.Prompts.Triage"),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("refund: never more than one per order", "Shop.Prompts.Triage"),
            Diagnostic("AIL0303").WithLocation(3).WithArguments("Never invent a new category.", "Shop.Prompts.Triage"),
            Diagnostic("AIL0303").WithLocation(4).WithArguments("Summarize", "Shop.Prompts.Triage"),
            Diagnostic("AIL0303").WithLocation(5).WithArguments("Translate", "Shop.Prompts.Triage"));

    // The two "debatable" items of the review (ExplanationPrompt.yaml): few-shot examples written as list items of a
    // rules section. Neither a labelled hole nor a value under a values heading, so by the page a list item is an
    // instruction, and a case quoting the example tests the rule it illustrates.
    [Fact]
    public Task Example_items_in_a_rules_section_stay_instructions() =>
        VerifyAsync(
            """
            using AiLint;
            namespace TaskPilot;
            public static class Prompts
            {
                [Prompt] public const string Explanation = "TECHNOLOGY NAMES RULES\n" +
                    "- NEVER translate technology names in Arabic.\n" +
                    "- {|#0:Correct Arabic example: يفتقر إلى الخبرة في Entity Framework Core.|}\n";
            }
            """,
            new[] { ("evals/p.evals.jsonl", Case("TaskPilot.Prompts.Explanation", rule: "NEVER translate technology names")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Correct Arabic example: يفتقر إلى الخبرة في Entity Framework Core.", "TaskPilot.Prompts.Explanation"));

    // Half-typed: a label whose variable is not closed yet is not a hole, so the item is judged as text (an instruction).
    [Fact]
    public Task A_half_typed_variable_leaves_the_item_an_instruction()
    {
        var typing = Categorization.Replace("{{$RequiredSkills}}", "{{$RequiredSkills");
        const string Item = "Required Skills: {{$RequiredSkills";
        return VerifyFileAsync(
            typing,
            Case(YamlPath, rule: "Return ONLY the exact enum value") + "\n" + Case(YamlPath, "c2", rule: "Do NOT return markdown") + "\n" + Case(YamlPath, "c3", rule: "Return only ONE"),
            Diagnostic("AIL0303").WithSpan(YamlPath, typing, new Microsoft.CodeAnalysis.Text.TextSpan(typing.IndexOf(Item, StringComparison.Ordinal), Item.Length)).WithArguments(Item, YamlPath));
    }

    // Broken C#: the prompt's text is not a constant while it is typed, so it has no instructions; no crash.
    [Fact]
    public Task A_prompt_being_typed_reports_nothing_and_does_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using AiLint;
                namespace Shop;
                public static class Prompts
                {
                    [Prompt] public const string Triage = "Allowed categories:\n- billing (for invoices)\n- Never guess.\n" + ;
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.AdditionalFiles.Add(("evals/p.evals.jsonl", Case("Shop.Prompts.Triage")));
        return test.RunAsync();
    }
}
