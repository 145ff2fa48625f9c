using System.Globalization;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A line of labelled values, holes left out: short labels, each ending with ':' and followed by a value with no
    /// words, one after another (<c>Produto visualizado: {name} (SKU: {sku}, Preço: R$ {price:N2})</c>, review75 FP-2;
    /// <c>Name: {name} | Age: {age}</c>). Every letter of the line is in a label, so it titles its data in any language:
    /// the reading needs no word list. A word in a value (<c>Intenção: {intent} (responda somente com JSON)</c>), a
    /// sentence before a label (<c>Responda com JSON. Reclamação: {text}</c>) or a "label" of more words than a label
    /// has (<see cref="SingleTurnPrompt.MaximumLabelWords"/>) makes the line something else, judged as before.
    /// </summary>
    internal static class LabelledValueLines
    {
        /// <summary>Whether every letter of <paramref name="line"/> (holes already left out) is in a short label ending with ':' or '：'.</summary>
        public static bool IsRun(string line)
        {
            var labels = 0;
            var i = 0;
            while (i < line.Length)
            {
                // A value: anything but words. A currency code written against its symbol ("R$", "US$") is part of the amount.
                if (!char.IsLetter(line[i]))
                {
                    i++;
                    continue;
                }

                var word = i;
                while (word < line.Length && char.IsLetter(line[word]))
                {
                    word++;
                }

                if (word < line.Length && CharUnicodeInfo.GetUnicodeCategory(line[word]) == UnicodeCategory.CurrencySymbol)
                {
                    i = word + 1;
                    continue;
                }

                var colon = IndexOfColon(line, i);
                if (colon < 0 || !IsLabel(line, i, colon))
                {
                    return false;
                }

                labels++;
                i = colon + 1;
            }

            return labels > 0;
        }

        private static int IndexOfColon(string line, int from)
        {
            for (var i = from; i < line.Length; i++)
            {
                if (line[i] == ':' || line[i] == '\uFF1A')
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Whether the text from <paramref name="start"/> to the colon is a label: at most
        /// <see cref="SingleTurnPrompt.MaximumLabelWords"/> words and no sentence end in it ('.', '!', '?', ';', the
        /// full-width stops, the Devanagari danda or the Arabic question mark), so "Responda com JSON. Reclamação" is
        /// a sentence and then a label, not one label.
        /// </summary>
        private static bool IsLabel(string line, int start, int colon)
        {
            for (var i = start; i < colon; i++)
            {
                var c = line[i];
                if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\u3002' || c == '\uFF01' || c == '\uFF1F' || c == '\u0964' || c == '\u061F')
                {
                    return false;
                }
            }

            return SingleTurnPrompt.CountWords(line.Substring(start, colon - start)) <= SingleTurnPrompt.MaximumLabelWords;
        }
    }
}
