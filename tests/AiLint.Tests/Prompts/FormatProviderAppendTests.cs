using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// <c>StringBuilder.Append(IFormatProvider, $"...")</c> / <c>AppendLine(IFormatProvider, $"...")</c>, the overloads
/// CA1305 ("Specify IFormatProvider") moves code to, add the interpolated text as the plain overloads do: the provider
/// only formats the holes. A translation app builds its system prompt with
/// <c>new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"You are a ... '{targetLanguage}'.")</c>; before, the
/// provider made the append unreadable and the whole prompt was missed, while the same builder without it was reported.
/// </summary>
public class FormatProviderAppendTests
{
    // Failed before the fix (no diagnostic at all, at #0 and #1); #2, the same chain without the provider, was
    // reported before and after.
    [Fact]
    public Task Provider_overloads_are_read_like_the_plain_appends() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Globalization;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Subtitles;
            public sealed class SubtitlePrompts
            {
                public IReadOnlyList<ChatMessage> Localize(string locale, string? glossary)
                {
                    var system = {|#0:new StringBuilder()|}
                        .AppendLine(CultureInfo.InvariantCulture, $"You are a subtitle localizer. Render each numbered cue into the locale '{locale}'.")
                        .AppendLine("Keep the cue numbers and never merge two cues.");
                    if (!string.IsNullOrEmpty(glossary)) { system.AppendLine(glossary); }
                    return [new ChatMessage(ChatRole.System, system.ToString())];
                }

                public IReadOnlyList<ChatMessage> Timing(int maxChars)
                {
                    var system = {|#1:new StringBuilder()|};
                    system.Append(CultureInfo.InvariantCulture, $"You shorten subtitle cues to at most {maxChars} characters per line.");
                    system.AppendLine(CultureInfo.CurrentCulture, $" Never drop a speaker label.");
                    return [new ChatMessage(ChatRole.System, system.ToString())];
                }

                public IReadOnlyList<ChatMessage> LocalizeWithoutProvider(string locale)
                {
                    var system = {|#2:new StringBuilder()|}
                        .AppendLine($"You are a subtitle localizer. Render each numbered cue into the locale '{locale}'.")
                        .AppendLine("Keep the cue numbers and never merge two cues.");
                    return [new ChatMessage(ChatRole.System, system.ToString())];
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Subtitles.SubtitlePrompts.Localize"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Subtitles.SubtitlePrompts.Timing"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Subtitles.SubtitlePrompts.LocalizeWithoutProvider"));

    // The text is the plain appends' text (a line break after AppendLine, the provider dropped): a case recorded with
    // an older hash names this text's hash. Failed before the fix (no prompt, so no AIL0302).
    [Fact]
    public Task Provider_overload_text_hashes_like_the_plain_append() =>
        VerifyAsync(
            """
            using System.Globalization;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Subtitles;
            public static class CuePrompts
            {
                public static ChatMessage Review() =>
                    new ChatMessage(ChatRole.System, {|#0:new StringBuilder()|}
                        .AppendLine(CultureInfo.InvariantCulture, $"You review subtitle cues.")
                        .Append(CultureInfo.InvariantCulture, $"{|#1:Never change the timestamps.|}")
                        .ToString());
            }
            """,
            new[]
            {
                ("evals/a.evals.jsonl", Case("Subtitles.CuePrompts.Review", sha: Sha256("You review subtitle cues."))),
            },
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Subtitles.CuePrompts.Review", "1", Sha256("You review subtitle cues.\nNever change the timestamps.")),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Never change the timestamps.", "Subtitles.CuePrompts.Review"));

    // Quiet twins: data lines appended with a provider (labels over values) at a system slot, and an instruction
    // appended with a provider into the user's turn, stay as they were without it.
    [Fact]
    public Task Provider_appends_of_data_or_user_text_stay_quiet() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Globalization;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Billing;
            public sealed record Invoice(string Number, decimal Total, string Customer);
            public sealed class InvoiceContext
            {
                public IReadOnlyList<ChatMessage> Describe(Invoice invoice, string question)
                {
                    var facts = new StringBuilder()
                        .AppendLine(CultureInfo.InvariantCulture, $"Invoice: {invoice.Number}")
                        .AppendLine(CultureInfo.InvariantCulture, $"Total: {invoice.Total:0.00}")
                        .Append(CultureInfo.InvariantCulture, $"Customer: {invoice.Customer}");
                    var ask = new StringBuilder();
                    ask.AppendLine(CultureInfo.InvariantCulture, $"Summarize invoice {invoice.Number} in two sentences.");
                    ask.Append(question);
                    return [new ChatMessage(ChatRole.System, facts.ToString()), new ChatMessage(ChatRole.User, ask.ToString())];
                }
            }
            """);

    [Fact]
    public async Task Half_typed_provider_appends_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Globalization;
                using System.Text;
                using Microsoft.Extensions.AI;
                namespace Subtitles;
                public static class Broken
                {
                    public static ChatMessage A() => new ChatMessage(ChatRole.System, new StringBuilder().AppendLine(CultureInfo.InvariantCulture, ).ToString());
                    public static ChatMessage B() => new ChatMessage(ChatRole.System, new StringBuilder().AppendLine(CultureInfo.InvariantCulture $"You are a subtitle localizer. Never merge cues.").ToString());
                    public static ChatMessage C() { var sb = new StringBuilder(); sb.Append(CultureInfo., $"You are a subtitle localizer. Never merge cues."); return new ChatMessage(ChatRole.System, sb.ToString()); }
                    public static ChatMessage D() { var sb = new StringBuilder(); sb.Append(Missing.Provider, $"You are a subtitle localizer. Never merge cues."); return new ChatMessage(ChatRole.System, sb.ToString()); }
                    public static ChatMessage E() { var sb = new StringBuilder(); sb.AppendLine(CultureInfo.InvariantCulture, $"You are {; return new ChatMessage(ChatRole.System, sb.ToString()); }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
