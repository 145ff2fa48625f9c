using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0303 on a code-review bot's system prompt: "When I paste C# code, review it in 3 sections:" asks for the
/// numbered section names under it (<c>1. Strengths</c>, <c>2. Issues / Bugs</c>), as a heading that opens with the
/// imperative does: the heading is the instruction, and a case quoting it covers them. Items that instruct themselves
/// stay instructions of their own, and a conditional line whose main clause does not ask for anything only titles its list.
/// </summary>
public class ConditionalHeadingTests
{
    private const string Id = "Review.Prompts.Reviewer";

    private static string Code(string prompt) =>
        "using AiLint;\nnamespace Review;\npublic static class Prompts\n{\n    [Prompt] public const string Reviewer = \"\"\"\n" + prompt + "\n        \"\"\";\n}\n";

    // The real shape: the prompt concatenated into a local and sent as the system message.
    [Fact]
    public Task Section_names_under_a_heading_after_a_when_clause_are_the_headings_items() =>
        VerifyAsync(
            """
            using OpenAI.Chat;

            public static class ReviewerPrompt
            {
                public static SystemChatMessage Build()
                {
                    string prompt = "You are a senior Go code reviewer. " +
                        "When I paste Go code, review it in 3 sections:\n" +
                        "1. What works\n" +
                        "2. Problems / Risks\n" +
                        "3. Suggested Changes\n" +
                        "If I ask about anything other than Go, say so and do not answer it.";
                    return new SystemChatMessage(prompt);
                }
            }
            """,
            new[]
            {
                ("evals/reviewer.evals.jsonl",
                    Case("ReviewerPrompt.Build", rule: "review it in 3 sections") + "\n" + Case("ReviewerPrompt.Build", "c2", rule: "do not answer it")),
            });

    [Fact]
    public Task An_if_clause_before_the_imperative_heading_works_the_same() =>
        VerifyAsync(
            Code("""
                        You are a release-notes writer.
                        If the diff touches the public API, list:
                        - The changed type names
                        - Breaking changes
                """),
            new[] { ("evals/p.evals.jsonl", Case(Id, rule: "list:")) });

    // Uncovered, the heading is reported once in the items' place, from the imperative's clause.
    [Fact]
    public Task The_conditional_heading_is_reported_in_place_of_its_items() =>
        VerifyAsync(
            Code("""
                        You are a reviewer.
                        {|#0:When I paste code, review it in 3 sections:|}
                        1. Strengths
                        2. Suggested Improvements
                """),
            new[] { ("evals/p.evals.jsonl", Case(Id, rule: "You are a reviewer")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("When I paste code, review it in 3 sections:", Id));

    // Twins: numbered items that are imperatives stay instructions; a conditional line whose main clause only titles
    // its list ("the plans are:") asks for nothing; without the comma the clause is not told apart.
    [Fact]
    public Task Imperative_items_and_headings_that_do_not_ask_stay_reported() =>
        VerifyAsync(
            Code("""
                        You are a reviewer.
                        When I paste code, review it in 3 steps:
                        1. {|#0:Check the null handling|}
                        2. {|#1:List the bugs you find|}
                        If the user asks about pricing, the plans are:
                        - {|#2:Basic tier|}
                        - {|#3:Pro tier|}
                        When I paste code review it in 2 parts:
                        - {|#4:Summary of intent|}
                """),
            new[] { ("evals/p.evals.jsonl", Case(Id, rule: "review it in 3 steps")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Check the null handling", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("List the bugs you find", Id),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Basic tier", Id),
            Diagnostic("AIL0303").WithLocation(3).WithArguments("Pro tier", Id),
            Diagnostic("AIL0303").WithLocation(4).WithArguments("Summary of intent", Id));

    // Half-typed: a clause with nothing after its comma, or a comma and no clause.
    [Fact]
    public Task Half_typed_conditional_headings_do_not_crash() =>
        VerifyAsync(
            Code("""
                        You are a reviewer.
                        When I paste code,:
                        - {|#0:Strengths|}
                        If ,
                        - {|#1:Weaknesses|}
                """),
            new[] { ("evals/p.evals.jsonl", Case(Id, rule: "You are a reviewer")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Strengths", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Weaknesses", Id));
}
