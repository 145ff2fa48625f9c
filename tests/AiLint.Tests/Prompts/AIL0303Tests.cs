using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>AIL0303: instructions no case's "rule" quotes, located on the instruction's text inside the literal.</summary>
public class AIL0303Tests
{
    private static (string, string)[] Covered(string prompt = "Shop.Prompts.Support", params string[] rules) =>
        new[] { ("evals/p.evals.jsonl", string.Join("\n", new[] { Case(prompt, "base") }.Concat(rules.Select((r, i) => Case(prompt, "r" + i, rule: r))))) };

    [Fact]
    public Task Sentences_with_keywords_in_a_regular_literal_are_located_on_their_text() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "You are a support bot. {|#0:You must answer in English.|} Be kind. {|#1:Never share secrets!|}";
            }
            """,
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must answer in English.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never share secrets!", "Shop.Prompts.Support"));

    [Fact]
    public Task Escapes_are_mapped_back_to_their_source_characters() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "Hello.\n{|#0:Never reveal \"internal\" notes\u002E|}\r\n- {|#1:Greet\tthe customer|}";
            }
            """,
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never reveal \"internal\" notes.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Greet the customer", "Shop.Prompts.Support"));

    [Fact]
    public Task List_items_in_a_verbatim_literal_are_instructions_without_keywords() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = @"Rules:
            - {|#0:Greet the customer by name.|}
            * {|#1:Quote the ""order id"" back.|}
            12. {|#2:Close with a summary.|}
            ---
            **Bold** is not a list item.";
            }
            """,
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Greet the customer by name.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Quote the \"order id\" back.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Close with a summary.", "Shop.Prompts.Support"));

    [Fact]
    public Task Multi_line_raw_literal_instructions_are_located_past_the_indentation() =>
        VerifyAsync(
            """"
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = """
                    You are the Contoso assistant.

                    {|#0:Only discuss Contoso products.|} Keep answers short.
                      - {|#1:Don't guess order numbers.|}
                    """;
                [Prompt] public const string Short = """{|#2:Always "cite" the policy.|}""";
            }
            """",
            new[] { ("evals/p.evals.jsonl", Case("Shop.Prompts.Support") + "\n" + Case("Shop.Prompts.Short")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Only discuss Contoso products.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Don't guess order numbers.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Always \"cite\" the policy.", "Shop.Prompts.Short"));

    [Fact]
    public Task An_instruction_spanning_lines_is_one_instruction_reported_whole() =>
        VerifyAsync(
            """"
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = """
                    You are the Contoso assistant.
                    {|#0:You must answer in English
                    unless the customer writes in French.|}
                    - {|#1:Never share card numbers
                      or account ids.|}
                    - {|#2:Be brief.|}
                    Rules:
                    {|#3:always cite the policy.|}
                    """;
            }
            """",
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must answer in English unless the customer writes in French.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never share card numbers or account ids.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("Be brief.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(3).WithArguments("always cite the policy.", "Shop.Prompts.Support"));

    [Fact]
    public Task A_rule_quoting_a_multi_line_instruction_across_its_line_break_covers_it() =>
        VerifyAsync(
            """"
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = """
                    You must answer in English
                    unless the customer writes in French.
                    - Never share card numbers
                      or account ids.
                    """;
            }
            """",
            Covered("Shop.Prompts.Support", "English unless the customer", "card numbers or account ids"));

    [Fact]
    public Task Instructions_from_a_shared_fragment_are_located_on_the_declaration() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                public const string Safety = "Never share card numbers.";
                [Prompt] public const string {|#0:Support|} = "Hi. " + Safety + " {|#1:Do not  promise refunds.|}";
            }
            """,
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never share card numbers.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Do not promise refunds.", "Shop.Prompts.Support"));

    [Fact]
    public Task A_rule_fragment_matches_case_insensitively_and_across_whitespace() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "You must answer in English. Never share  secrets.";
            }
            """,
            Covered("Shop.Prompts.Support", "ANSWER IN ENGLISH", "never share secrets"));

    [Fact]
    public Task A_todo_or_incomplete_case_does_not_cover_its_rule() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "{|#0:You must answer in English.|} {|#1:Never share secrets.|}";
            }
            """,
            new[]
            {
                ("evals/p.evals.jsonl", Case("Shop.Prompts.Support") + "\n"
                    + """{"prompt":"Shop.Prompts.Support","id":"t1","rule":"answer in English","input":"a","expect":"b","status":"todo"}""" + "\n"
                    + """{"prompt":"Shop.Prompts.Support","id":"t2","rule":"Never share secrets","input":"a"}"""),
            },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must answer in English.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never share secrets.", "Shop.Prompts.Support"));

    [Fact]
    public Task Sentences_without_keywords_and_keyword_substrings_are_not_instructions() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "Commonly asked questions are about shipping. Shoulder season is busy. Dont worry.\n-not a list item\n1.5 is a number.";
            }
            """,
            Covered());

    [Fact]
    public Task A_prompt_without_cases_gets_AIL0301_only_not_one_AIL0303_per_instruction() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public static readonly string {|AIL0301:Support|} = "Hello. You should be brief.\n- Never share secrets.";
            }
            """,
            // A todo case names the prompt but does not cover it: still AIL0301 only.
            ("evals/p.evals.jsonl", "{\"prompt\":\"Shop.Prompts.Support\",\"id\":\"t\",\"status\":\"todo\",\"input\":\"hi\",\"expect\":\"x\"}"));

    [Fact]
    public Task Long_instructions_are_shortened_in_the_message()
    {
        var sentence = "You must " + string.Join(" ", Enumerable.Repeat("always", 30)) + ".";
        return VerifyAsync(
            $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "{|#0:{{sentence}}|}";
            }
            """,
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments(sentence.Substring(0, 117) + "...", "Shop.Prompts.Support"));
    }

    [Fact]
    public async Task Fix_adds_a_todo_case_per_instruction_with_unique_ids()
    {
        const string code = """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "{|AIL0303:You must answer in English.|} {|AIL0303:You must answer in English!|}";
            }
            """;
        var existing = Case("Shop.Prompts.Support", "base") + "\n";
        var test = new AiLint.Tests.Verifiers.CodeFixTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer, AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code,
            CodeActionEquivalenceKey = "AIL0303.AddTodoCase",
        };
        test.AdditionalFiles.Add(("evals/p.evals.jsonl", existing));
        var first = "{\"prompt\":\"Shop.Prompts.Support\",\"id\":\"todo-you-must-answer-in-english\",\"rule\":\"You must answer in English.\",\"status\":\"todo\",\"input\":\"\",\"expect\":\"\"}\n";

        // One by one, the kit applies the fix once: a todo case leaves AIL0303 in place, and the kit stops when a fix
        // does not change the diagnostics. Fix All adds a case per instruction, with a unique id for the second.
        test.FixedAdditionalFiles.Add(("evals/p.evals.jsonl", existing + first));
        test.BatchFixedAdditionalFiles.Add((
            "evals/p.evals.jsonl",
            existing
                + first
                + "{\"prompt\":\"Shop.Prompts.Support\",\"id\":\"todo-you-must-answer-in-english-2\",\"rule\":\"You must answer in English!\",\"status\":\"todo\",\"input\":\"\",\"expect\":\"\"}\n"));
        await test.RunAsync();
    }
    // A character's catchphrase in quotes is a line the model repeats, not an instruction to it; the sentence after
    // the closing quote is a sentence of its own (`!"` ends a sentence like `!`).
    [Fact]
    public Task Quoted_dialogue_is_not_an_instruction_and_its_closing_quote_ends_the_sentence() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support =
                    "You are Thrain, a dwarven miner. Your catchphrase is \"Never trust an elf with a pickaxe!\" " +
                    "{|#0:Stay in character and never break it.|} A rival says \u201CAlways bet on goblins. Never on elves.\u201D " +
                    "{|#1:Always greet with \"Hail!\" first.|} Ask \"Should I dig?\" {|#2:You must stay polite.|}";
            }
            """,
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Stay in character and never break it.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Always greet with \"Hail!\" first.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("You must stay polite.", "Shop.Prompts.Support"));

    // The reviewer's persona: the catchphrase is no instruction, "Stay in character." has no keyword, and the one
    // instruction left is covered by its case.
    [Fact]
    public Task A_persona_whose_only_instruction_is_covered_reports_nothing() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support =
                    "You are Thrain, a dwarven miner in a fantasy game. Your catchphrase is \"Never trust an elf with a pickaxe!\" " +
                    "Stay in character. Never mention that you are an AI.";
            }
            """,
            Covered(rules: "Never mention that you are an AI"));

    // A lone quote (an inch mark) opens no quotation: the keyword after it still counts, and so do the sentence ends.
    [Fact]
    public Task A_lone_quote_mark_hides_nothing() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "{|#0:Recommend 27\" monitors only.|} {|#1:Never promise delivery dates.|}";
            }
            """,
            Covered(),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Recommend 27\" monitors only.", "Shop.Prompts.Support"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never promise delivery dates.", "Shop.Prompts.Support"));
}
