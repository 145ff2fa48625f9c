using System.Collections.Generic;

namespace AiLint.Analyzers.Rules.Prompts
{
    // How a template's constant text is cut for the word tests: lines into sentences, sentences into words, with a
    // token where each hole stood.
    internal static partial class DataTemplate
    {
        /// <summary>The token a template hole (<c>{...}</c>) leaves among a sentence's words.</summary>
        private const string Hole = "{}";

        /// <summary>Stands for a hole in <see cref="WithHolesMarked"/>: neither a letter nor whitespace, so sentences and words split as without it.</summary>
        private const char HoleMark = '\uFFFC';

        /// <summary>The text with each closed <c>{...}</c> run replaced by <see cref="HoleMark"/> (as <see cref="SingleTurnPrompt.WithoutHoles"/> replaces it by a space).</summary>
        private static string WithHolesMarked(string text) => TemplateHoles.Replace(text, HoleMark);

        /// <summary>
        /// A line's sentences, split after '.', '!', '?' or ';' followed by whitespace or the end of the line, also when
        /// closing quotes follow the mark (before whitespace, the end or a comma): a quoted sentence the model is given
        /// (<c>"\"At {time}: the light is {status}.\", Repeat the provided sentence."</c>) ends there, and the
        /// instruction after it is a sentence of its own.
        /// </summary>
        internal static IEnumerable<string> Sentences(string line)
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (!(c == '.' || c == '!' || c == '?' || c == ';'))
                {
                    continue;
                }

                var end = i;
                while (end + 1 < line.Length && IsClosingQuote(line[end + 1]))
                {
                    end++;
                }

                if (end + 1 == line.Length || char.IsWhiteSpace(line[end + 1]) || (end > i && line[end + 1] == ','))
                {
                    yield return line.Substring(start, end + 1 - start);
                    start = end + 1;
                    i = end;
                }
            }

            if (start < line.Length)
            {
                yield return line.Substring(start);
            }
        }

        private static bool IsClosingQuote(char c) => c == '"' || c == '\'' || c == '\u201D' || c == '\u2019';

        /// <summary>
        /// The sentence's words (letters and apostrophes), after a leading tag such as <c>&lt;instructions&gt;</c>,
        /// markdown emphasis or a list marker: those frame a sentence without being part of it.
        /// </summary>
        private static List<string> Words(string sentence) => Tokens(sentence).FindAll(token => token != Hole);

        /// <summary>The sentence's words as <see cref="Words"/>, with <see cref="Hole"/> where a <see cref="HoleMark"/> stands.</summary>
        private static List<string> Tokens(string sentence)
        {
            var words = new List<string>();
            var i = 0;
            while (i < sentence.Length)
            {
                var c = sentence[i];
                if (c == '<' && words.TrueForAll(token => token == Hole))
                {
                    var close = sentence.IndexOf('>', i);
                    i = close < 0 ? sentence.Length : close + 1;
                    continue;
                }

                if (c == HoleMark)
                {
                    words.Add(Hole);
                    i++;
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
    }
}
