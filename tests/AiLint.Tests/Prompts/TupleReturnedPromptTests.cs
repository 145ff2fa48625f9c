using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A system prompt returned beside the user's turn in a tuple (<c>var (system, user) = PromptBuilder.Build(topic);
/// messages.Add(new SystemChatMessage(system));</c>): the deconstructed element, or <c>result.System</c> /
/// <c>result.Item1</c> of the held result, is followed back to that element of the tuple the project's method returns,
/// as a returned string is. Quiet: the user element, a deconstructed local written again, and a tuple from a method
/// whose body may be another (virtual, interface).
/// </summary>
public class TupleReturnedPromptTests
{
    [Fact]
    public Task Deconstructed_system_element_of_a_returned_tuple_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Writer;
            public static class PromptBuilder
            {
                private const string {|#1:SystemPrompt|} = "You are a science writer. Explain topics for a ten-year-old.";

                public static (string System, string User) Build(string topic) =>
                    ({|#0:"You are a poet. Always answer in rhyming couplets."|}, $"Write about {topic}.");

                public static (string, string) Explain(string topic)
                {
                    var user = $"Explain {topic}.";
                    return (SystemPrompt, user);
                }
            }

            public sealed class Runner(ChatClient chat)
            {
                public async Task<string> Poem(string topic)
                {
                    var (system, user) = PromptBuilder.Build(topic);
                    var messages = new List<ChatMessage>();
                    messages.Add(new SystemChatMessage(system));
                    messages.Add(new UserChatMessage(user));
                    var reply = await chat.CompleteChatAsync(messages);
                    return reply.Value.Content[0].Text;
                }

                public async Task<string> Explain(string topic)
                {
                    (string system, string user) = PromptBuilder.Explain(topic);
                    var reply = await chat.CompleteChatAsync(new SystemChatMessage(system), new UserChatMessage(user));
                    return reply.Value.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Writer.PromptBuilder.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writer.PromptBuilder.Build"));

    // The held result read by element name and by ItemN.
    [Fact]
    public Task Named_and_numbered_elements_of_a_held_result_are_followed() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Writer;
            public sealed class Prompts
            {
                private static (string System, string User) Build(string topic) =>
                    ({|#0:"You are a careful editor. Never change the meaning of the text."|}, topic);

                public ChatMessage[] Named(string topic)
                {
                    var result = Build(topic);
                    return [new ChatMessage(ChatRole.System, result.System), new ChatMessage(ChatRole.User, result.User)];
                }

                public ChatMessage Numbered(string topic) => new ChatMessage(ChatRole.System, Build(topic).Item1);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Writer.Prompts.Build"));

    [Fact]
    public Task User_element_rewritten_locals_and_virtual_builders_stay_quiet() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Writer;
            public interface IPromptBuilder { (string System, string User) Build(string topic); }
            public class Prompts(IPromptBuilder builder)
            {
                protected virtual (string System, string User) Build(string topic) =>
                    ("You are a careful editor. Never change the meaning of the text.", "Tell me about " + topic + ". Answer in one paragraph.");

                // The user element at a user turn: no slot.
                public ChatMessage User(string topic)
                {
                    var (_, user) = Build(topic);
                    return new ChatMessage(ChatRole.User, user);
                }

                // Written again after the deconstruction.
                public ChatMessage Rewritten(string topic)
                {
                    var (system, user) = ("You are a careful editor. Never change the meaning of the text.", topic);
                    system = Console.ReadLine();
                    return new ChatMessage(ChatRole.System, system);
                }

                // A virtual method or an interface: another body may run.
                public ChatMessage Virtual(string topic) => new ChatMessage(ChatRole.System, Build(topic).System);
                public ChatMessage Contract(string topic) => new ChatMessage(ChatRole.System, builder.Build(topic).System);
            }
            """);

    [Fact]
    public Task Half_typed_tuples_do_not_crash_or_report()
    {
        var test = new AnalyzerTest
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Writer;
                public static class Prompts
                {
                    private static (string System, string User) Build(string topic) => ("You are a careful editor. Never guess.", );

                    public static ChatMessage A(string topic)
                    {
                        var (system, user) = Missing.Build(topic);
                        return new ChatMessage(ChatRole.System, system);
                    }

                    public static ChatMessage B(string topic)
                    {
                        var (system, ) = Build(topic);
                        return new ChatMessage(ChatRole.System, system);
                    }

                    public static ChatMessage C(string topic) => new ChatMessage(ChatRole.System, Build(topic).Item3);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // Nothing complete reaches a slot: no report, no crash.
        return test.RunAsync();
    }
}
