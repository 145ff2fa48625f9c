using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The two prompt-file shapes real apps use beside skprompt.txt / .prompty / .prompt.yaml (review62 "Misses the pages
/// don't promise" 1 and 2): Semantic Kernel template YAML under any name (vbitzceo/SemanticKernelYamlPromptTemplate's
/// Templates/ChatPrompt.yaml, SK's own GenerateStory.yaml), and plain-text prompts an app reads from a Prompts folder at
/// run time (drazen64's Prompts/RagSystemPrompt.txt loaded by a PromptService). Every other YAML file and every other
/// file in a Prompts folder stays quiet.
/// </summary>
public class PromptFileShapesTests
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

    /// <summary>AIL0301 on the line of <paramref name="content"/> that <paramref name="firstLine"/> is (found here, not by the analyzer).</summary>
    private static DiagnosticResult Uncovered(string path, string content, string firstLine)
    {
        var start = content.IndexOf(firstLine, StringComparison.Ordinal);
        Assert.True(start >= 0, "test error: the file does not contain " + firstLine);
        return Diagnostic("AIL0301").WithSpan(path, content, new TextSpan(start, firstLine.Length)).WithArguments(path);
    }

    // --- 1. Semantic Kernel template YAML under any name -----------------------------------------------------------

    // The shape of SK's PromptTemplateConfig: name, description, template_format, a block template, input_variables,
    // execution_settings (written for this test after vbitzceo's Templates/ChatPrompt.yaml).
    private const string ChatTemplate =
        "name: ChatPrompt\n" +
        "description: A chat prompt for the help desk\n" +
        "template_format: semantic-kernel\n" +
        "template: |\n" +
        "  You are a help desk assistant named {{$assistant_name}}.\n" +
        "  \n" +
        "  User question: {{$user_question}}\n" +
        "input_variables:\n" +
        "  - name: assistant_name\n" +
        "    default: \"Sam\"\n" +
        "  - name: user_question\n" +
        "    is_required: true\n" +
        "execution_settings:\n" +
        "  default:\n" +
        "    temperature: 0.2\n";

    [Fact]
    public Task A_semantic_kernel_template_named_plain_yaml_is_a_prompt_reported_on_its_templates_first_line() =>
        VerifyFilesAsync(
            new[] { ("Templates/ChatPrompt.yaml", ChatTemplate) },
            Uncovered("Templates/ChatPrompt.yaml", ChatTemplate, "  You are a help desk assistant named {{$assistant_name}}."));

    // SK's GenerateStory.yaml order: template first, then template_format and input_variables; a .yml with a one-line template.
    private const string StoryTemplate =
        "name: GenerateStory\n" +
        "template: |\n" +
        "  Tell a story about {{$topic}} that is {{$length}} sentences long.\n" +
        "  Never name a real person.\n" +
        "template_format: semantic-kernel\n" +
        "input_variables:\n" +
        "  - name: topic\n" +
        "  - name: length\n";

    private const string OneLineTemplate = "template: Summarize {{$input}} in one sentence.\noutput_variable:\n  description: The summary.\n";

    [Fact]
    public Task Template_first_or_one_line_with_any_one_config_key_is_a_prompt() =>
        VerifyFilesAsync(
            new[] { ("Prompts/GenerateStory.yaml", StoryTemplate), ("Functions/summarize.yml", OneLineTemplate) },
            Uncovered("Prompts/GenerateStory.yaml", StoryTemplate, "  Tell a story about {{$topic}} that is {{$length}} sentences long."),
            // A one-line value is reported on its whole line, as for *.prompt.yaml.
            Uncovered("Functions/summarize.yml", OneLineTemplate, "template: Summarize {{$input}} in one sentence."));

    // The correct code beside it: a covering case per template (and the instruction quoted by a rule) makes each quiet.
    [Fact]
    public Task Covered_semantic_kernel_templates_are_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                ("Templates/ChatPrompt.yaml", ChatTemplate),
                ("Prompts/GenerateStory.yaml", StoryTemplate),
                ("Functions/summarize.yml", OneLineTemplate),
                ("evals/templates.evals.jsonl",
                    Case("Templates/ChatPrompt.yaml") + "\n"
                    + Case("Prompts/GenerateStory.yaml", rule: "Never name a real person") + "\n"
                    + Case("Functions/summarize.yml")),
            });

    // The uncovered instruction of a covered template is reported on the template's own text (AIL0303 reads it too).
    [Fact]
    public Task A_covered_template_reports_its_uncovered_instruction_in_the_yaml() =>
        VerifyFilesAsync(
            new[] { ("Prompts/GenerateStory.yaml", StoryTemplate), ("evals/story.evals.jsonl", Case("Prompts/GenerateStory.yaml")) },
            Diagnostic("AIL0303")
                .WithSpan("Prompts/GenerateStory.yaml", StoryTemplate, new TextSpan(StoryTemplate.IndexOf("Never name", StringComparison.Ordinal), "Never name a real person.".Length))
                .WithArguments("Never name a real person.", "Prompts/GenerateStory.yaml"));

    [Fact]
    public Task Config_yaml_and_a_template_key_alone_are_not_prompts() =>
        VerifyFilesAsync(
            new[]
            {
                ("docker-compose.yml", "services:\n  api:\n    image: shop/api:latest\n    environment:\n      - SYSTEM_PROMPT=You must answer in English.\n"),
                (".github/workflows/build.yml", "name: build\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: dotnet test\n"),
                // A manifest's template is nested (spec.template), not a top-level key.
                ("deploy/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n      name: api\n  template_format: x\n"),
                ("openapi.yaml", "openapi: 3.0.1\ninfo:\n  title: Shop\npaths: {}\n"),
                // template: with name/description but none of SK's config keys: the twin of ChatPrompt.yaml stays quiet.
                ("Templates/Email.yaml", "name: Welcome\ndescription: The welcome email\ntemplate: |\n  You are our newest customer. You must confirm your address.\n"),
                // A config key without template: is no prompt either.
                ("Templates/Settings.yaml", "template_format: handlebars\nexecution_settings:\n  default:\n    temperature: 0\n"),
            });

    [Fact]
    public Task Malformed_and_empty_yaml_never_crash_and_hold_no_prompt() =>
        VerifyFilesAsync(
            new[]
            {
                ("Templates/NoBlock.yaml", "template_format: semantic-kernel\ntemplate: |\n"),
                ("Templates/Broken.yaml", "template_format:\t[\ntemplate:\n:\n\t- ]]\n  \"\n"),
                ("Templates/Empty.yaml", string.Empty),
                ("Templates/Blank.yml", "\n\n   \r\n"),
                ("Templates/Nul.yaml", "\0\0template:\0"),
            });

    // --- 2. Plain-text prompts in a Prompts folder ------------------------------------------------------------------

    // Persona first, data below (written after drazen64's Prompts/RagSystemPrompt.txt).
    private const string RagSystemPrompt =
        "You are a guide who answers questions about famous landmarks.\n\n" +
        "You are given the user's question and up to five reference articles.\n";

    // No persona: an instruction sentence with a contract keyword (after drazen64's HydePrompt.txt).
    private const string HydePrompt = "Write a short, factual paragraph that answers the question.\nDo not address the user in the paragraph.\n\nQuestion:\n{{question}}";

    // Markdown with front matter and a heading above the persona (PokeLLM-style Prompts/*.md).
    private const string PlannerMarkdown = "---\nversion: 2\n---\n# Planner\n\nYou are the planning agent of the shop.\n";

    [Fact]
    public Task Text_and_markdown_prompts_in_a_prompts_folder_are_reported_on_their_first_line() =>
        VerifyFilesAsync(
            new[]
            {
                ("Prompts/RagSystemPrompt.txt", RagSystemPrompt),
                ("Prompts/HydePrompt.txt", HydePrompt),
                ("Services/prompts/agents/planner.md", PlannerMarkdown),
            },
            Uncovered("Prompts/RagSystemPrompt.txt", RagSystemPrompt, "You are a guide who answers questions about famous landmarks."),
            Uncovered("Prompts/HydePrompt.txt", HydePrompt, "Write a short, factual paragraph that answers the question."),
            Uncovered("Services/prompts/agents/planner.md", PlannerMarkdown, "# Planner"));

    [Fact]
    public Task Covered_prompts_folder_files_are_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                ("Prompts/RagSystemPrompt.txt", RagSystemPrompt),
                ("Prompts/HydePrompt.txt", HydePrompt),
                ("Services/prompts/agents/planner.md", PlannerMarkdown),
                ("evals/prompts.evals.jsonl",
                    Case("Prompts/RagSystemPrompt.txt") + "\n"
                    + Case("Prompts/HydePrompt.txt", rule: "Do not address the user") + "\n"
                    + Case("Services/prompts/agents/planner.md")),
            });

    private const string DeveloperNote = "You must run the eval suite before you change any prompt in this folder.\n";

    [Fact]
    public Task Readme_changelog_and_plain_data_in_a_prompts_folder_are_quiet_while_the_same_text_as_a_prompt_reports() =>
        VerifyFilesAsync(
            new[]
            {
                // By name: a README or CHANGELOG talks to developers, whatever it says.
                ("Prompts/README.md", DeveloperNote),
                ("Prompts/CHANGELOG.md", "## 1.2\n- You should now see shorter answers.\n"),
                // By text: data and word lists do not instruct a model.
                ("Prompts/sample-data.txt", "id,name,city\n1,Eiffel Tower,Paris\n2,Big Ben,London\n"),
                ("Prompts/stopwords.txt", "a\nan\nthe\nof\n"),
                ("Prompts/questions.md", "# Sample questions\n\n- What should I see in Rome?\n- When is the Louvre open?\n"),
                ("Prompts/Empty.txt", string.Empty),
                ("Prompts/Blank.md", "  \n\n"),
                // The twin: the README's text under a prompt's name is reported.
                ("Prompts/Reviewer.md", DeveloperNote),
            },
            Uncovered("Prompts/Reviewer.md", DeveloperNote, DeveloperNote.TrimEnd('\n')));

    [Fact]
    public Task Text_outside_a_prompts_folder_and_the_build_outputs_copy_are_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                ("Docs/RagSystemPrompt.txt", RagSystemPrompt),
                ("SystemPrompt.txt", RagSystemPrompt),
                ("PromptsLibrary/RagSystemPrompt.txt", RagSystemPrompt),
                ("bin/Debug/net8.0/Prompts/RagSystemPrompt.txt", RagSystemPrompt),
                ("obj/Prompts/RagSystemPrompt.txt", RagSystemPrompt),
                ("Prompts/RagSystemPrompt.json", "{\"text\":\"You are a guide.\"}"),
            });

    // --- Naming: the id and the eval file the scaffold fix writes to ------------------------------------------------

    [Theory]
    [InlineData("/src/App/Templates/ChatPrompt.yaml", ChatTemplate, "Templates/ChatPrompt.yaml", "ChatPrompt")]
    [InlineData("/src/App/Prompts/RagSystemPrompt.txt", RagSystemPrompt, "Prompts/RagSystemPrompt.txt", "RagSystemPrompt")]
    [InlineData("/src/App/Services/prompts/agents/planner.md", PlannerMarkdown, "Services/prompts/agents/planner.md", "planner")]
    public void New_prompt_files_are_named_by_their_relative_path_and_scaffold_into_evals_named_after_the_file(string path, string content, string id, string typeName)
    {
        var prompt = PromptFiles.Read(new InMemoryAdditionalText(path, content), "/src/App", CancellationToken.None);

        Assert.NotNull(prompt);
        Assert.Equal(id, prompt!.Id);
        Assert.Equal(typeName, prompt.TypeName);
    }

    [Fact]
    public void An_unreadable_file_holds_no_prompt()
    {
        Assert.True(PromptFiles.IsPromptFile("/src/App/Prompts/RagSystemPrompt.txt"));
        Assert.Null(PromptFiles.Read(new InMemoryAdditionalText("/src/App/Prompts/RagSystemPrompt.txt", null), "/src/App", CancellationToken.None));
        Assert.Null(PromptFiles.Read(new InMemoryAdditionalText("/src/App/Templates/ChatPrompt.yaml", null), "/src/App", CancellationToken.None));
    }

    [Fact]
    public void A_prompts_folder_above_the_project_does_not_make_its_files_prompts()
    {
        Assert.Null(PromptFiles.Read(new InMemoryAdditionalText("/src/Prompts/App/Notes/RagSystemPrompt.txt", RagSystemPrompt), "/src/Prompts/App", CancellationToken.None));
        Assert.NotNull(PromptFiles.Read(new InMemoryAdditionalText("/src/Prompts/App/Prompts/RagSystemPrompt.txt", RagSystemPrompt), "/src/Prompts/App", CancellationToken.None));
    }

    [Theory]
    [InlineData("template: x\ntemplate_format: semantic-kernel\n", true)]
    [InlineData("template_format: handlebars\r\ntemplate: |\r\n  x\r\n", true)]
    [InlineData("template:\n  x\ninput_variables: []\n", true)]
    [InlineData("template: x\nexecution_settings:\n", true)]
    [InlineData("template: x\noutput_variable:\n", true)]
    [InlineData("template: x\nname: n\ndescription: d\n", false)]
    [InlineData("spec:\n  template: x\n  template_format: y\n", false)]
    [InlineData("template: x\n# template_format: semantic-kernel\n", false)]
    [InlineData("templates: x\ntemplate_formats: y\n", false)]
    [InlineData("template:x\ntemplate_format:y\n", false)]
    [InlineData("", false)]
    public void The_template_config_shape_needs_template_and_a_config_key_at_the_top_level(string yaml, bool expected) =>
        Assert.Equal(expected, PromptFileKinds.IsPromptTemplateConfig(yaml));
}
