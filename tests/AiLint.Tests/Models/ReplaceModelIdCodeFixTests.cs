using AiLint.Analyzers.Rules.Models;
using AiLint.CodeFixes.Rules.Models;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Models;

/// <summary>The AIL0501-AIL0503 fix: pin an alias to its snapshot, or move to the successor; Fix All included.</summary>
public class ReplaceModelIdCodeFixTests
{
    private const string TeamTable = """
        {
          "models": [
            { "provider": "openai", "id": "acme-chat", "alias": true, "snapshot": "acme-chat-2026-03-01" },
            { "provider": "openai", "id": "acme-chat-2026-03-01" }
          ]
        }
        """;

    [Fact]
    public Task Retired_models_move_to_their_successor_across_the_solution() => new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
    {
        TestCode = """
            using Microsoft.Extensions.AI;
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient({|AIL0503:"gemini-3-pro-preview"|});
                ChatOptions B() => new ChatOptions { ModelId = {|AIL0503:"claude-sonnet-4-20250514"|} };
            }
            """,
        FixedCode = """
            using Microsoft.Extensions.AI;
            using OpenAI;
            class C
            {
                object A(OpenAIClient client) => client.GetChatClient("gemini-3.1-pro-preview");
                ChatOptions B() => new ChatOptions { ModelId = "claude-sonnet-4-6" };
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Alias_is_pinned_to_the_snapshot_the_table_names()
    {
        var test = new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
        {
            TestCode = """
                using OpenAI;
                class C
                {
                    object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"acme-chat"|});
                }
                """,
            FixedCode = """
                using OpenAI;
                class C
                {
                    object A(OpenAIClient client) => client.GetChatClient("acme-chat-2026-03-01");
                }
                """,
        };
        test.AdditionalFiles.Add(("team.ailint-models.json", TeamTable));
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_without_a_replacement_or_through_a_constant() => new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
    {
        TestCode = """
            using OpenAI;
            class C
            {
                const string Old = "gemini-3-pro-preview";
                object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"gpt-4o"|});
                object B(OpenAIClient client) => client.GetChatClient({|AIL0503:Old|});
                object D(OpenAIClient client) => client.GetChatClient({|AIL0503:"gpt-4-0613"|});
            }
            """,
        FixedCode = """
            using OpenAI;
            class C
            {
                const string Old = "gemini-3-pro-preview";
                object A(OpenAIClient client) => client.GetChatClient({|AIL0501:"gpt-4o"|});
                object B(OpenAIClient client) => client.GetChatClient({|AIL0503:Old|});
                object D(OpenAIClient client) => client.GetChatClient({|AIL0503:"gpt-4-0613"|});
            }
            """,
    }.RunAsync();
}
