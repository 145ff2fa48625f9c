using System;
using System.Collections.Immutable;
using System.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>An instruction of a prompt: its text and where it lies in the prompt text.</summary>
    internal readonly struct PromptInstruction
    {
        public PromptInstruction(int start, string text)
        {
            Start = start;
            Text = text;
        }

        /// <summary>Offset in the (folded) prompt text.</summary>
        public int Start { get; }

        public string Text { get; }

        public int End => Start + Text.Length;
    }

    /// <summary>
    /// Splits a prompt into instructions (CONTRACT.md): a line that is a list item (<c>-</c>, <c>*</c>, <c>1.</c>) is one
    /// instruction; any other line contributes each sentence containing must, never, always, do not, don't, only or should.
    /// Sentences are split within a line, so the location of an instruction is always on one source line.
    /// </summary>
    internal static class PromptInstructions
    {
        private static readonly string[] Keywords = { "must", "never", "always", "only", "should", "don't", "don\u2019t" };

        public static ImmutableArray<PromptInstruction> Extract(string text)
        {
            var builder = ImmutableArray.CreateBuilder<PromptInstruction>();
            var lineStart = 0;
            while (lineStart <= text.Length)
            {
                var lineEnd = lineStart;
                while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r')
                {
                    lineEnd++;
                }

                ExtractFromLine(text, lineStart, lineEnd, builder);
                if (lineEnd >= text.Length)
                {
                    break;
                }

                lineStart = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
            }

            return builder.ToImmutable();
        }

        private static void ExtractFromLine(string text, int start, int end, ImmutableArray<PromptInstruction>.Builder builder)
        {
            var i = start;
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var itemStart = ListItemContentStart(text, i, end);
            if (itemStart >= 0)
            {
                Add(text, itemStart, end, builder, requireKeyword: false);
                return;
            }

            var sentenceStart = i;
            for (var j = i; j < end; j++)
            {
                var c = text[j];
                if ((c == '.' || c == '!' || c == '?') && (j + 1 == end || char.IsWhiteSpace(text[j + 1])))
                {
                    Add(text, sentenceStart, j + 1, builder, requireKeyword: true);
                    sentenceStart = j + 1;
                }
            }

            Add(text, sentenceStart, end, builder, requireKeyword: true);
        }

        /// <summary>The start of a list item's text after its marker, or -1 when the line is not a list item.</summary>
        private static int ListItemContentStart(string text, int i, int end)
        {
            if (i + 1 < end && (text[i] == '-' || text[i] == '*') && (text[i + 1] == ' ' || text[i + 1] == '\t'))
            {
                return i + 2;
            }

            var digits = i;
            while (digits < end && digits - i < 3 && text[digits] >= '0' && text[digits] <= '9')
            {
                digits++;
            }

            if (digits > i && digits + 1 < end && text[digits] == '.' && (text[digits + 1] == ' ' || text[digits + 1] == '\t'))
            {
                return digits + 2;
            }

            return -1;
        }

        private static void Add(string text, int start, int end, ImmutableArray<PromptInstruction>.Builder builder, bool requireKeyword)
        {
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            if (end == start || (requireKeyword && !ContainsKeyword(text, start, end)))
            {
                return;
            }

            builder.Add(new PromptInstruction(start, text.Substring(start, end - start)));
        }

        /// <summary>Whole-word, case-insensitive search for the contract's keywords, "do not" with any whitespace between.</summary>
        internal static bool ContainsKeyword(string text, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (i > start && IsWordChar(text[i - 1]))
                {
                    continue;
                }

                foreach (var keyword in Keywords)
                {
                    if (MatchesWordAt(text, i, end, keyword))
                    {
                        return true;
                    }
                }

                if (MatchesAt(text, i, end, "do"))
                {
                    var j = i + 2;
                    var k = j;
                    while (k < end && char.IsWhiteSpace(text[k]))
                    {
                        k++;
                    }

                    if (k > j && MatchesWordAt(text, k, end, "not"))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool MatchesWordAt(string text, int i, int end, string word) =>
            MatchesAt(text, i, end, word) && (i + word.Length == end || !IsWordChar(text[i + word.Length]));

        private static bool MatchesAt(string text, int i, int end, string word) =>
            end - i >= word.Length && string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>Whether a case's <c>rule</c> is a fragment of <paramref name="instruction"/>: case-insensitive, whitespace runs equal.</summary>
        public static bool RuleMatches(string? rule, string instruction)
        {
            if (rule == null)
            {
                return false;
            }

            var normalizedRule = NormalizeWhitespace(rule);
            return normalizedRule.Length > 0
                && NormalizeWhitespace(instruction).IndexOf(normalizedRule, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        public static string NormalizeWhitespace(string value)
        {
            var builder = new StringBuilder(value.Length);
            var pendingSpace = false;
            foreach (var c in value)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }
    }
}
