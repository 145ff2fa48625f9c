using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptSetOverrideTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The method twin of <see cref="PromptSetOverrideTests"/>: "prompt set" and strategy classes that declare
/// <c>protected abstract string GetSystemPrompt();</c> (or an interface's <c>string BuildSystemPrompt();</c>) and return a
/// constant text from every override, read at <c>new SystemChatMessage(GetSystemPrompt())</c> or
/// <c>new ChatMessage(ChatRole.System, strategy.BuildSystemPrompt())</c>. When every body that can run is in the project
/// and constant, each is a prompt at its own declaration (ImplementedMethodPrompts); one run-time body opens the set.
/// </summary>
public class PromptSetMethodOverrideTests
{
    // The template-method base class sends the request itself; each subclass supplies the system prompt.
    private const string AgentBase = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        namespace Agents
        {
            public abstract class AgentBase
            {
                private readonly ChatClient _client;

                protected AgentBase(ChatClient client) => _client = client;

                protected abstract string GetSystemPrompt();

                public async Task<string> AskAsync(string question)
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage(GetSystemPrompt()),
                        new UserChatMessage(question),
                    };

                    ChatCompletion completion = await _client.CompleteChatAsync(messages);
                    return completion.Content[0].Text;
                }
            }
        }
        """;

    private const string Summarizer = """"
        using OpenAI.Chat;
        namespace Agents
        {
            public sealed class SummarizerAgent : AgentBase
            {
                public SummarizerAgent(ChatClient client) : base(client) { }

                protected override string GETPROMPT() => """
                    You are a meeting summarizer.
                    Summarize the transcript in at most five bullet points and never invent decisions.
                    """;
            }
        }
        """";

    private const string Reviewer = """
        using OpenAI.Chat;
        namespace Agents
        {
            public sealed class ReviewerAgent : AgentBase
            {
                public ReviewerAgent(ChatClient client) : base(client) { }

                protected override string GETPROMPT()
                {
                    return "You are a senior C# reviewer. Point out bugs first, then style. Answer in Markdown.";
                }
            }
        }
        """;

    private static string Marked(string source, int index) => source.Replace("GETPROMPT", "{|#" + index + ":GetSystemPrompt|}");

    private static string Unmarked(string source) => source.Replace("GETPROMPT", "GetSystemPrompt");

    private static DiagnosticResult At(int index, string member) => Diagnostic("AIL0301").WithLocation(index).WithArguments(member);

    [Fact]
    public Task Each_constant_override_of_an_abstract_prompt_method_read_at_a_system_slot_is_a_prompt() =>
        VerifyFilesAsync(
            new[] { AgentBase, Marked(Summarizer, 0), Marked(Reviewer, 1) },
            At(0, "Agents.SummarizerAgent.GetSystemPrompt"),
            At(1, "Agents.ReviewerAgent.GetSystemPrompt"));

    // A strategy interface implemented by several classes, one explicitly, read through the caller's variable.
    [Fact]
    public Task An_interface_prompt_method_implemented_by_constant_bodies_is_followed_to_each() =>
        VerifyFilesAsync(
            new[]
            {
                """
                namespace Support
                {
                    public interface IReplyStrategy { string BuildSystemPrompt(); }

                    public sealed class PoliteStrategy : IReplyStrategy
                    {
                        public string {|#0:BuildSystemPrompt|}() => "You are a polite support agent. Apologise once and offer one concrete next step.";
                    }

                    public sealed class EscalationStrategy : IReplyStrategy
                    {
                        string IReplyStrategy.{|#1:BuildSystemPrompt|}() { return "You triage angry customers. Never promise refunds; hand over to a human when asked."; }
                    }
                }
                """,
                """
                using Microsoft.Extensions.AI;
                namespace Support
                {
                    public static class Conversation
                    {
                        public static ChatMessage Start(IReplyStrategy strategy) => new ChatMessage(ChatRole.System, strategy.BuildSystemPrompt());
                    }
                }
                """,
            },
            At(0, "Support.PoliteStrategy.BuildSystemPrompt"),
            At(1, "Support.EscalationStrategy.Support.IReplyStrategy.BuildSystemPrompt"));

    // A generic prompt base class (`class GraphWithSpecPrompt : Prompt<(List<Path>, ...)>` in public code) whose runner
    // sends `prompt.GetSystemPrompt()` and `prompt.GetUserPrompt(input)`; one override names a constant of a prompt
    // builder class (`=> MatchRecommendationPromptBuilder.SystemPrompt`, also public code). The user prompt takes the
    // input and is the user's turn: not followed.
    [Fact]
    public Task Overrides_of_a_generic_prompt_base_class_and_a_const_body_are_prompts() =>
        VerifyFilesAsync(
            new[]
            {
                """"
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;
                namespace Skills
                {
                    public abstract class Prompt<TInput>
                    {
                        public abstract string GetSystemPrompt();
                        public abstract string GetUserPrompt(TInput input);
                    }

                    public static class PromptRunner
                    {
                        public static List<ChatMessage> Messages<T>(Prompt<T> prompt, T input) => new()
                        {
                            new ChatMessage(ChatRole.System, prompt.GetSystemPrompt()),
                            new ChatMessage(ChatRole.User, prompt.GetUserPrompt(input)),
                        };
                    }

                    public static class MatchPromptBuilder
                    {
                        public const string SystemPrompt = "You recommend football matches to watch. Return JSON with three picks and one reason each.";
                    }

                    public class GraphPrompt : Prompt<(List<string> Paths, string RawSpec)>
                    {
                        public override string {|#0:GetSystemPrompt|}() => """
                            You are writing a SKILL.md-style markdown document from an execution graph.
                            Output markdown only. No JSON, no commentary outside the skill itself.
                            """;

                        public override string GetUserPrompt((List<string> Paths, string RawSpec) input) =>
                            $"Extracted execution graph:\n{string.Join("\n", input.Paths)}\n\nWrite the skill.";
                    }

                    public class MatchPrompt : Prompt<string>
                    {
                        public override string {|#1:GetSystemPrompt|}() => MatchPromptBuilder.SystemPrompt;
                        public override string GetUserPrompt(string input) => input;
                    }
                }
                """",
            },
            At(0, "Skills.GraphPrompt.GetSystemPrompt"),
            At(1, "Skills.MatchPrompt.GetSystemPrompt"));

    // An override that only passes the user's text through instructs nothing; the other override is still a prompt.
    [Fact]
    public Task An_override_that_only_passes_a_variable_through_stays_quiet() =>
        VerifyFilesAsync(
            new[] { AgentBase, Marked(Summarizer, 0), Unmarked(Reviewer).Replace("return \"You are a senior C# reviewer. Point out bugs first, then style. Answer in Markdown.\";", "return \"{{prompt}}\";") },
            At(0, "Agents.SummarizerAgent.GetSystemPrompt"));

    // One override returns what the caller, the configuration or a file gives, or chooses between texts at run time:
    // the set is open, none is taken.
    [Theory]
    [InlineData("private readonly string _prompt; public CustomAgent(ChatClient client, string prompt) : base(client) => _prompt = prompt; protected override string GetSystemPrompt() => _prompt;")]
    [InlineData("public CustomAgent(ChatClient client) : base(client) { } protected override string GetSystemPrompt() => System.Environment.GetEnvironmentVariable(\"AGENT_PROMPT\") ?? \"You are an assistant.\";")]
    [InlineData("public CustomAgent(ChatClient client) : base(client) { } protected override string GetSystemPrompt() { var text = System.IO.File.ReadAllText(\"custom.txt\"); return text.Trim(); }")]
    [InlineData("public CustomAgent(ChatClient client) : base(client) { } protected override string GetSystemPrompt() { if (System.DateTime.Now.Hour < 12) return \"You are a morning assistant.\"; return \"You are an evening assistant.\"; }")]
    public Task An_override_computed_at_run_time_leaves_every_override_quiet(string members) =>
        VerifyFilesAsync(new[]
        {
            AgentBase,
            Unmarked(Summarizer),
            Unmarked(Reviewer),
            "using OpenAI.Chat; namespace Agents { public sealed class CustomAgent : AgentBase { " + members + " } }",
        });

    // A method with parameters formats data (the caller's context) rather than holding the app's instructions.
    [Fact]
    public Task An_abstract_method_with_parameters_that_formats_data_is_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using Microsoft.Extensions.AI;
                namespace Rag
                {
                    public abstract class ContextFormatter
                    {
                        public abstract string Format(string documents);
                        public ChatMessage Message(string documents) => new ChatMessage(ChatRole.System, Format(documents));
                    }

                    public sealed class MarkdownFormatter : ContextFormatter
                    {
                        public override string Format(string documents) => $"## Documents\n{documents}";
                    }

                    public sealed class PlainFormatter : ContextFormatter
                    {
                        public override string Format(string documents) => "Documents:\n" + documents;
                    }
                }
                """,
            });

    // The method is called only to log which agent ran; the request sends other text.
    [Fact]
    public Task A_prompt_method_read_only_for_logging_is_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                AgentBase.Replace("new SystemChatMessage(GetSystemPrompt()),", "new SystemChatMessage({|#0:\"Be brief.\"|}),")
                    .Replace("var messages", "System.Console.WriteLine(GetSystemPrompt().Length);\n            var messages"),
                Unmarked(Summarizer),
                Unmarked(Reviewer),
            },
            At(0, "Agents.AgentBase.AskAsync"));

    // A library's base class with no subclass in the project: nothing is known.
    [Fact]
    public Task An_abstract_method_with_no_override_in_the_project_is_quiet() =>
        VerifyFilesAsync(new[] { AgentBase });

    // Half-typed code: a subclass that does not override yet, an override of a misspelled method, an unterminated
    // raw string. No crash, and nothing reported while the set is not known.
    [Fact]
    public Task Half_typed_prompt_methods_do_not_crash_and_stay_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                AgentBase,
                Unmarked(Summarizer),
                "using OpenAI.Chat; namespace Agents { public sealed class Draft : AgentBase { public Draft(ChatClient c) : base(c) { } } }",
                "using OpenAI.Chat; namespace Agents { public sealed class Typo : AgentBase { public Typo(ChatClient c) : base(c) { } protected override string GetSystemPromt() => \"You are a typo.\"; } }",
                "using OpenAI.Chat; namespace Agents { public sealed class Open : AgentBase { public Open(ChatClient c) : base(c) { } protected override string GetSystemPrompt() => \"\"\"\n You are unfinished.",
            },
            CompilerDiagnostics.None);
}
