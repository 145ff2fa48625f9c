using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// When a template with data in it, written where it is used (<c>$"You are helping {customer}. Be brief."</c> at a
    /// slot, <c>string.Format("Answer in {0}.", language)</c>), is a prompt rather than a sentence that carries data to
    /// the model (<c>$"Today is {date:D}."</c>, <c>$"The user's name is {name}."</c>, <c>$"Context:\n{doc}"</c>). Its
    /// constant text, holes left out, must instruct: pass the single-turn test (<see cref="SingleTurnPrompt.Qualifies"/>:
    /// a persona or a keyword sentence), or have a sentence that opens with an imperative from <see cref="Imperatives"/>
    /// ("Answer in {language}.", "Reply in {language}.", "Translate the text into {language}."), with "You" and such a
    /// verb ("You analyze the snippet's complexity."), or with one of
    /// <see cref="ModelOpenings"/> ("Your name is {bot}.", "The assistant is ..."). A statement of fact ("Today is", "The user's name is",
    /// "The current time is") opens with neither, whatever data it carries.
    /// The words are English: a template that does not read as English (its constant letters mostly not Latin script,
    /// "你是一个{role}助手", or without any common English word, "Eres un asistente de {empresa}.") cannot be read this way
    /// and keeps the older rule, a prompt unless every line only titles its data.
    /// </summary>
    internal static class DataTemplate
    {
        /// <summary>A title-shaped line (ending with ':') counts as an instruction only from this many words: "Use the following context:" does, "Use case:" does not.</summary>
        private const int MinimumWordsOfInstructingTitle = 4;

        /// <summary>
        /// Verbs a prompt opens an instruction with. Words that are as often nouns heading data ("List of tools:",
        /// "Return policy:", "Output format:", "Search results:", "Note:", "Summary:", "Check number", "Address of", "State of", "Plan name")
        /// are left out on purpose.
        /// </summary>
        private static readonly HashSet<string> Imperatives = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "act", "adopt", "always", "analyse", "analyze", "answer", "ask", "assist", "assume", "avoid", "be", "behave",
            "calculate", "categorise", "categorize", "choose", "cite", "classify", "clean", "compare", "compose",
            "consider", "convert", "correct", "create", "decide", "describe", "detect", "determine", "do", "don't",
            "don\u2019t", "draft", "evaluate", "explain", "extract", "find", "fix", "follow", "generate", "give", "greet",
            "identify", "ignore", "imagine", "improve", "include", "keep", "make", "mention", "never", "only",
            "paraphrase", "prefer", "pretend", "produce", "proofread", "provide", "read", "refuse", "remember",
            "rephrase", "reply", "respond", "rewrite", "select", "simplify", "speak", "stay", "suggest", "summarise",
            "summarize", "tell", "think", "translate", "treat", "use", "validate", "verify", "write",
        };

        /// <summary>
        /// Verbs that follow "You" in a prompt that tells the model what it does ("You analyze the snippet's
        /// complexity.", "You help customers with {product}."): the imperatives, and verbs left out there as nouns.
        /// </summary>
        private static readonly HashSet<string> SecondPersonVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "call", "check", "format", "handle", "help", "list", "output", "play", "rate", "represent", "return", "review",
            "search", "work",
        };

        /// <summary>
        /// Openings that address the model about itself or its task, or describe it in the third person as
        /// completion-style prompts do ("The assistant is helpful and friendly."); the persona openings are the
        /// single-turn test's.
        /// </summary>
        private static readonly string[] ModelOpenings =
        {
            "you will ", "you\u2019ll ", "you'll ", "your task ", "your job ", "your role ", "your goal ", "your name ",
            "your purpose ", "i want you ", "the assistant ", "the ai ", "the chatbot ", "the bot ",
        };

        /// <summary>Whether the template's constant text, holes (<c>{...}</c>) left out, instructs the model.</summary>
        public static bool Instructs(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            if (!LooksEnglish(text!))
            {
                return !SingleTurnPrompt.OnlyTitlesData(text);
            }

            if (SingleTurnPrompt.Qualifies(text))
            {
                return true;
            }

            foreach (var line in SingleTurnPrompt.WithoutHoles(text!).Split('\n'))
            {
                var isTitle = SingleTurnPrompt.IsTitleLine(line);
                foreach (var sentence in Sentences(line))
                {
                    if (sentence.TrimEnd().EndsWith("?", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var words = Words(sentence);
                    if (words.Count < 2 || (isTitle && words.Count < MinimumWordsOfInstructingTitle))
                    {
                        continue;
                    }

                    var first = words[0];
                    var start = 0;
                    if (string.Equals(first, "please", StringComparison.OrdinalIgnoreCase) && words.Count > 2)
                    {
                        start = 1;
                    }

                    if (Imperatives.Contains(words[start]) || OpensAboutTheModel(words, start) || TellsTheModelWhatItDoes(words, start))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether constant text is a prompt template (Semantic Kernel, Handlebars or Liquid variables in <c>{{...}}</c>)
        /// that only passes its variables through: left without its variables and its tags (<c>&lt;message
        /// role="user"&gt;</c>), every line titles data (<c>User:</c>, <c>Assistant:</c>) or is blank.
        /// </summary>
        public static bool OnlyPassesVariables(string text)
        {
            if (text.IndexOf("{{", StringComparison.Ordinal) < 0)
            {
                return false;
            }

            var withoutTags = SingleTurnPrompt.WithoutTags(text);
            return string.IsNullOrWhiteSpace(SingleTurnPrompt.WithoutHoles(withoutTags)) || SingleTurnPrompt.OnlyTitlesData(withoutTags);
        }

        /// <summary>"You" and a verb of <see cref="Imperatives"/> or <see cref="SecondPersonVerbs"/>: "You analyze ...", "You help ...".</summary>
        private static bool TellsTheModelWhatItDoes(List<string> words, int start) =>
            words.Count - start >= 3
            && string.Equals(words[start], "you", StringComparison.OrdinalIgnoreCase)
            && (Imperatives.Contains(words[start + 1]) || SecondPersonVerbs.Contains(words[start + 1]));

        private static bool OpensAboutTheModel(List<string> words, int start)
        {
            if (words.Count - start < 3)
            {
                return false;
            }

            var opening = (words[start] + " " + words[start + 1] + " ").ToLowerInvariant();
            foreach (var candidate in ModelOpenings)
            {
                if (opening.StartsWith(candidate, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A line's sentences, split after '.', '!', '?' or ';' followed by whitespace or the end of the line.</summary>
        private static IEnumerable<string> Sentences(string line)
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if ((c == '.' || c == '!' || c == '?' || c == ';') && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1])))
                {
                    yield return line.Substring(start, i + 1 - start);
                    start = i + 1;
                }
            }

            if (start < line.Length)
            {
                yield return line.Substring(start);
            }
        }

        /// <summary>
        /// The sentence's words (letters and apostrophes), after a leading tag such as <c>&lt;instructions&gt;</c>,
        /// markdown emphasis or a list marker: those frame a sentence without being part of it.
        /// </summary>
        private static List<string> Words(string sentence)
        {
            var words = new List<string>();
            var i = 0;
            while (i < sentence.Length)
            {
                var c = sentence[i];
                if (c == '<' && words.Count == 0)
                {
                    var close = sentence.IndexOf('>', i);
                    i = close < 0 ? sentence.Length : close + 1;
                    continue;
                }

                if (!char.IsLetter(c))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < sentence.Length && (char.IsLetter(sentence[i]) || sentence[i] == '\'' || sentence[i] == '\u2019' || PromptInstructions.IsJoiningHyphen(sentence, i, 0, sentence.Length)))
                {
                    i++;
                }

                words.Add(sentence.Substring(start, i - start));
            }

            return words;
        }

        /// <summary>
        /// Whether the constant text reads as English, the language of the word lists above: most of its letters are
        /// Latin script and it has one of <see cref="EnglishFunctionWords"/> ("Eres un asistente de {empresa}." has none).
        /// </summary>
        private static bool LooksEnglish(string text)
        {
            if (!IsMostlyLatin(text))
            {
                return false;
            }

            foreach (var word in Words(SingleTurnPrompt.WithoutHoles(text)))
            {
                if (EnglishFunctionWords.Contains(word))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Common English words that are not words of the other languages apps write prompts in.</summary>
        private static readonly HashSet<string> EnglishFunctionWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "the", "you", "your", "and", "of", "to", "is", "are", "with", "for", "this", "that", "please", "be", "user's",
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
