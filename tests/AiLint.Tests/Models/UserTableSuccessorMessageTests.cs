using AiLint.Analyzers.Rules.Models;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0502/AIL0503 name the successor a row gives. A shipped row's successor is the provider's recommendation, and the
/// message says so; a row of the project's own model table (<c>*.ailint-models.json</c>) names the project's choice,
/// and the message says that instead (before, both said "the provider recommends").
/// </summary>
public class UserTableSuccessorMessageTests
{
    private const string Path = "models/team.ailint-models.json";

    [Fact]
    public Task A_user_row_s_successor_is_named_as_the_project_s_choice_and_a_shipped_row_s_as_the_provider_s() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using OpenAI;
            class C
            {
                object Deprecated(OpenAIClient client) => client.GetChatClient({|#0:"acme-large"|});
                object Replaced(OpenAIClient client) => client.GetChatClient({|#1:"gemini-3-pro-preview"|});
                ChatOptions Shipped() => new ChatOptions { ModelId = {|#2:"claude-sonnet-4-20250514"|} };
            }
            """,
            new[]
            {
                (Path, """
                    {
                      "models": [
                        { "provider": "openai", "id": "acme-large", "shutdownDate": "2099-01-01", "successor": "acme-xl" },
                        { "provider": "gemini", "id": "gemini-3-pro-preview", "shutdownDate": "2026-03-09", "successor": "gemini-3-flash" }
                      ]
                    }
                    """),
            },
            Diagnostic("AIL0502").WithLocation(0).WithArguments("acme-large", "2099-01-01", "; the project's model table names 'acme-xl' as its successor"),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gemini-3-pro-preview", "2026-03-09", "; the project's model table names 'gemini-3-flash' as its successor"),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("claude-sonnet-4-20250514", "2026-06-15", "; the provider recommends 'claude-sonnet-4-6'"));
}
