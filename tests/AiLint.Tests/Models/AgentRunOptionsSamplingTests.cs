using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// Agent Framework carries <c>ChatOptions</c> in wrappers: the agent's defaults in <c>ChatClientAgentOptions</c>
/// (usually built in a local first), one run's in <c>ChatClientAgentRunOptions</c>. A sampling parameter in either
/// reaches the agent's model.
/// </summary>
public class AgentRunOptionsSamplingTests
{
    [Fact]
    public Task Agent_options_held_in_a_local_are_followed() =>
        VerifyAsync("""
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents
            {
                AIAgent Reviewer(OpenAIClient openAI)
                {
                    var reviewerOptions = new ChatClientAgentOptions
                    {
                        Name = "reviewer",
                        ChatOptions = new ChatOptions { {|#0:Temperature = 0.2f|} },
                    };
                    return new ChatClientAgent(openAI.GetChatClient("gpt-6-astra").AsIChatClient(), reviewerOptions);
                }

                AIAgent Planner(OpenAIClient openAI)
                {
                    var plannerOptions = new ChatClientAgentOptions { ChatOptions = new() { {|#1:TopP = 0.9f|} } };
                    return openAI.GetChatClient("gpt-6-astra").AsIChatClient().AsAIAgent(plannerOptions);
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_p"));

    [Fact]
    public Task Run_options_handed_to_a_reasoning_agent_are_reported() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents
            {
                async Task Brainstorm(OpenAIClient openAI)
                {
                    AIAgent agent = openAI.GetChatClient("gpt-6-astra").AsIChatClient().AsAIAgent(name: "brainstorm");
                    await agent.RunAsync("Ten names for a cafe", options: new ChatClientAgentRunOptions(new ChatOptions { {|#0:Temperature = 1.2f|} }));
                    var perRun = new ChatClientAgentRunOptions { ChatOptions = new ChatOptions { {|#1:TopP = 0.5f|} } };
                    await agent.RunAsync("Ten more", options: perRun);
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_p"));

    [Fact]
    public Task Run_options_handed_to_an_agent_constructed_on_a_reasoning_client_are_reported() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents
            {
                async Task Review(OpenAIClient openAI)
                {
                    AIAgent reviewer = new ChatClientAgent(openAI.GetChatClient("gpt-6-astra").AsIChatClient(), name: "reviewer");
                    await reviewer.RunAsync("Review x = x++;", options: new ChatClientAgentRunOptions(new ChatOptions { {|#0:Temperature = 0.1f|} }));

                    AIAgent writer = new ChatClientAgent(openAI.GetChatClient("gpt-5.5-2026-04-23").AsIChatClient(), name: "writer");
                    await writer.RunAsync("Write", options: new ChatClientAgentRunOptions(new ChatOptions { Temperature = 0.9f }));
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"));

    // The correct code next to it: options without sampling, a classic model's agent, an agent of unknown model, and
    // an options local written again before use.
    [Fact]
    public Task Correct_wrappers_are_fine() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents
            {
                async Task Run(OpenAIClient openAI, AIAgent injected, ChatClientAgentOptions shared)
                {
                    var plain = new ChatClientAgentOptions { ChatOptions = new ChatOptions { MaxOutputTokens = 500 } };
                    AIAgent reasoner = new ChatClientAgent(openAI.GetChatClient("gpt-6-astra").AsIChatClient(), plain);

                    var warm = new ChatClientAgentOptions { ChatOptions = new ChatOptions { Temperature = 0.9f } };
                    AIAgent writer = openAI.GetChatClient("gpt-5.5-2026-04-23").AsIChatClient().AsAIAgent(warm);

                    await injected.RunAsync("hi", options: new ChatClientAgentRunOptions(new ChatOptions { Temperature = 0.9f }));

                    var reused = new ChatClientAgentOptions { ChatOptions = new ChatOptions { Temperature = 0.9f } };
                    reused = shared;
                    AIAgent other = openAI.GetChatClient("gpt-6-astra").AsIChatClient().AsAIAgent(reused);

                    AIAgent quiet = openAI.GetChatClient("gpt-6-astra").AsIChatClient().AsAIAgent(name: "quiet");
                    await quiet.RunAsync("hi", options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 100 }));
                }
            }
            """);
}
