using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A prompt file whose text is only template variables and tags (a Semantic Kernel function that hands the user's
/// problem to the model unchanged: <c>solve_math_problem/skprompt.txt</c> holding <c>{{$problem}}</c>) passes the
/// conversation through and is not a prompt, as the same text written inline (<c>CreateFunctionFromPrompt("{{$problem}}")</c>)
/// is not: no AIL0301 error on the file. One sentence beside the variable ("Let's think step by step.") makes it a prompt.
/// </summary>
public class TemplateOnlyPromptFileTests
{
    private const string ProjectConfig = "is_global = true\nbuild_property.MSBuildProjectDirectory = /0\n";

    private const string NoCode = "namespace Shop; public static class Empty { }";

    private static Task VerifyFilesAsync((string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = NoCode };
        test.AnalyzerConfigFiles.Add(("/0/obj/AiLint.globalconfig", ProjectConfig));
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Uncovered(string path, string content, string firstLine)
    {
        var start = content.IndexOf(firstLine, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + firstLine);
        return Diagnostic("AIL0301").WithSpan(path, content, new TextSpan(start, firstLine.Length)).WithArguments(path);
    }

    [Fact]
    public Task A_skprompt_that_is_only_a_variable_is_not_a_prompt() =>
        VerifyFilesAsync(new[] { ("Plugins/Math/solve_word_problem/skprompt.txt", "{{$question}}\n") });

    [Fact]
    public Task Variables_on_several_lines_tags_and_whitespace_are_not_a_prompt() =>
        VerifyFilesAsync(new[]
        {
            ("Plugins/Chat/relay/skprompt.txt", "\n  {{$history}}\n\n{{$userInput}}  \r\n"),
            ("Plugins/Chat/relay_messages/skprompt.txt", "<message role=\"user\">{{$userInput}}</message>\n"),
        });

    // The same test as inline text: lines that only title the data (`Question:`) instruct nothing.
    [Fact]
    public Task A_skprompt_that_only_titles_its_variables_is_not_a_prompt() =>
        VerifyFilesAsync(new[] { ("Plugins/Qa/relay/skprompt.txt", "Question:\n{{$question}}\n\nAnswer:\n") });

    [Fact]
    public Task Prompty_and_yaml_bodies_of_only_handlebars_or_liquid_variables_are_not_prompts() =>
        VerifyFilesAsync(new[]
        {
            ("prompts/relay.prompty", "---\nname: Relay\nmodel:\n  api: chat\n---\nsystem:\n{{system_message}}\n\nuser:\n{{input}}\n"),
            ("prompts/partial.prompt.yaml", "name: Partial\ntemplate: |\n  {{> chat_history}}\n  {{input}}\ntemplate_format: handlebars\n"),
            ("Templates/Loop.yaml", "name: Loop\ntemplate: |\n  {% for item in history %}\n  {{item.role}}: {{item.content}}\n  {% endfor %}\ntemplate_format: liquid\n"),
            ("prompts/one.prompt.yml", "name: One\ntemplate: \"{{input}}\"\n"),
        });

    // Twin: the chain-of-thought version of the same function is a real prompt.
    [Fact]
    public Task A_variable_with_a_sentence_beside_it_is_still_a_prompt()
    {
        const string Path = "Plugins/Math/solve_word_problem_cot/skprompt.txt";
        const string Content = "{{$question}}\n\nLet's reason it out one step at a time.\n";
        return VerifyFilesAsync(new[] { (Path, Content) }, Uncovered(Path, Content, "{{$question}}"));
    }

    // Twin: a label line that instructs by the template test is the template's instruction.
    [Fact]
    public Task An_instructing_label_over_the_variable_is_still_a_prompt()
    {
        const string Path = "Plugins/Writer/mail/skprompt.txt";
        const string Content = "Write a short business mail about the following topic:\n{{$topic}}\n";
        return VerifyFilesAsync(new[] { (Path, Content) }, Uncovered(Path, Content, "Write a short business mail about the following topic:"));
    }

    [Fact]
    public Task A_prompty_whose_user_turn_is_a_variable_but_whose_system_turn_instructs_is_still_a_prompt()
    {
        const string Path = "prompts/support.prompty";
        const string Content = "---\nname: Support\n---\nsystem:\nAnswer the customer in two sentences.\n\nuser:\n{{question}}\n";
        return VerifyFilesAsync(new[] { (Path, Content) }, Uncovered(Path, Content, "system:"));
    }

    // Empty text is no prompt in a file, as `CreateFunctionFromPrompt("")` is none inline.
    [Fact]
    public Task An_empty_or_blank_skprompt_is_not_a_prompt() =>
        VerifyFilesAsync(new[]
        {
            ("Plugins/Empty/none/skprompt.txt", string.Empty),
            ("Plugins/Empty/blank/skprompt.txt", "  \n\n"),
        });

    // Half-typed: a variable not closed yet, stray braces.
    [Fact]
    public Task A_half_typed_variable_is_not_a_prompt_and_does_not_crash() =>
        VerifyFilesAsync(new[]
        {
            ("Plugins/Typing/a/skprompt.txt", "{{$quest"),
            ("Plugins/Typing/b/skprompt.txt", "}}{{"),
            ("prompts/typing.prompty", "---\nname: T\n---\n{{"),
        });
}
