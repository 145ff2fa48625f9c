using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Shapes of public .NET LLM apps read through the search corpus: Semantic Kernel's execution settings system prompt,
/// agent factories the app wraps, prompt catalogs used from other classes and files, and the data real apps pass at
/// system slots next to their prompts (sources, examples, tool results, short status lines).
/// </summary>
public class RealAppPromptShapesTests
{
    // Semantic Kernel console and plugin samples set the system prompt on the OpenAI execution settings that the
    // connector puts first in the history.
    [Fact]
    public Task Kernel_execution_settings_system_prompt_is_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            namespace Announcer;
            public static class Settings
            {
                private const string {|#1:Developer|} = "Only answer questions about baseball.";
                public static KernelArguments Play() => new KernelArguments(new OpenAIPromptExecutionSettings
                {
                    FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
                    ChatSystemPrompt = {|#0:"You are a sports announcer. Summarize the game play by play."|},
                });

            #pragma warning disable SKEXP0010 // ChatDeveloperPrompt is marked experimental
                public static OpenAIPromptExecutionSettings Dev() => new OpenAIPromptExecutionSettings { ChatDeveloperPrompt = Developer };
            #pragma warning restore SKEXP0010
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Announcer.Settings.Play"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Announcer.Settings.Developer"));

    // Next to it: a system prompt from configuration, a data sentence, and the settings' other strings.
    [Fact]
    public Task Kernel_execution_settings_from_configuration_data_or_ids_are_not_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.Configuration;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            namespace Announcer;
            public static class Settings
            {
                public static OpenAIPromptExecutionSettings Configured(IConfiguration configuration) =>
                    new OpenAIPromptExecutionSettings { ChatSystemPrompt = configuration["SystemPrompt"], Temperature = 0.1 };
                public static OpenAIPromptExecutionSettings Dated(string name) =>
                    new OpenAIPromptExecutionSettings { ChatSystemPrompt = $"The user's name is {name}.", ServiceId = "gpt-4o", User = "user-1" };
            }
            """);

    // Apps wrap agent creation in an extension of their own; the instructions flow through its parameter to the
    // agent, and the literal the caller passes is the prompt. A helper of the same name that puts the text elsewhere
    // (a description, a log line) makes no prompt.
    [Fact]
    public Task An_app_agent_factory_is_followed_through_its_parameter() =>
        VerifyAsync(
            """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Gym;
            public static class AgentFactory
            {
                public static ChatClientAgent CreateAIAgent(this IChatClient client, string instructions, string name) =>
                    new ChatClientAgent(client, instructions: instructions, name: name);

