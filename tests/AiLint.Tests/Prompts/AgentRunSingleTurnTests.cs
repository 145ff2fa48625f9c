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
}
