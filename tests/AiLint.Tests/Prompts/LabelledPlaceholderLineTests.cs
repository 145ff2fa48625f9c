using AiLint.Analyzers.Rules.Prompts;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0303 on an answer format written without list markers (Rozein/sementic-kernel-openai-integration, StudyService's
/// document Q&amp;A prompt): <c>Answer: [Your answer based only on the document]</c> was an instruction only because the
/// placeholder, which the model replaces, says "only". A <c>Label: [placeholder]</c> or <c>Label: &lt;placeholder&gt;</c>
/// line is a format example with or without a list marker when the keyword is inside the brackets; a keyword outside
/// them (in the label, or words beside the placeholder) keeps the line an instruction.
/// </summary>
public class LabelledPlaceholderLineTests
{
    // The repro's program: the real rule is line 1 and is covered by the case's "rule"; the format's field is not a rule.
    [Fact]
    public Task The_answer_field_of_the_documents_format_is_not_an_instruction() =>
        VerifyAsync(
            """
            using OpenAI.Chat;
            namespace Study;
            public static class Prompts
            {
                public const string DocumentQa = @"STRICT INSTRUCTIONS: Answer ONLY based on the provided document content.
            If the answer is not clearly stated in the content, respond with ""This information is not available in the provided document.""

            Provide your response in this format:
            Answer: [Your answer based only on the document]
            Source Quote: ""[Exact text from document that supports your answer]""
            Confidence: [1-10 scale how confident you are this answer comes from the document]";
            }

            public sealed class Qa(ChatClient chat)
            {
                public System.Threading.Tasks.Task Ask(string question) =>
                    chat.CompleteChatAsync(new SystemChatMessage(Prompts.DocumentQa), new UserChatMessage(question));
            }
            """,
            new[] { ("evals/Prompts.evals.jsonl", Case("Study.Prompts.DocumentQa", "not-in-doc", rule: "Answer ONLY based on the provided document content.")) });

    [Theory]
    [InlineData("Answer: [Your answer based only on the document]")]
    [InlineData("Summary: <two sentences, never more>")]
    [InlineData("**Verdict:** [yes or no, you must pick one]")]
    [InlineData("- Answer: [Your answer based only on the document]")]
    public void A_label_whose_keyword_is_only_inside_the_placeholder_is_a_format_example(string line) =>
        Assert.Empty(InstructionsToCover.Of("Reply in this format:\n" + line + "\n", isPrompty: false));

    // Quiet twins of the rule (they stay instructions): a keyword outside the brackets, words beside the placeholder,
    // a label that is itself an instruction, a placeholder that is not the whole value.
    [Theory]
    [InlineData("Answer only in English: [your answer]")]
    [InlineData("You must write the answer: [your answer]")]
    [InlineData("Answer: [your answer] and never anything else")]
    [InlineData("Answer: [your answer], only from the document")]
    [InlineData("- Explain the choice: [only one sentence]")]
    [InlineData("Answer: [your answer] [only the document]")]
    public void A_keyword_outside_the_placeholder_keeps_the_line_an_instruction(string line) =>
        Assert.Single(InstructionsToCover.Of("Reply in this format:\n" + line + "\n", isPrompty: false));

    // A placeholder sentence that does not fill its line is not the line's format example.
    [Fact]
    public void A_placeholder_after_a_sentence_on_the_same_line_stays_an_instruction() =>
        Assert.Single(InstructionsToCover.Of("Be brief. Answer: [only yes or no]\n", isPrompty: false));

    // Half-typed text: brackets not closed yet, an empty placeholder, a label with nothing after the colon.
    [Theory]
    [InlineData("Answer: [Your answer based only on the")]
    [InlineData("Answer: [] only")]
    [InlineData("Answer: <only yes or no")]
    [InlineData(": [only]")]
    public void Half_typed_format_lines_stay_instructions(string line) =>
        Assert.Single(InstructionsToCover.Of(line + "\n", isPrompty: false));
}
