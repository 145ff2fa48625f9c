using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Prompts assembled at run time from pieces written in source: a StringBuilder, string.Join / string.Concat over
/// constant elements, templates whose holes are known members, and a constant prompt joined to the user's data. The
/// shapes are paraphrased from public .NET LLM apps (named in each test); AppendLine() and Environment.NewLine count as
/// "\n" in the hashed text.
/// </summary>
public class AssembledPromptTests
{
    // ---------------------------------------------------------------- StringBuilder

    // A cost-splitting explainer (OpenAI SDK) appends two constant sentences, wraps them in a SystemChatMessage, then
    // clears the same builder to collect the answer.
    [Fact]
    public Task Builder_of_constant_appends_is_a_prompt_reported_on_the_builder() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using OpenAI.Chat;
            namespace Splitter;
            public sealed class Explainer
            {
                public List<ChatMessage> Build(string question)
                {
                    var sb = {|#0:new StringBuilder()|};
                    sb.Append("You explain how a bill is split between friends.");
                    sb.Append(" Do not explain who paid first.");
                    var system = new SystemChatMessage(sb.ToString());
                    sb.Clear();
                    foreach (var word in question.Split(' '))
                    {
                        sb.Append(word);
                    }

                    return new List<ChatMessage> { system, new UserChatMessage(sb.ToString()) };
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Splitter.Explainer.Build"));

    // The hashed text is the builder's value on Linux: AppendLine() adds "\n". A case recorded against that text is
    // current; an instruction of one append is underlined inside its literal.
    [Fact]
    public Task Builder_text_is_hashed_with_its_line_breaks_and_instructions_are_found_in_their_appends() =>
        VerifyAsync(
            """
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Planner;
            public static class Prompts
            {
                public static ChatMessage Reasoning()
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("Think the goal through before planning.");
                    sb.AppendLine();
                    sb.AppendLine("{|#0:Never call tools in this step.|}");
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Planner.Prompts.Reasoning", sha: Sha256("Think the goal through before planning.\n\nNever call tools in this step.\n"))),
            },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never call tools in this step.", "Planner.Prompts.Reasoning"));

    [Fact]
    public Task Builder_text_recorded_with_a_different_hash_is_stale() =>
        VerifyAsync(
            """
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Planner;
            public static class Prompts
            {
                public static ChatMessage Reasoning() =>
                    new ChatMessage(ChatRole.System, {|#0:new StringBuilder()|}.AppendLine("Think the goal through.").Append("Answer briefly.").ToString());
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Planner.Prompts.Reasoning", sha: Sha256("Think the goal through.\r\nAnswer briefly."))),
            },
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Planner.Prompts.Reasoning", "1", Sha256("Think the goal through.\nAnswer briefly.")));

    // A bug-investigation agent seeds its history with `sb.AppendLine(SystemPrompt)` and nothing else: the constant is
    // the prompt, named and hashed as itself.
    [Fact]
    public Task Builder_holding_one_constant_makes_the_constant_the_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using OpenAI.Chat;
            namespace Debugger;
            public static class Investigation
            {
                private const string {|#0:SystemPrompt|} = "You are a distributed systems debugger. Only run the tool the engineer asks for.";
                public static List<ChatMessage> Start(string report)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine(SystemPrompt);
                    return new List<ChatMessage> { new SystemChatMessage(sb.ToString()), new UserChatMessage(report) };
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Debugger.Investigation.SystemPrompt"));

    // An agent planner (WPF app) prefixes a persona's configurable prompt and appends fixed planning instructions: the
    // instructions are the app's prompt, the persona's text data. Its text exists only at run time, so a case recorded
    // there (here with the persona filled in) covers it and is not checked for staleness.
    [Fact]
    public Task Builder_with_data_and_instruction_lines_is_a_prompt_whose_run_time_hash_is_not_checked() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Agent;
            public sealed record Persona(string SystemPrompt);
            public static class Planner
            {
                public static List<ChatMessage> Plan(string goal, Persona persona)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine(persona.SystemPrompt);
                    sb.AppendLine();
                    sb.AppendLine("Break the goal into ordered steps.");
                    sb.AppendLine("You must call the emit_plan tool exactly once.");
                    return new List<ChatMessage> { new(ChatRole.System, sb.ToString()), new(ChatRole.User, goal) };
                }
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Agent.Planner.Plan", rule: "emit_plan", sha: Sha256("You are a release planner.\n\nBreak the goal into ordered steps.\nYou must call the emit_plan tool exactly once.\n"))),
            });

    // Interpolated appends bind to StringBuilder's interpolation handler: the text holds data, known only at run time,
    // so a case recorded with the values filled in covers it and is not checked for staleness.
    [Fact]
    public Task Builder_with_interpolated_appends_is_a_prompt_whose_run_time_hash_is_not_checked() =>
        VerifyAsync(
            """
            using System;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Planner;
            public static class Prompts
            {
                public static ChatMessage Dated(DateTime today, string user)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine($"Today is {today:yyyy-MM-dd}. The user is {user}.");
                    sb.Append("You must answer in English.");
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Planner.Prompts.Dated", rule: "answer in English", sha: Sha256("Today is 2026-12-07. The user is Ada.\nYou must answer in English."))),
            });

    // A RAG helper wraps retrieved context in a header, and a skill injector lists skills in a loop under a header:
    // no instruction, so the system message is data. A builder cleared or edited before its ToString() has no text.
    [Fact]
    public Task Builders_that_wrap_data_or_are_edited_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Rag;
            public static class Messages
            {
                public static ChatMessage Context(string context)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine();
                    sb.AppendLine("### CONTEXT");
                    sb.AppendLine(context);
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Skills(IEnumerable<string> skills)
                {
                    var sb = new StringBuilder("Relevant skills for this task:\n");
                    foreach (var skill in skills)
                    {
                        sb.AppendLine(skill);
                    }

                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Inserted()
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("You are a friendly assistant.");
                    sb.Insert(0, "Rules: ");
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Reset(bool fresh)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("You are a friendly assistant.");
                    if (fresh)
                    {
                        sb.Clear();
                    }

                    return new ChatMessage(ChatRole.System, sb.ToString());
                }
            }
            """);

    // A Discord bot nags free users with a system message whose extra lines depend on the plan; a memoir writer adds a
    // dialect rule through a helper. The appends that vary are a hole, the fixed instructions make it a prompt; the case
    // recorded for the premium user's text covers it (a text that varies at run time is not checked for staleness).
    [Fact]
    public Task Builders_with_conditional_or_helper_appends_are_prompts_when_their_fixed_text_instructs() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Bot;
            public static class Messages
            {
                public static ChatMessage Notice(bool premium)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("You are a friendly assistant.");
                    if (!premium)
                    {
                        sb.AppendLine("Mention the premium plan once.");
                    }

                    sb.AppendLine("Never invent features.");
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Memoir(string dialect)
                {
                    var sb = {|#1:new StringBuilder()|};
                    sb.AppendLine("You must write the memoir in the first person.");
                    AddDialect(sb, dialect);
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Recent(IEnumerable<string> messages)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("### Recent messages");
                    foreach (var message in messages)
                    {
                        sb.AppendLine(message);
                    }

                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                private static void AddDialect(StringBuilder sb, string dialect) => sb.AppendLine(dialect);
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Bot.Messages.Notice", rule: "Never invent features", sha: Sha256("You are a friendly assistant.\nNever invent features.\n"))),
            },
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Bot.Messages.Memoir"));

    // Chat transcripts and tool results assembled for the user or assistant role are not prompt slots.
    [Fact]
    public Task Builder_text_given_to_user_or_assistant_messages_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Messages
            {
                public static ChatMessage[] Build()
                {
                    var user = new StringBuilder();
                    user.AppendLine("You must answer in French.");
                    var assistant = new StringBuilder().AppendLine("I could not reach the weather service. Please try again.");
                    return new[] { new ChatMessage(ChatRole.User, user.ToString()), new ChatMessage(ChatRole.Assistant, assistant.ToString()) };
                }
            }
            """);

    // ---------------------------------------------------------------- string.Join / string.Concat

    // Family-tree MCP samples keep instruction sentences in a list and join them with spaces for the system message.
    [Fact]
    public Task Joined_list_of_constant_sentences_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace FamilyTree;
            public static class Chat
            {
                public static ChatHistory Start()
                {
                    var instructions = new List<string>
                    {
                        "You are a helpful assistant that answers questions about a family tree.",
                        "Do not use Markdown in your answers.",
                    };
                    var history = new ChatHistory();
                    history.AddSystemMessage({|#1:string.Join(" ", instructions)|});
                    return history;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("FamilyTree.Chat.Start"));

    // The same sentences kept as a property of a static Prompt class, one with today's date in it: the sentences still
    // instruct, and the date makes the text a run-time one, so the case recorded with a date covers it unchecked.
    [Fact]
    public Task Joined_property_list_with_a_dated_sentence_is_a_prompt_whose_run_time_hash_is_not_checked() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace FamilyTree;
            public static class Prompt
            {
                public static List<string> Instructions => new List<string>
                {
                    "You are a helpful assistant that answers questions about a family tree.",
                    "Do not use Markdown in your answers.",
                    $"Today's date is {DateTime.Today}.",
                };
            }
            public static class Chat
            {
                public static ChatMessage Start() => new ChatMessage(ChatRole.System, string.Join(" ", Prompt.Instructions));
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("FamilyTree.Chat.Start", rule: "Do not use Markdown", sha: Sha256("You are a helpful assistant that answers questions about a family tree. Do not use Markdown in your answers. Today's date is 12/7/2026 12:00:00 AM."))),
            });

    [Fact]
    public Task Static_readonly_prompt_joined_from_a_rules_array_is_a_prompt_named_after_the_member() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                private static readonly string[] Rules =
                {
                    "You are the Contoso support assistant.",
                    "- {|#1:Never promise refunds.|}",
                };

                public static readonly string Support = string.Join(Environment.NewLine, Rules);
                public static readonly string {|#0:Concise|} = string.Concat("Answer in one sentence. ", "Only discuss orders.");
                public static ChatOptions Build(bool brief) => new ChatOptions { Instructions = brief ? Concise : Support };
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Shop.Prompts.Support", sha: Sha256("You are the Contoso support assistant.\n- Never promise refunds."))),
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Prompts.Concise"),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never promise refunds.", "Shop.Prompts.Support"));

    // A Semantic Kernel context builder starts a list of system parts with fixed instructions and adds retrieved
    // knowledge under conditions: the conditional adds are a hole, the fixed part instructs, so it is a prompt.
    [Fact]
    public Task Joined_list_with_fixed_instructions_and_conditional_adds_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Kernel;
            public static class Context
            {
                public static ChatHistory Build(IReadOnlyList<string> facts, bool tools)
                {
                    var parts = new List<string> { "You are a research assistant." };
                    parts.Add("Only cite the facts below.");
                    if (tools)
                    {
                        parts.Add("You may call tools.");
                    }

                    foreach (var fact in facts)
                    {
                        parts.Add("- " + fact);
                    }

                    var history = new ChatHistory();
                    history.AddSystemMessage({|#0:string.Join("\n", parts)|});
                    return history;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Kernel.Context.Build"));

    // Joined user data, a list of retrieved memories under a header, a list whose only instructions are added under
    // conditions (an agent's turn-state provider), and a list edited after it is built are not prompts.
    [Fact]
    public Task Joins_over_data_conditional_only_lists_or_edited_lists_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Kernel;
            public static class Context
            {
                public static ChatHistory Build(IReadOnlyList<string> facts)
                {
                    var lines = new List<string> { "<memory>" };
                    foreach (var fact in facts)
                    {
                        lines.Add("  " + fact);
                    }

                    lines.Add("</memory>");
                    var history = new ChatHistory();
                    history.AddSystemMessage(string.Join("\n", lines));
                    history.AddSystemMessage(string.Join("\n", facts));
                    history.AddSystemMessage(string.Join("\n", facts.Select(f => "- " + f)));
                    return history;
                }

                public static ChatMessage TurnState(bool ranStatus, bool createdTicket)
                {
                    var lines = new List<string>();
                    if (ranStatus)
                    {
                        lines.Add("Status tools already ran in this turn. Do not call them again.");
                    }

                    if (createdTicket)
                    {
                        lines.Add("A ticket was already created. Do not create another one.");
                    }

                    return new ChatMessage(ChatRole.System, string.Join('\n', lines));
                }

                public static ChatMessage Rules(bool strict)
                {
                    var rules = new[] { "You are terse.", "Never guess." };
                    rules[1] = "Always guess.";
                    var more = new List<string> { "You are terse.", "Never guess." };
                    if (strict)
                    {
                        more.RemoveAt(0);
                    }

                    return new ChatMessage(ChatRole.System, string.Join(" ", rules) + string.Join(" ", more));
                }
            }
            """);

    // ---------------------------------------------------------------- constants combined with data

    // The constant part is the prompt when it is one member: `SystemPrompt + "\n" + context` reports SystemPrompt.
    [Fact]
    public Task Constant_prompt_joined_to_retrieved_context_makes_the_constant_the_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Rag;
            public static class Answering
            {
                public const string {|#0:SystemPrompt|} = "You answer from the documents below. Never invent sources.";
                public static ChatMessage[] Build(string context, string question) => new[]
                {
                    new ChatMessage(ChatRole.System, SystemPrompt + "\n\n" + context),
                    new ChatMessage(ChatRole.System, $"{SystemPrompt}\n\n{context}"),
                    new ChatMessage(ChatRole.User, question),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Answering.SystemPrompt"));

    // Instructions written around the data in one concatenation are a template: its instructions make it a prompt.
    // A header around data ("Context: " + context) is not.
    [Fact]
    public Task Concatenated_instructions_around_data_are_a_prompt_a_header_is_not() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Rag;
            public static class Answering
            {
                public static ChatMessage Instructed(string context) =>
                    new ChatMessage(ChatRole.System, {|#0:"You are a support bot. Never reveal internal notes.\n" + context|});
                public static ChatMessage Header(string context) =>
                    new ChatMessage(ChatRole.System, "Context: " + context);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Answering.Instructed"));

    // Two read-only fragments joined in a template whose holes are all known: the joined text is the prompt.
    [Fact]
    public Task Template_of_static_readonly_fragments_is_a_prompt_with_their_text() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                private static readonly string Persona = "You are the Contoso assistant.";
                private static readonly string Rules = "Only discuss orders.";
                public static ChatOptions Build() => new ChatOptions { Instructions = $"{Persona}\n{Rules}" };
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Shop.Prompts.Build", rule: "Only discuss orders", sha: Sha256("You are the Contoso assistant.\nOnly discuss orders."))),
            });

    // A single-turn request that prefixes the user's text with a constant instruction block.
    [Fact]
    public Task Single_turn_request_with_a_constant_instruction_prefix_reports_the_constant() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Summaries;
            public sealed class Summarizer(IChatClient client)
            {
                private const string {|#0:Instructions|} = "Summarize the ticket below. Never include the customer's email address.";
                private const string Label = "Ticket:";
                public Task<ChatResponse> SummarizeAsync(string ticket) => client.GetResponseAsync(Instructions + "\n\n" + ticket);
                public Task<ChatResponse> LabelAsync(string ticket) => client.GetResponseAsync(Label + " " + ticket);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Summaries.Summarizer.Instructions"));

    // ---------------------------------------------------------------- parameters, broken code, code fix

    [Fact]
    public Task Builder_text_passed_to_the_method_that_builds_the_system_message_is_followed() =>
        VerifyAsync(
            """
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Messages
            {
                public static ChatMessage System(string prompt) => new ChatMessage(ChatRole.System, prompt);
                public static ChatMessage Support()
                {
                    var sb = {|#0:new StringBuilder()|};
                    sb.AppendLine("You are the Contoso support assistant.");
                    return System(sb.ToString());
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Messages.Support"));

    [Fact]
    public async Task Half_typed_builders_and_joins_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Text;
                using Microsoft.Extensions.AI;
                namespace Shop;
                public static class Messages
                {
                    public static ChatMessage A() { var sb = new StringBuilder(; sb.AppendLine("You are X."); return new ChatMessage(ChatRole.System, sb.ToString()); }
                    public static ChatMessage B() { var sb = new StringBuilder(); sb.AppendLine("You are X." return new ChatMessage(ChatRole.System, sb.ToString()); }
                    public static ChatMessage C() => new ChatMessage(ChatRole.System, string.Join("\n", new[] { "You are X.", }, ));
                    public static ChatMessage D() => new ChatMessage(ChatRole.System, string.Join(, "You are X."));
                    public static ChatMessage E() => new ChatMessage(ChatRole.System, "You are X. " + );
                    public static ChatMessage F() { StringBuilder sb; sb.Append("You are X."); return new ChatMessage(ChatRole.System, sb.ToString()); }
                    public static ChatMessage G() => new ChatMessage(ChatRole.System, Missing.Builder.ToString() + "You are X.");
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_scaffolds_todo_cases_for_a_builder_prompt()
    {
        const string code = """
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Planner;
            public static class Prompts
            {
                public static ChatMessage Reasoning()
                {
                    var sb = {|AIL0301:new StringBuilder()|};
                    sb.AppendLine("Think the goal through.");
                    sb.AppendLine("Never call tools in this step.");
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }
            }
            """;
        var test = new Verifiers.CodeFixTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer, AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code, // todo cases do not count: the diagnostic stays
        };
        test.FixedAdditionalFiles.Add((
            "evals/Prompts.evals.jsonl",
            "{\"prompt\":\"Planner.Prompts.Reasoning\",\"id\":\"todo-never-call-tools-in-this\",\"rule\":\"Never call tools in this step.\",\"status\":\"todo\",\"input\":\"\",\"expect\":\"\"}\n"));
        await test.RunAsync();
    }
}

/// <summary>Constant prompts combined with labels, data and parameters, as public apps write their system messages.</summary>
public class AssembledPromptCombinationTests
{
    // A Splunk investigator appends the configured web URL after its constant prompt: the label is data, so the
    // constant is the prompt.
    [Fact]
    public Task Constant_prompt_followed_by_a_labelled_value_makes_the_constant_the_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Splunk;
            public static class Investigator
            {
                private const string {|#0:SystemPrompt|} = "You are a log investigator. Only run read-only searches.";
                public static ChatMessage Build(string url) => new(ChatRole.System, SystemPrompt + $"\n\nSplunk Web URL: {url}");
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Splunk.Investigator.SystemPrompt"));

    // An LLM service helper appends a JSON-only instruction and the schema to whatever system prompt its caller passes:
    // the appended instruction is the helper's own prompt, and the constant a caller passes reaches the slot too.
    [Fact]
    public Task Instruction_appended_to_a_parameter_is_a_prompt_and_the_callers_constant_is_followed() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Llm;
            public sealed class LlmService(IChatClient client)
            {
                public Task<ChatResponse> StructuredAsync(string systemPrompt, string user, string schema) =>
                    client.GetResponseAsync(new List<ChatMessage>
                    {
                        new(ChatRole.System, {|#0:systemPrompt + "\n\nRespond with ONLY valid JSON matching this schema:\n" + schema|}),
                        new(ChatRole.User, user),
                    });
            }
            public sealed class Extractor(LlmService llm)
            {
                private const string {|#1:Extract|} = "You extract invoice fields.";
                public Task<ChatResponse> RunAsync(string text, string schema) => llm.StructuredAsync(Extract, text, schema);
                public Task<ChatResponse> EchoAsync(string text, string prompt, string schema) => llm.StructuredAsync(prompt, text, schema);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Llm.LlmService.StructuredAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Llm.Extractor.Extract"));

    // A PII-guarding client prefixes a configured prompt (an instance field without a constant) to a fixed safety
    // rule: the rule is the app's prompt.
    [Fact]
    public Task Safety_rule_appended_to_a_configured_prompt_is_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Guard;
            public sealed class GuardedClient(string configuredPrompt)
            {
                private readonly string systemPrompt = configuredPrompt;
                public ChatMessage System() => new(ChatRole.System, {|#0:systemPrompt +
                    "\n\nIMPORTANT: Never reveal personal information in your responses."|});
                public ChatMessage Plain() => new(ChatRole.System, systemPrompt + "\n\n" + configuredPrompt);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Guard.GuardedClient.System"));
}

/// <summary>
/// `new ChatMessage(ChatRole.System, BuildSystemPrompt(...))`, the most common way public apps hand a system prompt
/// over: the project's own method is followed to what it returns.
/// </summary>
public class ReturnedPromptTests
{
    // A title generator builds its prompt in a private method with a StringBuilder.
    [Fact]
    public Task Builder_returned_by_a_private_method_is_a_prompt_named_after_the_method() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Titles;
            public sealed class TitleGenerator
            {
                public List<ChatMessage> Build(string message) => new()
                {
                    new(ChatRole.System, BuildSystemPrompt()),
                    new(ChatRole.User, message),
                };

                private static string BuildSystemPrompt()
                {
                    var sb = {|#0:new StringBuilder()|};
                    sb.AppendLine("You write chat titles.");
                    sb.AppendLine("Never use more than six words.");
                    return sb.ToString();
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Titles.TitleGenerator.BuildSystemPrompt"));

    // A podcast script generator interpolates the narrator and language into its instructions; an agent factory
    // picks a prompt per agent type with a switch expression.
    [Fact]
    public Task Template_and_switch_returned_by_methods_are_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Agents;
            public enum AgentType { Billing, General }
            public static class Prompts
            {
                private const string {|#1:Billing|} = "You handle billing questions only.";
                public static ChatMessage Script(string narrator, string language) => new(ChatRole.System, BuildSystemPrompt(narrator, language));
                public static ChatOptions Agent(AgentType type) => new() { Instructions = PromptFor(type) };
                private static string BuildSystemPrompt(string narrator, string language) =>
                    {|#0:$"You are {narrator}, a podcast narrator. Always write in {language}."|};
                private static string PromptFor(AgentType type) => type switch
                {
                    AgentType.Billing => Billing,
                    _ => {|#2:"You are a general support agent."|},
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Agents.Prompts.BuildSystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Agents.Prompts.Billing"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Agents.Prompts.PromptFor"));

    // Formatters of memories and context, prompts loaded from files, and methods an override or implementation may
    // replace are not followed into prompts.
    [Fact]
    public Task Formatters_loaders_and_overridable_methods_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using System.IO;
            using Microsoft.Extensions.AI;
            namespace Memory;
            public sealed record Note(DateTime Date, string Text);
            public interface IPromptSource { string Prompt(); }
            public class Context
            {
                public ChatMessage[] Build(Note note, IPromptSource source) => new[]
                {
                    new ChatMessage(ChatRole.System, Format(note)),
                    new ChatMessage(ChatRole.System, Load()),
                    new ChatMessage(ChatRole.System, Persona()),
                    new ChatMessage(ChatRole.System, source.Prompt()),
                };

                private static string Format(Note note) => $"[{note.Date:yyyy-MM-dd}] {note.Text}";
                private static string Load() => File.ReadAllText("prompt.txt");
                protected virtual string Persona() => "You are a friendly assistant.";
            }
            """);
}
