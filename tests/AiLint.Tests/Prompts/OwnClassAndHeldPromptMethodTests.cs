using static AiLint.Tests.Prompts.PromptSetOverrideTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Three shapes of the abstract prompt method (<see cref="PromptSetMethodOverrideTests"/>) review82 found quiet:
/// the override called inside its own class (ChatBotAI's OpenAiStrategy: the call binds to the override, so only that
/// class's family below it can run, never a sibling's test double), the result held in a local and then combined with
/// context (AgentRouterTest's <c>$"{systemPrompt}\n\n{contextPrompt}"</c>), and an override returning a local written
/// once with a raw string (TranslatorTool's <c>var line = """..."""; return line;</c>).
/// </summary>
public class OwnClassAndHeldPromptMethodTests
{
    // repro-2 reduced: the strategy calls its own override at the system slot; the fake sibling returns String.Empty.
    private const string Strategies = """
        using System;
        using System.Collections.Generic;
        using OpenAI.Chat;
        namespace ChatBotAI.Domain
        {
            public abstract class AiStrategyCore
            {
                public abstract void AddSystemChatMessage();
                protected abstract string GetSystemPrompt();
            }

            public class OpenAiStrategy : AiStrategyCore
            {
                private readonly ChatClient _client = new ChatClient(model: "gpt-4o-mini", apiKey: "key");
                private readonly List<ChatMessage> _chatMessages = new List<ChatMessage>();

                public override void AddSystemChatMessage() { OPENAI_USE }

                protected override string OPENAI()
                {
                    return "You are Ace, a world-class Career Strategist and former Senior HR Manager."
                           + " Your tone must be professional, encouraging, empathetic, and highly detailed.";
                }

                public ChatCompletion Ask() => _client.CompleteChat(_chatMessages);
            }

            public class FakeAiStrategy : AiStrategyCore
            {
                private readonly List<ChatMessage> _chatMessages = new List<ChatMessage>();

                public override void AddSystemChatMessage() { FAKE_USE }

                protected override string GetSystemPrompt() { return String.Empty; }
            }
        }
        """;

    private const string AtSlot = "_chatMessages.Add(new SystemChatMessage(GetSystemPrompt()));";

    private static string StrategiesWith(string openAiUse, string fakeUse, bool marked) => Strategies
        .Replace("OPENAI_USE", openAiUse)
        .Replace("FAKE_USE", fakeUse)
        .Replace("OPENAI()", marked ? "{|#0:GetSystemPrompt|}()" : "GetSystemPrompt()");

