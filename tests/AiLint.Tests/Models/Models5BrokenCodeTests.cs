namespace AiLint.Tests.Models;

/// <summary>Half-typed code on the guard, agent-wrapper, helper-argument and dictionary paths: nothing crashes.</summary>
public class Models5BrokenCodeTests
{
    [Fact]
    public Task Half_typed_code_on_the_new_paths_does_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Models.ModelAnalyzer>
        {
            TestCode = """
                using System;
                using System.Collections.Generic;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using OpenAI;
                using OpenAI.Chat;
                class C
                {
                    static readonly Dictionary<string, string> Models = new() { ["a"] = , { "b" } , [] = "gpt-4" };
                    void M(OpenAIClient client)
                    {
                        var chat = new ChatClient("gpt-6-astra", "k");
                        var options = new ChatCompletionOptions();
                        if (!IsReasoning()) options.Temperature = 0.2f;
                        if (Model.StartsWith() || "gpt-6-astra".StartsWith("o", (StringComparison)99)) options.TopP = 0.1f;
                        options.FrequencyPenalty = IsReasoning( ? null : 0.1f;
                        chat.CompleteChat(new ChatMessage[0], options);
                        Ask(client, "gpt-3.5-turbo-0613", );
                        Ask(, "gpt-4-0613");
                        client.GetChatClient(Models[]);
                        client.GetChatClient(Models["a"]);
                        if (Models.TryGetValue(, out var m)) client.GetChatClient(m);
                        var agentOptions = new ChatClientAgentOptions { ChatOptions = new() { Temperature = } };
                        AIAgent agent = new ChatClientAgent(, agentOptions);
                        agent.RunAsync("x", options: new ChatClientAgentRunOptions(new ChatOptions { Temperature = 0.5f }, ));
                    }
                    static bool IsReasoning(string model) => model.StartsWith(;
                    static void Ask(OpenAIClient client, string model) => client.GetChatClient(model
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
