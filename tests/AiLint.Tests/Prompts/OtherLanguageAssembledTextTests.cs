using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Assembled text (a <c>+=</c> local, a concatenation with a caller's prompt) whose own text instructs in another
/// language. The page's language rule holds for it as for a template at the slot: text that shows another language is a
/// prompt unless its lines only title their data, since the English keyword test cannot read it. Before, the constant
/// pieces of assembled text were judged by the English test alone: German rules appended with <c>+=</c> to a named
/// constant were dropped and the constant named as the prompt (review53, jochenkluger/LocalAiDemo), and fixed Chinese
/// output rules appended to a caller's system prompt were no prompt at all (review54, InvestAgent.Core). Labels and
/// headings over data stay data headers in any language.
/// </summary>
public class OtherLanguageAssembledTextTests
{
    // review53 miss 1 (failed before the fix: only GermanConstants.SystemMessage was reported, on the constant): the
    // `+=` local is the prompt, named after the method that uses it and reported on its initializer, as for the English
    // twin beside it (which passed before and after).
    [Fact]
    public Task German_rules_appended_to_a_named_constant_make_the_local_the_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Repro;
            internal static class GermanConstants
            {
                public const string SystemMessage =
                    "Du bist ein freundlicher und hilfreicher Chat-Bot, der den Benutzer bei der Kommunikation mit seinen Kontakten unterstützt. " +
                    "Antworte dem Benutzer kurz und prägnant. ";
            }
            public sealed class GermanChatSetup(IChatClient client)
            {
                public async Task<string> StartAsync(string userText)
                {
                    var systemMessage = {|#0:GermanConstants.SystemMessage + "\n\n"|};
                    systemMessage +=
                        "WICHTIGE REGELN für Function Calls:\n" +
                        "- Du MUSST zuerst Kontakte abrufen, bevor du eine Nachricht erstellen kannst (create_message)\n" +
                        "- Verwende Funktionen nur, wenn du sicher bist, dass alle erforderlichen Informationen vorhanden sind\n";
                    var history = new List<ChatMessage> { new(ChatRole.System, systemMessage), new(ChatRole.User, userText) };
                    var response = await client.GetResponseAsync(history);
                    return response.Text;
                }
            }
            internal static class EnglishConstants
            {
                public const string SystemMessage =
                    "You are a friendly and helpful chat bot that supports the user in talking to their contacts. " +
                    "Answer the user briefly and precisely. ";
            }
            public sealed class EnglishChatSetup(IChatClient client)
            {
                public async Task<string> StartAsync(string userText)
                {
                    var systemMessage = {|#1:EnglishConstants.SystemMessage + "\n\n"|};
                    systemMessage +=
                        "IMPORTANT RULES for function calls:\n" +
                        "- You MUST fetch the contacts first, before you can create a message (create_message)\n" +
                        "- Use functions only when you are sure that all required information is present\n";
                    var history = new List<ChatMessage> { new(ChatRole.System, systemMessage), new(ChatRole.User, userText) };
                    var response = await client.GetResponseAsync(history);
                    return response.Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.GermanChatSetup.StartAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Repro.EnglishChatSetup.StartAsync"));

    // The same shape with the initializer the constant alone (`var s = SystemMessage;`, review53 probe H) and a
    // Chinese twin (failed before the fix, the constant was reported in its place).
    [Fact]
    public Task Other_language_appends_to_a_constant_alone_make_the_local_the_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Probe;
            public static class Setup
            {
                private const string SystemMessage = "Du bist ein Assistent für Kontakte. ";
                private const string ChineseSystemMessage = "你是一个联系人助手。";

                public static ChatMessage German()
                {
                    var s = {|#0:SystemMessage|};
                    s += "\n- Du MUSST zuerst Kontakte abrufen, bevor du eine Nachricht erstellst\n";
                    return new ChatMessage(ChatRole.System, s);
                }

                public static ChatMessage Chinese()
                {
                    var s = {|#1:ChineseSystemMessage|};
                    s += "\n- 创建消息之前必须先获取联系人。\n";
                    return new ChatMessage(ChatRole.System, s);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Probe.Setup.German"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Probe.Setup.Chinese"));

    // review53 evals variant (failed before the fix: the case naming StartAsync covered nothing, and the German rules
    // were in no prompt): with a case for the method whose hash is the assembled text's, nothing is stale, and the
    // appended list items are instructions AIL0303 asks cases for, as the English twin's are.
    [Fact]
    public Task German_appended_rules_are_instructions_of_the_covered_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Repro;
            internal static class GermanConstants
            {
                public const string SystemMessage = "Du bist ein hilfreicher Chat-Bot. ";
            }
            public static class GermanChatSetup
            {
                public static ChatMessage Start()
                {
                    var systemMessage = GermanConstants.SystemMessage + "\n\n";
                    systemMessage +=
                        "WICHTIGE REGELN:\n" +
                        "- {|#0:Du MUSST zuerst Kontakte abrufen|}\n" +
                        "- {|#1:Verwende Funktionen nur mit allen Angaben|}\n";
                    return new ChatMessage(ChatRole.System, systemMessage);
                }
            }
            """,
            new[]
            {
                ("evals/setup.evals.jsonl",
                    Case("Repro.GermanChatSetup.Start", sha: Sha256("Du bist ein hilfreicher Chat-Bot. \n\nWICHTIGE REGELN:\n- Du MUSST zuerst Kontakte abrufen\n- Verwende Funktionen nur mit allen Angaben\n"))),
            },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Du MUSST zuerst Kontakte abrufen", "Repro.GermanChatSetup.Start"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Verwende Funktionen nur mit allen Angaben", "Repro.GermanChatSetup.Start"));

    // Editing the appended German rules changes the prompt's hash: a case recording the constant's text alone is stale.
    [Fact]
    public Task Editing_the_german_appends_makes_the_case_stale() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Repro;
            public static class GermanChatSetup
            {
                private const string SystemMessage = "Du bist ein hilfreicher Chat-Bot. ";

                public static ChatMessage Start()
                {
                    var systemMessage = {|#0:SystemMessage|};
                    systemMessage += "Du MUSST zuerst Kontakte abrufen.";
                    return new ChatMessage(ChatRole.System, systemMessage);
                }
            }
            """,
            new[]
            {
                ("evals/setup.evals.jsonl",
                    Case("Repro.GermanChatSetup.Start", rule: "Du MUSST zuerst Kontakte abrufen", sha: Sha256("Du bist ein hilfreicher Chat-Bot. Du MUSST zuerst Kontakte abrufen, bevor du schreibst."))),
            },
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Repro.GermanChatSetup.Start", "1", Sha256("Du bist ein hilfreicher Chat-Bot. Du MUSST zuerst Kontakte abrufen.")));

    // review54 M1 (failed before the fix: nothing was reported at lines 11 and 35 of the repro): fixed Chinese output
    // rules appended to a caller's system prompt, with and without their leading label, are the prompt, named after the
    // method. Twins that passed before: the same rules alone at the slot, and the English translation appended the same way.
    [Fact]
    public Task Chinese_rules_appended_to_a_callers_prompt_are_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            public static class Histories
            {
                public static ChatHistory Chinese(string systemPrompt)
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage({|#0:systemPrompt + "\n\n输出规则：只输出给用户看的最终答案，不要输出 <think>、</think>、<thing>、推理过程、思考草稿、分析步骤或内部计划。"|});
                    return history;
                }

                public static ChatHistory ChineseAlone()
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage({|#1:"输出规则：只输出给用户看的最终答案，不要输出 <think>、</think>、<thing>、推理过程、思考草稿、分析步骤或内部计划。"|});
                    return history;
                }

                public static ChatHistory English(string systemPrompt)
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage({|#2:systemPrompt + "\n\nOutput rules: only output the final answer for the user, do not output <think>, </think>, <thing>, reasoning, drafts, analysis steps or internal plans."|});
                    return history;
                }

                public static ChatHistory ChineseNoLabel(string systemPrompt)
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage({|#3:systemPrompt + "\n\n只输出给用户看的最终答案，不要输出推理过程、思考草稿、分析步骤或内部计划。"|});
                    return history;
                }

                public static ChatHistory German(string systemPrompt)
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage({|#4:systemPrompt + "\n\nAusgaberegeln: Gib nur die endgültige Antwort für den Benutzer aus, ohne Überlegungen."|});
                    return history;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Histories.Chinese"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Histories.ChineseAlone"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Histories.English"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Histories.ChineseNoLabel"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Histories.German"));

    // Correct code beside them: labels and headings in another language over data only title it, whether the data is
    // concatenated, appended with `+=` in a loop, or follows a named prompt (which stays the prompt, under its own
    // name, as the English twin's does); a caller's prompt with only a separator or a label after it is the caller's.
    [Fact]
    public Task Other_language_titles_over_data_stay_data_headers() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Chat;
            public static class Headers
            {
                private const string {|#0:SystemPrompt|} = "Du bist ein Assistent. Antworte immer auf Deutsch.";
                private const string {|#1:ChineseSystemPrompt|} = "你是一个专业的助手，请用中文回答。";
                private const string {|#2:EnglishSystemPrompt|} = "You are an assistant. Always answer in English.";

                public static ChatMessage Kontext(string context) => new ChatMessage(ChatRole.System, "### Kontext\n" + context);
                public static ChatMessage Frage(string question) => new ChatMessage(ChatRole.System, "问题：" + question);
                public static ChatMessage Heading(string context) => new ChatMessage(ChatRole.System, "【参考资料】\n" + context);
                public static void Caller(ChatHistory history, string systemPrompt, string context) =>
                    history.AddSystemMessage(systemPrompt + "\n\n参考资料：\n" + context);

                public static ChatMessage Memories(string[] memories)
                {
                    var text = "## Erinnerungen";
                    foreach (var memory in memories) text += "\n- " + memory;
                    return new ChatMessage(ChatRole.System, text);
                }

                public static ChatMessage German(string context) => new ChatMessage(ChatRole.System, SystemPrompt + "\n\nKontext:\n" + context);
                public static ChatMessage Chinese(string context) => new ChatMessage(ChatRole.System, ChineseSystemPrompt + "\n\n参考资料：\n" + context);
                public static ChatMessage English(string context) => new ChatMessage(ChatRole.System, EnglishSystemPrompt + "\n\nContext:\n" + context);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Headers.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Headers.ChineseSystemPrompt"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Headers.EnglishSystemPrompt"));

    // A caller's value written inside a sentence that instructs by itself is data filled into that prompt (a persona
    // name), in another language as in English: the caller's "ein Pirat" is no prompt of its own, and the template is.
    // The persona given on a line of its own after German rules is still followed to its caller.
    [Fact]
    public Task A_persona_name_inside_a_german_instruction_is_data_and_a_prompt_on_its_own_line_is_followed() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Agents
            {
                public static ChatMessage Persona(string persona) =>
                    new ChatMessage(ChatRole.System, {|#0:$"Du bist {persona}. Bleib immer in deiner Rolle und antworte auf Deutsch."|});
                public static ChatMessage Pirate() => Persona("ein Pirat");

                public static ChatMessage Rules(string systemPrompt) =>
                    new ChatMessage(ChatRole.System, {|#1:systemPrompt + "\nAntworte immer auf Deutsch."|});
                public static ChatMessage Support() => Rules({|#2:"Du bist der Support-Assistent von Contoso."|});

                public static ChatMessage EnglishPersona(string persona) =>
                    new ChatMessage(ChatRole.System, {|#3:$"You are {persona}. Always stay in character."|});
                public static ChatMessage EnglishPirate() => EnglishPersona("a pirate");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Agents.Persona"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Agents.Rules"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Agents.Support"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Chat.Agents.EnglishPersona"));

    // Canned replies stay quiet in another language: a literal standing in for retrieved documents, and a user turn.
    [Fact]
    public Task Other_language_canned_replies_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Replies
            {
                public static ChatMessage Documents(List<string> docs) =>
                    new ChatMessage(ChatRole.System, docs.Count == 0 ? "Keine relevanten Dokumente gefunden." : string.Join("\n\n", docs));

                public static ChatMessage Sorry(string name) => new ChatMessage(ChatRole.Assistant, "Entschuldigung, " + name + ", das weiß ich nicht.");
            }
            """);

    [Fact]
    public async Task Half_typed_other_language_appends_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Chat;
                public static class Setup
                {
                    private const string SystemMessage = "Du bist ein Assistent. ";
                    public static ChatMessage A()
                    {
                        var s = SystemMessage + "\n\n";
                        s += "- Du MUSST zuerst Kontakte abrufen
                        return new ChatMessage(ChatRole.System, s);
                    }
                    public static void B(ChatHistory history, string systemPrompt) => history.AddSystemMessage(systemPrompt + "\n\n输出规则：只输出最终答案" +);
                    public static void C(ChatHistory history, string systemPrompt) => history.AddSystemMessage(systemPrompt + $"\n\n输出规则：{
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
