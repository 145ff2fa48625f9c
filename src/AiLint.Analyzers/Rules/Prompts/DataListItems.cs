using System;
using System.Text.RegularExpressions;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// List items of a prompt that are data, not instructions (review92 repro-2, TaskPilot's Semantic Kernel YAML
    /// prompts): a context block written as a list of labelled holes (<c>- Title: {{$TaskTitle}}</c>, <c>- Order:
    /// {order.Id}</c>, <c>- Total: {0}</c>), and the values the model may answer with, listed under a heading that
    /// introduces them (<c>Allowed categories:</c> then <c>- MeetingNotes (for minutes, transcripts, team syncs)</c>).
    /// An eval case whose rule quotes "Title:" or "MeetingNotes" tests nothing, so AIL0303 must not ask for one. A list
    /// item that instructs stays an instruction: a keyword anywhere in a labelled item, or in a value's gloss outside
    /// parentheses (<c>- refund: never more than $50</c>), and every item of more than one word before its gloss
    /// (<c>- Return ONLY the category name.</c>, <c>- Use the ticket's language.</c>).
    /// </summary>
    internal static class DataListItems
    {
        // A template's variable: `{{$TaskTitle}}`, `{{ task.title }}`, `{TaskTitle}`, `{order.Id:N2}`, `{0}`. A brace run
        // with a quote in it is a JSON example (`{ "score": 1 }`), which may show the format an instruction asks for.
        private static readonly Regex Hole = new Regex(@"\{\{[^{}""']*\}\}|\{[^{}""'\s][^{}""']*\}", RegexOptions.CultureInvariant);

        // Words a heading uses to introduce the values an answer is chosen from (English only: a heading in another
        // language leaves its values reported as before, the documented reading).
        private static readonly string[] ValueWords =
        {
            "categories", "category", "values", "options", "labels", "choices", "classes", "intents", "sentiments",
            "statuses", "tags", "enum", "allowed", "valid", "possible", "permitted", "one of",
        };

        /// <summary>Whether the list item <paramref name="item"/> (its text after the marker) is data under <paramref name="heading"/>, the last line before the list that is not an item.</summary>
        public static bool IsData(string item, string? heading)
        {
            item = item.Trim();
            return IsLabelledHoles(item) || (heading != null && IntroducesValues(heading) && IsValue(item));
        }

        /// <summary><c>Title: {{$TaskTitle}}</c>, <c>Name: {name} | Age: {age}</c>: every word is in a label, the values are holes.</summary>
        private static bool IsLabelledHoles(string item)
        {
            if (item.IndexOf('{') < 0)
            {
                return false;
            }

            var withoutHoles = Hole.Replace(item, " ");
            return withoutHoles.Length < item.Length
                && withoutHoles.IndexOf('{') < 0
                && !PromptInstructions.ContainsKeyword(withoutHoles, 0, withoutHoles.Length)
                && LabelledValueLines.IsRun(withoutHoles);
        }

        /// <summary>A heading that ends with ':' (or a markdown heading) and names a set of values: <c>Allowed categories:</c>, <c>## Labels</c>, <c>Answer with one of:</c>.</summary>
        private static bool IntroducesValues(string heading)
        {
            var trimmed = heading.Trim().TrimEnd('*').TrimEnd();
            if (!(trimmed.EndsWith(":", StringComparison.Ordinal) || trimmed.EndsWith("\uFF1A", StringComparison.Ordinal) || trimmed.StartsWith("#", StringComparison.Ordinal)))
            {
                return false;
            }

            foreach (var word in ValueWords)
            {
                if (ContainsWord(trimmed, word))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// One value, written alone or with a gloss: <c>MeetingNotes</c>, <c>`refund`</c>, <c>Uncategorized (only if no
        /// category applies)</c>, <c>positive - the customer is happy</c>. A keyword in a gloss after a separator makes
        /// the item a rule about the value; a parenthesised gloss only says when the value fits.
        /// </summary>
        private static bool IsValue(string item)
        {
            var i = 0;
            while (i < item.Length && (item[i] == '*' || item[i] == '`' || item[i] == '"' || item[i] == '\''))
            {
                i++;
            }

            var tokenStart = i;
            while (i < item.Length && !char.IsWhiteSpace(item[i]) && item[i] != '(' && item[i] != ':' && item[i] != '\uFF1A')
            {
                i++;
            }

            var token = item.Substring(tokenStart, i - tokenStart);
            if (!HasLetterOrDigit(token) || PromptInstructions.ContainsKeyword(token, 0, token.Length))
            {
                return false;
            }

            var rest = item.Substring(i).TrimStart();
            if (rest.Length == 0 || rest[0] == '(')
            {
                return true;
            }

            var separated = rest[0] == ':' || rest[0] == '\uFF1A' || rest[0] == '=' || rest[0] == '\u2013' || rest[0] == '\u2014'
                || (rest[0] == '-' && rest.Length > 1 && char.IsWhiteSpace(rest[1]));
            return separated && !PromptInstructions.ContainsKeyword(rest, 0, rest.Length);
        }

        private static bool HasLetterOrDigit(string token)
        {
            foreach (var c in token)
            {
                if (char.IsLetterOrDigit(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsWord(string text, string word)
        {
            var at = 0;
            while ((at = text.IndexOf(word, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = at + word.Length;
                if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end])))
                {
                    return true;
                }

                at = end;
            }

            return false;
        }
    }
}
