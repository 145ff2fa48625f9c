using AiLint.Analyzers.Rules.Prompts;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Real apps keep their prompts in one file (a static <c>Prompts</c> class, a builder class) and put them into the SDK
/// slot in another: a service, a session wrapper, an agent factory. Each shape is one project of several files, with
/// the code next to it that is not a prompt.
/// </summary>
public class CrossFileRecallTests
{
    private static Task VerifyFilesAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new Verifiers.AnalyzerTest<PromptEvalCoverageAnalyzer>();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // A static prompts class: a mutable static field with a verbatim default, a const concatenated over lines, and a
    // raw string literal template; a service in another file adds them to a chat history or a prompt function.
    [Fact]
    public Task Prompts_of_a_static_class_used_from_another_file_are_prompts() =>
        VerifyFilesAsync(
            new[]
            {
                """"
                namespace Chat;
                public static class PromptChat
                {
                    public static string {|#0:SystemPrompt|} =
                        @"You are my personal coding assistant. Format your answers as HTML paragraphs.";
                    public const string {|#1:DefaultSystemPrompt|} = "You are a helpful and friendly assistant. " +
                        "Always keep a polite tone, and admit it when you do not know the answer.";
                    public const string {|#2:Summarize|} = """
                        Summarize the text below in three bullet points.
                        Never add facts that are not in the text.

                        {{$input}}
                        """;
                    public const string WelcomeBanner = "Welcome! Ask me anything about your code.";
                }
                """",
                """
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Chat;
                public sealed class ChatService(Kernel kernel)
                {
                    public ChatHistory Start() => new ChatHistory(PromptChat.DefaultSystemPrompt);
                    public void Reset(ChatHistory history)
                    {
                        history.AddSystemMessage(PromptChat.SystemPrompt);
                        history.AddAssistantMessage(PromptChat.WelcomeBanner);
                    }
                    public KernelFunction Summarizer() => kernel.CreateFunctionFromPrompt(PromptChat.Summarize);
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.PromptChat.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.PromptChat.DefaultSystemPrompt"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.PromptChat.Summarize"));

    // A prompt template config built in one class from a template of another, and a format template filled with
    // string.Format where the system message is added.
    [Fact]
    public Task Prompt_template_config_and_format_templates_from_another_file_are_prompts() =>
        VerifyFilesAsync(
            new[]
            {
                """
                namespace Mail;
                public static class Templates
                {
                    public const string {|#0:Classify|} = "Classify the email into one of: billing, support, spam. Answer with the label only.\n{{$email}}";
                    public const string {|#1:Translate|} = "You translate the user's text into {0}. Keep the original formatting.";
                    public const string Signature = "Sent from the Contoso mail assistant";
                }
                """,
                """
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Mail;
                public sealed class MailFunctions(Kernel kernel)
                {
                    public KernelFunction Classifier()
                    {
                        var config = new PromptTemplateConfig { Name = "classify", Template = Templates.Classify, TemplateFormat = "semantic-kernel" };
                        return kernel.CreateFunctionFromPrompt(config);
                    }

                    public ChatHistory Translator(string language)
                    {
                        var history = new ChatHistory();
                        history.AddSystemMessage(string.Format(Templates.Translate, language));
                        history.AddAssistantMessage(Templates.Signature);
                        return history;
                    }
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Mail.Templates.Classify"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Mail.Templates.Translate"));

    // A builder class assembles the system prompt with a StringBuilder (fixed rules, then the user's data) and a
    // method of another class returns a raw interpolated template; the chat service in a third file uses both.
    [Fact]
    public Task System_prompts_built_in_a_helper_class_are_prompts() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using System.Text;
                namespace Shop;
                public sealed record Customer(string Name, string Tier);
                public static class SystemPromptBuilder
                {
                    public static string Build(Customer customer)
                    {
                        var sb = {|#0:new StringBuilder()|};
                        sb.AppendLine("You are the Contoso shop assistant.");
                        sb.AppendLine("Never promise delivery dates.");
                        sb.AppendLine($"The customer's name is {customer.Name}.");
                        return sb.ToString();
                    }

                    public static string Profile(Customer customer)
                    {
                        var sb = new StringBuilder();
                        sb.AppendLine("## Customer");
                        sb.AppendLine($"Name: {customer.Name}");
                        sb.AppendLine($"Tier: {customer.Tier}");
                        return sb.ToString();
                    }
                }
                """,
                """"
                namespace Shop;
                public static class ChatPrompts
                {
                    public static string Rewrite(string draft) => {|#1:$"""
                        You are an editor who improves the user's text.
                        Respond only with the improved text.

                        The current text is:
                        {draft}
                        """|};
                }
                """",
                """
                using Microsoft.Extensions.AI;
                namespace Shop;
                public sealed class ShopChat
                {
                    public ChatMessage[] Messages(Customer customer, string draft) => new[]
                    {
                        new ChatMessage(ChatRole.System, SystemPromptBuilder.Build(customer)),
                        new ChatMessage(ChatRole.System, SystemPromptBuilder.Profile(customer)),
                        new ChatMessage(ChatRole.System, ChatPrompts.Rewrite(draft)),
                    };
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.SystemPromptBuilder.Build"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.ChatPrompts.Rewrite"));

    // A session wrapper takes the system message in its constructor and adds it as a system message; the app creates
    // sessions in another file. Its user turns (Ask) are not prompts.
    [Fact]
    public Task A_session_wrapper_constructed_in_another_file_is_followed_to_its_system_message() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;
                namespace Bot;
                public sealed class PromptSession
                {
                    private readonly List<ChatMessage> messages = new();
                    public PromptSession(string systemMessage) => messages.Add(new ChatMessage(ChatRole.System, systemMessage));
                    public void Ask(string question) => messages.Add(new ChatMessage(ChatRole.User, question));
                    public IReadOnlyList<ChatMessage> Messages => messages;
                }
                """,
                """
                namespace Bot;
                public static class Program
                {
                    public static void Main()
                    {
                        var session = new PromptSession({|#0:"You are a terse assistant. Answer in one line."|});
                        session.Ask("Summarize the release notes in one line, please.");
                    }
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Bot.Program.Main"));

    // Agent Framework agents whose instructions are constants of a prompts class in another file, directly or through
    // the options' chat options; the agent's name and description are not prompts.
    [Fact]
    public Task Agent_instructions_from_a_prompts_class_in_another_file_are_prompts() =>
        VerifyFilesAsync(
            new[]
            {
                """
                namespace Trips;
                internal static class AgentPrompts
                {
                    internal const string {|#0:Planner|} = "You plan trips. Only suggest destinations reachable by train.";
                    internal const string {|#1:Critic|} = "You review travel plans. Point out every missing booking.";
                    internal const string PlannerDescription = "Plans trips for the user.";
                }
                """,
                """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                namespace Trips;
                public static class Agents
                {
                    public static ChatClientAgent Planner(IChatClient client) =>
                        new ChatClientAgent(client, instructions: AgentPrompts.Planner, name: "Planner", description: AgentPrompts.PlannerDescription);
                    public static AIAgent Critic(IChatClient client) =>
                        new ChatClientAgent(client, new ChatClientAgentOptions { Name = "Critic", ChatOptions = new ChatOptions { Instructions = AgentPrompts.Critic } });
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Trips.AgentPrompts.Planner"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Trips.AgentPrompts.Critic"));

    // Target-typed and collection-expression forms of the same slots, with prompts of a nested prompts class and a
    // constant interpolated string; the user message next to them is not a prompt.
    [Fact]
    public Task Target_typed_and_collection_expression_slots_take_prompts_from_another_file() =>
        VerifyFilesAsync(
            new[]
            {
                """
                namespace Desk;
                public static class Prompts
                {
                    public static class Support
                    {
                        public const string {|#0:Persona|} = "You are the help desk assistant.";
                        public const string {|#1:Full|} = $"{Persona} Never share another customer's data.";
                    }
                    public const string {|#2:Developer|} = "Always answer in British English.";
                }
                """,
                """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Desk;
                public static class Conversations
                {
                    public static List<ChatMessage> Meai(string question) =>
                        [new(ChatRole.System, Prompts.Support.Full), new(ChatRole.User, question)];
                    public static ChatHistory Sk()
                    {
                        ChatHistory history = new(Prompts.Support.Persona);
                        return history;
                    }
                    public static ChatHistory SkContents() =>
                        [new ChatMessageContent(AuthorRole.Developer, Prompts.Developer), new ChatMessageContent(AuthorRole.User, "Where is my ticket?")];
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Desk.Prompts.Support.Persona"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Desk.Prompts.Support.Full"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Desk.Prompts.Developer"));

    // A prompt library kept in a dictionary is not followed (any code may change an entry), nor is a prompt loaded
    // from a file or an embedded resource by a helper of the app: the text is not in source.
    [Fact]
    public Task Prompts_kept_in_a_dictionary_or_loaded_by_a_helper_are_not_followed() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using System.Collections.Generic;
                using System.IO;
                namespace Lib;
                public static class PromptLibrary
                {
                    public static readonly Dictionary<string, string> Prompts = new()
                    {
                        ["summarize"] = "Summarize the text in one paragraph. Never invent facts.",
                    };
                    public static string Load(string name) => File.ReadAllText(Path.Combine("Prompts", name + ".txt"));
                }
                """,
                """
                using Microsoft.Extensions.AI;
                namespace Lib;
                public static class Use
                {
                    public static ChatMessage A() => new ChatMessage(ChatRole.System, PromptLibrary.Prompts["summarize"]);
                    public static ChatMessage B() => new ChatMessage(ChatRole.System, PromptLibrary.Load("summarize"));
                }
                """,
            });
}
