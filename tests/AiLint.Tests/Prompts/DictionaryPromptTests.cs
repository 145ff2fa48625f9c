using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// System prompts kept as the values of a dictionary and chosen by key (review66 kyletaylored/infra-advisor-ai
/// AgentService.SpecialistSystemPrompts, Repro/DictionarySystemPrompts): each value written in the initializer of a
/// readonly dictionary that only lookups use is a prompt, named after the dictionary and its key and reported on the
/// value. Beside each lookup form, the correct code that stays quiet: a dictionary of labels, one whose values go to a
/// user turn, one filled from configuration, passed out or held in a mutable field.
/// </summary>
public class DictionaryPromptTests
{
    [Fact]
    public Task Values_read_by_indexer_into_a_system_message_are_prompts_named_after_their_key() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Advisor;
            public sealed class Specialists(ChatClient chat)
            {
                private static readonly Dictionary<string, string> SpecialistPrompts = new()
                {
                    ["cost"] = {|#0:"You are a cost specialist. Always cite the price source."|},
                    ["legal"] = {|#1:"You are a legal specialist. " + "Never state an opinion as law."|},
                };

                public async Task<string> AnswerAsync(string route, string query)
                {
                    var system = SpecialistPrompts[route];
                    var reply = await chat.CompleteChatAsync(new SystemChatMessage(system), new UserChatMessage(query));
                    return reply.Value.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.Specialists.SpecialistPrompts[cost]"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Advisor.Specialists.SpecialistPrompts[legal]"));

    // The repro's shape: TryGetValue with the out variable, the constant-key fallback, Add-style entries and a frozen
    // copy. The constant key "general" names one entry; the out variable may be any of them.
    [Fact]
    public Task TryGetValue_with_a_constant_key_fallback_reads_every_entry() =>
        VerifyAsync(
            """
            using System.Collections.Frozen;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Advisor;
            public sealed class Router(IChatClient chat)
            {
                private static readonly FrozenDictionary<string, string> Prompts = new Dictionary<string, string>
                {
                    { "engineering", {|#0:"You are an engineering specialist. Always cite source IDs."|} },
                    { "general", {|#1:"You are a technical assistant. Never speculate about missing data."|} },
                }.ToFrozenDictionary();

                public async Task<string> AnswerAsync(string specialist, string query)
                {
                    var sysPrompt = Prompts.TryGetValue(specialist, out var sp) ? sp : Prompts["general"];
                    var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, sysPrompt), new ChatMessage(ChatRole.User, query)]);
                    return response.Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.Router.Prompts[engineering]"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Advisor.Router.Prompts[general]"));

    // GetValueOrDefault with a fallback constant (reported under its own name), into ChatOptions.Instructions, from an
    // IReadOnlyDictionary held by a get-only property; an enum key names the entry by its member. A constant value keeps
    // its own name.
    [Fact]
    public Task GetValueOrDefault_into_instructions_reads_the_entries_and_the_fallback() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Advisor;
            public enum Topic { Billing, Shipping }
            public sealed class Desk(IChatClient chat)
            {
                private const string {|#0:DefaultPrompt|} = "You are a support agent. Never promise refunds.";
                private const string {|#1:ShippingPrompt|} = "You are a shipping agent. Always give the tracking number.";

                public IReadOnlyDictionary<Topic, string> Prompts { get; } = new Dictionary<Topic, string>
                {
                    [Topic.Billing] = {|#2:"You are a billing agent. Only discuss invoices."|},
                    [Topic.Shipping] = ShippingPrompt,
                };

                public async Task<string> AnswerAsync(Topic topic, string question)
                {
                    var options = new ChatOptions { Instructions = Prompts.GetValueOrDefault(topic, DefaultPrompt) };
                    return (await chat.GetResponseAsync(question, options)).Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.Desk.DefaultPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Advisor.Desk.ShippingPrompt"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Advisor.Desk.Prompts[Billing]"));

    // `if (!Prompts.TryGetValue(route, out var instructions)) instructions = Fallback;` into an agent's instructions: the
    // dictionary's values and the assigned fallback. A dictionary that also gets constant text added stays known.
    [Fact]
    public Task TryGetValue_in_a_statement_with_an_assigned_fallback_into_agent_instructions() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Advisor;
            public sealed class AgentFactory(IChatClient client)
            {
                private const string {|#0:Fallback|} = "You are a general assistant. Always answer in English.";
                private readonly Dictionary<string, string> prompts = new(System.StringComparer.OrdinalIgnoreCase)
                {
                    ["triage"] = {|#1:"You are the triage agent. Only route, never answer."|},
                };

                public AgentFactory Register()
                {
                    prompts["faq"] = "You answer FAQs.";
                    return this;
                }

                public AIAgent Create(string route)
                {
                    if (!prompts.TryGetValue(route, out var instructions))
                    {
                        instructions = Fallback;
                    }

                    return new ChatClientAgent(client, instructions: instructions, name: route);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Advisor.AgentFactory.prompts[triage]"),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.AgentFactory.Fallback"));

    [Fact]
    public Task A_covered_entry_is_quiet_and_its_uncovered_sibling_still_reports() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using OpenAI.Chat;
            namespace Advisor;
            public static class Conversation
            {
                private static readonly Dictionary<string, string> Personas = new()
                {
                    ["pirate"] = "You are a pirate. Always answer in pirate speak.",
                    ["poet"] = {|#0:"You are a poet. Always answer in rhyme."|},
                };

                public static ChatMessage System(string persona) => new SystemChatMessage(Personas[persona]);
            }
            """,
            new[] { ("evals/Conversation.evals.jsonl", Case("Advisor.Conversation.Personas[pirate]", rule: "Always answer in pirate speak.")) },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.Conversation.Personas[poet]"));

    // A constant key names its entry: the other entries reach no slot from here and stay quiet.
    [Fact]
    public Task A_constant_key_reads_only_its_own_entry() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using OpenAI.Chat;
            namespace Advisor;
            public static class Fixed
            {
                private static readonly Dictionary<string, string> Prompts = new()
                {
                    ["general"] = {|#0:"You are a technical assistant. Never speculate about missing data."|},
                    ["greeting"] = "Hello! You are talking to the Advisor. How can I help you today?",
                };

                public static ChatMessage System() => new SystemChatMessage(Prompts["General"]);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.Fixed.Prompts[general]"));

    // The fix scaffolds todo cases under the entry's id, in the dictionary's type's eval file.
    [Fact]
    public async Task The_fix_scaffolds_cases_under_the_entrys_id()
    {
        const string code = """
            using System.Collections.Generic;
            using OpenAI.Chat;
            namespace Advisor;
            public static class Conversation
            {
                private static readonly Dictionary<string, string> Personas = new()
                {
                    ["pirate"] = {|AIL0301:"You are a pirate. Always answer in pirate speak."|},
                };

                public static ChatMessage System(string persona) => new SystemChatMessage(Personas[persona]);
            }
            """;
        var test = new CodeFixTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer, AiLint.CodeFixes.Rules.Prompts.EvalScaffoldCodeFixProvider>
        {
            TestCode = code,
            FixedCode = code, // todo cases do not count: the diagnostic stays
        };
        test.FixedAdditionalFiles.Add((
            "evals/Conversation.evals.jsonl",
            """
            {"prompt":"Advisor.Conversation.Personas[pirate]","id":"todo-always-answer-in-pirate-speak","rule":"Always answer in pirate speak.","status":"todo","input":"","expect":""}

            """));
        await test.RunAsync();
    }

    // Negatives: labels shown to the user (no slot), and questions sent as the user's turn next to a system constant
    // that is reported, so the slot is live.
    [Fact]
    public Task Labels_and_user_turns_from_a_dictionary_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Advisor;
            public sealed class Menu(ChatClient chat)
            {
                private const string {|#0:System|} = "You are a helpful assistant. Never reveal internal notes.";

                private static readonly Dictionary<string, string> Labels = new()
                {
                    ["cost"] = "Cost specialist (answers pricing questions)",
                    ["legal"] = "Legal specialist",
                };

                private static readonly Dictionary<string, string> Samples = new()
                {
                    ["cost"] = "You are pricing my order: always quote in euros, never in dollars.",
                    ["legal"] = "What does the warranty cover?",
                };

                public void Show(string key) => Console.WriteLine(Labels[key]);

                public async Task<string> TryAsync(string key)
                {
                    var reply = await chat.CompleteChatAsync(new SystemChatMessage(System), new UserChatMessage(Samples[key]));
                    return reply.Value.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.Menu.System"));

    // Negatives: a dictionary filled from configuration, one handed to other code, one in a mutable field and one built
    // with computed values; the reported twin is a read-only dictionary only looked up.
    [Fact]
    public Task Dictionaries_whose_values_are_not_all_written_in_source_are_not_read() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Advisor;
            public sealed class Prompts(IConfiguration configuration)
            {
                private readonly Dictionary<string, string> configured = new()
                {
                    ["cost"] = "You are a cost specialist. Always cite the price source.",
                };

                private static readonly Dictionary<string, string> Shared = new()
                {
                    ["cost"] = "You are a cost specialist. Always cite the price source.",
                };

                private static Dictionary<string, string> mutable = new()
                {
                    ["cost"] = "You are a cost specialist. Always cite the price source.",
                };

                private static readonly Dictionary<string, string> Computed = new[] { "cost" }
                    .ToDictionary(k => k, k => "You are a " + k + " specialist. Always cite the price source.");

                private static readonly Dictionary<string, string> Twin = new()
                {
                    ["cost"] = {|#0:"You are a cost specialist. Always cite the price source."|},
                };

                public void Load()
                {
                    foreach (var section in configuration.GetChildren())
                    {
                        configured[section.Key] = section.Value!;
                    }

                    Registry.Use(Shared);
                }

                public ChatMessage[] Build(string key) => new[]
                {
                    new ChatMessage(ChatRole.System, configured[key]),
                    new ChatMessage(ChatRole.System, Shared[key]),
                    new ChatMessage(ChatRole.System, mutable[key]),
                    new ChatMessage(ChatRole.System, Computed[key]),
                    new ChatMessage(ChatRole.System, Twin[key]),
                };
            }

            public static class Registry
            {
                public static void Use(IDictionary<string, string> prompts) => prompts["cost"] = System.Environment.GetEnvironmentVariable("COST_PROMPT")!;
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Advisor.Prompts.Twin[cost]"));

    // A public Dictionary of a library may be changed by a referencing project; the same table typed read-only may not.
    [Fact]
    public Task A_public_mutable_dictionary_is_not_read_and_its_read_only_twin_is() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Lib;
            public static class PromptLibrary
            {
                public static readonly Dictionary<string, string> Mutable = new()
                {
                    ["summarize"] = "Summarize the text in one paragraph. Never invent facts.",
                };

                public static readonly IReadOnlyDictionary<string, string> ReadOnly = new Dictionary<string, string>
                {
                    ["summarize"] = {|#0:"Summarize the text in one paragraph. Never invent facts."|},
                };

                public static ChatMessage[] Build() =>
                [
                    new ChatMessage(ChatRole.System, Mutable["summarize"]),
                    new ChatMessage(ChatRole.System, ReadOnly["summarize"]),
                ];
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Lib.PromptLibrary.ReadOnly[summarize]"));

    // A local the code writes otherwise than by TryGetValue and plain assignment (a compound append) is not followed.
    [Fact]
    public Task A_TryGetValue_local_extended_with_compound_assignment_is_not_followed() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using OpenAI.Chat;
            namespace Advisor;
            public static class Extended
            {
                private static readonly Dictionary<string, string> Prompts = new()
                {
                    ["cost"] = "You are a cost specialist. Always cite the price source.",
                };

                public static ChatMessage System(string key, string context)
                {
                    Prompts.TryGetValue(key, out var prompt);
                    prompt += context;
                    return new SystemChatMessage(prompt);
                }
            }
            """);

    [Fact]
    public Task Half_typed_dictionaries_and_lookups_do_not_crash()
    {
        var test = new AnalyzerTest
        {
            TestCode = """
                using System.Collections.Generic;
                using OpenAI.Chat;
                namespace Advisor;
                public static class Typing
                {
                    private static readonly Dictionary<string, string> Broken = new()
                    {
                        ["cost"] = "You are a cost specialist. Always cite
                    };

                    private static readonly Dictionary<string, string> Prompts = new()
                    {
                        ["cost"] = "You are a cost specialist. Always cite the price source.",
                        ["legal"] =
                    };

                    public static ChatMessage[] Build(string key) => new ChatMessage[]
                    {
                        new SystemChatMessage(Broken[key]),
                        new SystemChatMessage(Prompts[]),
                        new SystemChatMessage(Prompts.TryGetValue(key, out var p) ? p : ),
                        new SystemChatMessage(Prompts.GetValueOrDefault(key, )),
                        new SystemChatMessage(Missing[key]),
                    };
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // The initializer with a half-typed entry is not read at all; nothing else here is a prompt either.
        return test.RunAsync();
    }
}
