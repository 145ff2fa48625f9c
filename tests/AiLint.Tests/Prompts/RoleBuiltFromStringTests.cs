using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Review31 (a real layered Semantic Kernel app) writes every role as <c>new ChatRole("System")</c>, building roles
/// from enum names. Microsoft.Extensions.AI's and OllamaSharp's role types compare names without case, so such a
/// message is a system message like <c>ChatRole.System</c>; a role built from "user" or from a variable is not.
/// </summary>
public class RoleBuiltFromStringTests
{
    [Fact]
    public Task A_system_role_built_from_a_string_is_an_instruction_slot() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:Capitalised|} = "You are the Contoso support assistant. Answer in two sentences.";
                public const string {|AIL0301:Developer|} = "You are the Contoso billing assistant. Never quote prices.";
                public const string Question = "You are asked which plan fits a team of five.";
                public const string Echo = "You are a test of role names.";

                public static ChatMessage[] Build(string roleName) => new[]
                {
                    new ChatMessage(new ChatRole("System"), Capitalised),
                    new ChatMessage(new ChatRole("developer"), Developer),
                    new ChatMessage(new ChatRole("user"), Question),
                    new ChatMessage(new ChatRole(roleName), Echo),
                };
            }
            """);

    [Fact]
    public async Task Half_typed_role_construction_does_not_crash()
    {
        var test = new AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                public static class Prompts
                {
                    public static ChatMessage[] Build() => new[]
                    {
                        new ChatMessage(new ChatRole(), "You are a helpful assistant."),
                        new ChatMessage(new ChatRole("System", 1), "You are a helpful assistant."),
                        new ChatMessage(new ChatRole(
                    };
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
