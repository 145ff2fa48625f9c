using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Whether a declaration's text may hold a call whose name starts with <c>Map</c> (<c>MapGet</c>, <c>MapPost</c>...),
    /// read from the text, before <see cref="ClientParameterClassifier"/> walks every node of the declaration
    /// to find the handlers a type maps itself. Most types of a relevant file map nothing, and their text says so
    /// without the walk (docs/performance.md, "2026-12-06, session 33").
    /// </summary>
    /// <remarks>
    /// Sound for identifier tokens: a name whose <c>ValueText</c> starts with <c>Map</c> is written either with the
    /// three characters in a row, or with a Unicode escape (<c>\u</c>, <c>\U</c>) or a formatting character (which
    /// <c>ValueText</c> drops) among them; a text holding any of those may hold such a name. <c>Map</c> in comments,
    /// strings or another word (<c>Mapper</c>, <c>ToMap</c>) only lets the walk run.
    /// </remarks>
    internal static class MapCallText
    {
        /// <summary>False when the text of <paramref name="declaration"/> cannot hold a name starting with <c>Map</c>.</summary>
        public static bool MaySpellMapName(SyntaxNode declaration) =>
            MaySpellMapName(declaration.SyntaxTree.GetText(), declaration.Span);

        /// <summary>False when <paramref name="span"/> of <paramref name="text"/> cannot hold a name starting with <c>Map</c>.</summary>
        public static bool MaySpellMapName(SourceText text, TextSpan span)
        {
            // Character by character through the indexer: no buffer to allocate for the few types a file declares.
            var beforePrevious = '\0';
            var previous = '\0';
            for (var i = span.Start; i < span.End; i++)
            {
                var c = text[i];
                if ((c == 'p' && previous == 'a' && beforePrevious == 'M')
                    || (previous == '\\' && (c == 'u' || c == 'U'))
                    || (c > 127 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
                {
                    return true;
                }

                beforePrevious = previous;
                previous = c;
            }

            return false;
        }
    }
}
