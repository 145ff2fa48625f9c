using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    // A sentence about the model that a transition phrase opens: "Regardless, you will need to use at least one tool."
    internal static partial class DataTemplate
    {
        /// <summary>
        /// Transition phrases that open a sentence before a comma and leave its subject and verb as they are
        /// ("Regardless, you will ...", "However, you must ...", "In all cases, you should ..."). A phrase that names
        /// something of its own ("With the user, ...", "The user wrote ...") is none of them.
        /// </summary>
        private static readonly HashSet<string> TransitionPhrases = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "additionally", "also", "finally", "however", "instead", "lastly", "otherwise", "regardless", "then",
            "therefore", "thus", "in addition", "in all cases", "in any case", "in every case", "in that case",
            "in this case", "either way", "if not", "if so", "most importantly", "importantly",
        };

        /// <summary>
        /// What the rest of the sentence opens with after the transition: the model as the subject of a duty or of
        /// what it will do ("you will", "you must", "you need to", "you should").
        /// </summary>
        private static readonly string[] DirectivesAfterTransition =
        {
            "you will ", "you'll ", "you\u2019ll ", "you must ", "you need to ", "you should ",
        };

        /// <summary>
        /// Whether a sentence opens with a transition phrase of <see cref="TransitionPhrases"/>, a comma, and then one of
        /// <see cref="DirectivesAfterTransition"/> with at least one more word: the same sentence about the model that
        /// "You will need to use ..." is, with "Regardless," before it (review86 repro-1). The phrase before the comma
        /// has only letters and spaces (a list marker or emphasis may open it): text in quotes there is someone's words.
        /// </summary>
        private static bool DirectsTheModelAfterTransition(string sentence)
        {
            var comma = sentence.IndexOf(',');
            if (comma < 0 || !IsBarePhrase(sentence.Substring(0, comma)))
            {
                return false;
            }

            var lead = Words(sentence.Substring(0, comma));
            if (lead.Count == 0 || !TransitionPhrases.Contains(string.Join(" ", lead)))
            {
                return false;
            }

            var rest = Words(sentence.Substring(comma + 1));
            if (rest.Count < 3)
            {
                return false;
            }

            var opening = (string.Join(" ", rest.GetRange(0, Math.Min(3, rest.Count))) + " ").ToLowerInvariant();
            foreach (var directive in DirectivesAfterTransition)
            {
                if (opening.StartsWith(directive, StringComparison.Ordinal) && rest.Count > directive.Split(' ').Length - 1)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Letters and spaces, after an optional list marker or emphasis (<c>- </c>, <c>* </c>, <c>**</c>).</summary>
        private static bool IsBarePhrase(string text)
        {
            var trimmed = text.Trim().TrimStart('-', '*', '_', '>', ' ');
            foreach (var c in trimmed)
            {
                if (!(char.IsLetter(c) || c == ' '))
                {
                    return false;
                }
            }

            return trimmed.Length > 0;
        }
    }
}
