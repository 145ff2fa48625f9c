using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review46 D1 (Repro/EvalCaseWithoutId): AIL0301's message asked for a case with "prompt", an input and an
/// expectation; a case written that way lacks the "id" AIL0304 requires, so AIL0304 fired and AIL0301 stayed. The
/// message now names the four fields a covering case needs: "prompt", "id", "input" and "expect".
/// </summary>
public class EvalCaseFieldsMessageTests
{
    private const string Code = """
        using OpenAI.Chat;
        using System.Threading.Tasks;
        namespace Demo;
        public static class Prompts
        {
            public const string {|#0:Extract|} = "You are an assistant that extracts project data from emails. Never guess a budget.";
        }
        public class Extractor(ChatClient client)
        {
            public async Task<string> RunAsync(string email)
            {
                ChatCompletion completion = await client.CompleteChatAsync(
                    [new SystemChatMessage(Prompts.Extract), new UserChatMessage(email)]);
                return completion.Content[0].Text;
            }
        }
        """;

    private const string Path = "evals/Prompts.evals.jsonl";

    private static DiagnosticResult NoCases() =>
        Diagnostic("AIL0301").WithLocation(0).WithMessage(
            "Prompt 'Demo.Prompts.Extract' has no eval cases; add a case with \"prompt\":\"Demo.Prompts.Extract\", an \"id\", an \"input\" and an \"expect\" to a *.evals.jsonl file");

    // The repro: the case the old message described. The message now names "id".
    [Fact]
    public Task A_case_without_id_is_malformed_and_the_message_names_the_id() =>
        VerifyAsync(Code,
            new[] { (Path, """{"prompt":"Demo.Prompts.Extract","input":"We need a React developer, 3 months, 80 EUR/h.","expect":{"contains":"React"}}""") },
            NoCases(),
            Diagnostic("AIL0304").WithLocation(Path, 1).WithArguments("the required field \"id\" is missing"));

    // The correct code beside it: the case the message now describes covers the prompt (AIL0301 and AIL0304 are gone;
    // the prompt's keyword instruction is still AIL0303's until a case quotes it in "rule").
    [Fact]
    public Task The_case_the_message_describes_covers_the_prompt() =>
        VerifyAsync(Code,
            new[] { (Path, """{"prompt":"Demo.Prompts.Extract","id":"react-offer","input":"We need a React developer, 3 months, 80 EUR/h.","expect":{"contains":"React"}}""") },
            Diagnostic("AIL0303").WithSpan(6, 97, 6, 118).WithArguments("Never guess a budget.", "Demo.Prompts.Extract"));

    // Each field the message names is needed: without "input" or "expect" (or with them empty) the case covers nothing.
    [Theory]
    [InlineData("""{"prompt":"Demo.Prompts.Extract","id":"a","expect":{"contains":"React"}}""")]
    [InlineData("""{"prompt":"Demo.Prompts.Extract","id":"a","input":"We need a React developer."}""")]
    [InlineData("""{"prompt":"Demo.Prompts.Extract","id":"a","input":"","expect":{"contains":"React"}}""")]
    public Task A_case_without_input_or_expect_does_not_cover_the_prompt(string line) =>
        VerifyAsync(Code, new[] { (Path, line) }, NoCases());
}
