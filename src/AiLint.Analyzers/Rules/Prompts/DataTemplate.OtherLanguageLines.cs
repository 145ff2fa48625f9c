namespace AiLint.Analyzers.Rules.Prompts
{
    // An instruction sentence in another language anywhere in a text, for prompt files (PromptFiles.OtherLanguages.cs).
    internal static partial class DataTemplate
    {
        /// <summary>
        /// Whether a sentence in another language opens with an instruction verb: what
        /// <see cref="IsOtherLanguageInstructingTitle"/> reads on a line ending with ':' (one of
        /// <see cref="OtherLanguageImperatives"/> after an optional "please", in a sentence of at least
        /// <see cref="MinimumWordsOfInstructingTitle"/> words, or a Chinese "请" and a verb), read here on a sentence that
        /// ends with a full stop: a rule of a prompt file ("- Réponds toujours en français.", "- Antworte auf Deutsch in
        /// drei Sätzen."). A sentence that reads as English ("Describe the product ...": "describe" is a Spanish
        /// imperative too) is left to the English test, and a question asks rather than instructs.
        /// </summary>
        internal static bool IsOtherLanguageInstruction(string sentence)
        {
            var written = sentence.Trim();
            var trimmed = written.TrimEnd('.', '!', ';', '\u3002', '\uFF01', ' ');
            if (trimmed.Length == 0 || trimmed.EndsWith("?", System.StringComparison.Ordinal) || trimmed.EndsWith("\uFF1F", System.StringComparison.Ordinal))
            {
                return false;
            }

            // The title test wants the label's colon; the words it reads are the same without it.
            if (!LooksEnglish(trimmed) && IsOtherLanguageInstructingTitle(trimmed + ":"))
            {
                return true;
            }

            // A rule written out as a sentence, its full stop kept, may be shorter than a title: "Sois concis.", "Évite
            // le jargon.", "Ne jamais inventer." Such a sentence often has no accent and no function word to show its
            // language, so it is English only by an English word, or by a verb English spells too ("Describe fields.").
            // A label or a button ("Utiliser ce modèle", "Envoyer") has no full stop, and one word ("Utilise.") says
            // nothing to do.
            if (trimmed.Length == written.Length || HasEnglishFunctionWord(trimmed))
            {
                return false;
            }

            var words = Words(trimmed);
            return words.Count > 0
                && !EnglishSpelledImperatives.Contains(words[0])
                && OpensWithOtherLanguageImperative(words, 0, MinimumWordsOfWrittenRule);
        }

        /// <summary>The words a rule written as a sentence needs: a verb and what it acts on ("Sois concis.").</summary>
        private const int MinimumWordsOfWrittenRule = 2;

        /// <summary>Imperatives of <see cref="OtherLanguageImperatives"/> that English spells as words of its own.</summary>
        private static readonly System.Collections.Generic.HashSet<string> EnglishSpelledImperatives =
            new System.Collections.Generic.HashSet<string>(System.StringComparer.OrdinalIgnoreCase)
            {
                "describe", "resume", "cite", "propose", "dame", "dime",
            };

        private static bool HasEnglishFunctionWord(string text)
        {
            foreach (var word in Words(SingleTurnPrompt.WithoutHoles(text)))
            {
                if (EnglishFunctionWords.Contains(word))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
