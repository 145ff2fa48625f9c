using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Chat apps save the conversation as (role, text) records and rebuild SDK turns from them, the stored system turn
/// becoming a system message again. The text written into the record comes from a helper that reads a message's
/// text and falls back to a display placeholder when there is none (LXBdev/OpenAIChatGPTBlazor,
/// <c>m.Content.FirstOrDefault()?.Text ?? "[No Text]"</c>; review30 F2). Such a holder stores turns of every role, so
/// text reaching it counts only when it instructs: a placeholder beside the loaded text is not a prompt, while an
/// instructing fallback (the default system prompt apps write after <c>??</c>) still is.
/// </summary>
public class StoredTurnPlaceholderTests
{
    private const string HistoryShapes = """
        using System.Collections.Generic;
        using System.Linq;
        using OpenAI.Chat;
        namespace Chat;
        public sealed record MyChatMessage(string role, string message);
        public static class Replay
        {
            public static List<ChatMessage> Load(IEnumerable<MyChatMessage> stored)
            {
                List<ChatMessage> result = [];
                foreach (var item in stored)
                {
                    ChatMessage turn = item switch
                    {
                        { role: "system" } m => new SystemChatMessage(m.message),
                        { role: "assistant" } m => new AssistantChatMessage(m.message),
                        _ => new UserChatMessage(item.message),
                    };
                    result.Add(turn);
                }

                return result;
            }
        }
        """;

    // The real shape (review30 F2) and its siblings: `?? "[No Text]"`, `?? string.Empty`, `?? "(empty)"` and a
    // ternary's placeholder arm beside the message's own text. None instructs; none is a prompt.
    [Fact]
    public Task A_placeholder_fallback_of_a_stored_turn_is_not_a_prompt() =>
        VerifyAsync(
            HistoryShapes + """

            public static class Store
            {
                static string GetChatMessageContent(ChatMessage m) => m.Content.FirstOrDefault()?.Text ?? "[No Text]";
                static string OrEmpty(ChatMessage m) => m.Content.FirstOrDefault()?.Text ?? string.Empty;
                static string OrMarker(ChatMessage m) => m.Content.FirstOrDefault()?.Text ?? "(empty)";
                static string Arm(ChatMessage m) => m.Content.Count > 0 ? m.Content[0].Text : "(no text part)";

                public static List<MyChatMessage> Save(List<ChatMessage> messages) => messages.Select(m => m switch
                {
                    SystemChatMessage s => new MyChatMessage("system", GetChatMessageContent(s)),
                    AssistantChatMessage a => new MyChatMessage("assistant", GetChatMessageContent(a)),
                    _ => new MyChatMessage("user", GetChatMessageContent(m)),
                }).ToList();

                public static MyChatMessage[] More(ChatMessage m) =>
                [
                    new MyChatMessage("system", OrEmpty(m)),
                    new MyChatMessage("system", OrMarker(m)),
                    new MyChatMessage("system", Arm(m)),
                ];
            }
            """);

    // The twin: the same helpers with an instructing fallback. The default system prompt after `??` is a prompt,
    // named after the helper that returns it, as it was before; so is an instructing ternary arm.
    [Fact]
    public Task An_instructing_fallback_of_a_stored_turn_is_still_a_prompt() =>
        VerifyAsync(
            HistoryShapes + """

            public static class Store
            {
                static string SystemText(ChatMessage m) => m.Content.FirstOrDefault()?.Text ?? {|#0:"You are a helpful assistant."|};
                static string Rules(ChatMessage m) => m.Content.Count > 0 ? m.Content[0].Text : {|#1:"Always answer in one short paragraph."|};

                public static MyChatMessage[] Save(ChatMessage m) =>
                [
                    new MyChatMessage("system", SystemText(m)),
                    new MyChatMessage("system", Rules(m)),
                ];
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Store.SystemText"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Store.Rules"));

    // A named constant given to the record keeps its standing (it counts by its name), and a system turn written at
    // the call that instructs is still a prompt: only inline text that does not instruct is dropped.
    [Fact]
    public Task A_written_system_turn_and_a_named_prompt_next_to_the_placeholder_helper_stay_prompts() =>
        VerifyAsync(
            HistoryShapes + """

            public static class Prompts
            {
                public const string {|#1:Default|} = "Help the user with their order.";
            }
            public static class Store
            {
                static string GetChatMessageContent(ChatMessage m) => m.Content.FirstOrDefault()?.Text ?? "[No Text]";

                public static MyChatMessage[] Seed(ChatMessage m) =>
                [
                    new MyChatMessage("system", {|#0:"You are the order assistant. Never promise refunds."|}),
                    new MyChatMessage("system", Prompts.Default),
                    new MyChatMessage("system", GetChatMessageContent(m)),
                ];
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Store.Seed"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Prompts.Default"));

    [Fact]
    public async Task Half_typed_placeholder_helpers_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = HistoryShapes + """

                public static class Store
                {
                    static string Text(ChatMessage m) => m.Content.FirstOrDefault()?.Text ?? "[No Text;
                    static string Other(ChatMessage m) => m.Content.Count > 0 ? m.Content[0].Text : ;
                    public static MyChatMessage[] Save(ChatMessage m) => [new MyChatMessage("system", Text(m)), new MyChatMessage("system", Other(m), )];
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
