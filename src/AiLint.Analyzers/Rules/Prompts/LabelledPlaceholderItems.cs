namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A list item of the answer's format example: a short label whose whole value is a placeholder in square or angle
    /// brackets (<c>- Attraction name: [name]</c>, <c>- What is the best thing to see there: [one sentence
    /// description]</c>, <c>- Opening hours: &lt;hours&gt;</c>, under "... in the following format:" in a Semantic Kernel
    /// travel template). It shows what the answer writes on that line, as <c>- [one line]</c> does; a case quoting
    /// "Attraction name:" tests nothing. The caller keeps an item with a keyword or an opening imperative (<c>- Price:
    /// never more than [budget]</c>, <c>- Explain the choice: [one sentence]</c>); a word outside the brackets
    /// (<c>- Address: [street] in bold</c>) or a bracket not closed yet makes the item something else.
    /// </summary>
    internal static class LabelledPlaceholderItems
    {
        /// <summary>A label is a few words: "What is the best thing to see there" has eight.</summary>
        private const int MaximumLabelWords = 8;

        public static bool IsLabelledPlaceholder(string item)
        {
            var trimmed = item.Trim();
            var colon = trimmed.IndexOf(':');
            if (colon <= 0)
            {
                return false;
            }

            var value = trimmed.Substring(colon + 1).Trim();
            return IsLabel(trimmed.Substring(0, colon)) && (IsBracketed(value, '[', ']') || IsBracketed(value, '<', '>'));
        }

        /// <summary>
        /// A line of the answer's format, with or without a list marker, that holds a keyword only inside its placeholder
        /// (<c>Answer: [Your answer based only on the document]</c>: the model replaces the brackets, so their "only"
        /// instructs nothing). A keyword in the label (<c>Answer only in English: [answer]</c>) or a label that is an
        /// instruction of more than one word (<c>Explain the choice: [only one sentence]</c>) keeps it an instruction; a
        /// one-word label names the field (<c>Answer:</c>, <c>Summary:</c>).
        /// </summary>
        /// <param name="item">The line's text without its list marker and emphasis markers.</param>
        public static bool IsFormatFieldWithKeywordInside(string item)
        {
            if (!IsLabelledPlaceholder(item))
            {
                return false;
            }

            var trimmed = item.Trim();
            var label = trimmed.Substring(0, trimmed.IndexOf(':'));
            return PromptInstructions.ContainsKeyword(trimmed, 0, trimmed.Length)
                && !PromptInstructions.ContainsKeyword(label, 0, label.Length)
                && !(SingleTurnPrompt.CountWords(label) > 1 && InstructionsToCover.OpensWithImperative(label));
        }

        /// <summary>Words with letters, no sentence end and no bracket in them, at most <see cref="MaximumLabelWords"/>.</summary>
        private static bool IsLabel(string label)
        {
            var hasLetter = false;
            foreach (var c in label)
            {
                if (c == '.' || c == '!' || c == '?' || c == ';' || c == '[' || c == ']' || c == '<' || c == '>')
                {
                    return false;
                }

                hasLetter |= char.IsLetter(c);
            }

            return hasLetter && SingleTurnPrompt.CountWords(label) <= MaximumLabelWords;
        }

        /// <summary>One bracketed run that is the whole value and has a letter in it: <c>[name]</c>, not <c>[]</c> or <c>[a] [b]</c>.</summary>
        private static bool IsBracketed(string value, char open, char close)
        {
            if (value.Length < 3 || value[0] != open || value[value.Length - 1] != close
                || value.IndexOf(close) != value.Length - 1 || value.IndexOf(open, 1) >= 0)
            {
                return false;
            }

            foreach (var c in value)
            {
                if (char.IsLetter(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
