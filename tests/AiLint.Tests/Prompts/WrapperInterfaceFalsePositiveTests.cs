using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0301 through interface wrappers, false-positive hunt. A wrapper's first string parameter is not always the system
/// prompt: it may be a persona name or a template key the implementation looks up, or it may go to the system slot only
/// when a flag says so. Shapes after public chat-service wrappers (<c>IChatService.ChatAsync(string persona, string
/// message)</c>, <c>IPromptService.RunAsync(string templateName, ...)</c>, <c>GetResponseAsync(string text, bool
/// isSystem)</c>, a generic <c>IRepository&lt;T&gt;</c> next to the chat service).
/// </summary>
public class WrapperInterfaceFalsePositiveTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    [Fact]
    public Task A_persona_name_spliced_into_the_implementations_system_prompt_is_not_a_prompt() =>
        VerifyAsync(
            Usings + """
            namespace Personas;
            public static class Names
            {
                public const string Pirate = "a grumpy pirate captain";
            }

            public interface IPersonaChat { Task<string> ChatAsync(string persona, string message); }

            public sealed class PersonaChat(IChatClient client) : IPersonaChat
            {
                public async Task<string> ChatAsync(string persona, string message) =>
                    (await client.GetResponseAsync([
                        new ChatMessage(ChatRole.System, {|#0:$"You are {persona}. Stay in character and answer in two sentences."|}),
                        new ChatMessage(ChatRole.User, message)])).Text;
            }

            public sealed class Tavern(IPersonaChat chat)
            {
                public Task<string> TalkAsync(string text) => chat.ChatAsync(Names.Pirate, text);
            }
            """,
            System.Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Personas.PersonaChat.ChatAsync"));

    [Fact]
    public Task A_callers_prompt_on_its_own_line_before_the_wrappers_rules_is_still_followed() =>
        VerifyAsync(
            Usings + """
            namespace Personas;
            public static class Prompts
            {
                public const string {|#1:Pirate|} = "You are a grumpy pirate captain. Never break character.";
            }

            public interface IPersonaChat { Task<string> ChatAsync(string persona, string message); }

            public sealed class PersonaChat(IChatClient client) : IPersonaChat
            {
                public async Task<string> ChatAsync(string persona, string message) =>
                    (await client.GetResponseAsync([
                        new ChatMessage(ChatRole.System, {|#0:$"{persona}\nAlways answer in two sentences."|}),
                        new ChatMessage(ChatRole.User, message)])).Text;
            }

            public sealed class Tavern(IPersonaChat chat)
            {
                public Task<string> TalkAsync(string text) => chat.ChatAsync(Prompts.Pirate, text);
            }
            """,
            System.Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Personas.Prompts.Pirate"),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Personas.PersonaChat.ChatAsync"));

    [Fact]
    public Task A_template_key_the_implementation_looks_up_is_not_a_prompt() =>
        VerifyAsync(
            Usings + """
            namespace Templates;
            public static class PromptKeys
            {
                public const string Summarize = "summarize-v2";
            }

            public interface IPromptRunner { Task<string> RunAsync(string templateName, string input); }

            public sealed class PromptRunner(IChatClient client, IReadOnlyDictionary<string, string> templates) : IPromptRunner
            {
                public async Task<string> RunAsync(string templateName, string input) =>
                    (await client.GetResponseAsync([
                        new ChatMessage(ChatRole.System, templates[templateName]),
                        new ChatMessage(ChatRole.User, input)])).Text;
            }

            public sealed class Digest(IPromptRunner runner)
            {
                public Task<string> SummarizeAsync(string text) => runner.RunAsync(PromptKeys.Summarize, text);
            }
            """);

    [Fact]
    public Task A_parameter_that_goes_to_the_system_slot_only_under_a_flag_is_not_followed_for_user_text() =>
        VerifyAsync(
            Usings + """
            namespace Flags;
            public static class Texts
            {
                public const string Hello = "Hello! Please tell me what you can help me with today, in detail.";
            }

            public interface IChatGateway { Task<string> SendAsync(string text, bool asSystem); }

            public sealed class ChatGateway(IChatClient client) : IChatGateway
            {
                public async Task<string> SendAsync(string text, bool asSystem)
                {
                    var messages = new List<ChatMessage>();
                    if (asSystem)
                    {
                        messages.Add(new ChatMessage(ChatRole.System, text));
                    }
                    else
                    {
                        messages.Add(new ChatMessage(ChatRole.User, text));
                    }

                    return (await client.GetResponseAsync(messages)).Text;
                }
            }

            public sealed class Greeter(IChatGateway chat)
            {
                public Task<string> GreetAsync() => chat.SendAsync(Texts.Hello, false);
            }
            """);

    [Fact]
    public Task A_generic_repository_interface_next_to_the_chat_service_is_not_a_wrapper() =>
        VerifyAsync(
            Usings + """
            namespace Repos;
            public static class Keys
            {
                public const string {|#0:Instructions|} = "You are a support agent. Answer only from the knowledge base.";
                public const string Default = "default-settings";
            }

            public interface IRepository<T> { Task<T?> GetAsync(string id); }

            public sealed class SettingsRepository(IDictionary<string, string> store) : IRepository<string>
            {
                public Task<string?> GetAsync(string id) => Task.FromResult(store.TryGetValue(id, out var value) ? value : null);
            }

            public interface IChatService { Task<string> AskAsync(string system, string user); }

            public sealed class ChatService(IChatClient client) : IChatService
            {
                public async Task<string> AskAsync(string system, string user) =>
                    (await client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)])).Text;
            }

            public sealed class Support(IRepository<string> settings, IChatService chat)
            {
                public async Task<string> AnswerAsync(string question)
                {
                    var defaults = await settings.GetAsync(Keys.Default);
                    return await chat.AskAsync(Keys.Instructions, question + defaults);
                }
            }
            """,
            System.Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repos.Keys.Instructions"));

    [Fact]
    public Task Half_typed_flag_and_persona_wrappers_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = Usings + """
                namespace Broken;
                public interface IChatGateway { Task<string> SendAsync(string text, bool asSystem); }
                public sealed class ChatGateway(IChatClient client) : IChatGateway
                {
                    public async Task<string> SendAsync(string text, bool asSystem)
                    {
                        if (asSystem &&
                            messages.Add(new ChatMessage(ChatRole.System, $"You are {text}. Stay
                        return (await client.GetResponseAsync(
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
