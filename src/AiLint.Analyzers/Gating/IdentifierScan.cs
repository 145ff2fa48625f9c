using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// Whether a file's text spells one of a set of names as a whole word, read from the text in chunks: no parsing, no
    /// syntax nodes, no string per word, so a file that spells none costs one pass over its characters.
    /// </summary>
    /// <remarks>
    /// Sound for identifier tokens: a token whose <c>ValueText</c> is a name is written either verbatim (possibly after
    /// <c>@</c>, which is not a word character, so the word is still whole) or with Unicode escapes or formatting
    /// characters (which <c>ValueText</c> drops); a text containing <c>\u</c>, <c>\U</c> or a formatting character
    /// therefore counts as spelling every name. Words in comments, strings and disabled code count too, which only
    /// makes more files relevant. Not thread-safe (one reusable buffer): one instance per caller thread.
    /// </remarks>
    internal sealed class IdentifierScan
    {
        internal const int ChunkLength = 1024;

        // Word length and first character -> the names with both. Comparing a word to its few candidates in place
        // allocates nothing.
        private readonly Dictionary<int, List<string>> byShape = new Dictionary<int, List<string>>();
        private readonly char[] chunk = new char[ChunkLength];
        private readonly char[] word;
        private readonly int longest;

        public IdentifierScan(IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                if (name.Length == 0)
                {
                    continue;
                }

                var key = Shape(name.Length, name[0]);
                if (!byShape.TryGetValue(key, out var list))
                {
                    byShape[key] = list = new List<string>();
                }

                list.Add(name);
                longest = System.Math.Max(longest, name.Length);
            }

            word = new char[longest + 1];
        }

        public bool IsEmpty => byShape.Count == 0;

        /// <summary>True when <paramref name="text"/> spells one of the names as a whole word (or may, see remarks).</summary>
        public bool Spells(SourceText text)
        {
            if (IsEmpty)
            {
                return false;
            }

            var length = 0;          // characters of the current word seen so far
            var previous = '\0';
            for (var start = 0; start < text.Length; start += ChunkLength)
            {
                var count = System.Math.Min(ChunkLength, text.Length - start);
                text.CopyTo(start, chunk, 0, count);
                for (var i = 0; i < count; i++)
                {
                    var c = chunk[i];
                    if (IsWordChar(c))
                    {
                        if (length < word.Length)
                        {
                            word[length] = c;
                        }

                        length++;
                    }
                    else
                    {
                        if (length > 0 && Matches(length))
                        {
                            return true;
                        }

                        length = 0;
                        if (IsFormatChar(c))
                        {
                            return true;
                        }
                    }

                    // `\u0041` or `\U00000041`, inside a word or starting one.
                    if (previous == '\\' && (c == 'u' || c == 'U'))
                    {
                        return true;
                    }

                    previous = c;
                }
            }

            return length > 0 && Matches(length);
        }

        private bool Matches(int length)
        {
            if (length > longest || !byShape.TryGetValue(Shape(length, word[0]), out var candidates))
            {
                return false;
            }

            foreach (var name in candidates)
            {
                var same = true;
                for (var j = 1; j < length; j++)
                {
                    if (word[j] != name[j])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A formatting character (which an identifier's <c>ValueText</c> drops): the text may spell any name.</summary>
        internal static bool IsFormatChar(char c) => c > 127 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

        private static int Shape(int length, char first) => (length << 16) | first;

        /// <summary>Letters, digits, '_', and the other characters an identifier may continue with (combining marks...).</summary>
        /// <remarks>Shared with <see cref="FileWords"/>, whose answers must be this scan's.</remarks>
        internal static bool IsWordChar(char c)
        {
            if (c < 128)
            {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.ConnectorPunctuation:
                    return true;
                default:
                    return false;
            }
        }
    }
}
