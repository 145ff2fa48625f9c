using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    // Whether constant text reads as English, the language of the word lists the template test reads it with.
    internal static partial class DataTemplate
    {
        /// <summary>
        /// Whether the constant text reads as English, the language of the word lists in DataTemplate.cs: most of its letters are
        /// Latin script, and it has one of <see cref="EnglishFunctionWords"/> or no mark of another language (a letter
        /// with a diacritic, one of <see cref="OtherLanguageWords"/>: "Eres un asistente de {empresa}."). Short English
        /// lines ("Read more at {url}", "Address {name} formally.") have no common English word, and would otherwise
        /// be judged as if in another language.
        /// </summary>
        internal static bool LooksEnglish(string text)
        {
            if (!IsMostlyLatin(text))
            {
                return false;
            }

            var constant = SingleTurnPrompt.WithoutHoles(text);
            var words = Words(constant);
            foreach (var word in words)
            {
                if (EnglishFunctionWords.Contains(word))
                {
                    return true;
                }
            }

            foreach (var word in words)
            {
                if (OtherLanguageWords.Contains(word))
                {
                    return false;
                }
            }

            foreach (var c in constant)
            {
                // Latin-1 Supplement and Latin Extended letters: é, ñ, ü, ß, ç, ł ... (English writes none but in loanwords).
                if (char.IsLetter(c) && c >= '\u00C0' && c < '\u0250')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Common English words that are not words of the other languages apps write prompts in.</summary>
        private static readonly HashSet<string> EnglishFunctionWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "the", "you", "your", "and", "of", "to", "is", "are", "with", "for", "this", "that", "please", "be", "user's",
        };

        /// <summary>
        /// Common words of the other Latin-script languages apps write prompts in (Spanish, Portuguese, French, Italian,
        /// German, Dutch) that are not English words.
        /// </summary>
        private static readonly HashSet<string> OtherLanguageWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "al", "als", "auf", "avec", "che", "con", "da", "das", "dans", "de", "del", "della", "den", "der", "des", "die",
            "du", "een", "ein", "eine", "el", "em", "en", "es", "est", "et", "het", "il", "ist", "la", "las", "le", "les",
            "los", "mit", "nicht", "og", "para", "por", "que", "se", "sie", "sur", "und", "une", "un", "una", "van",
            "voor", "y", "zu",
        };

        private static bool IsMostlyLatin(string text)
        {
            var latin = 0;
            var other = 0;
            foreach (var c in SingleTurnPrompt.WithoutHoles(text))
            {
                if (!char.IsLetter(c))
                {
                    continue;
                }

                if (c < '\u0250')
                {
                    latin++;
                }
                else
                {
                    other++;
                }
            }

            return latin >= other;
        }
    }
}
