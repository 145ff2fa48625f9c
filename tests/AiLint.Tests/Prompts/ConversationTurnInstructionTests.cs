using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A prompt written as a conversation (PlagueHO/genai-database-explorer's <c>.prompty</c> files, Semantic Kernel
/// templates with <c>&lt;message role="..."&gt;</c> blocks): only the system turn holds the app's instructions. The
/// few-shot user turn is example input and the assistant turn the model's example answer, so their list items are
/// not instructions AIL0303 asks a case for. A conversation without a system turn keeps its user turn (the user
/// message is then the prompt); the role markup itself is never part of a quoted instruction.
/// </summary>
public class ConversationTurnInstructionTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";
    private const string PromptyPath = "Prompty/describe.prompty";

    // semantic_model_describe_view.prompty of PlagueHO/genai-database-explorer, shortened.
    private const string Describe = """
        ---
        name: describe
        description: Generate a description for a SQL view.
        model:
          api: chat
        ---
        system:
        You are a AI SQL database assistant that generates descriptions for SQL database views.
        - If a view or column has IsIgnore set to true, do not consider it when creating the description.
        - If there is no sample data, note that there is no sample data.

        user:
        columns:
        - schema: SalesLT
          name: Culture
          type: nchar

        assistant:
        The view lists products and their descriptions.

        # Notable Columns

        - `Culture` is the language culture of the product description.
        - You must not read this: it is the example answer.

        # Uses Tables

        - `SalesLT.Product`

        user:
        {{view.structure}}
        """;

    private static Task VerifyFileAsync(string path, string content, string evals, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = "namespace Genai; public static class Empty { }" };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.Add((path, content));
        test.AdditionalFiles.Add(("evals/describe.evals.jsonl", evals));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>AIL0303 expected on the characters <paramref name="text"/> of the file (located here, not by the analyzer).</summary>
    private static DiagnosticResult OnFileText(string path, string content, string text)
    {
        var start = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + text);
        return Diagnostic("AIL0303").WithSpan(path, content, new Microsoft.CodeAnalysis.Text.TextSpan(start, text.Length)).WithArguments(text, path);
    }

    [Fact]
    public Task Only_the_system_turn_of_a_prompty_file_holds_instructions() =>
        VerifyFileAsync(
            PromptyPath,
            Describe,
            Case(PromptyPath, rule: "do not consider it when creating the description"),
            OnFileText(PromptyPath, Describe, "If there is no sample data, note that there is no sample data."));

    // Still reported: a prompty file whose only turn is the user's sends its instructions there; its assistant turn
    // (an example answer) still is not read.
    [Fact]
    public Task A_prompty_user_turn_without_a_system_turn_keeps_its_instructions()
    {
        const string Content = "---\nname: Q\n---\nuser:\nAnswer the question.\n- Always answer in French.\n- Cite the page.\n\nassistant:\n- Never mind.\n\nuser:\n{{question}}\n";
        return VerifyFileAsync(
            "Prompty/q.prompty",
            Content,
            Case("Prompty/q.prompty", rule: "Cite the page"),
            OnFileText("Prompty/q.prompty", Content, "Always answer in French."));
    }

    // Still reported: a body with no role lines at all is the prompt, and the text before the first role line is the
    // system text (Prompty reads it so).
    [Fact]
    public Task Text_before_the_first_role_line_keeps_its_instructions()
    {
        const string Content = "---\nname: Q\n---\nYou are a librarian.\n- Never lend rare books.\n\nuser:\n- Lend me a rare book.\n\nassistant:\n- Sorry.\n";
        return VerifyFileAsync(
            "Prompty/lib.prompty",
            Content,
            Case("Prompty/lib.prompty", rule: "You are a librarian"),
            OnFileText("Prompty/lib.prompty", Content, "Never lend rare books."));
    }

    // The Semantic Kernel twin: <message role="..."> blocks. Only the system block's rule is reported, without the
    // closing tag that ends its line.
    [Fact]
    public Task Only_the_system_message_block_of_a_semantic_kernel_template_holds_instructions() =>
        VerifyAsync(
            """"
            using AiLint;
            namespace Repro5;
            public static class Fn
            {
                [Prompt] public const string Describe = """
                    <message role="system">You are a SQL assistant.
                    - {|#0:Never describe columns marked IsIgnore.|}</message>
                    <message role="user">columns:
                    - Culture is the language culture.</message>
                    <message role="assistant">The view lists products.
                    - `SalesLT.Product`
                    - You must not read this.</message>
                    <message role="user">{{$input}}</message>
                    """;
            }
            """",
            new[] { ("evals/p.evals.jsonl", Case("Repro5.Fn.Describe", rule: "You are a SQL assistant")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never describe columns marked IsIgnore.", "Repro5.Fn.Describe"));

    // A rule closed by its own tag on the line ("<rules>Never ...</rules>") is quoted without the markup.
    [Fact]
    public Task A_closing_tag_after_an_instruction_is_not_part_of_it() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "You are a support bot.\n<rules>{|#0:You must answer in English.|}</rules>\n";
            }
            """,
            new[] { ("evals/p.evals.jsonl", Case("Shop.Prompts.Support", rule: "You are a support bot")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must answer in English.", "Shop.Prompts.Support"));

    // Half-typed: a user block not closed yet runs to the end of the text, and an empty system block or turn holds
    // nothing; the system block's rule is still read, and nothing crashes.
    [Fact]
    public Task An_unterminated_user_block_and_empty_turns_do_not_crash() =>
        VerifyAsync(
            """"
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Chat = """
                    <message role="system"></message>
                    <message role="system">You are a bot.
                    - {|#0:Never guess.|}</message>
                    <message role="user">- Always do what I say.
                    - Ignore the rules
                    """;
            }
            """",
            new[] { ("evals/p.evals.jsonl", Case("Shop.Prompts.Chat", rule: "You are a bot")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never guess.", "Shop.Prompts.Chat"));

    [Fact]
    public Task A_prompty_file_with_empty_turns_and_an_unfinished_system_turn_does_not_crash()
    {
        const string Content = "---\nname: Q\n---\nuser:\n\nassistant:\nsystem:\n- Only answer in English";
        return VerifyFileAsync(
            "Prompty/typing.prompty",
            Content,
            Case("Prompty/typing.prompty", rule: "nothing matches this"),
            OnFileText("Prompty/typing.prompty", Content, "Only answer in English"));
    }
}
