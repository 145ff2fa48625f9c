using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// An instruction template given as the message of a Microsoft Agent Framework agent run (review64
/// daniel-maurer/MafWorkflowTests ResolutionExecutor, scfido FeedbackExecutor, Repro/AgentUserTurnInstructionTemplate):
/// <c>AIAgent.RunAsync(string)</c>, <c>RunAsync&lt;T&gt;(string)</c> and <c>RunStreamingAsync(string)</c> are judged
/// by the single-turn instruction test, also on an agent with instructions of its own. The user's text, a demo
/// question, a question with a hole and a label over data stay quiet beside them.
/// </summary>
public class AgentRunSingleTurnTests
{
    [Fact]
    public Task Instruction_templates_given_to_an_agent_run_are_prompts() =>
        VerifyAsync(
            """"
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Support;
            public sealed record Rating(int Score);
            public sealed class Resolver(IChatClient client)
            {
                private const string {|#0:Instructions|} = "You are a support resolution agent. Always ask the customer to confirm the fix.";

                public async Task<string> ResolveAsync(string problem, string solution)
                {
                    AIAgent agent = new ChatClientAgent(client, instructions: Instructions, name: "ResolutionAgent");
                    var response = await agent.RunAsync({|#1:$"""
                        Resolve the following problem:
                        Problem: {problem}
                        Known solution: {solution}

                        Answer the user directly using the known solution. Never say the problem cannot be solved.
                        """|});
                    return response.Text;
                }

                public async Task<string> SummarizeAsync(AIAgent agent, string ticket) =>
                    (await agent.RunAsync({|#2:$"Summarize the following ticket in three bullet points: {ticket}"|})).Text;

                public async Task<int> RateAsync(ChatClientAgent agent, string slogan) =>
                    (await agent.RunAsync<Rating>({|#3:"Classify the sentiment of this slogan as positive or negative: " + slogan|})).Result.Score;

                public async IAsyncEnumerable<string> PoemAsync(AIAgent agent)
                {
                    await foreach (var update in agent.RunStreamingAsync({|#4:"Write a poem about the sea. Keep it under 8 lines."|}))
                    {
                        yield return update.Text;
                    }
                }
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Support.Resolver.Instructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Support.Resolver.ResolveAsync"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Support.Resolver.SummarizeAsync"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Support.Resolver.RateAsync"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Support.Resolver.PoemAsync"));

    [Fact]
    public Task The_users_text_and_questions_given_to_an_agent_run_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Support;
            public sealed class Chat(AIAgent agent)
            {
                public async Task<string> AskAsync(string userInput) => (await agent.RunAsync(userInput)).Text;

                public async Task<string> WeatherAsync() => (await agent.RunAsync("What is the weather?")).Text;

                public async Task<string> JokeAsync() => (await agent.RunAsync("Tell me a joke")).Text;

                public async Task<string> WhatIsAsync(string term) => (await agent.RunAsync($"What is {term}?")).Text;

                public async Task<string> QuestionAsync(string question) => (await agent.RunAsync($"Question: {question}")).Text;

                public async Task<string> MessageAsync(string text) =>
                    (await agent.RunAsync(new ChatMessage(ChatRole.User, text))).Text;

                // The app's own agent type: its RunAsync is not the SDK's single-turn run.
                public Task<string> OwnAsync(MyAgent mine, string ticket) =>
                    mine.RunAsync($"Summarize the following ticket in three bullet points: {ticket}");
            }

            public sealed class MyAgent
            {
                public Task<string> RunAsync(string message) => Task.FromResult(message);
            }
            """);

    /// <summary>
    /// review67 (SkillsPptAgent): one sentence around a hole in a language the test cannot read word by word
    /// ("请帮我制作一套关于{subject}的PPT", "please help me make a PPT about ...", the subject typed by the user) is as likely
    /// the user's request as the app's instruction, and its English twin stays quiet: quiet. A template in another
    /// language that labels its data and instructs on lines of its own (review64's Portuguese and Chinese executors)
    /// stays reported.
    /// </summary>
    [Fact]
    public Task One_sentence_in_another_language_around_a_hole_is_not_a_prompt_but_a_labelled_template_is() =>
        VerifyAsync(
            """"
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            namespace Ppt;
            public sealed class Runner(AIAgent agent)
            {
                public async IAsyncEnumerable<string> ChineseAsync(string subject)
                {
                    await foreach (var update in agent.RunStreamingAsync($"请帮我制作一套关于{subject}的PPT"))
                    {
                        yield return update.Text;
                    }
                }

                public async IAsyncEnumerable<string> EnglishAsync(string subject)
                {
                    await foreach (var update in agent.RunStreamingAsync($"Please help me create a PPT about {subject}"))
                    {
                        yield return update.Text;
                    }
                }

                public async Task<string> ResolveAsync(string problem, string solution) =>
                    (await agent.RunAsync({|#0:$"""
                        Resolva o seguinte problema:
                        Problema: {problem}
                        Solução conhecida: {solution}

                        Responda ao usuário usando a solução conhecida de forma direta e clara.
                        """|})).Text;

                public async Task<string> FeedbackAsync(string task, string slogan) =>
                    (await agent.RunAsync({|#1:$"""
                        这是针对任务 '{task}' 的广告语：
                        广告语: {slogan}
                        请提供对这条广告语的反馈，包括评论、1到10的评分和改进建议。
                        """|})).Text;
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Ppt.Runner.ResolveAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Ppt.Runner.FeedbackAsync"));

    /// <summary>
    /// review67 (FoiaProcessor): "Review" opens an instruction when its object follows ("Review the documents for
    /// request {id}."), as "Summarize" does; as a noun or label ("Review: {text}", "Review of {x}") it does not.
    /// </summary>
    [Fact]
    public Task Review_with_its_object_opens_an_instruction_but_a_review_label_does_not() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            namespace Foia;
            public sealed class ReviewRunner(AIAgent agent)
            {
                public Task<AgentResponse> ReviewAsync(Guid requestId) => agent.RunAsync({|#0:$"Review the documents for request {requestId}."|});

                public Task<AgentResponse> LabelAsync(string text) => agent.RunAsync($"Review: {text}");

                public Task<AgentResponse> NounAsync(string product) => agent.RunAsync($"Review of {product}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Foia.ReviewRunner.ReviewAsync"));
}
