using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A system prompt handed to a chat wrapper through its interface, as DI'd services are called:
/// <c>IChatService.AskAsync(Prompts.Triage, text)</c> where the registered implementation puts the parameter into a
/// system message. Followed only when every implementation in the project (or the only one) does so.
/// Shapes after public apps: <c>GenerateAsync(string systemPrompt, string userPrompt)</c>,
/// <c>CompleteAsync(string userMessage, string? systemPrompt = null)</c>, an abstract provider base class.
/// </summary>
public class WrapperInterfacePromptTests
{
    private const string Prompts = """
        namespace Triage;
        public static class Prompts
        {
            public const string {|#0:Classify|} = "You are a classifier. Reply only with SPAM or HAM.";
            public const string Greeting = "Hello! Please classify the message below for me.";
        }
        """;

    [Fact]
    public Task A_call_through_the_interface_of_the_only_implementation_is_a_prompt() =>
        VerifyAsync(
            Prompts + """

            public interface IChatService { System.Threading.Tasks.Task<string> AskAsync(string system, string user); }

            internal sealed class ChatService(OpenAI.Chat.ChatClient chat) : IChatService
            {
                public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage(system), new OpenAI.Chat.UserChatMessage(user)]);
                    return completion.Value.Content[0].Text;
                }
            }

            public sealed class Inbox(IChatService chat)
            {
                public System.Threading.Tasks.Task<string> ClassifyAsync(string text) => chat.AskAsync(Prompts.Classify, text);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Triage.Prompts.Classify"));

    [Fact]
    public Task The_interface_call_is_covered_by_the_eval_case_of_the_constant() =>
        VerifyAsync(
            Prompts.Replace("{|#0:Classify|}", "Classify", StringComparison.Ordinal) + """

            public interface IChatService { System.Threading.Tasks.Task<string> AskAsync(string system, string user); }

            internal sealed class ChatService(OpenAI.Chat.ChatClient chat) : IChatService
            {
                public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage(system), new OpenAI.Chat.UserChatMessage(user)]);
                    return completion.Value.Content[0].Text;
                }
            }

            public sealed class Inbox(IChatService chat)
            {
                public System.Threading.Tasks.Task<string> ClassifyAsync(string text) => chat.AskAsync(Prompts.Classify, text);
            }
            """,
            ("evals/triage.evals.jsonl", Case("Triage.Prompts.Classify", rule: "Reply only with SPAM or HAM.")));

    [Fact]
    public Task An_optional_system_prompt_parameter_of_an_interface_and_an_abstract_provider_base_are_followed() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Docs;
            public static class Prompts
            {
                public const string {|#0:Answer|} = "Answer only from the provided documents. Say you do not know otherwise.";
                public const string {|#1:Title|} = "Write a five-word title for the conversation. Never use quotes.";
            }

            public interface IDocumentChat
            {
                Task<string> CompleteAsync(string userMessage, string? systemPrompt = null, CancellationToken ct = default);
            }

            public sealed class DocumentChat(IChatClient client) : IDocumentChat
            {
                public async Task<string> CompleteAsync(string userMessage, string? systemPrompt = null, CancellationToken ct = default)
                {
                    var messages = new List<ChatMessage>();
                    if (systemPrompt is not null)
                    {
                        messages.Add(new ChatMessage(ChatRole.System, systemPrompt));
                    }

                    messages.Add(new ChatMessage(ChatRole.User, userMessage));
                    return (await client.GetResponseAsync(messages, cancellationToken: ct)).Text;
                }
            }

            public abstract class LlmProvider
            {
                public abstract Task<string> GenerateAsync(string systemPrompt, string userPrompt);
            }

            public sealed class OpenAiProvider(IChatClient client) : LlmProvider
            {
                public override async Task<string> GenerateAsync(string systemPrompt, string userPrompt) =>
                    (await client.GetResponseAsync([new ChatMessage(ChatRole.System, systemPrompt), new ChatMessage(ChatRole.User, userPrompt)])).Text;
            }

            public sealed class Endpoints(IDocumentChat chat, LlmProvider provider)
            {
                public Task<string> AskAsync(string question) => chat.CompleteAsync(question, Prompts.Answer);
                public Task<string> TitleAsync(string history) => provider.GenerateAsync(Prompts.Title, history);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Docs.Prompts.Answer"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Docs.Prompts.Title"));

    [Fact]
    public Task A_caching_decorator_that_hands_the_parameter_on_does_not_hide_the_prompt() =>
        VerifyAsync(
            Prompts + """

            public interface IChatService { System.Threading.Tasks.Task<string> AskAsync(string system, string user); }

            public sealed class ChatService(OpenAI.Chat.ChatClient chat) : IChatService
            {
                public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage(system), new OpenAI.Chat.UserChatMessage(user)]);
                    return completion.Value.Content[0].Text;
                }
            }

            public sealed class CachedChatService(IChatService inner) : IChatService
            {
                private readonly System.Collections.Generic.Dictionary<string, string> cache = new();

                public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    if (cache.TryGetValue(user, out var hit)) return hit;
                    return cache[user] = await inner.AskAsync(system, user);
                }
            }

            public sealed class Inbox(IChatService chat)
            {
                public System.Threading.Tasks.Task<string> ClassifyAsync(string text) => chat.AskAsync(Prompts.Classify, text);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Triage.Prompts.Classify"));

    [Fact]
    public Task An_interface_with_an_implementation_that_sends_the_parameter_as_the_user_turn_is_not_followed() =>
        VerifyAsync(
            Prompts.Replace("{|#0:Classify|}", "Classify", StringComparison.Ordinal) + """

            public interface IChatService { System.Threading.Tasks.Task<string> AskAsync(string system, string user); }

            public sealed class OpenAIChatService(OpenAI.Chat.ChatClient chat) : IChatService
            {
                public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage(system), new OpenAI.Chat.UserChatMessage(user)]);
                    return completion.Value.Content[0].Text;
                }
            }

            // A model without system messages: the "system" text is sent as the first user turn.
            public sealed class PlainChatService(OpenAI.Chat.ChatClient chat) : IChatService
            {
                public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.UserChatMessage(system + "\n\n" + user)]);
                    return completion.Value.Content[0].Text;
                }
            }

            public sealed class Inbox(IChatService chat)
            {
                public System.Threading.Tasks.Task<string> ClassifyAsync(string text) => chat.AskAsync(Prompts.Classify, text);
            }
            """);

    [Fact]
    public Task A_constant_passed_to_the_user_message_parameter_of_the_interface_is_not_a_prompt() =>
        VerifyAsync(
            Prompts.Replace("{|#0:Classify|}", "Classify", StringComparison.Ordinal) + """

            public interface IChatService { System.Threading.Tasks.Task<string> AskAsync(string system, string user); }

            internal sealed class ChatService(OpenAI.Chat.ChatClient chat) : IChatService
            {
                public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage(system), new OpenAI.Chat.UserChatMessage(user)]);
                    return completion.Value.Content[0].Text;
                }
            }

            public sealed class Inbox(IChatService chat)
            {
                public System.Threading.Tasks.Task<string> GreetAsync(string persona) => chat.AskAsync(persona, Prompts.Greeting);
            }
            """);

    [Fact]
    public Task A_virtual_implementation_that_a_subclass_may_override_is_not_followed() =>
        VerifyAsync(
            Prompts.Replace("{|#0:Classify|}", "Classify", StringComparison.Ordinal) + """

            public interface IChatService { System.Threading.Tasks.Task<string> AskAsync(string system, string user); }

            public class ChatService(OpenAI.Chat.ChatClient chat) : IChatService
            {
                public virtual async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                {
                    var completion = await chat.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage(system), new OpenAI.Chat.UserChatMessage(user)]);
                    return completion.Value.Content[0].Text;
                }
            }

            public sealed class Inbox(IChatService chat)
            {
                public System.Threading.Tasks.Task<string> ClassifyAsync(string text) => chat.AskAsync(Prompts.Classify, text);
            }
            """);

    [Fact]
    public Task Half_typed_interface_and_implementation_do_not_crash() =>
        new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                namespace Triage;
                public interface IChatService { System.Threading.Tasks.Task<string> AskAsync(string system, string user) }
                public sealed class ChatService(OpenAI.Chat.ChatClient chat) : IChatService, IMissing
                {
                    public async System.Threading.Tasks.Task<string> AskAsync(string system, string user)
                    {
                        var completion = await chat.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage(system)
                    }
                }
                public sealed class Inbox(IChatService chat)
                {
                    public System.Threading.Tasks.Task<string> ClassifyAsync(string text) => chat.AskAsync({|#0:"You are a classifier. Reply only with SPAM or HAM."|}, text;
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
            ExpectedDiagnostics = { Diagnostic("AIL0301").WithLocation(0).WithArguments("Triage.Inbox.ClassifyAsync") },
        }.RunAsync();
}
