using System;
using System.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// When the one string of a single-turn request (<c>chatClient.GetResponseAsync(text)</c>) is a prompt: its constant
    /// text, template holes left out, opens with a persona ("You are", "You're a/an", "Act as"; on its first line or after
    /// lines that only carry data, such as the current time) or has an instruction sentence
    /// (a contract keyword: must, never, always, only, should, do not, don't) of at least four words that is not a
    /// question ("What should I cook tonight?" asks; it does not instruct), nor the user's own need ("We must guarantee 99.9% availability ..."). A label, a URL (tokens with "://" are left
    /// out), a model id or a bare question is not; a value that is not constant text (user input) never reaches this test.
    /// </summary>
    internal static class SingleTurnPrompt
    {
        private const int MinimumInstructionWords = 4;

        /// <summary>A label before a value (<c>Current date and time: {now}</c>) has at most this many words.</summary>
        internal const int MaximumLabelWords = 5;

        private static readonly string[] PersonaOpenings = { "You are ", "Act as " };

        /// <summary>Openings that are a persona only before "a" or "an" (<see cref="IsPersonaOpening"/>).</summary>
        private static readonly string[] ContractedPersonaOpenings = { "You're ", "You\u2019re " };

        public static bool Qualifies(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            var constant = WithoutUrls(WithoutHoles(text!));
            if (OpensWithPersona(constant))
            {
                return true;
            }

            foreach (var instruction in PromptInstructions.Extract(constant))
            {
                if (PromptInstructions.ContainsKeyword(instruction.Text, 0, instruction.Text.Length)
                    && CountWords(instruction.Text) >= MinimumInstructionWords
                    && !instruction.Text.TrimEnd().EndsWith("?", StringComparison.Ordinal)
                    && !StatesSpeakersOwnNeed(instruction.Text))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A sentence in which the user states their own requirement ("We must guarantee 99.9% availability for ...",
        /// "I should be able to export the report") before asking about it: its subject is "I" or "we" followed at once
        /// by "must" or "should", and it never addresses the model ("you", "your"). A demo question sent to an agent is
        /// written so (review71); "I must have the answer in JSON, you ..." still addresses the model.
        /// </summary>
        private static bool StatesSpeakersOwnNeed(string sentence)
        {
            var words = sentence.Split(new[] { ' ', '\t', '\n', '\r', ',', ';', ':', '.', '!', '(', ')', '"' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2
                || !(IsWord(words[0], "I") || IsWord(words[0], "we"))
                || !(IsWord(words[1], "must") || IsWord(words[1], "should")))
            {
                return false;
            }

            foreach (var word in words)
            {
                if (IsWord(word, "you") || IsWord(word, "your") || IsWord(word, "yours"))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsWord(string word, string expected) => string.Equals(word, expected, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Whether the text opens with a persona: its first line, or the first line after lines that only carry data
        /// (<c>[TIMESTAMP UTC: {now}]</c>, <c>Current date and time: {DateTime.UtcNow}</c>, a hole alone, a heading or
        /// label). Apps put the current time above the persona so the model can resolve "last week"; the persona is
        /// still what opens the instructions. A "you are" later in a line of prose ("Thanks! You are subscribed.") or
        /// after a line of prose does not count.
        /// </summary>
        private static bool OpensWithPersona(string constant)
        {
            foreach (var line in constant.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                if (IsPersonaOpening(trimmed))
                {
                    return true;
                }

                if (!IsDataLine(trimmed))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// "You are ...", "Act as ..." or a contraction that assigns a role ("You're a ...", "You're an ..."). The
        /// contraction is how notices and greetings open ("You're invited to renew", "You're all set", "You're
        /// subscribed"), so it is a persona only before an article (review27 FP2).
        /// </summary>
        private static bool IsPersonaOpening(string line)
        {
            foreach (var opening in PersonaOpenings)
            {
                if (line.StartsWith(opening, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            foreach (var contraction in ContractedPersonaOpenings)
            {
                if (line.StartsWith(contraction, StringComparison.OrdinalIgnoreCase))
                {
                    var rest = line.Substring(contraction.Length).TrimStart();
                    return StartsWithWord(rest, "a") || StartsWithWord(rest, "an");
                }
            }

            return false;
        }

        private static bool StartsWithWord(string text, string word) =>
            text.StartsWith(word, StringComparison.OrdinalIgnoreCase)
            && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]));

        /// <summary>
        /// A line that only carries data, holes already left out: a title (<see cref="IsTitleLine"/>: a label, heading,
        /// tag or bracketed name, or no letters) or a label with a value without letters (<c>Current date: {date}.</c>,
        /// <c>Now: 2025-01-31 10:00</c>).
        /// </summary>
        private static bool IsDataLine(string trimmed)
        {
            if (IsTitleLine(trimmed))
            {
                return true;
            }

            var colon = trimmed.IndexOf(':');
            if (colon <= 0 || CountWords(trimmed.Substring(0, colon)) > MaximumLabelWords)
            {
                return false;
            }

            for (var i = colon + 1; i < trimmed.Length; i++)
            {
                if (char.IsLetter(trimmed[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether a template only titles its data: every line of its constant text, holes left out, is a label ending
        /// with ':' (<c>Name: {user.Name}</c>, <c>Summary of the conversation so far: {summary}</c>), a Markdown heading,
        /// a tag or banner (<c>&lt;document&gt;</c>, <c>=== Context ===</c>, <c>[Memories]</c>) or has no letters
        /// (<c>- {item}</c>, <c>----</c>), and the text does not instruct (<see cref="Qualifies"/>).
        /// </summary>
        public static bool OnlyTitlesData(string? text)
        {
            if (string.IsNullOrWhiteSpace(text) || Qualifies(text))
            {
                return false;
            }

            // The quotes around a hole are the value's (`Intenção: '{intent}'`), so they leave with it.
            foreach (var line in WithoutHoles(TemplateHoles.Unquote(text!)).Split('\n'))
            {
                if (line.Trim().Length > 0 && !IsTitleLine(line))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// One line that names data rather than instructing: a label (ending with ':' or the full-width '：', with no
        /// sentence before it: <see cref="HasSentenceBeforeLabel"/>), short labels each followed by a value without
        /// words (<see cref="LabelledValueLines"/>: <c>Produto: {name} (SKU: {sku}, Preço: R$ {price})</c>), heading,
        /// tag, banner or a line without letters outside its tags.
        /// </summary>
        public static bool IsTitleLine(string line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                return false;
            }

            // Letters only inside tags (`<tool_call>{payload}</tool_call>`) title the data between them.
            var hasLetter = false;
            foreach (var c in WithoutTags(trimmed))
            {
                hasLetter |= char.IsLetter(c);
            }

            // A tag or bracketed name ([Memories], 【参考】) is a title only when it is the whole line: "<instructions>Answer in French.</instructions>"
            // and "[Note] Reply in French." carry a sentence.
            var first = trimmed[0];
            var last = trimmed[trimmed.Length - 1];
            return !hasLetter
                || first == '#'
                || first == '='
                || ((last == ':' || last == '\uFF1A') && !HasSentenceBeforeLabel(trimmed))
                || LabelledValueLines.IsRun(WithoutTags(trimmed))
                || (first == '<' && last == '>' && trimmed.IndexOf('>') == trimmed.Length - 1)
                || (first == '[' && last == ']' && trimmed.IndexOf(']') == trimmed.Length - 1)
                || (first == '\u3010' && last == '\u3011' && trimmed.IndexOf('\u3011') == trimmed.Length - 1);
        }

        /// <summary>
        /// Whether a line ending with a label has sentences before it: a part ended by a sentence end
        /// (<see cref="EndsSentenceAt"/>) that has letters and no ':' of its own. "Responda SOMENTE com JSON.
        /// Reclamação:" gives an instruction and then labels its data, so it does not only title it (review29 M1), as
        /// does "あなたはTRPGのゲームマスターです。舞台:" (review41 N1); "Cliente: {c}. Reclamação:" is labelled values
        /// one after another, and "{n}. Reclamação:" a number before the label: both still title.
        /// </summary>
        private static bool HasSentenceBeforeLabel(string line)
        {
            var start = 0;
            for (var i = 0; i + 1 < line.Length; i++)
            {
                if (!EndsSentenceAt(line, i))
                {
                    continue;
                }

                if (IsSentence(WithoutTags(line.Substring(start, i - start))))
                {
                    return true;
                }

                start = i + 1;
            }

            return false;
        }

        /// <summary>
        /// Whether a sentence ends at <paramref name="i"/>: '.', '!' or '?' before whitespace, or a stop of a script
        /// that ends sentences with its own mark: the full-width '。', '！' and '？' of Chinese and Japanese, written
        /// with no space after them, the Devanagari danda '।' and the Arabic question mark '؟'.
        /// </summary>
        private static bool EndsSentenceAt(string line, int i)
        {
            var c = line[i];
            return ((c == '.' || c == '!' || c == '?') && i + 1 < line.Length && char.IsWhiteSpace(line[i + 1]))
                || c == '\u3002' || c == '\uFF01' || c == '\uFF1F' || c == '\u0964' || c == '\u061F';
        }

        /// <summary>A part of a line with letters and no label colon: prose, not a labelled value.</summary>
        private static bool IsSentence(string part)
        {
            var hasLetter = false;
            foreach (var c in part)
            {
                if (c == ':' || c == '\uFF1A')
                {
                    return false;
                }

                hasLetter |= char.IsLetter(c);
            }

            return hasLetter;
        }

        /// <summary>Drops <c>&lt;tag ...&gt;</c> and <c>&lt;/tag&gt;</c> runs (a tag opens with a letter or '/').</summary>
        internal static string WithoutTags(string text)
        {
            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var close = text[i] == '<' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '/') ? text.IndexOf('>', i) : -1;
                if (close > 0)
                {
                    builder.Append(' ');
                    i = close;
                    continue;
                }

                builder.Append(text[i]);
            }

            return builder.ToString();
        }

        /// <summary>
        /// Drops <c>{hole}</c> runs (a template's placeholders carry the user's data, not instructions). Only runs that
        /// close are dropped (<see cref="TemplateHoles"/>): a literal <c>{</c> never closed stays text and hides nothing.
        /// </summary>
        internal static string WithoutHoles(string text) => TemplateHoles.Replace(text, mark: null);

        /// <summary>Drops whitespace-separated tokens containing "://": a URL's path words are not instructions.</summary>
        private static string WithoutUrls(string text)
        {
            if (text.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    continue;
                }

                var token = text.Substring(start, i - start);
                builder.Append(token.IndexOf("://", StringComparison.Ordinal) >= 0 ? " " : token);
                if (i < text.Length)
                {
                    builder.Append(text[i]);
                }

                start = i + 1;
            }

            return builder.ToString();
        }

        internal static int CountWords(string text)
        {
            var words = 0;
            var inWord = false;
            foreach (var c in text)
            {
                var isWordChar = char.IsLetterOrDigit(c) || c == '\'' || c == '\u2019';
                if (isWordChar && !inWord)
                {
                    words++;
                }

                inWord = isWordChar;
            }

            return words;
        }
    }
}
