using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review63 N4 (Codewrinkles): the app's own message record with a role enum, mapped to the SDK's role in a local
/// (<c>var role = message.Role switch { MessageRole.System =&gt; AuthorRole.System, ... }</c>) before
/// <c>new ChatMessageContent(role, message.Content)</c>. The system writes of the record are prompts, as when the switch
/// arm writes <c>new SystemChatMessage(m.Content)</c> itself; user turns and text that does not instruct are not.
/// </summary>
public class RoleMappedLocalTests
{
    private const string Record = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        namespace Coach;
        public enum MessageRole { User, Assistant, System }
        public sealed record LlmMessage(MessageRole Role, string Content);

        """;

    // The repro (Repro/RoleVariablePromptRecordSk): the System write of the record is the prompt; the user's turn,
    // however much it instructs, is not.
    [Fact]
    public Task A_role_mapped_in_a_switch_local_makes_the_system_write_a_prompt() =>
        VerifyAsync(
            Record + """
            public static class SystemPrompts
            {
                public const string {|#0:CodyCoach|} =
                    "You are Cody, an AI learning coach. Give your actual take first, then explain the reasoning.";
            }
            public sealed class CoachChat
            {
                public List<LlmMessage> Start(string question) => new()
                {
                    new(MessageRole.System, SystemPrompts.CodyCoach),
                    new(MessageRole.User, "Always answer me in French, and never use bullet points."),
                    new LlmMessage(MessageRole.User, question),
                };
            }
            public sealed class SkLlmService
            {
                public ChatHistory ToHistory(IReadOnlyList<LlmMessage> messages)
                {
                    var chatHistory = new ChatHistory();
                    foreach (var message in messages)
                    {
                        var role = message.Role switch
                        {
                            MessageRole.User => AuthorRole.User,
                            MessageRole.Assistant => AuthorRole.Assistant,
                            MessageRole.System => AuthorRole.System,
                            _ => throw new ArgumentOutOfRangeException(nameof(message.Role)),
                        };
                        chatHistory.Add(new ChatMessageContent(role, message.Content));
                    }

                    return chatHistory;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.SystemPrompts.CodyCoach"));

    // The same with ?: and AddMessage, and with Microsoft.Extensions.AI's ChatMessage.
    [Fact]
    public Task A_role_mapped_by_a_conditional_local_makes_the_system_write_a_prompt() =>
        VerifyAsync(
            Record + """
            public sealed class Seed
            {
                public LlmMessage[] Messages() => new[]
                {
                    new LlmMessage(MessageRole.System, {|#0:"You are a release-notes writer. Never invent features."|}),
                    new LlmMessage(MessageRole.User, "Write the notes for 2.1 in three bullet points."),
                };
            }
            public static class Adapters
            {
                public static void Fill(ChatHistory history, IEnumerable<LlmMessage> messages)
                {
                    foreach (var m in messages)
                    {
                        var authorRole = m.Role == MessageRole.System ? AuthorRole.System : AuthorRole.User;
                        history.AddMessage(authorRole, m.Content);
                    }
                }

                public static Microsoft.Extensions.AI.ChatMessage ToMeai(LlmMessage message)
                {
                    var role = message.Role switch
                    {
                        MessageRole.System => Microsoft.Extensions.AI.ChatRole.System,
                        MessageRole.Assistant => Microsoft.Extensions.AI.ChatRole.Assistant,
                        _ => Microsoft.Extensions.AI.ChatRole.User,
                    };
                    return new Microsoft.Extensions.AI.ChatMessage(role, message.Content);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.Seed.Messages"));

    // The mapping written at the argument itself, without a local.
    [Fact]
    public Task A_role_mapped_at_the_argument_makes_the_system_write_a_prompt() =>
        VerifyAsync(
            Record + """
            public sealed class Seed
            {
                public LlmMessage First() => new LlmMessage(MessageRole.System, {|#0:"You are a quiz master. Ask one question at a time."|});
            }
            public static class Adapters
            {
                public static ChatMessageContent Map(LlmMessage m) =>
                    new ChatMessageContent(m.Role switch { MessageRole.System => AuthorRole.System, _ => AuthorRole.User }, m.Content);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.Seed.First"));

    // Correct code beside it: no arm maps the app's System member, the text read is another message's, the local is
    // assigned again, or the arm is guarded. Nothing is known to reach a system slot, so nothing is reported.
    [Fact]
    public Task A_role_local_that_does_not_map_this_messages_system_role_is_not_read() =>
        VerifyAsync(
            Record + """
            public sealed class Seed
            {
                public LlmMessage[] Messages() => new[]
                {
                    new LlmMessage(MessageRole.System, "You are a release-notes writer. Never invent features."),
                };
            }
            public static class Adapters
            {
                public static ChatMessageContent NoSystemArm(LlmMessage message)
                {
                    var role = message.Role switch
                    {
                        MessageRole.Assistant => AuthorRole.Assistant,
                        _ => AuthorRole.User,
                    };
                    return new ChatMessageContent(role, message.Content);
                }

                public static ChatMessageContent OtherMessage(LlmMessage current, LlmMessage previous)
                {
                    var role = current.Role switch
                    {
                        MessageRole.System => AuthorRole.System,
                        _ => AuthorRole.User,
                    };
                    return new ChatMessageContent(role, previous.Content);
                }

                public static ChatMessageContent Reassigned(LlmMessage message, bool demote)
                {
                    var role = message.Role switch
                    {
                        MessageRole.System => AuthorRole.System,
                        _ => AuthorRole.User,
                    };
                    if (demote)
                    {
                        role = AuthorRole.User;
                    }

                    return new ChatMessageContent(role, message.Content);
                }

                public static ChatMessageContent Guarded(LlmMessage message, bool trusted)
                {
                    var role = message.Role switch
                    {
                        MessageRole.System when trusted => AuthorRole.System,
                        _ => AuthorRole.User,
                    };
                    return new ChatMessageContent(role, message.Content);
                }
            }
            """);

    // Half-typed code: no crash, nothing reported.
    [Fact]
    public Task Half_typed_role_switch_does_not_crash() =>
        new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Record + """
                public static class Adapters
                {
                    public static ChatMessageContent Map(LlmMessage message)
                    {
                        var role = message.Role switch { MessageRole.System => AuthorRole., };
                        return new ChatMessageContent(role, message.);
                    }
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
