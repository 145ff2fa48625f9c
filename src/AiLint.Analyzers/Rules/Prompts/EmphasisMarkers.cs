using System.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Markdown emphasis written around instructions (<c>*Never ...*</c>, <c>_Always ..._</c>, <c>**Important
    /// Note:**</c>; HillPhelmuth/AIRpgAgents' CombatAgentPrompt.md): a run of one to three <c>*</c> or <c>_</c> that
    /// flanks a word on one side only. A run between two letters or digits is part of a name (<c>read_only</c>,
    /// <c>{{$user_input}}</c>, <c>2*3</c>) and one between spaces is an operator (<c>2 * 3</c>): neither is emphasis.
    /// </summary>
    internal static class EmphasisMarkers
    {
        /// <summary>Whether the run of <c>*</c> or <c>_</c> at <paramref name="i"/> (inside [start, end)) is emphasis; <paramref name="runEnd"/> is where the run ends.</summary>
        public static bool IsMarkerAt(string text, int i, int start, int end, out int runEnd)
        {
            runEnd = i;
            var c = text[i];
            if (c != '*' && c != '_')
            {
                return false;
            }

            while (runEnd < end && text[runEnd] == c)
            {
                runEnd++;
            }

            var before = i > start ? text[i - 1] : ' ';
            var after = runEnd < end ? text[runEnd] : ' ';
            if (runEnd - i > 3 || (char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after)))
            {
                return false;
            }

            // An underscore between two marks is quoted, not emphasis: "use `_` as the separator".
            if (c == '_' && IsMark(before) && IsMark(after))
            {
                return false;
            }

            var opens = !char.IsWhiteSpace(after) && (char.IsWhiteSpace(before) || char.IsPunctuation(before) || char.IsSymbol(before));
            var closes = !char.IsWhiteSpace(before) && (char.IsWhiteSpace(after) || char.IsPunctuation(after) || char.IsSymbol(after));
            return opens || closes;
        }

        private static bool IsMark(char c) => !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c);

        /// <summary><paramref name="value"/> without its emphasis markers: <c>**Note:** _Always greet._</c> is <c>Note: Always greet.</c></summary>
        public static string Strip(string value)
        {
            if (value.IndexOf('*') < 0 && value.IndexOf('_') < 0)
            {
                return value;
            }

            var builder = new StringBuilder(value.Length);
            var i = 0;
            while (i < value.Length)
            {
                if (IsMarkerAt(value, i, 0, value.Length, out var runEnd))
                {
                    i = runEnd;
                    continue;
                }

                var next = runEnd > i ? runEnd : i + 1;
                builder.Append(value, i, next - i);
                i = next;
            }

            return builder.ToString();
        }

        /// <summary>
        /// Narrows [start, end) past emphasis runs that wrap it: a leading run whose character occurs again later in the
        /// span, a trailing run whose character occurs earlier (<c>*Never ...*</c> is located on <c>Never ...</c>). A
        /// lone marker (an italic not closed yet) stays.
        /// </summary>
        public static void TrimWrapping(string text, ref int start, ref int end)
        {
            // Both ends are judged on the span as it was, so "**Write the Query**" loses both runs.
            var newStart = start;
            if (start < end && IsMarkerAt(text, start, start, end, out var leadingEnd) && text.IndexOf(text[start], leadingEnd, end - leadingEnd) >= 0)
            {
                newStart = SkipWhitespace(text, leadingEnd, end);
            }

            var newEnd = end;
            var runStart = end - 1;
            while (runStart > start && text[runStart - 1] == text[end - 1])
            {
                runStart--;
            }

            if (end > start && IsMarkerAt(text, runStart, start, end, out var runEnd) && runEnd == end && text.IndexOf(text[end - 1], start, runStart - start) >= 0)
            {
                newEnd = runStart;
            }

            if (newEnd <= newStart)
            {
                return;
            }

            start = newStart;
            end = newEnd;
        }

        private static int SkipWhitespace(string text, int at, int end)
        {
            while (at < end && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            return at;
        }
    }
}
