using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A project helper that returns its own parameter (a tag mapper, <c>Sanitize</c>, <c>Truncate</c>) applied to both
/// turns of one conversation. The text given to the helper is a prompt only where THAT call's result fills an
/// instruction slot: the call written at the system turn passes its own argument on, and the helper's other callers
/// (the user turn) stay data. Before, the helper's parameter was followed to every call site of the helper, so the
/// user-turn texts were reported as prompts (review86 repro-2, sumanpala/MyEvaluationsAPI AIResponseController).
/// </summary>
public class PassThroughHelperTurnTests
{
    // review86 FP (failed before the fix: both user-turn texts given to GenerateSectionAsync were reported too). The
    // system text, reached through `UpdateXMLTags(systemMessages, true)`, stays reported.
    [Fact]
    public Task Helper_on_both_turns_reports_only_the_text_its_system_call_passes() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Repro;
            public class AIResponseController
            {
                private ChatClient chatClient = new ChatClient("gpt-4o-mini-2024-07-18", "key");

                public async Task<string> GetFastOpenAIResponse4(string prompt, int currentSection = 1, int totalSections = 4)
                {
                    string systemMessages = {|#0:"You are an expert assessment designer. \nGoal: Respond concisely and completely within 2–3 seconds.\n" +
                        "Never skip explicitly requested sections. " +
                        "Do not add summaries or extra text. "|};
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 500 };

                    async Task<string> GenerateSectionAsync(string sectionPrompt)
                    {
                        var messages = new List<ChatMessage>
                        {
                            ChatMessage.CreateSystemMessage(UpdateXMLTags(systemMessages, true)),
                            ChatMessage.CreateUserMessage(UpdateXMLTags(sectionPrompt, true))
                        };
                        StringBuilder sb = new();
                        await foreach (var update in chatClient.CompleteChatStreamingAsync(messages, options).ConfigureAwait(false))
                        {
                            if (update.ContentUpdate.Count > 0)
                                sb.Append(update.ContentUpdate[0].Text);
                        }
                        return UpdateXMLTags(sb.ToString(), false);
                    }

                    var task1 = GenerateSectionAsync($"Important: Include only Section 1 and exclude <followupsection>. \n" + prompt);
                    var task2 = GenerateSectionAsync(prompt + $"\nImportant: Include only Section {currentSection - 1} of {totalSections}. Do not repeat earlier sections.");
                    await Task.WhenAll(task1, task2);
                    return task1.Result + task2.Result;
                }

                private string UpdateXMLTags(string prompt, bool isCompress)
                {
                    var tagMap = new Dictionary<string, string> { { "sections", "ss" }, { "section", "sc" } };
                    if (isCompress)
                    {
                        foreach (var kvp in tagMap)
                            prompt = prompt.Replace($"<{kvp.Key}>", $"<{kvp.Value}>");
                    }
                    else
                    {
                        foreach (var kvp in tagMap)
                            prompt = prompt.Replace($"<{kvp.Value}>", $"<{kvp.Key}>");
                    }
                    return prompt;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.AIResponseController.GetFastOpenAIResponse4"));

    // Quiet twin of the same helper: a user-turn text given to it is not reported even when the helper's system call
    // passes a parameter that callers fill (the system text is the caller's, the user text is data).
    [Fact]
    public Task Helper_passing_a_parameter_on_the_system_turn_follows_only_that_parameter() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Repro;
            public class Sections(ChatClient client)
            {
                private static string Sanitize(string text) => text.Replace("\r\n", "\n");

                private async Task<string> AskAsync(string systemText, string userText)
                {
                    var messages = new List<ChatMessage>
                    {
                        ChatMessage.CreateSystemMessage(Sanitize(systemText)),
                        ChatMessage.CreateUserMessage(Sanitize(userText))
                    };
                    var result = await client.CompleteChatAsync(messages);
                    return result.Value.Content[0].Text;
                }

                public Task<string> SummarizeAsync(string notes) =>
                    AskAsync({|#0:"You are a clinical summarizer. Reply with three bullet points and never invent findings."|},
                        "Summarize these notes for the attending physician, briefly:\n" + notes);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Sections.SummarizeAsync"));

    // Control: a constant written at the helper's system call is still the prompt (it was before, and is the only
    // origin the call gives).
    [Fact]
    public Task Constant_written_at_the_helpers_system_call_stays_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Repro;
            public class Tagger(ChatClient client)
            {
                private static string Compress(string prompt)
                {
                    prompt = prompt.Replace("<section>", "<sc>");
                    return prompt;
                }

                public async Task<string> RunAsync(string question)
                {
                    var messages = new List<ChatMessage>
                    {
                        ChatMessage.CreateSystemMessage(Compress({|#0:"You are a tutor. Answer in one short paragraph and cite the <section> you used."|})),
                        ChatMessage.CreateUserMessage(Compress(question))
                    };
                    var result = await client.CompleteChatAsync(messages);
                    return result.Value.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.Tagger.RunAsync"));

    // Half-typed: the helper is called without its argument, and with an argument of an unknown type. No crash, and
    // nothing is reported for the missing or error-typed text.
    [Fact]
    public Task Half_typed_helper_calls_report_nothing()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode =
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using OpenAI.Chat;
                namespace Repro;
                public class Broken(ChatClient client)
                {
                    private static string Clean(string prompt) { return prompt; }

                    public async Task<string> RunAsync(string question)
                    {
                        var messages = new List<ChatMessage>
                        {
                            ChatMessage.CreateSystemMessage(Clean()),
                            ChatMessage.CreateSystemMessage(Clean(new Missing().Text)),
                            ChatMessage.CreateUserMessage(Clean(question))
                        };
                        var result = await client.CompleteChatAsync(messages);
                        return result.Value.Content[0].Text;
                    }

                    public void Other() => Clean("You are a reviewer. Never approve code without tests.");
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
