using AiLint.Analyzers;
using static AiLint.Tests.Prompts.PromptTestHelpers;
using static AiLint.Tests.Prompts.RecordedPassTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0302 when one prompt id holds several texts (review87 D1, KunalKumarkkr01/LocalDictation: the six arms of
/// <c>PromptTemplates.SystemPrompt(mode, lang) => mode switch { ... }</c>). Each arm has its own hash; an arm no case
/// recorded is reported as having no recorded pass, never as "changed", and recording a pass per arm clears it.
/// </summary>
public class SwitchArmRecordedPassTests
{
    private const string Id = "LocalDictation.Application.Processing.PromptTemplates.SystemPrompt";

    // The arms' texts, spelled here as the program's values (the literals joined), not read from the analyzer.
    private const string Grammar = "You are a dictation cleanup engine. Fix grammar, spelling, punctuation and capitalization in the user's transcribed speech WITHOUT changing meaning, wording style, or adding content. Output ONLY the corrected text with no quotes or commentary.";
    private const string Rewrite = "Rewrite the user's transcribed speech in clear, concise, professional English. Preserve all facts and intent. Output ONLY the rewritten text.";
    private const string Summarize = "Summarize the user's transcribed speech into a short, faithful summary. Output ONLY the summary.";
    private const string Markdown = "Format the user's transcribed speech as clean Markdown (headings, lists, code blocks where appropriate) without changing the wording. Output ONLY the Markdown.";
    private const string Unchanged = "Return the user's text unchanged. Output ONLY the text.";

    // What SystemPrompt(ProcessingMode.Translate, "French") returns at run time: the case for that arm records this.
    private const string TranslateToFrench = "Translate the user's transcribed speech into French. Preserve meaning and tone. Output ONLY the translation.";

    // The repro's code (PromptTemplates.cs verbatim, the Ollama request reduced into the same project, as review87 did).
    private const string Code = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;

        namespace LocalDictation.Application.Processing;

        public enum ProcessingMode { None = 0, GrammarCorrection, ProfessionalRewrite, Translate, Summarize, MarkdownFormat, Custom }

        public static class PromptTemplates
        {
            public static string SystemPrompt(ProcessingMode mode, string targetLanguage) => mode switch
            {
                ProcessingMode.GrammarCorrection =>
                    {|#0:"You are a dictation cleanup engine. Fix grammar, spelling, punctuation and " +
                    "capitalization in the user's transcribed speech WITHOUT changing meaning, wording style, " +
                    "or adding content. Output ONLY the corrected text with no quotes or commentary."|},
                ProcessingMode.ProfessionalRewrite =>
                    {|#1:"Rewrite the user's transcribed speech in clear, concise, professional English. " +
                    "Preserve all facts and intent. Output ONLY the rewritten text."|},
                ProcessingMode.Translate =>
                    $"Translate the user's transcribed speech into {targetLanguage}. Preserve meaning and tone. " +
                    "Output ONLY the translation.",
                ProcessingMode.Summarize =>
                    {|#3:"Summarize the user's transcribed speech into a short, faithful summary. Output ONLY the summary."|},
                ProcessingMode.MarkdownFormat =>
                    {|#4:"Format the user's transcribed speech as clean Markdown (headings, lists, code blocks where " +
                    "appropriate) without changing the wording. Output ONLY the Markdown."|},
                _ => {|#5:"Return the user's text unchanged. Output ONLY the text."|}
            };
        }

        public sealed class OllamaTextProcessor
        {
            private readonly HttpClient _http;
            public OllamaTextProcessor(HttpClient http, string ollamaUrl)
            {
                _http = http;
                if (_http.BaseAddress is null)
                    _http.BaseAddress = new Uri(ollamaUrl);
            }

            public async Task<string?> ProcessAsync(string text, ProcessingMode mode, string targetLanguage = "en", CancellationToken ct = default)
            {
                var request = new ChatRequest
                {
                    Model = "phi3.5:3.8b-mini-instruct-q4_K_M",
                    Stream = false,
                    Messages = new[]
                    {
                        new ChatMessage("system", PromptTemplates.SystemPrompt(mode, targetLanguage)),
                        new ChatMessage("user", text)
                    }
                };
                using var resp = await _http.PostAsJsonAsync("/api/chat", request, ct);
                var body = await resp.Content.ReadFromJsonAsync<ChatResponse>(ct);
                return body?.Message?.Content?.Trim();
            }

            private sealed record ChatMessage(
                [property: JsonPropertyName("role")] string Role,
                [property: JsonPropertyName("content")] string Content);

            private sealed class ChatRequest
            {
                [JsonPropertyName("model")] public string Model { get; set; } = "";
                [JsonPropertyName("messages")] public ChatMessage[] Messages { get; set; } = Array.Empty<ChatMessage>();
                [JsonPropertyName("stream")] public bool Stream { get; set; }
            }

            private sealed class ChatResponse
            {
                [JsonPropertyName("message")] public ChatMessage? Message { get; set; }
            }
        }
        """;

    private static string Unmarked(string code, params int[] markers)
    {
        foreach (var marker in markers)
        {
            var open = "{|#" + marker + ":";
            var start = code.IndexOf(open, StringComparison.Ordinal);
            var end = code.IndexOf("|}", start, StringComparison.Ordinal);
            code = code[..start] + code[(start + open.Length)..end] + code[(end + 2)..];
        }

        return code;
    }

    private static DiagnosticResult NoPassForThisArm(int location, string recordedPasses, string why, string armText) =>
        new DiagnosticResult(Descriptors.AIL0302OneOfSeveralTexts).WithLocation(location).WithArguments(Id, "6", why.Replace("{n}", recordedPasses, StringComparison.Ordinal), Sha256(armText));

    // Failed before the fix: five arms got "changed since its eval cases last passed" from one honest case for the
    // grammar arm. Now the four arms whose text is known say that their id's one recorded pass is for another text;
    // the translate arm's text holds the target language, known only at run time, so its staleness is not checked.
    [Fact]
    public Task One_recorded_arm_leaves_the_others_without_a_recorded_pass_not_changed() =>
        VerifyPassesAsync(
            Unmarked(Code, 0),
            Case(Id, "grammar-only", rule: "Output ONLY the corrected text", sha: Sha256(Grammar)),
            NoPassForThisArm(1, "1", "its {n} recorded pass(es) are for its other texts, none for this one", Rewrite),
            NoPassForThisArm(3, "1", "its {n} recorded pass(es) are for its other texts, none for this one", Summarize),
            NoPassForThisArm(4, "1", "its {n} recorded pass(es) are for its other texts, none for this one", Markdown),
            NoPassForThisArm(5, "1", "its {n} recorded pass(es) are for its other texts, none for this one", Unchanged));

    // The message a user reads, spelled out in full once.
    [Fact]
    public Task The_message_says_what_to_record_and_never_changed() =>
        VerifyPassesAsync(
            Unmarked(Code, 0, 1, 3, 4),
            Case(Id, "grammar-only", sha: Sha256(Grammar)) + "\n"
                + Case(Id, "rewrite", sha: Sha256(Rewrite)) + "\n"
                + Case(Id, "summary", sha: Sha256(Summarize)) + "\n"
                + Case(Id, "markdown", sha: Sha256(Markdown)),
            new DiagnosticResult(Descriptors.AIL0302OneOfSeveralTexts).WithLocation(5).WithMessage(
                "Prompt '" + Id + "' holds 6 texts; its 4 recorded pass(es) are for its other texts, none for this one: "
                + "run a case on this text and record its pass (sha256 " + Sha256(Unchanged) + ")"));

    // How the warning is cleared: one case per arm, each recording the text it ran with (RecordPass(prompt, id,
    // PromptTemplates.SystemPrompt(mode, lang))), written here with the runtime API itself.
    [Fact]
    public Task Recording_a_pass_for_each_arm_clears_every_arm()
    {
        var lines = string.Join("\n", new[] { "grammar", "rewrite", "translate", "summary", "markdown", "none" }.Select(c => Case(Id, c)));
        var file = global::AiLint.EvalFile.Parse(lines);
        Assert.True(file.RecordPass(Id, "grammar", Grammar));
        Assert.True(file.RecordPass(Id, "rewrite", Rewrite));
        Assert.True(file.RecordPass(Id, "translate", TranslateToFrench));
        Assert.True(file.RecordPass(Id, "summary", Summarize));
        Assert.True(file.RecordPass(Id, "markdown", Markdown));
        Assert.True(file.RecordPass(Id, "none", Unchanged));
        return VerifyPassesAsync(Unmarked(Code, 0, 1, 3, 4, 5), file.Text);
    }

    // Every arm recorded, then the rewrite arm edited: only that arm is reported, and since one recorded hash (the
    // old rewrite text) matches none of the arms now, the message does not claim the passes are for other texts.
    [Fact]
    public Task An_edited_arm_among_recorded_arms_is_the_only_one_reported() =>
        VerifyPassesAsync(
            Unmarked(Code, 0, 3, 4, 5),
            Case(Id, "grammar", sha: Sha256(Grammar)) + "\n"
                + Case(Id, "rewrite", sha: Sha256("Rewrite the user's transcribed speech in clear, professional English. Output ONLY the rewritten text.")) + "\n"
                + Case(Id, "translate", sha: Sha256(TranslateToFrench)) + "\n"
                + Case(Id, "summary", sha: Sha256(Summarize)) + "\n"
                + Case(Id, "markdown", sha: Sha256(Markdown)) + "\n"
                + Case(Id, "none", sha: Sha256(Unchanged)),
            NoPassForThisArm(1, "6", "none of its {n} recorded pass(es) is for this one", Rewrite));

    // Twin: a member with one text keeps the one-text message, "changed since its eval cases last passed".
    [Fact]
    public Task A_single_text_prompt_still_reads_changed() =>
        VerifyPassesAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Dictation;
            public static class Prompts
            {
                public static ChatMessage Cleanup() =>
                    new ChatMessage(ChatRole.System, {|#0:"You are a dictation cleanup engine. Output ONLY the corrected text."|});
            }
            """,
            Case("Dictation.Prompts.Cleanup", sha: Sha256("You are a dictation cleanup engine. Output ONLY the text.")),
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Dictation.Prompts.Cleanup", "1", Sha256("You are a dictation cleanup engine. Output ONLY the corrected text.")));

    // Twin: no case records a hash, so no arm is ever stale (the page: a suite that never records passes never gets AIL0302).
    [Fact]
    public Task Cases_without_recorded_passes_leave_every_arm_quiet() =>
        VerifyPassesAsync(Unmarked(Code, 0, 1, 3, 4, 5), Case(Id, "grammar-only", rule: "Output ONLY the corrected text"));

    // Half-typed: an arm being written (an unterminated concatenation) makes the switch unreadable: no crash, no report.
    [Fact]
    public Task Switch_with_a_syntax_error_is_not_reported() =>
        VerifyPassesAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Dictation;
            public enum Mode { Grammar, Rewrite }
            public static class Prompts
            {
                public static string System(Mode mode) => mode switch
                {
                    Mode.Grammar => "You are a dictation cleanup engine. Output ONLY the corrected text.",
                    Mode.Rewrit => "Rewrite the user's speech. Output ONLY the rewritten text." + ,
                    _ => "Return the user's text unchanged. Output ONLY the text."
                };

                public static ChatMessage Message(Mode mode) => new ChatMessage(ChatRole.System, System(mode));
            }
            """,
            Case("Dictation.Prompts.System", sha: Sha256("You are a dictation cleanup engine. Output ONLY the corrected text.")),
            CompilerDiagnostics.None);

    // Half-typed: an arm whose value does not bind yet (an error type) leaves the switch unread until it does (the
    // analyzer follows no text through an error): no crash, no report, on that arm or the others.
    [Fact]
    public Task Arm_of_an_error_type_leaves_the_switch_unreported() =>
        VerifyPassesAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Dictation;
            public enum Mode { Grammar, Rewrite, Other }
            public static class Prompts
            {
                public static string System(Mode mode) => mode switch
                {
                    Mode.Grammar => "You are a dictation cleanup engine. Output ONLY the corrected text.",
                    Mode.Rewrite => MissingPrompts.Rewrite,
                    _ => "Return the user's text unchanged. Output ONLY the text."
                };

                public static ChatMessage Message(Mode mode) => new ChatMessage(ChatRole.System, System(mode));
            }
            """,
            Case("Dictation.Prompts.System", sha: Sha256("You are a dictation cleanup engine. Output ONLY the corrected text.")),
            CompilerDiagnostics.None);
}
