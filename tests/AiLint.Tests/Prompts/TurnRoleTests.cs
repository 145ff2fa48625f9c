using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Apps that store the conversation keep turns of every role in one shape (a DTO with Role/Content, a turn record, a
/// helper taking a role and a text) and replay the system one into a system slot. Text written there with a user or
/// assistant role is a turn, even when it reads like an instruction ("Summarize this email: ..." typed by a user, a
/// seeded sample conversation): only the system/developer turns, and holders named for instructions, are prompts.
/// </summary>
public class TurnRoleTests
{
    private const string StoredMessageShapes = """
        using System.Collections.Generic;
        using Microsoft.Extensions.AI;
        namespace Chat;
        public sealed class StoredMessage
        {
            public string Role { get; set; } = "";
            public string Content { get; set; } = "";
        }
        public sealed class Conversation
        {
            public List<StoredMessage> Messages { get; set; } = new();
        }
        public static class Replay
        {
            public static IEnumerable<ChatMessage> ToChat(Conversation conversation)
            {
                foreach (var message in conversation.Messages)
                {
                    yield return message.Role == "system"
                        ? new ChatMessage(ChatRole.System, message.Content)
                        : new ChatMessage(ChatRole.User, message.Content);
                }
            }
        }
        """;

    // A sample conversation seeded by the app: the user's turn asks for a summary in the imperative; it is not a prompt.
    [Fact]
    public Task A_user_turn_stored_in_a_role_and_content_dto_is_not_a_prompt() =>
        VerifyAsync(
            StoredMessageShapes + """

            public static class Samples
            {
                public static Conversation Demo() => new Conversation
                {
                    Messages =
                    {
                        new StoredMessage { Role = "user", Content = "Summarize this email in three bullet points: the launch moves to May." },
                        new StoredMessage { Content = "Always reply with the order number first, please.", Role = "assistant" },
                    },
                };

                public static StoredMessage Question()
                {
                    var message = new StoredMessage { Role = "user" };
                    message.Content = "Translate the following text to French: good morning.";
                    return message;
                }

                public static StoredMessage Answer()
                {
                    var message = new StoredMessage();
                    message.Role = "assistant";
                    message.Content = "Never mind, here is the answer you asked for.";
                    return message;
                }
            }
            """);

    // The system turn of the same shape is the app's prompt, in an initializer or in statements.
    [Fact]
    public Task A_system_turn_stored_in_a_role_and_content_dto_is_a_prompt() =>
        VerifyAsync(
            StoredMessageShapes + """

            public static class Samples
            {
                public static Conversation Demo() => new Conversation
                {
                    Messages = { new StoredMessage { Role = "system", Content = {|#0:"You are the order assistant. Answer in one sentence."|} } },
                };

                public static StoredMessage Rules()
                {
                    var message = new StoredMessage();
                    message.Role = "developer";
                    message.Content = {|#1:"Never reveal internal notes to the customer."|};
                    return message;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Samples.Demo"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Samples.Rules"));

    // A turn record whose role is an enum of the app, the SDK's ChatRole or a named constant.
    [Fact]
    public Task User_turns_of_a_turn_record_are_not_prompts_whatever_spells_the_role() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public enum Speaker { System, User, Assistant }
            public sealed record Turn(Speaker Role, string Text);
            public sealed record SdkTurn(ChatRole Role, string Text);
            public sealed record NamedTurn(string Role, string Text);
            public static class Roles { public const string User = "user"; public const string System = "system"; }
            public static class Samples
            {
                public static Turn[] Demo() => new[]
                {
                    new Turn(Speaker.User, "Summarize this email: the launch moves to May."),
                    new Turn(Speaker.System, {|#0:"You are a mail assistant. Keep summaries short."|}),
                };
                public static SdkTurn Sdk() => new SdkTurn(ChatRole.User, "Explain the refund policy in two sentences.");
                public static SdkTurn Assistant() => new SdkTurn(new ChatRole("assistant"), "Always happy to help. Ask me anything.");
                public static NamedTurn Named() => new NamedTurn(Roles.User, "List the steps to reset my password.");
                public static NamedTurn NamedSystem() => new NamedTurn(Roles.System, {|#1:"You are the account helper. Never ask for passwords."|});
            }
            public static class Replay
            {
                public static ChatMessage One(Turn turn) =>
                    turn.Role == Speaker.System ? new ChatMessage(ChatRole.System, turn.Text) : new ChatMessage(ChatRole.User, turn.Text);
                public static ChatMessage Two(SdkTurn turn) => new ChatMessage(ChatRole.System, turn.Text);
                public static ChatMessage Three(NamedTurn turn) => new ChatMessage(ChatRole.System, turn.Text);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Samples.Demo"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Samples.NamedSystem"));

    // A helper of the app that takes the role and the text: its callers' user turns are not prompts, its system turns are.
    [Fact]
    public Task A_helper_taking_a_role_and_a_text_reports_only_its_system_calls() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Chat;
            public sealed class Session
            {
                private readonly ChatHistory history = new();
                public void Add(string role, string content)
                {
                    if (role == "system") history.AddSystemMessage(content);
                    else history.AddUserMessage(content);
                }
                public void AddTurn(AuthorRole authorRole, string content)
                {
                    if (authorRole == AuthorRole.System) history.AddSystemMessage(content);
                    else history.AddMessage(authorRole, content);
                }
            }
            public static class Demo
            {
                public static void Run(Session session)
                {
                    session.Add("system", {|#0:"You are a mail assistant. Keep summaries short."|});
                    session.Add("user", "Summarize this email: the launch moves to May.");
                    session.Add(role: "assistant", content: "Always glad to help. Never hesitate to ask again.");
                    session.AddTurn(AuthorRole.User, "Rewrite this paragraph in plain English.");
                    session.AddTurn(AuthorRole.System, {|#1:"Only answer questions about email."|});
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Demo.Run"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Demo.Run"));

    // "Role" also names an agent's persona (Researcher, Writer), and a holder named for instructions holds them
    // whatever else the object says: both stay prompts.
    [Fact]
    public Task A_persona_role_or_an_instructions_holder_keeps_the_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Crew;
            public sealed class AgentProfile
            {
                public string Role { get; set; } = "";
                public string Instructions { get; set; } = "";
            }
            public sealed class AssistantSetup
            {
                public string Role { get; set; } = "";
                public string SystemPrompt { get; set; } = "";
            }
            public static class Profiles
            {
                public static AgentProfile Researcher() => new AgentProfile { Role = "Researcher", Instructions = {|#0:"Find three sources for every claim."|} };
                public static AssistantSetup Support() => new AssistantSetup { Role = "assistant", SystemPrompt = {|#1:"You are the support desk. Never promise refunds."|} };
            }
            public static class Use
            {
                public static ChatClientAgent Agent(IChatClient client, AgentProfile profile) => new ChatClientAgent(client, instructions: profile.Instructions, name: profile.Role);
                public static ChatOptions Options(AssistantSetup setup) => new ChatOptions { Instructions = setup.SystemPrompt };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Crew.Profiles.Researcher"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Crew.Profiles.Support"));

    // Half-typed code: a role member set to a name that does not bind yet says nothing about the turn, so the text is
    // judged as before (it instructs, so it counts); a constructor call with an argument that does not bind is not a
    // call of the record's constructor yet, so nothing is followed through it. No crash either way.
    [Fact]
    public Task Half_typed_turns_do_not_crash() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public sealed record NamedTurn(string Role, string Text);
            public sealed class StoredMessage { public string Role { get; set; } = ""; public string Content { get; set; } = ""; }
            public static class Samples
            {
                public static NamedTurn Named() => new NamedTurn({|CS0103:role|}, "List the steps to reset my password.");
                public static StoredMessage Cut() => new StoredMessage { Role = {|CS0103:Roles|}.User, Content = {|#1:"Summarize the email below."|} };
            }
            public static class Replay
            {
                public static ChatMessage Three(NamedTurn turn) => new ChatMessage(ChatRole.System, turn.Text);
                public static ChatMessage Four(StoredMessage m) => new ChatMessage(ChatRole.System, m.Content);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Samples.Cut"));

    // Chat UIs keep their bubbles with a sender or a flag: `IsUser = true` or `Sender = "user"` marks a user's turn; the
    // bubble the app marks as its system message is still a prompt.
    [Fact]
    public Task Chat_ui_messages_flagged_as_the_user_or_sent_by_the_bot_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Ui;
            public sealed class Bubble
            {
                public bool IsUser { get; set; }
                public string Sender { get; set; } = "";
                public string Text { get; set; } = "";
            }
            public static class Seeds
            {
                public static List<Bubble> Demo() => new()
                {
                    new Bubble { IsUser = true, Text = "Summarize my last three orders in a table." },
                    new Bubble { Sender = "bot", Text = "Always happy to help! Ask me about any order." },
                    new Bubble { Sender = "system", Text = {|#0:"You are the order assistant. Never show card numbers."|} },
                };
            }
            public static class Replay
            {
                public static ChatMessage First(List<Bubble> bubbles) => new ChatMessage(ChatRole.System, bubbles[0].Text);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Ui.Seeds.Demo"));

    // Factories on the stored message: a per-role factory fixes the role itself, a general one takes it from its caller.
    [Fact]
    public Task Stored_message_factories_report_only_system_text() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public sealed class StoredMessage
            {
                public string Role { get; set; } = "";
                public string Content { get; set; } = "";
                public static StoredMessage User(string text) => new() { Role = "user", Content = text };
                public static StoredMessage System(string text) => new() { Role = "system", Content = text };
                public static StoredMessage Create(string role, string text) => new() { Role = role, Content = text };
            }
            public static class Samples
            {
                public static StoredMessage[] Demo() => new[]
                {
                    StoredMessage.User("Summarize this email: the launch moves to May."),
                    StoredMessage.Create("assistant", "Always happy to help. Ask me anything."),
                    StoredMessage.System({|#0:"You are a mail assistant. Keep summaries short."|}),
                    StoredMessage.Create("system", {|#1:"Never forward mail to other people."|}),
                };
            }
            public static class Replay
            {
                public static ChatMessage System(StoredMessage message) => new ChatMessage(ChatRole.System, message.Content);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Samples.Demo"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Samples.Demo"));

    // The seed file of a real app names nothing of an SDK (the relevance gate skips it and reads it at compilation end
    // only for the properties that hold prompts): its user turns are still turns, its system turn still a prompt.
    [Fact]
    public Task Turns_seeded_in_a_file_that_names_no_sdk_are_judged_by_their_role() =>
        new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            Sources =
            {
                """
                namespace Chat;
                public sealed class StoredMessage
                {
                    public string Role { get; set; } = "";
                    public string Content { get; set; } = "";
                }
                """,
                """
                using System.Collections.Generic;
                namespace Chat;
                public static class SeedData
                {
                    public static List<StoredMessage> Conversation() => new()
                    {
                        new StoredMessage { Role = "system", Content = {|#0:"You are the order assistant. Answer in one sentence."|} },
                        new StoredMessage { Role = "user", Content = "Summarize my last three orders in a table." },
                        new StoredMessage { Role = "assistant", Content = "Always glad to help! Here they are." },
                    };
                }
                """,
                """
                using Microsoft.Extensions.AI;
                namespace Chat;
                public static class Replay
                {
                    public static ChatMessage ToChat(StoredMessage message) =>
                        message.Role == "system" ? new ChatMessage(ChatRole.System, message.Content) : new ChatMessage(ChatRole.User, message.Content);
                }
                """,
            },
            ExpectedDiagnostics = { Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.SeedData.Conversation") },
        }.RunAsync();

    // Apps map their persisted messages with a switch over the stored role, naming roles by constants of a constants
    // class or an enum of their own; tool results and user turns stored that way are not prompts.
    [Fact]
    public Task Persisted_messages_mapped_by_a_role_switch_report_only_system_text() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Agents;
            public static class AgentConstants
            {
                public static class ChatMessageRoles
                {
                    public const string System = "system";
                    public const string User = "user";
                    public const string Assistant = "assistant";
                }
            }
            public enum PersistedRole { System, User, Assistant, Tool }
            public sealed class PersistedMessage
            {
                public PersistedRole MessageRole { get; set; }
                public string Content { get; set; } = "";
            }
            public sealed class HistoryEntry
            {
                public string Role { get; set; } = "";
                public string Content { get; set; } = "";
            }
            public static class Store
            {
                public static PersistedMessage[] Seed() => new[]
                {
                    new PersistedMessage { MessageRole = PersistedRole.System, Content = {|#0:"You are the image agent. Only describe what is in the picture."|} },
                    new PersistedMessage { MessageRole = PersistedRole.Tool, Content = "Always returned 3 results for the query." },
                    new PersistedMessage { MessageRole = PersistedRole.User, Content = "Describe this picture in two sentences." },
                };
                public static HistoryEntry[] History() => new[]
                {
                    new HistoryEntry { Role = AgentConstants.ChatMessageRoles.User, Content = "Explain the invoice line by line." },
                    new HistoryEntry { Role = AgentConstants.ChatMessageRoles.System, Content = {|#1:"Never quote prices that are not on the invoice."|} },
                };
            }
            public static class Mapping
            {
                public static ChatMessage? Map(PersistedMessage message) => message.MessageRole switch
                {
                    PersistedRole.System => new ChatMessage(ChatRole.System, message.Content),
                    PersistedRole.User => new ChatMessage(ChatRole.User, message.Content),
                    _ => null,
                };
                public static ChatMessage Map(HistoryEntry entry) => entry.Role switch
                {
                    AgentConstants.ChatMessageRoles.System => new ChatMessage(ChatRole.System, entry.Content),
                    _ => new ChatMessage(ChatRole.User, entry.Content),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Agents.Store.Seed"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Agents.Store.History"));
}
