using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// An interpolated string with data in it, written at a system or instruction slot, is a prompt only when its
/// constant text instructs the model (a persona, a keyword sentence, an imperative opening or a sentence addressing
/// the model); a sentence that only states data (the date, the user's name, a heading over a document) is not.
/// The same line holds for a <c>string.Format</c> / <c>Replace</c> template written at the call.
/// </summary>
public class DataTemplateTests
{
    // ---------------------------------------------------------------- sentences that carry data: not prompts

    // Chat apps add the date and the signed-in user to the conversation as a system message of their own
    // (GenerativeCS's TimeAwareness helper, chathub's "Current date" line, many Blazor chat samples).
    [Fact]
    public Task A_sentence_stating_the_date_or_the_user_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Chat;
            public sealed record User(string Name, string Email, string City);
            public static class Facts
            {
                public static List<ChatMessage> Start(User user) => new()
                {
                    new ChatMessage(ChatRole.System, $"Today is {DateTime.Now:D}."),
                    new ChatMessage(ChatRole.System, $"The user's name is {user.Name}."),
                    new ChatMessage(ChatRole.System, $"The current time is {DateTime.UtcNow:t} UTC and the user lives in {user.City}."),
                    new ChatMessage(ChatRole.System, $"Context:\n{user.Email}"),
                    new ChatMessage(ChatRole.System, $"The signed-in user is {user.Name} <{user.Email}>."),
                };
            }
            """);

    [Fact]
    public Task Data_sentences_at_other_sdk_slots_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Agents.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            namespace Chat;
            public static class Facts
            {
                public static void Sk(ChatHistory history, string name) => history.AddSystemMessage($"The customer's name is {name}.");
                public static SystemChatMessage OpenAi(string plan) => new SystemChatMessage($"The account is on the {plan} plan.");
                public static AIContext Memory(string city) => new AIContext { Instructions = $"The user lives in {city}." };
                public static void Question(ChatHistory history, string topic) => history.AddSystemMessage($"Which of these is about {topic}?");
                public static void Order(ChatHistory history, string status) => history.AddSystemMessage($"State of the order is {status}.");
                public static void Unread(ChatHistory history, int count) => history.AddSystemMessage($"You have {count} unread messages.");
            }
            """);

    // Shapes from public code found with the search corpus: an agent session reducer replays tool events as system
    // messages wrapped in tags, RAG chats add retrieved context and compaction summaries under a heading, routers
    // add found ids under a label in German.
    [Fact]
    public Task Tagged_payloads_and_headed_context_are_not_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Agent;
            public static class Replay
            {
                public static ChatMessage Call(string payload) => new ChatMessage(ChatRole.System, $"<tool_call>{payload}</tool_call>");
                public static ChatMessage Result(string payload) => new ChatMessage(ChatRole.System, $"<tool_result>{payload}</tool_result>");
                public static void Context(ChatHistory history, string context) => history.AddSystemMessage($"Here is the retrieved context from uploaded files:\n{context}");
                public static void Summary(ChatHistory history, string summary) => history.AddSystemMessage($"[Previous conversation summary]: {summary}");
                public static void Ids(ChatHistory history, string ids) => history.AddSystemMessage($"CONTEXT: Kürzlich gefundene DocIDs: {ids}");
            }
            """);

    // A time-logging copilot sample tells the model who the user is and how to use it: that is an instruction.
    [Fact]
    public Task Facts_about_the_user_with_instructions_on_using_them_are_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Hours;
            public static class Session
            {
                public static void Identify(ChatHistory history, string userId, string userName) =>
                    history.AddSystemMessage({|#0:$"The current user's id is '{userId}'. Use this id and no other when you call the backend.\nThe user's name is '{userName}'. Address the user by it."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Hours.Session.Identify"));

    // An imperative verb that is a noun here ("List of tools:", "Use case:") titles its data.
    [Fact]
    public Task A_title_that_starts_with_a_verb_like_word_is_not_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Titles
            {
                public static ChatMessage Tools(string tools) => new ChatMessage(ChatRole.System, $"List of available tools:\n{tools}");
                public static ChatMessage UseCase(string useCase) => new ChatMessage(ChatRole.System, $"Use case: {useCase}");
                public static ChatMessage Policy(string region, string policy) => new ChatMessage(ChatRole.System, $"Return policy for {region}: {policy}");
                public static ChatMessage Answer(string answer) => new ChatMessage(ChatRole.System, $"Answer: {answer}");
            }
            """);

    [Fact]
    public Task A_format_written_at_the_call_that_states_data_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Formats
            {
                public static ChatMessage Date() => new ChatMessage(ChatRole.System, string.Format("Today is {0:D}.", DateTime.Now));
                public static ChatMessage Name(string name) => new ChatMessage(ChatRole.System, "The user's name is {{name}}.".Replace("{{name}}", name));
            }
            """);

    // ---------------------------------------------------------------- templated instructions: prompts

    [Fact]
    public Task A_persona_or_keyword_template_stays_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Support;
            public static class Messages
            {
                public static ChatMessage Persona(string company) =>
                    new ChatMessage(ChatRole.System, {|#0:$"You are a helpful assistant for {company}. Answer questions about {company}'s products."|});
                public static ChatMessage Keyword(string topic) =>
                    new ChatMessage(ChatRole.System, {|#1:$"Only discuss {topic} and politely decline other requests."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Support.Messages.Persona"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Support.Messages.Keyword"));

    // Translators and summarizers write one imperative with the language or length as data.
    [Fact]
    public Task An_imperative_template_without_a_keyword_stays_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            namespace Tools;
            public static class Messages
            {
                public static SystemChatMessage Translate(string language) =>
                    new SystemChatMessage({|#0:$"Translate the user's text into {language}. Keep the formatting."|});
                public static Microsoft.Extensions.AI.ChatMessage Summarize(int words) =>
                    new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, {|#1:$"Please summarize the conversation in at most {words} words."|});
                public static ChatOptions Grounded(string docs) =>
                    new ChatOptions { Instructions = {|#2:$"Use the following documents to answer:\n{docs}"|} };
                public static ChatOptions Named(string bot) =>
                    new ChatOptions { Instructions = {|#3:$"Your name is {bot} and you work for the help desk."|} };
                public static ChatOptions Emphasis(string language) =>
                    new ChatOptions { Instructions = {|#4:$"**Respond** in {language}."|} };
                public static ChatOptions Cleanup(string pdfText) =>
                    new ChatOptions { Instructions = {|#6:$"Clean up the following PDF text '{pdfText}' so that it reads as plain prose."|} };
                public static ChatOptions Analyst(string memory) =>
                    new ChatOptions { Instructions = {|#5:$"You analyze the time complexity of code snippets. Past analyses:\n{memory}"|} };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tools.Messages.Translate"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Tools.Messages.Summarize"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Tools.Messages.Grounded"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Tools.Messages.Named"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Tools.Messages.Emphasis"),
            Diagnostic("AIL0301").WithLocation(5).WithArguments("Tools.Messages.Analyst"),
            Diagnostic("AIL0301").WithLocation(6).WithArguments("Tools.Messages.Cleanup"));

    // A fact followed by an instruction about it is a prompt: the instruction is the team's. So is a description of the
    // assistant in the third person, the completion-era prompt shape ("The assistant is helpful ...").
    [Fact]
    public Task A_data_sentence_followed_by_an_instruction_is_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Messages
            {
                public static ChatMessage Greet(string name) =>
                    new ChatMessage(ChatRole.System, {|#0:$"The user's name is {name}. Greet them by name."|});
                public static ChatMessage Completion(string bot) =>
                    new ChatMessage(ChatRole.System, {|#2:$"The following is a conversation with an AI assistant named {bot}. The assistant is helpful and friendly."|});
                public static ChatMessage Format(string culture) =>
                    new ChatMessage(ChatRole.System, string.Format({|#1:"The user's culture is {0}. Write dates in that culture's format."|}, culture));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Messages.Greet"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Messages.Format"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Messages.Completion"));

    // The instruction words are English: a template in another script, or in a Latin-script language without common
    // English words, keeps the older rule (a prompt unless it only titles its data, a full-width colon included).
    [Fact]
    public Task A_template_in_another_script_keeps_the_older_rule() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Messages
            {
                public static ChatMessage Role(string role) => new ChatMessage(ChatRole.System, {|#0:$"你是一个专业的{role}，请用中文回答。"|});
                public static ChatMessage Label(string doc) => new ChatMessage(ChatRole.System, $"参考资料：{doc}");
                public static ChatMessage Handoff(string agent, string text) => new ChatMessage(ChatRole.System, $"【内部調整情報: {agent}】\n{text}");
                public static ChatMessage Spanish(string empresa) => new ChatMessage(ChatRole.System, {|#1:$"Eres un asistente de {empresa}. Responde siempre en español."|});
                public static ChatMessage Titles(string doc) => new ChatMessage(ChatRole.System, $"Contexto:\n{doc}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Messages.Role"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Messages.Spanish"));

    // Read-only fragments in the holes are judged by their text: the persona and rules instruct, the date is data.
    [Fact]
    public Task A_template_of_known_fragments_and_data_is_judged_by_the_fragments_text() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                private static readonly string Persona = "You are the Contoso assistant.";
                private static readonly string Rules = "Only discuss orders.";
                private static readonly string DateLabel = "Date:";
                public static ChatOptions Build() => new ChatOptions { Instructions = {|#0:$"{Persona}\n{Rules}\nToday is {DateTime.Now:D}."|} };
                public static ChatOptions Data(string name) => new ChatOptions { Instructions = $"{DateLabel} {DateTime.Now:D}. The user is {name}." };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Prompts.Build"));

    // A named format keeps its name's standing: the team made it a member, as with any other constant.
    [Fact]
    public Task A_named_format_template_is_still_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Messages
            {
                private const string {|#0:Greeting|} = "The user's name is {0}.";
                public static ChatMessage Named(string name) => new ChatMessage(ChatRole.System, string.Format(Greeting, name));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Messages.Greeting"));

    [Fact]
    public async Task Half_typed_data_templates_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System;
                using Microsoft.Extensions.AI;
                namespace Chat;
                public static class Messages
                {
                    public static ChatMessage A(string name) => new ChatMessage(ChatRole.System, $"Today is {DateTime.Now:D");
                    public static ChatMessage B(string name) => new ChatMessage(ChatRole.System, $"Answer in {}.");
                    public static ChatMessage C(string name) => new ChatMessage(ChatRole.System, string.Format("Reply in {0}.", ));
                    public static ChatMessage D(string name) => new ChatMessage(ChatRole.System, $"<{name}");
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
