using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>AIL0302: the prompt text changed since its covering cases last recorded a pass (promptSha256).</summary>
public class AIL0302Tests
{
    private const string Text = "You are the Contoso support assistant.";

    private const string Code = $$"""
        using AiLint;
        namespace Shop;
        public static class Prompts
        {
            [Prompt] public const string {|#0:Support|} = "{{Text}}";
        }
        """;

    [Fact]
    public Task Case_recorded_against_the_current_text_is_fresh() =>
        VerifyAsync(Code.Replace("{|#0:Support|}", "Support"), ("evals/p.evals.jsonl", Case("Shop.Prompts.Support", sha: Sha256(Text))));

    [Fact]
    public Task Uppercase_hash_of_the_current_text_is_fresh() =>
        VerifyAsync(Code.Replace("{|#0:Support|}", "Support"), ("evals/p.evals.jsonl", Case("Shop.Prompts.Support", sha: Sha256(Text).ToUpperInvariant())));

    [Fact]
    public Task Case_recorded_against_an_older_text_is_stale() =>
        VerifyAsync(
            Code,
            new[] { ("evals/p.evals.jsonl", Case("Shop.Prompts.Support", sha: Sha256("You are a support assistant."))) },
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Shop.Prompts.Support", "1", Sha256(Text)));

    [Fact]
    public Task One_current_pass_among_stale_ones_is_enough() =>
        VerifyAsync(
            Code.Replace("{|#0:Support|}", "Support"),
            ("evals/a.evals.jsonl", Case("Shop.Prompts.Support", "c1", sha: Sha256("old"))),
            ("evals/b.evals.jsonl", Case("Shop.Prompts.Support", "c2", sha: Sha256(Text))));

    [Fact]
    public Task All_recorded_passes_stale_counts_each_of_them() =>
        VerifyAsync(
            Code,
            new[]
            {
                ("evals/p.evals.jsonl", string.Join("\n", Case("Shop.Prompts.Support", "c1", sha: Sha256("old")), Case("Shop.Prompts.Support", "c2", sha: Sha256("older")), Case("Shop.Prompts.Support", "c3"))),
            },
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Shop.Prompts.Support", "2", Sha256(Text)));

    [Fact]
    public Task No_recorded_pass_is_not_stale() =>
        VerifyAsync(Code.Replace("{|#0:Support|}", "Support"), ("evals/p.evals.jsonl", Case("Shop.Prompts.Support")));

    [Fact]
    public Task A_stale_hash_on_a_todo_case_does_not_count() =>
        VerifyAsync(
            Code.Replace("{|#0:Support|}", "Support"),
            ("evals/p.evals.jsonl", Case("Shop.Prompts.Support", "c1") + "\n"
                + """{"prompt":"Shop.Prompts.Support","id":"c2","input":"a","expect":"b","status":"todo","promptSha256":"00"}"""));

    [Fact]
    public Task Editing_a_shared_const_fragment_makes_every_prompt_that_includes_it_stale()
    {
        const string persona = "You are the Contoso support assistant.";
        const string oldPersona = "You are the Contoso assistant.";
        var code = $$"""
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                public const string Persona = "{{persona}}";
                [Prompt] public const string {|#0:Orders|} = Persona + " Help with orders.";
                [Prompt] public const string {|#1:Returns|} = Persona + " Help with returns.";
            }
            """;

        // The passes were recorded when Persona still read oldPersona: the hash is of the folded text.
        return VerifyAsync(
            code,
            new[]
            {
                ("evals/p.evals.jsonl", Case("Shop.Prompts.Orders", sha: Sha256(oldPersona + " Help with orders.")) + "\n"
                    + Case("Shop.Prompts.Returns", sha: Sha256(oldPersona + " Help with returns."))),
            },
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Shop.Prompts.Orders", "1", Sha256(persona + " Help with orders.")),
            Diagnostic("AIL0302").WithLocation(1).WithArguments("Shop.Prompts.Returns", "1", Sha256(persona + " Help with returns.")));
    }

    [Fact]
    public Task Hash_covers_non_ascii_text_as_utf8() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "Vous êtes l’assistant de Contoso. 🙂";
            }
            """,
            ("evals/p.evals.jsonl", Case("Shop.Prompts.Support", sha: Sha256("Vous êtes l’assistant de Contoso. 🙂"))));
}
