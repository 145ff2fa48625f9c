using System;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Narrows an instruction's span to its words: surrounding whitespace, the markup tag that closes the line it ends
    /// (<c>Never describe columns marked IsIgnore.&lt;/message&gt;</c> in a Semantic Kernel template,
    /// <c>&lt;rules&gt;You must ...&lt;/rules&gt;</c>) and markdown emphasis wrapped around it (<c>*Never ...*</c>,
    /// <see cref="EmphasisMarkers"/>). A tag inside the instruction (<c>Use &lt;b&gt;bold&lt;/b&gt; titles</c>) and
    /// a placeholder in angle brackets (<c>Reply with &lt;answer&gt;</c>) stay.
    /// </summary>
    internal static class InstructionSpans
    {
        public static void Trim(string text, ref int start, ref int end)
        {
            while (true)
            {
                var (oldStart, oldEnd) = (start, end);
                TrimWhitespace(text, ref start, ref end);
                TrimEdgeTags(text, ref start, ref end);
                EmphasisMarkers.TrimWrapping(text, ref start, ref end);
                if (start == oldStart && end == oldEnd)
                {
                    return;
                }
            }
        }

        private static void TrimWhitespace(string text, ref int start, ref int end)
        {
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }
        }

        /// <summary>
        /// Drops an opening tag that starts the span and a closing tag that ends it, when they wrap the span as a pair
        /// or the other half of each lies outside it.
        /// </summary>
        private static void TrimEdgeTags(string text, ref int start, ref int end)
        {
            var openEnd = TagEnd(text, start, end, closing: false, out var openName);
            var closeStart = TagStartBefore(text, start, end, out var closeName);
            if (openEnd > 0 && closeStart >= openEnd && string.Equals(openName, closeName, StringComparison.OrdinalIgnoreCase))
            {
                start = openEnd;
                end = closeStart;
                return;
            }

            if (openEnd > 0 && text.IndexOf("</" + openName, openEnd, end - openEnd, StringComparison.OrdinalIgnoreCase) < 0)
            {
                start = openEnd;
            }

            if (closeStart >= start && text.IndexOf("<" + closeName, start, closeStart - start, StringComparison.OrdinalIgnoreCase) < 0)
            {
                end = closeStart;
            }
        }

        /// <summary>The end of the tag (<c>&lt;name ...&gt;</c>, or <c>&lt;/name&gt;</c> when closing) at <paramref name="at"/>, or -1.</summary>
        private static int TagEnd(string text, int at, int end, bool closing, out string name)
        {
            name = string.Empty;
            var i = at;
            if (i >= end || text[i] != '<')
            {
                return -1;
            }

            i++;
            if (closing != (i < end && text[i] == '/'))
            {
                return -1;
            }

            i += closing ? 1 : 0;
            var nameStart = i;
            while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '-' || text[i] == ':'))
            {
                i++;
            }

            if (i == nameStart || !char.IsLetter(text[nameStart]))
            {
                return -1;
            }

            name = text.Substring(nameStart, i - nameStart);
            while (i < end && text[i] != '>' && text[i] != '<' && text[i] != '\n')
            {
                i++;
            }

            return i < end && text[i] == '>' ? i + 1 : -1;
        }

        /// <summary>The start of a closing tag that ends [start, end), or -1.</summary>
        private static int TagStartBefore(string text, int start, int end, out string name)
        {
            name = string.Empty;
            if (end - start < 4 || text[end - 1] != '>')
            {
                return -1;
            }

            var open = text.LastIndexOf("</", end - 1, end - start, StringComparison.Ordinal);
            return open >= start && TagEnd(text, open, end, closing: true, out name) == end ? open : -1;
        }
    }
}
