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
            var trimmed = sentence.Trim().TrimEnd('.', '!', ';', '\u3002', '\uFF01', ' ');
            if (trimmed.Length == 0 || trimmed.EndsWith("?", System.StringComparison.Ordinal) || trimmed.EndsWith("\uFF1F", System.StringComparison.Ordinal) || LooksEnglish(trimmed))
            {
                return false;
            }

            // The title test wants the label's colon; the words it reads are the same without it.
            return IsOtherLanguageInstructingTitle(trimmed + ":");
        }
    }
}
