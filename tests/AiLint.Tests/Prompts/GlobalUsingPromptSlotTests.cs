namespace AiLint.Tests.Prompts;

/// <summary>
/// Slots reached from a file that spells no SDK type or namespace: its usings are global, in another file, and the
/// slot is an extension method of a provider package or a property of a settings object built elsewhere. The shared
/// relevance gate (Gating/RelevantFiles) lets the file through because it spells a project member whose declaration
/// spells an SDK type (the closure), not because of the slot's own name.
/// </summary>
public class GlobalUsingPromptSlotTests
{
    private const string Usings = """
        global using Microsoft.Agents.AI;
        global using Microsoft.Extensions.AI;
        global using Microsoft.SemanticKernel.Connectors.OpenAI;
        """;

    [Fact]
    public Task Agent_factory_instructions_in_a_file_without_usings_are_reported() =>
        new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            Sources =
            {
                Usings,
                """
                namespace Shop;
                public static partial class Factory
                {
                    private static readonly IChatClient Backend = null!;
                }
                """,
                """
                namespace Shop;
                public static partial class Factory
                {
                    public static object Create() =>
                        Backend.AsAIAgent(instructions: {|AIL0301:"You are a travel agent. Always confirm before booking a trip."|});
                }
                """,
            },
        }.RunAsync();

    [Fact]
    public Task Chat_system_prompt_set_on_settings_from_another_file_is_reported() =>
        new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            Sources =
            {
                Usings,
                """
                namespace Shop;
                public static class Settings
                {
                    public static OpenAIPromptExecutionSettings Create() => new();
                }
                """,
                """
                namespace Shop;
                public static class Configure
                {
                    public static object Support()
                    {
                        var settings = Settings.Create();
                        settings.ChatSystemPrompt = {|AIL0301:"You are the support assistant. Answer only questions about orders."|};
                        return settings;
                    }
                }
                """,
            },
        }.RunAsync();
}
