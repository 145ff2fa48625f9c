using System;
using System.Collections.Immutable;
using System.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>An instruction of a prompt: its text and where it lies in the prompt text.</summary>
    internal readonly struct PromptInstruction
    {
        public PromptInstruction(int start, int length, string text)
        {
            Start = start;
            Length = length;
            Text = text;
        }

        /// <summary>Offset in the (folded) prompt text.</summary>
        public int Start { get; }

        /// <summary>The length of its span in the prompt text.</summary>
        public int Length { get; }

        /// <summary>The words of the span, without markdown emphasis markers (<see cref="EmphasisMarkers"/>): what a case's rule quotes.</summary>
        public string Text { get; }

        public int End => Start + Length;
    }

    /// <summary>
    /// Splits a prompt into instructions (contract.md): a list item (<c>-</c>, <c>*</c>, <c>1.</c>) is one instruction,
    /// unless it is data (a labelled hole, a value under a heading that introduces values: <see cref="DataListItems"/>);
    /// other text contributes each sentence containing must, never, always, do not, don't, only or should. An
    /// instruction may span lines: a list item continues on the following lines indented past its marker, and a
    /// sentence that a line leaves unfinished continues when the next line starts with a lowercase letter (a wrapped
    /// line). Such an instruction is one instruction, reported and matched whole.
    /// </summary>
    internal static class PromptInstructions
    {
        private static readonly string[] Keywords = { "must", "never", "always", "only", "should", "don't", "don\u2019t" };

        public static ImmutableArray<PromptInstruction> Extract(string text)
        {
            var builder = ImmutableArray.CreateBuilder<PromptInstruction>();
            var lineStart = 0;
            var carriedSentence = -1;

            // The last line that is not a list item: the heading of the list that follows it (DataListItems).
            var headingStart = -1;
            var headingEnd = -1;
            while (lineStart <= text.Length)
            {
                var lineEnd = LineEnd(text, lineStart);
                var first = FirstNonWhitespace(text, lineStart, lineEnd);
                var itemStart = ListItemContentStart(text, first, lineEnd);
                if (itemStart >= 0)
                {
                    var markerIndent = first - lineStart;
                    var itemEnd = lineEnd;
                    var next = NextLineStart(text, lineEnd);
                    while (next >= 0 && ContinuesItem(text, next, markerIndent))
                    {
                        itemEnd = LineEnd(text, next);
                        next = NextLineStart(text, itemEnd);
                    }

                    if (!DataListItems.IsData(text.Substring(itemStart, itemEnd - itemStart), headingStart < 0 ? null : text.Substring(headingStart, headingEnd - headingStart)))
                    {
                        Add(text, itemStart, itemEnd, builder, requireKeyword: false);
                    }

                    if (next < 0)
                    {
                        break;
                    }

                    lineStart = next;
                    continue;
                }

                if (first < lineEnd)
                {
                    headingStart = first;
                    headingEnd = lineEnd;
                }

                var sentenceStart = carriedSentence >= 0 ? carriedSentence : first;
                carriedSentence = -1;
                var quoteEnd = -1;
                for (var j = first; j < lineEnd; j++)
                {
                    var c = text[j];
                    if (j > quoteEnd && IsOpeningQuote(c))
                    {
                        // Punctuation inside a quotation closed on this line ends no sentence of the prompt: "Never
                        // trust a goblin! Always carry an axe." is one line of dialogue.
                        quoteEnd = ClosingQuote(text, j, lineEnd);
                        continue;
                    }

                    // The quotation's own last mark may end the prompt's sentence together with its closing quote.
                    if ((j < quoteEnd - 1) || !IsTerminal(c))
                    {
                        continue;
                    }

                    // A closing quote or parenthesis right after the terminal punctuation belongs to the sentence it
                    // ends: `... is "Never trust a goblin!" Stay in character.` is two sentences.
                    var after = j + 1;
                    while (after < lineEnd && IsClosingMark(text[after]))
                    {
                        after++;
                    }

                    if ((after == lineEnd || char.IsWhiteSpace(text[after])) && (after == j + 1 || !ContinuesAfterQuote(text, after, lineEnd)))
                    {
                        Add(text, sentenceStart, after, builder, requireKeyword: true);
                        sentenceStart = after;
                        j = after - 1;
                    }
                }

                var following = NextLineStart(text, lineEnd);
                if (following >= 0 && IsUnfinished(text, sentenceStart, lineEnd) && ContinuesSentence(text, following))
                {
                    carriedSentence = sentenceStart;
                }
                else
                {
                    Add(text, sentenceStart, lineEnd, builder, requireKeyword: true);
                }

                if (following < 0)
                {
                    break;
                }

                lineStart = following;
            }

            return builder.ToImmutable();
        }

        /// <summary>A lowercase word after a quotation's closing mark goes on with the sentence: <c>Always greet with "Hail!" first.</c></summary>
        private static bool ContinuesAfterQuote(string text, int after, int lineEnd)
        {
            var next = FirstNonWhitespace(text, after, lineEnd);
            return next < lineEnd && char.IsLower(text[next]);
        }

        private static bool IsTerminal(char c) => c == '.' || c == '!' || c == '?';

        private static bool IsClosingMark(char c) => c == '"' || c == '\u201D' || c == '\'' || c == '\u2019' || c == ')';

        private static bool IsOpeningQuote(char c) => c == '"' || c == '\u201C';

        /// <summary>
        /// The index of the double quote that closes the one at <paramref name="open"/> before <paramref name="end"/>,
        /// or -1: a lone quote (an inch mark, a quotation that runs over the line) opens nothing.
        /// </summary>
        private static int ClosingQuote(string text, int open, int end)
        {
            for (var k = open + 1; k < end; k++)
            {
                if (text[k] == '"' || text[k] == '\u201D')
                {
                    return k;
                }
            }

            return -1;
        }

        private static int LineEnd(string text, int lineStart)
        {
            var lineEnd = lineStart;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r')
            {
                lineEnd++;
            }

            return lineEnd;
        }

        /// <summary>The start of the line after the one ending at <paramref name="lineEnd"/>, or -1 at the end of the text.</summary>
        private static int NextLineStart(string text, int lineEnd)
        {
            if (lineEnd >= text.Length)
            {
                return -1;
            }

            return lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
        }

        private static int FirstNonWhitespace(string text, int start, int end)
        {
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            return start;
        }

        /// <summary>A line indented past the list item's marker, not blank and not an item itself, continues the item.</summary>
        private static bool ContinuesItem(string text, int lineStart, int markerIndent)
        {
            var lineEnd = LineEnd(text, lineStart);
            var first = FirstNonWhitespace(text, lineStart, lineEnd);
            return first < lineEnd && first - lineStart > markerIndent && ListItemContentStart(text, first, lineEnd) < 0;
        }

        /// <summary>The sentence [start, end) has text and does not end a sentence or introduce a list (':').</summary>
        private static bool IsUnfinished(string text, int start, int end)
        {
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            return end > start && text[end - 1] != ':' && text[end - 1] != ';';
        }

        /// <summary>A wrapped line: not blank, not a list item, and starting with a lowercase letter.</summary>
        private static bool ContinuesSentence(string text, int lineStart)
        {
            var lineEnd = LineEnd(text, lineStart);
            var first = FirstNonWhitespace(text, lineStart, lineEnd);
            return first < lineEnd && char.IsLower(text[first]) && ListItemContentStart(text, first, lineEnd) < 0;
        }

        /// <summary>The start of a list item's text after its marker, or -1 when the line is not a list item.</summary>
        internal static int ListItemContentStart(string text, int i, int end)
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
            if (TryCreate(text, start, end, requireKeyword, out var instruction))
            {
                builder.Add(instruction);
            }
        }

        /// <summary>The instruction [start, end) of <paramref name="text"/> holds, narrowed to its words (<see cref="InstructionSpans"/>); false when it has none.</summary>
        internal static bool TryCreate(string text, int start, int end, bool requireKeyword, out PromptInstruction instruction)
        {
            instruction = default;
            InstructionSpans.Trim(text, ref start, ref end);
            if (end == start || (requireKeyword && !ContainsKeyword(text, start, end)))
            {
                return false;
            }

            instruction = new PromptInstruction(start, end - start, EmphasisMarkers.Strip(text.Substring(start, end - start)));
            return true;
        }

        /// <summary>
        /// Whole-word, case-insensitive search for the contract's keywords, "do not" with any whitespace between. Words
        /// inside a double-quoted span are not searched: a quoted line (a character's catchphrase "Never trust an elf!",
        /// a reply to give verbatim) is text the model repeats, not an instruction to it.
        /// </summary>
        internal static bool ContainsKeyword(string text, int start, int end)
        {
            var quoteEnd = -1;
            for (var i = start; i < end; i++)
            {
                if (i > quoteEnd && IsOpeningQuote(text[i]))
                {
                    quoteEnd = ClosingQuote(text, i, end);
                    continue;
                }

                if (i < quoteEnd)
                {
                    continue;
                }

                // A keyword hyphenated into a compound word ("read-only fields", "must-have features") names data, as
                // one inside a name does ("read_only"); an underscore that opens an italic ("_Always ..._") does not.
                if (i > start && ((IsWordChar(text[i - 1]) && !IsEmphasisUnderscore(text, i - 1, start)) || IsJoiningHyphen(text, i - 1, start, end)))
                {
                    continue;
                }

                foreach (var keyword in Keywords)
                {
                    if (MatchesWordAt(text, i, end, keyword) && !IsJoiningHyphen(text, i + keyword.Length, start, end))
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
            MatchesAt(text, i, end, word)
            && (i + word.Length == end || !IsWordChar(text[i + word.Length]) || (text[i + word.Length] == '_' && (i + word.Length + 1 == end || !char.IsLetterOrDigit(text[i + word.Length + 1]))));

        /// <summary>An underscore at <paramref name="at"/> with no letter or digit before it: an italic's opening marker, not part of a name.</summary>
        private static bool IsEmphasisUnderscore(string text, int at, int start) =>
            text[at] == '_' && (at == start || !char.IsLetterOrDigit(text[at - 1]));

        private static bool MatchesAt(string text, int i, int end, string word) =>
            end - i >= word.Length && string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>
        /// Whether <paramref name="text"/>[<paramref name="at"/>] is a hyphen between two letters inside [start, end): it
        /// joins one compound word ("Follow-up question:", "read-only fields"), whose parts are not the verb or keyword
        /// they would be alone.
        /// </summary>
        internal static bool IsJoiningHyphen(string text, int at, int start, int end) =>
            at > start && at + 1 < end && text[at] == '-' && char.IsLetter(text[at - 1]) && char.IsLetter(text[at + 1]);

        /// <summary>Whether a case's <c>rule</c> is a fragment of <paramref name="instruction"/>: case-insensitive, whitespace runs equal.</summary>
        public static bool RuleMatches(string? rule, string instruction)
        {
            if (rule == null)
            {
                return false;
            }

            // Markdown emphasis is no part of the words: "*Never reveal the hit points.*" quotes "Never reveal the hit points."
            var normalizedRule = NormalizeWhitespace(EmphasisMarkers.Strip(rule));
            return normalizedRule.Length > 0
                && NormalizeWhitespace(EmphasisMarkers.Strip(instruction)).IndexOf(normalizedRule, StringComparison.OrdinalIgnoreCase) >= 0;
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
