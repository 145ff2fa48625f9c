using System;
using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// When the one string of a single-turn request (<c>kernel.InvokePromptAsync(text)</c>,
    /// <c>chatClient.GetResponseAsync(text)</c>, <c>chatClient.CompleteChatAsync(text)</c>, the chat service's string
    /// overloads) is the app's own instruction rather than a question a demo or a user asks. Such slots also receive the
    /// user's question straight through, so the test is stricter than for a system slot. The text is a prompt when:
    /// <list type="number">
    /// <item>it passes the persona/keyword test (<see cref="SingleTurnPrompt.Qualifies"/>);</item>
    /// <item>it has a hole (<c>$"... {text}"</c>, <c>{{$input}}</c>, <c>{0}</c>, data concatenated in) and its constant
    /// parts pass the template test used at system slots (<see cref="DataTemplate.Instructs"/>: an imperative with its
    /// object, a sentence about the model, a line ending with ':' from four words): the hole is where the data goes,
    /// so the fixed text around it is the app's instruction (<c>$"Summarize the following text in 3 bullet points:
    /// {text}"</c>). Text in another language, which that test cannot read word by word, counts only when it is not
    /// all questions (<c>$"¿Qué es {x}?"</c> asks);</item>
    /// <item>it is constant (no hole), opens with an imperative, and either has another sentence that instructs or
    /// constrains (<c>"Write a poem about the sea. Keep it under 8 lines."</c>) or is one sentence of at least
    /// <see cref="MinimumConstrainedWords"/> words with a constraint on the answer (<see cref="HasConstraint"/>:
    /// <c>"Write a 5-word sentence describing a sunny day."</c>).</item>
    /// </list>
    /// An imperative counts also after an introductory phrase set off by a comma (<see cref="LeadingPhraseOpenings"/>:
    /// "Given this user's background, provide a list of relevant recipes.", "Based on the text above, summarize ...",
    /// "Using the context below, answer ..."; review62, mhabibr02's Semantic Kernel template with <c>{{$history}}</c>).
    /// A label that introduces the instruction ("Task: Summarize ...", "Instructions:" on the line above) is read past
    /// (<see cref="InstructionLabels"/>).
    /// Hard-coded demo questions and requests stay quiet: "What is the capital of France?", "Hello", "Tell me a joke",
    /// "Explain quantum computing", "Write a haiku about C#.", "Say hello in one word." (too short to be more than a
    /// smoke test). The threshold comes from real constant single-turn strings (review58's census and its report).
    /// </summary>
    internal static class SingleTurnInstruction
    {
        /// <summary>
        /// The fewest words (whitespace-separated, "5-word" is one) a one-sentence constant instruction with a
        /// constraint has: "Write one upbeat sentence about on-device AI." (7) counts, "Tell me a joke in French." (6)
        /// and "Say hello in one word." (5), demo and smoke-test requests, do not.
        /// </summary>
        private const int MinimumConstrainedWords = 7;

        /// <summary>A sentence has at least this many words to count as the second sentence of an instruction ("Keep it short.").</summary>
        private const int MinimumSentenceWords = 2;

        /// <summary>Units a count constrains the answer's length or shape by ("in 3 bullet points", "a 5-word sentence").</summary>
        private static readonly HashSet<string> LengthUnits = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "word", "words", "sentence", "sentences", "paragraph", "paragraphs", "line", "lines", "bullet", "bullets",
            "point", "points", "character", "characters", "chars", "syllable", "syllables", "stanza", "stanzas", "verse",
            "verses", "tokens",
        };

        private static readonly HashSet<string> NumberWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
            "twenty", "fifty", "hundred", "single",
        };

        /// <summary>
        /// Words that name the answer's format when the sentence asks for it ("as JSON", "in a table", "in bullet
        /// points", "with a numbered list", "JSON format"); as a topic ("Explain what JSON is") they are not one.
        /// </summary>
        private static readonly HashSet<string> FormatWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "json", "markdown", "csv", "xml", "yaml", "html", "table", "bullet", "bullets", "bulleted", "numbered",
        };

        /// <summary>Languages an answer is asked in ("in French", "into Spanish").</summary>
        private static readonly HashSet<string> Languages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "english", "french", "spanish", "german", "italian", "portuguese", "dutch", "polish", "swedish", "russian",
            "ukrainian", "chinese", "japanese", "korean", "arabic", "hindi", "turkish", "vietnamese", "indonesian",
        };

        /// <summary>Audiences an answer is pitched at, after "for" or "to" ("for beginners", "to a child"); a story about a child has none.</summary>
        private static readonly HashSet<string> Audiences = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "beginner", "beginners", "kid", "kids", "children", "child", "layman", "laymen", "novice", "novices",
        };

        /// <summary>
        /// Words that open an introductory phrase before an instruction's verb, set off by a comma: a participle or a
        /// preposition ("Given this user's background, provide ...", "Based on the text above, summarize ...", "Using
        /// the context below, answer ...", "According to the rules, classify ...") or a subordinating conjunction ("If
        /// the text is empty, reply ...", "When you answer, be brief."). A greeting or a statement before a comma ("Hi,
        /// my name is ...") opens with none of them.
        /// </summary>
        private static readonly HashSet<string> LeadingPhraseOpenings = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "according", "after", "as", "based", "considering", "following", "for", "from", "given", "if", "in", "keeping",
            "looking", "once", "referring", "taking", "using", "when", "with",
        };

        /// <summary>Whether the declaration's text, at a single-turn slot, is the app's instruction.</summary>
        public static bool Qualifies(PromptDeclaration declaration) =>
            Qualifies(declaration.Text, declaration.HasHoles);

        /// <summary>Whether <paramref name="text"/> at a single-turn slot is the app's instruction; <paramref name="hasHoles"/> when data fills it.</summary>
        public static bool Qualifies(string? text, bool hasHoles)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            if (SingleTurnPrompt.Qualifies(text))
            {
                return true;
            }

            return hasHoles || TemplateHoles.HasRuns(text!)
                ? TemplateInstructs(text!)
                : IsConstrainedImperative(text!);
        }

        /// <summary>
        /// Rule 2: the constant parts of a template with data in it pass the template test; in another language, they
        /// do more than title the data, are not only questions, and run to more than one sentence or line or come
        /// before all the data. One sentence around a hole in a language the test cannot read word by word is as likely
        /// the user's request filled with what the user typed (<c>$"请帮我制作一套关于{subject}的PPT"</c>, "please help me make a PPT about ...", review67,
        /// whose English twin the test reads as a request and keeps quiet) as the app's instruction; a template that
        /// labels its data and instructs on lines of its own (<c>"Resolva o seguinte problema:\nProblema: {p}\n..."</c>)
        /// is the app's.
        /// </summary>
        public static bool TemplateInstructs(string text)
        {
            // "Task: Summarize the text below ...": the imperative opens the sentence once its label is read past.
            text = InstructionLabels.Unlabel(text);
            if (!DataTemplate.Instructs(text) && !HasImperativeAfterLeadingPhrase(SingleTurnPrompt.WithoutHoles(text)))
            {
                return false;
            }

            if (DataTemplate.LooksEnglish(text))
            {
                return true;
            }

            var constant = SingleTurnPrompt.WithoutHoles(text);
            return !OnlyQuestions(constant) && (SentencesOf(constant).Count >= 2 || DataFollowsText(text, constant));
        }

        /// <summary>
        /// Whether every hole comes after the fixed text: an instruction, then the data it is about
        /// (<c>$"次の文章を三行で要約してください。\n{text}"</c>, "summarize the following text in three lines"), not a
        /// sentence with the user's term inside it (<c>$"请帮我制作一套关于{subject}的PPT"</c>).
        /// </summary>
        private static bool DataFollowsText(string text, string constant)
        {
            var fixedText = constant.TrimEnd();
            return fixedText.Length > 0 && text.StartsWith(fixedText, StringComparison.Ordinal);
        }

        /// <summary>Whether a sentence of the constant text opens with an introductory phrase and then an imperative (<see cref="OpensWithImperativeAfterLeadingPhrase"/>).</summary>
        private static bool HasImperativeAfterLeadingPhrase(string constant)
        {
            foreach (var sentence in SentencesOf(constant))
            {
                if (OpensWithImperativeAfterLeadingPhrase(sentence))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a sentence that is not a question opens with one of <see cref="LeadingPhraseOpenings"/> and, after
        /// one of its commas, the rest opens with an imperative of the template test ("Given this user's background,
        /// provide a list of relevant recipes."). Every comma is tried: the phrase may list things ("Given the schema,
        /// the rules and the data, transform ..."). "Given the current time, what is the colour of the sky?" asks.
        /// </summary>
        internal static bool OpensWithImperativeAfterLeadingPhrase(string sentence)
        {
            var parts = PartsOf(sentence);
            if (parts.Count < 3 || !LeadingPhraseOpenings.Contains(parts[0]) || IsQuestion(sentence))
            {
                return false;
            }

            for (var comma = sentence.IndexOf(','); comma >= 0; comma = sentence.IndexOf(',', comma + 1))
            {
                if (DataTemplate.OpensWithImperative(sentence.Substring(comma + 1)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Rule 3: constant text that opens with an imperative and has a second sentence that instructs or constrains,
        /// or is one sentence long enough and with a constraint.
        /// </summary>
        private static bool IsConstrainedImperative(string text)
        {
            var sentences = SentencesOf(InstructionLabels.Unlabel(text));
            if (sentences.Count == 0 || IsQuestion(sentences[0])
                || !(DataTemplate.OpensWithImperative(sentences[0]) || OpensWithImperativeAfterLeadingPhrase(sentences[0])))
            {
                return false;
            }

            for (var i = 1; i < sentences.Count; i++)
            {
                var sentence = sentences[i];
                if (!IsQuestion(sentence) && WordsOf(sentence).Count >= MinimumSentenceWords
                    && (DataTemplate.Instructs(sentence) || OpensWithImperativeAfterLeadingPhrase(sentence) || HasConstraint(sentence)))
                {
                    return true;
                }
            }

            return WordsOf(sentences[0]).Count >= MinimumConstrainedWords && HasConstraint(sentences[0]);
        }

        /// <summary>
        /// Whether a sentence constrains the answer: a count of a length unit ("a 5-word sentence", "in three bullet
        /// points", "under 100 words"), a format ("as JSON", "in a table"), a language ("in French", "into Spanish")
        /// or an audience ("for beginners", "for a 10-year-old"). A tone ("upbeat") or a bare size ("short") is not one:
        /// demo requests say "Tell me a short story."
        /// </summary>
        internal static bool HasConstraint(string sentence)
        {
            var parts = PartsOf(sentence);
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                if ((FormatWords.Contains(part) && (Follows(parts, i, "in", "as", "into", "with") || (i + 1 < parts.Count && IsOneOf(parts[i + 1], "format"))))
                    || (Audiences.Contains(part) && Follows(parts, i, "for", "to"))
                    || (Languages.Contains(part) && i > 0 && IsOneOf(parts[i - 1], "in", "into", "to"))
                    || (IsCount(part) && i + 1 < parts.Count && IsOneOf(parts[i + 1], "year") && i + 2 < parts.Count && IsOneOf(parts[i + 2], "old")))
                {
                    return true;
                }

                // A count before its unit, at most one word between: "5-word", "three bullet points", "one upbeat sentence".
                if (IsCount(part))
                {
                    for (var j = i + 1; j < parts.Count && j <= i + 2; j++)
                    {
                        if (LengthUnits.Contains(parts[j]))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsCount(string part)
        {
            if (NumberWords.Contains(part))
            {
                return true;
            }

            foreach (var c in part)
            {
                if (!char.IsDigit(c))
                {
                    return false;
                }
            }

            return part.Length > 0;
        }

        /// <summary>Whether one of the two parts before <paramref name="i"/> is one of <paramref name="words"/> ("in a table", "as JSON").</summary>
        private static bool Follows(List<string> parts, int i, params string[] words) =>
            (i > 0 && IsOneOf(parts[i - 1], words)) || (i > 1 && IsOneOf(parts[i - 2], words));

        private static bool IsOneOf(string part, params string[] words) =>
            Array.Exists(words, word => string.Equals(word, part, StringComparison.OrdinalIgnoreCase));

        /// <summary>The text's sentences over all its lines, trimmed, those without a letter or digit left out.</summary>
        private static List<string> SentencesOf(string text)
        {
            var sentences = new List<string>();
            foreach (var line in text.Split('\n'))
            {
                foreach (var sentence in DataTemplate.Sentences(line))
                {
                    if (WordsOf(sentence).Count > 0)
                    {
                        sentences.Add(sentence.Trim());
                    }
                }
            }

            return sentences;
        }

        private static bool IsQuestion(string sentence)
        {
            // A quoted question ends with its quote: "\"What is it?\"".
            var trimmed = sentence.TrimEnd().TrimEnd('"', '\'', '\u201D', '\u2019');
            return trimmed.EndsWith("?", StringComparison.Ordinal) || trimmed.EndsWith("\uFF1F", StringComparison.Ordinal) || trimmed.EndsWith("\u061F", StringComparison.Ordinal);
        }

        /// <summary>Whether every sentence with letters is a question ('?', the full-width '？' or the Arabic '؟').</summary>
        internal static bool OnlyQuestions(string constant)
        {
            var any = false;
            foreach (var line in constant.Split('\n'))
            {
                foreach (var sentence in QuestionAwareSentences(line))
                {
                    if (WordsOf(sentence).Count == 0)
                    {
                        continue;
                    }

                    any = true;
                    if (!IsQuestion(sentence))
                    {
                        return false;
                    }
                }
            }

            return any;
        }

        /// <summary>A line's sentences, also split after the full-width and Arabic question marks (written without a space after them).</summary>
        private static IEnumerable<string> QuestionAwareSentences(string line)
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '\uFF1F' || line[i] == '\u061F' || line[i] == '\u3002' || line[i] == '\uFF01')
                {
                    foreach (var sentence in DataTemplate.Sentences(line.Substring(start, i + 1 - start)))
                    {
                        yield return sentence;
                    }

                    start = i + 1;
                }
            }

            foreach (var sentence in DataTemplate.Sentences(line.Substring(start)))
            {
                yield return sentence;
            }
        }

        /// <summary>Whitespace-separated words with a letter or digit ("5-word" is one word).</summary>
        private static List<string> WordsOf(string sentence)
        {
            var words = new List<string>();
            foreach (var token in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var c in token)
                {
                    if (char.IsLetterOrDigit(c))
                    {
                        words.Add(token);
                        break;
                    }
                }
            }

            return words;
        }

        /// <summary>The sentence's runs of letters or digits, lowercased by comparison only ("5-word" gives "5", "word").</summary>
        private static List<string> PartsOf(string sentence)
        {
            var parts = new List<string>();
            var start = -1;
            for (var i = 0; i <= sentence.Length; i++)
            {
                var isPart = i < sentence.Length && char.IsLetterOrDigit(sentence[i]);
                if (isPart && start < 0)
                {
                    start = i;
                }
                else if (!isPart && start >= 0)
                {
                    parts.Add(sentence.Substring(start, i - start));
                    start = -1;
                }
            }

            return parts;
        }
    }
}
