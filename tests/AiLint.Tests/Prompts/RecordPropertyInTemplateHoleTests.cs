using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review46 FP1 (Repro/RecordContentInHole, shape of HJWF/TheAssistant's AgendaAgent): a positional record's property
/// read into the data hole of a template that is no prompt is data from outside, as the same property of a class is;
/// so a canned reply written into the record (<c>AgentConstants.SorryMessage</c>) is no prompt. The record's property
/// read at a system slot still holds the instructions written into it.
/// </summary>
public class RecordPropertyInTemplateHoleTests
{
    private const string Prompts = """
        public static class AgentConstants
        {
            public const string SorryMessage = "Sorry, I don't know how to handle that.";
        }

        public static class Prompts
        {
            public static string ExtractQuestionIntentPrompt(string question) => $@"
                        Question: {question}

                        Extract a JSON object representing the user's intent:
                        - Start and End times (if mentioned like 'morning', 'after 15:00')
                        - Return null if no time constraints
                        ";
        }
        """;

    private static string Agent(string messageType, string reply) => $$"""
        using Microsoft.SemanticKernel.ChatCompletion;
        using System.Threading.Tasks;
        namespace Demo;
        {{messageType}}
        {{Prompts}}
        public class AgendaAgent(IChatCompletionService chat)
        {
            public async Task<AgentMessage> HandleAsync(AgentMessage message)
            {
                var history = new ChatHistory();
                history.AddSystemMessage(Prompts.ExtractQuestionIntentPrompt(message.Content));
                var reply = await chat.GetChatMessageContentAsync(history);
                return {{reply}};
            }
        }
        """;

    private const string PositionalRecord = "public record AgentMessage(string Sender, string Receiver, string Role, string Content);";

    private const string ClassWithConstructor = """
        public class AgentMessage
        {
            public string Sender { get; set; }
            public string Receiver { get; set; }
            public string Role { get; set; }
            public string Content { get; set; }

            public AgentMessage(string sender, string receiver, string role, string content)
            {
                Sender = sender;
                Receiver = receiver;
                Role = role;
                Content = content;
            }
        }
        """;

    private const string RecordWithInitProperty = "public record AgentMessage(string Sender, string Receiver, string Role) { public string Content { get; init; } = \"\"; }";

    // The repro as found: a positional record.
    [Fact]
    public Task A_canned_reply_in_a_positional_records_content_filling_a_template_hole_is_not_a_prompt() =>
        VerifyAsync(Agent(PositionalRecord, "new AgentMessage(\"agenda-agent\", message.Sender, \"agent\", reply.Content ?? AgentConstants.SorryMessage)"));

    // The same with the repository's real shape (a class set in its constructor), and a record with an init property.
    [Theory]
    [InlineData(ClassWithConstructor, "new AgentMessage(\"agenda-agent\", message.Sender, \"agent\", reply.Content ?? AgentConstants.SorryMessage)")]
    [InlineData(RecordWithInitProperty, "new AgentMessage(\"agenda-agent\", message.Sender, \"agent\") { Content = reply.Content ?? AgentConstants.SorryMessage }")]
    public Task A_canned_reply_in_a_class_or_init_property_filling_a_template_hole_is_not_a_prompt(string type, string reply) =>
        VerifyAsync(Agent(type, reply));

    // The real repository's chain is one call longer (`ExtractIntentAsync(message.Content)` hands the question on):
    // before the fix the class stayed quiet there only because the walk stops after four steps, the record's one step
    // shorter chain did not. Both are quiet now for the same reason: the hole is labelled data.
    [Theory]
    [InlineData(PositionalRecord)]
    [InlineData(ClassWithConstructor)]
    public Task A_canned_reply_reaching_a_labelled_hole_through_one_more_call_is_not_a_prompt(string type) =>
        VerifyAsync($$"""
            using Microsoft.SemanticKernel.ChatCompletion;
            using System.Threading.Tasks;
            namespace Demo;
            {{type}}
            {{Prompts}}
            public class AgendaAgent(IChatCompletionService chat)
            {
                public async Task<AgentMessage> HandleAsync(AgentMessage message)
                {
                    var intent = await ExtractIntentAsync(message.Content);
                    return new AgentMessage("agenda-agent", message.Sender, "agent", intent ?? AgentConstants.SorryMessage);
                }

                private async Task<string?> ExtractIntentAsync(string question)
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage(Prompts.ExtractQuestionIntentPrompt(question));
                    var reply = await chat.GetChatMessageContentAsync(history);
                    return reply.Content;
                }
            }
            """);

    // The same property read straight into a labelled hole at the slot is data too: the template around it is the
    // prompt (it instructs), the canned reply written into the property is not.
    [Theory]
    [InlineData(PositionalRecord)]
    [InlineData(ClassWithConstructor)]
    public Task A_property_read_into_a_labelled_hole_at_the_slot_is_data(string type) =>
        VerifyAsync($$"""
            using OpenAI.Chat;
            namespace Demo;
            {{type}}
            public static class AgentConstants
            {
                public const string SorryMessage = "Sorry, I don't know how to handle that.";
            }
            public class Replies
            {
                public AgentMessage Sorry(AgentMessage m) => new AgentMessage("bot", m.Sender, "agent", AgentConstants.SorryMessage);
                public ChatMessage Classify(AgentMessage m) => new SystemChatMessage({|#0:$"Message: {m.Content}\nClassify the message above as billing or support."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Demo.Replies.Classify"));

    // A labelled hole in a header over the data: nothing of it is a prompt, and the canned reply written into the
    // property is not one either (quiet before this change too; kept as the header-at-the-slot twin).
    [Theory]
    [InlineData(PositionalRecord)]
    [InlineData(ClassWithConstructor)]
    public Task A_property_read_into_a_labelled_hole_of_a_data_template_at_the_slot_is_data(string type) =>
        VerifyAsync($$"""
            using OpenAI.Chat;
            namespace Demo;
            {{type}}
            public static class AgentConstants
            {
                public const string SorryMessage = "Sorry, I don't know how to handle that.";
            }
            public class Replies
            {
                public AgentMessage Sorry(AgentMessage m) => new AgentMessage("bot", m.Sender, "agent", AgentConstants.SorryMessage);
                public ChatMessage Context(AgentMessage m) => new SystemChatMessage("Previous message: " + m.Content);
            }
            """);

    // Twin: the record's Content written with an instruction constant and read at a system slot is a prompt, for the
    // positional record as for the class.
    [Theory]
    [InlineData(PositionalRecord)]
    [InlineData(ClassWithConstructor)]
    public Task An_instruction_constant_written_into_content_and_read_at_a_system_slot_is_a_prompt(string type) =>
        VerifyAsync($$"""
            using OpenAI.Chat;
            namespace Demo;
            {{type}}
            public static class AgentPrompts
            {
                public const string {|#0:Planner|} = "You are a travel planner. Never book flights without asking.";
            }
            public class Replay
            {
                public AgentMessage Start(string user) => new AgentMessage("app", user, "system", AgentPrompts.Planner);
                public ChatMessage ToSdk(AgentMessage m) => new SystemChatMessage(m.Content);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Demo.AgentPrompts.Planner"));

    // Twin: an unlabelled hole on its own line (a stored prompt with rules appended) and a labelled hole named for
    // instructions are still followed to what is written there.
    [Theory]
    [InlineData("new SystemChatMessage($\"{m.Content}\\n\\nToday is {System.DateTime.Now:D}.\")")]
    [InlineData("new SystemChatMessage(Wrap(m.Content, \"hi\"))")]
    public Task A_record_property_in_an_unlabelled_or_instruction_named_hole_is_followed(string slot) =>
        VerifyAsync($$"""
            using OpenAI.Chat;
            namespace Demo;
            {{PositionalRecord}}
            public static class AgentPrompts
            {
                public const string {|#0:Planner|} = "You are a travel planner. Never book flights without asking.";
            }
            public class Replay
            {
                public AgentMessage Start(string user) => new AgentMessage("app", user, "system", AgentPrompts.Planner);
                public ChatMessage ToSdk(AgentMessage m) => {{slot}};
                private static string Wrap(string systemPrompt, string question) => $"System prompt: {systemPrompt}\nQuestion: {question}";
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Demo.AgentPrompts.Planner"));

    // Half-typed: the record and the template are being written.
    [Fact]
    public Task Half_typed_record_and_template_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Demo;
                public record AgentMessage(string Sender, string Content
                public static class AgentConstants { public const string SorryMessage = "Sorry, I don't know how to handle that."; }
                public static class Prompts { public static string Intent(string question) => $@"Question: {question
                    Extract a JSON object"; }
                public class AgendaAgent(IChatCompletionService chat)
                {
                    public void Handle(AgentMessage message)
                    {
                        var history = new ChatHistory();
                        history.AddSystemMessage(Prompts.Intent(message.Content));
                        _ = new AgentMessage("agent", message.Content ?? AgentConstants.SorryMessage);
                        history.AddSystemMessage($"Question: {message.
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
