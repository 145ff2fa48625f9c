using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// An Agent Framework agent built over an OpenAI adapter whose client retries on its own
/// (<c>chatClient.AsAIAgent(...)</c>, <c>new ChatClientAgent(chatClient, ...)</c>) sends each run's requests through that
/// client: a loop retrying <c>agent.RunAsync</c> multiplies the two retries (4 × 4 requests), as when it retries the
/// adapter itself. Quiet for AIL0003: an agent over a client with retries off, or over a client the code does not show.
/// </summary>
public class AgentOverAdapterSdkRetryTests
{
    private const string Id = "AIL0003";

    private const string Usings = """
        using System;
        using System.ClientModel;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Chat;

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => RetryTestSupport.VerifyAsync(Id, Usings + source, expected);

    /// <summary>A loop retrying <c>agent.RunAsync</c> on 429/503; <c>{0}</c> makes <c>chatClient</c>, <c>{1}</c> the agent over it.</summary>
    private static string Loop(string client, string agent, string parameters = "string key") => $$"""
        public static class Player
        {
            public static async Task<string> RunAsync({{parameters}}, string input)
            {
                IChatClient chatClient = {{client}};
                AIAgent agent = {{agent}};
                for (var attempt = 0; attempt <= 3; attempt++)
                {
                    try
                    {
                        var response = await agent.{|AIL0001:{|#0:RunAsync|}|}(input);
                        return response.Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429 || ex.Status == 503)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30));
                    }
                }

                return "";
            }
        }
        """;

    private const string DefaultClient = "new ChatClient(\"gpt-4.1-2025-04-14\", new ApiKeyCredential(key)).AsIChatClient()";

    private static DiagnosticResult Stacked() =>
        Diagnostic(Id).WithLocation(0).WithArguments("RunAsync", "for loop", "OpenAI", "3 retries by default", "4 × 4 = 16 requests");

    [Theory]
    [InlineData("chatClient.AsAIAgent(new ChatClientAgentOptions { Name = \"player\" })")]
    [InlineData("chatClient.AsAIAgent(instructions: \"Play.\")")]
    [InlineData("new ChatClientAgent(chatClient, new ChatClientAgentOptions { Name = \"player\" })")]
    [InlineData("new ChatClientAgent(chatClient, instructions: \"Play.\")")]
    public Task An_agent_over_an_adapter_whose_client_retries_is_reported(string agent) =>
        VerifyAsync(Loop(DefaultClient, agent), Stacked());

    [Fact]
    public Task An_agent_over_an_adapter_with_retries_off_is_quiet() => VerifyAsync(Loop(
        "new ChatClient(\"gpt-4.1-2025-04-14\", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) }).AsIChatClient()",
        "chatClient.AsAIAgent(instructions: \"Play.\")"));

    [Fact]
    public Task An_agent_over_a_client_the_code_does_not_show_is_quiet() => VerifyAsync(Loop(
        "given", "new ChatClientAgent(chatClient, instructions: \"Play.\")", "IChatClient given"));

    [Fact]
    public Task A_half_typed_agent_does_not_crash() => VerifyAsync(Loop(
        DefaultClient, "chatClient.{|CS1061:AsAgentX|}()"));
}