                public static ChatClientAgent AsAIAgent(this IChatClient client, string instructions) =>
                    new ChatClientAgent(client, name: "Helper", description: instructions);
            }
            public static class Trainer
            {
                public static ChatClientAgent Coach(IChatClient client) =>
                    client.CreateAIAgent({|#0:"You are a personal trainer. Only answer questions about fitness."|}, "GymBrah");
                public static ChatClientAgent Described(IChatClient client) =>
                    AgentFactory.AsAIAgent(client, "Answers questions about the gym's opening hours.");
                public static ChatClientAgent Sdk(IChatClient client) =>
                    client.AsAIAgent(instructions: {|#1:"You are good at telling jokes."|}, name: "Joker");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Gym.Trainer.Coach"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Gym.Trainer.Sdk"));

    // Agent apps add middleware before building the agent (telemetry, function invocation), then pass the
    // instructions to BuildAIAgent; the agent's name and description next to them are not prompts, nor is an agent
    // built without instructions or with configured ones.
    [Fact]
    public Task Instructions_of_an_agent_built_from_a_chat_client_builder_are_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Jokes;
            public static class Agents
            {
                public static ChatClientAgent Joker(IChatClient client) =>
                    client.AsBuilder().UseFunctionInvocation().BuildAIAgent(instructions: {|#0:"You are good at telling jokes. Keep them short."|}, name: "Joker", description: "Tells jokes.");
                public static ChatClientAgent Plain(IChatClient client) => client.AsBuilder().BuildAIAgent(name: "Plain");
                public static ChatClientAgent Configured(IChatClient client, IConfiguration configuration) =>
                    client.AsBuilder().BuildAIAgent(instructions: configuration["Agent:Instructions"]);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Jokes.Agents.Joker"));

    // Semantic Kernel's developer message takes the system message's place for reasoning models; user and assistant
    // messages next to it are not prompts.
    [Fact]
    public Task Kernel_developer_messages_are_prompts_and_other_roles_are_not() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Reasoning;
            public static class History
            {
                public static ChatHistory Start(string question)
                {
                    var history = new ChatHistory();
                    history.AddDeveloperMessage({|#0:"Think step by step. Never reveal the hidden reasoning."|});
                    history.AddMessage(AuthorRole.Developer, {|#1:"Answer with one paragraph only."|});
                    history.Add(new ChatMessageContent(AuthorRole.Developer, {|#2:"You are a careful math tutor."|}));
                    history.AddUserMessage(question);
                    history.AddAssistantMessage("You are right, let me check that again.");
                    history.AddMessage(AuthorRole.User, "Always answer in French, please.");
                    return history;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Reasoning.History.Start"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Reasoning.History.Start"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Reasoning.History.Start"));

    // Multi-agent apps keep a catalog of agent specs (a record, or a class with a primary constructor) built in one
    // place and turned into agents in another: the text each spec is given for its instructions is a prompt. The
    // names next to it, a spec filled from configuration, and the chat turns of other roles a turn record carries are
    // not (text given to a property counts only when it instructs).
    [Fact]
    public Task Instructions_given_to_an_agent_spec_record_are_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Agents;
            public sealed record AgentSpec(string Name, string Instructions);
            public sealed class WriterSpec(string name, string instructions)
            {
                public string Name { get; } = name;
                public string Instructions { get; } = instructions;
            }
            public sealed record Turn(string Role, string Text);
            public static class Catalog
            {
                public static readonly AgentSpec[] All =
                {
                    new AgentSpec("Billing", {|#0:"You handle billing questions. Never promise refunds."|}),
                    new("Triage", {|#1:"Find the agent that fits the user's question."|}),
                };

                public static WriterSpec Writer() => new WriterSpec("Writer", {|#2:"You are a copywriter. Keep every answer under 50 words."|});
                public static AgentSpec Configured(IConfiguration configuration) => new AgentSpec("Support", configuration["Agents:Support"]!);
                public static Turn Welcome() => new Turn("assistant", "Hi there! How can I help with your order today?");
                public static Turn Seed() => new Turn("system", {|#3:"You are the order assistant. Answer in one sentence."|});
            }
            public static class Factory
            {
                public static IEnumerable<ChatClientAgent> Create(IChatClient client, IEnumerable<AgentSpec> specs)
                {
                    foreach (var spec in specs)
                    {
                        yield return new ChatClientAgent(client, instructions: spec.Instructions, name: spec.Name);
                    }
                }

                public static ChatClientAgent Writer(IChatClient client, WriterSpec spec) => new ChatClientAgent(client, instructions: spec.Instructions, name: spec.Name);
                public static ChatMessage Replay(Turn turn) =>
                    turn.Role == "system" ? new ChatMessage(ChatRole.System, turn.Text) : new ChatMessage(ChatRole.User, turn.Text);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Agents.Catalog.All"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Agents.Catalog.All"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Agents.Catalog.Writer"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Agents.Catalog.Seed"));

    // The same catalog as settable properties: the text the app assigns in an object initializer or a statement is a
    // prompt. Empty resets, configuration, names and a user-turn view model are not.
    [Fact]
    public Task Text_assigned_to_a_settable_instructions_property_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Agents;
            public sealed class AgentConfig
            {
                public string Name { get; set; } = "";
                public string Instructions { get; set; } = "";
            }
            public sealed class BotOptions
            {
                public string SystemPrompt { get; set; } = string.Empty;
            }
            public sealed class TurnViewModel
            {
                public string Text { get; set; } = "";
            }
            public sealed class StoredMessage
            {
                public string Role { get; set; } = "";
                public string Content { get; set; } = "";
            }
            public static class Setup
            {
                public static List<AgentConfig> Agents() => new()
                {
                    new AgentConfig { Name = "Billing", Instructions = {|#0:"You handle billing questions. Never promise refunds."|} },
                };

                public static BotOptions Defaults()
                {
                    var options = new BotOptions();
                    options.SystemPrompt = {|#1:"You are a concise support bot."|};
                    return options;
                }

                public static BotOptions FromConfiguration(IConfiguration configuration) =>
                    new BotOptions { SystemPrompt = configuration["Bot:SystemPrompt"] ?? "" };

                public static void Reset(BotOptions options) => options.SystemPrompt = string.Empty;

                public static TurnViewModel Greeting() => new TurnViewModel { Text = "Always ask me anything, I am here to help!" };
                public static StoredMessage Welcome() => new StoredMessage { Role = "assistant", Content = "Hi there! How can I help with your order today?" };
                public static StoredMessage Seed() => new StoredMessage { Role = "system", Content = {|#2:"You are the order assistant. Answer in one sentence."|} };
            }
            public static class Use
            {
                public static ChatClientAgent Agent(IChatClient client, AgentConfig config) => new ChatClientAgent(client, instructions: config.Instructions, name: config.Name);
                public static ChatOptions Options(BotOptions options) => new ChatOptions { Instructions = options.SystemPrompt };
                public static ChatMessage Turn(TurnViewModel turn) => new ChatMessage(ChatRole.User, turn.Text);
                public static ChatMessage Stored(StoredMessage message) =>
                    message.Role == "system" ? new ChatMessage(ChatRole.System, message.Content) : new ChatMessage(ChatRole.User, message.Content);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Agents.Setup.Agents"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Agents.Setup.Defaults"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Agents.Setup.Seed"));

    // In a real app the options class, the setup that fills it and the service that reads it are three files; the
    // setup file names nothing of an SDK.
    [Fact]
    public Task Text_assigned_to_a_settings_property_in_another_file_is_a_prompt() =>
        new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            Sources =
            {
                """
                namespace Bot;
                public sealed class BotOptions
                {
                    public string SystemPrompt { get; set; } = string.Empty;
                    public string Greeting { get; set; } = string.Empty;
                }
                """,
                """
                namespace Bot;
                public static class Setup
                {
                    public static BotOptions Defaults() => new BotOptions
                    {
                        SystemPrompt = {|AIL0301:"You are the pizza shop's order bot. Only take orders for items on the menu."|},
                        Greeting = "Welcome! What would you like to order today?",
                    };
                }
                """,
                """
                using Microsoft.Extensions.AI;
                namespace Bot;
                public sealed class OrderBot(BotOptions options)
                {
                    public ChatOptions Chat() => new ChatOptions { Instructions = options.SystemPrompt };
                    public ChatMessage Hello() => new ChatMessage(ChatRole.Assistant, options.Greeting);
                }
                """,
            },
        }.RunAsync();

    // Semantic Kernel's docs add the system message with the role and content in an object initializer; OllamaSharp
    // apps build their messages the same way. User and assistant messages in that form, and a role chosen at run
    // time, are not prompts.
    [Fact]
    public Task System_messages_with_role_and_content_in_an_initializer_are_prompts() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OllamaSharp.Models.Chat;
            namespace DriveThru;
            public static class Messages
            {
                public static ChatHistory Start(string question, AuthorRole role)
                {
                    ChatHistory history = [];
                    history.Add(new ChatMessageContent { Role = AuthorRole.System, Content = {|#0:"You are a drive-thru assistant. Only offer items on the menu."|} });
                    history.Add(new() { Role = AuthorRole.User, Content = "Always give me extra fries." });
                    history.Add(new ChatMessageContent { Role = AuthorRole.Assistant, Content = "Welcome! What can I get you?" });
                    history.Add(new ChatMessageContent { Role = role, Content = "Never mind the fries." });
                    history.Add(new ChatMessageContent { Role = AuthorRole.User, Content = question });
                    return history;
                }

                public static Message[] Ollama(string question) =>
                [
                    new Message { Role = ChatRole.System, Content = {|#1:"You are a terse assistant. Answer in one sentence."|} },
                    new Message { Role = ChatRole.User, Content = question },
                ];
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("DriveThru.Messages.Start"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("DriveThru.Messages.Ollama"));

    // A catalog class keeps the prompts, a welcome text, resource keys and prompt file names; other classes in other
    // files use them. Only the text that reaches a system slot is a prompt; names of files or resources are not, and
    // neither is a prompt read from an embedded resource.
    [Fact]
    public Task A_prompt_catalog_used_from_other_files_reports_only_the_prompts_that_reach_a_slot() =>
        new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            Sources =
            {
                """
                namespace Notes;
                public static class Prompts
                {
                    public const string {|AIL0301:Summarize|} = "Summarize the note in three bullet points. Never invent facts.";
                    public const string {|AIL0301:Chat|} = "You are a note-taking assistant.";
                    public const string Welcome = "Hi! I can summarize your notes.";
                    public const string Unused = "You are a poet. Always rhyme.";
                    public static string TitleFile { get; } = "title-prompt.txt";
                    public static readonly string SystemKey = "prompts.system.default";
                    public static readonly string Loaded = ResourceText.Read("Notes.Resources.System.txt");
                }
                """,
                """
                using System.IO;
                using System.Reflection;
                namespace Notes;
                public static class ResourceText
                {
                    public static string Read(string name)
                    {
                        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name);
                        return stream is null ? string.Empty : new StreamReader(stream).ReadToEnd();
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Notes;
                public sealed class NoteService(Kernel kernel, IDictionary<string, string> store)
                {
                    public KernelFunction Summarizer() => kernel.CreateFunctionFromPrompt(Prompts.Summarize);
                    public ChatHistory Start() => new ChatHistory(Prompts.Chat) { new ChatMessageContent(AuthorRole.Assistant, Prompts.Welcome) };
                    public ChatMessage Title() => new ChatMessage(ChatRole.System, File.ReadAllText(Prompts.TitleFile));
                    public ChatMessage Keyed() => new ChatMessage(ChatRole.System, store[Prompts.SystemKey]);
                    public ChatMessage FromResource() => new ChatMessage(ChatRole.System, Prompts.Loaded);
                }
                """,
            },
        }.RunAsync();

    // Data real apps add as system messages: numbered sources, few-shot examples from a list, tool results, weather
    // and profile lines. Short lines like these have no common English word and used to be judged as another
    // language; they are data, not instructions.
    [Fact]
    public Task Sources_examples_tool_results_and_status_lines_at_a_slot_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Rag;
            public sealed record Doc(string Title, string Url, string Content);
            public sealed record Example(string Input, string Output);
            public static class Context
            {
                public static void Sources(ChatHistory history, IReadOnlyList<Doc> docs)
                {
                    for (var i = 0; i < docs.Count; i++)
                    {
                        history.AddSystemMessage($"Source [{i + 1}]: {docs[i].Title} ({docs[i].Url})\n{docs[i].Content}");
                    }
                }

                public static void Examples(ChatHistory history, IEnumerable<Example> examples)
                {
                    foreach (var example in examples)
                    {
                        history.AddSystemMessage($"Example: {example.Input} => {example.Output}");
                    }
                }

                public static ChatMessage Tool(string name, string json) => new ChatMessage(ChatRole.System, $"Tool {name} result\n{json}");
                public static ChatMessage Weather(string city, double celsius) => new ChatMessage(ChatRole.System, $"Weather in {city}: {celsius}°C");
                public static ChatMessage Profile(string tier, string locale) => new ChatMessage(ChatRole.System, $"Customer tier {tier}, locale {locale}");
                public static ChatMessage Heading(string title, string body) => new ChatMessage(ChatRole.System, $"## {title}\n{body}");
            }
            """);

    // The same places with an instruction around the data stay prompts.
    [Fact]
    public Task Data_with_an_instruction_around_it_at_a_slot_stays_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Rag;
            public static class Context
            {
                public static void Sources(ChatHistory history, string sources) =>
                    history.AddSystemMessage({|#0:$"Cite the sources below by number.\n{sources}"|});
                public static void Examples(ChatHistory history, string examples) =>
                    history.AddSystemMessage({|#1:$"Answer in the style of these examples:\n{examples}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Context.Sources"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Rag.Context.Examples"));

    [Fact]
    public async Task Half_typed_settings_and_factories_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel.Connectors.OpenAI;
                namespace Broken;
                public static class Half
                {
                    public static OpenAIPromptExecutionSettings A() => new OpenAIPromptExecutionSettings { ChatSystemPrompt = };
                    public static ChatClientAgent B(IChatClient client) => client.AsAIAgent(instructions: );
                    public static ChatClientAgent C(IChatClient client) => client.CreateAIAgent(instructions: "You are a bot.");
                    public static ChatMessage D(string x) => new ChatMessage(ChatRole.System, $"Address {x");
                    public sealed record Spec(string Name, string Instructions
                    public sealed class Options { public string SystemPrompt { get; set; } = ""; }
                    public static Options E() => new Options { SystemPrompt = };
                    public static Options F() => new Options { SystemPrompt = "You are" + };
                    public static ChatOptions G(Options o, Spec s) => new ChatOptions { Instructions = o.SystemPrompt ?? s.Instructions };
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
