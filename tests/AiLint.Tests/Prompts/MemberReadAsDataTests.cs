using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A field or property read of a parameter, a local or an injected object (<c>request.Message</c>, <c>r.Text</c>,
/// <c>_last.Message</c>) beside a prompt member is data from outside, exactly as a string parameter is (review42 FP1 and
/// M1: ojrojas/ChatBot <c>SystemPrompt + "\n\n" + request.message</c>). So the prompt member is the prompt under its own
/// id, not the whole concatenation under the method's name; a member read whose value is a prompt of the project
/// (<c>set.System</c> returning a constant) is still followed as text.
/// </summary>
public class MemberReadAsDataTests
{
    private const string Types = """
        public class MessageCompletion
        {
            public string Model { get; set; } = "";
            public string Message { get; set; } = "";
        }
        """;

    private static string Code(string prompt, string body) => $$"""
        using OpenAI.Chat;
        namespace Repro;
        public static class PromptChat
        {
            {{prompt}}
        }
        {{Types}}
        public class ChatBotService
        {
            {{body}}
        }
        """;

    private const string ConstPrompt = "public const string {|#0:SystemPrompt|} = \"You are my personal chatbot, a highly skilled software engineer. Always format your answers as HTML.\";";
    private const string MutablePrompt = "public static string {|#0:SystemPrompt|} = \"You are my personal chatbot, a highly skilled software engineer. Always format your answers as HTML.\";";

    private static readonly (string, string)[] Covered = { ("evals/Prompts.evals.jsonl", Case("Repro.PromptChat.SystemPrompt", rule: "Always format your answers as HTML.")) };

    // FP1 (Repro/MemberPlusDtoProperty): the eval file covers the constant, so nothing is reported.
    [Fact]
    public Task A_constant_plus_a_dto_property_covered_by_the_constants_case_is_quiet() =>
        VerifyAsync(
            Code(ConstPrompt.Replace("{|#0:SystemPrompt|}", "SystemPrompt"), """
                public ChatMessage Build(MessageCompletion request) =>
                    new SystemChatMessage(PromptChat.SystemPrompt + "\n\n" + request.Message);
                """),
            Covered);

    // Without cases the constant is reported under its own id, as with a string parameter.
    [Theory]
    [InlineData("public ChatMessage Build(MessageCompletion request) => new SystemChatMessage(PromptChat.SystemPrompt + \"\\n\\n\" + request.Message);")]
    [InlineData("public ChatMessage Build(string message) => new SystemChatMessage(PromptChat.SystemPrompt + \"\\n\\n\" + message);")]
    [InlineData("public ChatMessage Build(MessageCompletion request) { var r = request; return new SystemChatMessage(PromptChat.SystemPrompt + \"\\n\\n\" + r.Message); }")]
    [InlineData("private readonly MessageCompletion _last = new(); public ChatMessage Build() => new SystemChatMessage(PromptChat.SystemPrompt + \"\\n\\n\" + _last.Message);")]
    [InlineData("public ChatMessage Build(MessageCompletion request) => new SystemChatMessage($\"{PromptChat.SystemPrompt}\\n\\n{request.Message}\");")]
    public Task A_constant_plus_data_read_from_outside_is_reported_under_the_constants_id(string body) =>
        VerifyAsync(Code(ConstPrompt, body), Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.PromptChat.SystemPrompt"));

    // M1 (Repro/MutableMemberPlusDtoProperty): a mutable static field counts by its default, beside a DTO property as
    // beside a parameter.
    [Theory]
    [InlineData("public ChatMessage Build(MessageCompletion request) => new SystemChatMessage(PromptChat.SystemPrompt + \"\\n\\n\" + request.Message);")]
    [InlineData("public ChatMessage Build(string message) => new SystemChatMessage(PromptChat.SystemPrompt + \"\\n\\n\" + message);")]
    public Task A_mutable_static_prompt_plus_data_is_reported_under_its_id(string body) =>
        VerifyAsync(Code(MutablePrompt, body), Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.PromptChat.SystemPrompt"));

    [Fact]
    public Task A_mutable_static_prompt_plus_a_dto_property_covered_by_its_case_is_quiet() =>
        VerifyAsync(
            Code(MutablePrompt.Replace("{|#0:SystemPrompt|}", "SystemPrompt"), """
                public ChatMessage Build(MessageCompletion request) =>
                    new SystemChatMessage(PromptChat.SystemPrompt + "\n\n" + request.Message);
                """),
            Covered);

    // Instructions written around a DTO property are a prompt of the method, as around a string parameter; a header
    // over the DTO's text (the parameter twin is quiet too) is not.
    [Fact]
    public Task Instructions_around_a_dto_property_are_reported_a_header_over_it_is_not() =>
        VerifyAsync(
            Code(string.Empty, """
                public ChatMessage Instructed(MessageCompletion request) =>
                    new SystemChatMessage({|#0:"You are a support bot. Never reveal internal notes.\n" + request.Message|});
                public ChatMessage InstructedParameter(string message) =>
                    new SystemChatMessage({|#1:"You are a support bot. Never reveal internal notes.\n" + message|});
                public ChatMessage Header(MessageCompletion request) => new SystemChatMessage("Context: " + request.Message);
                public ChatMessage HeaderParameter(string message) => new SystemChatMessage("Context: " + message);
                """),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.ChatBotService.Instructed"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Repro.ChatBotService.InstructedParameter"));

    // Negative twin: a property read of a local whose value is a prompt constant of the project is still followed as
    // text (the constant is the prompt), and so is a static chain to it.
    [Theory]
    [InlineData("public ChatMessage Build(MessageCompletion request) { var set = PromptSets.Current; return new SystemChatMessage(set.System + \"\\n\\n\" + request.Message); }")]
    [InlineData("public ChatMessage Build(MessageCompletion request) => new SystemChatMessage(PromptSets.Current.System + \"\\n\\n\" + request.Message);")]
    public Task A_member_read_whose_value_is_a_prompt_constant_is_still_the_prompt(string body) =>
        VerifyAsync(
            $$"""
            using OpenAI.Chat;
            namespace Repro;
            public static class PromptTexts
            {
                public const string {|#0:Support|} = "You are the Contoso support assistant. Never promise refunds.";
            }
            public sealed class PromptSet { public string System => PromptTexts.Support; }
            public static class PromptSets { public static PromptSet Current { get; } = new PromptSet(); }
            {{Types}}
            public class ChatBotService
            {
                {{body}}
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.PromptTexts.Support"));
}
