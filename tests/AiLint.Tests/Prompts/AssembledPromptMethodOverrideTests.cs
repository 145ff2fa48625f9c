using static AiLint.Tests.Prompts.PromptSetOverrideTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// An abstract or interface prompt method (<see cref="PromptSetMethodOverrideTests"/>) whose result is not sent alone but
/// with the request's data after it: <c>new SystemChatMessage(GetSystemPrompt() + "\n\nContext:\n" + context)</c> or
/// <c>$"{GetSystemPrompt()}\n\nToday is {now:D}."</c>. The call is then the one member of the assembled text, as a
/// non-virtual method's is, and each constant body is the prompt when it instructs; a heading over the data is not.
/// </summary>
public class AssembledPromptMethodOverrideTests
{
    private const string Agents = """
        using System;
        using OpenAI.Chat;
        namespace Rag
        {
            public abstract class RagAgent
            {
                protected abstract string GetSystemPrompt();

                public ChatMessage System(string context) => new SystemChatMessage(SENT);
            }

            public sealed class HrAgent : RagAgent
            {
                protected override string HR() => "You answer HR policy questions. Use only the context below and cite the policy name.";
            }

            public sealed class ItAgent : RagAgent
            {
                protected override string IT() { return "You are the IT help desk. Give numbered steps and never ask for passwords."; }
            }
        }
        """;

    private static string Sent(string sent, bool marked) => Agents
        .Replace("SENT", sent)
        .Replace("HR()", marked ? "{|#0:GetSystemPrompt|}()" : "GetSystemPrompt()")
        .Replace("IT()", marked ? "{|#1:GetSystemPrompt|}()" : "GetSystemPrompt()");

    [Theory]
    [InlineData("GetSystemPrompt() + \"\\n\\nContext:\\n\" + context")]
    [InlineData("$\"{GetSystemPrompt()}\\n\\nToday is {DateTime.Now:D}.\\n\\n{context}\"")]
    public Task Each_constant_override_sent_with_data_after_it_is_the_prompt(string sent) =>
        VerifyFilesAsync(
            new[] { Sent(sent, marked: true) },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.HrAgent.GetSystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Rag.ItAgent.GetSystemPrompt"));

    // One override reads its text from configuration: the set is open, and the assembled text with its hole instructs
    // nothing by itself.
    [Fact]
    public Task An_open_set_sent_with_data_stays_quiet() =>
        VerifyFilesAsync(new[]
        {
            Sent("GetSystemPrompt() + \"\\n\\nContext:\\n\" + context", marked: false)
                .Replace("{ return \"You are the IT help desk. Give numbered steps and never ask for passwords.\"; }", "=> Environment.GetEnvironmentVariable(\"IT_PROMPT\") ?? \"\";"),
        });

    // The overrides only head the data (`"### Sources"`): a heading over the context, not a prompt.
    [Fact]
    public Task Headings_returned_by_overrides_over_data_stay_quiet() =>
        VerifyFilesAsync(new[]
        {
            Sent("GetSystemPrompt() + \"\\n\" + context", marked: false)
                .Replace("\"You answer HR policy questions. Use only the context below and cite the policy name.\"", "\"### Sources\"")
                .Replace("\"You are the IT help desk. Give numbered steps and never ask for passwords.\"", "\"Relevant documents:\"")
                .Replace("GetSystemPrompt", "GetHeading"),
        });
}
