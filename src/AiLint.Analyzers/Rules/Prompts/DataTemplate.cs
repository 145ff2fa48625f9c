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
    /// The words are English: a template that shows another language (its constant letters mostly not Latin script,
    /// "你是一个{role}助手", or, without a common English word, a letter with a diacritic or a common word of another
    /// Latin-script language, "Eres un asistente de {empresa}.") cannot be read this way and keeps the older rule, a
    /// prompt unless every line only titles its data. Short English lines often have no common English word
    /// ("Read more at {url}", "Address {name} formally."): with no mark of another language they are read as English.
    /// </summary>
    internal static partial class DataTemplate
    {
        /// <summary>A title-shaped line (ending with ':') counts as an instruction only from this many words: "Use the following context:" does, "Use case:" does not.</summary>
        private const int MinimumWordsOfInstructingTitle = 4;

        /// <summary>
        /// Verbs a prompt opens an instruction with. Words that are as often nouns heading data ("List of tools:",
        /// "Return policy:", "Output format:", "Search results:", "Note:", "Summary:", "Check number", "Address of", "State of", "Plan name")
        /// are left out on purpose: they are <see cref="VerbsOrNouns"/>.
        /// </summary>
        private static readonly HashSet<string> Imperatives = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "act", "adopt", "always", "analyse", "analyze", "answer", "ask", "assist", "assume", "avoid", "be", "behave",
            "calculate", "categorise", "categorize", "choose", "cite", "classify", "clean", "combine", "compare", "compose",
            "consider", "convert", "correct", "create", "decide", "describe", "detect", "determine", "do", "don't",
            "don\u2019t", "draft", "evaluate", "explain", "extract", "find", "fix", "follow", "generate", "give", "greet",
            "identify", "ignore", "imagine", "improve", "include", "keep", "make", "mention", "never", "only",
            "paraphrase", "prefer", "pretend", "produce", "proofread", "propose", "provide", "recommend", "refuse", "remember",
            "repeat", "rephrase", "reply", "respond", "rewrite", "select", "simplify", "speak", "stay", "suggest", "summarise",
            "summarize", "tell", "think", "transform", "translate", "treat", "use", "validate", "verify", "write",
        };

        /// <summary>Whether <paramref name="word"/> opens instructions as a verb, alone or before its object (<see cref="Imperatives"/>, <see cref="VerbsOrNouns"/>).</summary>
        internal static bool IsImperativeWord(string word) => Imperatives.Contains(word) || VerbsOrNouns.Contains(word);

        /// <summary>
        /// Words that open an instruction as often as they head data or a link for the reader ("Address of the customer",
        /// "State of the order", "Read more at {url}"). One opens an instruction only when what follows reads as its
        /// object: a determiner or pronoun ("Address the user as {title}.", "List the steps.", "Check it twice."), or a
        /// template hole with more words of the sentence after it ("Address {name} formally.", "List {n} ideas.").
        /// </summary>
        private static readonly HashSet<string> VerbsOrNouns = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "address", "check", "coordinate", "format", "list", "note", "output", "plan", "read", "return", "review", "search",
            "state",
        };

        /// <summary>
        /// Prepositions that open the object of "coordinate" as a determiner does (review67): "Coordinate with the
        /// researcher ...", "Coordinate between the teams ..." (the noun, "Coordinate system", "Coordinate of the pin",
        /// is followed by none of them).
        /// </summary>
        private static readonly HashSet<string> PrepositionalObjects = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "with", "between", "among",
        };

        /// <summary>Words that open the object of a verb: determiners and object pronouns.</summary>
        private static readonly HashSet<string> ObjectOpenings = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "a", "all", "an", "any", "both", "each", "every", "her", "him", "his", "it", "its", "me", "my", "our", "the",
            "their", "them", "these", "this", "those", "us", "your",
        };

        /// <summary>
        /// Verbs that follow "You" in a prompt that tells the model what it does ("You analyze the snippet's
        /// complexity.", "You help customers with {product}."): the imperatives, and the verbs left out there as nouns
        /// (<see cref="VerbsOrNouns"/>), which after "You" are verbs.
        /// </summary>
        private static readonly HashSet<string> SecondPersonVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "address", "call", "check", "coordinate", "format", "handle", "help", "list", "note", "output", "plan", "play",
            "rate", "read", "represent", "return", "review", "search", "state", "work",
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

        /// <summary>
        /// The single-turn test that assembled text around data must pass (<see cref="SingleTurnPrompt.Qualifies"/>: a
        /// persona or a keyword sentence), with the same language rule as <see cref="Instructs"/>: its persona and keyword
        /// lists are English, so constant text that shows another language ("- Du MUSST zuerst Kontakte abrufen",
        /// "输出规则：只输出最终答案") instructs unless its lines only title their data ("### Kontext", "问题：").
        /// Without this, the constant pieces appended to a named prompt or a caller's prompt in another language were
        /// never read as instructions (review53 miss 1, review54 M1). English text keeps the narrower single-turn test:
        /// an imperative alone around data ("Summarize this: {text}") is no prompt there.
        /// </summary>
        public static bool QualifiesInAnyLanguage(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            return LooksEnglish(text!) ? SingleTurnPrompt.Qualifies(text) : !SingleTurnPrompt.OnlyTitlesData(text);
        }

        /// <summary>Whether the template's constant text, holes (<c>{...}</c>) left out, instructs the model.</summary>
        public static bool Instructs(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            if (!LooksEnglish(text!))
            {
                return !OtherLanguageOnlyTitlesData(text!);
            }

            if (SingleTurnPrompt.Qualifies(text))
            {
                return true;
            }

            // Quotes around a hole go with it (TemplateHoles.Unquote): `Use case: '{x}'` is the label `Use case: {x}` is.
            foreach (var line in WithHolesMarked(TemplateHoles.Unquote(text!)).Split('\n'))
            {
                var isTitle = SingleTurnPrompt.IsTitleLine(line.Replace(HoleMark, ' '));
                foreach (var sentence in Sentences(line))
                {
                    if (sentence.TrimEnd().EndsWith("?", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var tokens = Tokens(sentence);
                    var words = tokens.FindAll(token => token != Hole);
                    if (words.Count < 2 || (isTitle && words.Count < MinimumWordsOfInstructingTitle))
                    {
                        continue;
                    }

                    var start = AfterPlease(words);
                    if (OpensWithImperative(tokens, words, start)
                        || OpensAboutTheModel(words, start)
                        || TellsTheModelWhatItDoes(words, start)
                        || DirectsTheModelAfterTransition(sentence))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether one sentence of English text (holes marked or left out) opens with an imperative of the template
        /// test, after an optional "Please": a verb of <see cref="Imperatives"/> ("Write a haiku.", "Tell me a joke."),
        /// or one of <see cref="VerbsOrNouns"/> before its object ("List the steps."). A sentence of one word opens
        /// with none. Used by the single-turn test for constant text (<see cref="SingleTurnInstruction"/>).
        /// </summary>
        public static bool OpensWithImperative(string sentence)
        {
            var tokens = Tokens(sentence);
            var words = tokens.FindAll(token => token != Hole);
            return words.Count >= 2 && OpensWithImperative(tokens, words, AfterPlease(words));
        }

        private static bool OpensWithImperative(List<string> tokens, List<string> words, int start) =>
            Imperatives.Contains(words[start])
            || (VerbsOrNouns.Contains(words[start]) && TakesAnObject(tokens, tokens.IndexOf(words[start])));

        /// <summary>Where the sentence's verb is: after a leading "Please" when more than one word follows it.</summary>
        private static int AfterPlease(List<string> words) =>
            words.Count > 2 && string.Equals(words[0], "please", StringComparison.OrdinalIgnoreCase) ? 1 : 0;

        /// <summary>
        /// Whether the word at <paramref name="verb"/> is followed by its object: a determiner or pronoun, or a hole
        /// with a lowercase word other than "of" after it in the sentence ("Address {name} formally." but not "State
        /// {state}, Zip {zip}").
        /// </summary>
        private static bool TakesAnObject(List<string> tokens, int verb)
        {
            if (verb < 0 || verb + 1 >= tokens.Count)
            {
                return false;
            }

            var next = tokens[verb + 1];
            if (next != Hole)
            {
                return ObjectOpenings.Contains(next)
                    || (string.Equals(tokens[verb], "coordinate", StringComparison.OrdinalIgnoreCase) && PrepositionalObjects.Contains(next));
            }

            // The first word after the hole: "formally", "ideas"; "of" makes a count or a title ("Note {n} of {total}").
            for (var i = verb + 2; i < tokens.Count; i++)
            {
                if (tokens[i] != Hole)
                {
                    return char.IsLower(tokens[i][0]) && !string.Equals(tokens[i], "of", StringComparison.Ordinal);
                }
            }

            return false;
        }

        /// <summary>
        /// Whether constant text is a prompt template (Semantic Kernel, Handlebars or Liquid variables in <c>{{...}}</c>)
        /// that only passes its variables through: left without its variables and its tags (<c>&lt;message
        /// role="user"&gt;</c>), every line titles data (<c>User:</c>, <c>Assistant:</c>) or is blank, and none instructs
        /// by the template test: a label line of four words or more that opens with an imperative (<c>"Write a business
        /// mail about the following topic:\n{{$input}}"</c>) is the template's instruction, not a title.
        /// </summary>
        public static bool OnlyPassesVariables(string text)
        {
            if (text.IndexOf("{{", StringComparison.Ordinal) < 0)
            {
                return false;
            }

            var withoutTags = SingleTurnPrompt.WithoutTags(text);
            return string.IsNullOrWhiteSpace(SingleTurnPrompt.WithoutHoles(withoutTags))
                || (SingleTurnPrompt.OnlyTitlesData(withoutTags) && !Instructs(withoutTags));
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
    }
}
