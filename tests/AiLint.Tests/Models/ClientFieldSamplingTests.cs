using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0504 when a service keeps its client in a readonly field (created in the constructor for a known model) and
/// builds the request options in another method, the shape most service classes take.
/// </summary>
public class ClientFieldSamplingTests
{
    [Fact]
    public Task Temperature_for_a_reasoning_model_client_kept_in_a_field() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;
            class ReasoningService
            {
                private readonly ChatClient _chat;
                private readonly IChatClient _agentClient = new OpenAIClient("key").GetChatClient("gpt-6-astra").AsIChatClient();
                public ReasoningService(OpenAIClient client)
                {
                    _chat = client.GetChatClient("gpt-6-astra");
                }
                Task Ask(string question) =>
                    _chat.CompleteChatAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { {|#0:Temperature = 0.2f|} });
                Task Summarize(string text)
                {
                    var options = new ChatOptions { MaxOutputTokens = 500 };
                    {|#1:options.Temperature = 0.3f|};
                    return _agentClient.GetResponseAsync(text, options);
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "temperature"));

    // Next to it, the correct code: MaxOutputTokenCount and no temperature. And when the field's model is not certain
    // (two constructors, configuration, a non-reasoning model), nothing is linked.
    [Fact]
    public Task Correct_options_or_an_uncertain_model_are_fine() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using OpenAI;
            using OpenAI.Chat;
            class Services
            {
                private readonly ChatClient _reasoning;
                private readonly ChatClient _configured;
                private readonly ChatClient _twoWays;
                private readonly ChatClient _classic;
                public Services(OpenAIClient client, string model)
                {
                    _reasoning = client.GetChatClient("gpt-6-astra");
                    _configured = client.GetChatClient(model);
                    _twoWays = client.GetChatClient("gpt-6-astra");
                    _classic = client.GetChatClient("gpt-5.5-2026-04-23");
                }
                public Services(OpenAIClient client) : this(client, "x")
                {
                    _twoWays = client.GetChatClient("gpt-5.5-2026-04-23");
                }
                static OpenAI.Chat.ChatMessage[] Messages => new OpenAI.Chat.ChatMessage[] { new UserChatMessage("hi") };
                Task A() => _reasoning.CompleteChatAsync(Messages, new ChatCompletionOptions { MaxOutputTokenCount = 2000 });
                Task B() => _configured.CompleteChatAsync(Messages, new ChatCompletionOptions { Temperature = 0.2f });
                Task C() => _twoWays.CompleteChatAsync(Messages, new ChatCompletionOptions { Temperature = 0.2f });
                Task D() => _classic.CompleteChatAsync(Messages, new ChatCompletionOptions { Temperature = 0.2f, TopP = 0.9f });
            }
            """);
}

/// <summary>
/// AIL0504 in Agent Framework code: the agent's <c>ChatOptions</c> travel inside <c>ChatClientAgentOptions</c>, handed
/// to <c>AsAIAgent</c> on a chat client, or to <c>new ChatClientAgent(chatClient, options)</c>.
/// </summary>
public class AgentOptionsSamplingTests
{
    [Fact]
    public Task Agent_options_with_temperature_for_a_reasoning_model() =>
        VerifyAsync("""
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents
            {
                AIAgent Planner(OpenAIClient openAi) =>
                    openAi.GetChatClient("gpt-6-astra").AsIChatClient().AsAIAgent(new ChatClientAgentOptions
                    {
                        Name = "Planner",
                        ChatOptions = new ChatOptions { {|#0:Temperature = 0.2f|}, MaxOutputTokens = 2000 },
                    });

                AIAgent Wrapped(OpenAIClient openAi)
                {
                    IChatClient chat = openAi.GetChatClient("gpt-6-astra").AsIChatClient();
                    return new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = new ChatOptions { {|#1:TopP = 0.5f|} } });
                }
            }
            """,
            Diagnostic("AIL0504").WithLocation(0).WithArguments("gpt-6-astra", "temperature"),
            Diagnostic("AIL0504").WithLocation(1).WithArguments("gpt-6-astra", "top_p"));

    // The correct agent next to it (MaxOutputTokens only), a non-reasoning model, and a client of unknown model.
    [Fact]
    public Task Correct_agent_options_are_fine() =>
        VerifyAsync("""
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Agents
            {
                AIAgent Fine(OpenAIClient openAi) =>
                    openAi.GetChatClient("gpt-6-astra").AsIChatClient().AsAIAgent(new ChatClientAgentOptions { ChatOptions = new ChatOptions { MaxOutputTokens = 2000 } });
                AIAgent Classic(OpenAIClient openAi) =>
                    openAi.GetChatClient("gpt-5.5-2026-04-23").AsIChatClient().AsAIAgent(new ChatClientAgentOptions { ChatOptions = new ChatOptions { Temperature = 0.2f } });
                AIAgent Unknown(IChatClient chat) =>
                    new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Temperature = 0.2f } });
            }
            """);
}
