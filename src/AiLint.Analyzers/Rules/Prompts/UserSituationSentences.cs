using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A sentence in which the user tells their own situation in the first person, a template's data rather than a
    /// contract: "I am traveling to {{$city}} and staying only 24 hours.", "My budget is only 40 euros.", "I have only
    /// three hours after dinner." (a Semantic Kernel travel template). Its "only", "always" or "never" describes the
    /// facts, so a case quoting it tests nothing. Read narrowly, since a first-person sentence often is a request:
    /// <list type="bullet">
    /// <item>it opens with "I am", "I'm", "I have", "I've" or "My" ("I only want JSON" does not);</item>
    /// <item>its keyword is "only", "always" or "never" (must, should, do not, don't stay contracts), in the opening
    /// clause: after a comma, a semicolon, "so", "but", "then" or a second "I" ("I am new here, so only use ...", "I am
    /// Lumi, and I only talk about ...") the sentence goes on to something else;</item>
    /// <item>it addresses no one ("you", "your", "please"), asks for nothing ("want", "need", "interested", "prefer",
    /// "request", ...), names neither the model nor its answer ("assistant", "answer", "reply", "format", "task", ...),
    /// and no imperative follows its keyword ("... and only use the metro").</item>
    /// </list>
    /// Used by AIL0303 only, for sentences outside list items.
    /// </summary>
    internal static class UserSituationSentences
    {
        private static readonly string[][] Openings =
        {
            new[] { "i", "am" }, new[] { "i'm" }, new[] { "i\u2019m" }, new[] { "i", "have" }, new[] { "i've" }, new[] { "i\u2019ve" }, new[] { "my" },
        };

        private static readonly HashSet<string> FactKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "only", "always", "never" };

        private static readonly HashSet<string> ContractKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "must", "should", "don't", "don\u2019t" };

        /// <summary>Words that end the opening clause: what follows them is another statement or a request.</summary>
        private static readonly HashSet<string> ClauseBreaks = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "so", "but", "then", "i", "therefore" };

        /// <summary>Words of a request, of addressing the model, or of the model and its answer: such a sentence is an instruction.</summary>
        private static readonly HashSet<string> RequestWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "you", "your", "yours", "yourself", "please", "want", "wants", "wanted", "need", "needs", "like", "prefer",
            "interested", "looking", "require", "requires", "requirement", "requirements", "request", "requests", "requesting",
            "expect", "expecting", "wish", "hope", "ask", "asking", "answer", "answers", "reply", "replies", "respond",
            "responds", "response", "responses", "output", "format", "assistant", "bot", "chatbot", "ai", "model", "agent",
            "task", "job", "role", "goal", "purpose", "instruction", "instructions", "rule", "rules",

            // A persona written in the first person states its own limits: "I am only allowed to discuss billing.",
            // "My tone is always friendly."
            "allowed", "able", "permitted", "supposed", "going", "trained", "designed", "programmed", "tone", "style",
            "voice", "persona",
        };

        public static bool IsUserFact(string sentence)
        {
            // A template variable ({{$city}}) is data, not a word of the sentence.
            var words = Words(SingleTurnPrompt.WithoutHoles(sentence), out var breaks);
            var opening = OpeningLength(words);
            if (opening == 0)
            {
                return false;
            }

            var keyword = -1;
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                if (RequestWords.Contains(word) || ContractKeywords.Contains(word)
                    || (string.Equals(word, "do", StringComparison.OrdinalIgnoreCase) && i + 1 < words.Count && string.Equals(words[i + 1], "not", StringComparison.OrdinalIgnoreCase)))
                {
                    return false;
                }

                if (keyword < 0 && FactKeywords.Contains(word))
                {
                    keyword = i;
                }
            }

            if (keyword < opening)
            {
                return false;
            }

            // The keyword must lie in the opening clause.
            for (var i = opening; i < keyword; i++)
            {
                if (breaks[i] || ClauseBreaks.Contains(words[i]))
                {
                    return false;
                }
            }

            return breaks[keyword] || keyword + 1 >= words.Count || !InstructionsToCover.OpensWithImperative(words[keyword + 1]);
        }

        private static int OpeningLength(List<string> words)
        {
            foreach (var opening in Openings)
            {
                if (words.Count > opening.Length && Matches(words, opening))
                {
                    return opening.Length;
                }
            }

            return 0;
        }

        private static bool Matches(List<string> words, string[] opening)
        {
            for (var i = 0; i < opening.Length; i++)
            {
                if (!string.Equals(words[i], opening[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The sentence's words (letters and apostrophes; template variables and numbers are not words), and for each
        /// whether a comma, semicolon or colon came right after it.
        /// </summary>
        private static List<string> Words(string sentence, out List<bool> breaks)
        {
            var words = new List<string>();
            breaks = new List<bool>();
            var i = 0;
            while (i < sentence.Length)
            {
                var c = sentence[i];
                if (c == ',' || c == ';' || c == ':')
                {
                    if (breaks.Count > 0)
                    {
                        breaks[breaks.Count - 1] = true;
                    }

                    i++;
                    continue;
                }

                if (!char.IsLetter(c))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < sentence.Length && (char.IsLetter(sentence[i]) || sentence[i] == '\'' || sentence[i] == '\u2019'))
                {
                    i++;
                }

                words.Add(sentence.Substring(start, i - start));
                breaks.Add(false);
            }

            return words;
        }
    }
}
