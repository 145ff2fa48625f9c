using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Short templates at a system slot often have none of the common English words the language test looks for
/// ("Read more at {url}", "Address {name} formally."). They are read as English unless they show another language
/// (a diacritic, a common Spanish/French/German/... word), and a word that is as often a noun as a verb ("Address",
/// "Read", "List", "Check") opens an instruction only when its object follows.
/// </summary>
public class ShortTemplateLanguageTests
{
    // Link lines, greetings and counts that chat apps add next to retrieved data: no instruction in them.
    [Fact]
    public Task Short_english_data_lines_without_common_words_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Chat;
            public static class Lines
            {
                public static ChatMessage More(string url) => new ChatMessage(ChatRole.System, $"Read more at {url}");
                public static ChatMessage Date() => new ChatMessage(ChatRole.System, $"Current date {DateTime.Now:yyyy-MM-dd}");
                public static ChatMessage Welcome(string name) => new ChatMessage(ChatRole.System, $"Welcome back, {name}!");
                public static void Found(ChatHistory history, int count, string query) => history.AddSystemMessage($"Found {count} results for {query}");
                public static void Address(ChatHistory history, string address) => history.AddSystemMessage($"Address of record {address}");
                public static void State(ChatHistory history, string state, string zip) => history.AddSystemMessage($"State {state}, Zip {zip}");
                public static void Page(ChatHistory history, int n, int total) => history.AddSystemMessage($"Note {n} of {total}");
                public static ChatOptions Search(string query, string hits) => new ChatOptions { Instructions = $"Search results {query}\n{hits}" };
            }
            """);

    // The other side: imperatives of those verbs with their object, and verbs left off the list, stay prompts.
    [Fact]
    public Task Short_english_instructions_are_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            namespace Chat;
            public static class Lines
            {
                public static Microsoft.Extensions.AI.ChatMessage Formal(string name) =>
                    new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, {|#0:$"Address {name} formally."|});
                public static Microsoft.Extensions.AI.ChatMessage Title(string title, string name) =>
                    new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, {|#1:$"Address the user as {title} {name}."|});
                public static SystemChatMessage Ideas(int n, string topic) => new SystemChatMessage({|#2:$"List {n} ideas about {topic}."|});
                public static ChatOptions Docs(string docs) => new ChatOptions { Instructions = {|#3:$"Read the documents below before answering.\n{docs}"|} };
                public static ChatOptions Check(string order) => new ChatOptions { Instructions = {|#4:$"Check {order} against our return rules."|} };
                public static ChatOptions Reader(string doc) => new ChatOptions { Instructions = {|#6:$"You read contracts for the legal team.\n{doc}"|} };
                public static ChatOptions Tagged(string intro, string language) => new ChatOptions { Instructions = {|#5:$"{intro} <rules>Reply in {language}.</rules>"|} };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Lines.Formal"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Lines.Title"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Lines.Ideas"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Chat.Lines.Docs"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Chat.Lines.Check"),
            Diagnostic("AIL0301").WithLocation(5).WithArguments("Chat.Lines.Tagged"),
            Diagnostic("AIL0301").WithLocation(6).WithArguments("Chat.Lines.Reader"));

    // Reading short lines as English must not drop prompts in other languages: a common word of the language or a
    // letter with a diacritic keeps the older rule (a prompt unless it only titles data).
    [Fact]
    public Task Short_templates_in_other_languages_stay_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Lines
            {
                public static ChatMessage German(string sprache) => new ChatMessage(ChatRole.System, {|#0:$"Antworte immer auf {sprache}."|});
                public static ChatMessage French(string langue) => new ChatMessage(ChatRole.System, {|#1:$"Réponds brièvement {langue}."|});
                public static ChatMessage Spanish(string empresa) => new ChatMessage(ChatRole.System, {|#2:$"Eres el asistente de {empresa}."|});
                public static ChatMessage Label(string doc) => new ChatMessage(ChatRole.System, $"Dokumente:\n{doc}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Lines.German"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Lines.French"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Lines.Spanish"));
}
