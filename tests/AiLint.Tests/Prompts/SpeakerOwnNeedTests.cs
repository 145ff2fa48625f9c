using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The single-turn test reads a contract keyword as an instruction to the model. A demo question sent to an agent that
/// opens with the user's own requirement ("We must guarantee 99.9% availability ... How resilient is this design?",
/// review71, an Azure architecture sample) says what the user needs, not what the model must do.
/// </summary>
public class SpeakerOwnNeedTests
{
    [Fact]
    public Task The_users_own_requirement_before_a_question_is_not_a_prompt() =>
        VerifyAsync(
            """"
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Architect;
            public static class Demo
            {
                public static Task<ChatResponse> Ask(IChatClient chat) => chat.GetResponseAsync("""
                    We must guarantee at least 99.9% availability for an App Service workload that depends on Azure SQL Database.
                    How resilient is this design and what services should we add to reach 99.95%?
                    """);

                public static Task<ChatResponse> Export(IChatClient chat) =>
                    chat.GetResponseAsync("I should be able to export the monthly report as a spreadsheet. Which plan includes that?");
            }
            """");

    [Fact]
    public Task A_requirement_that_addresses_the_model_or_an_imperative_keyword_sentence_stays_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Architect;
            public static class Review
            {
                public static Task<ChatResponse> Strict(IChatClient chat, string design) =>
                    chat.GetResponseAsync({|#0:$"We must have your answer as JSON with a score from 1 to 10.\n{design}"|});

                public static Task<ChatResponse> Rules(IChatClient chat, string design) =>
                    chat.GetResponseAsync({|#1:$"Always list the single points of failure first.\n{design}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Architect.Review.Strict"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Architect.Review.Rules"));
}
