using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Per character of one text part of an interpolated string (<c>$"..."</c>, <c>$@"..."</c>, <c>$"""..."""</c>), the
    /// source span that spells it: escapes and <c>{{</c> / <c>}}</c> of a regular template, <c>""</c> of a verbatim one,
    /// and the indentation a multi-line raw template drops from each line (review46 L1: a const raw template that
    /// includes a shared fragment, <c>$"""... {Shared} ..."""</c>, had its own instructions reported on the declaration).
    /// The caller compares the decoded value with the compiler's: on any disagreement the part stays unmapped.
    /// </summary>
    internal static class InterpolatedTextCharMap
    {
        public static (ImmutableArray<int> Starts, ImmutableArray<int> Ends, string Value)? Create(InterpolatedStringTextSyntax text)
        {
            if (!(text.Parent is InterpolatedStringExpressionSyntax owner))
            {
                return null;
            }

            var source = text.TextToken.Text;
            var value = new StringBuilder(source.Length);
            var starts = ImmutableArray.CreateBuilder<int>(source.Length);
            var ends = ImmutableArray.CreateBuilder<int>(source.Length);
            var start = owner.StringStartToken;
            bool ok;
            switch (start.Kind())
            {
                case SyntaxKind.InterpolatedStringStartToken:
                    ok = LiteralCharMap.RegularContent(source, 0, source.Length, interpolated: true, value, starts, ends);
                    break;
                case SyntaxKind.InterpolatedVerbatimStringStartToken:
                    ok = LiteralCharMap.VerbatimContent(source, 0, source.Length, interpolated: true, value, starts, ends);
                    break;
                case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
                    // Raw: braces fewer than the `$` count are text as written, nothing is escaped.
                    for (var i = 0; i < source.Length; i++)
                    {
                        LiteralCharMap.Emit(value, starts, ends, source[i], i, i + 1);
                    }

                    ok = true;
                    break;
                case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
                    ok = MultiLineRaw(source, Indentation(owner.StringEndToken.Text), StartsLine(owner, text), value, starts, ends);
                    break;
                default:
                    ok = false;
                    break;
            }

            if (!ok)
            {
                return null;
            }

            var origin = text.TextToken.SpanStart;
            for (var i = 0; i < starts.Count; i++)
            {
                starts[i] += origin;
                ends[i] += origin;
            }

            return (starts.ToImmutable(), ends.ToImmutable(), value.ToString());
        }

        /// <summary>The whitespace before the closing quotes of a multi-line raw template (its end token is "\n    \"\"\"").</summary>
        private static string Indentation(string endToken)
        {
            var lineStart = endToken.LastIndexOfAny(new[] { '\n', '\r' }) + 1;
            var quotes = endToken.IndexOf('"', lineStart);
            return quotes < lineStart ? string.Empty : endToken.Substring(lineStart, quotes - lineStart);
        }

        /// <summary>The first text part starts a line (the start token ends with the opening line break); one after a hole does not.</summary>
        private static bool StartsLine(InterpolatedStringExpressionSyntax owner, InterpolatedStringTextSyntax text) =>
            owner.Contents.Count > 0 && owner.Contents[0] == text;

        /// <summary>The text as written, less the indentation at the start of each of its lines; a line of only whitespace is empty.</summary>
        private static bool MultiLineRaw(string s, string indentation, bool atLineStart, StringBuilder value, ImmutableArray<int>.Builder starts, ImmutableArray<int>.Builder ends)
        {
            var i = 0;
            while (i < s.Length)
            {
                if (atLineStart)
                {
                    atLineStart = false;
                    var k = i;
                    while (k < s.Length && (s[k] == ' ' || s[k] == '\t'))
                    {
                        k++;
                    }

                    if (k < s.Length && (s[k] == '\n' || s[k] == '\r'))
                    {
                        i = k;
                        continue;
                    }

                    if (s.Length - i < indentation.Length || string.CompareOrdinal(s, i, indentation, 0, indentation.Length) != 0)
                    {
                        return false;
                    }

                    i += indentation.Length;
                    continue;
                }

                var c = s[i];
                LiteralCharMap.Emit(value, starts, ends, c, i, i + 1);
                i++;
                if (c == '\n' || (c == '\r' && !(i < s.Length && s[i] == '\n')))
                {
                    atLineStart = true;
                }
            }

            return true;
        }
    }
}
