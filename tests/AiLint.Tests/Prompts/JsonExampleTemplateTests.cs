using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Single-turn instruction templates with a hand-written JSON example (review23 M1, dotnet/eShopSupport's LLM-judge
/// template in src/Evaluator/Program.cs). Only braces that close are left out like holes: a literal <c>{</c> never
/// closed (the real example ends with a typo, <c>]</c> for <c>}</c>) is text and hides none of the instructions after it.
/// </summary>
public class JsonExampleTemplateTests
{
    private const string JudgeTemplate = """"
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        public static class Judge
        {
            public static async Task<string> ScoreAsync(IChatClient chat, string question, string answer)
            {
                List<string> scoreWords = ["Awful", "Poor", "Good", "Perfect"];
                var prompt = {|#0:$$"""
                    There is an AI assistant that answers questions about products sold by an online retailer.
                    Here are the question, the desired true answer, and the answer given by the AI system:

                    <question>{{question}}</question>
                    <assistantAnswer>{{answer}}</assistantAnswer>

                    Evaluate the assistant's answer by replying in this JSON format:

                    {
                        "scores": [
                            { "index": 0, "descriptionOfQuality": string, "scoreLabel": string }
                        ]
                    CLOSE

                    Score only based on whether the assistant's answer is true. It should score as perfect when it is.
                    The scoreLabel must be one of the following labels, from worst to best: {{string.Join(", ", scoreWords)}}
                    Do not use any other words for scoreLabel.
                    """|};
                var response = await chat.GetResponseAsync(prompt, new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0 });
                return response.Text;
            }
        }
        """";

    // The real shape: the example's last brace is a typo, so its `{` never closes. The instructions after it count.
    [Fact]
    public Task A_judge_template_after_an_unclosed_json_example_is_a_prompt() =>
        VerifyAsync(
            JudgeTemplate.Replace("CLOSE", "]"),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Judge.ScoreAsync"));

    // Its balanced twin was reported before the fix and still is.
    [Fact]
    public Task The_same_template_with_a_balanced_json_example_is_a_prompt() =>
        VerifyAsync(
            JudgeTemplate.Replace("CLOSE", "}"),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Judge.ScoreAsync"));

    // A stray closing brace (an example that closes twice) is text as well and hides nothing.
    [Fact]
    public Task A_judge_template_after_a_json_example_closed_twice_is_a_prompt() =>
        VerifyAsync(
            JudgeTemplate.Replace("CLOSE", "} }"),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Judge.ScoreAsync"));

    // A request whose only keyword sentences sit inside a closed JSON example: the example is data shaped like the
    // answer (left out like a hole, as the page says), and the rest is a label and a question. Not a prompt.
    [Fact]
    public Task A_single_turn_text_whose_keywords_sit_only_inside_a_closed_json_example_is_not_a_prompt() =>
        VerifyAsync(
            """"
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            public static class Lookup
            {
                public static async Task<string> AskAsync(IChatClient chat, string product)
                {
                    var response = await chat.GetResponseAsync($$"""
                        Product: {{product}}
                        Example answer:
                        { "status": "the field must always be one of ok, late or lost", "note": "you should never leave it empty" }
                        Where is it now?
                        """);
                    return response.Text;
                }
            }
            """");

    // Holes that are real stay left out even when an unclosed literal brace comes before them: user input in a
    // hole never makes the text instruct.
    [Fact]
    public Task A_hole_after_an_unclosed_brace_is_still_left_out() =>
        VerifyAsync(
            """"
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            public static class Lookup
            {
                public static async Task<string> AskAsync(IChatClient chat, string question)
                {
                    var response = await chat.GetResponseAsync($$"""
                        Data: { "id": 1
                        {{question}}
                        """);
                    return response.Text;
                }
            }
            """");
}