    [Fact]
    public Task An_override_called_in_its_own_class_is_the_prompt_whatever_a_sibling_returns() =>
        VerifyFilesAsync(
            new[] { StrategiesWith(AtSlot, "GetSystemPrompt();", marked: true) },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ChatBotAI.Domain.OpenAiStrategy.GetSystemPrompt"));

    // Quiet twin: only the test double sends its own String.Empty; OpenAiStrategy's text reaches no slot.
    [Fact]
    public Task A_sibling_returning_string_Empty_at_its_own_slot_stays_quiet() =>
        VerifyFilesAsync(new[] { StrategiesWith("GetSystemPrompt();", AtSlot, marked: false) });

    // A subclass of the strategy may run instead, and reads its text from the environment: the set is open.
    [Fact]
    public Task An_own_class_call_whose_subclass_reads_its_text_at_run_time_stays_quiet() =>
        VerifyFilesAsync(new[]
        {
            StrategiesWith(AtSlot, "GetSystemPrompt();", marked: false),
            "namespace ChatBotAI.Domain { public sealed class TunedStrategy : OpenAiStrategy { protected override string GetSystemPrompt() => System.Environment.GetEnvironmentVariable(\"PROMPT\") ?? \"\"; } }",
        });

    // Half-typed: the override is misspelt (it overrides nothing) while the class calls the name at the slot.
    [Fact]
    public Task A_misspelt_override_called_in_its_own_class_does_not_crash_or_report() =>
        VerifyFilesAsync(
            new[] { StrategiesWith(AtSlot, "GetSystemPrompt();", marked: false).Replace("protected override string GetSystemPrompt()\n", "protected override string GetSystemPromt()\n") },
            Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None);

    // repro-1 reduced: the abstract method's result held in a local, then interpolated with a context builder's result.
    private const string Agents = """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        namespace AgentRouterTest
        {
            public class ConversationState { public string SessionId { get; set; } = ""; public string? Override { get; set; } }

            public abstract class BaseAgent
            {
                private readonly IChatCompletionService _chatService;
                protected BaseAgent(IChatCompletionService chatService) => _chatService = chatService;

                public async Task<string> ProcessAsync(string userInput, ConversationState state)
                {
                    var systemPrompt = GetSystemPrompt();
                    REASSIGN
                    var contextPrompt = BuildContextPrompt(state);
                    var chatHistory = new ChatHistory();
                    chatHistory.AddSystemMessage($"{systemPrompt}\n\n{contextPrompt}");
                    chatHistory.AddUserMessage(userInput);
                    var response = await _chatService.GetChatMessageContentAsync(chatHistory);
                    return response.Content ?? "";
                }

                protected abstract string GetSystemPrompt();

                protected virtual string BuildContextPrompt(ConversationState state) => $"Konversations-Kontext:\n- Session: {state.SessionId}";
            }

            public class SupportAgent : BaseAgent
            {
                public SupportAgent(IChatCompletionService chatService) : base(chatService) { }

                protected override string SUPPORT()
                {
                    return @"Du bist ein technischer Support-Agent mit Expertise in Kundenservice.
        Gehe systematisch vor: verstehe das Problem genau und stelle gezielte Rückfragen.
        Sei geduldig, verständnisvoll und lösungsorientiert.";
                }
            }
        }
        """;

    [Fact]
    public Task A_local_holding_the_prompt_method_combined_with_context_is_followed_to_each_override() =>
        VerifyFilesAsync(
            new[] { Agents.Replace("REASSIGN", "").Replace("SUPPORT()", "{|#0:GetSystemPrompt|}()") },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("AgentRouterTest.SupportAgent.GetSystemPrompt"));

    // Quiet twin: the local is replaced by the caller's override text: what reaches the slot is not only the method's.
    [Fact]
    public Task A_local_reassigned_from_input_before_it_is_combined_stays_quiet() =>
        VerifyFilesAsync(new[]
        {
            Agents.Replace("REASSIGN", "if (state.Override != null) systemPrompt = state.Override;").Replace("SUPPORT()", "GetSystemPrompt()"),
        });

    // The same hop for a project's own non-virtual method, whose returned literal is the prompt as it is inline.
    [Fact]
    public Task A_local_holding_a_project_methods_result_combined_with_data_is_the_methods_prompt() =>
        VerifyAsync(
            """
            using OpenAI.Chat;
            namespace Rag
            {
                public static class Messages
                {
                    public static ChatMessage System(string context)
                    {
                        var rules = BuildRules();
                        return new SystemChatMessage(rules + "\n\nContext:\n" + context);
                    }

                    private static string BuildRules() => {|#0:"You answer HR policy questions. Use only the context below and cite the policy name."|};
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Messages.BuildRules"));

    // Half-typed: the local's initializer calls a method that does not exist.
    [Fact]
    public Task A_local_holding_an_unknown_call_does_not_crash_or_report() =>
        VerifyFilesAsync(
            new[] { Agents.Replace("REASSIGN", "").Replace("var systemPrompt = GetSystemPrompt();", "var systemPrompt = GetSystemPromt();").Replace("SUPPORT()", "GetSystemPrompt()") },
            Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None);

    // repro-3 reduced: the override returns a local written once with a raw string.
    private const string Translators = """"
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        public abstract class AITranslatorAbstract
        {
            private readonly ChatClient client = new ChatClient("gpt-4o-mini", "key");

            public async Task<string> TranslateTextAsync(string srcText)
            {
                List<ChatMessage> messages = new List<ChatMessage> { new SystemChatMessage(GetSystemPrompt()), new UserChatMessage(srcText) };
                ChatCompletion completion = await client.CompleteChatAsync(messages);
                return completion.Content[0].Text.Trim();
            }

            public abstract string GetSystemPrompt();
        }

        public sealed class ThaiAITranslator : AITranslatorAbstract
        {
            public override string THAI()
            {
                var line = """
                    Translate to Thai for a game.
                    - Do not edit, remove or move HTML tags, colours or UI symbols.
                    - Output only 1 line.
                    """;
                REASSIGN
                return line;
            }
        }
        """";

    [Fact]
    public Task An_override_returning_a_local_written_once_with_a_raw_string_is_the_prompt() =>
        VerifyFilesAsync(
            new[] { Translators.Replace("REASSIGN", "").Replace("THAI()", "{|#0:GetSystemPrompt|}()") },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ThaiAITranslator.GetSystemPrompt"));

    // Quiet twin: a file may replace the text, so the body is computed at run time and the set is open.
    [Fact]
    public Task An_override_returning_a_local_reassigned_from_a_file_stays_quiet() =>
        VerifyFilesAsync(new[]
        {
            Translators.Replace("REASSIGN", "if (File.Exists(\"thai.txt\")) line = File.ReadAllText(\"thai.txt\");").Replace("THAI()", "GetSystemPrompt()"),
        });
}
