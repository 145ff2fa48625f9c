using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Correct code written next to the two prompt shapes followed since today: readonly fields set in a constructor
/// (<c>ConstructorAssignments</c>) and templates with data at a slot that must instruct (<c>DataTemplate</c>).
/// Each test is code real apps write that is not an untested prompt; the few positives pin the line from the other side.
/// </summary>
public class TodayPromptShapeFalsePositiveTests
{
    // ---------------------------------------------------------------- readonly fields set in a constructor

    // A chat service takes its system prompt from configuration or from its caller: nothing of it is text in code.
    [Fact]
    public Task A_constructor_field_from_a_parameter_or_configuration_is_not_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Chat;
            public sealed class ChatService
            {
                private readonly string systemPrompt;
                public ChatService(IConfiguration config) { systemPrompt = config["Chat:SystemPrompt"]!; }
                public ChatService(string systemPrompt) { this.systemPrompt = systemPrompt; }
                public ChatHistory Start() => new ChatHistory(systemPrompt);
                public ChatOptions Options() => new ChatOptions { Instructions = systemPrompt };
            }
            """);

    // The contract's prompt is constant text that reaches a slot: a literal one constructor assigns is one, even
    // when another constructor reads configuration (as `config["Prompt"] ?? Fallback` reports its fallback). A value
    // under the null-forgiving `!` is followed like the value itself.
    [Fact]
    public Task A_literal_one_constructor_assigns_next_to_configuration_in_another_is_the_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Chat;
            public sealed class ChatService
            {
                private readonly string systemPrompt;
                public ChatService(IConfiguration config) { systemPrompt = config["Chat:SystemPrompt"]!; }
                public ChatService() { systemPrompt = {|#0:"You are a helpful assistant. Never share internal links."|}; }
                public ChatService(string prompt, bool wired) { systemPrompt = prompt!; }
                public ChatMessage Start() => new ChatMessage(ChatRole.System, systemPrompt);
            }
            public static class Wiring
            {
                public static ChatService Create() => new ChatService({|#1:"You are a wired assistant. Always cite sources."|}, true);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.ChatService.systemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Wiring.Create"));

    // A readonly field that holds the user's turn, the greeting shown in the chat window, a tool description, an
    // error message or the model id reaches no system slot, however much it reads like an instruction.
    [Fact]
    public Task Constructor_fields_that_reach_no_system_slot_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Chat;
            public sealed class Assistant
            {
                private readonly string question, greeting, toolDescription, failure, model;
                private readonly IChatClient client;
                public Assistant(IChatClient client)
                {
                    this.client = client;
                    question = "What is the weather like in Paris today?";
                    greeting = "Hi! I am your travel assistant. Ask me anything about your trip.";
                    toolDescription = "Gets the current weather for a city. Always pass the city name in English.";
                    failure = "The model did not answer. You must try again later.";
                    model = "gpt-4o-mini";
                }
                public Task<ChatResponse> Ask() => client.GetResponseAsync(question);
                public List<ChatMessage> Conversation() => new()
                {
                    new ChatMessage(ChatRole.Assistant, greeting),
                    new ChatMessage(ChatRole.User, question),
                };
                public void Replay(ChatHistory history) { history.AddAssistantMessage(greeting); history.AddUserMessage(question); }
                public AIFunction Tool() => AIFunctionFactory.Create((string city) => "sunny", "get_weather", toolDescription);
                public ChatOptions Options() => new ChatOptions { ModelId = model };
                public Exception Fail() => new InvalidOperationException(failure);
            }
            """);

    // A data sentence assigned in the constructor is judged like one written at the slot.
    [Fact]
    public Task A_constructor_field_holding_a_data_template_is_judged_as_a_template() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Chat;
            public sealed class Session
            {
                private readonly string facts, context;
                public Session(string user, string document)
                {
                    facts = $"The user's name is {user}. Today is {DateTime.Now:D}.";
                    context = $"## Context\n{document}";
                }
                public ChatMessage[] Messages() => new[]
                {
                    new ChatMessage(ChatRole.System, facts),
                    new ChatMessage(ChatRole.System, context),
                };
            }
            """);

    [Fact]
    public async Task Half_typed_constructor_assignments_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Chat;
                public sealed class Session
                {
                    private readonly string a, b, c;
                    public Session(string x) { a = x ?? ; this. = "You are c."; (b, ) = ("You are b. Never", x); c = $"You are {x"; }
                    public Session() : this( { }
                    public ChatMessage A() => new ChatMessage(ChatRole.System, a);
                    public ChatMessage B() => new ChatMessage(ChatRole.System, b);
                    public ChatMessage C() => new ChatMessage(ChatRole.System, c);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- templates with data at a slot

    // Labels whose first word is also a prompt verb ("Use", "Find", "Keep", "Do") head data, not instructions; so do
    // compound words hyphenated from a verb or keyword ("Follow-up", "Do-not-reply", "Read-only").
    [Fact]
    public Task Labels_that_open_with_a_listed_verb_are_not_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Labels
            {
                public static ChatMessage[] Messages(string useCase, string doc, int seconds, string mail, string question) => new[]
                {
                    new ChatMessage(ChatRole.System, $"Use case: {useCase}"),
                    new ChatMessage(ChatRole.System, $"Find attached: {doc}"),
                    new ChatMessage(ChatRole.System, $"Keep-alive: {seconds}"),
                    new ChatMessage(ChatRole.System, $"Do-not-reply address: {mail}"),
                    new ChatMessage(ChatRole.System, $"Follow-up question from the user: {question}"),
                    new ChatMessage(ChatRole.System, $"Read-only fields of the record: {doc}"),
                };
            }
            """);

    // Memory, compaction and tool layers add what they found under a heading as a system message of their own.
    [Fact]
    public Task Headings_over_memories_summaries_and_tool_results_are_not_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            namespace Chat;
            public static class Context
            {
                public static void Add(ChatHistory history, string summary, string memories, string results, string doc)
                {
                    history.AddSystemMessage($"Summary of the conversation so far:\n{summary}");
                    history.AddSystemMessage($"Relevant memories:\n{memories}");
                    history.AddSystemMessage($"Tool results:\n{results}");
                    history.AddSystemMessage($"## Context\n{doc}");
                    history.AddSystemMessage($"### Retrieved documents\n\n{doc}\n\n### End of documents");
                }
                public static SystemChatMessage Memory(string memories) => new SystemChatMessage($"Relevant memories:\n{memories}");
                public static ChatOptions Options(string doc) => new ChatOptions { Instructions = $"## Context\n{doc}" };
            }
            """);

    // Structured payloads: JSON state and XML documents handed to the model as data.
    [Fact]
    public Task Json_and_xml_payload_templates_are_not_prompts() =>
        VerifyAsync(
            """"
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Payloads
            {
                public static ChatMessage[] Messages(string name, string plan, string title, string body) => new[]
                {
                    new ChatMessage(ChatRole.System, $"{{\"user\": \"{name}\", \"plan\": \"{plan}\", \"use\": \"read only\"}}"),
                    new ChatMessage(ChatRole.System, $"<document title=\"{title}\">\n{body}\n</document>"),
                    new ChatMessage(ChatRole.System, $"<user><name>{name}</name><plan>{plan}</plan></user>"),
                    new ChatMessage(ChatRole.System, $$"""{"state": {"user": "{{name}}", "plan": "{{plan}}"} }"""),
                };
            }
            """");

    // The other side: short instructions with data in them stay prompts; a keyword or verb standing alone still counts
    // next to a hyphenated word.
    [Fact]
    public Task Instructions_with_data_stay_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Chat;
            public static class Prompts
            {
                public static ChatMessage[] Messages(string language, string company) => new[]
                {
                    new ChatMessage(ChatRole.System, {|#0:$"Answer in {language}."|}),
                    new ChatMessage(ChatRole.System, {|#1:$"You are a helpful assistant for {company}."|}),
                    new ChatMessage(ChatRole.System, {|#2:$"Use the following context to answer:\n{company}"|}),
                    new ChatMessage(ChatRole.System, {|#3:$"Only answer questions about {company} products."|}),
                    new ChatMessage(ChatRole.System, {|#4:$"Use read-only tools to inspect {company} orders."|}),
                };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Chat.Prompts.Messages"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Chat.Prompts.Messages"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Chat.Prompts.Messages"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Chat.Prompts.Messages"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Chat.Prompts.Messages"));

    // AIL0303 reads keywords the same way: "read-only" states a fact about the data, "Only answer" instructs.
    [Fact]
    public Task A_hyphenated_keyword_is_not_an_uncovered_instruction() =>
        VerifyAsync(
            """
            using AiLint;
            namespace Shop;
            public static class Prompts
            {
                [Prompt] public const string Support = "You are a support bot. The order database is read-only. Must-have fields are marked. {|#0:Only answer in English.|}";
            }
            """,
            new[] { ("evals/p.evals.jsonl", Case("Shop.Prompts.Support")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Only answer in English.", "Shop.Prompts.Support"));
}
