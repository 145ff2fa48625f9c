using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A line titles its data when it is a label with no sentence before it on the line. Japanese and Chinese end a
/// sentence with the full-width '。', '！' or '？' and write no space after it; Hindi ends one with '।' and Arabic asks
/// with '؟'. So <c>$"あなたはTRPGのゲームマスターです。舞台: {setting}"</c> (review41 N1) is a persona and then a label,
/// a prompt like its English twin <c>$"You are the game master of a TRPG. Setting: {setting}"</c>, not a title.
/// </summary>
public class FullWidthSentenceEndTests
{
    // review41 N1 (Repro/JapaneseSentenceThenLabel A, B, C), a Chinese twin with '！', and Hindi with '।'.
    [Fact]
    public Task A_sentence_ended_by_a_full_width_stop_before_a_label_is_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Game;
            public static class GamePlugin
            {
                public static ChatMessage Japanese(string setting) => new(ChatRole.System, {|#0:$"あなたはTRPGのゲームマスターです。舞台: {setting}"|});
                public static ChatMessage English(string setting) => new(ChatRole.System, {|#1:$"You are the game master of a TRPG. Setting: {setting}"|});
                public static ChatMessage NoLabel(string setting) => new(ChatRole.System, {|#2:$"あなたはTRPGのゲームマスターです。舞台は{setting}です。"|});
                public static ChatMessage Chinese(string text) => new(ChatRole.System, {|#3:$"你是一名客服助手！只用中文回答。问题：{text}"|});
                public static ChatMessage FullWidthColon(string setting) => new(ChatRole.System, {|#4:$"あなたはゲームマスターです。舞台：{setting}"|});
                public static ChatMessage Hindi(string text) => new(ChatRole.System, {|#5:$"आप एक सहायक हैं। केवल हिंदी में उत्तर दें। प्रश्न: {text}"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Game.GamePlugin.Japanese"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Game.GamePlugin.English"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Game.GamePlugin.NoLabel"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Game.GamePlugin.Chinese"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Game.GamePlugin.FullWidthColon"),
            Diagnostic("AIL0301").WithLocation(5).WithArguments("Game.GamePlugin.Hindi"));

    // The negatives beside them: a Japanese label alone (full-width or ASCII colon), labelled values one after another
    // with '。' between them (a labelled value is not a sentence of prose), a number before the label, and labels
    // on their own lines still only title their data, as their English twins do.
    [Fact]
    public Task Japanese_labels_and_runs_of_labelled_values_still_only_title_their_data() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Game;
            public static class GamePlugin
            {
                public static ChatMessage Label(string setting) => new(ChatRole.System, $"舞台: {setting}");
                public static ChatMessage FullWidthLabel(string setting) => new(ChatRole.System, $"舞台：{setting}");
                public static ChatMessage Values(string name, string setting) => new(ChatRole.System, $"名前：{name}。舞台：{setting}");
                public static ChatMessage Asked(string name, string setting) => new(ChatRole.System, $"名前：{name}？舞台：{setting}");
                public static ChatMessage Numbered(int n, string setting) => new(ChatRole.System, $"{n}。舞台: {setting}");
                public static ChatMessage Lines(string name, string setting) => new(ChatRole.System, $"名前: {name}\n舞台: {setting}");
                public static ChatMessage EnglishLabel(string setting) => new(ChatRole.System, $"Setting: {setting}");
            }
            """);

    // A sentence that states data before a label. English is read word by word, so "Today is {date}." states data and
    // the template is quiet; text in another language cannot be read that way and is a prompt unless every line only
    // titles its data (AIL0301 "Templates"), so the Japanese twin is reported as the same sentence without a label
    // already was. The sentence end no longer hides the sentence behind the label; it does not change that rule.
    [Fact]
    public Task A_data_sentence_before_a_label_follows_the_rule_of_its_language() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Game;
            public static class GamePlugin
            {
                public static ChatMessage English(string date, string setting) => new(ChatRole.System, $"Today is {date}. Setting: {setting}");
                public static ChatMessage Japanese(string date, string setting) => new(ChatRole.System, {|#0:$"今日は{date}です。舞台: {setting}"|});
                public static ChatMessage JapaneseNoLabel(string date) => new(ChatRole.System, {|#1:$"今日は{date}です。"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Game.GamePlugin.Japanese"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Game.GamePlugin.JapaneseNoLabel"));

    // A heading over data beside a constant prompt: a Japanese label after a persona sentence is no header, so the
    // constant is judged as one piece like its English twin; a Japanese label alone stays a header over the data.
    [Fact]
    public Task A_constant_label_line_with_a_sentence_before_it_is_no_header_over_data() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Game;
            public static class GamePlugin
            {
                private const string {|#0:Persona|} = "あなたはゲームマスターです。舞台:";
                private const string Header = "舞台:";
                public static ChatMessage WithPersona(string setting) => new(ChatRole.System, Persona + " " + setting);
                public static ChatMessage WithHeader(string setting) => new(ChatRole.System, Header + " " + setting);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Game.GamePlugin.Persona"));

    [Fact]
    public async Task Half_typed_full_width_templates_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Game;
                public static class GamePlugin
                {
                    public static ChatMessage A(string setting) => new(ChatRole.System, $"あなたはゲームマスターです。舞台: {setting");
                    public static ChatMessage B(string setting) => new(ChatRole.System, $"。舞台: {}");
                    public static ChatMessage C(string setting) => new(ChatRole.System, $"舞台: {setting}。あなたは
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
