using System.Collections.Generic;
using System.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The <c>{...}</c> runs of a prompt's text that stand for data: a template's holes (<c>{expression}</c>, the
    /// form the text keeps them in), a template language's variables (<c>{{$input}}</c>, <c>{0}</c>) and a balanced
    /// literal example (a JSON object). Only a brace that closes makes a run: a literal <c>{</c> that is never closed
    /// (a hand-written JSON example whose last brace is a typo, <c>{ "scores": [ ... ] ]</c>) is text, so it never
    /// hides the instructions after it, unless it opens the text's last word (<c>"{{$input"</c>
    /// being typed: a hole half-written); a stray <c>}</c> is text too.
    /// </summary>
    internal static class TemplateHoles
    {
        /// <summary>
        /// The text with each run replaced: by <paramref name="mark"/> once per run, or, when <paramref name="mark"/>
        /// is null, by a space for each <c>{</c> in it (the spacing the single-turn test has always read).
        /// </summary>
        public static string Replace(string text, char? mark)
        {
            if (text.IndexOf('{') < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            var runs = OutermostRuns(text);
            var next = 0;
            foreach (var (start, end) in runs)
            {
                builder.Append(text, next, start - next);
                if (mark is { } m)
                {
                    builder.Append(m);
                }
                else
                {
                    for (var i = start; i <= end; i++)
                    {
                        if (text[i] == '{')
                        {
                            builder.Append(' ');
                        }
                    }
                }

                next = end + 1;
            }

            builder.Append(text, next, text.Length - next);
            return builder.ToString();
        }

        /// <summary>
        /// The text without the quotes written right around a run (<c>'{intent}'</c>, <c>"{name}"</c>,
        /// <c>“{summary}”</c>, <c>„{Zusammenfassung}“</c>): they mark where the value starts and ends and belong to
        /// the data, so <c>Intenção: '{intent}'</c> titles its data as <c>Intenção: {intent}</c> does (review75 FP-2).
        /// A quote on one side only (<c>{name}'s order</c>) is text and stays.
        /// </summary>
        public static string Unquote(string text)
        {
            if (text.IndexOf('{') < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            var next = 0;
            foreach (var (start, end) in OutermostRuns(text))
            {
                if (start > 0 && end + 1 < text.Length && start - 1 >= next && ClosingQuoteOf(text[start - 1]) is { } close && text[end + 1] == close)
                {
                    builder.Append(text, next, start - 1 - next);
                    builder.Append(text, start, end + 1 - start);
                    next = end + 2;
                }
            }

            if (next == 0)
            {
                return text;
            }

            builder.Append(text, next, text.Length - next);
            return builder.ToString();
        }

        private static char? ClosingQuoteOf(char open) => open switch
        {
            '\'' => '\'',
            '"' => '"',
            '\u201C' => '\u201D',
            '\u2018' => '\u2019',
            '\u201E' => '\u201C',
            '\u00AB' => '\u00BB',
            _ => null,
        };

        /// <summary>Whether the text has a closed <c>{...}</c> run: a template's hole or variable (<c>{text}</c>, <c>{{$input}}</c>, <c>{0}</c>).</summary>
        public static bool HasRuns(string text) => text.IndexOf('{') >= 0 && OutermostRuns(text).Count > 0;

        /// <summary>The outermost closed <c>{...}</c> runs (start and end index, inclusive), in order; unmatched braces belong to none.</summary>
        private static List<(int Start, int End)> OutermostRuns(string text)
        {
            var open = new Stack<int>();
            var runs = new List<(int Start, int End)>();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '{')
                {
                    open.Push(i);
                }
                else if (text[i] == '}' && open.Count > 0)
                {
                    var start = open.Pop();

                    // A run inside one found before (closed later) is dropped; the outer run covers it.
                    while (runs.Count > 0 && runs[runs.Count - 1].Start > start)
                    {
                        runs.RemoveAt(runs.Count - 1);
                    }

                    runs.Add((start, i));
                }
            }

            // A brace never closed that opens the text's last word (`"{{$input"` being typed) is a hole half-written.
            if (open.Count > 0)
            {
                var last = open.ToArray()[open.Count - 1];
                if (IsLastWord(text, last))
                {
                    while (runs.Count > 0 && runs[runs.Count - 1].Start > last)
                    {
                        runs.RemoveAt(runs.Count - 1);
                    }

                    runs.Add((last, text.Length - 1));
                }
            }

            return runs;
        }

        private static bool IsLastWord(string text, int start)
        {
            for (var i = start; i < text.Length; i++)
            {
                if (char.IsWhiteSpace(text[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
