using AiLint.Analyzers.Rules.Models;
using AiLint.CodeFixes.Rules.Models;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Models;

/// <summary>The AIL0504/AIL0505 fix: remove the rejected setting; Fix All removes neighbours in one edit.</summary>
public class RemoveSamplingParameterCodeFixTests
{
    [Fact]
    public Task Rejected_settings_are_removed() => new CodeFixTest<ModelAnalyzer, RemoveSamplingParameterCodeFixProvider>
    {
        TestCode = """
            using OpenAI.Chat;
            class C
            {
                void M(string key)
                {
                    var client = new ChatClient("gpt-6-astra", key);
                    var options = new ChatCompletionOptions
                    {
                        {|AIL0504:Temperature = 0.2f|},
                        {|AIL0504:TopP = 0.9f|},
                        MaxOutputTokenCount = 500,
                    };
                    {|AIL0504:options.PresencePenalty = 0.5f|};
                    client.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                }
            }
            """,
        FixedCode = """
            using OpenAI.Chat;
            class C
            {
                void M(string key)
                {
                    var client = new ChatClient("gpt-6-astra", key);
                    var options = new ChatCompletionOptions
                    {
                        MaxOutputTokenCount = 500,
                    };
                    client.CompleteChat(new ChatMessage[] { new UserChatMessage("hi") }, options);
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task TopP_is_removed_and_temperature_kept() => new CodeFixTest<ModelAnalyzer, RemoveSamplingParameterCodeFixProvider>
    {
        TestCode = """
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M() => new ChatOptions { ModelId = "claude-haiku-4-5-20251001", Temperature = 0.2f, {|AIL0505:TopP = 0.9f|} };
            }
            """,
        FixedCode = """
            using Microsoft.Extensions.AI;
            class C
            {
                ChatOptions M() => new ChatOptions { ModelId = "claude-haiku-4-5-20251001", Temperature = 0.2f };
            }
            """,
    }.RunAsync();
}
