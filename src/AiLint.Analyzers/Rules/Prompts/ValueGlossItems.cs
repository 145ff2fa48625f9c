using System;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Two more kinds of list item that are data, seen on a classification agent's prompt written in Korean
    /// (<c>new ChatClientAgent(chatClient, INSTRUCTIONS, ...)</c>) and the same prompt in English:
    /// <list type="bullet">
    /// <item>a gloss under a value line: the categories are lines <c>N: Label (EnumName)</c>, each followed by indented
    /// <c>- ...</c> items that say when the value fits or give an example of it (<c>- e.g.: ...</c>, <c>- 예: ...</c>);</item>
    /// <item>a label over an example: an item that is only a few words ending with ':' (<c>- JSON schema:</c>,
    /// <c>- JSON 스키마:</c>) whose next line opens the example it titles (a JSON object or array, a fenced block, an
    /// example block of <see cref="ExampleBlocks"/>).</item>
    /// </list>
    /// An eval case quoting either tests nothing. An item with an English keyword or an opening imperative was already
    /// kept by <see cref="InstructionsToCover"/>; a Korean gloss that says must or never (<c>반드시</c>, <c>절대</c>) or
    /// ends as a request (<c>...하세요</c>, <c>...마세요</c>) stays an instruction too.
    /// </summary>
    internal static class ValueGlossItems
    {
        // Korean words and endings a gloss writes when it is a rule about the value: must, never, "do" and "don't" endings.
        private static readonly string[] KoreanInstructionMarkers =
        {
            "\uBC18\uB4DC\uC2DC", // 반드시
            "\uC808\uB300", // 절대
            "\uD558\uC138\uC694", // 하세요
            "\uD558\uC2ED\uC2DC\uC624", // 하십시오
            "\uB9C8\uC138\uC694", // 마세요
            "\uB9C8\uC2ED\uC2DC\uC624", // 마십시오
            "\uACE0\uB974\uC138\uC694", // 고르세요
            "\uD574\uC57C \uD569\uB2C8\uB2E4", // 해야 합니다
        };

        /// <summary>
        /// Whether the item on <paramref name="line"/> is data: a gloss of the value named by its heading line
        /// <paramref name="heading"/>, or a label over an example.
        /// </summary>
        /// <param name="text">The prompt text.</param>
        /// <param name="lines">Its lines.</param>
        /// <param name="line">The item's first line.</param>
        /// <param name="contentStart">Where the item's text starts on that line.</param>
        /// <param name="heading">The line it is listed under (its parent item or the nearest line that is not an item), or -1.</param>
        /// <param name="examples">For each line, whether it lies in an example block.</param>
        /// <param name="item">The item's text.</param>
        public static bool IsData(string text, PromptLines lines, int line, int contentStart, int heading, bool[] examples, string item) =>
            (heading >= 0 && IsValueLine(HeadingContent(text, lines, heading)) && !HasKoreanInstructionMarker(item))
            || IsLabelOverExample(text, lines, line, contentStart, examples);

        /// <summary>
        /// <c>1: Tutorial reward (TutorialGuideReward)</c>, <c>Refund (`RefundRequest`)</c>: a short label, after an
        /// optional number and ':', closed by the value's code name in parentheses (one identifier, no spaces).
        /// </summary>
        internal static bool IsValueLine(string content)
        {
            var trimmed = EmphasisMarkers.Strip(content).Trim();
            if (trimmed.Length < 4 || trimmed[trimmed.Length - 1] != ')')
            {
                return false;
            }

            var open = trimmed.LastIndexOf('(');
            if (open <= 0)
            {
                return false;
            }

            var name = trimmed.Substring(open + 1, trimmed.Length - open - 2).Trim('`', ' ');
            if (!IsCodeName(name))
            {
                return false;
            }

            var label = trimmed.Substring(0, open).TrimEnd();
            var i = 0;
            while (i < label.Length && char.IsDigit(label[i]))
            {
                i++;
            }

            if (i > 0)
            {
                var rest = label.Substring(i).TrimStart();
                if (rest.Length == 0 || (rest[0] != ':' && rest[0] != '\uFF1A'))
                {
                    return false;
                }

                label = rest.Substring(1).Trim();
            }

            return label.Length > 0
                && label.IndexOfAny(SentenceEnds) < 0
                && label.IndexOf(':') < 0
                && !PromptInstructions.ContainsKeyword(label, 0, label.Length)
                && SingleTurnPrompt.CountWords(label) <= SingleTurnPrompt.MaximumLabelWords;
        }

        private static readonly char[] SentenceEnds = { '.', '!', '?', ';', '\u3002', '\uFF01', '\uFF1F' };

        /// <summary>An identifier of code: letters, digits and '_', starting with a letter, with an upper-case letter or '_' past its first character (<c>TutorialGuideReward</c>, <c>item_missing</c>, <c>REFUND</c>).</summary>
        private static bool IsCodeName(string name)
        {
            if (name.Length < 2 || !IsAsciiLetter(name[0]))
            {
                return false;
            }

            var shaped = false;
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }

                shaped |= i > 0 && (c == '_' || (c >= 'A' && c <= 'Z'));
            }

            return shaped;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool HasKoreanInstructionMarker(string item)
        {
            foreach (var marker in KoreanInstructionMarkers)
            {
                if (item.IndexOf(marker, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The heading line's text after any list marker.</summary>
        private static string HeadingContent(string text, PromptLines lines, int heading)
        {
            var start = lines.ItemContentStart(heading);
            start = start < 0 ? lines.First(heading) : start;
            return text.Substring(start, lines.End(heading) - start);
        }

        /// <summary>
        /// The item's first line is only a short label ending with ':' (a few words, no sentence end before the colon)
        /// and the next line that is not blank opens an example: <c>{</c>, <c>[</c>, a fence, or a line of an example block.
        /// </summary>
        private static bool IsLabelOverExample(string text, PromptLines lines, int line, int contentStart, bool[] examples)
        {
            var label = EmphasisMarkers.Strip(text.Substring(contentStart, lines.End(line) - contentStart)).Trim();
            if (label.Length < 2 || (label[label.Length - 1] != ':' && label[label.Length - 1] != '\uFF1A'))
            {
                return false;
            }

            label = label.Substring(0, label.Length - 1).TrimEnd();
            if (label.Length == 0 || label.IndexOfAny(SentenceEnds) >= 0 || label.IndexOf(':') >= 0
                || SingleTurnPrompt.CountWords(label) > SingleTurnPrompt.MaximumLabelWords)
            {
                return false;
            }

            for (var next = line + 1; next < lines.Count; next++)
            {
                if (lines.IsBlank(next))
                {
                    continue;
                }

                var opening = lines.Trimmed(next);
                return examples[next] || opening.StartsWith("{", StringComparison.Ordinal) || opening.StartsWith("[", StringComparison.Ordinal);
            }

            return false;
        }
    }
}
