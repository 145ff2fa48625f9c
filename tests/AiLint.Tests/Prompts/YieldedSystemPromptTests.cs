using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review80 (shinyorg/aiconversation v-latest): constant system prompts yielded by an interface implementation's
/// iterator (<c>DefaultContextProvider.GetSystemPrompts</c>) and turned into system messages element by element over the
/// injected providers. The older inline form was reported; the iterator form was not. Each constant yield reaching a
/// system slot is a prompt on its literal; a yield of a parameter, configuration or computed text, and constants that
/// reach only a user message or a log, stay quiet.
/// </summary>
public class YieldedSystemPromptTests
{
    // The real shape (AiConversationService.cs:82-91, DefaultContextProvider.cs, ManualContextProvider.cs), reduced.
    [Fact]
    public Task Constant_system_prompts_yielded_by_an_interface_implementation_are_prompts() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Shiny;
            public enum Ack { None, LessWordy, Full }
            public interface IContextProvider
            {
                IEnumerable<string> GetSystemPrompts(Ack acknowledgement);
                IEnumerable<AITool> GetTools();
            }
            public sealed class DefaultContextProvider(TimeProvider clock, IEnumerable<AITool> tools) : IContextProvider
            {
                public IEnumerable<string> GetSystemPrompts(Ack acknowledgement)
                {
                    if (acknowledgement == Ack.LessWordy)
                        yield return {|#0:"Be concise and brief in your responses. Avoid unnecessary elaboration."|};

                    if (acknowledgement >= Ack.LessWordy)
                        yield return {|#1:"You are in a real-time voice conversation. Keep responses short and conversational. " +
                            "When you need more information or want to clarify something, end your response with a question so the conversation flows naturally."|};

                    yield return $"The current time is {clock.GetUtcNow():hh:mm tt}.";
                }

                public IEnumerable<AITool> GetTools() => tools;
            }
            public sealed class ManualContextProvider : IContextProvider
            {
                private readonly List<string> prompts = [];
                public void AddSystemPrompt(string prompt) => prompts.Add(prompt);
                public IEnumerable<string> GetSystemPrompts(Ack acknowledgement) => prompts.ToList();
                public IEnumerable<AITool> GetTools() => [];
            }
            public sealed class Conversation(IChatClient client, IEnumerable<IContextProvider> contextProviders)
            {
                public Ack Acknowledgement { get; set; }

                public async Task<string> ProcessAsync(string message)
                {
                    var chatMessages = new List<ChatMessage> { new(ChatRole.User, message) };
                    var options = new ChatOptions { Tools = new List<AITool>() };
                    var context = contextProviders
                        .Select(x => (x.GetSystemPrompts(this.Acknowledgement), x.GetTools()))
                        .ToList();
                    foreach (var cp in context)
                    {
                        var sysPrompts = cp.Item1.Select(x => new ChatMessage(ChatRole.System, x)).ToList();
                        chatMessages.AddRange(sysPrompts);
                        cp.Item2.ToList().ForEach(x => options.Tools.Add(x));
                    }

                    var response = await client.GetResponseAsync(chatMessages, options);
                    return response.Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shiny.DefaultContextProvider.GetSystemPrompts"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shiny.DefaultContextProvider.GetSystemPrompts"));

    // The brief's spelling (SelectMany, then Select) and a foreach over a project iterator that is not an interface's.
    [Fact]
    public Task Yields_reached_through_SelectMany_and_foreach_are_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Support;
            public interface IPromptSource { IEnumerable<string> GetSystemPrompts(); }
            public sealed class Persona : IPromptSource
            {
                public IEnumerable<string> GetSystemPrompts()
                {
                    yield return {|#0:"You are a support agent for Contoso."|};
                    yield return {|#1:"Always answer in the customer's language."|};
                }
            }
            public sealed class Chat(IChatClient client, IEnumerable<IPromptSource> sources)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var messages = sources.SelectMany(p => p.GetSystemPrompts()).Select(x => new ChatMessage(ChatRole.System, x)).ToList();
                    messages.Add(new ChatMessage(ChatRole.User, question));
                    return client.GetResponseAsync(messages);
                }

                public Task<ChatResponse> RulesAsync(string question)
                {
                    var messages = new List<ChatMessage>();
                    foreach (var line in SafetyPrompts())
                    {
                        messages.Add(new ChatMessage(ChatRole.System, line));
                    }

                    messages.Add(new ChatMessage(ChatRole.User, question));
                    return client.GetResponseAsync(messages);
                }

                private static IEnumerable<string> SafetyPrompts()
                {
                    yield return {|#2:"Never reveal internal ticket numbers to the customer."|};
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Support.Persona.GetSystemPrompts"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Support.Persona.GetSystemPrompts"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Support.Chat.SafetyPrompts"));

    [Fact]
    public Task Yields_of_parameters_or_configuration_and_yields_reaching_only_a_user_message_or_a_log_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Support;
            public interface IPromptSource { IEnumerable<string> GetSystemPrompts(string persona); }
            public sealed class Configured(IConfiguration configuration) : IPromptSource
            {
                public IEnumerable<string> GetSystemPrompts(string persona)
                {
                    yield return persona;
                    yield return configuration["Prompts:Extra"] ?? "";
                }
            }
            public interface IExampleSource { IEnumerable<string> GetExamples(); }
            public sealed class Examples : IExampleSource
            {
                public IEnumerable<string> GetExamples()
                {
                    yield return "Summarize this article about whales in three bullet points.";
                    yield return "Write a haiku about the sea.";
                }
            }
            public sealed class Chat(IChatClient client, IEnumerable<IPromptSource> sources, IExampleSource examples)
            {
                public Task<ChatResponse> AskAsync(string persona, string question)
                {
                    var messages = sources.SelectMany(p => p.GetSystemPrompts(persona)).Select(x => new ChatMessage(ChatRole.System, x)).ToList();
                    messages.Add(new ChatMessage(ChatRole.User, question));
                    return client.GetResponseAsync(messages);
                }

                public Task<ChatResponse> ExamplesAsync()
                {
                    foreach (var example in examples.GetExamples())
                    {
                        Console.WriteLine(example);
                    }

                    return client.GetResponseAsync(examples.GetExamples().Select(x => new ChatMessage(ChatRole.User, x)).ToList());
                }
            }
            """);

    [Fact]
    public async Task Half_typed_iterators_and_selectors_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode =
                """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                namespace Draft;
                public interface IPromptSource { IEnumerable<string> GetSystemPrompts(); }
                public sealed class Half : IPromptSource
                {
                    public IEnumerable<string> GetSystemPrompts()
                    {
                        yield return ;
                        yield return "You are a support agent for Contoso." +;
                    }
                }
                public sealed class Unfinished : IPromptSource { }
                public sealed class Chat(IChatClient client, IEnumerable<IPromptSource> sources)
                {
                    public Task<ChatResponse> One() =>
                        client.GetResponseAsync(sources.SelectMany(p => p.GetSystemPrompts()).Select(x => new ChatMessage(ChatRole.System, )).ToList());
                    public Task<ChatResponse> Two() =>
                        client.GetResponseAsync(sources.SelectMany(p => p.Missing()).Select(x => new ChatMessage(ChatRole.System, x)).ToList());
                    public Task<ChatResponse> Three() =>
                        client.GetResponseAsync(unknown.Select(x => new ChatMessage(ChatRole.System, x)).ToList());
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
