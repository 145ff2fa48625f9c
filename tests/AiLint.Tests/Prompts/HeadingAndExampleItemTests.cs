using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// List items that are parts of something else rather than instructions of their own, on real markdown prompts
/// (kbeaugrand/SemanticKernel.Agents.DatabaseAgent's Prompts/*.md, HillPhelmuth/AIRpgAgents' WorldBuilderPrompt.md, a
/// Semantic Kernel summarizer's "Key points:" template): a bold-only title over sub-items, short noun phrases listed
/// under a heading that asks for them ("Each location should have:"; the heading is the instruction), items of an
/// example block, and a placeholder such as "(bullets)". An item with a keyword or an opening imperative stays an
/// instruction wherever it is. Also markdown emphasis: "_Always ..._" is an instruction as "*Never ...*" is, and
/// neither is quoted with its markers.
/// </summary>
public class HeadingAndExampleItemTests
{
    private const string Id = "Rpg.Prompts.Agent";

    private static (string Path, string Content)[] Covered(string rule) =>
        new[] { ("evals/p.evals.jsonl", Case(Id, rule: rule)) };

    private static string Code(string prompt) =>
        "using AiLint;\nnamespace Rpg;\npublic static class Prompts\n{\n    [Prompt] public const string Agent = \"\"\"\n" + prompt + "\n        \"\"\";\n}\n";

    [Fact]
    public Task Titles_fields_example_data_and_placeholders_are_not_instructions() =>
        VerifyAsync(
            Code("""
                        You are an RPG world builder agent.

                        # Guidelines

                        1. **Tool Utilization**
                           - {|#0:Detail when and how the agent should effectively use each available tool.|}

                        # Output Format

                        Create 3-5 distinct locations. {|#1:Each location should have:|}
                        - A name
                        - A brief description

                        # Examples

                        [START OF EXAMPLE]
                        **Input**:
                        Tables managed:
                        1. **Orders**: Tracks customer purchases.
                        2. **Customers**: Stores customer profiles and contact information.
                        [END OF EXAMPLE]

                        - Never invent a location the user did not ask for.

                        Return exactly these sections in this order:

                        Key points:
                        - (bullets)
                """),
            Covered("Never invent a location"),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Detail when and how the agent should effectively use each available tool.", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Each location should have:", Id));

    // Still reported: a bold title that instructs (an imperative, a keyword), a bold item with no sub-items, a field
    // with an imperative, an item too long to be a field, items under a heading that does not ask for them, a
    // placeholder with a keyword.
    [Fact]
    public Task Items_that_instruct_stay_instructions() =>
        VerifyAsync(
            Code("""
                        You are a SQL agent.

                        1. **{|#0:Write the Query|}**
                           - {|#1:Translate the question into SQL.|}
                        2. **{|#2:Always cite the tables|}**
                           - {|#3:Name each table you used.|}
                        - **{|#4:Be concise|}**

                        Each answer must include:
                        - A title
                        - {|#5:Cite the source table|}
                        - {|#6:A short explanation of the joins that were chosen and why they fit the question|}

                        Features:
                        - {|#7:Dark mode|}

                        Summary:
                        - {|#8:(never more than three lines)|}
                """),
            new[] { ("evals/p.evals.jsonl", Case(Id, rule: "You are a SQL agent") + "\n" + Case(Id, "c2", rule: "Each answer must include")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Write the Query", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Translate the question into SQL.", Id),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Always cite the tables", Id),
            Diagnostic("AIL0303").WithLocation(3).WithArguments("Name each table you used.", Id),
            Diagnostic("AIL0303").WithLocation(4).WithArguments("Be concise", Id),
            Diagnostic("AIL0303").WithLocation(5).WithArguments("Cite the source table", Id),
            Diagnostic("AIL0303").WithLocation(6).WithArguments("A short explanation of the joins that were chosen and why they fit the question", Id),
            Diagnostic("AIL0303").WithLocation(7).WithArguments("Dark mode", Id),
            Diagnostic("AIL0303").WithLocation(8).WithArguments("(never more than three lines)", Id));

    // A heading that asks for fields without a keyword ("Include:") is the instruction: it is reported in their place.
    // Example sections and fenced blocks hold data, except an item that instructs.
    [Fact]
    public Task A_heading_that_asks_for_fields_is_reported_and_example_sections_hold_data() =>
        VerifyAsync(
            Code("""
                        You are a writer.

                        {|#0:Include:|}
                        - A title
                        - Historical events

                        ## Examples

                        ### Attributes
                        - **CustomerID**: Unique identifier for each customer.
                        - {|#1:Never show the CustomerID.|}

                        # Steps
                        - {|#2:Summarize the text|}

                        ```
                        - apples
                        - {|#3:Always end with a question|}
                        ```
                """),
            Covered("You are a writer"),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Include:", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never show the CustomerID.", Id),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Summarize the text", Id),
            Diagnostic("AIL0303").WithLocation(3).WithArguments("Always end with a question", Id));

    // dbagent AgentNameGenerator.md and WriteSQLQuery.md: sub-items that finish the parent step's last sentence
    // ("Identify:", "Fix the SQL query based on:") are parts of that step, which is reported once; a sub-item that
    // instructs stays.
    [Fact]
    public Task Sub_items_that_finish_the_parent_steps_sentence_are_part_of_it() =>
        VerifyAsync(
            Code("""
                        You are a namer.

                        1. {|#0:Read and understand the agent description. Identify:|}
                           - Key purpose or role of the agent.
                           - Core traits or personality (if provided).
                        2. {|#1:Fix the SQL query based on:|}
                           - The database schema.
                           - {|#2:Only the columns listed in the question|}
                """),
            Covered("You are a namer"),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Read and understand the agent description. Identify:", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Fix the SQL query based on:", Id),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Only the columns listed in the question", Id));

    // airpg CombatAgentPrompt.md: an underscore-italic rule is an instruction, and neither it nor the starred one is
    // quoted with its markers (nor with the bold label's).
    [Fact]
    public Task Emphasised_rules_are_instructions_quoted_without_their_markers() =>
        VerifyAsync(
            Code("""
                        You are an expert Combat Encounter Manager for a fantasy RPG system.

                        **{|#0:Important Note:** _Always begin by introducing yourself in a surly manner and grudgingly explaining the process.|}_

                        *{|#1:Never reveal the monsters' hit points to the players.|}*

                        - Only narrate the outcome after the dice are rolled.
                """),
            Covered("Only narrate the outcome"),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Important Note: Always begin by introducing yourself in a surly manner and grudgingly explaining the process.", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never reveal the monsters' hit points to the players.", Id));

    // Quiet: a case quoting the rule covers it, with or without the markers; an underscore inside a name is no
    // emphasis ("read_only", "user_must_field" have no keyword). Half-typed: an italic not closed yet is still read.
    [Fact]
    public Task Emphasised_rules_are_covered_and_underscored_names_are_not_keywords() =>
        VerifyAsync(
            Code("""
                        You are a game master.

                        _Always begin by introducing yourself._

                        *Never reveal the hit points.*

                        Fill the user_must_field and read_only values.

                        {|#0:_Always greet the party|}
                """),
            new[]
            {
                ("evals/p.evals.jsonl",
                    Case(Id, rule: "Always begin by introducing yourself") + "\n" + Case(Id, "c2", rule: "*Never reveal the hit points.*")),
            },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Always greet the party", Id));
}
